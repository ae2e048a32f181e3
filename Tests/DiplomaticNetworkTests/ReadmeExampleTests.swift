import Foundation
import Testing
import DiplomaticNetwork

/// The README's "Using dipnet as a library" example, compiled and run: the
/// lines of `readmeExample` must be the README's, verbatim.
@Suite("README example") struct ReadmeExampleTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func readmeExample() throws -> [(Double, Double, Bool)] {
        var rows: [(Double, Double, Bool)] = []
        func print(_ penalty: Double, _ net: Double, _ havanaClosed: Bool) { rows.append((penalty, net, havanaClosed)) }
        // README BEGIN
        // Does the optimal network keep Havana as an unserved visa weighs more?
        let run = RunDescription(
            scenario: "scenarios/belgium-2026/scenario.yaml",
            analysis: .sweep(variant: "optimal", parameters: ["services.visas.unserved_penalty=0..800:5"]))
        let report = try Runs.execute(run, planner: Planner(parallelism: 2))
        if case .sweep(_, let points) = report.summary {
            for p in points { print(p.values[0], p.net_benefit ?? .nan, p.closed.contains("HAV")) }
        }
        // README END
        return rows
    }

    @Test func theReadmeShowsThisCodeVerbatim() throws {
        let readme = try String(contentsOf: Self.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let body = source.components(separatedBy: "// README BEGIN\n")[1].components(separatedBy: "        // README END")[0]
        let code = body.split(separator: "\n").map { String($0.dropFirst(8)) }.joined(separator: "\n")
        #expect(readme.contains("```swift\nimport DiplomaticNetwork\n\n" + code + "\n```"), "README's library example differs from this test's")
    }

    @Test func theReadmeExampleRuns() throws {
        let cwd = FileManager.default.currentDirectoryPath
        try #require(FileManager.default.fileExists(atPath: "scenarios/belgium-2026/scenario.yaml"),
                     "run the tests from the repository root (cwd is \(cwd))")
        let rows = try readmeExample()
        #expect(rows.map(\.0) == [0, 200, 400, 600, 800])
        #expect(rows.allSatisfy { $0.1.isFinite })
        // A dearer unserved case never raises the net benefit.
        for (a, b) in zip(rows, rows.dropFirst()) { #expect(b.1 <= a.1 + 1e-6) }
        // With no weight on unserved visas Havana closes; at the top of the stated range (940) it stays.
        #expect(rows.first!.2 == true)
        #expect(rows.last!.2 == false)
    }
}
