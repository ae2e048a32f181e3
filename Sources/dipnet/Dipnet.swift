import ArgumentParser
import DiplomaticNetwork
import FileSupport
import Foundation
import LinearProgramming
import Reports

/// The command line: parses arguments into library calls and prints what
/// they return. Exit status: 0 success, 1 failed expectations or solver
/// failure, 2 invalid input (scenario or command line), 130 Ctrl-C.
struct Dipnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dipnet",
        abstract: "Plan a diplomatic network: solve scenarios, compare variants, test expectations.",
        discussion: """
            Exit status: 0 success, 1 failed expectations or solver failure, 2 invalid input, 130 interrupted.
            Scenario format: docs/scenario-format.md in the repository.
            """,
        version: dipnetVersion,
        subcommands: [ValidateCommand.self, SolveCommand.self, CompareCommand.self, TestCommand.self, ExportModelCommand.self,
                      SweepCommand.self, TippingCommand.self, MarginsCommand.self, AlternativesCommand.self, RobustCommand.self, SimulateCommand.self, ExplainCommand.self, MergeCommand.self,
                      DiffCommand.self, ReportCommand.self, GenerateCommand.self, CoalitionCommand.self]
    )
}

let dipnetVersion = DipnetVersion.string

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

    /// The planner of the command's solves; Ctrl-C stops them (see `Interrupts`).
    var planner: Planner {
        Interrupts.shared.install()
        return Planner(options: SolveOptions(timeLimit: timeLimit, relativeGap: gap, echoLog: verbose,
                                             cancellation: Interrupts.shared.cancellation),
                       parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// For single plans and comparisons: infeasible variants are diagnosed.
    var diagnosingPlanner: Planner {
        var p = planner
        p.diagnoseInfeasible = true
        return p
    }

    func note(_ s: String) { if !quiet { dipnet.note(s) } }

    /// Exits 130 when Ctrl-C stopped the command's solves (after it wrote what it had).
    func exitIfInterrupted() throws {
        if Interrupts.shared.requested { throw ExitCode(130) }
    }
}

/// Where and how a command writes its result.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv, markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?
}

/// Bad input found while running (a parameter path, a records file): printed
/// as one error line, exit status 2, without the usage text.
struct UserError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A solver that failed: printed as one error line, exit status 1.
struct SolverFailure: Error {
    var message: String
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

/// Maps library errors to the command line's: invalid input exits 2, solver failures 1.
func userFacing(_ body: () throws -> Void) throws {
    do { try body() }
    catch let e as ScenarioError { throw ScenarioProblems(errors: [e]) }
    catch let e as ParameterError { throw UserError(e.description) }
    catch let e as RunError { throw UserError(e.description) }
    catch let e as FileWriteError { throw UserError(e.description) }
}

/// Prints warnings about input (legal, but almost surely unintended) on standard error.
func printWarnings(_ warnings: [Diagnostic]) {
    guard !warnings.isEmpty else { return }
    note(warnings.map(\.description).joined(separator: "\n"))
}

/// Loads a scenario file, printing its warnings; invalid input exits 2.
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

/// Writes text to `--out` atomically, or to standard output.
func emit(_ text: String, to out: String?) throws {
    guard let out else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do { try AtomicFile.write(Data(text.utf8), to: out) } catch { throw UserError("\(error)") }
}

/// Writes a report in the chosen format to `--out` or standard output.
func emit(_ report: Report, _ output: OutputOptions) throws {
    try emit(report.render(as: output.format, tone: output.out == nil ? Style.tone : .plain), to: output.out)
}

extension OutputFormat: ExpressibleByArgument {}
extension PlanReport.PlanTable: ExpressibleByArgument {}
