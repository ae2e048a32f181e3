import Foundation
import Testing
@testable import DiplomaticNetwork
@testable import Reports

/// `--set PATH=VALUE`, `a+b` variant combinations, and the tables analysts'
/// tools read (tidy CSV, Excel CSV, xlsx, data packages). The readers
/// themselves (openpyxl, frictionless) are run by tools/check_formats.py.
@Suite("Command-line changes and analysts' formats") struct AnalystFormatsTests {
    static let tiny = Fixtures.path("tiny/tiny.yaml")

    /// A line break in a cell (a city written over two lines in a CSV table) keeps a
    /// Markdown row on one line, and an input's words stay on one line.
    @Test func aLineBreakInACellKeepsTheMarkdownRow() {
        var t = Table(title: "t", columns: [.init("Post", .left), .init("What", .left)])
        t.rows = [["P|1", "Alpha,\nNorth\r\nEast"]]
        let md = MarkdownRenderer.render(t)
        #expect(md.contains("| P\\|1 | Alpha, North East |"), "\(md)")
    }

    /// A cell's or a note's words are text: two wildcards in a `What` cell
    /// (`posts.*.annual_cost … posts.*.close_cost`) set what lies between them in italics,
    /// `<b>` is read as HTML, a backtick opens a code span and `_it_` is italics, so each
    /// gets a backslash; an underscore inside a word (`close_cost`) is text already and
    /// stays as written.
    @Test func markdownMarksInCellsAndNotesAreEscaped() {
        var t = Table(title: "t", columns: [.init("Input", .left), .init("What", .left)])
        t.rows = [["posts.*.close_cost", "every post's *close* cost <b> `x` C:\\tmp _it_ [a](b)"]]
        t.notes = ["* posts.*.annual_cost and posts.*.close_cost <i>"]
        let md = MarkdownRenderer.render(t)
        #expect(md.contains("| posts.\\*.close_cost | every post's \\*close\\* cost \\<b> \\`x\\` C:\\\\tmp \\_it\\_ \\[a\\](b) |"), "\(md)")
        #expect(md.contains("\n\\* posts.\\*.annual_cost and posts.\\*.close_cost \\<i>\n"), "\(md)")
    }

    // MARK: --set

    /// Margins in text: past twelve inputs that cannot flip an answer, they are named in
    /// a note under the flips instead of a row each (an analyst's Bamako margins ran to
    /// 244 lines, most of them the Cuban inputs of the uncertainty section); twelve or
    /// fewer stay rows with their searched range; the other formats keep every row.
    @Test func manyInputsWithoutAFlipAreNamedInANote() throws {
        let f = try ScenarioFile.load(CLIPaths.repo.appendingPathComponent("scenarios/tutorial/caribbean.yaml").path)
        let request = try ComparisonRequest(file: f, variants: ["close-havana"], baseline: "keep-havana")
        var m = try Margins.run(f, request, planner: Planner(parallelism: 1), only: ["posts.HAV.annual_cost", "costs.remote_case_cost_per_1000km"])
        let still = try #require(m.rows.first { $0.flipsAt == nil }, "\(m.rows)")
        let few = AnalysisReport.renderMargins(m, as: .table)
        #expect(few.contains("no flip in ") && !few.contains("more inputs:"))
        let flip = try #require(m.rows.first { $0.flipsAt != nil })
        // Ten proved flip-free, three only not found: named apart (one sentence for all
        // read as proof of the three).
        m.rows = [flip] + (1...13).map { k in
            var r = still
            r.input = "input.\(k)"
            if k > 10 { r.unsettled = r.searched }
            return r
        }
        let many = AnalysisReport.renderMargins(m, as: .table)
        let joined = many.replacingOccurrences(of: "\n", with: " ")
        #expect(!many.contains("no flip in ") && joined.contains("bounded between the values solved), 10 more inputs: input.1 (")
                && joined.contains("(a flip between them not ruled out), 3 more inputs: input.11 ("), "\(many)")
        // The names' note is wrapped (the notes of open stretches, one line each, are not).
        #expect(many.contains(flip.input) && many.split(separator: "\n")
            .filter { $0.contains("input.") && !$0.hasPrefix("Not ruled out") && !$0.hasPrefix("Known only") }.allSatisfy { $0.count <= 100 })
        let markdown = AnalysisReport.renderMargins(m, as: .markdown)
        #expect(markdown.components(separatedBy: "no flip in ").count == 11 && markdown.components(separatedBy: "none found in ").count == 4)
    }

    /// `validate --list`: each variant on one line with what it extends and its
    /// description (line breaks and runs of blanks as one blank, control characters such
    /// as a terminal's escape as `?`, no trailing separator), names that --variants cannot
    /// take said so, and the comparisons; coalition variants with their descriptions.
    @Test func validateListShowsEachVariantOnOneLine() throws {
        let f = try load("""
            dipnet: 1
            costs: {case_cost: 10, unserved_case_penalty: 100}
            countries:
              - {id: A, lat: 0, lon: 0, demand: 10}
            posts:
              - {id: P, country: A, status: existing, annual_cost: 100, capacity: 50}
            variants:
              multi:
                description: "Line one\nline   two\\u001b[31m"
                set: {posts.P.force: open}
              chain: {extends: multi}
              "a,b": {set: {posts.P.force: closed}}
            comparisons:
              c: {baseline: multi, variants: [chain]}
            """)
        let text = ValidationReport.listing(f)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("    multi ") && $0.hasSuffix("  Line one line two?[31m") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("    chain ") && $0.hasSuffix("  extends multi") } && lines.contains("    a,b"), "\(text)")
        #expect(text.contains("cannot be given to --variants or composed with +: a,b") && lines.contains("    c  multi against chain"))
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") || $0.hasSuffix(";") })
        let c = try CoalitionFile.load(CLIPaths.repo.appendingPathComponent("scenarios/benelux-2026/scenario.yaml").path)
        let list = ValidationReport.listing(c)
        #expect(list.hasPrefix("  states: BEL, NLD, LUX\n") && list.contains("    directive-only      Only what binds every EU state"), "\(list)")
    }

    @Test func changesApplyToEveryVariantAfterItsOwn() throws {
        let f = try ScenarioFile.load(Self.tiny, set: ["posts.PA.annual_cost=99999", "rules.budget=16000"])
        for name in ["base", "status-quo", "tight", "close-pa", "scaled"] {
            let s = try f.scenario(name)
            #expect(s.post("PA")?.annualCost == 99999, "\(name)")
            #expect(s.changes == ["posts.PA.annual_cost=99999", "rules.budget=16000"])
        }
        // `tight` sets the budget to 15100 itself; the command line comes after it.
        #expect(try f.scenario("tight").rules.budget == 16000)
        #expect(try ScenarioFile.load(Self.tiny).scenario("tight").rules.budget == 15100)
    }

    @Test func changesAreYAMLValues() throws {
        let f = try ScenarioFile.load(Self.tiny, set: ["rules.budget=null", "posts.PA.force=closed", "rules.min_resident=[]"])
        let s = try f.scenario("tight")
        #expect(s.rules.budget == nil)
        #expect(s.post("PA")?.force == .closed)
        #expect(s.rules.minResident.isEmpty)
    }

    @Test func aChangedSolveEqualsAVariantWithTheSameChange() throws {
        let viaSet = try Planner(parallelism: 1).solve(try ScenarioFile.load(Self.tiny, set: ["posts.PA.force=closed"]).scenario("base"))
        let declared = try Planner(parallelism: 1).solve(try ScenarioFile.load(Self.tiny).scenario("close-pa"))
        #expect(viaSet.netBenefit == declared.netBenefit)
        #expect(viaSet.netBenefit == 480)
        #expect(viaSet.changes == ["posts.PA.force=closed"])
    }

    @Test func badChangesAreLocatedAndAllReported() throws {
        do {
            _ = try ScenarioFile.load(Self.tiny, set: ["posts.NOPE.annual_cost=1", "no equals sign", "rules.budget=", "rules.budget=-5"])
            Issue.record("expected errors")
        } catch {
            let d = error.diagnostics
            #expect(d.contains { $0.location.file == "--set 1 (posts.NOPE.annual_cost=1)" && $0.message.contains("no post with id \"NOPE\"") }, "\(d)")
            #expect(d.contains { $0.location.file == "--set 2" && $0.message.contains("expected PATH=VALUE") }, "\(d)")
            #expect(d.contains { $0.location.file == "--set 3 (rules.budget=)" && $0.message.contains("expected a value") }, "\(d)")
            // The value of a change that applied is checked although another names nothing.
            #expect(d.contains { $0.location.file == "--set 4 (rules.budget=-5)" && $0.message.contains("found -5") }, "\(d)")
        }
        // A value the decoder rejects is reported with the change's path.
        do {
            _ = try ScenarioFile.load(Self.tiny, set: ["rules.budget=-5"])
            Issue.record("expected an error for a negative budget")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("-5") }, "\(error.diagnostics)")
        }
    }

    /// A bad `--set` and a mistyped variant are reported together: the variant used
    /// to be checked only after the file had loaded.
    @Test func unknownRequestedVariantsComeWithTheOtherProblems() throws {
        do {
            _ = try ScenarioFile.load(Self.tiny, set: ["rules.budget=-5"], variants: ["tigth+close-pa", "base"])
            Issue.record("expected errors")
        } catch {
            let d = error.diagnostics
            #expect(d.contains { $0.message.contains("found -5") }, "\(d)")
            #expect(d.contains { $0.path == "variants" && $0.message.hasPrefix("no variant \"tigth\" (did you mean \"tight\"?)") }, "\(d)")
            // located at the file's `variants:`, where the names it could have meant stand
            #expect(d.contains { $0.path == "variants" && $0.location.line == 40 && $0.location.column == 1 }, "\(d)")
            #expect(d.count == 2, "\(d)")
        }
        // So is a mistyped comparison.
        do {
            _ = try ScenarioFile.load(Self.tiny, set: ["rules.budget=-5"], comparison: "nope")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.contains { $0.path == "comparisons" && $0.message.hasPrefix("no comparison \"nope\"") }, "\(error.diagnostics)")
            #expect(error.diagnostics.count == 2, "\(error.diagnostics)")
        }
        // A comparison's name given as a variant, and the reverse, say what it is.
        let tutorial = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/tutorial/caribbean.yaml").path
        do {
            _ = try ScenarioFile.load(tutorial, variants: ["havana"], comparison: "keep-havana")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("havana is a comparison: dipnet compare") }, "\(error.diagnostics)")
            #expect(error.diagnostics.contains { $0.message.contains("keep-havana is a variant: compare it with --variants keep-havana") }, "\(error.diagnostics)")
        }
        // Known names (and combinations of them) add nothing.
        #expect(try ScenarioFile.load(Self.tiny, variants: ["tight+close-pa", "status-quo"]).variantNames.contains("tight"))
    }

    // MARK: a+b

    @Test func combinationAppliesBothInOrder() throws {
        let f = try ScenarioFile.load(Self.tiny)
        let both = try f.scenario("tight+close-pa")
        #expect(both.variant == "tight+close-pa")
        #expect(both.rules.budget == 15100)
        #expect(both.post("PA")?.force == .closed)
        // sq-tight extends tight (evaluate); scaled extends no-quota; the shared
        // parents are applied once, the mode comes from the chain.
        let evaluate = try f.scenario("sq-tight+close-pa")
        #expect(evaluate.mode == .evaluate)
        let scaled = try f.scenario("no-quota+scaled")
        #expect(scaled.costs.unservedCasePenalty == 2 * (try f.scenario("no-quota")).costs.unservedCasePenalty)
        // The solve equals the declared equivalent: no-quota then close-pa.
        let p = try Planner(parallelism: 1).solve(try f.scenario("no-quota+close-pa"))
        let q = try Planner(parallelism: 1).solve(try ScenarioFile.load(Self.tiny, set: ["posts.PA.force=closed"]).scenario("no-quota"))
        #expect(p.netBenefit == q.netBenefit)
    }

    @Test func combinationWithAnUnknownPartNamesIt() throws {
        let f = try ScenarioFile.load(Self.tiny)
        do {
            _ = try f.scenario("tight+tigth")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("no variant \"tigth\""))
            #expect(error.description.contains("tight"))
        }
    }

    @Test func declaredVariantNamesCannotHoldPlus() throws {
        let ds = try diagnostics(of: """
            dipnet: 1
            criteria: {geo: {weight: 1}}
            countries: [{id: A, lat: 0, lon: 0, demand: 1, scores: {geo: 1}}]
            posts: [{id: P, country: A, status: existing, annual_cost: 1, capacity: 5}]
            variants:
              a+b: {set: {posts.P.annual_cost: 2}}
            """)
        #expect(ds.contains { $0.message.contains("cannot contain \"+\"") && $0.location.line == 6 }, "\(ds)")
    }

    @Test func runsRecordTheirChangesAndRefuseToResumeOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dipnet-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = dir.appendingPathComponent("r.jsonl").path
        let sweep = RunDescription.Analysis.sweep(variant: "tight", parameters: ["rules.budget=15000..20000:3"])
        let first = try Runs.execute(RunDescription(scenario: Self.tiny, changes: ["posts.PA.annual_cost=4000"], analysis: sweep, records: records),
                                     planner: Planner(parallelism: 1))
        guard case .sweep(let header, _) = first.summary else { Issue.record("not a sweep"); return }
        #expect(header.set == ["posts.PA.annual_cost=4000"])
        #expect(throws: RunError.self) {
            _ = try Runs.execute(RunDescription(scenario: Self.tiny, changes: ["posts.PA.annual_cost=5000"], analysis: sweep, records: records, resume: true),
                                 planner: Planner(parallelism: 1))
        }
        // The same changes resume (nothing left to solve).
        let again = try Runs.execute(RunDescription(scenario: Self.tiny, changes: ["posts.PA.annual_cost=4000"], analysis: sweep, records: records, resume: true),
                                     planner: Planner(parallelism: 1))
        #expect(again.jobsToSolve == 0)
        // A description round-trips through JSON with its changes.
        let d = RunDescription(scenario: "s.yaml", changes: ["a.b=1"], analysis: sweep)
        #expect(try JSONDecoder().decode(RunDescription.self, from: JSONEncoder().encode(d)) == d)
    }

    // MARK: Tables as data

    func tinyComparison() throws -> Comparison {
        let f = try ScenarioFile.load(Self.tiny)
        let plans = try ["status-quo", "base", "tight", "no-quota"].map { try Planner(parallelism: 1).solve(try f.scenario($0)) }
        return Comparison(name: "tiny", scenario: plans[0].scenario, currency: "EUR", baseline: plans[0], variants: Array(plans.dropFirst()))
    }

    /// A comparison's JSON names the rules each plan breaks, beside their count: the
    /// requires fixture's `as-decided` (evaluate mode, D open without E) breaks `requires[D]`.
    @Test func aComparisonNamesTheRulesEachPlanBreaks() throws {
        let f = try ScenarioFile.load(Fixtures.path("requires/requires.yaml"))
        let plans = try ["base", "as-decided"].map { try Planner(parallelism: 1).solve(try f.scenario($0)) }
        let c = Comparison(name: "requires", scenario: plans[0].scenario, currency: "", baseline: plans[0], variants: [plans[1]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonReport.render(c, as: .json).utf8)) as? [String: Any])
        let variants = try #require(json["variants"] as? [[String: Any]])
        #expect((variants[0]["rules_broken"] as? [Any])?.isEmpty == true)
        let broken = try #require(variants[1]["rules_broken"] as? [[String: String]])
        #expect(broken == [["rule": "requires[D]", "message": "D is open without E, which it requires"]], "\(broken)")
        #expect(variants[1]["rules_violated"] as? Double == 1)
        // Without a plan, null as the count is (an empty list read "breaks nothing").
        let broke = try ScenarioFile.load(Fixtures.path("requires/requires.yaml"), set: ["rules.budget=1", "posts.E.force=open"])
        var none = try Planner(parallelism: 1).solve(try broke.scenario("base"))
        none.variant = "broke"
        let withNone = Comparison(name: "requires", scenario: plans[0].scenario, currency: "", baseline: plans[0], variants: [none])
        let noneJSON = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonReport.render(withNone, as: .json).utf8)) as? [String: Any])
        let noneVariant = try #require((noneJSON["variants"] as? [[String: Any]])?.last)
        #expect(!none.hasSolution, "\(none.status)")
        #expect(noneVariant["rules_broken"] is NSNull && noneVariant["rules_violated"] is NSNull, "\(noneVariant)")
    }

    /// What every variant changes alike is in no row of "Decisions that differ": an analyst
    /// read a "keep Havana" that closed two other posts as today's network. A note names
    /// them; a variant without a plan neither differs nor blocks the note.
    @Test func decisionsEveryVariantTakesAlikeAreNamed() throws {
        let f = try ScenarioFile.load(Self.tiny)
        var impossible = try f.scenario("tight")
        impossible.variant = "impossible"
        impossible.rules.budget = 10
        let plans = try [f.scenario("tight"), f.scenario("close-pa"), impossible].map { try Planner(parallelism: 1).solve($0) }
        #expect(!plans[2].hasSolution)
        let c = Comparison(name: "t", scenario: plans[0].scenario, currency: "EUR", baseline: plans[0], variants: Array(plans.dropFirst()))
        #expect(c.differingDecisions.isEmpty && c.differingPresence.isEmpty, "\(c.differingDecisions)")
        let t = ComparisonReport.decisions(c)
        #expect(t.notes == ["Every variant with a plan takes the same decisions.",
                            "Changed alike in every variant with a plan, so in no row: closed PA; opened PA2 (against the network as it stands)."], "\(t.notes)")
    }

    @Test func comparisonTablesAreTidy() throws {
        let c = try tinyComparison()
        let tables = TidyTables.comparison(c)
        #expect(tables.map(\.name) == ["figures", "decisions", "presence", "side_by_side"])
        let figures = tables[0]
        // side by side: the same values, one column per variant, then each difference to the baseline
        let wide = tables[3]
        let variants = c.plans.map(\.variant)
        let snake = variants.map(DataTable.snakeCase)
        #expect(wide.fields.map(\.name) == ["figure", "label"] + snake + snake.dropFirst().map { "\($0)_minus_\(snake[0])" }
                + snake.dropFirst().map { "\($0)_effect_against_\(snake[0])" } + ["unit", "money"])
        #expect(wide.fields.allSatisfy { $0.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } })
        #expect(wide.rows.count == c.metrics.count)
        for (row, m) in zip(wide.rows, c.metrics) {
            for (k, p) in c.plans.enumerated() {
                if case .number(let v) = row[2 + k] { #expect(abs(v - (m.get(p) ?? .nan)) < 1e-9, "\(m.key) \(p.variant)") }
            }
            if case .number(let d) = row[2 + c.plans.count], let a = m.get(c.plans[1]), let b = m.get(c.baseline) { #expect(abs(d - (a - b)) < 1e-6, "\(m.key)") }
            // the effect: the difference with one sign (a cost that falls is +), empty without a better side
            let effect = row[2 + c.plans.count + (c.plans.count - 1)]
            switch (m.better, effect) {
            case (.none, .empty): break
            case (.higher, .number(let e)): #expect(abs(e - (m.get(c.plans[1])! - m.get(c.baseline)!)) < 1e-6, "\(m.key)")
            case (.lower, .number(let e)): #expect(abs(e - (m.get(c.baseline)! - m.get(c.plans[1])!)) < 1e-6, "\(m.key)")
            default: Issue.record("\(m.key): effect \(effect) for a figure whose better side is \(m.better)")
            }
        }
        #expect(figures.rows.count == c.metrics.count * c.plans.count)
        // value − baseline's value = delta, for every figure and variant
        for row in figures.rows {
            guard case .text(let key) = row[0], case .text(let variant) = row[1], case .number(let v) = row[4], case .number(let d) = row[5] else {
                Issue.record("row \(row)"); continue
            }
            let base = try #require(c.metrics.first { $0.key == key }?.get(c.baseline))
            #expect(abs(v - base - d) < 1e-6, "\(key) \(variant)")
        }
        // decisions: every post in every variant; `differs` exactly for the posts the comparison lists
        let decisions = tables[1]
        #expect(decisions.rows.count == 4 * 4)
        let flagged = Set(decisions.rows.compactMap { r -> String? in
            if case .bool(true) = r[5], case .text(let p) = r[0] { return p } else { return nil }
        })
        #expect(flagged == Set(c.differingDecisions.map(\.post)))
        let presence = tables[2]
        let differing = Set(presence.rows.compactMap { r -> String? in
            if case .bool(true) = r[5], case .text(let id) = r[0] { return id } else { return nil }
        })
        #expect(differing == Set(c.differingPresence.map(\.country)))
    }

    @Test func planFlowsAddUpToHandledCases() throws {
        let p = try Planner(parallelism: 1).solve(try ScenarioFile.load(Self.tiny).scenario("tight"))
        let tables = TidyTables.plan(p)
        #expect(tables.map(\.name) == ["summary", "posts", "countries", "flows", "rules"])
        func cases(unserved: Bool) -> Double {
            tables[3].rows.reduce(0.0) { sum, r in
                guard case .number(let x) = r[4], case .text(let kind) = r[3], (kind == "unserved") == unserved else { return sum }
                return sum + x
            }
        }
        #expect(abs(cases(unserved: false) - (p.demand - p.unserved)) < 1e-6)
        // The cases no one handles are rows too, and add up to the plan's unserved.
        #expect(p.unserved > 0 && abs(cases(unserved: true) - p.unserved) < 1e-6, "\(p.unserved)")
    }

    @Test func displayTablesBecomeTypedData() {
        var t = Table(title: "T", columns: [.init("Post id", .left), .init("Net benefit (EUR)"), .init("Open?"), .init("Note", .left)])
        t.rows = [["A", "1,000", "yes", ""], ["B", "-2.5", "no", "x"]]
        t.rawRows = [["A", "1000", "true", ""], ["B", "-2.5", "false", "x"]]
        let d = t.data("t")
        #expect(d.fields.map(\.name) == ["post_id", "net_benefit_eur", "open", "note"])
        #expect(d.fields.map(\.type) == [.string, .number, .boolean, .string])
        #expect(d.rows[0] == [.text("A"), .number(1000), .bool(true), .empty])
        #expect(DataTable.snakeCase("Change %") == "change_pct")
        #expect(DataTable.snakeCase("  Δ net benefit ") == "net_benefit")
        // integers stay integers; a column with "inf" is text, not a number
        var u = Table(columns: [.init("n"), .init("r")])
        u.rawRows = [["1", "inf"], ["2", "3"]]
        #expect(u.data("u").fields.map(\.type) == [.integer, .string])
    }

    @Test func excelDialectIsWhatACommaLocaleOpens() {
        let t = DataTable(name: "x", title: "x", fields: [.init("name", .string), .init("value", .number), .init("ok", .boolean)],
                          rows: [[.text("a;b"), .number(1234.5), .bool(true)], [.text("c"), .number(-0.25), .empty]])
        #expect(DataTableCSV.render(t) == "name,value,ok\na;b,1234.5,true\nc,-0.25,\n")
        #expect(DataTableCSV.render(t, dialect: .excel) == "\u{FEFF}name;value;ok\r\n\"a;b\";1234,5;true\r\nc;-0,25;\r\n")
    }

    @Test func workbookPartsAreWellFormed() throws {
        #expect(XLSXWriter.column(0) == "A" && XLSXWriter.column(25) == "Z" && XLSXWriter.column(26) == "AA" && XLSXWriter.column(701) == "ZZ")
        #expect(XLSXWriter.sheetNames(["a", "A", "x[1]:y", String(repeating: "n", count: 40)])
                == ["a", "A_2", "x1y", String(repeating: "n", count: 31)])
        #expect(XLSXWriter.escape("a<b & \"c\"\u{1}\td") == "a&lt;b &amp; &quot;c&quot;\td")
        let t = DataTable(name: "figures", title: "F", fields: [.init("k", .string), .init("v", .number), .init("b", .boolean)],
                          rows: [[.text("x<y"), .number(2.5), .bool(false)], [.empty, .number(.nan), .bool(true)]])
        let sheet = XLSXWriter.sheet(t)
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">x&lt;y</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2"><v>2.5</v></c>"#))
        #expect(sheet.contains(#"<c r="C3" t="b"><v>1</v></c>"#))
        #expect(!sheet.contains("nan"))
        // Money and cases read with thousands separators (two decimals for a fraction), every
        // digit kept in the cell; whole numbers below 1,000 and shares as they are.
        let money = XLSXWriter.sheet(DataTable(name: "m", title: "M", fields: [.init("v", .number)],
                                               rows: [[.number(-6_126_407.50277)], [.number(0.997423)], [.number(512)], [.number(2400)], [.number(150.5)]]))
        #expect(money.contains(#"<c r="A3"><v>0.997423</v></c>"#)
                && money.contains(#"<c r="A4"><v>512</v></c>"#) && money.contains(#"<c r="A5" s="2"><v>2400</v></c>"#)
                && money.contains(#"<c r="A6" s="3"><v>150.5</v></c>"#) && money.contains(#"<c r="A2" s="3"><v>-6126407.503</v></c>"#), "\(money)")
        // A column of fractions reads as percentages (the cell keeps the fraction); the header
        // row carries a filter over every row, declared where Excel looks for it.
        var flips = Table(columns: [.init("Input"), .init("Change %"), .init("Flips at")],
                          rows: [["a", "0.1234", "1500"], ["b", "", ""]])
        flips.fields = ["input", "relative_change", "flips_at"]
        flips.shareFields = ["relative_change"]
        let shares = DataTable(name: "flips", flips)
        #expect(shares.fields.map(\.isShare) == [false, true, false])
        let shareSheet = XLSXWriter.sheet(shares)
        #expect(shareSheet.contains(#"<c r="B2" s="4"><v>0.1234</v></c>"#) && shareSheet.contains(#"<c r="C2" s="2"><v>1500</v></c>"#), "\(shareSheet)")
        #expect(shareSheet.hasSuffix(#"</sheetData><autoFilter ref="A1:C3"/></worksheet>"#), "\(shareSheet.suffix(80))")
        #expect(XLSXWriter.styles.contains(#"<numFmt numFmtId="164" formatCode="0.0%"/>"#)
                && XLSXWriter.styles.contains(#"<cellXfs count="5">"#)
                && XLSXWriter.styles.contains(#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#))
        #expect(XLSXWriter.workbook(["flips", "it's"], filters: ["A1:C3", "A1:B2"]).contains(
            #"<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'flips'!$A$1:$C$3</definedName>"#
            + #"<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'it''s'!$A$1:$B$2</definedName></definedNames>"#))
        #expect(XLSXWriter.filterRange(DataTable(name: "e", title: "E", fields: [.init("v", .number)])) == nil)
        // In a long table a row whose unit is a share reads as percentages too.
        var long = DataTable(name: "figures", title: "F", fields: [.init("figure", .string), .init("value", .number)],
                             rows: [[.text("cost_total"), .number(2500)], [.text("coverage"), .number(0.9991)]])
        long.shareRows = [1]
        let longSheet = XLSXWriter.sheet(long)
        #expect(longSheet.contains(#"<c r="B3" s="4"><v>0.9991</v></c>"#) && longSheet.contains(#"<c r="B2" s="2"><v>2500</v></c>"#), "\(longSheet)")
        // Money reads whole from 1,000 (no cents) and with two decimals below, by column
        // (a description that says "money a year") or by row.
        var cash = DataTable(name: "m", title: "M", fields: [.init("figure", .string), .init("value", .number, "money a year kept")],
                             rows: [[.text("net"), .number(17_767_285.65)], [.text("fee"), .number(7.9)], [.text("posts"), .number(12)]])
        #expect(cash.fields[1].isMoney && !DataTable.Field("v", .number, "cases a year").isMoney)
        let cashSheet = XLSXWriter.sheet(cash)
        #expect(cashSheet.contains(#"<c r="B2" s="2"><v>17767285.65</v></c>"#) && cashSheet.contains(#"<c r="B3" s="3"><v>7.9</v></c>"#)
                && cashSheet.contains(#"<c r="B4"><v>12</v></c>"#), "\(cashSheet)")
        cash.fields[1] = .init("value", .number)
        cash.moneyRows = [0]
        #expect(XLSXWriter.sheet(cash).contains(#"<c r="B2" s="2"><v>17767285.65</v></c>"#) && XLSXWriter.sheet(cash).contains(#"<c r="B3"><v>7.9</v></c>"#))
        // Warnings one a row in `about`, at most 200, none longer than Excel's cell.
        let about = XLSXWriter.about(creator: "dipnet", description: "s.yaml", tables: ["figures"],
                                     warnings: (0..<250).map { "w\($0) " + String(repeating: "x", count: $0 == 0 ? 40_000 : 10) })
        let warned = about.rows.filter { $0.first == .text("warning") }
        let longest = warned.compactMap { if case .text(let t) = $0[1] { t.count } else { nil } }.max() ?? 0
        #expect(warned.count == 201 && warned.last?[1] == .text("and 50 more (dipnet validate lists them all)") && longest == 32_767, "\(warned.count) \(longest)")
        #expect(try XLSXWriter.data([t], description: "s.yaml", warnings: ["w"]).count > 0)
        // What the rows leave out (a variant without a plan) is a `note` row of `about`.
        let noted = XLSXWriter.about(creator: "dipnet", description: "s.yaml", tables: ["margins"], warnings: ["w"], notes: ["left out: x"])
        #expect(noted.rows.filter { $0.first == .text("note") }.map { $0[1] } == [.text("left out: x")], "\(noted.rows)")
        // The command that wrote it, after where it came from; no row without one.
        let commanded = XLSXWriter.about(creator: "dipnet", description: "s.yaml", command: "dipnet compare s.yaml -o 'a b.xlsx'", tables: ["figures"], warnings: [])
        #expect(commanded.rows.map { $0[0] }.filter { $0 != .text("build") } == [.text("written by"), .text("from"), .text("command"), .text("tables")]
                && commanded.rows.contains { $0 == [.text("command"), .text("dipnet compare s.yaml -o 'a b.xlsx'")] }, "\(commanded.rows)")
        #expect(!noted.rows.contains { $0.first == .text("command") })
        // Excel's limit is in UTF-16 units: a command of emoji is cut within it, and a cut or a
        // character a workbook cannot hold is said in the cell (a cut command ran as another).
        let emoji = XLSXWriter.about(creator: "dipnet", description: "s.yaml", command: "dipnet solve " + String(repeating: "😀", count: 20_000), tables: [], warnings: [])
        let commandCell = try #require(emoji.rows.first { $0.first == .text("command") }?[1])
        guard case .text(let cut) = commandCell else { Issue.record("\(commandCell)"); return }
        #expect(cut.utf16.count <= 32_767 && cut.hasSuffix("[cut: longer than a cell holds; the JSON output keeps the command whole]") && cut.hasPrefix("dipnet solve 😀"))
        let control = XLSXWriter.about(creator: "dipnet", description: "s.yaml", command: "dipnet solve 'a\u{1}b.yaml'", tables: [], warnings: [])
        #expect(control.rows.contains { $0 == [.text("command"), .text("dipnet solve 'a\u{1}b.yaml' [cut: characters a workbook cannot hold were left out; the JSON output keeps the command whole]")] })
        #expect(XLSXWriter.styles.contains(#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#))
        // Where the tables come from: the document's properties (a workbook sent on keeps them).
        let core = XLSXWriter.coreProperties("dipnet", description: "s.yaml (SHA-256 ab12) & more", title: "F")
        #expect(core.contains("<dc:title>F</dc:title><dc:description>s.yaml (SHA-256 ab12) &amp; more</dc:description>"), "\(core)")
        // The same tables give the same bytes (fixed entry dates), a ZIP archive.
        let a = try XLSXWriter.data([t]), b = try XLSXWriter.data([t])
        #expect(a == b)
        #expect(a.prefix(2) == Data("PK".utf8))
    }

    @Test func dataPackageDescribesEveryTable() throws {
        let c = try tinyComparison()
        // The coverage rows of the long and the wide table are the ones marked as shares.
        let tables = TidyTables.comparison(c)
        for t in tables where ["figures", "side_by_side"].contains(t.name) {
            let figure = t.fields.firstIndex { $0.name == "figure" }!
            let marked = t.shareRows.map { t.rows[$0][figure] }
            #expect(!marked.isEmpty && marked.allSatisfy { $0 == .text("coverage") }, "\(t.name): \(marked)")
            let money = t.moneyRows.map { t.rows[$0][figure] }
            #expect(money.contains(.text("net_benefit")) && money.contains(.text("cost_total")) && !money.contains(.text("coverage"))
                    && !money.contains(.text("posts_open")), "\(t.name): \(money)")
        }
        let files = try Report.comparison(c).dataPackage(description: "test")
        #expect(files.map(\.name) == ["datapackage.json", "figures.csv", "decisions.csv", "presence.csv", "side_by_side.csv"])
        let json = try #require(try JSONSerialization.jsonObject(with: files[0].data) as? [String: Any])
        #expect(json["profile"] as? String == "tabular-data-package")
        let resources = try #require(json["resources"] as? [[String: Any]])
        #expect(resources.map { $0["path"] as? String } == ["figures.csv", "decisions.csv", "presence.csv", "side_by_side.csv"])
        let fields = try #require((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["figure", "variant", "baseline", "status", "value", "delta", "unit", "money", "effect"])
        #expect(fields.map { $0["type"] as? String } == ["string", "string", "boolean", "string", "number", "number", "string", "string", "number"])
        #expect(DataPackageWriter.packageName("Belgium 2026: Havana!") == "belgium-2026-havana")
    }

    @Test func unknownTableNamesTheTablesThereAre() throws {
        let c = try tinyComparison()
        #expect(throws: ReportError.self) { _ = try Report.comparison(c).csv(table: "nope") }
        do { _ = try Report.comparison(c).csv(table: "nope") } catch {
            #expect(error.description.contains("figures, decisions, presence"))
        }
        #expect(try Report.comparison(c).csv(table: "presence").hasPrefix("country,variant,presence,value,unserved,differs\n"))
    }

    /// A stated range's end keeps the digits that keep the row's points on their side of it:
    /// a discrete range from 1,000.4 beside a flip at 1,000.2 read "1,000–…", as if the flip
    /// lay inside; an end no point comes near keeps the usual rounding.
    @Test func aRangeEndIsNotRoundedOntoOrPastAPointOfItsRow() {
        #expect(AnalysisReport.rangeEnd(1000.4, beside: [1000.2, 1500]) == "1,000.4")
        #expect(AnalysisReport.rangeEnd(1000.4, beside: [1000]) == "1,000.4")          // onto the value now
        #expect(AnalysisReport.rangeEnd(1000.4, beside: [1500, 999]) == "1,000")
        #expect(AnalysisReport.rangeEnd(1000.43, beside: [1000.41]) == "1,000.43")
        #expect(AnalysisReport.rangeEnd(587_000, beside: [587_000.5]) == "587,000")    // shown exactly: nothing hidden
        #expect(AnalysisReport.rangeEnd(0.14662, beside: [0.14661]) == "0.14662")
        #expect(AnalysisReport.rangeEnd(0.14662, beside: [0.2]) == "0.1466")
        #expect(AnalysisReport.rangeEnd(-1000.4, beside: [-1000.2]) == "-1,000.4")
        #expect(AnalysisReport.number(-0.0) == "0" && AnalysisReport.rangeEnd(-0.0, beside: [300]) == "0")
    }

    /// A flip point and its change are shown to the search's precision (0.1% of the
    /// larger of value and flip), both rounded alike, so that the flip minus the value
    /// reads as the change (an analyst saw a cap of 372 "flip at 368" beside −3.966).
    @Test func aFlipPointAndItsChangeAreShownAlike() {
        #expect(AnalysisReport.flipPoint(368.034, current: 372) == ("368", "-4"))
        #expect(AnalysisReport.flipPoint(1482.8, current: 2400) == ("1,483", "-917"))
        #expect(AnalysisReport.flipPoint(80.11, current: 320) == ("80.1", "-239.9"))
        // A change a hair above a whole number (Cuba's economic score, 7.7 to 15.7000001) reads "+8", not "+8.".
        #expect(AnalysisReport.flipPoint(15.700_000_1, current: 7.7) == ("15.7", "+8"))
        #expect(AnalysisReport.flipPoint(1_522_505.4, current: 1_048_000) == ("1,522,505", "+474,505"))
        #expect(AnalysisReport.flipPoint(0.768, current: 0.35) == ("0.768", "+0.418"))
        // A flip within the rounding of the value keeps its sign (it showed "0").
        #expect(AnalysisReport.flipPoint(46.0801, current: 46.0799) == ("46.0801", "+0.0002"))
    }
}

/// What a journalist checking "the package saves money" misread (2026-12-05): a closed
/// post's "Yearly cost" was its closing cost spread over the horizon, and no figure said
/// what a plan costs once its one-off costs are paid.
@Suite("Budget figures a journalist quotes") struct BudgetFigureTests {
    static let yaml = """
        dipnet: 2
        currency: EUR
        horizon_years: 4
        services: {visas: {unserved_penalty: 10, fee_income: 50}}
        countries:
          - {id: A, lat: 0, lon: 0, demand: {visas: 100}}
          - {id: B, lat: 0, lon: 1, demand: {visas: 10}}
        posts:
          - {id: PA, country: A, status: existing, annual_cost: 1000, capacity: 200, covers: [B]}
          - {id: PB, country: B, status: existing, annual_cost: 9000, close_cost: 4000, capacity: 50}
          - {id: PN, country: B, status: candidate, annual_cost: 3000, open_cost: 800, capacity: 50}
        variants:
          change: {set: {posts.PB.force: closed, posts.PN.force: open}}

        """

    @Test func runningAndOneOffCostsAreToldApart() throws {
        let f = try load(Self.yaml)
        let p = try Planner(parallelism: 1).solve(f.scenario("change"))
        let t = PlanReport.decisions(p)
        // Running cost: the post's own (saved by a closure, spent by an opening); one-off a
        // year: closing 4,000 or opening 800 over 4 years.
        #expect(t.rows.map { Array($0.suffix(2)) } == [["9,000", "1,000"], ["3,000", "200"]], "\(t.rows)")
        #expect(t.columns.map(\.header).suffix(2) == ["Running cost", "One-off a year"])
        // Without one-off costs: what the plan costs each year once they are paid.
        let m = Comparison.recurringNetOfIncome.get(p)!
        #expect(abs(m - (p.cost.total - 1200 - p.income)) < 1e-9 && abs(m - (Comparison.costNetOfIncome.get(p)! - 1200)) < 1e-9)
        #expect(Comparison.all(for: [p]).map(\.key).contains("cost_recurring_net_of_income"))
    }
}
