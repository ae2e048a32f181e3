import ArgumentParser
import DiplomaticNetwork
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files and report every problem, or a one-line summary of each.")

    @Argument(help: "Scenario files.")
    var files: [String]

    func run() throws {
        var failures: [ScenarioError] = []
        for file in files {
            do {
                let f = try ScenarioFile.load(file)
                let b = f.base
                print("\(file): ok — \(b.countries.count) countries, \(b.posts.count) posts "
                      + "(\(b.posts.filter { $0.status == .existing }.count) existing, \(b.posts.filter { $0.status == .candidate }.count) candidates), "
                      + "\(b.partners.count) partner offers, \(f.variantNames.count) variants, \(f.comparisons.count) comparisons, "
                      + "\(f.expectations.count) expectation sets")
            } catch {
                failures.append(error)
            }
        }
        if !failures.isEmpty { throw ScenarioProblems(errors: failures) }
    }
}
