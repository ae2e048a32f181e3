import ArgumentParser
import DiplomaticNetwork
import Foundation
import GLPKSolver

struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the exact model of a variant as CPLEX LP or free MPS, for audit or another solver.")

    @Argument(help: "Scenario file.")
    var file: String

    @Option(help: "Variant to export.")
    var variant = "base"

    @Option(help: "Write CPLEX LP to this path.")
    var lp: String?

    @Option(help: "Write free MPS to this path (a maximisation is written negated: see the file's first lines).")
    var mps: String?

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp PATH or --mps PATH (or both)") }
    }

    func run() throws {
        let (_, scenario) = try loadVariant(self.file, variant)
        let model = NetworkFormulation(scenario).model
        for (path, format) in [(lp, ModelFileFormat.cplexLP), (mps, .freeMPS)] {
            guard let path else { continue }
            do { try GLPKSolver().write(model, as: format, to: path) } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            FileHandle.standardError.write(Data("wrote \(path): \(model.variableCount) variables, \(model.constraintCount) constraints\n".utf8))
        }
    }
}
