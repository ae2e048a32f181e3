/// The outcome of one `expect` entry.
public struct ExpectationOutcome: Sendable {
    public var variant: String
    public var what: String
    public var expected: String
    public var measured: String
    public var passed: Bool
    public var location: SourceLocation
}

extension ExpectationSet {
    /// Checks every expectation against a plan.
    public func check(_ plan: Plan) -> [ExpectationOutcome] {
        checks.map { check in
            switch check {
            case .status(let s, let loc):
                return ExpectationOutcome(variant: variant, what: "status", expected: s, measured: plan.status,
                                          passed: plan.status == s, location: loc)
            case .number(let q, let expected, let tolerance, let loc):
                let measured: Double? = plan.hasSolution ? {
                    switch q {
                    case .netBenefit: plan.netBenefit
                    case .value: plan.value
                    case .cost: plan.cost.total
                    case .coverage: plan.coverage
                    case .unserved: plan.unserved
                    }
                }() : nil
                let tol = tolerance ?? 1e-6 * max(1, abs(expected))
                let ok = measured.map { abs($0 - expected) <= tol } ?? false
                let exp = tolerance.map { "\(Self.show(expected)) ± \(Self.show($0))" } ?? Self.show(expected)
                return ExpectationOutcome(variant: variant, what: q.rawValue, expected: exp,
                                          measured: measured.map(Self.show) ?? "no solution (\(plan.status))", passed: ok, location: loc)
            case .contains(let set, let ids, let loc):
                let have: [String] = switch set {
                case .open: plan.open
                case .closed: plan.closed
                case .opened: plan.opened
                }
                let missing = ids.filter { !have.contains($0) }
                return ExpectationOutcome(variant: variant, what: set.rawValue, expected: "includes \(ids.joined(separator: ", "))",
                                          measured: plan.hasSolution ? (missing.isEmpty ? "includes them" : "missing \(missing.joined(separator: ", "))") : "no solution (\(plan.status))",
                                          passed: plan.hasSolution && missing.isEmpty, location: loc)
            }
        }
    }

    static func show(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
