import Foundation

/// How far each uncertain input of a coalition is from flipping one post's joint
/// decision (`dipnet coalition FILE --margins STATE:POST`): for each parameter of the
/// file's `uncertainty:` section (wildcards left out), a `--tipping` scan over the
/// range its distribution gives, bisecting the flip nearest the value now. One input
/// at a time; the standalone and joint plans are solved again at every value.
public struct CoalitionMarginsResult: Sendable {
    public struct Row: Sendable {
        /// `STATE:PATH`.
        public var input: String
        /// The value now (in the file, after `--set`); nil when unset.
        public var current: Double?
        /// The values searched: the distribution's range (× the value now for a factor;
        /// mean ± 3 sd, at least 0, for a normal distribution).
        public var searched: ClosedRange<Double>
        /// The flip nearest the value now: the decision differs between the bracket's ends.
        public var bracket: ClosedRange<Double>?
        /// The post's joint decision above the flip.
        public var openAbove: Bool?
        /// Other flips the scan saw within `searched`.
        public var moreFlips: Int
        /// Joint solves (each with the standalone plans).
        public var solves: Int
        /// Why the input could not be scanned, when it could not.
        public var error: String?
        /// Given with `--param` (no distribution: no share of draws beyond its flip).
        public var fromParam = false
        /// Values scanned at which there was no joint plan (a state infeasible alone,
        /// a failed solve): the decision is unknown there, so a flip may lie among them.
        public var withoutPlan: [Double] = []
        /// The chance that a draw of the input's distribution (the section's) lies on the far
        /// side of the flip from the value now, where the decision differs: a guide to how
        /// likely the flip is, one input at a time. nil without a flip.
        public var chanceBeyond: Double?
        /// Whether a coalition's simulation draws the input's range: false for one the section
        /// states with `draw: false`; nil for an input given with `--param`.
        public var statedDrawn: Bool? = nil
        /// The bracket's ends at which the post's decision is a tie within the solver's
        /// tolerance (`CoalitionTippingResult.ties`): a solve there may pick either plan.
        public var ties: [Double] = []

        /// Where the best joint plans on each side of the flip are worth the same
        /// (`CoalitionTippingResult.crossing`); nil when not read.
        public var crossing: Double? = nil
        /// For an input on a lattice, the bracket's end that decides the values between its
        /// ends (`CoalitionTippingResult.latticeEdge`); nil otherwise.
        public var latticeEdge: Double? = nil
        /// The flip: `crossing`, else `latticeEdge`, else the bracket's midpoint; nil without a flip.
        public var flipsAt: Double? { crossing ?? latticeEdge ?? bracket.map { ($0.lowerBound + $0.upperBound) / 2 } }
        /// The flip relative to the value now (nil without a flip or a value now of 0).
        public var relativeChange: Double? {
            guard let f = flipsAt, let c = current, c != 0 else { return nil }
            return (f - c) / abs(c)
        }
    }
    public var coalition: String
    /// STATE:POST.
    public var post: String
    /// Its joint decision at the file's values; nil when that plan failed.
    public var openNow: Bool?
    /// `--set` changes applied first.
    public var changes: [String] = []
    /// Nearest flip first (by relative change; inputs whose value now is 0 or unset
    /// after those), inputs without a flip last.
    public var rows: [Row]

    /// The sentence analysts quote.
    public var sentence: String {
        let now = openNow.map { $0 ? "open" : "closed" } ?? "without a joint plan"
        guard let nearest = rows.first(where: { $0.flipsAt != nil }), let at = nearest.flipsAt else {
            // Nine values a range, no bound between them: a flip between two is not ruled out.
            return "\(post) is \(now) in the joint plan, and no input of the uncertainty section was found to flip it within its range "
                + "(nine values each, one input at a time; two flips between neighbouring values would not be seen)."
        }
        let how = nearest.relativeChange.map { " (\($0 >= 0 ? "+" : "−")\(Fmt.percent(abs($0))) from its value now)" } ?? ""
        let flipping = rows.filter { $0.flipsAt != nil }
        var text = "\(post) is \(now) in the joint plan; the nearest flip is \(nearest.input) at about \(Self.shown(at))\(how). "
            + "\(flipping.count) of \(rows.count) inputs flip it within their range, one at a time."
        if let likeliest = flipping.filter({ $0.chanceBeyond != nil }).max(by: { $0.chanceBeyond! < $1.chanceBeyond! }), likeliest.input != nearest.input {
            text += " The likeliest by its own distribution is \(likeliest.input) (\(Fmt.percent(likeliest.chanceBeyond!)) of its draws lie beyond its flip"
                + (likeliest.statedDrawn == false ? "; a range stated with draw: false, which the simulation does not draw)." : ").")
        }
        return text
    }

    /// A value as the report shows it: grouped from 1,000, else four significant digits.
    public static func shown(_ x: Double) -> String {
        abs(x) >= 1000 ? Fmt.grouped(x, decimals: 0) : String(format: "%.4g", x)
    }
}

public enum CoalitionMargins {
    /// - Parameters:
    ///   - post: STATE:POST, not forced.
    ///   - planner: its parallelism is spread over the inputs.
    ///   - extra: inputs beyond the `uncertainty:` section (`--param STATE:PATH=LO..HI`),
    ///     each scanned over its range; they have no distribution, so no share of draws
    ///     beyond their flip.
    /// - Throws: `ParameterError` when the file has no `uncertainty:` section (or only
    ///   wildcard parameters) and no `extra` input, an extra input names no single number
    ///   of a state or is given twice, or the post is unknown or forced; `NoPlanError`
    ///   when the plan at the file's values fails.
    public static func find(_ c: CoalitionFile, post: String, planner: CoalitionPlanner,
                            extra: [(label: String, range: ClosedRange<Double>)] = []) throws -> CoalitionMarginsResult {
        var params = (c.uncertainty?.ranges ?? []).filter { !$0.path.isWildcard }
        let statedOnly = Set((c.uncertainty?.stated ?? []).map(\.label))
        var added: Set<String> = []
        for (label, range) in extra {
            let parts = label.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let k = c.stateIndices(parts[0], path: parts[1]).first ?? c.states.firstIndex(where: { $0.id == parts[0] }) else {
                throw ParameterError("--param takes STATE:PATH=LO..HI with a state of the file (\(c.states.map(\.id).joined(separator: ", "))) or * for every state, found \(label)")
            }
            let st = c.states[k], stateID = parts[0] == "*" ? "*" : st.id
            let path = try ParameterPath(parts[1], in: st.scenario)
            guard !path.isWildcard else { throw ParameterError("--param \(label): a margin is one number; name one item instead of *") }
            guard !params.contains(where: { $0.label == "\(stateID):\(path.text)" }) else {
                throw ParameterError("--param \(label): the input is \(added.contains("\(stateID):\(path.text)") ? "given twice" : "in the uncertainty section already, scanned over its range")")
            }
            guard range.lowerBound.isFinite, range.upperBound > range.lowerBound else { throw ParameterError("--param \(label): expected LO..HI with LO < HI") }
            params.append(.init(path: path, distribution: .uniform(min: range.lowerBound, max: range.upperBound), relative: false, state: stateID))
            added.insert("\(stateID):\(path.text)")
        }
        guard !params.isEmpty else {
            throw ParameterError(c.uncertainty == nil
                ? "\(c.path) has no `uncertainty:` section: --margins scans its parameters over their ranges (docs/coalition-format.md, \"Uncertainty\"), or give inputs with --param STATE:PATH=LO..HI"
                : "the `uncertainty:` section has no parameter that names one number (wildcards are left out); give inputs with --param STATE:PATH=LO..HI")
        }
        let (k, postID) = try c.statePost(post, role: "--margins")
        if let f = c.states[k].scenario.post(postID)!.force { throw ParameterError("\(post) is forced \(f.rawValue): its decision cannot flip") }
        let solo = planner.oneThread
        let now: CoalitionResult
        do { now = try solo.solve(c) } catch { throw NoPlanError("the plan at the file's values: \(error)") }
        let openNow = now.states[k].openJointly.map { $0.contains(postID) }
        let inputs = params, extraLabels = added
        let rows = WorkerPool.map(count: inputs.count, parallelism: planner.planner.parallelism) { i -> CoalitionMarginsResult.Row in
            let prm = inputs[i]
            // the first state the input names (for `*:PATH`, every state has the same value once set)
            let st = c.states[c.stateIndices(prm.state, path: prm.path.text).first ?? 0]
            let current = prm.path.value(in: st.scenario)
            // The range drawn, widened to the value now: a flip between the value now and a
            // range that lies wholly on one side of it is a flip within reach of the draws.
            var searched = range(of: prm.distribution, relative: prm.relative, current: current, limit: prm.path.range)
            if let v = current { searched = min(searched.lowerBound, v)...max(searched.upperBound, v) }
            var row = CoalitionMarginsResult.Row(input: prm.label, current: current, searched: searched, bracket: nil, openAbove: nil,
                                                 moreFlips: 0, solves: 0, error: nil, chanceBeyond: nil)
            row.fromParam = extraLabels.contains(prm.label)
            row.statedDrawn = row.fromParam ? nil : !statedOnly.contains(prm.label)
            guard searched.upperBound > searched.lowerBound else {
                row.error = prm.relative && (current ?? 0) == 0
                    ? "its value now is \(current == nil ? "unset" : "0"), so a factor on it draws only that: nothing to scan"
                    : "its distribution draws only its value now: nothing to scan"
                return row
            }
            do {
                let t = try CoalitionTipping.find(c, parameter: prm.label, post: post, range: searched,
                                                  tolerance: (searched.upperBound - searched.lowerBound) / 2000, points: 9,
                                                  near: current, planner: solo)
                row.solves = t.solves
                row.withoutPlan = t.scan.filter { $0.open == nil }.map(\.value)
                if let lo = t.below, let hi = t.above, let above = hi.open {
                    row.bracket = lo.value...hi.value
                    row.openAbove = above
                    row.moreFlips = t.moreFlips
                    row.ties = t.ties.map(\.value)
                    row.crossing = t.crossing
                    row.latticeEdge = t.latticeEdge
                    // The decision differs from now on the far side of the nearest flip (an
                    // input given with --param has no distribution to say how likely).
                    // On a lattice the edge may be the end whose decision is now's (a post's
                    // diplomats flipping above 3 from 3 now): the draws strictly past it, on the
                    // bracket's side of the value now.
                    if let at = row.flipsAt, let v = current, !extraLabels.contains(prm.label) {
                        let upward = (lo.value + hi.value) / 2 > v
                        let exclusive = t.latticeEdge.map { $0 == (upward ? lo.value : hi.value) } ?? false
                        row.chanceBeyond = prm.distribution.chanceBeyond(at, upward: upward, inclusive: !exclusive, from: v, relative: prm.relative)
                    }
                }
            } catch { row.error = "\(error)" }
            return row
        }
        func key(_ r: CoalitionMarginsResult.Row) -> (Int, Double, String) {
            guard let f = r.flipsAt else { return (2, 0, r.input) }
            guard let rel = r.relativeChange else { return (1, abs(f - (r.current ?? 0)), r.input) }
            return (0, abs(rel), r.input)
        }
        return CoalitionMarginsResult(coalition: c.name, post: post, openNow: openNow,
                                      rows: rows.sorted { key($0) < key($1) })
    }

    /// The values a distribution draws: its support (× `current` for a factor), a normal
    /// distribution's mean ± 3 sd at least 0, clipped to what the input may take.
    static func range(of d: Distribution, relative: Bool, current: Double?, limit: ClosedRange<Double>) -> ClosedRange<Double> {
        let support = d.support(normalSDs: 3)
        var (lo, hi) = (support.lowerBound, support.upperBound)
        if relative { (lo, hi) = ((current ?? 0) * lo, (current ?? 0) * hi) }
        lo = min(max(lo, limit.lowerBound), limit.upperBound)
        hi = min(max(hi, limit.lowerBound), limit.upperBound)
        return lo...max(lo, hi)
    }
}
