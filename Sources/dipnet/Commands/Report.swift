import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report of a comparison: table, charts, maps, and optionally sweep curves and simulation histograms.")

    @Argument(help: "Scenario file.") var file: String
    @Argument(help: "A comparison the file declares (default: its first).") var comparison: String?
    @Option(help: "Variants to compare, comma-separated (instead of a declared comparison).") var variants: String?
    @Option(help: "Baseline variant.") var baseline: String?
    @Option(help: "The HTML file to write (atomically); standard output if omitted.") var out: String?
    @Option(help: "Records of a dipnet sweep (--records) to chart.") var sweep: String?
    @Option(help: "Records of a dipnet simulate (--records) to chart.") var simulation: String?
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let file = try loadScenario(self.file)
        let c = try solveComparison(file, comparison: comparison, variants: variants, baseline: baseline, solver: solver)
        var report = HTMLReport(comparison: c, scenario: file.base, scenarioPath: self.file, scenarioHash: file.contentHash,
                                toolVersion: dipnetVersion)
        do {
            if let path = sweep {
                let (h, rs, _) = try JSONLines.read(path, header: SweepHeader.self, record: SweepRecord.self)
                report.sweep = (h, rs)
            }
            if let path = simulation {
                let (h, rs, _) = try JSONLines.read(path, header: SimulationHeader.self, record: SimulationRecord.self)
                report.simulation = (h, rs)
            }
        } catch { throw UserError("\(error)") }
        try emit(report.render(), to: out)
        try solver.exitIfInterrupted()
        if let out { solver.note("wrote \(out)") }
    }
}
