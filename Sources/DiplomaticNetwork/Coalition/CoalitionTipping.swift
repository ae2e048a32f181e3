import Foundation

/// Where a post's decision in a coalition's joint plan flips as one number of one
/// state's scenario moves (`dipnet coalition FILE --tipping STATE:PATH --post STATE:POST`):
/// the joint plan is solved again at each value, with individual rationality, so the
/// answer includes the standalone plans moving too.
public struct CoalitionTippingResult: Sendable {
    /// One solve of the scan or the bisection.
    public struct Point: Sendable {
        /// The value of the parameter.
        public var value: Double
        /// Whether the post is open in the joint plan; nil when the joint plan failed.
        public var open: Bool?
        /// The coalition's joint total, money a year (nil without a joint plan).
        public var jointTotal: Double?
        /// The joint solve's status (`optimal`, `feasible` with a gap, …).
        public var status: String
        /// Every post open in the joint plan, `STATE:POST`; nil without a joint plan.
        public var decisions: Set<String>? = nil
    }
    public var coalition: String
    /// `STATE:PATH` and `STATE:POST` as given.
    public var parameter: String
    public var post: String
    public var range: ClosedRange<Double>
    public var tolerance: Double
    /// The value now (in the file, after `--set`).
    public var current: Double?
    /// The evenly spaced scan, in order.
    public var scan: [Point]
    /// The first flip from the low end, bracketed to `tolerance`: the decision differs
    /// between `below` and `above`.
    public var below: Point?
    public var above: Point?
    public var solves: Int
    /// Other flips the scan saw: above the bracketed one, or on either side of it with `near`.
    public var moreFlips: Int
    /// A bracket end where the joint plan that decides the post otherwise earns as much,
    /// within the solver's tolerance (1e-7 of the joint total, as `dipnet margins` reads a
    /// tie): `lead` is how much more the plan found earns (money a year, ≥ about 0).
    public struct Tie: Sendable { public var value: Double; public var lead: Double }
    /// The bracket's ends at which the decision is a tie (one more joint solve each, with
    /// the post forced the other way): there a re-solve may pick either plan, so the flip's
    /// place is known only to within the bracket's neighbourhood (a re-solve check found the
    /// Benelux coalition's NLD:HAV closed at a bracket end said to be open, EUR 3 apart).
    public var ties: [Tie] = []
    /// The flip itself, between `below` and `above`: where the best joint plan with the post
    /// open and the best with it closed are worth the same (the lead of one decision over
    /// the other, from the forced solves at each end, read at 0 by linear interpolation:
    /// exact where the lead is linear between the ends). Nil for a whole-number input,
    /// or when a solve at an end is not proven optimal or has no joint plan.
    public var crossing: Double? = nil
    /// For an input on a lattice (`Margins.lattice`: a count of closures or openings, the
    /// diplomat cap or a post's diplomats, whose answer moves only at multiples of the
    /// diplomat figures' step), the bracket's end that holds the answer of every value
    /// between the two (`Tipping.latticeEdge`): the top for a limit, the bottom for a post's
    /// own diplomats. The scan was a real number's before (2026-12-06): a cap of 5.5 diplomats
    /// where every figure is whole was bisected to 0.01 and quoted as a middle.
    public var latticeEdge: Double? = nil
    /// Whether the input takes whole numbers only (closures, openings allowed).
    public var wholeOnly = false
    /// How many values of the input's lattice the range holds; nil for a real number.
    public var latticeCount: Int? = nil
    /// Every value of the input's lattice in the range was solved (`Tipping.latticeScanLimit`).
    public var everyValue: Bool { latticeCount.map { $0 <= Tipping.latticeScanLimit } ?? false }
    /// The value quoted as the flip: `crossing`, else `latticeEdge`, else the bracket's
    /// middle; nil without one.
    public var threshold: Double? { crossing ?? latticeEdge ?? below.flatMap { b in above.map { (b.value + $0.value) / 2 } } }
    /// For `*:PATH` whose states hold different values now: which state's value `current`
    /// is, and the others' (e.g. "BEL's; NLD 2,780"); nil otherwise.
    public var valuesNow: String? = nil

    /// The sentence analysts quote.
    public var sentence: String {
        func num(_ x: Double) -> String { abs(x) >= 1000 ? Fmt.money(x) : String(format: "%.4g", x) }
        guard let lo = below, let hi = above, let openAbove = hi.open else {
            let states = Set(scan.compactMap(\.open))
            let failed = scan.filter { $0.open == nil }.count
            if states.count == 1, let s = states.first, failed > 0 {
                return "\(post) is \(s ? "open" : "closed") in the joint plan at every value of \(parameter) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))] "
                    + "that has one, but \(failed) of the \(scan.count) values scanned \(failed == 1 ? "has" : "have") no joint plan (see the scan): a tipping point may lie among them."
            }
            if states.count == 1, let s = states.first {
                // A scan, not a bound: a flip and its return between two values tried are not seen.
                return "\(post) is \(s ? "open" : "closed") in the joint plan at every value tried (\(scan.count)) in \(parameter) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))]: "
                    + (everyValue ? "no tipping point (every value of its lattice in the range solved)." : "no tipping point found (two flips between neighbouring values would not be seen).")
            }
            return "No tipping point found for \(post) in the joint plan over \(parameter) ∈ [\(num(range.lowerBound)), \(num(range.upperBound))]."
        }
        let verb = openAbove ? "stays open" : "closes"
        let other = openAbove ? "closes" : "stays open"
        // A bracket narrower than the shown rounding gets the digits that tell its ends apart.
        // Ends that four significant digits cannot tell apart (a bracket 1e-12 wide about
        // 1.5e-9 read "between 1.5e-09 and 1.5e-09") get the digits that can.
        let quoted = [lo.value, hi.value, threshold ?? (lo.value + hi.value) / 2]
        let ends = num(lo.value) == num(hi.value) ? Fmt.distinct(quoted) : nil
        func shown(_ x: Double) -> String {
            if let ends, let k = quoted.firstIndex(of: x) { return ends[k] }
            return hi.value - lo.value < 1 && abs(x) >= 1000 ? Fmt.grouped(x, decimals: 3) : num(x)
        }
        let unproven = (scan + [lo, hi]).contains { $0.status != "optimal" && $0.open != nil }
            ? " Some joint plans were not proven optimal (\(Set((scan + [lo, hi]).map(\.status)).subtracting(["optimal"]).sorted().joined(separator: ", "))): the flip may lie elsewhere."
            : ""
        let failed = scan.filter { $0.open == nil }.count
        let noPlan = failed > 0 ? " \(failed) scanned value\(failed == 1 ? " has" : "s have") no joint plan (see the scan)." : ""
        let head: String
        if let edge = latticeEdge, edge == lo.value {
            head = "In the joint plan, \(post) \(verb) once \(parameter) exceeds \(shown(lo.value)) (a value between \(shown(lo.value)) and \(shown(hi.value)) answers as \(shown(hi.value)) does: "
                + "the diplomat figures move the answer in steps); at \(shown(lo.value)) and below it \(post) \(other)."
        } else if latticeEdge != nil {
            let between = wholeOnly && hi.value - lo.value == 1 ? "" : " (a value between \(shown(lo.value)) and \(shown(hi.value)) answers as \(shown(lo.value)) does)"
            head = "In the joint plan, \(post) \(verb) from \(parameter) = \(shown(hi.value)) on\(between); below it \(post) \(other)."
        } else {
            head = "In the joint plan, \(post) \(verb) once \(parameter) exceeds \(shown(threshold ?? (lo.value + hi.value) / 2)) (between \(shown(lo.value)) and \(shown(hi.value))); below it \(post) \(other)."
        }
        let tie = ties.isEmpty ? "" : " At \(ties.map { shown($0.value) }.joined(separator: " and ")) a plan that decides \(post) otherwise earns as much "
            + "within the solver's tolerance (\(ties.map { Fmt.money(abs($0.lead)) }.joined(separator: " and ")) apart): the decision is a tie there, "
            + "and a solve may pick either plan."
        let now = valuesNow.map { " The value now is \($0); every state takes each value scanned." } ?? ""
        let partial = Tipping.partialScanCaveat(solved: Set(scan.map(\.value)).count, of: latticeCount)
        return head + (moreFlips > 0 ? " The decision flips \(moreFlips) more time\(moreFlips == 1 ? "" : "s") further up the range." : "") + tie + unproven + noPlan + now + partial
    }
}

public enum CoalitionTipping {
    /// Scans `points` evenly spaced values, then bisects the first bracket where the
    /// post's joint decision changes until it is narrower than `tolerance`.
    ///
    /// - Parameters:
    ///   - parameter: `STATE:PATH`, any path `--set` takes (e.g. `NLD:posts.HAV.capacity`).
    ///   - post: `STATE:POST`, a post of one state (it must not be forced).
    ///   - range: the values searched; default 0 to twice the value now.
    /// - Throws: `ParameterError` for an unknown state, path or post, a forced post, a
    ///   bad range or tolerance; a solver failure on the first scan.
    ///   - started: called once the arguments are found good, before the first solve (the
    ///     command line announces the scan there, so that a refusal comes alone).
    ///   - near: bisect the flip whose scanned bracket lies nearest this value instead of
    ///     the first from the low end (`--margins`: the flip nearest the value now).
    public static func find(_ c: CoalitionFile, parameter: String, post: String, range: ClosedRange<Double>?,
                            tolerance: Double?, points: Int = 9, near: Double? = nil,
                            planner: CoalitionPlanner, started: () -> Void = {}) throws -> CoalitionTippingResult {
        func split(_ text: String, _ what: String) throws(ParameterError) -> (state: Int, rest: String) {
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
                throw ParameterError("expected \(what) as STATE:\(what == "--tipping" ? "PATH" : "POST"), found \(text)")
            }
            let state = String(text[..<colon])
            // `*:PATH` (--tipping only): one value for every state that has the path; the
            // value now is the first such state's.
            if state == "*", what == "--tipping" {
                let rest = String(text[text.index(after: colon)...])
                guard let k = c.stateIndices("*", path: rest).first else {
                    _ = try ParameterPath(rest, in: c.states[0].scenario)
                    throw ParameterError("--tipping *:\(rest): no state's scenario has this path")
                }
                return (k, rest)
            }
            guard let k = c.states.firstIndex(where: { $0.id == state }) else {
                throw ParameterError("\(what): no state \"\(state)\"\(didYouMean(state, c.states.map(\.id)))")
            }
            return (k, String(text[text.index(after: colon)...]))
        }
        let (ks, pathText) = try split(parameter, "--tipping")
        let every = parameter.hasPrefix("*:")
        let (kp, postID) = try split(post, "--post")
        let path = try ParameterPath(pathText, in: c.states[ks].scenario)
        if path.isWildcard {
            throw ParameterError("--tipping follows one number; \(pathText) names several (`*`): name one id")
        }
        guard let p = c.states[kp].scenario.post(postID) else {
            throw ParameterError("--post: \(c.states[kp].id) has no post \"\(postID)\"\(didYouMeanOrList(postID, c.states[kp].scenario.posts.map(\.id), noun: "posts"))")
        }
        if let f = p.force { throw ParameterError("\(post) is forced \(f.rawValue): its decision cannot flip") }
        guard (2...200).contains(points) else { throw ParameterError("the scan takes 2 to 200 points, found \(points)") }
        let current = path.value(in: c.states[ks].scenario)
        // An optional limit the state does not set (no budget): the default range would impose
        // one of 0 to 1 and report the joint decision there as if it were the file's.
        // An optional limit the state leaves off, or an amount at 0 now: `Tipping.defaultRange`
        // refuses it, named by the state.
        let bounds: ClosedRange<Double>
        if let range { bounds = range } else {
            do { bounds = try Tipping.defaultRange(path, in: c.states[ks].scenario, owner: c.states[ks].id) }
            catch { throw ParameterError("--tipping \(parameter): \(error)") }
        }
        guard bounds.lowerBound.isFinite, bounds.upperBound.isFinite, bounds.upperBound > bounds.lowerBound else {
            throw ParameterError("the range must run from a lower to a higher number, found \(bounds)")
        }
        // As for a scenario's tipping: values the input may not take are refused up front
        // (a share scanned to 2 listed half the scan as "no joint plan").
        try path.requireRange(bounds, in: c.states[ks].scenario, naming: parameter)
        // As a scenario's tipping: a range end whose model GLPK must not be given (a penalty
        // of 2e9 a case) is refused up front, checked on each state's own model there (the
        // joint model holds the same coefficients); the scan listed half its values as
        // "no plan: the model cannot be given to GLPK".
        for end in [bounds.lowerBound, bounds.upperBound] {
            guard let changed = try? c.setting(state: every ? "*" : c.states[ks].id, path: pathText, to: end) else { continue }
            for k in (every ? c.stateIndices("*", path: pathText) : [ks]) {
                try Tipping.requireSolvable(changed.states[k].scenario, at: end, of: bounds, naming: parameter, owner: c.states[k].id,
                                            planner: planner.planner)
            }
        }
        var tol = tolerance ?? (bounds.upperBound - bounds.lowerBound) / 1000
        guard tol.isFinite, tol > 0 else { throw ParameterError("--tolerance must be a number > 0, found \(Reading.format(tol))") }
        // A count, or a diplomat figure of the states that take the value (`Margins.lattice`,
        // over their scenarios: every state's own cap row holds its own figures), is scanned
        // and bisected on its lattice, as a scenario's tipping is; a bracket is at least a
        // step wide.
        let holders = every ? c.stateIndices("*", path: pathText) : [ks]
        let lattice = Margins.lattice(path, in: holders.map { c.states[$0].scenario })
        // Narrowed to neighbouring values whatever the tolerance: a range of 0..10000 stopped
        // at its width / 1000 and quoted "exceeds 0 (any value above it answers as 9.5 does)"
        // for an edge at 1.5 (a hostile pass).
        if let lattice { tol = lattice.step }
        let spaced = evenlySpaced(from: bounds.lowerBound, to: bounds.upperBound, count: points)
        let values: [Double]
        if let lattice {
            values = lattice.scanValues(spaced, in: bounds, ends: !path.isInteger, every: Tipping.latticeScanLimit)
        } else {
            // Distinct values in order (a count's values round alike: 0..3 in nine points
            // solved eleven times for four values).
            var seen = Set<Double>()
            values = spaced.map(meaningful).filter { seen.insert($0).inserted }
        }
        guard values.count >= 2 else { throw Tipping.tooFewValues(path, named: parameter, lattice: lattice) }
        started()   // every refusal above comes before the scan is announced
        var solves = 0
        let postIndex = c.states[kp].scenario.posts.firstIndex { $0.id == postID }!
        /// The joint plan at `v`; with `forced`, the best joint plan that decides the post that
        /// way, reversed in the joint problem only: the floors of individual rationality stay the
        /// states' own optima (forced in the state's scenario, the post moved its standalone plan
        /// too, lowering its floor, and the "other" plan could earn more than the optimum: a tie
        /// reported 100 apart, a hostile pass's case).
        func solve(_ v: Double, forced: Post.Force? = nil) throws -> CoalitionTippingResult.Point {
            // The scan's and the bisection's values are the lattice's already (or a range end).
            let value = lattice != nil ? v : meaningful(v)
            let changed: CoalitionFile
            do {
                changed = try c.setting(state: every ? "*" : c.states[ks].id, path: pathText, to: value)
            } catch {
                return .init(value: value, open: nil, jointTotal: nil, status: "error: \(error)")
            }
            solves += 1
            // A value at which a state has no plan alone (a budget below any network), or whose
            // model GLPK cannot be given (a cost too large), is a point without a joint plan, not
            // the end of the search.
            do {
                var scanner = planner
                scanner.determinateSplit = false   // the scan reads decisions and totals only
                if let forced { scanner.jointFixes = [(kp, postIndex, forced == .open)] }
                let r = try scanner.solve(changed)
                var point = CoalitionTippingResult.Point(value: value, open: r.states[kp].openJointly.map { $0.contains(postID) },
                                                         jointTotal: r.jointTotal, status: r.status)
                if r.jointTotal != nil { point.decisions = Set(r.states.flatMap { st in (st.openJointly ?? []).map { "\(st.id):\($0)" } }) }
                return point
            } catch {
                return .init(value: value, open: nil, jointTotal: nil, status: "no plan: \(error)")
            }
        }
        var scan: [CoalitionTippingResult.Point] = []
        for v in values { scan.append(try solve(v)) }
        var result = CoalitionTippingResult(coalition: c.name, parameter: parameter, post: post, range: bounds, tolerance: tol,
                                            current: current, scan: scan, below: nil, above: nil, solves: 0, moreFlips: 0)
        result.latticeCount = lattice?.count(in: bounds)
        if every {
            // `*:PATH`: the value now is one state's; say whose when the others differ.
            let values = c.stateIndices("*", path: pathText).compactMap { k in path.value(in: c.states[k].scenario).map { (c.states[k].id, $0) } }
            if Set(values.map(\.1)).count > 1, let first = values.first {
                result.valuesNow = "\(first.0)'s (\(Fmt.figure(first.1))); " + values.dropFirst().map { "\($0.0) \(Fmt.figure($0.1))" }.joined(separator: ", ")
            }
        }
        let flips = zip(scan, scan.dropFirst()).enumerated().filter { _, pair in
            pair.0.open != nil && pair.1.open != nil && pair.0.open != pair.1.open
        }.map(\.offset)
        // The first flip from the low end, or the one nearest `near`.
        let chosen = near.flatMap { v in
            flips.min { abs((scan[$0].value + scan[$0 + 1].value) / 2 - v) < abs((scan[$1].value + scan[$1 + 1].value) / 2 - v) }
        } ?? flips.first
        if let first = chosen {
            var lo = scan[first], hi = scan[first + 1]
            while hi.value - lo.value > tol {
                guard let mid = lattice.map({ $0.midpoint(lo.value, hi.value) })
                        ?? meaningfulMidpoint((lo.value + hi.value) / 2, between: lo.value, and: hi.value),
                      mid > lo.value, mid < hi.value else { break }
                let m = try solve(mid)
                guard m.open != nil else { break }
                if m.open == lo.open { lo = m } else { hi = m }
            }
            (result.below, result.above, result.moreFlips) = (lo, hi, flips.count - 1)
            // Each end's decision told from a tie: the best joint plan that decides the post the
            // other way, solved once more (as `dipnet margins` does for a post's decision).
            var leads: [Double] = []
            var others: [Set<String>?] = []
            for end in [lo, hi] {
                guard let open = end.open, let total = end.jointTotal, let forced = try? solve(end.value, forced: open ? .closed : .open),
                      let other = forced.jointTotal else { continue }
                if abs(total - other) <= 1e-7 * max(1, abs(total)) { result.ties.append(.init(value: end.value, lead: total - other)) }
                if end.status == "optimal", forced.status == "optimal" { leads.append(total - other); others.append(forced.decisions) }
            }
            // The flip itself (as a scenario's tipping and margins read it): each end's lead of
            // its decision over the other, linear between the ends, crosses 0 in between.
            // Only between the same two joint plans at both ends: one that changes inside the
            // bracket makes the lead jump there (the single-state case's reason).
            if lattice == nil, leads.count == 2, leads[0] >= 0, leads[1] >= 0, leads[0] + leads[1] > 0,
               others[0] != nil, others[0] == hi.decisions, others[1] == lo.decisions {
                result.crossing = lo.value + (hi.value - lo.value) * leads[0] / (leads[0] + leads[1])
            }
            if lattice != nil, hi.value > lo.value {
                result.latticeEdge = Tipping.latticeEdge(path, below: lo.value, above: hi.value)
                result.wholeOnly = path.isInteger
            }
        }
        result.solves = solves
        return result
    }
}

extension CoalitionFile {
    /// The changes of `changes` (`STATE:PATH=VALUE`, `*:PATH=VALUE`) that an analysis setting
    /// `input` (`STATE:PATH` or `*:PATH`, one number) replaces only in part, so that what they
    /// write beyond it still holds (`ScenarioFile.replacedWarning`'s `partly`): a `*:` change
    /// while the input is one state's (the other states keep it), a mapping, or a path the
    /// input's does not wholly replace in a state both touch (`ParameterPath.replaces`: a
    /// wildcard of which the input is one item, a total whose split the change made).
    /// Changes that do not touch the input, or whose paths do not read, are left out; so is
    /// a change of which the search and the later changes of `changes` leave nothing, state
    /// by state (`*:X=1` then `B:X=2` under a search of `A:X`, with states A and B; or
    /// `*:posts.*.annual_cost` then one `--set` per post: `ParameterPath.replace`).
    public func replacedInPart(by input: String, changes: [String]) -> [String] {
        let target = ChangeTarget(input)
        guard let inputState = target.state else { return [] }
        let inputPath = target.parts.joined(separator: ".")
        func value(_ change: String) -> String {
            change.split(separator: "=", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let searched = Set(stateIndices(inputState, path: inputPath))
        return changes.enumerated().filter { i, change in
            let own = ChangeTarget(change)
            guard own.meets(target), let ownState = own.state else { return false }
            let ownPath = own.parts.joined(separator: ".")
            // A mapping writes several numbers or a split that one number set afterwards keeps.
            if value(change).hasPrefix("{") { return true }
            // In each state it touches: what the search and the later scalar changes write there.
            return stateIndices(ownState, path: ownPath).contains { k in
                let s = states[k].scenario
                guard let mine = try? ParameterPath(ownPath, in: s) else { return !searched.contains(k) }
                // in the order applied: the later changes, then the search's value
                var writers: [ParameterPath] = []
                for later in changes[(i + 1)...] where !value(later).hasPrefix("{") {
                    let t = ChangeTarget(later), path = t.parts.joined(separator: ".")
                    guard let laterState = t.state, stateIndices(laterState, path: path).contains(k),
                          let theirs = try? ParameterPath(path, in: s) else { continue }
                    writers.append(theirs)
                }
                if searched.contains(k), let input = try? ParameterPath(inputPath, in: s) { writers.append(input) }
                return !ParameterPath.replace(mine, by: writers, in: s)
            }
        }.map(\.element)
    }
}
