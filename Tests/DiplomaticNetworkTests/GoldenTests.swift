import Foundation
import Testing
@testable import DiplomaticNetwork
import Reports

/// Renderer outputs compared with reviewed files in Fixtures/golden. To
/// re-record after a deliberate change: DIPNET_RECORD_GOLDEN=1 swift test,
/// then review the diff before committing.
@Suite("Golden outputs") struct GoldenTests {
    static let record = ProcessInfo.processInfo.environment["DIPNET_RECORD_GOLDEN"] == "1"

    func check(_ text: String, _ name: String) throws {
        let url = Fixtures.root.appendingPathComponent("golden/\(name)")
        if Self.record {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); record it with DIPNET_RECORD_GOLDEN=1 and review it")
            return
        }
        if golden != text {
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs at line \(i + 1):\n  golden: \(i < a.count ? String(a[i]) : "<end>")\n  now:    \(i < b.count ? String(b[i]) : "<end>")")
        }
    }

    func plans() throws -> [Plan] {
        let f = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml"))
        return try ["status-quo", "base", "tight", "no-quota"].map {
            var p = try Planner(parallelism: 1).solve(try f.scenario($0))
            p.solveSeconds = 0
            return p
        }
    }

    @Test func comparisonInEveryFormat() throws {
        let p = try plans()
        let c = Comparison(name: "tiny", scenario: p[0].scenario, currency: "EUR", baseline: p[0], variants: Array(p.dropFirst()))
        try check(ComparisonReport.render(c, as: .table), "comparison.txt")
        try check(ComparisonReport.render(c, as: .markdown), "comparison.md")
        try check(ComparisonReport.render(c, as: .csv), "comparison.csv")
        try check(ComparisonReport.render(c, as: .json), "comparison.json")
    }

    /// An interest worth 0 in every plan compared is one note, not a row of zeros in
    /// each table (an analyst comparing Bamako read five rows of the letter's Cuban
    /// arguments); an interest worth something in one plan keeps its rows.
    @Test func interestsWorthNothingInEveryPlanAreOneNote() throws {
        let f = try ScenarioFile.load(Fixtures.path("v2/services.yaml"),
                                      set: ["countries.B.interests.dialogue=0", "countries.C.interests.dialogue=0"])
        let planner = Planner(parallelism: 1)
        let (a, b) = (try planner.solve(try f.scenario("base")), try planner.solve(try f.scenario("close-pb")))
        let c = Comparison(name: "pb", scenario: a.scenario, currency: "EUR", baseline: a, variants: [b])
        for format in [OutputFormat.table, .markdown] {
            let text = ComparisonReport.render(c, as: format)
            #expect(!text.contains("Interest dialogue") && text.contains("Interest trade"), "\(text)")
            #expect(text.contains("Worth 0 in every variant compared (not shown): the interests dialogue."), "\(text)")
            #expect(!text.contains("dialogue = "))   // its label is not explained for a row not shown
        }
        // the tidy CSV keeps every figure
        #expect(ComparisonReport.render(c, as: .csv).contains("interests.dialogue"))
    }

    @Test func planInEveryFormat() throws {
        let tight = try plans()[2]
        try check(PlanReport.render(tight, as: .table, table: .countries), "plan-tight.txt")
        try check(PlanReport.render(tight, as: .markdown), "plan-tight.md")
        try check(PlanReport.render(tight, as: .csv, table: .posts), "plan-tight-posts.csv")
        try check(PlanReport.render(tight, as: .json), "plan-tight.json")
    }

    @Test func textTablesFitOneHundredColumns() throws {
        let p = try plans()
        let c = Comparison(name: "tiny", scenario: p[0].scenario, currency: "EUR", baseline: p[0], variants: Array(p.dropFirst()))
        for line in ComparisonReport.render(c, as: .table).split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        for line in PlanReport.render(p[2], as: .table, table: .countries).split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
    }

    /// Notes are wrapped at 100 columns whatever the table's width (a margins note ran to
    /// 1,201 characters on one line); an indented line keeps its indent on every piece, and
    /// no word is lost or split.
    @Test func textNotesWrapAtOneHundredColumns() {
        var t = Table(columns: [.init("a", .left)])
        t.rows = [["x"]]
        let long = (1...60).map { "word\($0)" }.joined(separator: " ")
        t.notes = [long, "short note", "  " + long]
        let text = TextRenderer.render(t, width: 160)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        #expect(lines.contains("short note"))
        let words = lines.dropFirst(3).flatMap { $0.split(separator: " ").map(String.init) }.filter { $0 != "short" && $0 != "note" }
        #expect(words == (1...60).map { "word\($0)" } + (1...60).map { "word\($0)" }, "\(words)")
        let indented = lines.drop { !$0.hasPrefix("  word1 ") }
        #expect(indented.count >= 2 && indented.allSatisfy { $0.hasPrefix("  word") }, "\(indented)")
    }

    /// Tables measured characters, not columns: a post named 東京 (two characters, four
    /// columns) or with an emoji pushed its row's later cells out of line. Every line of a
    /// table of wide, combining and emoji text now ends at the same column, cells cut to
    /// fit are cut by columns, and a wrapped last column of wide text stays in its width.
    @Test func wideCharactersTakeTwoColumns() {
        #expect("東京".columns == 4 && "e\u{301}".columns == 1 && "🇧🇪".columns == 2 && "café".columns == 4 && "ｱ".columns == 1)
        var t = Table(columns: [.init("Post", .left), .init("Cost")])
        t.rows = [["東京 大使館", "1,000"], ["Paris", "22"], ["Brazzaville 🇨🇬", "3"], ["Ha\u{301}vana", "4"]]
        let lines = TextRenderer.render(t).split(separator: "\n").map(String.init)
        #expect(Set(lines.map(\.columns)).count == 1, "\(lines)")
        var narrow = Table(columns: [.init("Post", .left), .init("Cost"), .init("Why", .left)])
        narrow.rows = [[String(repeating: "東", count: 40), "1", String(repeating: "京都 ", count: 30)]]
        let cut = TextRenderer.render(narrow, width: 60).split(separator: "\n").map(String.init)
        // (The floors, 28 columns of row labels and 30 of the wrapping column, leave it at 66.)
        #expect(cut.allSatisfy { $0.columns <= cut[1].columns } && cut[1].columns == 66 && cut[2].contains("…"), "\(cut)")
        #expect(cut.dropFirst(2).joined().filter { $0 == "京" }.count == 30, "\(cut)")
    }

    /// A comparison of long variant names cut its row labels to 12 characters ("Interest
    /// eu…"): the headers now go on two or three lines, broken after a hyphen, when the
    /// table would not fit; and a left-aligned last column wraps instead of being cut.
    @Test func longHeadersWrapAndTheLastColumnWrapsRatherThanCut() {
        var t = Table(columns: [.init("Figure", .left)] + ["status-quo-letter", "keep-havana-letter", "close-havana-letter",
                                                              "letter-arguments", "close-havana-letter-assumed-visa"].map { .init($0) })
        t.rows = [["Interest eu_dialogue (value kept)"] + Array(repeating: "171,126,773", count: 5)]
        let lines = TextRenderer.render(t).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Interest eu_dialogue (value kept)") }, "\(lines)")
        #expect(lines[0].hasSuffix("close-havana-") && lines[2].hasSuffix("assumed-visa"), "\(lines)")
        var narrow = t
        narrow.columns = Array(t.columns.prefix(2))
        narrow.rows = [["a", "1"]]
        #expect(TextRenderer.render(narrow).split(separator: "\n").first == "Figure  status-quo-letter", "one header line when it fits")

        var why = Table(columns: [.init("Country", .left), .init("Value"), .init("Why", .left)])
        let reason = "covered from PTY (25% of its value); HAV closed; 1,978 cases unserved and valued at 632,960 a year under the visa penalty"
        why.rows = [["CUB", "219,768", reason]]
        let text = TextRenderer.render(why, width: 60)
        let out = text.split(separator: "\n").map(String.init)
        #expect(out.allSatisfy { $0.count <= 60 } && !text.contains("…"), "\(out)")
        #expect(out.dropFirst(2).map { $0.dropFirst(18).trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == reason, "\(out)")
    }

    /// A hostile pass's cases: a word longer than the wrapping last column is broken, not
    /// cut; the last column keeps 30 characters while a wide middle column gives way; a
    /// header over narrow cells is broken when that makes the table fit, and no header is
    /// broken when the table fits with its last column wrapped; a table without columns and
    /// a header of thousands of characters render.
    @Test func renderingKeepsEveryCharacterOfAWrappingColumn() {
        var t = Table(columns: [.init("Post", .left), .init("Where", .left), .init("Why", .left)])
        let word = "embassy_betaland_" + String(repeating: "z", count: 60) + " open"
        t.rows = [["PA", String(repeating: "w", count: 70), word]]
        let lines = TextRenderer.render(t).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines)")
        let why = lines.dropFirst(2).map { String($0.dropFirst(lines[1].split(separator: " ").dropLast().map(\.count).reduce(0, +) + 4)) }
        #expect(why.joined().replacingOccurrences(of: " ", with: "") == word.replacingOccurrences(of: " ", with: ""), "\(lines)")
        #expect(lines[1].split(separator: " ").last!.count == 30, "the last column keeps its floor: \(lines[1])")

        var narrow = Table(columns: [.init("Post", .left), .init("Where", .left)] + ["Yearly cost", "From abroad", "Value carried", "Cases"].map { .init($0) })
        narrow.rows = [["RIO", String(repeating: "r", count: 61), "1", "0", "0", "0"]]
        let n = TextRenderer.render(narrow).split(separator: "\n").map(String.init)
        #expect(n.allSatisfy { $0.count <= 100 } && !n.joined().contains("…"), "\(n)")
        var fits = Table(columns: [.init("Country", .left), .init("Value"), .init("of full"), .init("Why", .left)])
        fits.rows = [["CUB", "219,768", "879,074", String(repeating: "because ", count: 20)]]
        #expect(TextRenderer.render(fits).split(separator: "\n")[0].hasSuffix("of full  Why"), "no header broken when the table fits")

        #expect(TextRenderer.render(Table(title: "t", columns: [])) == "t\n")
        let huge = (1...1_500).map { "v\($0)" }.joined(separator: "-")
        #expect(TextRenderer.headerLines(huge, 5) == [huge])
    }

    /// `validate --list` keeps to 100 columns with a long variant name (the description then
    /// starts on the next line) and a long comparison, with no trailing spaces.
    @Test func variantListingFitsOneHundredColumns() throws {
        let name = "close-havana-and-keep-every-other-embassy-with-assumed-visa-x"
        let f = try load("""
            dipnet: 1
            name: Listing
            criteria: {g: {weight: 1}}
            countries:
              - {id: A, lat: 0, lon: 0, demand: 10, scores: {g: 1}}
            posts:
              - {id: PA, country: A, status: existing, annual_cost: 1, capacity: 10}
            variants:
              \(name): {description: \(String(repeating: "a long description ", count: 12)), set: {posts.PA.force: closed}}
              short: {description: \(String(repeating: "another long description ", count: 8)), set: {posts.PA.force: open}}
            comparisons:
              c: {baseline: short, variants: [\(Array(repeating: name, count: 1).joined()), short, base]}
            """)
        let text = ValidationReport.listing(f)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 && !$0.hasSuffix(" ") }, "\(lines)")
        #expect(lines.contains("    " + name), "\(lines)")
        #expect(text.split(whereSeparator: { $0.isWhitespace }).filter { $0 == "long" }.count == 12 + 8, "no word lost")
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        var t = Table(columns: [.init("a"), .init("b")])
        t.rows = [["x,y", "say \"hi\""], ["plain", "line\nbreak"]]
        #expect(CSVRenderer.render(t) == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\nplain,\"line\nbreak\"\n")
    }

    @Test func jsonEscapesAndKeepsKeyOrder() {
        let v = JSONValue.object([("z", .number(1)), ("a", .string("q\"\n\u{1}")), ("n", .null), ("x", .number(0.1))])
        #expect(v.serialized(pretty: false) == "{\"z\":1.0,\"a\":\"q\\\"\\n\\u0001\",\"n\":null,\"x\":0.1}")
    }

    @Test func moneyHasThousandsSeparators() {
        #expect(Fmt.money(1234567.4) == "1,234,567")
        #expect(Fmt.money(-999.5) == "-1,000")
        #expect(Fmt.money(0.2) == "0")
        #expect(Fmt.money(-0.2) == "0")
        #expect(Fmt.grouped(1234.567, decimals: 2) == "1,234.57")
    }

    /// A progress line's time left: the mean pace so far times the items left, in seconds
    /// below 90 s, minutes below 90 min, hours beyond; nothing too early or when done.
    @Test func timeLeftIsTheMeanPaceTimesWhatIsLeft() {
        #expect(Fmt.timeLeft(done: 37, total: 494, elapsed: 14) == "3 min")      // 14/37 × 457 = 173 s
        #expect(Fmt.timeLeft(done: 10, total: 20, elapsed: 30) == "30 s")
        #expect(Fmt.timeLeft(done: 100, total: 2_000, elapsed: 600) == "3.2 h")  // 6 s × 1,900
        #expect(Fmt.timeLeft(done: 2, total: 494, elapsed: 14) == nil)
        #expect(Fmt.timeLeft(done: 37, total: 494, elapsed: 4) == nil)
        #expect(Fmt.timeLeft(done: 494, total: 494, elapsed: 140) == nil)
    }
}
