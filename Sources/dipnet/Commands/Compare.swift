import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve several variants and print them side by side with differences to a baseline.")

    @Argument(help: "Scenario file.")
    var file: String

    @Argument(help: "A comparison the file declares (default: its only or first one).")
    var comparison: String?

    @Option(help: "Variants to compare, comma-separated (instead of a declared comparison).")
    var variants: String?

    @Option(help: "Baseline variant (default: the comparison's, else status-quo).")
    var baseline: String?

    @Option(help: "Output format: table, json, csv, markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write the output to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var solver: SolverOptions

    func run() throws {
        let file = try loadScenario(self.file)
        let c = try solveComparison(file, comparison: comparison, variants: variants, baseline: baseline, solver: solver)
        try emit(ComparisonReport.render(c, as: format), to: out)
        try solver.exitIfInterrupted()
        if let out { solver.note("wrote \(out)") }
    }
}

/// Picks the comparison (declared, or --variants), solves it, diagnoses infeasible variants.
func solveComparison(_ file: ScenarioFile, comparison: String?, variants: String?, baseline: String?, solver: SolverOptions) throws -> Comparison {
    var name = comparison ?? "variants"
    var list: [String]
    var base = baseline
    if let v = variants {
        list = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if comparison != nil { throw ValidationError("give either a comparison name or --variants, not both") }
    } else if let spec = comparison.map({ c in file.comparison(c) }) ?? file.comparisons.first.map({ Optional($0) }) {
        guard let spec else {
            throw ValidationError("no comparison \"\(comparison!)\" in \(file.path); comparisons are: \(file.comparisons.map(\.name).joined(separator: ", "))")
        }
        name = spec.name
        list = spec.variants
        base = base ?? spec.baseline
    } else {
        throw ValidationError("\(file.path) declares no comparison; give --variants a,b,c")
    }
    let baselineName = base ?? "status-quo"
    let names = [baselineName] + list.filter { $0 != baselineName }
    let scenarios: [Scenario]
    do { scenarios = try names.map { try file.scenario($0) } } catch let e as ScenarioError {
        throw ScenarioProblems(errors: [e])
    }
    solver.note("solving \(names.count) variants: \(names.joined(separator: ", "))")
    let plans: [Plan]
    do { plans = try solver.diagnosingPlanner.solveAll(scenarios) } catch {
        FileHandle.standardError.write(Data("error: the solver failed: \(error)\n".utf8))
        throw ExitCode.failure
    }
    return Comparison(name: name, scenario: file.base.name, currency: file.base.currency,
                      baseline: plans[0], variants: Array(plans.dropFirst()))
}
