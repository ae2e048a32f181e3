import Foundation
import GLPKSolver
import LinearProgramming
import Synchronization

extension CoalitionPlanner {
    /// How a connected group of states is solved.
    public enum Method: String, Sendable, CaseIterable {
        /// `joint` below `decomposeFrom` states, `decomposed` from there on.
        case auto
        /// One MIP of the whole group (proves optimality when given the time).
        case joint
        /// The LP relaxation for the bound, in parallel with a state-by-state
        /// large-neighbourhood search for the plan (docs/coalition-format.md,
        /// "Large coalitions"). Individual rationality holds in every plan it keeps.
        case decomposed
    }

    /// Groups of at least this many states are decomposed under `Method.auto`.
    public static let decomposeFrom = 6

    /// The decomposed solve of one group (see `Method.decomposed`).
    ///
    /// - Bound: GLPK's branch-and-cut on the joint MIP, individual rationality rows
    ///   included, on its own worker thread for the whole time limit: its root LP
    ///   relaxation without the MIP presolver, staged (first without the shared
    ///   services and individual-rationality rows, then from that basis with them;
    ///   `SolveOptions.stagedRoot`) and handed to RINS, MIR and Gomory cuts,
    ///   its live bound (root relaxation, then the tree's) and any plan it finds.
    /// - Plans: (1) the standalone post decisions with every flow and shared
    ///   service re-optimised (an LP, always feasible); (2) rounds of a
    ///   neighbourhood search: for each state in turn, a MIP in which that state's
    ///   posts and flows, every service it gives or takes, and every state's
    ///   unserved cases and represented presence are free, everything else fixed
    ///   at the incumbent; then the same by region (all states' variables there);
    ///   once a round of those gains less than 0.1%, RINS as soon as the joint MIP
    ///   hands its root relaxation over: sub-MIPs in which the integer variables equal
    ///   in it and in the incumbent are fixed; then state and region neighbourhoods
    ///   again if RINS improved; pairs of regions whenever a level stalls; kept when
    ///   the total improves. Every sub-MIP stops once its plan reaches the gap. Every
    ///   neighbourhood contains the incumbent, so the plan never gets worse and
    ///   stays individually rational.
    /// - Stops when the gap to the bound reaches the requested gap, when the joint
    ///   MIP ends, or at the time limit (default 600 s); once every neighbourhood
    ///   level has improved nothing, the joint MIP goes on alone until then.
    ///
    /// Returns the best plan with the joint MIP's bound (`.feasible(gap:)`), or
    /// `.optimal` when the gap closes to GLPK's tolerance.
    ///
    /// `jointBranches: false` (tests only) solves just the joint model's LP
    /// relaxation in job 0, hands it over for RINS and keeps the job open until the
    /// search ends, so that small groups, whose joint MIP would end at once, run
    /// every stage of the search.
    func solveDecomposed(_ joint: Model, blocks: [Block], services: [ServiceVar], rationality: [Constraint], members: [Int],
                         opens: [Variable], standaloneStart: [Double], stateIDs: [String], options: SolveOptions,
                         jointBranches: Bool = true) throws -> SolveResult {
        let clock = ContinuousClock()
        let began = clock.now
        @Sendable func elapsed() -> Double {
            let d = clock.now - began
            return d.inSeconds
        }
        let budget = options.timeLimit ?? 600
        /// The search starts no new neighbourhood this close to the time limit.
        let margin = min(1, 0.05 * budget)
        let target = max(options.relativeGap ?? 0, 1e-6)
        let logs = Mutex<String>("")
        @Sendable func note(_ s: String) {
            let line = String(format: "dipnet: [%6.1f s] ", elapsed()) + s + "\n"
            logs.withLock { $0 += line }
            if options.echoLog { FileHandle.standardError.write(Data(line.utf8)) }
        }
        let n = joint.variableCount
        // What each state's neighbourhood frees.
        var alwaysFree = [Bool](repeating: false, count: n)
        var ownVars: [Int: [Int]] = [:]
        for k in members {
            let b = blocks[k]
            for row in b.f.unservedByService { for u in row { if let u { alwaysFree[b.v(u).index] = true } } }
            for r in b.f.represented { alwaysFree[b.v(r).index] = true }
            ownVars[k] = Array(b.vOffset ..< b.vOffset + b.f.model.variableCount)
        }
        for s in services {
            ownVars[s.client, default: []].append(s.variable.index)
            ownVars[s.provider, default: []].append(s.variable.index)
        }
        let integer = (0..<n).map { joint.info(Variable(index: $0)).kind != .continuous }
        /// The joint model with every integer variable continuous (its LP relaxation).
        @Sendable func relaxedJoint() -> Model {
            var relaxed = joint
            for j in 0..<n where integer[j] { relaxed.setKind(Variable(index: j), .continuous) }
            return relaxed
        }
        // Regions: every variable of a post, flow, country or shared service there,
        // for all states at once (where sharing is decided between states).
        var regionOf: [String: String] = [:]
        for k in members { for c in blocks[k].f.scenario.countries { regionOf[c.id] = c.region ?? "(no region)" } }
        var regionVars: [String: [Int]] = [:]
        func touch(_ v: Variable, _ countries: String...) {
            for c in Set(countries) { regionVars[regionOf[c] ?? "(no region)", default: []].append(v.index) }
        }
        for k in members {
            let b = blocks[k], sc = b.f.scenario
            for (p, post) in sc.posts.enumerated() { touch(b.v(b.f.open[p]), post.country) }
            for fl in b.f.flows { touch(b.v(fl.variable), sc.countries[fl.country].id, sc.posts[fl.post].country) }
            for pf in b.f.partnerFlows { touch(b.v(pf.variable), sc.partners[pf.offer].country) }
            for (ci, c) in sc.countries.enumerated() {
                for u in b.f.unservedByService[ci] { if let u { touch(b.v(u), c.id) } }
                touch(b.v(b.f.resident[ci]), c.id)
                touch(b.v(b.f.accredited[ci]), c.id)
            }
        }
        for sv in services { touch(sv.variable, blocks[sv.client].f.scenario.countries[sv.country].id) }
        var neighbourhoods: [(label: String, vars: [Int])] = members.map { (stateIDs[$0], ownVars[$0] ?? []) }
        let regions = regionVars.keys.sorted()
        for r in regions { neighbourhoods.append(("region \(r)", regionVars[r]!)) }
        // Wider ones for when those are exhausted: every pair of regions.
        var pairs: [(label: String, vars: [Int])] = []
        for (i, a) in regions.enumerated() {
            for b in regions[(i + 1)...] { pairs.append(("regions \(a) + \(b)", regionVars[a]! + regionVars[b]!)) }
        }
        let baseFree = alwaysFree, levels = [neighbourhoods, pairs]

        /// The joint MIP's result once it has ended.
        let jointResult = Mutex<SolveResult?>(nil)
        let stopJoint = SolveCancellation()
        let monitor = SolveMonitor()
        let best = Mutex<(values: [Double], objective: Double)?>(nil)

        @Sendable func objective(_ v: [Double]) -> Double { joint.objective.evaluate(v) }
        @Sendable func offer(_ v: [Double], _ how: String) {
            let obj = objective(v)
            let improved = best.withLock { b -> Bool in
                guard b == nil || obj > b!.objective + 1e-7 * max(1, abs(b!.objective)) else { return false }
                b = (v, obj)
                return true
            }
            if improved { note("incumbent \(Fmt.money(obj)) (\(how))") }
        }
        /// The LP relaxation's optimum, once the joint MIP (or the search) has solved it (an upper bound).
        let relaxationBound = Mutex<Double?>(nil)
        /// The root LP relaxation of the joint MIP, handed over for RINS.
        let relaxation = Mutex<[Double]?>(nil)
        /// The best proven bound so far: the finished joint MIP's, else its live one,
        /// or the LP relaxation's when that is tighter or the only one.
        @Sendable func bound() -> Double? {
            let lp = relaxationBound.withLock { $0 }
            if let r = jointResult.withLock({ $0 }) {
                if r.termination == .optimal { return r.objective }
                return [r.bestBound, lp].compactMap { $0 }.min()
            }
            return (monitor.snapshot().compactMap(\.bound) + [lp].compactMap { $0 }).min()
        }
        @Sendable func gap() -> Double? {
            guard let b = bound(), let inc = best.withLock({ $0?.objective }) else { return nil }
            return max(0, b - inc) / (abs(inc) + Double.ulpOfOne)
        }
        @Sendable func userStopped() -> Bool { options.cancellation?.isCancelled ?? false }
        /// A sub-MIP of the search (a neighbourhood or RINS), solved to 0.01% but
        /// stopped as soon as its incumbent brings the whole solve to the requested
        /// gap against the joint MIP's bound (a watcher polls it every quarter second),
        /// or when the user stops the solve.
        @Sendable func subSolve(_ sub: Model, timeLimit: Double) throws -> SolveResult {
            let stop = SolveCancellation(), progress = SolveMonitor(), finished = Mutex(false)
            var o = options.subproblem(gap: 1e-4, timeLimit: timeLimit)
            o.cancellation = stop
            o.monitor = progress
            Thread.detachNewThread {
                while !finished.withLock({ $0 }) {
                    Thread.sleep(forTimeInterval: 0.25)
                    guard let inc = progress.snapshot().compactMap(\.incumbent).max(), let b = bound() else { continue }
                    if max(0, b - inc) / (abs(inc) + Double.ulpOfOne) <= target {
                        note("sub-MIP stopped: its plan \(Fmt.money(inc)) reaches the gap")
                        stop.cancel()
                        return
                    }
                }
            }
            defer { finished.withLock { $0 = true } }
            let solve = { try GLPKSolver().solve(sub, options: o) }
            if let user = options.cancellation { return try user.whileRunning(onCancel: { stop.cancel() }, solve) }
            return try solve()
        }

        // Job 0: the joint MIP (bound, and plans of its own). Job 1: the neighbourhood search.
        let failures = Mutex<[Error]>([])
        let searchEnded = Mutex(false)
        WorkerPool.run(count: 2, parallelism: 2) { job -> Bool in
            do {
                if job == 0, !jointBranches {
                    let lp = try GLPKSolver().solve(relaxedJoint(), options: options.subproblem(gap: nil, timeLimit: budget))
                    if let x = lp.values, let z = lp.objective, lp.termination == .optimal {
                        relaxation.withLock { $0 = x }
                        relaxationBound.withLock { $0 = z }
                        note("LP relaxation of the joint model: \(Fmt.money(z)) (a bound), handed to RINS; no branching (tests)")
                    }
                    while !searchEnded.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.05) }
                    jointResult.withLock {
                        $0 = SolveResult(termination: .interrupted(hasIncumbent: false), objective: nil, bestBound: lp.objective,
                                         values: nil, rowActivities: nil, duals: nil, reducedCosts: nil, startAccepted: nil,
                                         seconds: lp.seconds, log: lp.log)
                    }
                    return true
                }
                if job == 0 {
                    var o = options
                    o.start = nil
                    o.relativeGap = target
                    o.cancellation = stopJoint
                    o.monitor = monitor
                    o.timeLimit = budget
                    // Gomory's cuts close 40% of the root gap here (EU-27 fully connected:
                    // LP 224.62 M, MIR alone 224.55 M, with Gomory 224.00 M) and cost seconds
                    // against the minutes of the root LP; see docs/coalition-format.md.
                    o.cuts.insert(.gomory)
                    // Without the MIP presolver the root LP is the joint model's own, so
                    // RINS can use it instead of solving it again on the other core.
                    o.presolve = false
                    // The root LP in two stages: first without shared services and
                    // individual rationality (the states' own LPs side by side), then from
                    // that basis with both (seed-2 EU-27 LP: 182 s against 543 s).
                    o.stagedRoot = (services.map(\.variable), rationality)
                    o.onRelaxation = { x, z in
                        relaxation.withLock { if $0 == nil { $0 = x } }
                        relaxationBound.withLock { $0 = min($0 ?? z, z) }
                        note("LP relaxation of the joint MIP: \(Fmt.money(z)) (a bound), handed to RINS")
                    }
                    note("joint MIP of \(n) variables and \(joint.constraintCount) rows (GLPK branch-and-cut) for the bound")
                    let r = try GLPKSolver().solve(joint, options: o)
                    jointResult.withLock { $0 = r }
                    if let v = r.values { offer(v, "joint MIP") }
                    note("joint MIP ended \(r.termination.name)" + (r.bestBound.map { ", bound \(Fmt.money($0))" } ?? ""))
                    return true
                }
                if let v = try sharedFlowsStart(joint, opens: opens, decisions: standaloneStart,
                                                options: options.with(timeLimit: max(1, 0.25 * budget))) {
                    offer(v, "standalone posts, flows and services re-optimised")
                } else {
                    offer(standaloneStart, "standalone plans")
                }
                var round = 0, level = 0, rinsDone = false, rinsWanted = false
                /// True when the joint MIP has gone past its root LP without handing
                /// it over (a retry with the MIP presolver): RINS then solves it itself.
                func relaxationWillNotCome() -> Bool {
                    relaxation.withLock { $0 == nil } && monitor.snapshot().contains(where: \.inTree)
                }
                /// RINS (relaxation induced neighbourhood search, as HiGHS and CPLEX do):
                /// on the joint MIP's root LP relaxation (solved here when the joint
                /// MIP has not handed it over), every integer variable whose relaxed
                /// value equals its value in the incumbent is fixed there and the rest
                /// is a sub-MIP, repeated while it improves. True when a better plan was found.
                func rins() throws -> Bool {
                    guard elapsed() < budget - 10, !userStopped(), jointResult.withLock({ $0 == nil }) else { return false }
                    let xl: [Double]
                    if let shared = relaxation.withLock({ $0 }) {
                        xl = shared
                    } else {
                        let relaxed = relaxedJoint()
                        note("solving the LP relaxation for a relaxation-induced neighbourhood (RINS)")
                        let lp = try GLPKSolver().solve(relaxed, options: options.subproblem(gap: nil, timeLimit: max(1, budget - elapsed() - 5)))
                        guard lp.termination == .optimal, let values = lp.values, let z = lp.objective else {
                            note("LP relaxation ended \(lp.termination.name): no RINS")
                            return false
                        }
                        relaxationBound.withLock { $0 = min($0 ?? z, z) }
                        note("LP relaxation \(Fmt.money(z)) (a bound)")
                        xl = values
                    }
                    var improved = false
                    for attempt in 1...5 {
                        guard elapsed() < budget - 2, !userStopped(), jointResult.withLock({ $0 == nil }),
                              (gap() ?? 1) > target, let (x, current) = best.withLock({ $0 }) else { break }
                        var sub = joint
                        var freed = 0
                        for j in 0..<n where integer[j] {
                            if abs(xl[j] - x[j].rounded()) < 1e-6 { sub.fix(Variable(index: j), to: x[j].rounded()) } else { freed += 1 }
                        }
                        note("RINS \(attempt): \(freed) integer variables free")
                        // The first RINS sub-MIP may take 180 s; a repeat around its plan 60 s, so
                        // that the rounds, which found the last gains after RINS, get their turn.
                        let r = try subSolve(sub, timeLimit: max(1, min(attempt == 1 ? 180 : 60, budget - elapsed())))
                        guard let v = r.values, objective(v) > current + 1e-7 * max(1, abs(current)) else { break }
                        offer(v, "RINS \(attempt)")
                        improved = true
                    }
                    return improved
                }
                search: while elapsed() < budget - margin, !userStopped(), jointResult.withLock({ $0 == nil }) {
                    if let g = gap(), g <= target { break }
                    round += 1
                    var improvedInRound = false
                    let roundStart = best.withLock { $0?.objective }
                    for area in levels[level] {
                        guard elapsed() < budget - margin, !userStopped(), jointResult.withLock({ $0 == nil }) else { break search }
                        // RINS as soon as the joint MIP hands its relaxation over (once: after
                        // it, the rounds run whole again around its plan).
                        if rinsWanted, !rinsDone, relaxation.withLock({ $0 != nil }) { break }
                        guard let (x, current) = best.withLock({ $0 }) else { break search }
                        var sub = joint
                        var free = baseFree
                        for j in area.vars { free[j] = true }
                        for j in 0..<n where !free[j] {
                            let v = integer[j] ? x[j].rounded() : (abs(x[j]) < 1e-9 ? 0 : x[j])
                            sub.fix(Variable(index: j), to: v)
                        }
                        let r = try subSolve(sub, timeLimit: max(1, min(60, budget - elapsed())))
                        if let v = r.values, objective(v) > current + 1e-7 * max(1, abs(current)) {
                            offer(v, "round \(round), neighbourhood \(area.label)")
                            improvedInRound = true
                            if let g = gap(), g <= target { break search }
                        }
                    }
                    // RINS once a round gains less than 0.1% (late rounds gain little) and
                    // the relaxation is there: the joint MIP solves it first, in minutes on
                    // a large group; until then the search goes on.
                    if level == 0, !rinsWanted, let a = roundStart, let b = best.withLock({ $0?.objective }),
                       b - a < 1e-3 * max(1, abs(a)) {
                        rinsWanted = true
                        note("round \(round) gained \(Fmt.money(b - a)), under 0.1%: RINS once the LP relaxation is solved")
                    }
                    if rinsWanted, !rinsDone, relaxation.withLock({ $0 != nil }) || relaxationWillNotCome() {
                        rinsDone = true
                        if try rins() { level = 0; continue search }
                    }
                    if !improvedInRound {
                        note("round \(round) improved nothing: the plan is a local optimum for every neighbourhood of this size")
                        level += 1
                        if level >= levels.count || levels[level].isEmpty {
                            // Nothing left to search but RINS: wait for the relaxation.
                            if rinsWanted, !rinsDone {
                                while relaxation.withLock({ $0 == nil }), !relaxationWillNotCome(), jointResult.withLock({ $0 == nil }),
                                      elapsed() < budget - 10, !userStopped() {
                                    Thread.sleep(forTimeInterval: 0.5)
                                }
                                rinsDone = true
                                if try rins() { level = 0; continue search }
                            }
                            break
                        }
                    }
                }
                // The joint MIP goes on (bound and plans) unless the answer is good enough.
                // (It stops at the time limit by itself: it has the whole budget.)
                if (gap() ?? 1) <= target || userStopped() { stopJoint.cancel() }
                searchEnded.withLock { $0 = true }
                return true
            } catch {
                failures.withLock { $0.append(error) }
                if job == 1 { stopJoint.cancel(); searchEnded.withLock { $0 = true } }
                return false
            }
        } record: { _, _ in }
        if let e = failures.withLock({ $0.first }), best.withLock({ $0 }) == nil { throw e }
        guard let (values, obj) = best.withLock({ $0 }) else {
            throw ParameterError("the decomposed coalition solve found no plan")
        }
        let finalBound = bound().map { max($0, obj) }
        let g = finalBound.map { max(0, $0 - obj) / (abs(obj) + Double.ulpOfOne) }
        note("done: incumbent \(Fmt.money(obj))" + (g.map { String(format: ", gap %.3f%% to the bound", $0 * 100) } ?? ", no bound yet"))
        let termination: TerminationStatus = (g ?? 1) <= 1e-9 ? .optimal : .feasible(gap: g ?? .infinity)
        var rows = [Double](repeating: 0, count: joint.constraintCount)
        for c in 0..<joint.constraintCount { rows[c] = joint.row(Constraint(index: c)).evaluate(values) }
        return SolveResult(termination: termination, objective: obj, bestBound: finalBound, values: values, rowActivities: rows,
                           duals: nil, reducedCosts: nil, startAccepted: nil, seconds: elapsed(), log: logs.withLock { $0 })
    }
}

extension SolveOptions {
    /// The options of a sub-solve of the search (a neighbourhood, the relaxation):
    /// no starting plan, no live progress, no incumbent exchange, its own gap and time limit.
    func subproblem(gap: Double?, timeLimit: Double) -> SolveOptions {
        var o = self
        o.start = nil
        o.monitor = nil
        o.exchange = nil
        o.relativeGap = gap
        o.timeLimit = timeLimit
        return o
    }

    /// A copy with another time limit.
    func with(timeLimit: Double) -> SolveOptions {
        var o = self
        o.timeLimit = timeLimit
        return o
    }
}
