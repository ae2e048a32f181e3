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
            if CoalitionFile.isCoalition(file) {
                do {
                    let c = try CoalitionFile.load(file)
                    printWarnings(c.warnings)
                    print("\(file): ok — coalition of \(c.states.count) states (\(c.states.map { "\($0.id): \($0.scenario.posts.count) posts" }.joined(separator: ", "))), "
                          + "\(c.states.first?.scenario.countries.count ?? 0) host countries, \(c.agreements.count) agreements")
                } catch { failures.append(error) }
                continue
            }
            do {
                let f = try ScenarioFile.load(file)
                printWarnings(f.warnings)
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
