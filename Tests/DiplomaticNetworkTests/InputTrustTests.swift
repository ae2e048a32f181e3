import Foundation
import Testing
@_spi(Testing) import GLPKSolver
import LinearProgramming
@testable import DiplomaticNetwork

/// What validation accepts must solve and export; diagnostics point at the node
/// their key path names; spreadsheet CSV is read or explained.
@Suite("Input that validates also solves") struct InputTrustTests {
    // MARK: Names and ids that GLPK or an export format would refuse

    @Test(arguments: [
        "name: >\n  Belgium 2026,\n  folded over two lines\n",
        "name: |\n  Belgium 2026\n  literal, two lines\n",
        "name: \(String(repeating: "Belgium network review ", count: 12))\n",
    ])
    func anyScenarioNameSolvesAndIsKeptAsWritten(nameLines: String) throws {
        let yaml = miniYAML.replacingOccurrences(of: "name: Mini\n", with: nameLines)
        let file = try load(yaml)
        let plan = try Planner(parallelism: 1).solve(file.base)
        #expect(plan.status == "optimal")
        #expect(plan.scenario == file.base.name)
        #expect(file.base.name.count > 20)
        let text = try GLPKSolver().text(of: NetworkFormulation(file.base).model, as: .cplexLP)
        #expect(text.contains("Maximize"))
    }

    @Test func idsThatCollideInAFormatOrExceedGLPKsLimitStillSolveAndExport() throws {
        let long = String(repeating: "LONGPOST", count: 40)  // 320 bytes: every derived name passes 255
        let yaml = miniYAML + """
              - {id: VIE-OSCE, country: A, status: existing, annual_cost: 1000, capacity: 20}
              - {id: VIE_OSCE, country: A, status: existing, annual_cost: 1200, capacity: 20}
              - {id: \(long)1, country: B, status: candidate, annual_cost: 500, capacity: 40}
              - {id: \(long)2, country: B, status: candidate, annual_cost: 600, capacity: 40}

            """
        let file = try load(yaml)
        let f = NetworkFormulation(file.base)
        let direct = try GLPKSolver().solve(f.model)
        #expect(direct.termination == .optimal)
        let s = try Scratch()
        defer { s.remove() }
        for format in ModelFileFormat.allCases {
            let path = s.dir.appendingPathComponent("m.\(format.rawValue)").path
            try GLPKSolver().write(f.model, as: format, to: path)
            let back: Double = try GLPKSolver.solveFile(path, format: format)
            let optimum: Double = direct.objective!
            // MPS holds the negated objective of a maximisation.
            let read: Double = format == .freeMPS ? -back : back
            #expect(abs(read - optimum) <= 1e-6 * Swift.max(1.0, abs(optimum)))
        }
        let lp = try GLPKSolver().text(of: f.model, as: .cplexLP)
        #expect(lp.contains("open(VIE_OSCE)~2 = open[VIE_OSCE]"), "the header says which model name each renamed one is")
        // and which one kept the plain name (a reader took open(VIE_OSCE) for VIE_OSCE's).
        #expect(lp.contains("open(VIE_OSCE) = open[VIE-OSCE]"), "the first comer under a contested name is listed too")
    }

    @Test func idsWithControlCharactersOrAStarAreLocatedErrors() throws {
        let ds = try diagnostics(of: miniYAML + "  - {id: \"P\\u0001Q\", country: A, status: existing}\n  - {id: \"*\", country: A, status: existing}\n")
        let bad = ds.filter { $0.path.hasSuffix(".id") && $0.message.contains("control characters") }
        #expect(bad.count == 2, "\(ds)")
        #expect(bad.allSatisfy { $0.location.line >= 13 })
        #expect(ds.contains { $0.message.contains("\\u{1}") })
    }

    /// An id with "=" reads, and is warned of once, at its first mention: a command-line
    /// path ends at its first "=", so `--set` could not name it (a variant's `set:` can).
    @Test func anIdWithAnEqualsSignIsWarnedOfOnce() throws {
        let yaml = miniYAML.replacingOccurrences(of: "{id: PA,", with: "{id: P=A,") + "variants:\n  dear: {set: {posts.P=A.annual_cost: 9000}}\n"
        #expect(yaml.contains("P=A"))
        let f = try load(yaml)
        let said = f.warnings.filter { $0.message.contains("contains \"=\"") }
        #expect(said.count == 1 && said[0].path.hasSuffix(".id") && said[0].message.contains("P=A"), "\(f.warnings)")
        #expect(try f.scenario("dear").post("P=A")?.annualCost == 9000)
    }

    // MARK: Locations

    @Test func extendsProblemsPointAtTheExtendsValue() throws {
        let yaml = miniYAML + "variants:\n  a:\n    description: first\n    extends: b\n  b:\n    extends: a\n  c:\n    description: x\n    extends: nowhere\n"
        let ds = try diagnostics(of: yaml)
        let base = miniYAML.split(separator: "\n", omittingEmptySubsequences: false).count
        let cycleA = try #require(ds.first { $0.path == "variants.a.extends" })
        #expect(cycleA.location.line == base + 3 && cycleA.location.column == 14, "\(cycleA)")
        let cycleB = try #require(ds.first { $0.path == "variants.b.extends" })
        #expect(cycleB.location.line == base + 5 && cycleB.location.column == 14, "\(cycleB)")
        let missing = try #require(ds.first { $0.path == "variants.c.extends" })
        #expect(missing.location.line == base + 8 && missing.message.contains("no variant \"nowhere\""), "\(missing)")
    }

    @Test(arguments: [
        ("dipnet: 1\nname: \"never closed\ncountries: []\n", 2, 7, "quoted text"),
        ("dipnet: 1\ncountries: [ {id: A},\n  {id: B}\nposts: []\n", 2, 12, "list `[`"),
        ("dipnet: 1\ncountries:\n  - {id: A, demand: 3\n  - {id: B}\n", 3, 5, "mapping `{`"),
    ] as [(String, Int, Int, String)])
    func unclosedYAMLIsReportedWhereItOpensAndWhereTheParserGaveUp(text: String, line: Int, column: Int, what: String) throws {
        let ds = try diagnostics(of: text)
        #expect(ds.count == 1)
        let d = try #require(ds.first)
        #expect(d.location.line == line && d.location.column == column, "\(d)")
        #expect(d.message.contains(what) && d.message.contains("never closed") && d.message.contains("gave up at line"), "\(d)")
    }

    // MARK: Spreadsheet CSV

    static let csvYAML = """
        dipnet: 1
        criteria: {geo: {weight: 1000}}
        presence: {accredited: 0.5}
        costs: {case_cost: 10, unserved_case_penalty: 100}
        countries: {csv: c.csv}
        posts: {csv: p.csv}

        """
    static let countries = "id,lat,lon,demand,score_geo\nA,0,0,100,10\nB,0,1,50.5,4\n"
    static let posts = "id,country,status,annual_cost,close_cost,capacity,covers\nPA,A,existing,6000,4000,200,B\nPB,B,existing,7000,,80,\n"

    @Test func semicolonFilesAreExplainedOnceOrReadWhenDeclared() throws {
        let semicolon = { (csv: String) in csv.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "50.5", with: "50,5") }
        // Undeclared: one clear error for the table, none for the references into it.
        let ds = try diagnostics(of: Self.csvYAML, files: ["c.csv": semicolon(Self.countries), "p.csv": Self.posts])
        #expect(ds.count == 1, "\(ds)")
        #expect(ds[0].message.contains("looks like a semicolon-separated file") && ds[0].message.contains("separator: \";\", decimal: \",\""))
        #expect(ds[0].location.file.hasSuffix("c.csv") && ds[0].location.line == 1)
        // Declared, with Excel's habits: BOM, CRLF, decimal commas, thousands points, padding.
        let excelPosts = "\u{FEFF}" + Self.posts.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "6000", with: "6.000").replacingOccurrences(of: "\n", with: ";;\r\n") + ";;;;;;;;\r\n"
        let declared = Self.csvYAML
            .replacingOccurrences(of: "{csv: c.csv}", with: "{csv: c.csv, separator: \";\", decimal: \",\"}")
            .replacingOccurrences(of: "{csv: p.csv}", with: "{csv: p.csv, separator: \";\", decimal: \",\"}")
        let excel = try load(declared, files: ["c.csv": semicolon(Self.countries), "p.csv": excelPosts])
        let plain = try load(Self.csvYAML, files: ["c.csv": Self.countries, "p.csv": Self.posts])
        #expect(excel.base.countries == plain.base.countries)
        #expect(excel.base.posts == plain.base.posts)
        #expect(excel.base.countries[1].demand == 50.5)
        #expect(excel.warnings.isEmpty)
        // With decimal ",", 1.500 is 1500: a point that does not group thousands (1.5,
        // 12.34, 1.00) is an error, not one and a half beside it (hostile review).
        for odd in ["6.0", "6.00", "6.0000", "60.00"] {
            let ds = try diagnostics(of: declared, files: ["c.csv": semicolon(Self.countries), "p.csv": excelPosts.replacingOccurrences(of: "6.000", with: odd)])
            #expect(ds.contains { $0.severity == .error && $0.path == "posts[0].annual_cost" && $0.message.contains("not a number with decimal") }, "\(odd): \(ds)")
        }
    }

    @Test func emptyRowsAndTrailingUnnamedColumnsAreSkipped() throws {
        let padded = Self.countries.replacingOccurrences(of: "\n", with: ",,\n") + ",,,,,,\n   ,,,,,,\n"
        let f = try load(Self.csvYAML, files: ["c.csv": padded, "p.csv": Self.posts])
        #expect(f.base.countries.count == 2)
        // A blank column in the middle is still an error: it is not padding.
        let ds = try diagnostics(of: Self.csvYAML, files: ["c.csv": "id,,lat,lon\nA,,0,0\n", "p.csv": Self.posts])
        #expect(ds.contains { $0.message.contains("a column without a name") && $0.location.column == 4 }, "\(ds)")
    }

    /// The bundled scenarios load without a warning: a new warning that fires on them is a
    /// false alarm or a slip in our own data (the thousands-point warning first fired on the
    /// Belgian file's relative factors, 1.667, and the tutorial's costs: defaults were unused).
    @Test func theBundledScenariosLoadWithoutWarnings() throws {
        for name in ["belgium-2026/scenario.yaml", "tutorial/caribbean.yaml", "tutorial/caribbean-services.yaml"] {
            let f = try ScenarioFile.load(CLIPaths.repo.appendingPathComponent("scenarios/" + name).path)
            #expect(f.warnings.isEmpty, "\(name): \(f.warnings)")
        }
        let benelux = try CoalitionFile.load(CLIPaths.repo.appendingPathComponent("scenarios/benelux-2026/scenario.yaml").path)
        #expect(benelux.warnings.isEmpty, "\(benelux.warnings)")
    }

    @Test func amountsThatLookLikeThousandsGetALocatedWarning() throws {
        let posts = Self.posts.replacingOccurrences(of: "6000,4000", with: "6.000,4.000")
        let f = try load(Self.csvYAML, files: ["c.csv": Self.countries, "p.csv": posts])
        #expect(f.base.posts[0].annualCost == 6)      // legal: it reads as six
        #expect(f.warnings.count == 2, "\(f.warnings)")
        let w = try #require(f.warnings.first)
        #expect(w.severity == .warning && w.location.file.hasSuffix("p.csv") && w.location.line == 2 && w.location.column == 15)
        #expect(w.path == "posts[0].annual_cost" && w.message.contains("6.000 reads as 6") && w.message.contains("6000"))
        #expect(w.description.contains(": warning: "))
        // The same slip in the YAML file (a new author's close_cost: 400.000 read as 400, silently),
        // in a post, a variant and the uncertainty section; a share or a quoted text is no amount.
        let text = miniYAML.replacingOccurrences(of: "close_cost: 4000", with: "close_cost: 400.000")
            .replacingOccurrences(of: "accredited: 0.5", with: "accredited: 0.500")
            // quoted, a YAML value reads the same (a hostile pass's "400.000" passed without a word)
            .replacingOccurrences(of: "annual_cost: 7000, capacity: 80", with: "annual_cost: 7000, close_cost: \"2.500\", capacity: 80")
            + "variants:\n  dear: {set: {posts.PB.annual_cost: 9.500}}\n  twice: {scale: {posts.PB.annual_cost: 2.000}}\nuncertainty:\n  parameters:\n"
            + "    posts.PA.annual_cost: {distribution: uniform, min: 5.000, max: 7000}\n"
            // factors, not amounts: a scale and a relative draw (the Belgian file's 1.667 was warned of)
            + "    countries.A.demand: {distribution: uniform, min: 0.500, max: 1.667, relative: true}\n"
            + "    countries.B.demand: {distribution: uniform, min: 0.500, max: 1.250, relative: yes}\n"
        let yaml = try load(text)
        let dearLine = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("dear:") }) + 1
        #expect(yaml.base.posts[0].closeCost == 400)
        let paths = yaml.warnings.filter { $0.message.contains("(a thousands separator), write it without the point") }.map(\.path)
        #expect(paths.sorted() == ["posts[0].close_cost", "posts[1].close_cost", "uncertainty.parameters.posts.PA.annual_cost.min",
                                   "variants.dear.set.posts.PB.annual_cost"], "\(yaml.warnings)")
        let located = try #require(yaml.warnings.first { $0.path == "posts[0].close_cost" })
        #expect(located.location.line == 12 && located.variant == nil && located.message.hasPrefix("400.000 reads as 400; if it means 400000"), "\(located)")
        let dear = try #require(yaml.warnings.first { $0.path == "variants.dear.set.posts.PB.annual_cost" })
        #expect(dear.variant == "dear" && dear.location.line == dearLine, "\(dear.variant ?? "-") \(dear.location)")
        // An interest's shares are no amounts either (its value is).
        #expect(!Reading.holdsAmount("interests.eu_dialogue.accredited") && !Reading.holdsAmount("variants.v.set.interests.x.represented")
                && Reading.holdsAmount("countries[0].interests.eu_dialogue"))
        // In a CSV table: an interest's value and a reach, as in YAML.
        let csvAmounts = try load("dipnet: 2\ncriteria: {g: {weight: 1}}\ninterests: {x: {}}\ncountries: {csv: c.csv}\nposts: {csv: p.csv}\n",
                                  files: ["c.csv": "id,lat,lon,demand,score_g,interest_x\nA,0,0,1,1,250.000\n",
                                          "p.csv": "id,country,status,annual_cost,capacity,reach_km\nP,A,existing,5,5,1.500\n"])
        #expect(csvAmounts.warnings.map(\.path).sorted() == ["countries[0].interests.x", "posts[0].reach_km"], "\(csvAmounts.warnings)")
        // A split hidden by a row one cell short: its `000` is said (it validated, cost 4, close cost 0).
        let short = try load("dipnet: 1\ncriteria: {g: {weight: 1}}\ncountries: [{id: A, lat: 0, lon: 0}]\nposts: {csv: p.csv}\n",
                             files: ["p.csv": "id,country,status,annual_cost,close_cost,capacity,reach_km\nP,A,existing,4,000,600000,1500\n"])
        #expect(short.warnings.map(\.path) == ["posts[0].close_cost"] && short.warnings[0].message.hasPrefix("000 reads as 0: the end of a number split"),
                "\(short.warnings)")
        // `[1,1, 0,9]`: two separators, so decimal commas that made four values of two; `[1,2,3]` is a list.
        let mixed = try load(miniYAML + "uncertainty:\n  parameters:\n    countries.A.demand: {distribution: discrete, values: [1,1, 0,9], relative: true}\n"
                             + "    countries.B.demand: {distribution: discrete, values: [40,50,60]}\n")
        #expect(mixed.warnings.map(\.message) == ["1,1 reads as two numbers, 1 and 1, while other items are separated by \", \": if it is one number, a decimal comma: write 1.1"],
                "\(mixed.warnings)")
        // Scores and coordinates are not amounts; 0.500 is not a thousands pattern.
        #expect(CSVTables.looksLikeThousands("2.500") && CSVTables.looksLikeThousands("1.250.000"))
        #expect(!CSVTables.looksLikeThousands("0.500") && !CSVTables.looksLikeThousands("2.5") && !CSVTables.looksLikeThousands("12.3456"))
        #expect(CSVTables.commaDecimal("1.234,5") == "1234.5" && CSVTables.commaDecimal("-30,25") == "-30.25")
        #expect(CSVTables.commaDecimal("12.34") == nil && CSVTables.commaDecimal("abc") == nil)
    }

    @Test func badDialectsAreLocated() throws {
        let yaml = Self.csvYAML.replacingOccurrences(of: "{csv: c.csv}", with: "{csv: c.csv, separator: \"|\", decimal: \",\"}")
        let ds = try diagnostics(of: yaml, files: ["c.csv": Self.countries, "p.csv": Self.posts])
        #expect(ds.contains { $0.path == "countries.separator" && $0.message.contains("\"\\t\"") }, "\(ds)")
        let yaml2 = Self.csvYAML.replacingOccurrences(of: "{csv: c.csv}", with: "{csv: c.csv, decimal: \",\"}")
        let ds2 = try diagnostics(of: yaml2, files: ["c.csv": Self.countries, "p.csv": Self.posts])
        #expect(ds2.contains { $0.path == "countries.decimal" && $0.message.contains("needs another separator") }, "\(ds2)")
    }
}
