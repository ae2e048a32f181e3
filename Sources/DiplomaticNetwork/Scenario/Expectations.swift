/// A comparison of variants declared in the file.
public struct ComparisonSpec: Sendable {
    public var name: String
    public var baseline: String
    public var variants: [String]
}

/// What `dipnet test` checks for one variant.
public struct ExpectationSet: Sendable {
    public var variant: String
    public var checks: [Check]
    public var location: SourceLocation

    public enum Quantity: String, Sendable, CaseIterable {
        case netBenefit = "net_benefit", value, cost, coverage, unserved
    }
    public enum PostSet: String, Sendable, CaseIterable {
        case open, closed, opened
    }
    public enum Check: Sendable {
        case status(String, SourceLocation)
        /// `tolerance` nil: exact to 1e-6 relative (with an absolute floor of 1e-6).
        case number(Quantity, Double, tolerance: Double?, SourceLocation)
        case contains(PostSet, [String], SourceLocation)
        /// The conclusion, not its figures: this variant's net benefit is above
        /// `other`'s by more than `margin` (money a year; 0 for "beats").
        case beats(other: String, margin: Double, SourceLocation)
    }

    /// The expect key a check was written under (`status`, `net_benefit`, `open`, `beats`, …).
    public static func key(_ c: Check) -> String {
        switch c {
        case .status: "status"
        case .number(let q, _, _, _): q.rawValue
        case .contains(let set, _, _): set.rawValue
        case .beats: "beats"
        }
    }

    /// Every key an expect block may use.
    public static var keys: [String] { ["status"] + Quantity.allCases.map(\.rawValue) + PostSet.allCases.map(\.rawValue) + ["beats"] }

    /// The variants whose plans the checks compare against (`beats`).
    public var rivals: [String] {
        checks.compactMap { if case .beats(let o, _, _) = $0 { o } else { nil } }
    }

    static let statuses = ["optimal", "feasible", "infeasible", "unbounded", "time_limit", "interrupted"]
}
