import Foundation
import Synchronization
import Testing
import LinearProgramming
@_spi(Testing) import GLPKSolver
import CGLPK

@Suite("GLPK backend") struct GLPKBackendTests {
    let solver = GLPKSolver()

    @Test func fatalErrorIsTrappedAndThreadRecovers() throws {
        let session = cglpk_session_create(0)!
        defer { cglpk_session_destroy(session) }
        #expect(cglpk_provoke_fatal(session) == CGLPK_FATAL)
        let message = String(cString: cglpk_session_error(session))
        #expect(message.contains("glp_set_col_bnds"), "message was: \(message)")
        // The same thread goes on using GLPK after the trap.
        let (m, _, _) = Instances.wyndor()
        #expect(try solver.solve(m).objective == 36)
    }

    @Test func invalidNameIsTrappedWhenValidationIsSkipped() throws {
        var m = Model()
        let x = m.addVariable(String(repeating: "x", count: 300))
        m.add("c", x <= 1)
        m.maximize(x)
        #expect {
            try solver.solve(m, options: SolveOptions(), validate: false)
        } throws: { error in
            guard case GLPKError.fatal(let message) = error else { return false }
            return message.contains("name")
        }
        #expect(try solver.solve(Instances.covering().0).objective == 9)
    }

    @Test func validationListsEveryProblemBeforeGLPKSeesThem() {
        var m = Model()
        let x = m.addVariable(String(repeating: "y", count: 300))
        let b = m.addVariable("b", .integer, lower: 0.5, upper: 3)
        let t = m.addVariable("tab\there")
        m.add("nan", x + b * .nan <= 1)
        m.add("inf", t <= .infinity * 0 + 1)
        m.add("contradiction", x >= .infinity)
        m.maximize(x + t * Double.infinity)
        let problems = GLPKSolver.problems(of: m, options: SolveOptions(timeLimit: -1, relativeGap: .nan, start: [1]))
        let expected = ["non-integer bound 0.5", "coefficient nan",
                        "no value satisfies", "objective coefficient", "time limit", "relative gap",
                        "starting solution has 1 values"]
        for fragment in expected {
            #expect(problems.contains { $0.contains(fragment) }, "missing: \(fragment)")
        }
        #expect(throws: GLPKError.self) { try solver.solve(m) }
    }

    /// A binary whose LP value lies within GLPK's default integrality tolerance (1e-5)
    /// of 1 is taken as integral, and the LP objective at that node (with the binary's
    /// cost counted at 0.999995) was reported as the plan's. Here the opening of `y`
    /// serves 999,995 cases through a link row `x <= 1e6 y`, so the LP counts its cost
    /// 5 short: 999,995 against the 999,993 of the other option `z`, which is the
    /// optimum. With the default tolerance GLPK returned `y` and 999,995; the plan's own
    /// value was 999,990 (found on the Benelux coalition: EUR 14.8 below HiGHS's optimum).
    @Test func integralityToleranceDoesNotHideABetterPlan() throws {
        var m = Model()
        let x = m.addVariable("x", .continuous, lower: 0, upper: 999_995)
        let y = m.addVariable("y", .binary)
        let z = m.addVariable("z", .binary)
        m.add("link", x - 1_000_000 * y <= 0)
        m.add("one", y + z <= 1)
        m.maximize(2 * x - 1_000_000 * y + 999_993 * z)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        let v = try #require(r.values)
        #expect(v[z.index] == 1 && v[y.index] == 0, "values \(v)")
        #expect(r.objective == 999_993)
        // the objective reported is the plan's own, whatever the tolerance
        let planValue = 2 * v[x.index] - 1_000_000 * v[y.index] + 999_993 * v[z.index]
        #expect(abs((r.objective ?? .nan) - planValue) < 1e-6)
    }

    /// A row over 0–1 variables is met by the plan as rounded, not only within GLPK's
    /// tolerances: `1.5 a + 0.5 b ≤ 1.99999996` took b at 0.99999992 as 1 (both "open",
    /// 2 > 1.99999996). The no-good on the row's support cuts that plan off; the log says so.
    @Test func aPlanMeetsRowsOverBinariesOnceRounded() throws {
        var m = Model()
        let a = m.addVariable("a", .binary), b = m.addVariable("b", .binary)
        m.add("cap", 1.5 * a + 0.5 * b <= 1.99999996)
        m.maximize(100 * a + 100 * b)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        let v = try #require(r.values)
        #expect(v[a.index].rounded() + v[b.index].rounded() == 1, "values \(v)")
        #expect(r.objective.map { abs($0 - 100) < 1e-6 } == true)
        #expect(r.rowActivities?.count == 1)   // the cut is not among the rows reported
        #expect(r.log.contains("the plan breaks row cap once its 0–1 variables are rounded"))
        // The check itself: the rounded plan breaks the row, and the cut keeps every other plan.
        let broken = try #require(m.brokenBinaryRow(at: [1, 0.99999992], rows: 0..<1))
        #expect(broken.row == 0 && broken.activity == 2)
        #expect(m.brokenBinaryRow(at: [1, 0], rows: 0..<1) == nil)
        #expect(m.brokenBinaryRow(at: [0, 1], rows: 0..<1) == nil)
    }

    /// A row with a coefficient of 1e-9 on an integer variable is multiplied by a power
    /// of two before GLPK sees it (its MIP presolver cut off optima with such
    /// coefficients); the row's activity is reported for the row as given. Tiny
    /// coefficients on continuous variables only (an LP) leave the row as it is.
    @Test func tinyCoefficientsAreScaledAndReportedUnscaled() throws {
        var m = Model()
        let x = m.addVariable("x", .integer, lower: 0, upper: 10)
        let y = m.addVariable("y", .continuous, lower: 0, upper: 10)
        m.add("tiny", 1e-9 * x + 2e-9 * y <= 1e-8)
        m.maximize(x + 3 * y)
        let scaled = try #require(m.scalingTinyRows())
        #expect(scaled.factors[0] >= 1e-7 / 1e-9 && scaled.factors[0] < 2e-7 / 1e-9)
        #expect(scaled.factors[0].significand == 1)   // a power of two: exact
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(abs((r.objective ?? 0) - 15) < 1e-6)              // x = 0, y = 5
        #expect(abs((r.rowActivities?[0] ?? 0) - 1e-8) < 1e-15)
        #expect(r.log.contains("multiplied by a power of two"))
        var lp = Model()
        let z = lp.addVariable("z", .continuous, lower: 0, upper: 1)
        lp.add("continuous", 1e-9 * z <= 1)
        #expect(lp.scalingTinyRows() == nil)
        var fine = Model()
        let b = fine.addVariable("b", .binary)
        fine.add("ok", 1e-6 * b <= 1)
        #expect(fine.scalingTinyRows() == nil)
    }

    @Test func binaryBoundsOutsideUnitIntervalAreRejected() {
        var m = Model()
        let b = m.addVariable("b", .binary, lower: 0, upper: 2)
        m.maximize(b)
        #expect(GLPKSolver.problems(of: m).contains { $0.contains("outside [0, 1]") })
    }

    /// An objective coefficient above 1e9 is refused before GLPK sees it: on the
    /// Belgian scenario a penalty of 1e12 a case made GLPK report a plan 619,664 worse
    /// than the optimum as optimal. 1e9 itself is accepted.
    @Test func objectiveCoefficientsGLPKCannotResolveAreRejected() {
        var m = Model()
        let x = m.addVariable("x", .continuous, lower: 0, upper: 1)
        let u = m.addVariable("unserved[H]", .continuous, lower: 0, upper: 1)
        m.maximize(x - 1e12 * u)
        let problems = GLPKSolver.problems(of: m)
        #expect(problems.count == 1 && problems[0].contains("unserved[H]") && problems[0].contains("min_coverage"), "\(problems)")
        var ok = Model()
        let y = ok.addVariable("y", .continuous, lower: 0, upper: 1)
        ok.maximize(1e9 * y)
        #expect(GLPKSolver.problems(of: ok).isEmpty)
    }

    /// A row whose coefficients lie more than 1e13 apart is refused, whatever its
    /// variables: a link row of a demand of 4e14 beside a flow's 1 was declared infeasible
    /// by GLPK's presolver (a hostile pass); 1e13 itself is accepted (a capacity of 1e12
    /// for "unlimited" beside a workload of 0.5).
    @Test func rowsBeyondGLPKsPrecisionAreRejected() {
        var m = Model()
        let y = m.addVariable("open[P]", .binary, lower: 0, upper: 1)
        let x = m.addVariable("serve[A,P]", .continuous, lower: 0, upper: .infinity)
        m.add("link[A,P]", x - 4e14 * y <= 0)
        m.maximize(x)
        let problems = GLPKSolver.problems(of: m)
        #expect(problems.count == 1 && problems[0].contains("link[A,P]") && problems[0].contains("a ratio above 1e13"), "\(problems)")
        var ok = Model()
        let b = ok.addVariable("open[P]", .binary, lower: 0, upper: 1)
        let z = ok.addVariable("serve[A,P]", .continuous, lower: 0, upper: .infinity)
        ok.add("link[A,P]", z - 1e13 * b <= 0)
        ok.maximize(z)
        #expect(GLPKSolver.problems(of: ok).isEmpty)
    }

    @Test func fixedBinaryIsRespected() throws {
        var (m, open) = Instances.facilityLocation()
        m.fix(open[1], to: 0)
        let r = try solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(r[open[1]] == 0)
        // Without site 1 the best plan is sites 0 and 2 (enumeration: 133).
        #expect(abs(r.objective! - 133) < 1e-7)
    }

    @Test func rootRelaxationIsHandedOverOnceWithoutThePresolver() throws {
        let m = Instances.randomFacilityLocation(sites: 12, customers: 30, seed: 3)
        var relaxed = m
        for j in 0..<m.variableCount where m.info(Variable(index: j)).kind != .continuous {
            relaxed.setKind(Variable(index: j), .continuous)
        }
        let lp = try solver.solve(relaxed)
        let received = Mutex<[(values: [Double], objective: Double)]>([])
        var options = SolveOptions(presolve: false)
        options.onRelaxation = { x, z in received.withLock { $0.append((x, z)) } }
        let mip = try solver.solve(m, options: options)
        let got = received.withLock { $0 }
        #expect(got.count == 1)
        let (x, z) = try #require(got.first)
        #expect(x.count == m.variableCount)
        // The root LP's optimum, and values that give it: a bound on the MIP's.
        #expect(abs(z - lp.objective!) <= 1e-6 * max(1, abs(z)))
        #expect(abs(relaxed.objective.evaluate(x) - z) <= 1e-6 * max(1, abs(z)))
        #expect(m.sense == .minimize)
        #expect(z <= mip.objective! + 1e-6 * max(1, abs(z)))
        #expect(x.contains { v in abs(v - v.rounded()) > 1e-6 }, "the instance's relaxation is fractional")
        // With GLPK's MIP presolver the root LP is of another problem: nothing is handed over.
        var presolved = options
        presolved.presolve = true
        received.withLock { $0 = [] }
        _ = try solver.solve(m, options: presolved)
        #expect(received.withLock { $0.isEmpty })
    }

    /// The staged root LP (first with some columns fixed and rows free, then from that
    /// basis with every bound restored) changes the path, not the answer; a stage with
    /// no optimum falls back to the plain root LP; indices outside the model are refused.
    @Test func stagedRootLPKeepsTheOptimumAndFallsBack() throws {
        let sites = 12, customers = 30
        let m = Instances.randomFacilityLocation(sites: sites, customers: customers, seed: 5)
        let x = { (i: Int, j: Int) in Variable(index: sites + i * sites + j) }
        let capacityRows = (0..<sites).map { Constraint(index: customers * (sites + 1) + $0) }
        #expect(m.constraintNames[capacityRows[0].index] == "cap[0]" && m.info(x(2, 3)).name == "x[2,3]")
        let received = Mutex<[Double]>([])
        var plain = SolveOptions(presolve: false)
        plain.onRelaxation = { _, z in received.withLock { $0.append(z) } }
        let reference = try solver.solve(m, options: plain)
        // Site 0's flows fixed and every capacity row free: a feasible first stage.
        var staged = plain
        staged.stagedRoot = ((0..<customers).map { x($0, 0) }, capacityRows)
        let r = try solver.solve(m, options: staged)
        #expect(r.log.contains("staged root LP: \(customers) columns fixed, \(sites) rows free: optimal"), "\(r.log)")
        #expect(abs(r.objective! - reference.objective!) <= 1e-6 * abs(reference.objective!))
        // The relaxation handed over is the whole LP's, every bound restored.
        let z = received.withLock { $0 }
        #expect(z.count == 2 && abs(z[0] - z[1]) <= 1e-6 * abs(z[0]), "\(z)")
        // Every flow fixed at 0: no customer can be served, the stage has no optimum.
        var infeasible = plain
        infeasible.stagedRoot = ((0..<customers).flatMap { i in (0..<sites).map { x(i, $0) } }, [])
        let f = try solver.solve(m, options: infeasible)
        #expect(f.log.contains("rows free: no optimum in") && f.log.contains("; the LP starts afresh"), "\(f.log)")
        #expect(abs(f.objective! - reference.objective!) <= 1e-6 * abs(reference.objective!))
        var outside = plain
        outside.stagedRoot = ([Variable(index: m.variableCount)], [Constraint(index: -1)])
        #expect(throws: GLPKError.invalidModel(["staged root LP: no variable \(m.variableCount)", "staged root LP: no row -1"])) {
            _ = try solver.solve(m, options: outside)
        }
    }

    /// Every branching rule proves the same optimum; the shim's product rule really
    /// branches (strong-branching LPs counted in the log), with GLPK's MIP presolver
    /// (the tree's own, renumbered columns) and without it (a starting incumbent).
    @Test(arguments: [UInt64(5), 7, 11, 13])
    func branchingRulesAgreeOnTheOptimum(seed: UInt64) throws {
        let m = Instances.randomFacilityLocation(sites: 14, customers: 40, seed: seed)
        var reference = SolveOptions()
        reference.branching = .solverDefault
        let expected = try solver.solve(m, options: reference)
        #expect(expected.termination == .optimal)
        for presolve in [true, false] {
            for rule in [Branching.pseudocost, .product] {
                var options = SolveOptions(presolve: presolve)
                options.branching = rule
                let r = try solver.solve(m, options: options)
                #expect(r.termination == .optimal)
                #expect(abs(r.objective! - expected.objective!) <= 1e-6 * abs(expected.objective!),
                        "\(rule) presolve \(presolve): \(r.objective!) vs \(expected.objective!)")
                #expect(m.violation(of: r.values!).integral)
                let note = r.log.split(separator: "\n").first { $0.contains("pseudocost branching with the product score") }
                if rule == .product {
                    let lps = note.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Int($0) }
                    #expect((lps ?? 0) > 0, "\(r.log.suffix(300))")
                } else {
                    #expect(note == nil)
                }
            }
        }
    }

    /// Strong branching on general integers with one bound or none (x ≥ 0 with no
    /// upper bound, x ≤ 9 with no lower bound): each side gets a valid bound, where a
    /// [lower, 0] pair would make GLPK abort. Same optimum as GLPK's default rule.
    @Test func productBranchingOnUnboundedIntegers() throws {
        var m = Model(name: "general-integers")
        var state: UInt64 = 7
        func rnd() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 33) / Double(1 << 31)
        }
        let x = (0..<12).map { m.addVariable("x\($0)", .integer) }
        let w = m.addVariable("w", .integer, lower: -.infinity, upper: 9)
        for i in 0..<4 {
            let row = LinearExpression.sum(0..<12) { x[$0] * Double(3 + Int(rnd() * 40)) } + w * Double(1 + i)
            m.add("c\(i)", row <= Double(97 + 13 * i))
        }
        m.add("floor", w >= -4)
        m.maximize(LinearExpression.sum(0..<12) { x[$0] * Double(5 + Int(rnd() * 30)) } + w * -2)
        var reference = SolveOptions(presolve: false, cuts: [])
        reference.branching = .solverDefault
        let expected = try solver.solve(m, options: reference)
        var options = SolveOptions(presolve: false, cuts: [])
        options.branching = .product
        let r = try solver.solve(m, options: options)
        #expect(expected.termination == .optimal && r.termination == .optimal)
        #expect(abs(r.objective! - expected.objective!) <= 1e-9 * abs(expected.objective!))
        #expect(r.log.contains("pseudocost branching with the product score: ") && !r.log.contains(": 0 strong-branching LPs"),
                "\(r.log.suffix(300))")
    }

    /// The incumbent exchange (`SolveOptions.exchange`): an offered plan reaches
    /// GLPK's tree only after the shim has checked it against the tree's rows and
    /// bounds. The optimum offered before the solve is taken at the root; a plan
    /// that looks better (no site open, so no opening cost) but breaks the linking
    /// rows is refused, and the solve proves the true optimum. The tree publishes
    /// its plans in the model's columns, and the exchange is finished afterwards.
    @Test(arguments: [5, 7] as [UInt64])
    func incumbentExchangeTakesCheckedPlansOnly(seed: UInt64) throws {
        let m = Instances.randomFacilityLocation(sites: 14, customers: 40, seed: seed)
        let plain = try solver.solve(m, options: SolveOptions())
        let optimum = try #require(plain.objective), values = try #require(plain.values)
        #expect(plain.termination == .optimal)

        let good = IncumbentExchange(maximize: false)
        good.offer(.init(values: values, objective: optimum))
        var options = SolveOptions()
        options.exchange = good
        let taken = try solver.solve(m, options: options)
        #expect(taken.termination == .optimal)
        #expect(abs(taken.objective! - optimum) <= 1e-6 * abs(optimum))
        #expect(taken.log.contains("incumbent exchange: 1 plan offered to the tree, 1 taken"), "\(taken.log.suffix(400))")
        #expect(good.isFinished)

        var broken = values
        for j in m.variables.indices where m.variables[j].name.hasPrefix("open[") { broken[j] = 0 }
        #expect(m.objective.evaluate(broken) < optimum)
        #expect(m.violation(of: broken).maxViolation > 0.5)
        let bad = IncumbentExchange(maximize: false)
        bad.offer(.init(values: broken, objective: m.objective.evaluate(broken)))
        options.exchange = bad
        let refused = try solver.solve(m, options: options)
        #expect(refused.termination == .optimal)
        #expect(abs(refused.objective! - optimum) <= 1e-6 * abs(optimum))
        #expect(m.violation(of: refused.values!).maxViolation <= 1e-6)
        #expect(refused.log.contains("not taken"), "\(refused.log.suffix(400))")
        #expect(refused.log.contains("1 plan offered to the tree, 0 taken"))
        let published = try #require(bad.published(after: 0)).plan
        #expect(published.values.count == m.variableCount)
        #expect(abs(published.objective - optimum) <= 1e-6 * abs(optimum))
        for j in m.variables.indices where m.variables[j].kind != .continuous && published.values[j].isFinite {
            #expect(abs(published.values[j] - refused.values![j]) <= 1e-6)
        }
    }

    /// `auto` resolves to the product rule from 300 integer variables, to GLPK's default below.
    @Test func automaticBranchingThreshold() {
        #expect(Branching.automatic.resolved(integers: 299) == .solverDefault)
        #expect(Branching.automatic.resolved(integers: 300) == .product)
        #expect(Branching.pseudocost.resolved(integers: 10) == .pseudocost)
    }

    @Test func logIsCapturedAndNotPrinted() throws {
        let r = try solver.solve(Instances.knapsack().0)
        // GLPK's branch-and-cut progress lines, captured instead of printed.
        #expect(r.log.contains("mip =") && r.log.contains("tree is empty"))
    }

    @Test func concurrentSolvesOnSeveralThreadsAgreeWithSequentialOnes() throws {
        let models = (1...8).map { Instances.randomFacilityLocation(sites: 12, customers: 30, seed: UInt64($0)) }
        let sequential = try models.map { try solver.solve($0).objective! }
        let results = ResultBox(count: models.count)
        DispatchQueue.concurrentPerform(iterations: models.count) { i in
            // Each iteration creates, solves and deletes its problem on one thread.
            results.set(i, Result { try GLPKSolver().solve(models[i]) })
        }
        for i in models.indices {
            let r = try results.get(i).get()
            #expect(r.termination == .optimal)
            #expect(abs(r.objective! - sequential[i]) <= 1e-6 * abs(sequential[i]), "model \(i)")
        }
    }

    @Test func dedicatedThreadSolvesFromTasks() async throws {
        let models = (10...13).map { Instances.randomFacilityLocation(sites: 10, customers: 25, seed: UInt64($0)) }
        let expected = try models.map { try solver.solve($0).objective! }
        let got = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            for (i, m) in models.enumerated() {
                group.addTask { (i, try await GLPKSolver().solveOnDedicatedThread(m).objective!) }
            }
            var out = [Double](repeating: 0, count: models.count)
            for try await (i, v) in group { out[i] = v }
            return out
        }
        for i in models.indices { #expect(abs(got[i] - expected[i]) <= 1e-6 * abs(expected[i])) }
    }
}

/// Thread-safe slots for results written from concurrent threads.
final class ResultBox: @unchecked Sendable {
    private var slots: [Result<SolveResult, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<SolveResult, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<SolveResult, Error> { lock.lock(); defer { lock.unlock() }; return slots[i]! }
}

@Suite("Export") struct ExportTests {
    let solver = GLPKSolver()

    func named() -> Model {
        var m = Model(name: "demo")
        let y = m.addVariable("open[HAV]", .binary)
        let x = m.addVariable("serve[CUB,HAV]", upper: 1200)
        m.add("cap[HAV]", x <= 1500 * y)
        m.maximize(3 * x - 1000 * y)
        return m
    }

    @Test func lpUsesModelNamesWithBracketsAsParentheses() throws {
        let text = try solver.text(of: named(), as: .cplexLP)
        #expect(text.contains("open(HAV)"))
        #expect(text.contains("serve(CUB,HAV)"))
        #expect(text.contains("cap(HAV)"))
        #expect(text.contains("Maximize"))
    }

    @Test func mpsKeepsNamesAndRoundTrips() throws {
        let m = named()
        let text = try solver.text(of: m, as: .freeMPS)
        #expect(text.contains("open[HAV]") && text.contains("serve[CUB,HAV]") && text.contains("cap[HAV]"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.mps").path
        try solver.write(m, as: .freeMPS, to: path)
        let direct = try solver.solve(m).objective!
        let reread = try GLPKSolver.solveFile(path, format: .freeMPS)
        // Free MPS has no objective sense: the maximisation is written negated.
        #expect(text.hasPrefix("* Free MPS written by dipnet."))
        #expect(text.contains("minimises the NEGATED objective"))
        #expect(abs(reread + direct) < 1e-9)
        #expect(abs(direct - 2600) < 1e-9)
    }

    @Test func objectiveConstantSurvivesBothFormats() throws {
        var m = named()
        m.maximize(m.objective + 5000)
        let direct = try solver.solve(m).objective!
        #expect(abs(direct - 7600) < 1e-9)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lp = dir.appendingPathComponent("m.lp").path, mps = dir.appendingPathComponent("m.mps").path
        try solver.write(m, as: .cplexLP, to: lp)
        try solver.write(m, as: .freeMPS, to: mps)
        #expect(abs(try GLPKSolver.solveFile(lp, format: .cplexLP) - direct) < 1e-9)
        #expect(abs(try GLPKSolver.solveFile(mps, format: .freeMPS) + direct) < 1e-9)
        #expect(try String(contentsOfFile: lp, encoding: .utf8).contains("objective_constant = 1"))
        let mpsText = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(mpsText.contains("FX BND1 objective_constant 1"))
        #expect(mpsText.hasPrefix("* Free MPS written by dipnet. Read it with `glpsol --freemps FILE`"))
        #expect(mpsText.contains("MINUS the optimum of this file"))
    }

    @Test func exportToMissingDirectoryFailsWithoutLeavingFiles() throws {
        #expect(throws: GLPKError.self) {
            try solver.write(named(), as: .cplexLP, to: "/nonexistent-dir/x.lp")
        }
    }

    @Test func namesThatGLPKOrAFormatRefuseAreMappedNotRejected() throws {
        // Names are labels: too long, with control characters, or colliding once a
        // format's rules are applied, they are mapped to distinct legal names.
        var m = Model(name: "a name\nwith a line break " + String(repeating: "é", count: 200))
        let a = m.addVariable("a[1]", upper: 2), b = m.addVariable("a(1)", upper: 3)
        let long1 = m.addVariable(String(repeating: "x", count: 300) + "1", upper: 1)
        let long2 = m.addVariable(String(repeating: "x", count: 300) + "2", upper: 1)
        let tab = m.addVariable("tab\there", upper: 1)
        m.add("row\u{1}", a + b + long1 + long2 + tab <= 100)
        m.maximize(a + 2 * b + long1 + long2 + tab + 10)
        let direct = try solver.solve(m)
        #expect(direct.termination == .optimal)
        #expect(abs(direct.objective! - 21) < 1e-9)
        let lp = try solver.text(of: m, as: .cplexLP)
        #expect(lp.contains("a(1)") && lp.contains("a(1)~2"))
        let mps = try solver.text(of: m, as: .freeMPS)
        for text in [lp, mps] {
            for line in text.split(separator: "\n") where !line.hasPrefix("\\") && !line.hasPrefix("*") {
                for word in line.split(separator: " ") { #expect(word.utf8.count <= 255, "\(word.prefix(20))…") }
            }
        }
        let names = GLPKNames(m, for: .file(.cplexLP))
        #expect(Set(names.columns).count == names.columns.count)
        #expect(names.columns[2] != names.columns[3] && names.columns[2].utf8.count <= 255 && names.columns[2].hasPrefix("xxxx"))
        #expect(names.problem.utf8.count <= 255 && !names.problem.contains("\n"))
        // In free MPS at most 100 bytes, still distinct: CBC read names of 150 bytes with
        // errors and crashed on 180.
        let mpsNames = GLPKNames(m, for: .file(.freeMPS))
        #expect(mpsNames.columns.allSatisfy { $0.utf8.count <= 100 } && Set(mpsNames.columns).count == mpsNames.columns.count, "\(mpsNames.columns)")
        for line in mps.split(separator: "\n") where !line.hasPrefix("*") && !line.hasPrefix("NAME") {
            for word in line.split(separator: " ") { #expect(word.utf8.count <= 100, "\(word.prefix(20))…") }
        }
        // The same optimum comes back from both files.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try solver.write(m, as: .cplexLP, to: dir.appendingPathComponent("m.lp").path)
        try solver.write(m, as: .freeMPS, to: dir.appendingPathComponent("m.mps").path)
        #expect(abs(try GLPKSolver.solveFile(dir.appendingPathComponent("m.lp").path, format: .cplexLP) - 21) < 1e-9)
        #expect(abs(try GLPKSolver.solveFile(dir.appendingPathComponent("m.mps").path, format: .freeMPS) + 21) < 1e-9)
    }

    @Test func lpNamesAreLegal() {
        #expect(ModelFileFormat.cplexLP.exportName("open[HAV]") == "open(HAV)")
        #expect(ModelFileFormat.cplexLP.exportName("x y") == "x_y")
        #expect(ModelFileFormat.cplexLP.exportName("1st") == "_1st")
        #expect(ModelFileFormat.cplexLP.exportName("é") == "_")
        #expect(ModelFileFormat.freeMPS.exportName("a b") == "a_b")
    }

    @Test func cancellingBranchAndBoundKeepsTheIncumbent() throws {
        let m = Instances.hardKnapsack()
        let cancel = SolveCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { cancel.cancel() }
        let started = Date()
        let r = try solver.solve(m, options: SolveOptions(cancellation: cancel))
        #expect(Date().timeIntervalSince(started) < 3, "a solve GLPK cannot finish in 30 s must stop soon after the request")
        #expect(r.termination == .interrupted(hasIncumbent: true))
        let values = try #require(r.values)
        #expect(m.violation(of: values).maxViolation < 1e-6)
        #expect(r.relativeGap! > 0)
    }

    @Test func cancellingBeforeTheSearchAnswersAtOnceAndGLPKStaysUsable() throws {
        // A large LP: seconds of simplex with no callback.
        var m = Model(name: "transport")
        let supply = 600, demand = 600
        var rng = LCG(seed: 3)
        var x: [[Variable]] = []
        for i in 0..<supply { x.append((0..<demand).map { j in m.addVariable("x\(i)_\(j)") }) }
        for i in 0..<supply { m.add("s\(i)", LinearExpression.sum(x[i]) <= 10 + 20 * rng.next()) }
        for j in 0..<demand { m.add("d\(j)", LinearExpression.sum((0..<supply).map { x[$0][j] }) >= 5 + 5 * rng.next()) }
        var cost = LinearExpression()
        for i in 0..<supply { for j in 0..<demand { cost.add(x[i][j], 1 + 100 * rng.next()) } }
        m.minimize(cost)
        let cancel = SolveCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancel.cancel() }
        let started = Date()
        let r = try solver.solve(m, options: SolveOptions(presolve: false, cancellation: cancel))
        let took = Date().timeIntervalSince(started)
        #expect(r.termination == .interrupted(hasIncumbent: false), "\(r.termination) after \(took) s")
        #expect(took < 1.5)
        // A cancellation that came before the solve returns at once; GLPK is fine afterwards.
        #expect(try solver.solve(Instances.wyndor().0, options: SolveOptions(cancellation: cancel)).termination == .interrupted(hasIncumbent: false))
        #expect(try solver.solve(Instances.wyndor().0).objective == 36)
    }
}

/// Fault injection: the attempt runs, then reports GLP_EFAIL (SolveOptions.simulatedFailures).
@Suite("GLPK numerical failures and progress") struct RetryTests {
    let solver = GLPKSolver()

    @Test func aNumericalFailureIsRetriedWithOtherSettings() throws {
        let m = Instances.randomFacilityLocation(sites: 12, customers: 30, seed: 5)
        let clean = try solver.solve(m)
        var options = SolveOptions()
        options.simulatedFailures = 1
        let r = try solver.solve(m, options: options)
        #expect(r.termination == .optimal)
        #expect(abs(r.objective! - clean.objective!) <= 1e-6 * abs(clean.objective!))
        #expect(r.log.contains("dipnet: attempt 2 of 4 after GLPK's numerical failure"), "\(r.log.suffix(400))")
        #expect(r.log.contains("GLPK recovered after 2 attempts"))
        #expect(m.violation(of: try #require(r.values)).maxViolation < 1e-6)
    }

    @Test func whenEverySettingFailsTheBestPlanFoundIsKept() throws {
        let m = Instances.randomFacilityLocation(sites: 12, customers: 30, seed: 5)
        let clean = try solver.solve(m)
        for retries in [0, 3] {
            var options = SolveOptions(retries: retries)
            options.simulatedFailures = 10
            let r = try solver.solve(m, options: options)
            guard case .feasible = r.termination else { Issue.record("\(r.termination)"); continue }
            let values = try #require(r.values)
            #expect(m.violation(of: values).maxViolation < 1e-6)
            // The plan kept is the best any attempt found (here the first attempt's optimum),
            // and its row activities are recomputed from it.
            #expect(abs(r.objective! - clean.objective!) <= 1e-6 * abs(clean.objective!))
            #expect(abs(m.objective.evaluate(values) - r.objective!) <= 1e-6 * abs(r.objective!))
            #expect(r.log.contains("keeping the best plan found before the failure"))
            #expect(r.log.contains("after \(retries + 1) attempt"))
        }
    }

    @Test func anLPThatFailsWithEverySettingSaysWhatWasTried() {
        var options = SolveOptions()
        options.simulatedFailures = 10
        #expect {
            try solver.solve(Instances.wyndor().0, options: options)
        } throws: { e in
            "\(e)".contains("numerical failure with each of 4 solver settings")
        }
    }

    @Test func theMonitorSeesIncumbentBoundAndElapsedTime() throws {
        let m = Instances.hardKnapsack()
        let monitor = SolveMonitor()
        let cancel = SolveCancellation()
        let seen = Mutex<[SolveProgress]>([])
        let poller = DispatchQueue.global()
        for k in 1...8 { poller.asyncAfter(deadline: .now() + 0.15 * Double(k)) { seen.withLock { $0 += monitor.snapshot() } } }
        poller.asyncAfter(deadline: .now() + 1.5) { cancel.cancel() }
        let r = try solver.solve(m, options: SolveOptions(cancellation: cancel, monitor: monitor))
        #expect(monitor.snapshot().isEmpty, "a finished solve leaves the board")
        let inTree = seen.withLock { $0 }.filter { $0.inTree }
        let last = try #require(inTree.max { $0.elapsed < $1.elapsed })
        #expect(last.elapsed > 0.1 && last.elapsed < 2)
        let inc = try #require(last.incumbent), bound = try #require(last.bound)
        // Maximisation: the incumbent never beats the bound, nor the final answer.
        #expect(inc <= bound + 1e-6 && inc <= r.objective! + 1e-6)
        #expect(last.gap! >= 0)
    }
}
