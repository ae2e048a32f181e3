import ArgumentParser
import DiplomaticNetwork
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic scenario of any size (seeded) for testing scale.")

    @Option(help: "Number of countries.") var countries: Int
    @Option(help: "Posts per country: an embassy, then consulates (existing or candidates).") var postsPerCountry = 2
    @Option(help: "Reach of embassies in km (countries within it can be served from there).") var reach = 1500.0
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Directory to write scenario.yaml and its CSV tables into.") var out: String
    @Option(help: "Write a coalition of this many states instead (coalition.yaml; --countries host countries).") var coalition: Int?

    func validate() throws {
        guard (1...100_000).contains(countries) else { throw ValidationError("--countries must be from 1 to 100000") }
        guard (1...50).contains(postsPerCountry) else { throw ValidationError("--posts-per-country must be from 1 to 50") }
        guard reach.isFinite, (0...20_000).contains(reach) else { throw ValidationError("--reach must be from 0 to 20000 km") }
    }

    func run() throws {
        if let states = coalition {
            guard (1...100).contains(states) else { throw UserError("--coalition must be from 1 to 100 states") }
            do {
                let n = try CoalitionGenerator(states: states, hosts: countries, seed: seed).write(to: out)
                print("wrote \(out)/coalition.yaml: \(states) states, \(countries) host countries, \(n.posts) posts, \(n.agreements) agreements")
            } catch { throw UserError("\(error)") }
            return
        }
        let n: (countries: Int, posts: Int, partners: Int)
        do { n = try ScenarioGenerator(countries: countries, postsPerCountry: postsPerCountry, reachKm: reach, seed: seed).write(to: out) }
        catch { throw UserError("\(error)") }
        print("wrote \(out)/scenario.yaml: \(n.countries) countries, \(n.posts) posts, \(n.partners) partner offers")
    }
}
