import Foundation
import GLPKSolver
import LinearProgramming

/// Robust portfolio modelling for a network (Liesiö, Mild and Salo, 2007):
/// criterion weights are known only within bounds (money per score point),
/// perhaps with a ranking, and every post is classified as **core** (open in
/// the optimum for every admissible weight vector), **exterior** (for none) or
/// **borderline** (for some but not all).
///
/// Method, and what it proves:
/// 1. The admissible weights form a polytope (the bounds, cut by the ranking).
///    Its vertices are enumerated exactly; the optimum is solved at every
///    vertex, at their centroid and at `samples` seeded random points inside
///    (convex combinations of the vertices). A post open at one point and closed
///    at another is **borderline, proven**: both weight vectors are reported.
/// 2. A post with the same decision at every point is not yet proven: an
///    optimum may change inside the polytope. It is **proven core** (or
///    exterior) when one plan `x` that opens (closes) it dominates, at every
///    vertex, the best plan that takes the other decision: `L_x(v) ≥ NB*_flip(v)`.
///    That suffices because, for fixed flows and presence, `L_x` is linear in
///    the weights while `NB*_flip` (a maximum of linear functions) is convex, so
///    `L_x − NB*_flip` is concave and smallest at a vertex. The plans tried as
///    `x` are the optima found in step 1.
/// 2c. Failing that (typically because other posts change across the polytope, so
///    that no one plan dominates everywhere), up to `RegionProof.maxPieceDimension`
///    weights the proof is made **by pieces** (`RegionProof.runPieces`): the polytope
///    split where each optimum found is the best of them, each piece checked at its
///    own vertices against the best reversal there, and the optimum at a vertex that
///    fails added to the plans, until every piece holds (exact: the optimal plans are
///    finitely many). A reversal is solved at a piece's vertex only when the convex
///    interpolation of those known does not already bound it. Beyond three weights,
///    **by regions** (`RegionProof.run`): the box halved again and again, each region
///    proven as in step 2 with the plans solved at its own vertices. Either way a
///    vertex whose optimum decides the post otherwise makes it borderline, and at most
///    `regionSolves` solves a post are spent; past them the post goes on to step 3.
/// 3. Otherwise the post is searched: the optimum is solved at 1/2, 1/4 and
///    1/8 of the way from the vertex where flipping it loses least to every
///    other vertex. A reversal found there makes it **borderline, proven**;
///    otherwise it stays **searched, not proven**, with the count of weight
///    vectors tried (and, when regions were tried, the share of the box they
///    proved). The search looks where a reversal is likeliest.
public struct RobustResult: Sendable {
    public enum Class: String, Sendable { case core, exterior, borderline }

    public struct PostLine: Sendable {
        public var post: String
        public var classification: Class
        /// True when the class is proven (see `RobustResult`), false when only searched.
        public var proven: Bool
        /// For a borderline post: a weight vector where it is open, and one where it is closed.
        public var openAt: [Double]?
        public var closedAt: [Double]?
        /// How the class was established.
        public var method: String
        /// For a core or exterior post: the least a reversal costs over the vertices
        /// (the optimum there minus the best plan with the post forced the other way,
        /// money a year), and the vertex where it is least. Nil when not computed.
        public var leastLoss: Double? = nil
        public var leastLossAt: [Double]? = nil
        /// True when no plan that decides the post otherwise exists at any vertex
        /// (the rules settle it); `leastLoss` is then nil.
        public var reversalImpossible = false
    }

    /// The scenario's name, and the command-line changes applied (`Scenario.changes`).
    public var scenario: String = ""
    public var changes: [String] = []
    public var variant: String
    /// The varied criteria, their bounds and the ranking.
    public var criteria: [String]
    public var bounds: [ClosedRange<Double>]
    public var order: [[String]]
    public var vertices: [[Double]]
    public var posts: [PostLine]
    /// Distinct weight vectors at which the optimum was solved (vertices,
    /// centroid, interior samples and segment points), and solves in all
    /// (these plus the solves with a post forced the other way).
    public var weightVectors: Int
    /// Posts the scenario forces open or closed: not classified (their decision is fixed).
    public var forced: [String] = []
    public var solves: Int
    public var seconds: Double
    /// True for a coalition's joint plan (`CoalitionRobust`): `scenario` is then the
    /// coalition's name, posts and criteria are written `STATE:ID`.
    public var coalition = false
    /// What the reader must know besides the table (classes by search only, plans not
    /// proven optimal).
    public var notes: [String] = []
    /// Coalitions: the posts named with `--posts` (STATE:POST), listed first in the report.
    public var named: [String] = []
    /// Seeded interior weight vectors of step 1, and their seed (to reproduce the run).
    public var samples = 0
    public var seed: UInt64 = 1
    /// The proofs' budgets (`--region-solves`, a post; `--proof-solves`, all posts), nil
    /// when not used (no proof; a coalition has no total).
    public var regionSolves: Int? = nil
    public var proofSolves: Int? = nil
    /// True when Ctrl-C stopped the run: the classes are what was found until then.
    public var interrupted = false
    /// Coalitions with two or more posts named: each combination of their joint
    /// decisions seen at the weight vectors of step 1 (vertices, centroid, interior
    /// points), with how many showed it, most first. Not proven: a combination not seen
    /// may still occur between the vectors tried.
    public var combinations: [(open: [String], vectors: Int)] = []
}

/// Where a `Robust.run` (or `CoalitionRobust.run`) stands, for a progress line: the
/// step under way, its items done of its items in all, and the solves so far.
public struct RobustProgress: Sendable, Equatable {
    public enum Step: String, Sendable {
        /// Step 1: the optimum at each weight vector (items: weight vectors).
        case optima = "optima at the weight vectors"
        /// Step 2: each post's reversal at every vertex (items: posts).
        case reversals = "reversals at the vertices"
        /// Step 2c: the proofs by pieces or regions (items: posts that need one).
        case proofs = "proofs by pieces or regions"
        /// Step 3: the search along segments (items: weight vectors).
        case search = "search along segments"
    }
    public var step: Step
    public var done: Int
    public var total: Int
    /// Solves so far, all steps (optima and reversals; joint solves for a coalition).
    public var solves: Int
    /// What `done` and `total` count, singular ("weight vector", "post", "vertex and post").
    public var unit: String
    public init(step: Step, done: Int, total: Int, solves: Int, unit: String? = nil) {
        (self.step, self.done, self.total, self.solves) = (step, done, total, solves)
        self.unit = unit ?? (step == .optima || step == .search ? "weight vector" : "post")
    }

    /// A step's report after each of its items (what `WorkerPool.map` calls with the items
    /// finished): `base` solves before the step, `per` solves an item; nil without `progress`.
    static func reporter(_ progress: (@Sendable (RobustProgress) -> Void)?, _ step: Step, total: Int, base: Int, per: Int,
                         unit: String? = nil) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { n in progress(RobustProgress(step: step, done: n, total: total, solves: base + n * per, unit: unit)) }
    }
}

public enum Robust {
    /// A criterion weight's admissible interval.
    public struct WeightBound: Sendable, Equatable {
        public var criterion: String
        public var range: ClosedRange<Double>
        public init(criterion: String, range: ClosedRange<Double>) { self.criterion = criterion; self.range = range }

        /// Parses `criterion=LO..HI`.
        public init(_ text: String) throws(ParameterError) {
            // The last "=": a criterion id may itself hold one.
            guard let eq = text.lastIndex(of: "="), let r = NumberSyntax.range(String(text[text.index(after: eq)...])) else {
                throw ParameterError("expected CRITERION=LO..HI with finite numbers LO < HI, found \"\(text)\"")
            }
            guard r.lowerBound >= 0, r.upperBound <= 1e15 else {
                throw ParameterError("\(text): a weight is money a year per score point, from 0 to 1e15 (as --set criteria.*.weight takes it)")
            }
            // Bounds a hair apart collapse the box's vertices into one: nothing is varied.
            guard r.upperBound - r.lowerBound > 1e-9 * max(1, abs(r.upperBound)) else {
                throw ParameterError("\(text): LO and HI are too close to vary the weight; give a range, or fix it with --set")
            }
            self.init(criterion: text[..<eq].trimmingCharacters(in: .whitespaces), range: r)
        }
    }

    /// Parses a ranking `a >= b >= c` (also `a > b`) into chains of criterion ids.
    ///
    /// - Parameter known: the names a ranking may use (criterion ids, or a coalition's
    ///   `STATE:CRITERION` labels); when given, a part that is none of them and holds
    ///   `=`, `<` or `>` is read as a misspelt ranking (`a => b`, `a <= b`, `>=` mixed
    ///   with `>`) and refused with the whole text and the syntax.
    /// - Throws: `ParameterError` for fewer than two names, an empty one, a name twice,
    ///   or a misspelt ranking.
    public static func order(_ text: String, known: [String] = []) throws(ParameterError) -> [String] {
        // ">=" when the ranking uses it (a criterion id may hold ">"), else ">".
        let parts = (text.contains(">=") ? text.components(separatedBy: ">=") : text.components(separatedBy: ">"))
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let misspelt = parts.contains { p in !known.contains(p) && p.contains(where: { "=<>".contains($0) }) }
        if (!known.isEmpty && misspelt) || (parts.count < 2 && text.contains("<")) {
            throw misreadRanking("the ranking \"\(text)\"", known.isEmpty ? ["geopolitical", "economic"] : known)
        }
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ParameterError("expected a ranking such as 'geopolitical >= economic >= development', found \"\(text)\"")
        }
        if let twice = parts.enumerated().first(where: { parts[..<$0.offset].contains($0.element) })?.element {
            throw ParameterError("the ranking \"\(text)\" names \(twice) twice; rank different criteria")
        }
        return parts
    }

    /// Refuses a ranking entry that is no criterion id and reads as a misspelt ranking
    /// (`a => b`, `a <= b`, or `>=` and `>` mixed, which `order` splits on one of them
    /// only), with the syntax; returns when the entry looks like a plain name.
    ///
    /// - Throws: `ParameterError` naming the entry and the expected form.
    static func rankingSyntax(_ entry: String, _ ids: [String]) throws(ParameterError) {
        guard entry.contains(where: { "=<>".contains($0) }) else { return }
        throw misreadRanking("\"\(entry)\" in a ranking", ids)
    }

    /// The error for a ranking (or part of one) that is not `a >= b >= c`, with the syntax
    /// and an example from `names`.
    static func misreadRanking(_ what: String, _ names: [String]) -> ParameterError {
        ParameterError("could not read \(what): write the criteria highest first with >= (or >) between them, one kind throughout, "
                       + "e.g. '\(names.prefix(3).joined(separator: " >= "))' (not =>, <= or <: for 'a <= b' write 'b >= a')")
    }

    /// Refuses bounds and rankings that leave no weight vector, or only one (nothing
    /// would then be varied, and every class would be "proven" at that one point).
    ///
    /// - Throws: `ParameterError` giving the one vector, when there is one.
    static func requireRange(_ vertices: [[Double]], _ names: [String], setForm: String = "criteria.NAME.weight") throws(ParameterError) {
        guard !vertices.isEmpty else { throw ParameterError("no weight vector meets both the bounds and the ranking") }
        guard vertices.count > 1 else {
            let only = zip(names, vertices[0]).map { "\($0)=\(Reading.format($1))" }.joined(separator: ", ")
            throw ParameterError("the bounds and the ranking leave one weight vector (\(only)): nothing is varied; "
                                 + "widen the bounds, or solve at that vector with --set \(setForm)=VALUE")
        }
    }

    /// Solves a post's proof by pieces or regions may use, by default (`--region-solves`):
    /// on the Belgian scenario every post but one is proven within 200, the last within 400.
    public static let defaultRegionSolves = 400

    /// Solves the proofs by pieces or regions (step 2c) may use in all, by default
    /// (`--proof-solves`): the Belgian scenario's proofs take about 1,500, a generated
    /// network of 50 countries and 157 posts about 1,100.
    public static let defaultProofSolves = 10_000

    /// Refuses weight bounds and rankings before any solve: a negative weight, a criterion
    /// the scenario lacks, a criterion given twice, a ranking naming a criterion that is not
    /// varied (`report --weight ghost=0..1` was refused only after every variant was solved).
    ///
    /// A variant in evaluate mode is refused too: its posts are fixed, so no weight decides
    /// them (a forced decision's negative regret read as a "borderline" post, open and
    /// closed at the same weights: a re-solve check's case, 2026-12-04).
    ///
    /// - Throws: `ParameterError` naming the criterion and what was expected.
    public static func checkWeights(_ weights: [WeightBound], orders: [[String]], in s: Scenario) throws(ParameterError) {
        guard s.mode == .optimize else {
            throw ParameterError("\(s.variant) scores the network as it stands (evaluate mode): its posts are fixed, so no weight decides them; "
                                 + "name a variant that optimises (mode: optimize, the default)")
        }
        for w in weights where !(w.range.lowerBound >= 0) {
            throw ParameterError("\(w.criterion): a weight is money a year per score point, ≥ 0, found \(Reading.format(w.range.lowerBound))")
        }
        let ids = s.criteria.map(\.id)
        for w in weights where !ids.contains(w.criterion) {
            throw ParameterError("no criterion \"\(w.criterion)\"\(didYouMean(w.criterion, ids)); criteria are: \(ids.joined(separator: ", "))")
        }
        guard !weights.isEmpty else { throw ParameterError("give at least one --weight CRITERION=LO..HI") }
        for (k, w) in weights.enumerated() {
            if let first = weights[..<k].first(where: { $0.criterion == w.criterion }) {
                throw ParameterError("--weight gives \(w.criterion) twice (\(Fmt.money(first.range.lowerBound))..\(Fmt.money(first.range.upperBound)) "
                                     + "and \(Fmt.money(w.range.lowerBound))..\(Fmt.money(w.range.upperBound))): give one range per criterion")
            }
        }
        let names = weights.map(\.criterion)
        for chain in orders { for c in chain where !names.contains(c) {
            if !ids.contains(c) {
                try rankingSyntax(c, ids)
                throw ParameterError("the ranking names \(c), which is no criterion\(didYouMean(c, ids)); criteria are: \(ids.joined(separator: ", "))")
            }
            throw ParameterError("the ranking names \(c), whose weight is not varied: give --weight \(c)=LO..HI")
        } }
    }

    /// Classifies every free post of `s` under the weight bounds and rankings.
    ///
    /// - Parameters:
    ///   - regionSolves: solves (optima and reversals) the proof by pieces or regions may
    ///     use for each post that one plan does not prove (step 2c; 0: none).
    ///   - proofSolves: solves step 2c may use for all posts together; the posts are taken
    ///     in the scenario's order, and those left when it is spent stay searched, with a
    ///     note saying so.
    ///   - progress: called as the run advances (from worker threads, one call at a time
    ///     within a step).
    /// - Throws: `ParameterError` (unknown criterion, a negative weight, samples
    ///   outside 0…100,000, bounds the ranking leaves empty or reduces to one weight
    ///   vector), the solver's errors.
    public static func run(_ s: Scenario, weights: [WeightBound], orders: [[String]] = [], samples: Int = 12, seed: UInt64 = 1,
                           prove: Bool = true, regionSolves: Int = defaultRegionSolves, proofSolves: Int = defaultProofSolves,
                           planner: Planner, progress: (@Sendable (RobustProgress) -> Void)? = nil) throws -> RobustResult {
        let clock = ContinuousClock()
        let started = clock.now
        guard (0...100_000).contains(samples) else { throw ParameterError("--samples takes 0 to 100,000 interior points, found \(samples)") }
        guard (0...100_000).contains(regionSolves) else { throw ParameterError("--region-solves takes 0 to 100,000 solves, found \(regionSolves)") }
        guard (0...10_000_000).contains(proofSolves) else { throw ParameterError("--proof-solves takes 0 to 10,000,000 solves, found \(proofSolves)") }
        try checkWeights(weights, orders: orders, in: s)
        let names = weights.map(\.criterion)
        let vertices = try polytopeVertices(weights.map(\.range), order: orders.map { $0.map { names.firstIndex(of: $0)! } },
                                            shouldStop: { planner.isCancelled })
        try requireRange(vertices, names)
        // 1. The optimum at the vertices, their centroid and seeded interior points.
        let points = weightPoints(vertices, samples: samples, seed: seed)
        @Sendable func weighted(_ w: [Double]) -> Scenario {
            var t = s
            for (k, name) in names.enumerated() { if let i = t.criteria.firstIndex(where: { $0.id == name }) { t.criteria[i].weight = w[k] } }
            return t
        }
        func reporter(_ step: RobustProgress.Step, total: Int, base: Int, per: Int) -> (@Sendable (Int) -> Void)? {
            RobustProgress.reporter(progress, step, total: total, base: base, per: per)
        }
        var solves = 0
        let allPoints = points
        let plans = try planner.solveAll(allPoints.map(weighted), finished: reporter(.optima, total: allPoints.count, base: 0, per: 1))
        solves += plans.count
        guard plans.allSatisfy(\.hasSolution) else { throw NoPlanError("some weight vectors have no plan (\(plans.first { !$0.hasSolution }!.status))") }
        let free = s.posts.indices.filter { s.posts[$0].force == nil }
        var lines: [RobustResult.PostLine] = []
        var undecided: [Int] = []
        for pi in free {
            let id = s.posts[pi].id
            let states = plans.map { $0.posts[pi].isOpen }
            if let o = states.firstIndex(of: true), let c = states.firstIndex(of: false) {
                // Proven only when both plans are: a plan within a gap may decide a post
                // otherwise than the optimum there.
                let sure = plans[o].termination == .optimal && plans[c].termination == .optimal
                lines.append(.init(post: id, classification: .borderline, proven: sure, openAt: points[o], closedAt: points[c],
                                   method: sure ? "open and closed at vectors tried" : "open and closed at vectors tried (plans not proven optimal)"))
            } else {
                undecided.append(pi)
                lines.append(.init(post: id, classification: states[0] ? .core : .exterior, proven: false, openAt: nil, closedAt: nil,
                                   method: "same decision at \(points.count) weight vectors"))
            }
        }
        var segmentVectors = 0, regionVectors = 0
        var regionNotes: [Int: String] = [:]
        // 2. Proof by a dominating plan, per undecided post, in parallel.
        if prove, !undecided.isEmpty {
            let candidates = Array(plans.prefix(vertices.count + 1))
            let linear = candidates.enumerated().map { c, plan in linearValue(plan, at: allPoints[c], s, names) }
            let jobs = undecided
            let solo = planner.sequential
            var outcomes = WorkerPool.map(count: jobs.count, parallelism: planner.parallelism,
                                          finished: reporter(.reversals, total: jobs.count, base: solves, per: vertices.count)) { k -> (Bool, Int, [Double]?, Double?, flips: [Double]?) in
                let pi = jobs[k]
                let open = plans[0].posts[pi].isOpen
                var flipBest: [Double] = []
                var n = 0
                // The proof compares with the best reversal, so every reversal must be
                // proven optimal (or infeasible): an incumbent within a gap is no bound.
                var reversalsProven = true
                for v in vertices {
                    var t = weighted(v)
                    t.posts[pi].force = open ? .closed : .open
                    n += 1
                    guard let p = try? solo.solve(t) else { return (false, n, nil, nil, nil) }
                    if p.hasSolution ? p.termination != .optimal : p.termination != .infeasible { reversalsProven = false }
                    flipBest.append(p.hasSolution ? p.netBenefit : -.infinity)
                }
                // Where a reversal costs least (reported, and where a search starts).
                let regrets = zip(plans.prefix(vertices.count), flipBest).map { $0.netBenefit - $1 }
                let leastK = regrets.indices.min { regrets[$0] < regrets[$1] }!
                // Some candidate plan, with the post as decided, dominates at every vertex?
                for (c, plan) in candidates.enumerated() where reversalsProven && plan.posts[pi].isOpen == open {
                    let ok = zip(vertices, flipBest).allSatisfy { v, nb in
                        linear[c].constant + zip(linear[c].perWeight, v).reduce(0) { $0 + $1.0 * $1.1 } >= nb - 1e-6 * max(1, abs(nb))
                    }
                    if ok { return (true, n, vertices[leastK], regrets[leastK], nil) }
                }
                // Not proven: the vertex where flipping loses least, for the search (and the
                // best reversals, for a proof by regions, when they bound anything).
                return (false, n, vertices[leastK], regrets[leastK], reversalsProven ? flipBest : nil)
            }
            for (k, pi) in undecided.enumerated() {
                solves += outcomes[k].1
                guard let li = lines.firstIndex(where: { $0.post == s.posts[pi].id }) else { continue }
                if let loss = outcomes[k].3, let at = outcomes[k].2, loss < -1e-6 * max(1, abs(plans[0].netBenefit)) {
                    // The plan found there was not optimal (a gap or a time limit): one that
                    // decides the post otherwise is better, so the class cannot be kept.
                    let open = plans[0].posts[pi].isOpen
                    lines[li].classification = .borderline
                    lines[li].openAt = open ? points[0] : at
                    lines[li].closedAt = open ? at : points[0]
                    lines[li].method = "a plan deciding it otherwise beats the plan found at a vertex by \(Fmt.money(-loss)) (plans not proven optimal)"
                    outcomes[k].2 = nil
                    continue
                }
                if let loss = outcomes[k].3, loss.isFinite {
                    (lines[li].leastLoss, lines[li].leastLossAt) = (Fmt.clean(loss), outcomes[k].2)
                } else if outcomes[k].3 != nil {
                    // No plan decides it otherwise at any vertex: the scenario's rules settle it.
                    lines[li].reversalImpossible = true
                }
                if outcomes[k].0 {
                    lines[li].proven = true
                    lines[li].method = "proven at all \(vertices.count) vertices"
                }
            }
            // 2c. Proof by regions (`RegionProof`) for the posts still unproven whose
            // reversals were all proven: the optimum and the reversal solved at each region's
            // vertices, the optima shared by the posts; `regionSolves` solves a post.
            var planAt: [[Double]: Plan?] = [:]
            for (i, w) in points.enumerated() { planAt[w] = plans[i] }
            var linearAt: [[Double]: (constant: Double, perWeight: [Double])] = [:]
            let order = orders.map { $0.map { names.firstIndex(of: $0)! } }
            let toProve = undecided.indices.filter { k in regionSolves > 0 && !outcomes[k].0 && outcomes[k].2 != nil && outcomes[k].flips != nil }
            var proofLeft = proofSolves
            for (n, k) in toProve.enumerated() {
                let pi = undecided[k]
                progress?(.init(step: .proofs, done: n, total: toProve.count, solves: solves))
                guard let flips = outcomes[k].flips, let li = lines.firstIndex(where: { $0.post == s.posts[pi].id }) else { continue }
                let stop = { planner.isCancelled }
                if stop() {
                    regionNotes[li] = "its proof not tried: interrupted"
                    continue
                }
                let open = plans[0].posts[pi].isOpen
                var flipAt: [[Double]: Double?] = [:]
                for (v, w) in vertices.enumerated() { flipAt[w] = flips[v] }
                let proof = RegionProof(bounds: weights.map(\.range), order: order, budget: min(regionSolves, proofLeft))
                var usedHere = 0
                func solveAt(optima: [[Double]], reversals: [[Double]]) {
                    usedHere += optima.count + reversals.count
                    progress?(.init(step: .proofs, done: n, total: toProve.count, solves: solves + usedHere))
                    let found = WorkerPool.map(count: optima.count + reversals.count, parallelism: planner.parallelism) { j -> (Plan?, Double?) in
                        if planner.isCancelled { return (nil, nil) }
                        if j < optima.count {
                            guard let p = try? solo.solve(weighted(optima[j])), p.hasSolution else { return (nil, nil) }
                            return (p, nil)
                        }
                        var t = weighted(reversals[j - optima.count])
                        t.posts[pi].force = open ? .closed : .open
                        // a reversal bounds only when proven optimal (or infeasible)
                        guard let p = try? solo.solve(t) else { return (nil, nil) }
                        if p.hasSolution { return (nil, p.termination == .optimal ? p.netBenefit : nil) }
                        return (nil, p.termination == .infeasible ? -.infinity : nil)
                    }
                    for (j, w) in optima.enumerated() { planAt[w] = .some(found[j].0) }
                    for (j, w) in reversals.enumerated() { flipAt[w] = .some(found[optima.count + j].1) }
                    regionVectors += optima.count
                }
                func decision(_ w: [Double]) -> RegionProof.Decision? {
                    guard let p = planAt[w] ?? nil else { return nil }
                    return .init(open: p.posts[pi].isOpen, sure: p.termination == .optimal && plans[0].termination == .optimal)
                }
                // the optimum at a solved point as a linear function of the weights
                func linearOptimum(_ w: [Double]) -> (constant: Double, perWeight: [Double])? {
                    guard let p = planAt[w] ?? nil, p.termination == .optimal else { return nil }
                    if linearAt[w] == nil { linearAt[w] = linearValue(p, at: w, s, names) }
                    return linearAt[w]
                }
                var (outcome, used): (RegionProof.Outcome, Int) = (.unfinished(plans: 0), 0)
                do {
                if weights.count <= RegionProof.maxPieceDimension {
                    (outcome, used) = try proof.runPieces(open: open, start: Array(planAt.keys).sorted { $0.lexicographicallyPrecedes($1) },
                                                          known: { (planAt[$0] != nil, flipAt[$0] != nil) },
                                                          solve: { solveAt(optima: $0, reversals: $1) }, decision: decision,
                                                          linear: linearOptimum, reversal: { flipAt[$0] ?? nil }, shouldStop: stop)
                } else {
                    (outcome, used) = try proof.run(open: open, unsolved: { ws in
                        ws.filter { planAt[$0] == nil }.count + ws.filter { flipAt[$0] == nil }.count
                    }, solve: { ws in
                        solveAt(optima: ws.filter { planAt[$0] == nil }, reversals: ws.filter { flipAt[$0] == nil })
                    }, decision: decision, shortfalls: { cs in
                        guard cs.allSatisfy({ (planAt[$0] ?? nil)?.termination == .optimal && (flipAt[$0] ?? nil) != nil }) else { return nil }
                        return cs.filter { planAt[$0]!!.posts[pi].isOpen == open }.map { cw in
                            let f = linearOptimum(cw)!
                            return cs.map { v in
                                let nb = flipAt[v]!!
                                return nb - 1e-6 * max(1, abs(nb)) - (f.constant + zip(f.perWeight, v).reduce(0) { $0 + $1.0 * $1.1 })
                            }
                        }
                    }, shouldStop: stop)
                }
                } catch {
                    if !stop() { throw error }
                }
                if stop() {
                    // Ctrl-C: what the proof found may rest on solves cut short
                    solves += usedHere
                    regionNotes[li] = "its proof interrupted"
                    continue
                }
                solves += used
                proofLeft -= used
                switch outcome {
                case .proven(let regions):
                    outcomes[k].0 = true
                    lines[li].proven = true
                    lines[li].method = weights.count <= RegionProof.maxPieceDimension
                        ? "proven by pieces: \(Fmt.count(regions, "plan")), each best on its piece"
                        : "proven by regions: \(regions) boxes"
                case .reversed(let w, let sure):
                    outcomes[k].0 = true  // no search: the class is settled
                    lines[li].classification = .borderline
                    lines[li].proven = sure
                    lines[li].openAt = open ? points[0] : w
                    lines[li].closedAt = open ? w : points[0]
                    lines[li].method = "reversed at a weight vector the proof by \(weights.count <= RegionProof.maxPieceDimension ? "pieces" : "regions") solved"
                        + (sure ? "" : " (plans not proven optimal)")
                    (lines[li].leastLoss, lines[li].leastLossAt) = (nil, nil)
                case .partial, .unfinished:
                    // the post's own budget, or what the posts before it left of the total
                    let within = proofSolves == 0 ? "--proof-solves 0"
                        : proof.budget < regionSolves ? "the \(Fmt.count(proof.budget, "solve")) left of --proof-solves \(proofSolves)"
                        : "--region-solves \(regionSolves)"
                    regionNotes[li] = RegionProof.note(outcome, within: within)
                }
            }
            if !toProve.isEmpty { progress?(.init(step: .proofs, done: toProve.count, total: toProve.count, solves: solves)) }
            // 3. Search along segments from the least-regret vertex, for the posts still
            // unproven: points on the segments from it to the other vertices, at 1/2, 1/4,
            // 1/8 of the way (a reversal is likeliest near where flipping loses least).
            // A plan decides every post at once, so each point is solved once for all the
            // posts that search from the same vertex.
            // (No segment is solved after Ctrl-C: the posts keep what was found so far.)
            let interrupted = planner.isCancelled
            let search = undecided.enumerated().filter { !outcomes[$0.offset].0 && outcomes[$0.offset].2 != nil }
            func segmentPoints(_ from: [Double]) -> [[Double]] {
                if interrupted { return [] }
                return vertices.filter { $0 != from }.flatMap { target in [0.5, 0.25, 0.125].map { f in zip(from, target).map { $0 + f * ($1 - $0) } } }
            }
            var unique: [[Double]] = []
            var position: [[Double]: Int] = [:]
            for (j, _) in search {
                for w in segmentPoints(outcomes[j].2!) where position[w] == nil {
                    position[w] = unique.count
                    unique.append(w)
                }
            }
            let toSolve = unique
            let segmentPlans = WorkerPool.map(count: toSolve.count, parallelism: planner.parallelism,
                                              finished: reporter(.search, total: toSolve.count, base: solves, per: 1)) { k -> Plan? in
                guard let p = try? solo.solve(weighted(toSolve[k])), p.hasSolution else { return nil }
                return p
            }
            solves += unique.count
            segmentVectors = unique.count
            for (j, pi) in search {
                guard let li = lines.firstIndex(where: { $0.post == s.posts[pi].id }) else { continue }
                let open = plans[0].posts[pi].isOpen
                let own = segmentPoints(outcomes[j].2!)
                if let w = own.first(where: { segmentPlans[position[$0]!].map { $0.posts[pi].isOpen != open } ?? false }) {
                    lines[li].classification = .borderline
                    lines[li].proven = plans[0].termination == .optimal && segmentPlans[position[w]!]?.termination == .optimal
                    lines[li].openAt = open ? points[0] : w
                    lines[li].closedAt = open ? w : points[0]
                    lines[li].method = "reversed on a segment from its least-loss vertex"
                    (lines[li].leastLoss, lines[li].leastLossAt) = (nil, nil)
                } else {
                    lines[li].method = "searched: \(points.count + own.count) vectors, reversal forced at \(vertices.count) vertices"
                        + (regionNotes[li].map { "; " + $0 } ?? "")
                }
            }
        }
        let elapsed = clock.now - started
        var result = RobustResult(variant: s.variant, criteria: names, bounds: weights.map(\.range), order: orders, vertices: vertices,
                                  posts: lines, weightVectors: points.count + segmentVectors + regionVectors, solves: solves,
                                  seconds: elapsed.inSeconds)
        (result.scenario, result.changes) = (s.name, s.changes)
        (result.samples, result.seed) = (samples, seed)
        (result.regionSolves, result.proofSolves) = prove ? (regionSolves, proofSolves) : (nil, nil)
        result.forced = s.posts.filter { $0.force != nil }.map(\.id)
        if planner.isCancelled {
            result.interrupted = true
            result.notes.append("Interrupted (Ctrl-C): the solves under way were stopped; classes not proven are as found so far, "
                                + "and posts whose proof or search was cut short say so.")
        }
        return result
    }

    /// A plan's net benefit as a linear function of the varied weights, its
    /// flows and presence modes held fixed: `constant + Σ_k perWeight[k]·w_k`.
    /// `weights` are the varied weights the plan was solved (and valued) at.
    static func linearValue(_ plan: Plan, at weights: [Double], _ s: Scenario, _ names: [String]) -> (constant: Double, perWeight: [Double]) {
        var perWeight = Array(repeating: 0.0, count: names.count)
        var fixedValue = 0.0
        for (ci, c) in s.countries.enumerated() {
            let outcome = plan.countries[ci]
            let share: Double = switch outcome.presence {
            case .resident: 1
            case .accredited: s.presence.accredited
            case .represented: s.presence.represented
            case .none: 0
            }
            for (k, name) in names.enumerated() { perWeight[k] += share * (c.scores[name] ?? 0) }
            // Criteria not varied, and interests, at their fixed values.
            let varied = zip(names, weights).reduce(0.0) { acc, nw in acc + nw.1 * (c.scores[nw.0] ?? 0) }
            fixedValue += outcome.value - share * varied
        }
        return (plan.income - plan.cost.total - plan.penalty + fixedValue, perWeight)
    }

    /// The weight vectors of step 1: `vertices`, their centroid, then `samples` seeded
    /// interior points (convex combinations with exponential, i.e. flat Dirichlet, weights).
    static func weightPoints(_ vertices: [[Double]], samples: Int, seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        var points = vertices
        let d = vertices.first?.count ?? 0
        points.append((0..<d).map { k in vertices.reduce(0) { $0 + $1[k] } / Double(vertices.count) })
        for _ in 0..<samples {
            let lambdas = vertices.map { _ in -log(1 - rng.unit()) }
            let total = lambdas.reduce(0, +)
            points.append((0..<d).map { k in zip(vertices, lambdas).reduce(0) { $0 + $1.0[k] * $1.1 } / total })
        }
        return points
    }

    /// The vertices of `{w : lo ≤ w ≤ hi, w[a] ≥ w[b] for every ranked pair}`,
    /// by choosing `d` linearly independent active constraints and keeping the
    /// feasible solutions. Without a ranking they are the box's `2^d` corners.
    /// Identical ranked pairs count once, and a constraint dependent on those
    /// already chosen (the other bound of the same weight, a ranked pair closing a
    /// cycle) ends its branch, so ten weights with a full ranking take a few
    /// million systems, not the tens of millions of every subset.
    ///
    /// - Parameter shouldStop: polled every 65,536 branches (Ctrl-C).
    /// - Throws: `ParameterError` when stopped, or when the enumeration would exceed
    ///   `maxSystems` systems (too many weights ranked together).
    public static func polytopeVertices(_ bounds: [ClosedRange<Double>], order: [[Int]], maxSystems: Int = 40_000_000,
                                        shouldStop: () -> Bool = { false }) throws -> [[Double]] {
        let d = bounds.count
        let scales = scales(of: bounds)
        var pairs: [(Int, Int)] = []
        for chain in order { for (x, y) in zip(chain, chain.dropFirst()) where x != y && !pairs.contains(where: { $0 == (x, y) }) {
            pairs.append((x, y))
        } }
        var out: [[Double]] = []
        func keep(_ w: [Double]) {
            if !out.contains(where: { o in w.indices.allSatisfy { abs(o[$0] - w[$0]) <= 1e-9 * scales[$0] } }) { out.append(w) }
        }
        if pairs.isEmpty {
            for corner in 0..<(1 << d) {
                keep((0..<d).map { k in corner & (1 << k) == 0 ? bounds[k].lowerBound : bounds[k].upperBound })
            }
            return out.sorted { $0.lexicographicallyPrecedes($1) }
        }
        return try vertices(of: polytopeRows(bounds, pairs: pairs), dimension: d, scales: scales, maxSystems: maxSystems, shouldStop: shouldStop)
    }

    /// Each weight's magnitude, for tolerances in its own unit (1e9 beside 1.4: one scale
    /// for all merged the small weight's corners and lost a piece's vertex).
    static func scales(of bounds: [ClosedRange<Double>]) -> [Double] {
        bounds.map { max(1, abs($0.lowerBound), abs($0.upperBound)) }
    }

    /// The rows `a·w ≥ b` of the weight polytope: lower bounds, upper bounds (negated),
    /// and `w_x − w_y ≥ 0` for each ranked pair `(x, y)`.
    static func polytopeRows(_ bounds: [ClosedRange<Double>], pairs: [(Int, Int)]) -> [([Double], Double)] {
        let d = bounds.count
        var rows: [([Double], Double)] = []
        for k in 0..<d {
            var a = Array(repeating: 0.0, count: d); a[k] = 1; rows.append((a, bounds[k].lowerBound))
            var b = Array(repeating: 0.0, count: d); b[k] = -1; rows.append((b, -bounds[k].upperBound))
        }
        for (x, y) in pairs {
            var a = Array(repeating: 0.0, count: d); a[x] = 1; a[y] = -1; rows.append((a, 0))
        }
        return rows
    }

    /// The vertices of `{w : a·w ≥ b for every row}` in `d` dimensions, sorted, each once
    /// (two within 1e-9 of `scales[j]`, the magnitude of weight `j`, in every coordinate
    /// are one). Rows may come in any units: the enumeration scales them itself.
    ///
    /// - Throws: `ParameterError` past `maxSystems` linear systems, or when `shouldStop`.
    static func vertices(of original: [([Double], Double)], dimension d: Int, scales: [Double], maxSystems: Int = 40_000_000,
                         shouldStop: () -> Bool = { false }) throws -> [[Double]] {
        var out: [[Double]] = []
        func keep(_ w: [Double]) {
            if !out.contains(where: { o in w.indices.allSatisfy { abs(o[$0] - w[$0]) <= 1e-9 * scales[$0] } }) { out.append(w) }
        }
        // The enumeration runs in each weight's own magnitude, v_j = w_j / scales[j], each
        // row scaled to coefficients of at most 1, so that its tolerances are relative: a
        // piece's row 1e-9·w₁ + w₂ ≥ b beside w₁ in 1e9..2e9 is no zero row there.
        var rows: [([Double], Double)] = []
        var kept: [Int] = []
        for (i, r) in original.enumerated() {
            let a = zip(r.0, scales).map { $0 * $1 }
            let norm = a.map(abs).max() ?? 0
            if norm == 0 {
                if r.1 > 1e-9 * max(1, abs(r.1)) { return [] }   // 0 ≥ b > 0: nothing meets it
                continue                                         // 0 ≥ b ≤ 0: every point does
            }
            rows.append((a.map { $0 / norm }, r.1 / norm))
            kept.append(i)
        }
        // a row's slack tolerance: 1e-9 of the magnitude its terms can reach
        let slack = rows.map { r in 1e-9 * max(1, abs(r.1), r.0.reduce(0) { $0 + abs($1) }) }
        // Depth-first over independent choices, with the chosen rows kept reduced
        // (each with a pivot the later ones are zero at), so dependence is a zero remainder.
        var basis: [(row: [Double], pivot: Int)] = []
        var picked: [Int] = []
        var systems = 0, branches = 0
        var failure: ParameterError? = nil
        func choose(_ start: Int) {
            if failure != nil { return }
            branches += 1
            if branches & 0xFFFF == 0, shouldStop() { failure = ParameterError("interrupted"); return }
            if picked.count == d {
                systems += 1
                if systems > maxSystems {
                    failure = ParameterError("the weight bounds and rankings give more than \(Fmt.count(maxSystems, "system")) to enumerate "
                                             + "their vertices: vary fewer weights, or rank fewer of them together")
                    return
                }
                guard let v = solve(picked.map { rows[$0] }) else { return }
                guard rows.indices.allSatisfy({ i in zip(rows[i].0, v).reduce(0) { $0 + $1.0 * $1.1 } >= rows[i].1 - slack[i] }) else { return }
                // back in the weights' own units; the same rows solved there when that agrees,
                // so that a bound or a ranked tie comes out exactly (13,995, not 13,994.999…)
                var w = zip(v, scales).map { $0 * $1 }
                if let exact = solve(picked.map { original[kept[$0]] }), exact.indices.allSatisfy({ abs(exact[$0] - w[$0]) <= 1e-9 * scales[$0] }) {
                    w = exact
                }
                keep(w)
                return
            }
            guard rows.count - start >= d - picked.count else { return }
            for i in start..<rows.count {
                var r = rows[i].0
                for b in basis where r[b.pivot] != 0 {
                    let f = r[b.pivot] / b.row[b.pivot]
                    for c in 0..<d { r[c] -= f * b.row[c] }
                }
                guard let p = r.indices.max(by: { abs(r[$0]) < abs(r[$1]) }), abs(r[p]) > 1e-9 else { continue }
                basis.append((r, p)); picked.append(i)
                choose(i + 1)
                basis.removeLast(); picked.removeLast()
                if failure != nil { return }
            }
        }
        choose(0)
        if let failure { throw failure }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ rows: [([Double], Double)]) -> [Double]? {
        var a = rows.map { $0.0 + [$0.1] }
        let n = a.count
        for col in 0..<n {
            guard let p = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[p][col]) > 1e-12 else { return nil }
            a.swapAt(col, p)
            for r in 0..<n where r != col {
                let factor = a[r][col] / a[col][col]
                if factor != 0 { for c in col...n { a[r][c] -= factor * a[col][c] } }
            }
        }
        return (0..<n).map { a[$0][n] / a[$0][$0] }
    }
}
