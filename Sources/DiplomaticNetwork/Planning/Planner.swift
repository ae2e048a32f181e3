import Foundation
import GLPKSolver
import LinearProgramming
import Synchronization

/// Solves scenarios into plans with GLPK.
///
/// `solve` runs on the calling thread (GLPK stays on it from creation to
/// deletion); `solveAll` runs independent solves concurrently, one OS thread
/// each, at most `parallelism` at a time.
public struct Planner: Sendable {
    public var options: SolveOptions
    public var parallelism: Int
    /// Diagnose infeasible variants (extra elastic solves): on for single
    /// plans and comparisons, off for sweeps and simulations.
    public var diagnoseInfeasible: Bool
    /// With `parallelism` of 2 or more, a single solve of a network with at least
    /// `NeighbourhoodSearch.threshold` (300) integer variables runs a
    /// neighbourhood search for plans on a second core, feeding GLPK's tree (README,
    /// Benchmarks). The optimum is the same; the plan returned among equally good
    /// ones may depend on timing. On by default; `solveAll` never uses it (its
    /// solves already share the cores).
    public var neighbourhoodSearch: Bool
    /// Keep each plan's objective and feasible-set fingerprint (`Plan.objectiveFacts`);
    /// off by default (a copy of the objective per plan).
    public var keepsObjective = false

    public init(options: SolveOptions = SolveOptions(), parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                diagnoseInfeasible: Bool = false, neighbourhoodSearch: Bool = true) {
        self.options = options
        self.parallelism = max(1, parallelism)
        self.diagnoseInfeasible = diagnoseInfeasible
        self.neighbourhoodSearch = neighbourhoodSearch
    }

    public func formulate(_ s: Scenario) -> NetworkFormulation { NetworkFormulation(s) }

    public func solve(_ s: Scenario) throws -> Plan { try solve(s, start: nil) }

    /// Solves with a starting incumbent (a neighbouring solve's solution); it is
    /// ignored when the model's size differs or the solver rejects it.
    public func solve(_ s: Scenario, start: [Double]?) throws -> Plan {
        let f = NetworkFormulation(s)
        let solver = GLPKSolver()
        var o = options
        if let start, start.count == f.model.variableCount, f.model.isMixedInteger { o.start = start }
        let r = try solveWithSearch(f, options: o, solver: solver)
        var plan = Plan(f, r, solverName: solver.name)
        if keepsObjective {
            plan.objectiveFacts = ObjectiveFacts(f.model)
        }
        if diagnoseInfeasible, r.termination == .infeasible {
            plan.diagnosis = try Diagnose.run(s, planner: Planner(options: options, parallelism: 1))
        }
        return plan
    }

    /// Solves each scenario, in parallel on the worker pool (one OS thread per
    /// solve, at most `parallelism` at once); results in the order given.
    ///
    /// - Parameter finished: called after each solve with the number finished so far.
    /// - Throws: the first solver error, in the order of `scenarios`.
    public func solveAll(_ scenarios: [Scenario], finished: (@Sendable (Int) -> Void)? = nil) throws -> [Plan] {
        if scenarios.count <= 1 || parallelism == 1 {
            return try scenarios.enumerated().map { k, s in
                let plan = try solve(s)
                finished?(k + 1)
                return plan
            }
        }
        let solo = Planner(options: options, parallelism: 1, diagnoseInfeasible: diagnoseInfeasible, neighbourhoodSearch: false)
        let results = WorkerPool.map(count: scenarios.count, parallelism: parallelism, finished: finished) { i in
            Result { try solo.solve(scenarios[i]) }
        }
        return try results.map { try $0.get() }
    }

    /// True once the solves' cancellation (Ctrl-C) was requested.
    public var isCancelled: Bool { options.cancellation?.isCancelled ?? false }

    /// The same planner running one solve at a time (for use inside a worker pool).
    public var sequential: Planner {
        var p = Planner(options: options, parallelism: 1, diagnoseInfeasible: diagnoseInfeasible, neighbourhoodSearch: false)
        p.keepsObjective = keepsObjective
        return p
    }

    /// GLPK's solve of `f`, with the neighbourhood search on a second core when
    /// it applies (see `neighbourhoodSearch`). When the tree ends before taking
    /// the search's best plan (a time limit, or Ctrl-C), that plan is returned if
    /// it is better and the tree has a bound, with that bound.
    func solveWithSearch(_ f: NetworkFormulation, options o: SolveOptions, solver: GLPKSolver) throws -> SolveResult {
        guard neighbourhoodSearch, parallelism >= 2, o.start == nil, o.presolve, o.exchange == nil,
              f.model.integerCount >= NeighbourhoodSearch.threshold else {
            return try solver.solve(f.model, options: o)
        }
        let exchange = IncumbentExchange(maximize: f.model.sense == .maximize)
        guard let search = NeighbourhoodSearch(f, options: o, exchange: exchange) else {
            return try solver.solve(f.model, options: o)
        }
        var treeOptions = o
        treeOptions.exchange = exchange
        let clock = ContinuousClock()
        // A limit past a year is no limit for the search (GLPK's own caps at Int32.max ms):
        // 1e16 s in milliseconds overflows Int64 and trapped.
        let deadline = o.timeLimit.flatMap { $0 < 3.2e7 ? clock.now + .milliseconds(Int64(($0 * 1000).rounded())) : nil }
        let notes = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        let echo = o.echoLog
        let began = clock.now
        let thread = Thread {
            search.run(deadline: deadline, cancellation: o.cancellation) { line in
                let d = began.duration(to: clock.now)
                let text = String(format: "dipnet: [%6.1f s] ", d.inSeconds) + line + "\n"
                notes.withLock { $0.append(text) }
                if echo { FileHandle.standardError.write(Data(text.utf8)) }
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let tree: SolveResult
        do {
            tree = try solver.solve(f.model, options: treeOptions)
        } catch {
            exchange.finish()
            done.wait()
            throw error
        }
        exchange.finish()
        done.wait()
        let log = tree.log + notes.withLock { $0.joined() }
        // The search's plan replaces the tree's only with a bound to measure it by: a
        // tree stopped in its root LP has none, and a plan is always reported with its
        // gap (the JSON result's contract), so then the tree's own result stands.
        guard tree.termination != .optimal, tree.bestBound != nil, let offered = exchange.bestOffer,
              tree.objective.map({ exchange.isBetter(offered.objective, than: $0) }) ?? true else {
            return SolveResult(termination: tree.termination, objective: tree.objective, bestBound: tree.bestBound,
                               values: tree.values, rowActivities: tree.rowActivities, duals: tree.duals,
                               reducedCosts: tree.reducedCosts, startAccepted: tree.startAccepted,
                               seconds: tree.seconds, log: log)
        }
        // The search's plan beats the tree's (the tree stopped before taking it).
        let rows = (0..<f.model.constraintCount).map { f.model.row(Constraint(index: $0)).evaluate(offered.values) }
        var termination = tree.termination
        switch termination {
        case .timeLimit: termination = .timeLimit(hasIncumbent: true)
        case .interrupted: termination = .interrupted(hasIncumbent: true)
        case .feasible:
            termination = .feasible(gap: tree.bestBound.map { abs(offered.objective - $0) / (abs(offered.objective) + Double.ulpOfOne) } ?? .infinity)
        default: break
        }
        return SolveResult(termination: termination, objective: offered.objective, bestBound: tree.bestBound,
                           values: offered.values, rowActivities: rows, duals: nil, reducedCosts: nil,
                           startAccepted: tree.startAccepted, seconds: tree.seconds,
                           log: log + "dipnet: the neighbourhood search's plan \(Fmt.money(offered.objective)) is better than the tree's; it is returned\n")
    }
}

