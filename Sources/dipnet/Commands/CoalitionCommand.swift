import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct CoalitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalition",
        abstract: "Plan a shared network of several states: each alone, then jointly with no state worse off, and how to share the gain.")

    @Argument(help: "Coalition file (docs/coalition-format.md).") var file: String
    @Option(name: .customLong("force"), help: "STATE:POST=open|closed: fix a decision, in the standalone and the joint plan (repeatable).")
    var forces: [String] = []
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically).") var out: String?
    @OptionGroup var solver: SolverOptions

    func run() throws {
        var c: CoalitionFile
        do { c = try CoalitionFile.load(file) } catch { throw ScenarioProblems(errors: [error]) }
        for f in forces {
            let parts = f.split(separator: "=").map(String.init)
            let target = parts.first?.split(separator: ":").map(String.init) ?? []
            guard parts.count == 2, target.count == 2, let decision = Post.Force(rawValue: parts[1]) else {
                throw UserError("--force takes STATE:POST=open|closed, found \(f)")
            }
            do { c = try c.forcing(state: target[0], post: target[1], decision) } catch { throw UserError("\(error)") }
        }
        solver.note("solving \(c.states.count) states alone, then jointly")
        let r: CoalitionResult
        do { r = try CoalitionPlanner(planner: solver.planner).solve(c) } catch let e as ParameterError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode.failure
        }
        try emit(CoalitionReport.render(r, as: format), to: out)
        try solver.exitIfInterrupted()
    }
}
