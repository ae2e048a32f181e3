import Foundation

/// Pairs of inputs that flip a comparison's answer together, each inside its stated
/// range, where neither flips it alone there: the search `margins --pairs` runs over the
/// inputs the scenario's `uncertainty:` section states a range for.
///
/// Method (screen, then solve):
/// 1. Each input alone at each end of its stated range (the others at their values):
///    the difference `variant − baseline` in net benefit (money a year) there. An input
///    whose difference changes sign at an end flips the answer alone and is reported as
///    such; it is paired only where the other input carries at least a quarter of the
///    move (the pair flips with it at most 3/4 of the way to its own flip, read linearly).
/// 2. Every pair of the others is screened by the additive prediction at each corner of
///    its two ranges, `d₀ + Δᵢ + Δⱼ` (Δ: the change an input makes alone at that end).
///    Corners predicted to flip, or to come within `screen` × |d₀| of it (interaction can
///    add the rest), are solved with both inputs set.
/// 3. A pair that flips at its corner is traced back along the straight line from the
///    values now to the corner (both inputs moved in proportion) to the nearest flip,
///    `fraction` of the way (regula falsi, to 1%, on the flipping side; probes at each
///    eighth of the way there find an earlier flip where the answer turns more than once,
///    unless it turns back within an eighth), and the chance that independent draws
///    of both lie at least that far out is the product of their chances (the draws of
///    `simulate` are independent).
/// 4. Each input that flips an answer alone at a range end is searched as `margins`
///    searches it (`Margins.run`, the lead only): where it alone first reverses the answer
///    and the share of its stated distribution beyond, so that the summary weighs a single
///    input's flip against the pairs' (a single input's can be the likelier). So is each
///    input whose range is relative to a value that is 0 in the baseline (`zeroRelative`),
///    around the value a variant sets (`zeroRelativeFlips`).
///
/// Limits: an input flips "alone" only if it does at a range end (a flip inside the range
/// is margins' to find); corners are solved only where the additive prediction qualifies
/// them (strong interaction can hide one: raise `screen`), at most `maxSolved` of them;
/// an end where a compared scenario has no plan is pulled in to the last value with one;
/// an input that a compared variant sets to its own value is left out of that variant's
/// answer (its value is part of what the variant assumes), and searched for the others'.
/// Only net-benefit answers are searched, not posts' decisions.
public struct MarginsPairs: Sendable {
    /// One input alone at one end of its stated range.
    public struct Single: Sendable {
        public var variant: String
        public var input: String
        public var current: Double
        public var end: Double
        /// Net benefit of the variant minus the baseline's with the input at `end`.
        public var difference: Double
        /// Whether `difference` is a tie (within 1e-7 of the net benefit, `Margins.isTie`):
        /// the input alone brings the answer to a tie at its end, not to the other side.
        /// It is treated as flipping alone all the same (a second input moved the same way
        /// flips it), but reported as a tie.
        public var tie = false
        /// Where the input alone first reverses the answer, searched from the value now
        /// (`MarginsResult.Row.flipsAt` of margins' own search of it, step 4 of the method),
        /// and the share of its stated distribution at which the answer is reversed, one
        /// input at a time (`MarginsResult.Row.chanceBeyond`: the figure to weigh against a
        /// pair's `chance`). Nil for a tie (`tie`), and when that search finds no flip or no
        /// share (an input without a drawn distribution has no share).
        public var flipsAt: Double? = nil
        public var chance: Double? = nil
        /// For a count or a diplomat figure, the lattice edge the answer now holds at
        /// (`MarginsResult.Row.flipsPast`: "3 (from above 2)", a figure of 2.5 answering as 3).
        public var flipsPast: Double? = nil
    }

    /// A pair that flips the answer at a corner of the two ranges.
    public struct Pair: Sendable {
        public var variant: String
        public var first: String
        public var firstCurrent: Double
        public var firstEnd: Double
        public var second: String
        public var secondCurrent: Double
        public var secondEnd: Double
        /// The additive prediction at the corner, money a year.
        public var predicted: Double
        /// Solved at the corner, money a year.
        public var difference: Double
        /// How far along the line from the values now to the corner the answer first flips
        /// (0…1), and the two values there.
        public var fraction: Double
        public var firstAt: Double
        public var secondAt: Double
        /// Chance that independent draws of both inputs lie at least as far out as
        /// `firstAt` and `secondAt` (nil when an input has no drawn distribution).
        public var chance: Double?
        /// Whether each input flips the answer alone at its end: the pair is then reported
        /// because it flips with that input moved at most 3/4 of the way to its own flip.
        public var firstFlipsAlone = false
        public var secondFlipsAlone = false
        /// The stated range's end where `firstEnd` (`secondEnd`) was pulled in from it because
        /// a compared scenario has no plan there (`shortened`); nil where the end is the
        /// stated one. A pair's line said "to their range ends" of ends pulled in (a hostile pass).
        public var firstStatedEnd: Double? = nil
        public var secondStatedEnd: Double? = nil
        /// Whether the answer at the corner is a tie (within 1e-7 of the net benefit,
        /// `Margins.isTie`) rather than the other side ahead: the pair brings it to a tie.
        public var tie = false
    }

    public var scenario: String = ""
    public var changes: [String] = []
    /// The scenario's currency (`Scenario.currency`), for the summary's money, and whether
    /// capacities are in capacity units (format version 2), for its units
    /// (`MarginsResult.unit(ofInput:currency:capacityInUnits:)`).
    public var currency: String = ""
    public var capacityInUnits = false
    /// Each input searched in the scenario's own words (`InputLabel`), by path: what the
    /// summary names it by. An input without words is absent (its path is shown).
    public var labels: [String: String] = [:]
    public var comparison: String
    public var baseline: String
    /// Each variant's answer now, in words, and its difference now (money a year).
    public var answers: [(variant: String, now: String, difference: Double)]
    /// The inputs searched (those with a stated range), and those left out because every
    /// compared variant sets them to its own value.
    public var inputs: [String]
    public var leftOut: [String]
    /// The inputs searched for some variants' answers only: for each variant that sets
    /// inputs of `inputs` to its own value, those inputs, left out of its answer (no lone
    /// flip, no pair) and searched for the other variants'. Empty when none. (Until
    /// 2026-12-07 such an input was left out of every variant's answer.)
    public var leftOutFor: [(variant: String, inputs: [String])] = []
    /// Inputs whose range is stated relative to their value, which is 0 in the baseline, so
    /// that the range is empty and nothing is paired (a variant that sets the input has the
    /// range around its own value, which `margins` searches). Empty when none.
    public var zeroRelative: [String] = []
    /// Where an input of `zeroRelative` alone reverses an answer, searched as `margins`
    /// searches it (around the value the variant sets): one per answer it flips.
    public var zeroRelativeFlips: [ZeroRelativeFlip] = []

    /// An input of `zeroRelative` that alone reverses a variant's answer.
    public struct ZeroRelativeFlip: Sendable {
        public var variant: String
        public var input: String
        /// The value searched from (the variant's own) and where the answer first reverses.
        public var current: Double
        public var flipsAt: Double
        /// Whether the flip lies inside the range stated around `current`, and the share of
        /// that range's distribution at which the answer is reversed (nil without one).
        public var inside: Bool
        public var chance: Double?
        /// As `Single.flipsPast`.
        public var flipsPast: Double? = nil
    }
    /// The inputs searched whose range is stated with `draw: false`: tested here, left out
    /// of `simulate` (unless `--draw-stated`), so a pair's chance with one of them is not a
    /// chance a simulation counts. Empty when none.
    public var statedNotDrawn: [String] = []
    /// Inputs that flip an answer alone at an end of their stated range.
    public var alone: [Single]
    /// Pairs screened (each at every corner of its two ranges), corners whose additive
    /// prediction qualified, corners solved (at most `maxSolved`, the most promising first),
    /// corners where a compared scenario has no plan, and the flipping pairs (one row a pair
    /// and variant: its likeliest flipping corner; the likeliest pairs first).
    public var screened: Int
    /// By variant: the inputs left to pair for its answer (`inputs` less those it sets,
    /// `leftOutFor`) and the corners solved for it, so that an answer no pair flips says
    /// what was searched for it, not for the run.
    public var pairableFor: [String: Int] = [:]
    public var solvedFor: [String: Int] = [:]
    public var noPlanFor: [String: Int] = [:]
    public var qualified: Int
    public var solvedCorners: Int
    public var noPlanCorners: Int
    public var pairs: [Pair]
    /// Range ends where a compared scenario has no plan, each with how far it was searched.
    public var shortened: [String]
    /// Variants that tie the baseline now: no answer to flip.
    public var tied: [String]
    /// Variants without a plan now, with their status: no answer to flip, left out (as in
    /// `MarginsResult.withoutPlan`). Empty when every variant has a plan.
    public var withoutPlan: [(variant: String, status: String)] = []
    public var screen: Double
    public var maxSolved: Int
    public var solves: Int
    public var seconds: Double

    /// Searches the pairs.
    ///
    /// - Parameters:
    ///   - only: restrict to these input paths (each must have a stated range).
    ///   - screen: a pair whose additive prediction comes within this share of the margin
    ///     now is solved at its corner (default 0.25).
    ///   - maxSolved: at most this many corners are solved, the most promising first.
    ///   - progress: called as each item of a step ends, with what the step counts
    ///     ("input": each input at its range ends; "corner": each corner solved and traced;
    ///     "lone input": each input that flips an answer alone, and each relative to 0,
    ///     searched as margins does),
    ///     the items done and their number (from the worker threads, one call at a time).
    /// - Throws: `ScenarioError` for an unknown variant, `ParameterError` for a path in
    ///   `only` that names nothing or has no stated range, `NoPlanError` when the baseline, or
    ///   every variant, has no plan now (a variant without one is left out: `withoutPlan`),
    ///   the solver's errors.
    public static func run(_ file: ScenarioFile, _ request: ComparisonRequest, planner: Planner, only: [String]? = nil,
                           screen: Double = 0.25, maxSolved: Int = 400,
                           progress: (@Sendable (_ unit: String, _ done: Int, _ total: Int) -> Void)? = nil) throws -> MarginsPairs {
        func reporter(_ unit: String, _ total: Int) -> (@Sendable (Int) -> Void)? {
            guard let progress else { return nil }
            return { @Sendable done in progress(unit, done, total) }
        }
        let started = Date()
        let (base, variants, plans, withoutPlan) = try Margins.solveCompared(file, request, planner: planner, keepingVariantsWithoutPlan: false)
        var solves = plans.count
        let d0 = plans.dropFirst().map { $0.netBenefit - plans[0].netBenefit }
        let answers = zip(variants, d0).map { v, d in
            (v.variant, Margins.isTie(d, plans[0].netBenefit) ? "\(v.variant) ties with \(base.variant)"
                : "\(v.variant) \(d >= 0 ? "beats" : "does worse than") \(base.variant) by \(Fmt.money(abs(d))) a year", d)
        }
        let scale = max(1, d0.map(abs).max() ?? 1)
        // The inputs with a stated range, as margins derives them (or as named).
        var candidates: [Margins.Input]
        var zeroRelative: [String] = []
        if let only {
            for (k, path) in only.enumerated() where only[..<k].contains(path) {
                throw ParameterError("--param \(path) is given twice: each input is paired once")
            }
            candidates = try only.map { text throws(ParameterError) in
                let path = try ParameterPath(text, in: base)
                if path.isWildcard { throw ParameterError("--param \(text): a pair is of single numbers; name one item instead of *") }
                let input = Margins.input(path, base, file, scale: scale)
                guard input.stated != nil else {
                    throw ParameterError("--param \(text): the file's uncertainty: section states no range for it, so no corner is inside a range")
                }
                return input
            }
        } else {
            let posts = Set(zip(variants, plans.dropFirst()).flatMap { v, p in
                v.posts.map(\.id).filter { Set(plans[0].open).contains($0) != Set(p.open).contains($0) }
            })
            let derived = Margins.derivedInputs(base, posts: posts, file: file, scale: scale)
            // A range stated relative to a value that is 0 here has no corner to pair (the
            // Spanish desk's capacity, off in the baseline): named, not dropped silently (a new user).
            zeroRelative = derived.filter { $0.stated == nil && $0.factorsAtZero != nil }.map(\.path.text)
            candidates = derived.filter { $0.stated != nil }
        }
        // An input a variant sets to its own value is part of what that variant assumes: left
        // out of its answer, searched for the others' (it was left out of every variant's,
        // which hid a lone flip of the answer of a variant that does not set it).
        var leftOut: [String] = []
        var heldByList: [[Int]] = []
        candidates = candidates.filter { input in
            let by = variants.indices.filter { v in input.path.value(in: variants[v]).map { !Margins.same($0, input.current) } ?? true }
            if by.count == variants.count { leftOut.append(input.path.text); return false }
            heldByList.append(by)
            return true
        }
        let inputs = candidates, heldBy = heldByList
        /// Whether variant `v`'s answer leaves input `k` out (`v` sets it to its own value).
        func held(_ k: Int, _ v: Int) -> Bool { heldBy[k].contains(v) }
        guard inputs.count >= 2 else {
            throw ParameterError(inputs.isEmpty && leftOut.isEmpty
                ? "no input of the comparison has a stated range (the file's uncertainty: section"
                    + ((file.uncertainty?.ranges.contains { $0.within != nil } ?? false) ? "; a range stated within other variants does not hold for this baseline" : "")
                    + "): a pair flips inside ranges, so there is nothing to pair (margins without --pairs searches each input over 0–3× its value)"
                : "\(inputs.count) input\(inputs.count == 1 ? "" : "s") with a stated range left to pair\(leftOut.isEmpty ? "" : " (\(variants.count == 1 ? "the compared variant holds" : "every compared variant holds") another value of \(leftOut.joined(separator: ", ")) than \(base.variant), one of them setting it)"): a pair needs two")
        }
        let solo = planner.sequential
        /// The net benefits of `list` with the given inputs set; nil when a value cannot be
        /// set or a scenario has no plan.
        @Sendable func netBenefits(_ settings: [(Margins.Input, Double)], _ list: [Scenario]) -> [Double]? {
            var nb: [Double] = []
            for s in list {
                var t = s
                for (input, x) in settings {
                    do throws(ParameterError) { try input.path.set(&t, to: x) } catch { return nil }
                }
                guard let p = try? solo.solve(t), p.hasSolution else { return nil }
                nb.append(p.netBenefit)
            }
            return nb
        }
        /// Differences (one per variant) with input `k` set: NaN for a variant that sets it
        /// to its own value (not solved: its answer leaves the input out).
        @Sendable func differences(_ k: Int, _ x: Double) -> [Double]? {
            let kept = variants.indices.filter { !heldBy[k].contains($0) }
            return netBenefits([(inputs[k], x)], [base] + kept.map { variants[$0] }).map { nb in
                var d = Array(repeating: Double.nan, count: variants.count)
                for (n, v) in kept.enumerated() { d[v] = nb[n + 1] - nb[0] }
                return d
            }
        }
        /// One variant's difference: only the baseline and that variant solved.
        @Sendable func difference(_ settings: [(Margins.Input, Double)], _ v: Int) -> Double? {
            netBenefits(settings, [base, variants[v]]).map { $0[1] - $0[0] }
        }
        // 1. Each input alone at each end of its stated range. An end where a compared
        // scenario has no plan (a cost that breaks the budget) is pulled in to the farthest
        // value with one, and the output says so: skipping it hid flips nearer in.
        let ends0: [[Double]] = inputs.map { i in
            [i.stated!.lowerBound, i.stated!.upperBound].filter { !Margins.same($0, i.current) }
        }
        let reached = WorkerPool.map(count: inputs.count, parallelism: planner.parallelism,
                                     finished: reporter("input", inputs.count)) { k -> [(end: Double, diffs: [Double], solves: Int)?] in
            let input = inputs[k]
            let solved = 1 + variants.count - heldBy[k].count
            return ends0[k].map { end in
                var used = solved
                if let d = differences(k, end) { return (end, d, used) }
                var (lo, hi) = (input.current, end)
                var best: (Double, [Double])? = nil
                for _ in 0..<14 {
                    let x = (lo + hi) / 2
                    used += solved
                    if let d = differences(k, x) { best = (x, d); lo = x } else { hi = x }
                }
                return best.map { ($0.0, $0.1, used) }
            }
        }
        solves += reached.joined().reduce(0) { $0 + ($1?.solves ?? 0) }
        var shortened: [String] = []
        for k in inputs.indices {
            for (e, r) in zip(ends0[k], reached[k]) where r.map({ !Margins.same($0.end, e) }) ?? true {
                // Which scenario has none there (one solve each, at such ends only): the note
                // named the input and the value, not the variant.
                let kept = [base] + variants.indices.filter { !held(k, $0) }.map { variants[$0] }
                let missing = kept.filter { netBenefits([(inputs[k], e)], [$0]) == nil }.map(\.variant)
                solves += kept.count
                shortened.append("\(inputs[k].path.text) at \(Fmt.written(e)): no plan for \(missing.isEmpty ? "a scenario compared" : missing.joined(separator: ", "))"
                                 + (r.map { "; searched up to \(Fmt.written($0.end))" } ?? "; that end left out"))
            }
        }
        let ends: [[Double]] = reached.map { $0.compactMap { $0?.end } }
        let aloneDiffs: [[[Double]]] = reached.map { $0.compactMap { $0?.diffs } }
        @Sendable func flips(_ d: Double, _ now: Double, _ nb: Double) -> Bool { (d > 0) != (now > 0) || Margins.isTie(d, nb) }
        var alone: [Single] = []
        var flipsAlone = Array(repeating: Array(repeating: false, count: variants.count), count: inputs.count)
        var tied: [String] = []
        for v in variants.indices where Margins.isTie(d0[v], plans[0].netBenefit) { tied.append(variants[v].variant) }
        for k in inputs.indices {
            for (e, diffs) in zip(ends[k], aloneDiffs[k]) {
                for v in variants.indices where !held(k, v) && !Margins.isTie(d0[v], plans[0].netBenefit) && flips(diffs[v], d0[v], plans[0].netBenefit) {
                    flipsAlone[k][v] = true
                    alone.append(Single(variant: variants[v].variant, input: inputs[k].path.text, current: inputs[k].current,
                                        end: e, difference: diffs[v], tie: Margins.isTie(diffs[v], plans[0].netBenefit)))
                }
            }
        }
        // 2. Screen every corner of every pair by the additive prediction. A corner where
        // an input flips the answer alone at its end (the visa penalty at 30) is kept when
        // the other input carries at least a quarter of the move there (its change at least
        // a third of the lone input's): the pair then flips with the lone input moved at most
        // 3/4 of the way to its own flip, a combination one input at a time does not show.
        struct Candidate {
            var v: Int; var i: Int; var ei: Int; var j: Int; var ej: Int; var predicted: Double; var badness: Double
            /// For each input of the pair that flips alone at its end: the fraction of the way
            /// to that end where it flips alone, read linearly (nil: it does not flip alone there).
            var aloneI: Double?; var aloneJ: Double?
        }
        var screened = 0
        var list: [Candidate] = []
        for v in variants.indices where !Margins.isTie(d0[v], plans[0].netBenefit) {
            let sign: Double = d0[v] > 0 ? 1 : -1
            let nb = plans[0].netBenefit
            for i in inputs.indices where !held(i, v) {
                for j in (i + 1)..<inputs.count where !held(j, v) {
                    screened += 1
                    for ei in ends[i].indices {
                        for ej in ends[j].indices {
                            let (di, dj) = (aloneDiffs[i][ei][v] - d0[v], aloneDiffs[j][ej][v] - d0[v])
                            let predicted = d0[v] + di + dj
                            let badness = sign * predicted / abs(d0[v])   // ≤ 0: predicted to flip
                            let li = flips(aloneDiffs[i][ei][v], d0[v], nb) ? d0[v] / (d0[v] - aloneDiffs[i][ei][v]) : nil
                            let lj = flips(aloneDiffs[j][ej][v], d0[v], nb) ? d0[v] / (d0[v] - aloneDiffs[j][ej][v]) : nil
                            if li == nil && lj == nil {
                                if badness <= screen { list.append(Candidate(v: v, i: i, ei: ei, j: j, ej: ej, predicted: predicted, badness: badness)) }
                            } else if (li == nil || sign * dj <= sign * di / 3) && (lj == nil || sign * di <= sign * dj / 3) {
                                list.append(Candidate(v: v, i: i, ei: ei, j: j, ej: ej, predicted: predicted, badness: badness, aloneI: li, aloneJ: lj))
                            }
                        }
                    }
                }
            }
        }
        list.sort { ($0.badness, $0.v, $0.i, $0.j, $0.ei, $0.ej) < ($1.badness, $1.v, $1.i, $1.j, $1.ei, $1.ej) }
        let chosen = Array(list.prefix(maxSolved))
        /// The stated end on `e`'s side of the value now when `e` is not it (pulled in where a
        /// compared scenario has no plan), else nil.
        @Sendable func statedEnd(_ input: Margins.Input, _ e: Double) -> Double? {
            guard let r = input.stated else { return nil }
            let end = e > input.current ? r.upperBound : r.lowerBound
            return Margins.same(end, e) ? nil : end
        }
        // 3. Solve each chosen corner; trace a flipping one back toward the values now.
        let found = WorkerPool.map(count: chosen.count, parallelism: planner.parallelism,
                                   finished: reporter("corner", chosen.count)) { n -> (Pair?, Int, Bool) in
            let c = chosen[n]
            let (a, b) = (inputs[c.i], inputs[c.j])
            let (ea, eb) = (ends[c.i][c.ei], ends[c.j][c.ej])
            var used = 0
            func at(_ t: Double) -> Double? {
                used += 2
                return difference([(a, a.current + t * (ea - a.current)), (b, b.current + t * (eb - b.current))], c.v)
            }
            let now = d0[c.v], nb = plans[0].netBenefit
            guard let corner = at(1) else { return (nil, used, true) }
            guard flips(corner, now, nb) else { return (nil, used, false) }
            /// Narrows a bracket (t0 no flip, t1 flipped) to 1% of the way: regula falsi
            /// (Illinois), the difference being piecewise linear in t.
            func narrow(_ start: (Double, Double, Double, Double)) -> (Double, Double) {
                var (t0, f0, t1, f1) = start
                var side = 0
                for _ in 0..<30 where t1 - t0 > 0.01 {
                    var t = t0 - f0 * (t1 - t0) / (f1 - f0)
                    if !(t > t0 && t < t1) { t = (t0 + t1) / 2 }
                    guard let f = at(t) else { break }
                    if flips(f, now, nb) { (t1, f1) = (t, f); if side == 1 { f0 /= 2 }; side = 1 }
                    else { (t0, f0) = (t, f); if side == -1 { f1 /= 2 }; side = -1 }
                }
                return (t1, f1)
            }
            var (t, ft) = narrow((0, now, 1, corner))
            // Where the answer turns more than once on the line, narrowing finds *a* flip:
            // probe between the values now and it, nearest first, for an earlier one.
            for _ in 0..<2 {
                var near = (t: 0.0, f: now)
                var nearer: (Double, Double)? = nil
                for fraction in stride(from: 0.125, to: 0.9, by: 0.125) {
                    let x = t * fraction
                    guard x > 0.005, let fx = at(x) else { continue }
                    if flips(fx, now, nb) { nearer = narrow((near.t, near.f, x, fx)); break }
                    near = (x, fx)
                }
                guard let (x, fx) = nearer, x < t else { break }
                (t, ft) = (x, fx)
            }
            _ = ft
            // A pair with an input that flips alone counts only where the other input carries
            // at least a quarter of the move: the lone input at most 3/4 of the way to its own flip.
            for lone in [c.aloneI, c.aloneJ].compactMap({ $0 }) where t > 0.75 * lone { return (nil, used, false) }
            let xa = a.current + t * (ea - a.current), xb = b.current + t * (eb - b.current)
            // Nor may either flip alone at its value there: read linearly, a diplomat figure on
            // its lattice, which flips one step past the value now, was paired with every other
            // input at 0% of the way (a hostile pass). Two solves each.
            for (input, x) in [(a, xa), (b, xb)] {
                used += 2
                if let alone = difference([(input, x)], c.v), flips(alone, now, nb) { return (nil, used, false) }
            }
            let ca = a.drawn.flatMap { $0.distribution.chanceBeyond(xa, from: a.current, relative: $0.relative) }
            let cb = b.drawn.flatMap { $0.distribution.chanceBeyond(xb, from: b.current, relative: $0.relative) }
            let chance = ca.flatMap { x in cb.map { x * $0 } }
            return (Pair(variant: variants[c.v].variant, first: a.path.text, firstCurrent: a.current, firstEnd: ea,
                         second: b.path.text, secondCurrent: b.current, secondEnd: eb, predicted: c.predicted, difference: corner,
                         fraction: t, firstAt: xa, secondAt: xb, chance: chance,
                         firstFlipsAlone: c.aloneI != nil, secondFlipsAlone: c.aloneJ != nil,
                         firstStatedEnd: statedEnd(a, ea), secondStatedEnd: statedEnd(b, eb), tie: Margins.isTie(corner, nb)), used, false)
        }
        solves += found.reduce(0) { $0 + $1.1 }
        let noPlanCorners = found.filter(\.2).count
        // One row a pair and answer: of its corners that flip, the likeliest (then the nearest).
        func better(_ x: Pair, _ y: Pair) -> Bool {
            let (cx, cy) = (x.chance ?? -1, y.chance ?? -1)
            if cx != cy { return cx > cy }
            return (x.fraction, x.variant, x.first, x.second, x.firstEnd, x.secondEnd) < (y.fraction, y.variant, y.first, y.second, y.firstEnd, y.secondEnd)
        }
        var byPair: [String: Pair] = [:]
        for p in found.compactMap(\.0) {
            let key = "\(p.variant)\u{0}\(p.first)\u{0}\(p.second)"
            if let q = byPair[key], !better(p, q) { continue }
            byPair[key] = p
        }
        let pairs = byPair.values.sorted(by: better)
        // 4. Each input that flips an answer alone at a range end, searched as margins
        // searches it: where it alone first reverses the answer and the share of its stated
        // distribution beyond. The summary said a single input's flip could be likelier than
        // any pair's without saying how likely (an open limit of the pairs summary).
        var loneInputs: [String] = []
        for s in alone where !s.tie && !loneInputs.contains(s.input) { loneInputs.append(s.input) }
        // An input whose range is relative to a value that is 0 in the baseline is searched
        // the same way (margins searches it around the value a variant sets: the Spanish desk's
        // capacity flips the assumed-offer answer alone, which the note named without a figure).
        // Not once interrupted: the command writes nothing of a search Ctrl-C cut short.
        var zeroRelativeFlips: [ZeroRelativeFlip] = []
        if !loneInputs.isEmpty || !zeroRelative.isEmpty, !planner.isCancelled {
            let lone = try Margins.run(file, request, planner: planner, only: loneInputs + zeroRelative, answers: [Margins.leadAnswer],
                                       progress: progress.map { p in { @Sendable _, done, total in p("lone input", done, total) } })
            solves += lone.solves
            for input in zeroRelative {
                for row in lone.rows where row.input == input && row.question.kind == .beatsBaseline {
                    guard let x = row.flipsAt else { continue }
                    zeroRelativeFlips.append(ZeroRelativeFlip(variant: row.question.variant, input: input, current: row.current, flipsAt: x,
                                                              inside: row.withinStated == true, chance: row.chanceBeyond, flipsPast: row.flipsPast))
                }
            }
            for k in alone.indices where !alone[k].tie {
                guard let row = lone.rows.first(where: {
                    $0.input == alone[k].input && $0.question.variant == alone[k].variant && $0.question.kind == .beatsBaseline
                }) else { continue }
                (alone[k].flipsAt, alone[k].chance, alone[k].flipsPast) = (row.flipsAt, row.flipsAt == nil ? nil : row.chanceBeyond, row.flipsPast)
            }
        }
        var result = MarginsPairs(comparison: request.name, baseline: request.baseline, answers: answers,
                                  inputs: inputs.map(\.path.text), leftOut: leftOut, alone: alone, screened: screened,
                                  qualified: list.count, solvedCorners: chosen.count, noPlanCorners: noPlanCorners, pairs: pairs,
                                  shortened: shortened, tied: tied, screen: screen, maxSolved: maxSolved,
                                  solves: solves, seconds: Date().timeIntervalSince(started))
        (result.scenario, result.changes, result.currency) = (file.base.name, file.changes, file.base.currency)
        result.capacityInUnits = file.base.formatVersion >= 2
        // (the base's names: a variant renames no post or country, as margins' rows)
        for path in result.inputs + leftOut + zeroRelative { result.labels[path] = InputLabel.label(path, in: file.base) }
        result.withoutPlan = withoutPlan
        result.leftOutFor = variants.indices.compactMap { v in
            let list = inputs.indices.filter { held($0, v) }.map { inputs[$0].path.text }
            return list.isEmpty ? nil : (variants[v].variant, list)
        }
        result.zeroRelative = zeroRelative
        result.zeroRelativeFlips = zeroRelativeFlips
        for v in variants.indices {
            let name = variants[v].variant
            result.pairableFor[name] = inputs.indices.filter { !held($0, v) }.count
            result.solvedFor[name] = chosen.filter { $0.v == v }.count
            result.noPlanFor[name] = zip(chosen, found).filter { $0.0.v == v && $0.1.2 }.count
        }
        result.statedNotDrawn = inputs.filter(\.statedOnly).map(\.path.text)
        return result
    }
}
