import ArgumentParser
import DiplomaticNetwork
import Foundation
import GLPKSolver
import LinearProgramming
import Reports

struct Dipnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dipnet",
        abstract: "Plan a diplomatic network: solve scenarios, compare variants, test expectations.",
        discussion: """
            Exit status: 0 success, 1 failed expectations or solver failure, 2 invalid input.
            Scenario format: docs/scenario-format.md in the repository.
            """,
        version: dipnetVersion,
        subcommands: [Validate.self, Solve.self, Compare.self, TestCommand.self, ExportModel.self,
                      Sweep_.self, Tipping_.self, Simulate.self, Explain_.self, Merge.self, Diff.self, Report.self, Generate.self, CoalitionCommand.self]
    )
}

let dipnetVersion = "0.3.0"

/// Options of every command that solves.
struct SolverOptions: ParsableArguments {
    @Option(help: "Stop each solve after this many seconds (reports the best plan found and its gap).")
    var timeLimit: Double?

    @Option(help: "Stop once the relative MIP gap is below this value (default: prove optimality).")
    var gap: Double?

    @Flag(help: "Print nothing but the result.")
    var quiet = false

    @Flag(help: "Show GLPK's log on standard error.")
    var verbose = false

    @Option(help: "Solves to run at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a number of seconds > 0") }
        if let g = gap, !(g.isFinite && g >= 0) { throw ValidationError("--gap must be a number ≥ 0") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The planner of the command's solves; Ctrl-C stops them (see `Interruption`).
    var planner: Planner {
        Interruption.shared.install()
        return Planner(options: SolveOptions(timeLimit: timeLimit, relativeGap: gap, echoLog: verbose,
                                             cancellation: Interruption.shared.cancellation),
                       parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Exits 130 when Ctrl-C stopped the command's solves (after it wrote what it had).
    func exitIfInterrupted() throws {
        if Interruption.shared.requested { throw ExitCode(130) }
    }

    /// For single plans and comparisons: infeasible variants are diagnosed.
    var diagnosingPlanner: Planner {
        var p = planner
        p.diagnoseInfeasible = true
        return p
    }

    func note(_ s: String) {
        if !quiet { FileHandle.standardError.write(Data((s + "\n").utf8)) }
    }
}

/// Bad input found while running (a parameter path, a records file): printed
/// as one error line, exit status 2, without the usage text.
struct UserError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Invalid scenarios: printed as located diagnostics, exit status 2.
struct ScenarioProblems: Error, CustomStringConvertible {
    var errors: [ScenarioError]
    var description: String {
        let all = errors.flatMap(\.diagnostics)
        let text = errors.map(\.description).filter { !$0.isEmpty }.joined(separator: "\n")
        return text + "\n\(all.count) problem\(all.count == 1 ? "" : "s") found."
    }
}

/// Prints warnings about input (legal, but almost surely unintended) on standard error.
func printWarnings(_ warnings: [Diagnostic]) {
    guard !warnings.isEmpty else { return }
    FileHandle.standardError.write(Data((warnings.map(\.description).joined(separator: "\n") + "\n").utf8))
}

func loadScenario(_ path: String) throws -> ScenarioFile {
    do {
        let file = try ScenarioFile.load(path)
        printWarnings(file.warnings)
        return file
    } catch { throw ScenarioProblems(errors: [error]) }
}

/// Loads a scenario file and one of its variants; invalid input exits 2.
func loadVariant(_ path: String, _ variant: String) throws -> (ScenarioFile, Scenario) {
    let file = try loadScenario(path)
    do { return (file, try file.scenario(variant)) } catch { throw ScenarioProblems(errors: [error]) }
}

/// Writes to `--out` atomically, or to standard output.
func emit(_ text: String, to out: String?) throws {
    guard let out else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do { try AtomicFile.write(Data(text.utf8), to: out) } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension PlanReport.PlanTable: ExpressibleByArgument {}
