import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve one variant and print the plan: status, net benefit, costs, coverage, decisions.")

    @Argument(help: "Scenario file.")
    var file: String

    @Option(help: "Variant to solve (base, status-quo, or one the file declares).")
    var variant = "base"

    @Option(help: "Output format: table, json, csv, markdown.")
    var format: OutputFormat = .table

    @Option(help: "Which table for table/markdown/csv: summary, posts, countries.")
    var table: PlanReport.PlanTable = .summary

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var solver: SolverOptions

    func run() throws {
        let (_, scenario) = try loadVariant(self.file, variant)
        let plan: Plan
        do { plan = try solver.diagnosingPlanner.solve(scenario) } catch {
            FileHandle.standardError.write(Data("error: the solver failed: \(error)\n".utf8))
            throw ExitCode.failure
        }
        var text = PlanReport.render(plan, as: format, table: table)
        if format == .table, out == nil, Style.enabled, let r = text.range(of: "Status: \(plan.status)") {
            text.replaceSubrange(r, with: "Status: " + Style.status(plan.status))
        }
        try emit(text, to: out)
        if let out { solver.note("wrote \(out)") }
        try solver.exitIfInterrupted()
    }
}
