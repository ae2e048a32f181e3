import Testing
import LinearProgramming
import GLPKSolver

/// Every backend of `LinearSolver` must pass these. A new backend is added to
/// `backends` and inherits the whole suite.
let backends: [any LinearSolver] = [GLPKSolver()]

private func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-7) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

@Suite("Conformance") struct ConformanceTests {
    @Test(arguments: backends)
    func maximisationLPWithDuals(solver: any LinearSolver) throws {
        let (m, v, c) = Instances.wyndor()
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 36))
        #expect(close(r[v[0]], 2) && close(r[v[1]], 6))
        #expect(close(r.dual(c[0]), 0) && close(r.dual(c[1]), 1.5) && close(r.dual(c[2]), 1))
        #expect(close(r.reducedCost(v[0]), 0) && close(r.reducedCost(v[1]), 0))
        #expect(close(r.bestBound, 36))
        #expect(r.relativeGap == 0)
    }

    @Test(arguments: backends)
    func minimisationLPWithDuals(solver: any LinearSolver) throws {
        let (m, v, c) = Instances.covering()
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 9))
        #expect(close(r[v[0]], 3) && close(r[v[1]], 1))
        #expect(close(r.dual(c[0]), 1.5) && close(r.dual(c[1]), 0.5))
    }

    @Test(arguments: backends)
    func reducedCostOfNonBasicVariable(solver: any LinearSolver) throws {
        // Wyndor with a third product z (profit 1, uses 3 hours of plant 3):
        // its reduced cost is 1 − 3·1 = −2, so it stays at 0.
        var m2 = Model(name: "wyndor-z")
        let x = m2.addVariable("x"), y = m2.addVariable("y"), z2 = m2.addVariable("z")
        m2.add("plant1", x <= 4)
        m2.add("plant2", 2 * y <= 12)
        m2.add("plant3", 3 * x + 2 * y + 3 * z2 <= 18)
        m2.maximize(3 * x + 5 * y + z2)
        let r = try solver.solve(m2)
        #expect(close(r.objective, 36))
        #expect(close(r[z2], 0))
        #expect(close(r.reducedCost(z2), -2))
    }

    @Test(arguments: backends)
    func equalityAndFreeVariable(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x", lower: -.infinity)
        let y = m.addVariable("y")
        let e = m.add("e", .equal(x - y, 1))
        m.minimize(x + y)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 1) && close(r[x], 1) && close(r[y], 0))
        #expect(close(r.dual(e), 1))
    }

    @Test(arguments: backends)
    func knapsackMatchesEnumeration(solver: any LinearSolver) throws {
        let (m, xs) = Instances.knapsack()
        var best = 0.0
        for mask in 0..<32 {
            let items = (0..<5).filter { mask & (1 << $0) != 0 }
            if items.reduce(0.0, { $0 + Instances.knapsackWeights[$1] }) <= 14 {
                best = max(best, items.reduce(0.0) { $0 + Instances.knapsackValues[$1] })
            }
        }
        #expect(best == 30)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 30))
        #expect(xs.map { r[$0]! > 0.5 } == [true, true, true, false, false])
        #expect(r.duals == nil)
    }

    @Test(arguments: backends)
    func facilityLocationMIP(solver: any LinearSolver) throws {
        let (m, open) = Instances.facilityLocation()
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 126))
        #expect(open.map { r[$0]! > 0.5 } == [true, true, false])
        let check = m.violation(of: r.values!)
        #expect(check.maxViolation < 1e-7 && check.integral)
    }

    @Test(arguments: backends)
    func integralityIsEnforced(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x", .integer), y = m.addVariable("y", .integer)
        m.add("c", 2 * x + 2 * y <= 3)
        m.maximize(x + y)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 1))
        #expect(m.violation(of: r.values!).integral)
    }

    @Test(arguments: backends)
    func infeasibleLP(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add("low", x + y <= 1)
        m.add("high", x + y >= 2)
        m.minimize(x)
        let r = try solver.solve(m)
        #expect(r.termination == .infeasible)
        #expect(r.objective == nil && r.values == nil)
    }

    @Test(arguments: backends)
    func infeasibleLPWithoutPresolve(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add("low", x + y <= 1)
        m.add("high", x + 2 * y >= 3)
        m.add("cap", y <= 1)
        m.minimize(x)
        let r = try solver.solve(m, options: SolveOptions(presolve: false))
        #expect(r.termination == .infeasible)
    }

    @Test(arguments: backends)
    func integerInfeasibleMIP(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x", .integer, upper: 10)
        m.add("half", .equal(2 * x, 1))
        m.maximize(x)
        let r = try solver.solve(m)
        #expect(r.termination == .infeasible)
    }

    @Test(arguments: backends)
    func unboundedLP(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add("c", x - y <= 1)
        m.maximize(x + y)
        #expect(try solver.solve(m).termination == .unbounded)
        #expect(try solver.solve(m, options: SolveOptions(presolve: false)).termination == .unbounded)
    }

    @Test(arguments: backends)
    func unboundedMIP(solver: any LinearSolver) throws {
        var m = Model()
        let x = m.addVariable("x", .integer), y = m.addVariable("y", .binary)
        m.add("c", x - y >= 0)
        m.maximize(x)
        #expect(try solver.solve(m).termination == .unbounded)
    }

    @Test(arguments: backends)
    func timeLimitReturnsIncumbent(solver: any LinearSolver) throws {
        let m = Instances.hardKnapsack()
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 1))
        #expect(r.termination == .timeLimit(hasIncumbent: true))
        #expect(r.seconds <= 1.1, "a 1 s limit stopped after \(r.seconds) s")
        let values = try #require(r.values)
        let check = m.violation(of: values)
        #expect(check.maxViolation < 1e-6 && check.integral)
        // The bound is proven and above the incumbent (a maximisation).
        let bound = try #require(r.bestBound)
        #expect(bound >= r.objective! - 1e-6)
        #expect(r.relativeGap! > 0)
    }

    @Test(arguments: backends)
    func gapStopsEarlyWithFeasibleStatus(solver: any LinearSolver) throws {
        let m = Instances.hardKnapsack()
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 20, relativeGap: 0.01))
        guard case .feasible(let gap) = r.termination else {
            Issue.record("expected feasible within 1%, got \(r.termination)")
            return
        }
        #expect(gap <= 0.01)
        #expect(r.relativeGap! <= 0.01)
    }

    @Test(arguments: backends)
    func startingIncumbentIsUsed(solver: any LinearSolver) throws {
        // The empty knapsack is feasible; offered as a start, the solver takes it
        // as its first incumbent and stops at the time limit with a solution.
        let m = Instances.hardKnapsack()
        let start = [Double](repeating: 0, count: m.variableCount)
        let r = try solver.solve(m, options: SolveOptions(timeLimit: 0.5, start: start))
        #expect(r.startAccepted == true)
        #expect(r.termination == .timeLimit(hasIncumbent: true))
        #expect(r.objective! > 0)
    }

    @Test(arguments: backends)
    func startingIncumbentKeepsOptimum(solver: any LinearSolver) throws {
        let (m, _) = Instances.facilityLocation()
        // A feasible plan: every site open, each customer at its cheapest site.
        var start = [Double](repeating: 0, count: m.variableCount)
        for j in 0..<3 { start[j] = 1 }
        for i in 0..<4 {
            let best = Instances.facilityAssign[i].indices.min { Instances.facilityAssign[i][$0] < Instances.facilityAssign[i][$1] }!
            start[3 + i * 3 + best] = 1
        }
        #expect(m.violation(of: start).maxViolation <= 0)
        let r = try solver.solve(m, options: SolveOptions(start: start))
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 126))
    }

    @Test(arguments: backends)
    func emptyModelIsTriviallyOptimal(solver: any LinearSolver) throws {
        var m = Model()
        m.minimize(LinearExpression(7))
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 7))
    }
}
