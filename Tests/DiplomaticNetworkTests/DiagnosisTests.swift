import Foundation
import Testing
@testable import DiplomaticNetwork

@Suite("Infeasibility diagnosis") struct DiagnosisTests {
    let planner = Planner(parallelism: 1, diagnoseInfeasible: true)

    @Test func budgetShortfallIsNamedWithItsAmount() throws {
        // Under the tiny rules the cheapest allowed plan is plan 7 with no cases
        // served: 9,000 running + 2,000 closing + 1,000 opening = 12,000.
        let f = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml"))
        let s = try f.scenario("tight", set: [(path: "rules.budget", value: "11000")])
        let plan = try planner.solve(s)
        #expect(plan.status == "infeasible")
        let d = try #require(plan.diagnosis)
        let budget = try #require(d.findings.first { $0.kind == "rule" && $0.subject == "budget" })
        #expect(abs(budget.amount! - 1000) < 1e-6)
        #expect(budget.message.contains("budget 11,000 EUR is 1,000 EUR short") && budget.message.contains("(12,000 EUR a year)"))
        // The other way out: give up min_resident, and PA alone (plan 2: 6,000 running
        // + 1,000 closing for PB) fits the budget, with B one resident short.
        let resident = try #require(d.findings.first { $0.subject == "min_resident[0]" })
        #expect(resident.amount == 1 && resident.message.contains("1 fewer countries"))
        #expect(d.findings.filter { $0.kind == "rule" }.count == 2)
    }

    @Test func conflictingForcesInAGroupAreCaughtBeforeSolving() throws {
        let f = try load(miniYAML + """
            variants:
              both: {set: {posts.PA.force: open, posts.PB.force: open, posts.PA.group: g, posts.PB.group: g}}

            """)
        let plan = try planner.solve(try f.scenario("both"))
        let d = try #require(plan.diagnosis)
        #expect(d.findings.contains { $0.kind == "precheck" && $0.message.contains("group g allows one open post, but PA and PB must both be open") })
        #expect(d.findings.contains { $0.kind == "forced" && $0.message.contains("must give") })
    }

    @Test func residentRuleThatCannotHold() throws {
        // Closing PA and PA2 leaves A without a resident post, which min_resident requires.
        let f = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml"))
        let s = try f.scenario("close-pa", set: [(path: "posts.PA2.force", value: "closed")])
        let d = try #require(try planner.solve(s).diagnosis)
        #expect(d.findings.contains { $0.subject == "min_resident[0]" && $0.message.contains("1 fewer countries") })
        #expect(d.findings.contains { $0.kind == "forced" && $0.message.contains("PA") })
    }

    @Test func coveragePrecheckAndAmount() throws {
        // Posts and partners can handle 100 + 50 of 150 cases only when both posts
        // are open; with PB forced closed at most 100 + min(50, 200 − 100) … A's post
        // covers B: 150 of 150. Close PA instead: PB handles 50 of 150 = 33.3%.
        let f = try load(miniYAML + """
            rules: {min_coverage: 0.9}
            variants:
              no-a: {set: {posts.PA.force: closed}}

            """)
        let d = try #require(try planner.solve(try f.scenario("no-a")).diagnosis)
        #expect(d.findings.contains { $0.kind == "precheck" && $0.message.contains("at most 33.3% of cases") })
        let cov = try #require(d.findings.first { $0.kind == "rule" && $0.subject == "min_coverage" })
        #expect(abs(cov.amount! - 85) < 1e-6)   // 0.9·150 = 135 needed, 50 possible
        #expect(cov.message.contains("at most 33.3% of cases can be handled"))
    }

    @Test func belgianAusterityVariantIsDiagnosed() throws {
        let f = try ScenarioFile.load(CLIPaths.belgium)
        let plan = try planner.solve(try f.scenario("austerity-all-open"))
        #expect(plan.status == "infeasible")
        let d = try #require(plan.diagnosis)
        // The 111 existing posts' running costs (posts.csv) against 90% of the status quo's cost.
        #expect(d.findings.contains { $0.kind == "precheck" && $0.message.contains("111 posts forced open alone cost 156,602,000 EUR") })
        #expect(d.findings.contains { $0.subject == "budget" && $0.message.contains("budget 154,000,000 EUR is 2,602,000 EUR short") })
    }
}

enum CLIPaths {
    static let repo = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let belgium = repo.appendingPathComponent("scenarios/belgium-2026/scenario.yaml").path
}
