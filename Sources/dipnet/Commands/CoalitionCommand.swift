import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct CoalitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalition",
        abstract: "Plan a shared network of several states: each alone, then jointly with no state worse off, and how to share the gain.")

    @Argument(help: "Coalition file (docs/coalition-format.md).") var file: String
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically).") var out: String?
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let c: CoalitionFile
        do { c = try CoalitionFile.load(file) } catch { throw ScenarioProblems(errors: [error]) }
        solver.note("solving \(c.states.count) states alone, then jointly")
        let r: CoalitionResult
        do { r = try CoalitionPlanner(planner: solver.planner).solve(c) } catch let e as ParameterError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode.failure
        }
        try emit(CoalitionReport.render(r, as: format), to: out)
    }
}
