import ArgumentParser
import DiplomaticNetwork
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every expect block of every scenario found and report each expectation.")

    @Argument(help: "Scenario files or directories to search (default: scenarios).")
    var paths: [String] = ["scenarios"]

    @OptionGroup var solver: SolverOptions

    func run() throws {
        let files = try paths.flatMap(scenarioFiles)
        var passed = 0, failed = 0
        var invalid: [ScenarioError] = []
        for path in files {
            let file: ScenarioFile
            do { file = try ScenarioFile.load(path) } catch { invalid.append(error); continue }
            printWarnings(file.warnings)
            guard !file.expectations.isEmpty else {
                solver.note("\(path): no expectations")
                continue
            }
            print(Style.bold(path))
            let scenarios = try file.expectations.map { try file.scenario($0.variant) }
            let plans: [Plan]
            do { plans = try solver.planner.solveAll(scenarios) } catch {
                print("  FAIL  solver failed: \(error)")
                failed += file.expectations.reduce(0) { $0 + $1.checks.count }
                continue
            }
            for (set, plan) in zip(file.expectations, plans) {
                for o in set.check(plan) {
                    let mark = o.passed ? Style.good("PASS") : Style.bad("FAIL")
                    let loc = o.passed ? "" : "  (\(o.location))"
                    print("  \(mark)  \(o.variant.padding(toLength: 16, withPad: " ", startingAt: 0)) \(o.what.padding(toLength: 12, withPad: " ", startingAt: 0)) expected \(o.expected), measured \(o.measured)\(loc)")
                    if o.passed { passed += 1 } else { failed += 1 }
                }
            }
        }
        if !invalid.isEmpty {
            print("\(passed) passed, \(failed) failed")
            throw ScenarioProblems(errors: invalid)
        }
        print("\(passed) passed, \(failed) failed")
        try solver.exitIfInterrupted()
        if failed > 0 { throw ExitCode.failure }
    }

    /// Scenario files under a path: YAML files with a top-level `dipnet:` key.
    func scenarioFiles(_ path: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ScenarioProblems(errors: [ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "", "no such file or directory")])])
        }
        guard isDir.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var out: [String] = []
        while let rel = enumerator?.nextObject() as? String {
            guard rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") else { continue }
            let full = (path as NSString).appendingPathComponent(rel)
            // Scenario files, not coalition files (which have no expect blocks).
            if let text = try? String(contentsOfFile: full, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.contains(where: { $0.hasPrefix("dipnet:") }), !lines.contains(where: { $0.hasPrefix("states:") }) {
                    out.append(full)
                }
            }
        }
        return out.sorted()
    }
}
