import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two saved results (dipnet solve --format json): changed figures, decisions, presence, moved cases.",
        discussion: "Exit status as diff(1): 0 when the results agree, 1 when they differ, 2 when a file cannot be read.")

    @Argument(help: "The older result.") var a: String
    @Argument(help: "The newer result.") var b: String
    @Option(help: "Relative tolerance below which numbers count as equal.") var tolerance = 1e-9
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically).") var out: String?

    func run() throws {
        guard let x = FileManager.default.contents(atPath: a) else { throw UserError("cannot read \(a)") }
        guard let y = FileManager.default.contents(atPath: b) else { throw UserError("cannot read \(b)") }
        let d: PlanDiff
        do { d = try PlanDiff(x, y, labels: ((a as NSString).lastPathComponent, (b as NSString).lastPathComponent), tolerance: tolerance) }
        catch { throw UserError("\(error)") }
        try emit(d.render(as: format), to: out)
        if !d.isEmpty { throw ExitCode(1) }
    }
}
