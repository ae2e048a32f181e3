import Foundation
import GLPKSolver
import LinearProgramming

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

    public init(options: SolveOptions = SolveOptions(), parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                diagnoseInfeasible: Bool = false) {
        self.options = options
        self.parallelism = max(1, parallelism)
        self.diagnoseInfeasible = diagnoseInfeasible
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
        let r = try solver.solve(f.model, options: o)
        var plan = Plan(f, r, solverName: solver.name)
        if diagnoseInfeasible, r.termination == .infeasible {
            plan.diagnosis = try Diagnose.run(s, planner: Planner(options: options, parallelism: 1))
        }
        return plan
    }

    /// Solves each scenario, in parallel on the worker pool (one OS thread per
    /// solve, at most `parallelism` at once); results in the order given.
    ///
    /// - Throws: the first solver error, in the order of `scenarios`.
    public func solveAll(_ scenarios: [Scenario]) throws -> [Plan] {
        if scenarios.count <= 1 || parallelism == 1 { return try scenarios.map(solve) }
        let solo = Planner(options: options, parallelism: 1, diagnoseInfeasible: diagnoseInfeasible)
        let results = WorkerPool.map(count: scenarios.count, parallelism: parallelism) { i in
            Result { try solo.solve(scenarios[i]) }
        }
        return try results.map { try $0.get() }
    }

    /// The same planner running one solve at a time (for use inside a worker pool).
    public var sequential: Planner { Planner(options: options, parallelism: 1, diagnoseInfeasible: diagnoseInfeasible) }
}
