import Foundation
import GLPKSolver

/// Where a post's optimal decision flips as one parameter moves.
public struct TippingResult: Sendable {
    /// The scenario's name, and the command-line changes applied (`Scenario.changes`).
    public var scenario: String = ""
    public var changes: [String] = []
    /// The variant searched from.
    public var variant: String = ""
    public var post: String
    public var path: String
    /// The unit of the parameter (`MarginsResult.unit(ofInput:currency:)`: "EUR a year",
    /// "cases a year", "share", …); nil for a path of no known unit.
    public var unit: String? = nil
    public var range: ClosedRange<Double>
    public var tolerance: Double
    /// The decision (open?) at each scanned value, in order.
    public var scan: [(value: Double, open: Bool?)]
    /// The bracket of the first flip from the low end: the decision differs
    /// between `below` and `above`, with `above − below ≤ tolerance`.
    public var below: Double?
    public var above: Double?
    public var planBelow: Plan?
    public var planAbove: Plan?
    /// The flip itself, between `below` and `above`: where the best network with the post
    /// open and the best with it closed are worth the same (their difference, linear
    /// between the bracket's ends, read at 0: exact where it is linear there, as it is in
    /// a cost, a weight or a penalty while both sides keep their plans). The figure
    /// `margins` gives for the same decision. Nil for an input on a lattice (whole
    /// numbers: the flip is between two of them), when a side has no plan, or when the
    /// best plans on the two sides are not the same two at both ends (a plan that changes
    /// inside the bracket: the lead jumps there and the middle is quoted).
    public var crossing: Double? = nil
    /// For an input on a lattice (`Margins.lattice`), the bracket's end that holds the
    /// answer of every value between the two: the top for a limit (the diplomat cap, a
    /// count of closures or openings: a cap of 9.5 where the figures are whole leaves the
    /// room of 9), the bottom for a post's own diplomats (any figure above 3 needs the room
    /// 4 does: a hostile pass found 3.2 closing a post said to close "once it exceeds 3.5").
    public var latticeEdge: Double? = nil
    /// The value quoted as the flip: `crossing`, else `latticeEdge`, else the bracket's middle.
    public var threshold: Double? { crossing ?? latticeEdge ?? below.flatMap { b in above.map { (b + $0) / 2 } } }
    public var solves: Int
    /// More flips were seen in the scan than the one bracketed (a non-monotone answer).
    public var moreFlips: Int
    /// The post is a candidate: the sentence says "is opened" and "is not opened", not
    /// "stays open" and "closes" (an analyst read "HAV closes" of a post that never existed).
    public var candidate = false
    /// The input takes whole numbers only (a count of closures or openings): no value lies
    /// between a bracket's ends one apart.
    public var wholeOnly = false
    /// How many values of the input's lattice the range holds; nil for a real number.
    public var latticeCount: Int? = nil
    /// Every value of the input's lattice in the range was solved (`Tipping.latticeScanLimit`):
    /// no flip lies between two values tried.
    public var everyValue: Bool { latticeCount.map { $0 <= Tipping.latticeScanLimit } ?? false }
    /// For a lattice scanned at some of its values only, the caveat the sentence ends with
    /// (a scan of 11 of 41 caps said "from 8 on" where 9 and 12 closed the post again).
    var partialScan: String { Tipping.partialScanCaveat(solved: Set(scan.map(\.value)).count, of: latticeCount) }
    /// The parameter's value in the variant searched from (after `--set`), in its unit; nil
    /// for a wildcard path whose items differ.
    public var current: Double? = nil

    public var found: Bool { below != nil }
    /// The values tried that have no plan.
    public var unplanned: [Double] { scan.filter { $0.open == nil }.map(\.value) }

    /// The sentence analysts quote.
    public var sentence: String {
        guard let lo = below, let hi = above, let pb = planBelow, let pa = planAbove else {
            let states = Set(scan.compactMap(\.open))
            if states.count == 1, let s = states.first, unplanned.isEmpty {
                // A scan, not a bound: a flip and its return between two values tried are not seen.
                return "\(post) is \(word(s)) at every value tried (\(scan.count)) in \(path) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))]: "
                    + (everyValue ? "no tipping point (every value of its lattice in the range solved)." : "no tipping point found (two flips between neighbouring values would not be seen).")
            }
            if states.count == 1, let s = states.first, let a = unplanned.min(), let b = unplanned.max() {
                return "\(post) is \(word(s)) wherever a plan exists in \(path) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))]; "
                    + "\(unplanned.count) of the values tried, from \(num(a)) to \(num(b)), have no plan."
            }
            return "No tipping point found for \(post) over \(path) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))]."
        }
        let openAbove = pa.open.contains(post)
        let threshold = self.threshold ?? (lo + hi) / 2
        let (open, shut) = candidate ? ("is opened", "is not opened") : ("stays open", "closes")
        let verb = openAbove ? open : shut
        let other = openAbove ? shut : open
        _ = pb
        let shown = Fmt.distinct([threshold, lo, hi])
        // Where the variant's own value lies against it: how far the input must move.
        // Without the crossing (a count, or a plan that changes inside the bracket) the
        // middle quoted is no value of the input: the distance is to the bracket's nearer end.
        func gap(_ d: Double) -> String { Fmt.significant(Fmt.clean(abs(d)), digits: 4) }
        let now = current.map { c in
            " The value now (\(variant)\(changes.isEmpty ? "" : " with --set")) is \(Fmt.distinct([c, threshold])[0])"
                + (crossing != nil || latticeEdge != nil
                   ? (c == threshold ? ", at the tipping point." : ", \(gap(threshold - c)) \(c < threshold ? "below" : "above") it.")
                   : c > hi ? ", \(gap(c - hi)) above the bracket's top (\(shown[2]))." : c < lo ? ", \(gap(lo - c)) below its bottom (\(shown[1]))." : ", inside the bracket.")
        } ?? ""
        let head: String
        if let edge = latticeEdge, edge == lo {
            head = "\(post) \(verb) once \(path) exceeds \(shown[1]) (a value between \(shown[1]) and \(shown[2]) answers as \(shown[2]) does: the diplomat figures move "
                + "the answer in steps); at \(shown[1]) and below it \(post) \(other)."
        } else if latticeEdge != nil {
            head = "\(post) \(verb) from \(path) = \(shown[2]) on" + (hi - lo > 1 || lo != lo.rounded() || hi != hi.rounded() || !wholeOnly
                ? " (a value between \(shown[1]) and \(shown[2]) answers as \(shown[1]) does)" : "") + "; below it \(post) \(other)."
        } else {
            head = "\(post) \(verb) once \(path) exceeds \(shown[0]) (between \(shown[1]) and \(shown[2])); below it \(post) \(other)."
        }
        return head + now
            + (moreFlips > 0 ? " The decision flips \(moreFlips) more time\(moreFlips == 1 ? "" : "s") further up the range." : "")
            + (unplanned.isEmpty ? "" : " \(unplanned.count) of the values tried, from \(num(unplanned.min()!)) to \(num(unplanned.max()!)), have no plan.")
            + partialScan
    }

    func num(_ x: Double) -> String { Fmt.significant(x, digits: 4) }
    /// The decision in words: "open"/"closed", or "opened"/"not opened" for a candidate.
    public func word(_ open: Bool) -> String { candidate ? (open ? "opened" : "not opened") : (open ? "open" : "closed") }
}

public enum Tipping {
    /// A range holding at most this many values of its input's lattice is scanned at every
    /// one of them (`Margins.Lattice.scanValues`): no flip between two values tried is then
    /// missed.
    public static let latticeScanLimit = 40

    /// The caveat a tipping sentence ends with when its lattice's range holds `count` values
    /// (nil: a real number) and only `solved` of them were solved (more than
    /// `latticeScanLimit`); empty otherwise.
    static func partialScanCaveat(solved: Int, of count: Int?) -> String {
        guard let n = count, n > latticeScanLimit else { return "" }
        return " The scan solved \(solved) of the \(n) values of its lattice in the range: a flip and its return between two of them would not be seen "
            + "(a range of at most \(latticeScanLimit) values is solved at every one)."
    }

    /// For an input on a lattice bracketed between `below` and `above` (neighbouring values
    /// of the scan, or a range end and its nearest lattice value), the end that decides every
    /// value between them (`TippingResult.latticeEdge`): the bottom for a post's own
    /// diplomats (any figure above it needs the room the top does), the top otherwise (a
    /// limit between the two leaves the room of the bottom).
    static func latticeEdge(_ path: ParameterPath, below: Double, above: Double) -> Double {
        if case .post(_, .diplomats) = path.target { return below }
        return above
    }

    /// The error for a range holding fewer than two values of `lattice` (nil: a real number
    /// whose range rounds to one value).
    static func tooFewValues(_ path: ParameterPath, named text: String, lattice: Margins.Lattice?) -> ParameterError {
        guard let lattice else { return ParameterError("the range of \(text) holds fewer than two values to scan: give a wider one") }
        if path.isInteger { return ParameterError("\(text) takes whole numbers: give a range of at least two of them") }
        if lattice.isWhole {
            return ParameterError("\(text) moves the answer at whole numbers only (every diplomat figure is whole): give a range holding at least two of them")
        }
        return ParameterError("\(text) moves the answer in steps of \(Reading.format(lattice.step)) (the diplomat figures' common step): give a range of at least two of them")
    }

    /// The range searched when none is given: 0 to twice the current value (0 to 1 for a
    /// share or a count at 0 now), within what the parameter may take (a value of 1e-9 was
    /// searched over 0–1 and its flip at 1.5e-9 read as 0.0005); from a hundredth of the current
    /// value (at most 0.01) where 0 is refused (`horizon_years` must be > 0).
    /// - Throws: `ParameterError` for an optional limit the scenario leaves off (no budget):
    ///   a default would impose one of 0 to 1 and read the decision there as the scenario's,
    ///   so the range must be given; and for a number at 0 now that is neither a share nor
    ///   a count (a closing cost of 0): 0 to 1 is no range for money (a scan of 0–1 EUR
    ///   read "no tipping point found").
    ///   `owner` names who holds the number in messages (a coalition's state; the variant by default).
    public static func defaultRange(_ path: ParameterPath, in s: Scenario, owner: String? = nil) throws(ParameterError) -> ClosedRange<Double> {
        let owner = owner ?? s.variant
        guard let current = path.value(in: s) else {
            throw ParameterError("\(owner) sets no \(path.text) (the limit is off): give --range LO..HI to scan the values it would impose")
        }
        if current == 0, path.range.upperBound > 1, !path.isInteger {
            throw ParameterError("\(path.text) is 0 in \(owner), so the default range (0 to twice the value now) is empty: give --range LO..HI")
        }
        let upper = min(current > 0 ? 2 * current : 1, path.range.upperBound)
        var probe = s
        // A hundredth of the value now (at most 0.01): a horizon of 1e-5 years was searched from
        // 1e-4, above its own twice, and the empty range ended in "--tolerance … found 0".
        let lower = (try? path.set(&probe, to: 0)) != nil ? 0 : min(current, 1) / 100
        return min(lower, upper)...upper
    }

    /// Refuses a search whose range reaches a value (`end`, set in `s`) whose model GLPK
    /// must not be given (coefficients beyond 1e9 or infinite: a penalty of 1e12 a case, a
    /// horizon of 1e-12 years), naming the range, the input (`naming`) and, for a
    /// coalition's state, whose model (`owner`). Called on a range's ends before any solve:
    /// the coefficients move monotonically with one input, so the ends are the extremes.
    ///
    /// - Throws: `ParameterError` with GLPK's first objection.
    public static func requireSolvable(_ s: Scenario, at end: Double, of range: ClosedRange<Double>, naming: String, owner: String? = nil,
                                       planner: Planner) throws(ParameterError) {
        let problems = GLPKSolver.problems(of: planner.formulate(s).model, options: planner.options)
        guard let first = problems.first else { return }
        throw ParameterError("--range \(Reading.format(range.lowerBound))..\(Reading.format(range.upperBound)): at \(naming) = \(Reading.format(end)) "
                             + "\(owner.map { "\($0)'s model" } ?? "the model") cannot be given to GLPK "
                             + "(\(first)\(problems.count > 1 ? "; and \(problems.count - 1) more" : "")): narrow the range")
    }

    /// Scans `points` evenly spaced values in parallel, then bisects the first
    /// bracket where the post's decision changes until it is narrower than `tolerance`;
    /// beside values without a plan, the nearest value with one is located first.
    ///
    /// - Throws: `ParameterError` for an unknown or forced post, a variant in evaluate
    ///   mode, a bad tolerance or point count; `NoPlanError` when no value tried has a plan.
    public static func find(_ base: Scenario, post: String, path: ParameterPath, range: ClosedRange<Double>,
                            tolerance: Double, points: Int = 9, planner: Planner) throws -> TippingResult {
        guard base.post(post) != nil else {
            throw ParameterError("no post \"\(post)\"\(didYouMeanOrList(post, base.posts.map(\.id), noun: "posts"))")
        }
        if base.mode == .evaluate {
            throw ParameterError("variant \(base.variant) evaluates the network as it stands: no post's decision can flip; start from a variant that optimises")
        }
        guard tolerance.isFinite, tolerance > 0 else { throw ParameterError("the tolerance must be a number > 0, found \(tolerance)") }
        guard (2...10_000).contains(points) else { throw ParameterError("the scan takes 2 to 10,000 points, found \(points)") }
        if base.post(post)?.force != nil {
            throw ParameterError("post \(post) is forced \(base.post(post)!.force!.rawValue) in variant \(base.variant): its decision cannot flip")
        }
        func scenario(_ v: Double) throws -> Scenario {
            var s = base
            try path.set(&s, to: v)
            return s
        }
        // A count (max_closures, max_openings; the diplomat cap or a post's diplomats when every
        // diplomat figure is whole, `Margins.lattice`) is scanned and bisected on whole numbers;
        // the cap or a post's diplomats whose figures are multiples of a fraction (0.5 for 1.5
        // and 2) on the multiples of that step (`Margins.lattice`).
        let lattice = Margins.lattice(path, in: [base])
        var values = evenlySpaced(from: range.lowerBound, to: range.upperBound, count: points)
        // A lattice's values inside the range, and its ends unless the input takes whole
        // numbers only (`Margins.Lattice.scanValues`).
        values = lattice.map { $0.scanValues(values, in: range, ends: !path.isInteger, every: latticeScanLimit) } ?? Array(Set(values.map(meaningful))).sorted()
        let n = values.count
        guard n >= 2 else { throw tooFewValues(path, named: path.text, lattice: lattice) }
        // A range reaching values whose model GLPK must not be given (a penalty of 1e12 a
        // case, a horizon of 1e-12 years: coefficients beyond 1e9 or infinite) is refused
        // before any solve, naming the end; the scan failed there after solving the rest.
        // The coefficients move monotonically with one input, so the ends are the extremes.
        for end in [values[0], values[n - 1]] {
            try requireSolvable(try scenario(end), at: end, of: range, naming: path.text, planner: planner)
        }
        let plans = try planner.solveAll(values.map(scenario))
        guard plans.contains(where: \.hasSolution) else {
            throw NoPlanError("no value of \(path.text) in [\(Reading.format(range.lowerBound)), \(Reading.format(range.upperBound))] tried has a plan "
                              + "(\(plans.first?.status ?? "")): there is no decision to flip")
        }
        var solves = plans.count
        let decisions: [Bool?] = plans.map { $0.hasSolution ? $0.open.contains(post) : nil }
        var result = TippingResult(post: post, path: path.text, range: range, tolerance: tolerance,
                                   scan: Array(zip(values, decisions)).map { ($0.0, $0.1) },
                                   below: nil, above: nil, planBelow: nil, planAbove: nil, solves: solves, moreFlips: 0)
        (result.scenario, result.variant, result.changes) = (base.name, base.variant, base.changes)
        result.latticeCount = lattice?.count(in: range)
        result.candidate = base.post(post)?.status == .candidate
        result.current = path.singleValue(in: base)
        result.unit = MarginsResult.unit(ofInput: path.text, currency: base.currency, capacityInUnits: base.formatVersion >= 2)
        func midpoint(_ a: Double, _ b: Double) -> Double? {
            if let lattice { return lattice.midpoint(a, b) }
            // Below the spacing of floating-point numbers a bracket cannot narrow, nor inside
            // the band of values the file refuses (0 < |v| < 1e-9).
            let (lo, hi) = (min(a, b), max(a, b))
            return meaningfulMidpoint((lo + hi) / 2, between: lo, and: hi)
        }
        // The points with a plan, and next to each stretch without one the value with a
        // plan nearest to it: a flip may sit right beside values that have no plan (a
        // diplomat cap too low for the forced posts), where the scan alone never sees it.
        var solved: [(value: Double, plan: Plan)] = zip(values, plans).filter { $0.1.hasSolution }
        var probed: [(value: Double, open: Bool?)] = []
        for i in 1..<n where (decisions[i - 1] == nil) != (decisions[i] == nil) {
            let noPlanFirst = decisions[i - 1] == nil
            var bad = noPlanFirst ? values[i - 1] : values[i], good = noPlanFirst ? values[i] : values[i - 1]
            var goodPlan = noPlanFirst ? plans[i] : plans[i - 1]
            while abs(good - bad) > (lattice?.step ?? tolerance), let mid = midpoint(bad, good) {
                let p = try planner.solve(try scenario(mid))
                solves += 1
                if p.hasSolution { good = mid; goodPlan = p } else { bad = mid }
                probed.append((mid, p.hasSolution ? p.open.contains(post) : nil))
            }
            if good != (noPlanFirst ? values[i] : values[i - 1]) { solved.append((good, goodPlan)) }
        }
        solved.sort { $0.value < $1.value }
        result.scan = (result.scan + probed).sorted { $0.value < $1.value }
        result.solves = solves
        var flips: [Int] = []
        for i in solved.indices.dropFirst() where solved[i - 1].plan.open.contains(post) != solved[i].plan.open.contains(post) {
            flips.append(i)
        }
        guard let k = flips.first else { return result }
        result.moreFlips = flips.count - 1
        var lo = solved[k - 1].value, hi = solved[k].value
        var planLo = solved[k - 1].plan, planHi = solved[k].plan
        let openLo = planLo.open.contains(post)
        while hi - lo > (lattice?.step ?? tolerance), let mid = midpoint(lo, hi) {
            let p = try planner.solve(try scenario(mid))
            solves += 1
            guard p.hasSolution else { break }
            if p.open.contains(post) == openLo { lo = mid; planLo = p } else { hi = mid; planHi = p }
        }
        // The flip itself, not the bracket's middle: at each end the free optimum is the best
        // network on its side, and one solve with the post decided the other way gives the
        // best on the other; the lead of opening, linear between the ends while the two plans
        // are the same at both, crosses 0 at the point (Margins reads its flips the same way).
        // Not on a lattice, where the flip lies between two whole values.
        if lattice == nil, hi > lo {
            let otherLo = try planner.solve(Margins.forcing(try scenario(lo), post, openLo ? .closed : .open))
            let otherHi = try planner.solve(Margins.forcing(try scenario(hi), post, openLo ? .open : .closed))
            solves += 2
            // Only between the same two plans: the best network with the post at one end must be
            // the one chosen at the other. A plan that changes inside the bracket (a budget that
            // stops fitting a post, a one-off cost) makes the lead jump there, and the
            // interpolation would place the flip on the wrong side of it (a hostile pass found
            // 1,998.7 for a flip at exactly 2,000): the middle is quoted then.
            if otherLo.hasSolution, otherHi.hasSolution, Set(otherLo.open) == Set(planHi.open), Set(otherHi.open) == Set(planLo.open) {
                let a = Margins.openingLead(post, planLo, other: otherLo), b = Margins.openingLead(post, planHi, other: otherHi)
                if a != b, a * b <= 0 { result.crossing = min(max(lo + (hi - lo) * a / (a - b), lo), hi) }
            }
        }
        result.below = lo
        result.above = hi
        if lattice != nil, hi > lo {
            result.latticeEdge = latticeEdge(path, below: lo, above: hi)
            result.wholeOnly = path.isInteger
        }
        result.planBelow = planLo
        result.planAbove = planHi
        result.solves = solves
        return result
    }
}
