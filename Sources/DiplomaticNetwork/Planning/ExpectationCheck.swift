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
    /// Checks every expectation against a plan; `plans` holds the plans of the
    /// variants named by `beats` checks (a missing one fails its check).
    public func check(_ plan: Plan, plans: [String: Plan] = [:]) -> [ExpectationOutcome] {
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
                return Self.figure(variant: variant, what: q.rawValue, expected: expected, tolerance: tolerance, measured: measured,
                                   missing: "no solution (\(plan.status))", at: loc)
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
            case .beats(let other, let margin, let loc):
                let expected = "net benefit above \(other)'s" + (margin > 0 ? " by more than \(Fmt.money(margin))" : "")
                guard plan.hasSolution, let rival = plans[other], rival.hasSolution else {
                    let why = !plan.hasSolution ? "no solution (\(plan.status))" : "\(other) has no solution (\(plans[other]?.status ?? "not solved"))"
                    return ExpectationOutcome(variant: variant, what: "beats \(other)", expected: expected, measured: why, passed: false, location: loc)
                }
                let lead = plan.netBenefit - rival.netBenefit
                // A tie within the solver's tolerance is not a win; a margin is compared as given.
                let passed = margin > 0 ? lead > margin : lead > 1e-6 * max(1, abs(plan.netBenefit), abs(rival.netBenefit))
                let measured = lead >= 0 ? "ahead by \(Fmt.money(lead))" : "behind by \(Fmt.money(-lead))"
                return ExpectationOutcome(variant: variant, what: "beats \(other)", expected: expected, measured: measured, passed: passed, location: loc)
            }
        }
    }

    /// A number checked against its expectation: `tolerance` nil means exact to 1e-6
    /// relative, as scenario-format.md's rules of reading say, and an expected 0 within
    /// 1e-6 (no relative tolerance can meet 0, and a net benefit of 0 between terms of 1e8
    /// is solved as ±1e-8); `missing` is said when there is no measure. (Every figure had
    /// a floor of 1e-6 before: a coverage of 0.000124 passed against 0.00012346, 0.4% apart.)
    static func figure(variant: String, what: String, expected: Double, tolerance: Double?, measured: Double?,
                       missing: String, at loc: SourceLocation) -> ExpectationOutcome {
        let tol = tolerance ?? (expected == 0 ? 1e-6 : 1e-6 * abs(expected))
        let exp = tolerance.map { "\(show(expected)) ± \(show($0))" } ?? show(expected)
        return ExpectationOutcome(variant: variant, what: what, expected: exp, measured: measured.map(show) ?? missing,
                                  passed: measured.map { abs($0 - expected) <= tol } ?? false, location: loc)
    }

    /// A figure as the expectations read it: 10 significant digits (`Fmt.clean`), so that
    /// a measured 480.00000000000045 reads 480.
    static func show(_ x: Double) -> String {
        let x = Fmt.clean(x)
        return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
