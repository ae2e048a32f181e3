import Foundation
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
        let expected = ["longer than 255 bytes", "non-integer bound 0.5", "control characters", "coefficient nan",
                        "no value satisfies", "objective coefficient", "time limit", "relative gap",
                        "starting solution has 1 values"]
        for fragment in expected {
            #expect(problems.contains { $0.contains(fragment) }, "missing: \(fragment)")
        }
        #expect(throws: GLPKError.self) { try solver.solve(m) }
    }

    @Test func binaryBoundsOutsideUnitIntervalAreRejected() {
        var m = Model()
        let b = m.addVariable("b", .binary, lower: 0, upper: 2)
        m.maximize(b)
        #expect(GLPKSolver.problems(of: m).contains { $0.contains("outside [0, 1]") })
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
        #expect(text.hasPrefix("* dipnet: this maximisation is written as the minimisation"))
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
    }

    @Test func exportToMissingDirectoryFailsWithoutLeavingFiles() throws {
        #expect(throws: GLPKError.self) {
            try solver.write(named(), as: .cplexLP, to: "/nonexistent-dir/x.lp")
        }
    }

    @Test func namesThatCollideAfterMappingAreRejected() {
        var m = Model()
        let a = m.addVariable("a[1]"), b = m.addVariable("a(1)")
        m.minimize(a + b)
        #expect(throws: GLPKError.self) { try solver.text(of: m, as: .cplexLP) }
    }

    @Test func lpNamesAreLegal() {
        #expect(ModelFileFormat.cplexLP.exportName("open[HAV]") == "open(HAV)")
        #expect(ModelFileFormat.cplexLP.exportName("x y") == "x_y")
        #expect(ModelFileFormat.cplexLP.exportName("1st") == "_1st")
        #expect(ModelFileFormat.cplexLP.exportName("é") == "_")
        #expect(ModelFileFormat.freeMPS.exportName("a b") == "a_b")
    }
}
