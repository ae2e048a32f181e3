import Foundation
import GLPKSolver
import LinearProgramming

/// Robust portfolio modelling for a coalition's joint plan (`dipnet coalition FILE
/// --robust --weight STATE:CRITERION=LO..HI …`): the states' criterion weights are known
/// only within bounds (money a year per score point; each state weighs by its own), and
/// every free post of every state is classified as **core** (open in the joint plan at
/// every admissible weight vector), **exterior** (at none) or **borderline** — the
/// method of `Robust` (Liesiö, Mild and Salo, 2007), carried over to the joint problem
/// with individual rationality.
///
/// What changes against a single network, and how the proof still holds:
/// 1. The joint plan (standalone plans included, as `CoalitionPlanner.solve`) is solved
///    at every vertex of the weight polytope, their centroid and `samples` seeded
///    interior points. A post open at one and closed at another is **borderline, proven**.
/// 2. The proof (for the posts named in `posts` only: it costs two joint solves a vertex
///    and post). Individual rationality makes the feasible set move with the weights
///    (the floors are the standalone optima, convex in the weights), so the single
///    network's argument is made in two parts. A joint plan `x` found in step 1 that
///    decides the post as everywhere so far proves its class when, at every vertex `v`:
///    - `x` is individually rational: `NB_k(x; v) ≥ NB*_k(v)` for every state `k` of its
///      group (`NB_k(x; ·)` is linear, `NB*_k` convex, so their difference is concave
///      and holds on the whole polytope if it holds at the vertices);
///    - `x` beats every plan of the group that decides the post otherwise, *rational or
///      not*: `Σ_k NB_k(x; v) ≥ J_flip(v)`, where `J_flip` is the group's optimum with
///      the post fixed the other way and the individual-rationality rows left out.
///      Without those rows the feasible set is fixed, `J_flip` is a maximum of linear
///      functions (convex), and the same concavity argument carries it to the whole
///      polytope; with them, `J_flip` would be no such function.
///    Leaving the rows out can only raise `J_flip`, so the proof is sufficient, not
///    necessary.
///    2b. When it fails because the reversals it counts leave some states below their
///    optimum alone, those rows are brought back by a Lagrangian bound: with `λ ≥ 0` on
///    those states and `L_s`, the net benefit of `s`'s plan alone at the centroid (linear
///    in the weights, at most `NB*_s`), `U(v) = max_y Σ_s (1 + λ_s) NB_s(y; v) − Σ_s λ_s
///    L_s(v)` over the reversing plans bounds the best *rational* reversal and is convex,
///    so `Σ_k NB_k(x; v) ≥ U(v)` at the vertices proves the class (λ tried at 1, 4, 16;
///    one joint solve a vertex each).
///    2c. When both fail (typically because other posts change across the box, so that
///    no one plan beats the reversal everywhere), the proof is made **by regions**: the
///    box is halved along its widest side (relative to the bounds given), again and
///    again, and each region is proven as in step 2 with the joint plans and reversals
///    solved at its own vertices (the ranking's rows kept). The class is proven when
///    every region is; a region's vertex whose joint plan decides the post otherwise
///    makes it borderline; past `regionSolves` joint solves (a post) the post stays
///    searched, with the share of the box proven. For a state in a group of its own, individual
///    rationality is left out of steps 2 and 2c (its floor is its own optimum, which
///    only its optimum meets: the proof would need one plan optimal everywhere).
///    A post all three fail for stays searched.
/// 3. The **least loss if reversed** (the named posts): at each vertex, the joint optimum
///    less the best joint plan with the post fixed the other way in the joint problem
///    only (the floors stay each state's own optimum alone), individual rationality
///    included (left out for a state in a group of its own, whose floor is the plan
///    itself: its loss is then `dipnet robust`'s); the least over the vertices. When no
///    individually rational joint plan decides the post otherwise at any vertex, the
///    reversal is reported impossible. A negative loss (the plan found at a vertex was
///    within a gap, and the reversal beats it) makes the post borderline, not proven.
/// 4. A named post still unproven is searched on the segments from that vertex to every
///    other, at 1/2, 1/4 and 1/8 of the way.
public enum CoalitionRobust {
    /// Parses `STATE:CRITERION=LO..HI`; the criterion is returned as `STATE:CRITERION`.
    /// - Throws: `ParameterError` for another shape, a negative bound, an unknown state
    ///   or criterion.
    public static func weight(_ text: String, in c: CoalitionFile) throws(ParameterError) -> Robust.WeightBound {
        let w = try Robust.WeightBound(text)
        let parts = w.criterion.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ParameterError("--weight takes STATE:CRITERION=LO..HI (each state weighs by its own), found \(text)")
        }
        guard let st = c.state(parts[0]) else {
            throw ParameterError("--weight \(text): no state \"\(parts[0])\"\(didYouMean(parts[0], c.states.map(\.id))); states are: \(c.states.map(\.id).joined(separator: ", "))")
        }
        let ids = st.scenario.criteria.map(\.id)
        guard ids.contains(parts[1]) else {
            throw ParameterError("--weight \(text): \(st.id) has no criterion \"\(parts[1])\"\(didYouMean(parts[1], ids))"
                                 + (ids.isEmpty ? "; it weighs no criterion" : "; its criteria are: \(ids.joined(separator: ", "))"))
        }
        return Robust.WeightBound(criterion: "\(st.id):\(parts[1])", range: w.range)
    }

    /// Joint solves a named post's proof by regions may use, by default (`--region-solves`;
    /// each costs a joint plan, and halving needs 2^d vertices a region).
    public static let defaultRegionSolves = 200

    /// Most weights varied at once: the vertices of a box double with each (2^10 = 1,024
    /// joint solves before any proof).
    public static let maxWeights = 10

    /// Classifies every free post of every state of `c` (after its variant, forces and
    /// changes) under the weight bounds and rankings.
    ///
    /// - Parameters:
    ///   - weights: criteria written `STATE:CRITERION` (see `weight(_:in:)`).
    ///   - orders: rankings of those labels, heaviest first.
    ///   - posts: `STATE:POST`s to prove and give the least loss of (steps 2 to 4).
    ///   - regionSolves: joint solves the proof by regions (step 2c) may use for each
    ///     named post (0: no proof by regions).
    ///   - planner: its parallelism spreads the solves; each solve runs on one thread.
    ///   - shouldStop: polled between solves (Ctrl-C); the result is then not to be used.
    ///   - progress: called as the run advances (see `RobustProgress`; reversals count
    ///     vertex and post pairs, solves count joint solves).
    /// - Returns: a `RobustResult` with `coalition` set; posts are `STATE:POST`, weight
    ///   vectors follow `criteria`.
    /// - Throws: `ParameterError` for a weight given twice, more than `maxWeights`, `samples`
    ///   or `regionSolves` out of range, a
    ///   ranking of unvaried weights, empty bounds, an unknown or forced post in `posts`,
    ///   or a weight vector without a joint plan.
    public static func run(_ c: CoalitionFile, weights: [Robust.WeightBound], orders: [[String]] = [], posts focus: [String] = [],
                           samples: Int = 12, seed: UInt64 = 1, prove: Bool = true, regionSolves: Int = defaultRegionSolves, variant: String? = nil,
                           planner: CoalitionPlanner, shouldStop: @escaping @Sendable () -> Bool = { false },
                           progress: (@Sendable (RobustProgress) -> Void)? = nil) throws -> RobustResult {
        let clock = ContinuousClock(), started = clock.now
        guard !weights.isEmpty else { throw ParameterError("give at least one --weight STATE:CRITERION=LO..HI") }
        guard weights.count <= maxWeights else {
            throw ParameterError("--weight varies \(weights.count) weights; at most \(maxWeights) (the box's vertices double with each: 2^\(weights.count) joint solves)")
        }
        guard (0...10_000).contains(samples) else { throw ParameterError("--samples takes 0 to 10,000 interior points, found \(samples)") }
        guard (0...100_000).contains(regionSolves) else { throw ParameterError("--region-solves takes 0 to 100,000 joint solves, found \(regionSolves)") }
        let names = weights.map(\.criterion)
        for (k, w) in weights.enumerated() where names[..<k].contains(w.criterion) {
            throw ParameterError("--weight gives \(w.criterion) twice: give one range per state and criterion")
        }
        for chain in orders { for l in chain where !names.contains(l) {
            try Robust.rankingSyntax(l, names)
            throw ParameterError(l.contains(":") ? "the ranking names \(l), whose weight is not varied: give --weight \(l)=LO..HI"
                                 : "the ranking names \(l) without its state: rank STATE:CRITERION labels as --weight gives them (\(names.joined(separator: ", ")))")
        } }
        var targets: [(state: Int, post: String)] = []
        for text in focus {
            let (k, id) = try c.statePost(text, role: "--posts")
            if let f = c.states[k].scenario.post(id)!.force { throw ParameterError("\(text) is forced \(f.rawValue) (in the file, its variant or --force): its decision cannot flip") }
            if !targets.contains(where: { $0.state == k && $0.post == id }) { targets.append((k, id)) }
        }
        let vertices = try Robust.polytopeVertices(weights.map(\.range), order: orders.map { $0.map { names.firstIndex(of: $0)! } },
                                                   shouldStop: shouldStop)
        try Robust.requireRange(vertices, names, setForm: "STATE:criteria.NAME.weight")

        // 1. The joint plan at the vertices, their centroid and seeded interior points.
        let points = Robust.weightPoints(vertices, samples: samples, seed: seed)
        @Sendable func weighted(_ w: [Double]) throws(ParameterError) -> CoalitionFile {
            var t = c
            for (label, x) in zip(names, w) {
                let parts = label.split(separator: ":", maxSplits: 1).map(String.init)
                t = try t.setting(state: parts[0], path: "criteria.\(parts[1]).weight", to: x)
            }
            return t
        }
        let solo = planner.oneThread
        let parallelism = planner.planner.parallelism
        let allPoints = points
        func reporter(_ step: RobustProgress.Step, total: Int, base: Int, per: Int, unit: String? = nil) -> (@Sendable (Int) -> Void)? {
            RobustProgress.reporter(progress, step, total: total, base: base, per: per, unit: unit)
        }
        let solved = WorkerPool.map(count: allPoints.count, parallelism: parallelism,
                                    finished: reporter(.optima, total: allPoints.count, base: 0, per: 1)) { i -> Result<(CoalitionResult, [(members: [Int], values: [Double]?)]), Error> in
            if shouldStop() { return .failure(ParameterError("interrupted")) }
            return Result { try solo.solveDetailed(try weighted(allPoints[i])) }
        }
        var plans: [CoalitionResult] = [], groups: [[(members: [Int], values: [Double]?)]] = []
        for (i, r) in solved.enumerated() {
            switch r {
            case .success(let (p, g)):
                guard p.jointTotal != nil else {
                    throw NoPlanError("no joint plan at weights \(weightText(names, allPoints[i])) (\(p.status))")
                }
                plans.append(p); groups.append(g)
            case .failure(let e):
                if shouldStop() { throw ParameterError("interrupted") }
                throw NoPlanError("at weights \(weightText(names, allPoints[i])): \(e)")
            }
        }
        var solves = plans.count
        var unproven = plans.filter { $0.status != "optimal" }.count
        @Sendable func isOpen(_ plan: CoalitionResult, _ k: Int, _ post: String) -> Bool { plan.states[k].openJointly?.contains(post) ?? false }

        var lines: [RobustResult.PostLine] = []
        for (k, st) in c.states.enumerated() {
            for post in st.scenario.posts where post.force == nil {
                let states = plans.map { isOpen($0, k, post.id) }
                let label = "\(st.id):\(post.id)"
                if let o = states.firstIndex(of: true), let cl = states.firstIndex(of: false) {
                    // Proven only when both joint plans are: one within a gap may decide otherwise.
                    let sure = plans[o].status == "optimal" && plans[cl].status == "optimal"
                    lines.append(.init(post: label, classification: .borderline, proven: sure, openAt: points[o], closedAt: points[cl],
                                       method: sure ? "open and closed at vectors tried" : "open and closed at vectors tried (plans not proven optimal)"))
                } else {
                    lines.append(.init(post: label, classification: states[0] ? .core : .exterior, proven: false, openAt: nil, closedAt: nil,
                                       method: "same decision at \(points.count) weight vectors"))
                }
            }
        }
        // The named posts' decisions together, at the vectors of step 1.
        var combos: [[String]: Int] = [:]
        if targets.count >= 2 {
            for plan in plans {
                combos[targets.filter { isOpen(plan, $0.state, $0.post) }.map { "\(c.states[$0.state].id):\($0.post)" }, default: 0] += 1
            }
        }
        var segmentVectors = 0, regionVectors = 0
        let undecided = targets.filter { t in
            lines.first { $0.post == "\(c.states[t.state].id):\(t.post)" }!.classification != .borderline
        }
        if !undecided.isEmpty {
            if shouldStop() { throw ParameterError("interrupted") }
            // 2–3. At every vertex and named post: the best plan deciding it otherwise, with
            // individual rationality (the loss) and, for the proof, without.
            let rationalFree = { var p = solo; p.individualRationality = false; return p }()
            let plans = plans, groups = groups
            // `parts`: each group member's net benefit in the reversal, by state index.
            struct Flip: Sendable { var total: Double?; var status: String; var parts: [Int: Double] = [:] }
            let jobs = undecided.flatMap { t in vertices.indices.map { (t, $0) } }
            let flips = WorkerPool.map(count: jobs.count, parallelism: parallelism,
                                       finished: reporter(.reversals, total: jobs.count, base: solves, per: prove ? 2 : 1, unit: "vertex and post")) { j -> (rational: Flip, free: Flip?) in
                let ((k, post), v) = jobs[j]
                if shouldStop() { return (Flip(total: nil, status: "interrupted"), nil) }
                let open = isOpen(plans[0], k, post)
                let group = groups[v].first { $0.members.contains(k) }!.members
                func total(_ r: CoalitionResult) -> Double? {
                    let parts = group.map { r.states[$0].jointNetBenefit }
                    return parts.contains { $0 == nil } ? nil : parts.reduce(0) { $0 + $1! }
                }
                let at: CoalitionFile
                do { at = try weighted(vertices[v]) } catch { return (Flip(total: nil, status: "\(error)"), nil) }
                let p = c.states[k].scenario.posts.firstIndex { $0.id == post }!
                func run(_ planner: CoalitionPlanner) -> Flip {
                    // Reversed in the joint problem only: the floors stay the states' own optima.
                    var reversed = planner
                    reversed.jointFixes = [(k, p, !open)]
                    do {
                        let r = try reversed.solve(at)
                        // Infeasible: no (rational) joint plan decides it otherwise; any other failure: unknown.
                        if r.status == "infeasible" { return Flip(total: -.infinity, status: "optimal") }
                        var parts: [Int: Double] = [:]
                        for s in group { parts[s] = r.states[s].jointNetBenefit }
                        return Flip(total: total(r), status: r.status, parts: parts)
                    } catch { return Flip(total: nil, status: "\(error)") }
                }
                // A state in a group of its own has no one to be rational against: its joint
                // plan is its plan alone, so the reversal is costed as `dipnet robust` costs it.
                return (run(group.count == 1 ? rationalFree : solo), prove ? run(rationalFree) : nil)
            }
            if shouldStop() { throw ParameterError("interrupted") }
            solves += flips.reduce(0) { $0 + 1 + ($1.free == nil ? 0 : 1) }
            unproven += flips.filter { $0.rational.status != "optimal" && $0.rational.total != -.infinity }.count
            // The models at each vertex, rationality rows left out, to value candidate plans there.
            var modelAt: [[Int]: [CoalitionPlanner.JointProblem]] = [:]
            func problems(_ group: [Int]) throws -> [CoalitionPlanner.JointProblem] {
                if let m = modelAt[group] { return m }
                let m = try vertices.indices.map { v in
                    try rationalFree.buildJoint(try weighted(vertices[v]), members: group, standalone: plans[v].states.map(\.standalone),
                                                options: solo.planner.options)
                }
                modelAt[group] = m
                return m
            }
            /// Money by which the group's part `x` of a joint plan falls short, in model `m`
            /// of a weight vector, of the bound `b` (the best reversal there) or of a state's
            /// floor (its optimum alone, from `floors`); at most 0 when `x` holds there, and
            /// infinite when `x` is not a plan of `m`. A state in a group of its own has no
            /// one to be rational against: its floor is its own optimum, which only its
            /// optimum meets, so it is left out.
            func shortfall(of x: [Double], in m: CoalitionPlanner.JointProblem, floors: [CoalitionResult.StateOutcome],
                           group: [Int], bound b: Double) -> Double {
                guard m.model.variableCount == x.count else { return .infinity }
                let violation = m.model.violation(of: x)
                guard violation.maxViolation <= 1e-6, violation.integral else { return .infinity }
                var short = 0.0
                if group.count > 1 {
                    for st in group {
                        let floor = floors[st].standalone.netBenefit
                        short = max(short, floor - 1e-6 * max(1, abs(floor)) - m.netBenefit[st].evaluate(x))
                    }
                }
                let value = group.reduce(0) { $0 + m.netBenefit[$1].evaluate(x) }
                return max(short, b - 1e-6 * max(1, abs(b)) - value)
            }
            func p(_ k: Int, _ post: String) -> Int { c.states[k].scenario.posts.firstIndex { $0.id == post }! }
            /// Whether some joint plan of step 1 that decides the post as `open` (the group's
            /// part of it) is individually rational at every vertex and worth at least
            /// `bound(v)` there: the proof of steps 2 and 2b.
            func dominates(state k: Int, post: String, open: Bool, group: [Int], bound: (Int) -> Double) throws -> Bool {
                let models = try problems(group)
                for cand in 0...vertices.count where isOpen(plans[cand], k, post) == open {
                    guard let x = groups[cand].first(where: { $0.members.contains(k) })?.values else { continue }
                    if vertices.indices.allSatisfy({ v in
                        shortfall(of: x, in: models[v], floors: plans[v].states, group: group, bound: bound(v)) <= 0
                    }) { return true }
                }
                return false
            }
            /// Step 2b: a joint plan found in step 1 that decides the post as everywhere so far,
            /// rational at every vertex, and at every vertex `v` worth at least
            /// `U(v) = max_y Σ_s (1 + λ_s) NB_s(y; v) − Σ_s λ_s L_s(v)` over the plans `y` that
            /// reverse the post (rationality rows left out), with `λ_s = λ` on `losers` and 0
            /// elsewhere, and `L_s` the net benefit of `s`'s plan alone at the centroid, linear
            /// in the weights. As `L_s ≤ NB*_s` (that plan is one of `s`'s plans alone), every
            /// rational reversal has `NB_s(y) ≥ L_s`, so `U` bounds the best rational reversal;
            /// for fixed λ, `U` is a maximum of linear functions less a linear one (convex), so
            /// the vertices suffice, as in step 2. λ is tried at 1, 4 and 16 (one joint solve a
            /// vertex each). Returns the λ that proves it, or nil.
            func lagrangianProof(post pIndex: Int, state k: Int, open: Bool, group: [Int], losers: [Int]) throws -> (λ: Double, states: [Int])? {
                let centre = vertices.count
                let centreFile = try weighted(points[centre])
                // L_s at each vertex: the centroid's plan alone of each loser, valued at the vertex.
                var lower = Array(repeating: 0.0, count: vertices.count)
                for st in losers {
                    let own = names.indices.filter { names[$0].hasPrefix("\(c.states[st].id):") }
                    let ids = own.map { String(names[$0].split(separator: ":", maxSplits: 1)[1]) }
                    let plan = plans[centre].states[st].standalone
                    guard plan.hasSolution else { return nil }
                    let f = Robust.linearValue(plan, at: own.map { points[centre][$0] }, centreFile.states[st].scenario, ids)
                    for v in vertices.indices { lower[v] += f.constant + zip(f.perWeight, own).reduce(0) { $0 + $1.0 * vertices[v][$1.1] } }
                }
                var reversed = rationalFree
                reversed.jointFixes = [(k, pIndex, !open)]
                let frozenLower = lower, rev = reversed, options = solo.planner.options
                for λ in [1.0, 4.0, 16.0] {
                    if shouldStop() { throw ParameterError("interrupted") }
                    let bounds = WorkerPool.map(count: vertices.count, parallelism: parallelism) { v -> Double? in
                        if shouldStop() { return nil }
                        guard let at = try? weighted(vertices[v]),
                              var prob = try? rev.buildJoint(at, members: group, standalone: plans[v].states.map(\.standalone), options: options)
                        else { return nil }
                        prob.model.maximize(LinearExpression.sum(group.indices) { i in
                            losers.contains(group[i]) ? prob.netBenefit[group[i]] * (1 + λ) : prob.netBenefit[group[i]] })
                        var o = options
                        o.start = nil
                        guard let r = try? GLPKSolver().solve(prob.model, options: o) else { return nil }
                        switch r.termination {
                        case .infeasible: return -.infinity
                        case .optimal:
                            guard let y = r.values else { return nil }
                            let weightedValue = group.reduce(0.0) { acc, st in
                                acc + (losers.contains(st) ? 1 + λ : 1) * prob.netBenefit[st].evaluate(y)
                            }
                            return weightedValue - λ * frozenLower[v]
                        default: return nil
                        }
                    }
                    solves += vertices.count
                    guard bounds.allSatisfy({ $0 != nil }) else { return nil }
                    if try dominates(state: k, post: c.states[k].scenario.posts[pIndex].id, open: open, group: group, bound: { bounds[$0]! }) {
                        return (λ, losers)
                    }
                }
                return nil
            }
            // 2c. Proof by regions (`RegionProof`), with the candidate plans and the reversals
            // solved at each region's own vertices. `regionSolves` solves at most a post; the
            // joint plans solved are shared by the posts.
            var jointAt: [[Double]: (plan: CoalitionResult, groups: [(members: [Int], values: [Double]?)])?] = [:]
            for (i, w) in points.enumerated() where i < plans.count { jointAt[w] = (plans[i], groups[i]) }
            let orderIdx = orders.map { $0.map { names.firstIndex(of: $0)! } }
            func proveByRegions(state k: Int, post: String, open: Bool, group: [Int], freeAtVertex: [Double?], index: Int) throws -> RegionProof.Outcome {
                // the best reversal (rationality rows left out) by weight vector; nil: unknown
                var freeAt: [[Double]: Double?] = [:]
                for (v, w) in vertices.enumerated() { freeAt[w] = freeAtVertex[v] }
                var reversed = rationalFree
                reversed.jointFixes = [(k, p(k, post), !open)]
                let rev = reversed
                let proof = RegionProof(bounds: weights.map(\.range), order: orderIdx, budget: regionSolves)
                var usedHere = 0
                let (outcome, used) = try proof.run(open: open, unsolved: { ws in
                    ws.filter { jointAt[$0] == nil }.count + ws.filter { freeAt[$0] == nil }.count
                }, solve: { ws in
                    let jobs = ws.filter { jointAt[$0] == nil }.map { ($0, true) } + ws.filter { freeAt[$0] == nil }.map { ($0, false) }
                    usedHere += jobs.count
                    progress?(RobustProgress(step: .proofs, done: index, total: undecided.count, solves: solves + usedHere))
                    let done = WorkerPool.map(count: jobs.count, parallelism: parallelism) { j -> (joint: (CoalitionResult, [(members: [Int], values: [Double]?)])?, free: Double?) in
                        if shouldStop() { return (nil, nil) }
                        let (w, isJoint) = jobs[j]
                        guard let at = try? weighted(w) else { return (nil, nil) }
                        if isJoint {
                            guard let r = try? solo.solveDetailed(at), r.result.jointTotal != nil else { return (nil, nil) }
                            return ((r.result, r.groups), nil)
                        }
                        // the reversal must be proven optimal (or infeasible) to bound anything
                        guard let r = try? rev.solve(at) else { return (nil, nil) }
                        if r.status == "infeasible" { return (nil, -.infinity) }
                        guard r.status == "optimal" else { return (nil, nil) }
                        let parts = group.map { r.states[$0].jointNetBenefit }
                        return (nil, parts.contains { $0 == nil } ? nil : parts.reduce(0) { $0 + $1! })
                    }
                    if shouldStop() { throw ParameterError("interrupted") }
                    for (j, d) in done.enumerated() {
                        if jobs[j].1 { jointAt[jobs[j].0] = .some(d.joint.map { (plan: $0.0, groups: $0.1) }) } else { freeAt[jobs[j].0] = .some(d.free) }
                    }
                    regionVectors += jobs.filter(\.1).count
                }, decision: { w in
                    guard let jp = jointAt[w] ?? nil else { return nil }
                    return .init(open: isOpen(jp.plan, k, post), sure: jp.plan.status == "optimal" && plans[0].status == "optimal")
                }, shortfalls: { cs in
                    guard cs.allSatisfy({ (jointAt[$0] ?? nil)?.plan.status == "optimal" && (freeAt[$0] ?? nil) != nil }) else { return nil }
                    let models = try cs.map { w in
                        try rationalFree.buildJoint(try weighted(w), members: group, standalone: jointAt[w]!!.plan.states.map(\.standalone),
                                                    options: solo.planner.options)
                    }
                    return cs.compactMap { cw in
                        guard let x = jointAt[cw]!!.groups.first(where: { $0.members.contains(k) })?.values else { return nil }
                        return cs.indices.map { v in
                            shortfall(of: x, in: models[v], floors: jointAt[cs[v]]!!.plan.states, group: group, bound: freeAt[cs[v]]!!)
                        }
                    }
                }, shouldStop: shouldStop)
                solves += used
                return outcome
            }
            var searchFrom: [(line: Int, target: (state: Int, post: String), vertex: Int)] = []
            var regionNotes: [Int: String] = [:]
            for (ti, t) in undecided.enumerated() {
                progress?(RobustProgress(step: .proofs, done: ti, total: undecided.count, solves: solves))
                let (k, post) = t
                let li = lines.firstIndex { $0.post == "\(c.states[k].id):\(post)" }!
                let open = isOpen(plans[0], k, post)
                let mine = Array(flips[(ti * vertices.count)..<((ti + 1) * vertices.count)])
                let group = groups[0].first { $0.members.contains(k) }!.members
                func groupTotal(_ r: CoalitionResult) -> Double { group.reduce(0) { $0 + r.states[$1].jointNetBenefit! } }
                // Least loss if reversed, over the vertices where the reversal was solved.
                let regrets: [Double?] = mine.indices.map { v in mine[v].rational.total.map { groupTotal(plans[v]) - $0 } }
                let known = regrets.indices.filter { regrets[$0] != nil }
                let leastK = known.min { regrets[$0]! < regrets[$1]! }
                if let l = leastK, regrets[l]! < -1e-6 * max(1, abs(groupTotal(plans[l]))) {
                    // The joint plan found there was not optimal (a gap or a time limit): one
                    // that decides the post otherwise is better, so the class cannot be kept.
                    lines[li].classification = .borderline
                    lines[li].openAt = open ? points[0] : vertices[l]
                    lines[li].closedAt = open ? vertices[l] : points[0]
                    lines[li].method = "a joint plan deciding it otherwise beats the plan found at a vertex by \(Fmt.money(-regrets[l]!)) "
                        + "(plans not proven optimal)"
                    continue
                }
                if let l = leastK {
                    if regrets[l]!.isFinite { (lines[li].leastLoss, lines[li].leastLossAt) = (Fmt.clean(regrets[l]!), vertices[l]) }
                    else { lines[li].reversalImpossible = true }
                }
                // 2. The proof: a candidate plan (vertices and centroid) that decides the post as
                // everywhere so far, rational at every vertex and above every reversal there.
                var proven = false
                if prove, mine.allSatisfy({ $0.free.map { $0.status == "optimal" && $0.total != nil } ?? false }) {
                    proven = try dominates(state: k, post: post, open: open, group: group, bound: { mine[$0].free!.total! })
                }
                // 2b. The same with the rationality rows, by a Lagrangian bound, when the bound
                // without them fails because the reversals it counts leave some states below
                // their own optimum alone (step 2b of the type's comment).
                var multiplier: (λ: Double, states: [Int])? = nil
                if !proven, prove, group.count > 1, mine.allSatisfy({ $0.free.map { $0.status == "optimal" && $0.total != nil } ?? false }) {
                    let losers = group.filter { s in mine.indices.contains { v in
                        guard let nb = mine[v].free?.parts[s] else { return false }
                        let floor = plans[v].states[s].standalone.netBenefit
                        return nb < floor - 1e-6 * max(1, abs(floor))
                    } }
                    if !losers.isEmpty, let r = try lagrangianProof(post: p(k, post), state: k, open: open, group: group, losers: losers) {
                        (proven, multiplier) = (true, r)
                    }
                }
                var byRegions = false
                if !proven, prove, regionSolves > 0, mine.allSatisfy({ $0.free.map { $0.status == "optimal" && $0.total != nil } ?? false }) {
                    let outcome = try proveByRegions(state: k, post: post, open: open, group: group, freeAtVertex: mine.map { $0.free!.total }, index: ti)
                    switch outcome {
                    case .proven(let regions):
                        (proven, byRegions) = (true, true)
                        lines[li].proven = true
                        lines[li].method = "proven by regions: \(regions) boxes"
                    case .reversed(let w, let sure):
                        lines[li].classification = .borderline
                        lines[li].proven = sure
                        lines[li].openAt = open ? points[0] : w
                        lines[li].closedAt = open ? w : points[0]
                        lines[li].method = "reversed at a vertex of a region of the proof" + (sure ? "" : " (plans not proven optimal)")
                        (lines[li].leastLoss, lines[li].leastLossAt) = (nil, nil)
                        continue
                    case .partial, .unfinished:
                        regionNotes[li] = RegionProof.note(outcome, within: "--region-solves \(regionSolves)")
                    }
                }
                if byRegions {
                    // the method says so
                } else if proven {
                    lines[li].proven = true
                    lines[li].method = "proven at all \(vertices.count) vertices" + (multiplier.map { m in
                        ", individual rationality by a Lagrangian bound (λ = \(Reading.format(m.λ)) on "
                            + m.states.map { c.states[$0].id }.joined(separator: ", ") + ")" } ?? "")
                } else if let l = leastK, regrets[l]!.isFinite {
                    searchFrom.append((li, t, l))
                } else {
                    lines[li].method = "same decision at \(points.count) weight vectors, reversal forced at \(vertices.count) vertices"
                }
            }
            progress?(RobustProgress(step: .proofs, done: undecided.count, total: undecided.count, solves: solves))
            // 4. Search the segments from the least-loss vertex (each point solved once).
            func segmentPoints(_ from: Int) -> [[Double]] {
                vertices.indices.filter { $0 != from }.flatMap { target in
                    [0.5, 0.25, 0.125].map { f in zip(vertices[from], vertices[target]).map { $0 + f * ($1 - $0) } }
                }
            }
            var unique: [[Double]] = [], position: [[Double]: Int] = [:]
            for s in searchFrom { for w in segmentPoints(s.vertex) where position[w] == nil { position[w] = unique.count; unique.append(w) } }
            let toSolve = unique
            let segmentPlans = WorkerPool.map(count: toSolve.count, parallelism: parallelism,
                                              finished: reporter(.search, total: toSolve.count, base: solves, per: 1)) { i -> CoalitionResult? in
                if shouldStop() { return nil }
                guard let r = try? solo.solve(try weighted(toSolve[i])), r.jointTotal != nil else { return nil }
                return r
            }
            if shouldStop() { throw ParameterError("interrupted") }
            solves += unique.count
            segmentVectors = unique.count
            unproven += segmentPlans.filter { $0 != nil && $0!.status != "optimal" }.count
            for s in searchFrom {
                let (k, post) = s.target
                let open = isOpen(plans[0], k, post)
                let own = segmentPoints(s.vertex)
                if let w = own.first(where: { segmentPlans[position[$0]!].map { isOpen($0, k, post) != open } ?? false }) {
                    lines[s.line].classification = .borderline
                    lines[s.line].proven = plans[0].status == "optimal" && segmentPlans[position[w]!]?.status == "optimal"
                    lines[s.line].openAt = open ? points[0] : w
                    lines[s.line].closedAt = open ? w : points[0]
                    lines[s.line].method = "reversed on a segment from its least-loss vertex"
                    (lines[s.line].leastLoss, lines[s.line].leastLossAt) = (nil, nil)
                } else {
                    lines[s.line].method = "searched: \(points.count + own.count) vectors, reversal forced at \(vertices.count) vertices"
                        + (regionNotes[s.line].map { "; " + $0 } ?? "")
                }
            }
        }
        var result = RobustResult(variant: variant ?? "base", criteria: names, bounds: weights.map(\.range), order: orders, vertices: vertices,
                                  posts: lines, weightVectors: points.count + segmentVectors + regionVectors, solves: solves,
                                  seconds: (clock.now - started).inSeconds)
        result.scenario = c.name
        result.coalition = true
        (result.samples, result.seed) = (samples, seed)
        result.regionSolves = prove && !focus.isEmpty ? regionSolves : nil
        result.named = targets.map { "\(c.states[$0.state].id):\($0.post)" }
        result.combinations = combos.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0.joined(separator: ",")) < ($0.1, $1.0.joined(separator: ",")) }
        result.forced = c.states.flatMap { st in st.scenario.posts.filter { $0.force != nil }.map { "\(st.id):\($0.id)" } }
        if targets.isEmpty {
            result.notes.append("Classes by search only: name posts with --posts STATE:POST,… to prove their class and give their least loss at a vertex "
                                + "(two joint solves a vertex and post).")
        }
        if unproven > 0 {
            result.notes.append("\(unproven) of the joint plans were not proven optimal (time limit or gap): a class resting on them may be wrong.")
        }
        return result
    }

    static func weightText(_ names: [String], _ w: [Double]) -> String {
        zip(names, w).map { "\($0)=\(Fmt.money($1))" }.joined(separator: ", ")
    }
}
