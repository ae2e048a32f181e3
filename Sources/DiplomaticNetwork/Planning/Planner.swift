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

    /// Solves each scenario; results in the order given.
    public func solveAll(_ scenarios: [Scenario]) throws -> [Plan] {
        if scenarios.count <= 1 || parallelism == 1 { return try scenarios.map(solve) }
        let results = Slots<Result<Plan, Error>>(count: scenarios.count)
        let next = Counter()
        let workers = min(parallelism, scenarios.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let i = next.take(below: scenarios.count) {
                    results[i] = Result { try self.solve(scenarios[i]) }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return try (0..<scenarios.count).map { try results[$0]!.get() }
    }
}

/// Lock-protected slots written by worker threads.
public final class Slots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    public init(count: Int) { items = Array(repeating: nil, count: count) }
    public subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return items[i] }
        set { lock.lock(); items[i] = newValue; lock.unlock() }
    }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
