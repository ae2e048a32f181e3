import Foundation
import Testing

@Suite("dipnet analyses") struct AnalysesCLITests {
    static let uncertain = CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny/tiny_uncertain.yaml").path

    /// The main job printed the answer without what flips it (that took a second command,
    /// `dipnet margins`). `compare --flips` gives both: the same rows as `margins` in the
    /// JSON `flips` (checked row by row), the table `flips` in CSV, and the text after the
    /// comparison.
    @Test func compareFlipsStatesWhatFlipsTheAnswer() throws {
        let args = [AnalysesCLITests.uncertain, "--variants", "close-pa", "--baseline", "base", "-q"]
        let both = try CLI.run(["compare"] + args + ["--flips", "-f", "json"])
        let margins = try CLI.run(["margins"] + args + ["-f", "json"])
        #expect(both.status == 0 && margins.status == 0, "\(both.err)\(margins.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(both.out.utf8)) as? [String: Any])
        let flips = try #require(doc["flips"] as? [String: Any])
        let alone = try #require(try JSONSerialization.jsonObject(with: Data(margins.out.utf8)) as? [String: Any])
        func rows(_ d: [String: Any]) -> [String] {
            ((d["rows"] as? [[String: Any]]) ?? []).map { "\($0["input"] ?? ""): \($0["flips_at"] ?? "none")" }
        }
        #expect(doc["variants"] != nil && flips["format"] as? String == "dipnet/margins-1")
        // compare --flips asks who is ahead unless told otherwise (the posts' decisions in a
        // free optimum are the long part: havana-letter's 60 answers took over 10 minutes),
        // names the decisions it left out, and --answers all asks them as margins does.
        let leads = try CLI.run(["margins"] + args + ["--answers", "lead", "-f", "json"])
        let leadsOnly = try #require(try JSONSerialization.jsonObject(with: Data(leads.out.utf8)) as? [String: Any])
        #expect(!rows(flips).isEmpty && rows(flips) == rows(leadsOnly), "\(rows(flips)) vs \(rows(leadsOnly))")
        #expect(flips["decisions_not_asked"] as? [String] == ["PA2", "PC"] && alone["decisions_not_asked"] == nil, "\(flips)")
        #expect(rows(alone).count > rows(flips).count)
        let all = try CLI.run(["compare"] + args + ["--flips", "--answers", "all", "-f", "json"])
        let allDoc = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])
        let allFlips = try #require(allDoc["flips"] as? [String: Any])
        #expect(rows(allFlips) == rows(alone) && allFlips["decisions_not_asked"] == nil, "\(rows(allFlips)) vs \(rows(alone))")
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let said = try CLI.run(["compare", AnalysesCLITests.uncertain, "--variants", "close-pa", "--baseline", "base", "--flips", "-f", "csv", "-o",
                                d.appendingPathComponent("f.csv").path])
        #expect(said.err.contains("--flips asks whether each variant still beats the baseline; --answers all also asks what flips the 2 decisions of posts a free optimum decides otherwise (each over"),
                "\(said.err)")
        #expect(try CLI.run(["compare"] + args + ["--flips", "--answers", "all,lead"]).err.contains("--answers all asks the lead and every decision: give it alone, or with budget"))
        // The budget is asked only when named; all,budget asks it beside every other answer.
        let withBudget = try CLI.run(["margins"] + args + ["--answers", "all,budget", "-f", "json"])
        let budgetRows = ((try JSONSerialization.jsonObject(with: Data(withBudget.out.utf8)) as? [String: Any])?["rows"] as? [[String: Any]]) ?? []
        let budgetAsked = budgetRows.filter { ($0["answer"] as? String)?.hasSuffix(" budget vs baseline") == true }
        #expect(withBudget.status == 0 && !budgetAsked.isEmpty && budgetRows.count == rows(alone).count + budgetAsked.count
                && !rows(alone).isEmpty, "\(withBudget.err)")
        // Nothing to flip (no plan for the baseline): the comparison, which says why, is
        // still written, then the error (it was lost), exit 1.
        let planless = try CLI.run(["compare", AnalysesCLITests.uncertain, "--variants", "close-pa", "--baseline", "base", "--set", "rules.budget=100", "--flips", "-q"])
        #expect(planless.status == 1 && planless.out.contains("close-pa is infeasible")
                && planless.err.contains("there is no answer to flip (the comparison is written, without what flips it)"), "\(planless.out)\(planless.err)")
        // CSV holds rows only: the decisions left out are said on standard error.
        let csvLead = try CLI.run(["margins"] + args.filter { $0 != "-q" } + ["--answers", "lead", "-f", "csv"])
        #expect(csvLead.err.contains("note: Not asked: what flips the decisions of the 2 posts a free optimum decides otherwise than base (PA2, PC)"), "\(csvLead.err)")
        let csv = try CLI.run(["compare"] + args + ["--flips", "-f", "csv", "--table", "flips"])
        #expect(csv.status == 0 && csv.out.hasPrefix("answer,input,current,flips_at,"), "\(csv.out)\(csv.err)")
        let text = try CLI.run(["compare"] + args + ["--flips"])
        let answer = try #require(text.out.range(of: "Decisions that differ")), flip = try #require(text.out.range(of: "What flips the answer"))
        #expect(answer.lowerBound < flip.lowerBound && text.out.contains("posts.PA.annual_cost"), "\(text.out)")
        // Without --flips there is no such table.
        let none = try CLI.run(["compare"] + args + ["-f", "csv", "--table", "flips"])
        #expect(none.status == 2 && none.err.contains("no table \"flips\""), "\(none.err)")
        // The summary as a table comes with --flips too, refused without it before any solve.
        let answers = try CLI.run(["compare"] + args + ["--flips", "-f", "csv", "--table", "answers"])
        #expect(answers.status == 0 && answers.out.hasPrefix("answer,variant,asks,post,part,input,text,") && answers.out.contains(",now,,"),
                "\(answers.out)\(answers.err)")
        let noAnswers = try CLI.run(["compare"] + args + ["-f", "csv", "--table", "answers"])
        #expect(noAnswers.status == 2 && noAnswers.err.contains("no table \"answers\" in this output without --flips"), "\(noAnswers.err)")
    }

    /// An analyst's comparison with one infeasible variant (a coverage rule it cannot meet)
    /// lost the flips of every other variant to "no plan for …: there is no answer to
    /// flip", exit 1. The variants without a plan are now named and left out; only a
    /// baseline without one, or no variant with one, leaves nothing to search.
    @Test func anInfeasibleVariantLeavesTheOthersFlips() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "  close-pa:\n", with: "  impossible:\n    set: {rules.budget: 10}\n  close-pa:\n")
        let file = d.appendingPathComponent("impossible.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let args = [file.path, "--variants", "close-pa,impossible", "--baseline", "base", "--param", "posts.PA.annual_cost", "-q"]
        let both = try CLI.run(["compare"] + args.filter { $0 != "--param" && $0 != "posts.PA.annual_cost" } + ["--flips", "-f", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(both.out.utf8)) as? [String: Any], "\(both.out)\(both.err)")
        let flips = try #require(doc["flips"] as? [String: Any])
        let rows = (flips["rows"] as? [[String: Any]]) ?? []
        #expect(both.status == 0 && flips["without_plan"] as? [[String: String]] == [["variant": "impossible", "status": "infeasible"]]
                && !rows.isEmpty && rows.allSatisfy { ($0["answer"] as? String)?.contains("impossible") == false }, "\(both.out)\(both.err)")
        let table = try CLI.run(["margins"] + args)
        let flat = table.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(table.status == 0 && flat.contains("Without a plan now, so with no answer to flip and no row: impossible (infeasible)")
                && flat.contains("posts.PA.annual_cost"), "\(table.out)\(table.err)")
        // The tidy exports hold rows only: CSV says what it leaves out on standard error, a
        // data package in its description (xlsx in its `about` sheet: AnalystFormatsTests).
        let csv = try CLI.run(["margins"] + args + ["-f", "csv"])
        #expect(csv.status == 0 && !csv.out.contains("impossible")
                && csv.err.contains("note: Without a plan now, so with no answer to flip and no row: impossible (infeasible)"), "\(csv.out)\(csv.err)")
        let package = d.appendingPathComponent("package")
        let dp = try CLI.run(["margins"] + args + ["-f", "datapackage", "-o", package.path])
        let descriptor = try String(contentsOf: package.appendingPathComponent("datapackage.json"), encoding: .utf8)
        #expect(dp.status == 0 && descriptor.contains("no row: impossible (infeasible)"), "\(dp.err)\(descriptor)")
        // and says what was compared (an analyst's workbook named the file only).
        #expect(descriptor.contains("margins of comparison") && descriptor.contains("close-pa") && descriptor.contains("against base"), "\(descriptor)")
        // compare --flips: the note is about the flips table, not the figures (which show
        // the infeasible variant's status).
        let compareArgs = ["compare", file.path, "--variants", "close-pa,impossible", "--baseline", "base", "--flips", "-q", "-f", "csv"]
        let figures = try CLI.run(compareArgs), flipsCSV = try CLI.run(compareArgs + ["--table", "flips"])
        #expect(figures.status == 0 && figures.out.contains("impossible") && !figures.err.contains("note:")
                && flipsCSV.err.contains("note: Without a plan now"), "\(figures.err)\(flipsCSV.err)")
        let plain = try CLI.run(["margins", Self.uncertain, "--variants", "close-pa", "--baseline", "base", "--param", "posts.PA.annual_cost", "-q", "-f", "csv"])
        #expect(plain.status == 0 && !plain.err.contains("note:"), "\(plain.err)")
        // --pairs leaves it out the same way.
        let pairs = try CLI.run(["margins", file.path, "--variants", "close-pa,impossible", "--baseline", "base", "--pairs", "-f", "json", "-q"])
        let pairsDoc = try #require(try JSONSerialization.jsonObject(with: Data(pairs.out.utf8)) as? [String: Any], "\(pairs.out)\(pairs.err)")
        #expect(pairs.status == 0 && pairsDoc["without_plan"] as? [[String: String]] == [["variant": "impossible", "status": "infeasible"]]
                && ((pairsDoc["answers"] as? [[String: Any]]) ?? []).map { $0["variant"] as? String } == ["close-pa"], "\(pairs.out)")
        // --across: a value where the baseline has no plan is a point without rows, named,
        // and the other values are searched (the whole run failed, naming no value).
        let across = try CLI.run(["margins", file.path, "--variants", "close-pa", "--baseline", "base", "--param", "posts.PA.annual_cost",
                                  "--across", "rules.budget=10,100000", "-q"])
        let acrossFlat = across.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(across.status == 0 && acrossFlat.contains("Without a plan, so with no row there: at 10 EUR a year, no plan for base (infeasible)")
                && acrossFlat.contains("100,000"), "\(across.out)\(across.err)")
        // A count out of --across's own 2–50 says so, not sweep's 2–100000 (a hostile pass).
        let zero = try CLI.run(["margins", file.path, "--variants", "close-pa", "--baseline", "base", "--param", "posts.PA.annual_cost",
                                "--across", "rules.budget=10..100000:0", "-q"])
        #expect(zero.status == 2 && zero.err.contains("N from 2 to 50,") && !zero.err.contains("100000,"), "\(zero.err)")
        // Nothing to compare with: an error, as before.
        let alone = try CLI.run(["margins", file.path, "--variants", "impossible", "--baseline", "base", "-q"])
        #expect(alone.status == 1 && alone.err.contains("no plan for impossible (infeasible): there is no answer to flip"), "\(alone.out)\(alone.err)")
        let baseless = try CLI.run(["margins", file.path, "--variants", "close-pa", "--baseline", "impossible", "-q"])
        #expect(baseless.status == 1 && baseless.err.contains("no plan for impossible (infeasible)"), "\(baseless.out)\(baseless.err)")
    }

    /// A range stated with `draw: false` is said wherever a simulation's or pairs' table is:
    /// under one table alone (`--table`, which dropped it), and in the HTML report's pairs
    /// (`°`, which it lacked) and simulation sections.
    @Test func rangesStatedButNotDrawnAreSaidUnderEveryTable() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let line = "    posts.PB.annual_cost: {distribution: discrete, values: [5000, 7000]}\n"
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
        #expect(text.contains(line))
        let stated = d.appendingPathComponent("stated.yaml").path
        try text.replacingOccurrences(of: line, with: line + "    posts.PA.annual_cost: {distribution: uniform, min: 5000, max: 7000, draw: false}\n")
            .write(toFile: stated, atomically: true, encoding: .utf8)
        let note = "Stated but not drawn (draw: false): posts.PA.annual_cost."
        let md = try CLI.run(["simulate", stated, "--draws", "4", "--table", "drivers", "-f", "markdown", "-q"])
        #expect(md.status == 0 && md.out.contains(note), "\(md.out)")
        let txt = d.appendingPathComponent("v.txt").path
        #expect(try CLI.run(["simulate", stated, "--draws", "4", "--table", "variants", "-o", txt, "-q"]).status == 0)
        #expect(try String(contentsOfFile: txt, encoding: .utf8).contains(note))
        let pairText = try String(contentsOfFile: CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny/pair_flip.yaml").path, encoding: .utf8)
        let pairs = d.appendingPathComponent("pairs.yaml").path
        try pairText.replacingOccurrences(of: "max: 120000}", with: "max: 120000, draw: false}").write(toFile: pairs, atomically: true, encoding: .utf8)
        let html = d.appendingPathComponent("r.html").path
        let r = try CLI.run(["report", pairs, "pa", "--margins", "pa", "--pairs", "-o", html, "-q"])
        #expect(r.status == 0, "\(r.err)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<code>posts.PA.annual_cost</code> °") && page.contains("° Stated but not drawn (draw: false): <code>posts.PA.annual_cost</code>")
                && page.contains("(not drawn)"))
        // The pairs' answer in words comes before their table, as in Markdown.
        let pairsSummary = try #require(page.range(of: "<h3>The answer and what pairs of inputs would flip it</h3>"), "\(page)")
        #expect(page[pairsSummary.upperBound...].contains("<li><b>close-pa vs keep-pa</b>: close-pa does worse than keep-pa by 30,000 a year"))
        // The report's simulation says it once (it said it twice).
        let records = d.appendingPathComponent("s.jsonl").path
        #expect(try CLI.run(["simulate", stated, "--draws", "4", "--records", records, "-q"]).status == 0)
        let simulated = d.appendingPathComponent("s.html").path
        let s = try CLI.run(["report", stated, "--variants", "no-quota,base", "--baseline", "no-quota", "--simulation", records, "-o", simulated, "-q"])
        #expect(s.status == 0, "\(s.err)")
        let simulatedPage = try String(contentsOfFile: simulated, encoding: .utf8)
        #expect(simulatedPage.components(separatedBy: note).count == 2)
        // The simulation's answer in words heads its section, as the text ends with it.
        #expect(simulatedPage.contains("<h3>The answer over the draws</h3>") && simulatedPage.contains("<li><b>base vs no-quota</b>: base is ahead in net benefit in "),
                "\(simulatedPage)")
    }

    /// `margins … --set` printed "Now: … beats … by 158,455" without a word of the change
    /// (its JSON had it as `set`): the analyses' text now ends with it.
    @Test func analysesSayWhatTheCommandLineChanged() throws {
        let args = [AnalysesCLITests.uncertain, "--variants", "close-pa", "--baseline", "base", "--param", "posts.PA.annual_cost", "-q"]
        for format in ["table", "markdown"] {
            let changed = try CLI.run(["margins"] + args + ["--set", "posts.PB.annual_cost=7100", "-f", format])
            let out = format == "markdown" ? CLI.withoutCommand(changed.out) : changed.out
            #expect(changed.status == 0 && out.hasSuffix("Changed on the command line: posts.PB.annual_cost=7100.\n"), "\(changed.out)")
        }
        let plain = try CLI.run(["margins"] + args)
        #expect(plain.status == 0 && !plain.out.contains("Changed on the command line"), "\(plain.out)")
        let explain = try CLI.run(["explain", CLI.tiny, "--set", "posts.PB.annual_cost=7100", "-q"])
        #expect(explain.out.hasSuffix("Changed on the command line: posts.PB.annual_cost=7100.\n"), "\(explain.out)")
    }

    @Test func sweepPrintsPointsAndClosureOrder() throws {
        let r = try CLI.run(["sweep", CLI.tiny, "--variant", "tight", "--param", "rules.budget=15000,15020,16000,19500,20000", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Closure order as rules.budget moves from 20,000 (where the fewest posts close) to 15,000"), "\(r.out)")
        #expect(r.out.contains("1  PA         16,000"), "\(r.out)")
        let bad = try CLI.run(["sweep", CLI.tiny, "--param", "rules.nothing=1..2:2"])
        #expect(bad.status == 2 && bad.err.contains("names nothing") && !bad.err.contains("Usage"))
    }

    @Test func tippingSaysWherePBFlips() throws {
        let r = try CLI.run(["tipping", CLI.tiny, "--variant", "no-quota", "--post", "PB", "--param", "posts.PB.annual_cost",
                             "--range", "0..10000", "--tolerance", "1", "--format", "json", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let t = try #require(json["threshold"] as? Double)
        #expect(abs(t - 6000) < 1e-6 && json["threshold_method"] as? String == "crossing", "\(t)")
        #expect(json["open_above"] as? Bool == false)
        // The plans on either side give every term of the net benefit, so that the rows add
        // up (income and the penalty were left out: value − cost did not reach it).
        let text = try CLI.run(["tipping", CLI.tiny, "--variant", "no-quota", "--post", "PB", "--param", "posts.PB.annual_cost",
                                "--range", "0..10000", "--tolerance", "1", "--quiet"])
        let lines = text.out.split(separator: "\n").map(String.init)
        func row(_ label: String) -> [Double]? {
            guard let l = lines.first(where: { $0.hasPrefix(label + "  ") }) else { return nil }
            return l.dropFirst(label.count).split(separator: " ").map { Double($0.replacingOccurrences(of: ",", with: "")) ?? .nan }
        }
        let nb = try #require(row("Net benefit"), "\(text.out)"), value = try #require(row("Value")), cost = try #require(row("Cost"))
        let penalty = try #require(row("Unserved penalty"), "\(text.out)"), income = row("Income (fees earned)") ?? [0, 0]
        for k in 0..<2 { #expect(abs(nb[k] - (value[k] + income[k] - cost[k] - penalty[k])) <= 2, "\(text.out)") }
    }

    @Test func explainListsRegrets() throws {
        let r = try CLI.run(["explain", CLI.tiny, "--format", "csv", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("PA,kept,6000,100,0,6000,520,false"), "\(r.out)")
        // An infeasible other way: no number in a number column, said in its own column, with
        // the rule the other way breaks.
        #expect(r.out.contains("PB,kept,7000,") && r.out.contains(",,true,,B,false,min_resident[0]\n") && !r.out.contains(",inf,") && !r.out.contains(",inf\n"), "\(r.out)")
        // Forced posts have no regret to rank by: the title says how they are ordered, and the
        // text reads "not opened" where the data keep not_opened.
        let forced = try CLI.run(["explain", CLI.tiny, "--set", "posts.*.force=open", "--set", "posts.PA2.force=closed", "--quiet"])
        let flat = forced.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(forced.status == 0 && flat.contains("every decision forced, so none ranked: by id") && flat.contains("PA2 ")
                && flat.contains(" not opened ") && !flat.contains("not_opened") && !flat.contains("the most marginal first")
                && flat.contains("(with the command-line changes) is forced, so none has a regret: explain a variant that leaves the posts free")
                && flat.contains("without the --set that forces the others") && !flat.contains("one re-solve per post"), "\(forced.out)")
    }

    /// Regrets and alternatives are measured from the optimum: a plan that `--gap` stopped
    /// short is refused, not used (explain gave regrets of −100,000 and alternatives beat
    /// their "optimum" by 100,000 a year under --gap 0.05, exit 0; a hostile pass's case).
    @Test func explainAndAlternativesRefuseAPlanNotProvenOptimal() throws {
        let s = "scenarios/belgium-2026/scenario.yaml"
        let explain = try CLI.run(["explain", s, "--variant", "optimal", "--gap", "0.05", "-q"])
        let alternatives = try CLI.run(["alternatives", s, "--variant", "optimal", "--gap", "0.05", "--around", "SHA", "--count", "1", "-q"])
        for r in [explain, alternatives] {
            #expect(r.status != 0 && r.out.isEmpty && r.err.contains("is not proven optimal (feasible (gap ") && r.err.contains("drop --gap"), "\(r.out)\(r.err)")
        }
    }

    /// The status quo over its budget "won" every draw without a word.
    @Test func simulationSaysWhenAWinnerBreaksARule() throws {
        let r = try CLI.run(["simulate", Self.uncertain, "--variants", "tight,sq-tight", "--draws", "6", "--quiet"])
        // notes are wrapped at 100 columns: read the text as one line
        let flat = r.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(r.status == 0 && flat.contains("sq-tight breaks a rule (evaluate mode checks rules, it does not impose them) in 5 of its 6 solved draws"),
                "\(r.out)\(r.err)")
        #expect(!r.out.contains("tight breaks") || r.out.components(separatedBy: "breaks a rule").count == 2)
    }

    /// An analyst's relative draws of 80..120 (percent, not factors) made every draw
    /// infeasible: `simulate` printed "0/50" and empty tables, exit 0, no reason. The
    /// reading warns of such factors, the table says which draws have no plan and why,
    /// and a run without any plan exits 1.
    /// A country's demand searched from 0 is no refusal: each end of a range is tried on its
    /// own copy of the scenario (a demand set to 0 first left nothing to scale across its
    /// services at the other end, and a valid 0..1000 was refused, in a coalition always).
    @Test func aDemandRangeFromZeroIsSearched() throws {
        let v2 = CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/v2/services.yaml").path
        let t = try CLI.run(["tipping", v2, "--post", "PB", "--param", "countries.B.demand", "--range", "0..1000", "--quiet"])
        #expect(t.status == 0 && t.out.contains("PB stays open once countries.B.demand exceeds"), "\(t.out)\(t.err)")
        let sw = try CLI.run(["sweep", v2, "--param", "countries.B.demand=0..690:3", "--quiet"])
        #expect(sw.status == 0, "\(sw.err)")
    }

    /// A batch some of whose solves failed says so in its outputs, not only on the terminal:
    /// the warning (one line, the first error's problems joined) is the JSON's `warnings`, for
    /// the run and for a merge of its records; a run whose every solve failed exits 1 instead.
    @Test func aRunWhoseSomeSolvesFailedSaysSoInItsOutputs() throws {
        let fixture = CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny/capacity_flip.yaml").path
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let records = d.appendingPathComponent("sweep.jsonl").path
        // A case cost of 1e15 is refused before GLPK sees it: that point's solve fails.
        let run = try CLI.run(["sweep", fixture, "--variant", "alternative", "--param", "costs.case_cost=100,1e15", "-f", "json", "--records", records, "--quiet"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let warnings = try #require(doc["warnings"] as? [String], "\(run.out)")
        let printed = run.err.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") || $0.hasPrefix("warning: ") }
        #expect(run.status == 0 && warnings == printed && warnings.count == 1
                && warnings[0] == "warning: 1 of 2 points failed; the first: the model cannot be given to GLPK: 1 objective coefficient(s) above 1e9, "
                    + "up to which GLPK resolves the optimum reliably (the largest: 1000000000000000.0 on serve[A,PA]); beyond it GLPK may report a worse plan "
                    + "as optimal. To forbid what such a number prices (an unserved case, a post), use a rule instead (e.g. min_coverage of 1)",
                "\(run.out)\(run.err)")
        // A merge of its records says the same, in the same words.
        let merged = try CLI.run(["merge", records, "-f", "json"])
        let mergedDoc = try #require(try JSONSerialization.jsonObject(with: Data(merged.out.utf8)) as? [String: Any])
        #expect(merged.status == 0 && (mergedDoc["warnings"] as? [String]) == warnings && merged.err.contains(warnings[0]), "\(merged.out)\(merged.err)")
        // A merge missing some of the run's records says so in its outputs too (shards 0/2
        // and 1/3: 4 of 6 points; it was a note on standard error only).
        let grid = ["sweep", fixture, "--variant", "alternative", "--param", "costs.case_cost=100..200:6", "--quiet"]
        let a = d.appendingPathComponent("a.jsonl").path, b = d.appendingPathComponent("b.jsonl").path
        #expect(try CLI.run(grid + ["--records", a, "--shard", "0/2"]).status == 0)
        #expect(try CLI.run(grid + ["--records", b, "--shard", "1/3"]).status == 0)
        let partial = try CLI.run(["merge", a, b, "-f", "json"])
        let partialDoc = try #require(try JSONSerialization.jsonObject(with: Data(partial.out.utf8)) as? [String: Any], "\(partial.err)")
        #expect(partial.status == 0 && (partialDoc["warnings"] as? [String]) == ["warning: the records hold 4 of the run's 6 points: the summary covers those only "
                                                                                 + "(merge the missing parts too, or finish the run with --records FILE --resume)"],
                "\(partial.out)\(partial.err)")
        // The HTML report of those records says so under its heading (the failed point was
        // left out of its curve without a word).
        let html = d.appendingPathComponent("r.html").path
        let report = try CLI.run(["report", fixture, "capacity", "--sweep", records, "-o", html, "--quiet"])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.status == 0 && report.err.contains("warning: 1 of 2 points in \(records) failed; the first: the model cannot be given to GLPK")
                && page.contains("1 of 2 points in \(records) failed"), "\(report.err)")
        // Records of a run with another --set than the report's are refused: their curve sat
        // beside the report's figures of other inputs without a word (hostile pass).
        let other = try CLI.run(["report", fixture, "capacity", "--sweep", records, "--set", "costs.case_cost=0", "-o", html, "--quiet"])
        #expect(other.status != 0 && other.err.contains("records a run with no --set, this report has --set costs.case_cost=0"), "\(other.err)")
        // The same changes in an order that changes the scenario are another run too.
        let twice = d.appendingPathComponent("twice.jsonl").path
        #expect(try CLI.run(["sweep", fixture, "--variant", "alternative", "--param", "costs.unserved_case_penalty=500,1000", "--set", "costs.case_cost=10",
                             "--set", "costs.case_cost=40", "--records", twice, "--quiet"]).status == 0)
        let swapped = try CLI.run(["report", fixture, "capacity", "--sweep", twice, "--set", "costs.case_cost=40", "--set", "costs.case_cost=10", "-o", html, "--quiet"])
        #expect(swapped.status != 0 && swapped.err.contains("records a run with --set costs.case_cost=10 --set costs.case_cost=40"), "\(swapped.err)")
        let same = try CLI.run(["report", fixture, "capacity", "--sweep", twice, "--set", "costs.case_cost=10", "--set", "costs.case_cost=40", "-o", html, "--quiet"])
        #expect(same.status == 0, "\(same.err)")
        // Without a failure there is no such warning, and with every solve failed an error.
        let fine = try CLI.run(["sweep", fixture, "--variant", "alternative", "--param", "costs.case_cost=100,200", "-f", "json", "--quiet"])
        #expect(fine.status == 0 && !fine.out.contains("\"warnings\"") && !fine.err.contains("failed"), "\(fine.out)\(fine.err)")
        let none = try CLI.run(["sweep", fixture, "--variant", "alternative", "--param", "costs.case_cost=1e14,1e15", "-f", "json", "--quiet"])
        // Its outputs say why each row reads "error" (the reason was on the terminal only).
        let noneDoc = try #require(try JSONSerialization.jsonObject(with: Data(none.out.utf8)) as? [String: Any])
        #expect(none.status == 1 && none.err.contains("error: every point failed (2); the first: the model cannot be given to GLPK:")
                && ((noneDoc["warnings"] as? [String]) ?? []).first?.hasPrefix("warning: 2 of 2 points failed; the first: the model cannot be given to GLPK: ") == true,
                "\(none.err)")
    }

    @Test func aSimulationWithoutPlansSaysWhyAndFails() throws {
        let none = try CLI.run(["simulate", Self.uncertain, "--variants", "tight,close-pa", "--set", "rules.budget=100", "--draws", "4", "--quiet"])
        let flat = none.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(none.status == 1 && flat.contains("Draws without a plan: tight 4 of 4 (infeasible: 4); close-pa 4 of 4 (infeasible: 4). Infeasible:")
                && none.err.contains("error: no draw of any variant has a plan: every solve is infeasible"), "\(none.out)\(none.err)")
        let json = try CLI.run(["simulate", Self.uncertain, "--variants", "tight,base", "--set", "rules.budget=100", "--draws", "4", "-f", "json", "--quiet"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let variants = try #require(doc["variants"] as? [[String: Any]])
        // base imposes no budget of its own, but --set gives it one too: both fail every draw
        #expect(json.status == 1 && variants.map { ($0["unsolved"] as? [String: Int]) ?? [:] } == [["infeasible": 4], ["infeasible": 4]], "\(json.out)")
        let fine = try CLI.run(["simulate", Self.uncertain, "--variants", "tight,base", "--draws", "4", "-f", "json", "--quiet"])
        let fineDoc = try #require(try JSONSerialization.jsonObject(with: Data(fine.out.utf8)) as? [String: Any])
        #expect(fine.status == 0 && ((fineDoc["variants"] as? [[String: Any]]) ?? []).allSatisfy { ($0["unsolved"] as? [String: Int]) == [:] }, "\(fine.out)")
        let csv = try CLI.run(["simulate", Self.uncertain, "--variants", "tight,close-pa", "--set", "rules.budget=100", "--draws", "4", "-f", "csv", "--quiet"])
        #expect(csv.out.hasPrefix("variant,solved,net_benefit_mean,net_benefit_p5,net_benefit_p50,net_benefit_p95,coverage_mean,wins,draws,unsolved\n")
                && csv.out.contains("\ntight,0,,,,,,0,4,infeasible:4\n"), "\(csv.out)")
        // Their records merged say the same (a merge exited 0).
        let recordsDir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: recordsDir) }
        let records = recordsDir.appendingPathComponent("none.jsonl").path
        #expect(try CLI.run(["simulate", Self.uncertain, "--variants", "tight,close-pa", "--set", "rules.budget=100", "--draws", "4", "--records", records, "--quiet"]).status == 1)
        let merged = try CLI.run(["merge", records])
        #expect(merged.status == 1 && merged.err.contains("error: no draw of any variant has a plan"), "\(merged.out)\(merged.err)")
        // With three variants or more, "Wins" is against all of them: said, beside the pairwise "Ahead in".
        let three = try CLI.run(["simulate", Self.uncertain, "--variants", "no-quota,base,close-pa", "--draws", "4", "--quiet"])
        let threeFlat = three.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(three.status == 0 && threeFlat.contains("Wins: the share of draws in which the variant has the best net benefit of all 3 variants"), "\(three.out)")
        #expect(!flat.contains("Wins: the share"))
        // Percent written as factors is told before the run.
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "{distribution: uniform, min: 0.99, max: 1.01, relative: true}", with: "{distribution: uniform, min: 80, max: 120, relative: true}")
        let file = d.appendingPathComponent("percent.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let v = try CLI.run(["validate", file.path])
        #expect(v.status == 0 && v.err.contains("percent.yaml:") && v.err.contains("uncertainty.parameters.countries.*.demand: relative: true multiplies the scenario's value, so these draws multiply it up to 120 times"),
                "\(v.out)\(v.err)")
        // A memo built from an export keeps what the terminal warned of (it was silent there).
        let md = try CLI.run(["compare", file.path, "--variants", "close-pa", "--baseline", "base", "-f", "markdown", "-q"])
        #expect(md.status == 0 && md.out.contains("**Warnings** (printed on standard error") && md.out.contains("multiply it up to 120 times"), "\(md.out)")
        let solved = try CLI.run(["solve", file.path, "-f", "markdown", "-q"])
        let oneTable = try CLI.run(["compare", file.path, "--variants", "close-pa", "--baseline", "base", "-f", "markdown", "--table", "decisions", "-q"])
        #expect(solved.out.contains("**Warnings** (printed on standard error") && oneTable.out.contains("**Warnings** (printed on standard error"),
                "\(solved.out)\(oneTable.out)")
        let plain = try CLI.run(["compare", Self.uncertain, "--variants", "close-pa", "--baseline", "base", "-f", "markdown", "-q"])
        #expect(plain.status == 0 && !plain.out.contains("**Warnings**"), "\(plain.out)")
        // So does a pipeline that keeps the JSON: `warnings`, the last key, as printed;
        // absent without a warning.
        func warnings(_ r: CLI.Run) throws -> [String]? {
            let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
            return object?["warnings"] as? [String]
        }
        let compared = try CLI.run(["compare", file.path, "--variants", "close-pa", "--baseline", "base", "-f", "json", "-q"])
        let said = try warnings(compared)
        #expect(compared.status == 0 && said?.count == 1 && said?.first?.contains("multiply it up to 120 times") == true
                && compared.err.contains(said?.first ?? "?") && compared.out.hasSuffix("]\n}\n"), "\(compared.out)")
        #expect(try warnings(CLI.run(["compare", Self.uncertain, "--variants", "close-pa", "--baseline", "base", "-f", "json", "-q"])) == nil)
        // An analysis's own warning too: a tipping search of the budget tight sets itself.
        let tipping = try CLI.run(["tipping", Self.uncertain, "--variant", "tight", "--post", "PA", "--param", "rules.budget",
                                   "--range", "12000..20000", "-f", "json", "-q"])
        let replaced = try warnings(tipping)
        #expect(tipping.status == 0 && replaced?.contains { $0.contains("the tipping search sets this input at every value it tries") } == true,
                "\(tipping.out)\(tipping.err)")
    }

    /// Each warning of a run is printed once and kept in the outputs, whichever search
    /// printed it: `margins --across` loads the file once per value (a value's warning was
    /// lost from the JSON, a file's printed once per value, and named "--set 1"), warns when
    /// it replaces what a variant sets, and `--pairs`, `--across` and `alternatives` say
    /// what the variants put outside their stated ranges; a text table written to a file
    /// carries them as a footer.
    @Test func eachWarningIsSaidOnceAndKept() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func warnings(_ path: URL) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any]
            return object?["warnings"] as? [String] ?? []
        }
        let across = d.appendingPathComponent("across.json")
        let r = try CLI.run(["margins", CLI.tiny, "--variants", "no-quota", "--baseline", "base", "--param", "costs.case_cost",
                             "--across", "posts.PA.annual_cost=0.5,6000", "-f", "json", "-o", across.path])
        let said = try warnings(across)
        #expect(r.status == 0 && said.count == 1 && said[0].hasPrefix("--across (posts.PA.annual_cost=0.5):")
                && said[0].contains("less than a thousandth") && r.err.components(separatedBy: said[0]).count == 2, "\(said)\n\(r.err)")
        let budget = d.appendingPathComponent("budget.json")
        let b = try CLI.run(["margins", CLI.tiny, "--variants", "tight", "--baseline", "base", "--param", "costs.case_cost",
                             "--across", "rules.budget=15000,16000", "-f", "json", "-o", budget.path])
        let replaced = try warnings(budget)
        #expect(b.status == 0 && replaced == [
            "command line:1:1: warning: rules.budget: --across sets this input at each of its values, after every other change, replacing what tight "
                + "sets (tight's rules.budget: 15100): that value is solved only where --across tries it"], "\(b.err)")
        // A variant's input outside its stated range, said by every search over it.
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "variants:\n", with: "variants:\n  pricey: {set: {posts.PB.annual_cost: 9000}}\n")
        let file = d.appendingPathComponent("pricey.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        for args in [["margins", file.path, "--variants", "pricey", "--baseline", "base", "--pairs", "--max-corners", "2"],
                     ["alternatives", file.path, "--variant", "pricey", "--count", "1"]] {
            let out = d.appendingPathComponent("\(args[0]).json")
            let run = try CLI.run(args + ["-f", "json", "-o", out.path])
            let kept = try warnings(out)
            #expect(run.status == 0 && kept.contains { $0.contains("posts.PB.annual_cost") && $0.contains("outside") }, "\(args): \(run.err)")
        }
        // A text table written to a file keeps them as a footer; on standard output it does not.
        let table = d.appendingPathComponent("plan.txt")
        let solved = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "--set", "rules.budget=16000", "-o", table.path])
        let written = try String(contentsOf: table, encoding: .utf8)
        #expect(solved.status == 0 && written.contains("\nWarnings (printed on standard error as the run went):\n- --set 1 (rules.budget=16000):"), "\(written)")
        let shown = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "--set", "rules.budget=16000"])
        #expect(shown.status == 0 && !shown.out.contains("Warnings (printed") && shown.err.contains("replaces what the variant sets itself"))
    }

    /// A long search says how far it is where standard error is not a terminal (a log, a
    /// notebook): a whole line every interval (60 s; here the environment's 1 ms, so that a
    /// short run shows it), none with --quiet, and the result is the same.
    @Test func aLongSearchLogsItsProgressOutsideATerminal() throws {
        let args = ["margins", Self.uncertain, "--variants", "no-quota", "--baseline", "base", "-f", "csv"]
        let logged = try CLI.run(args, environment: ["DIPNET_PROGRESS_LOG_SECONDS": "0.001"])
        let lines = logged.err.split(separator: "\n").filter { $0.hasPrefix("margins: ") }
        #expect(logged.status == 0 && !lines.isEmpty && lines.allSatisfy { $0.contains(" of 18 inputs · ") && $0.contains(" s") && !$0.contains("\r") },
                "\(logged.err)")
        #expect(!logged.err.contains("margins: 18 of 18"), "the last item is the result, not a progress line: \(logged.err)")
        let quiet = try CLI.run(args + ["-q"], environment: ["DIPNET_PROGRESS_LOG_SECONDS": "0.001"])
        #expect(quiet.status == 0 && !quiet.err.contains("margins: "), "\(quiet.err)")
        let plain = try CLI.run(args)
        #expect(plain.status == 0 && !plain.err.contains("margins: ") && plain.out == logged.out && plain.out == quiet.out)
    }

    @Test func shardedSimulationMergesToTheUnshardedRunExactly() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func path(_ n: String) -> String { d.appendingPathComponent(n).path }
        let whole = try CLI.run(["simulate", Self.uncertain, "--records", path("all.jsonl"), "--format", "json", "--quiet"])
        #expect(whole.status == 0, "\(whole.err)")
        for i in 0..<3 {
            let s = try CLI.run(["simulate", Self.uncertain, "--records", path("s\(i).jsonl"), "--shard", "\(i)/3", "--quiet"])
            #expect(s.status == 0, "\(s.err)")
        }
        let merged = try CLI.run(["merge", path("s2.jsonl"), path("s0.jsonl"), path("s1.jsonl"), "--into", path("merged.jsonl"), "--format", "json"])
        #expect(merged.status == 0, "\(merged.err)")
        #expect(try Data(contentsOf: d.appendingPathComponent("merged.jsonl")) == Data(contentsOf: d.appendingPathComponent("all.jsonl")))
        #expect(CLI.withoutCommand(merged.out) == CLI.withoutCommand(whole.out))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(whole.out.utf8)) as? [String: Any])
        #expect(json["draws"] as? Double == 40)
        // A part's header beside it is an input, and the header of --into an output: --also
        // may replace neither (a hostile pass's merge overwrote a shard's header, and it
        // could no longer be merged or resumed).
        let header = try Data(contentsOf: URL(fileURLWithPath: path("s0.jsonl.run.json")))
        let overInput = try CLI.run(["merge", path("s0.jsonl"), path("s1.jsonl"), "--also", path("s0.jsonl.run.json")])
        #expect(overInput.status == 2 && overInput.err.contains("an input of this run"), "\(overInput.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("s0.jsonl.run.json"))) == header)
        let overInto = try CLI.run(["merge", path("s0.jsonl"), path("s1.jsonl"), "--into", path("m.jsonl"), "--also", path("m.jsonl.run.json")])
        #expect(overInto.status == 2 && overInto.err.contains("--into (its header)"), "\(overInto.err)")
        // A merge's data package (and workbook) says where its records come from: no scenario is loaded.
        let package = try CLI.run(["merge", path("s0.jsonl"), path("s1.jsonl"), "-f", "datapackage", "-o", path("pkg")])
        #expect(package.status == 0, "\(package.err)")
        let described = try String(contentsOfFile: path("pkg/datapackage.json"), encoding: .utf8)
        #expect(described.contains("from the records \(path("s0.jsonl")), \(path("s1.jsonl")) merged: simulation of")
                && described.contains("seed") && described.contains("content SHA-256 "), "\(described.prefix(600))")
    }

    /// `simulate --effect` gives the "Budget" table as the budget saved, + in the variant's
    /// favour, as compare --effect does: each figure of the JSON's cost_net_of_income (each
    /// variant minus the first) with its sign turned, P5 the turned P95; `merge --effect`
    /// the same from the records; JSON unchanged; a sweep's records refused before merging.
    @Test func simulateEffectGivesTheBudgetSaved() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let records = d.appendingPathComponent("r.jsonl").path
        let json = try CLI.run(["simulate", Self.uncertain, "--draws", "30", "--records", records, "-f", "json", "--quiet"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let diff = try #require((doc["differences"] as? [[String: Any]])?.first)
        let cost = try #require(diff["cost_net_of_income"] as? [String: Double])
        let (mean, p5, p50, p95) = (cost["mean"]!, cost["p5"]!, cost["p50"]!, cost["p95"]!)
        #expect(p5 < p95, "\(cost)")
        func row(_ text: String) -> [String]? {
            text.split(separator: "\n").first { $0.contains("over the horizon") }.map { $0.split(separator: " ").map(String.init) }
        }
        // As the table writes money: whole units, grouped by thousands, "-" for a negative.
        func money(_ x: Double) -> String {
            let n = Int(x.rounded()), digits = String(abs(n))
            var grouped = ""
            for (k, c) in digits.enumerated() { if k > 0, (digits.count - k) % 3 == 0 { grouped += "," }; grouped.append(c) }
            return (n < 0 ? "-" : "") + grouped
        }
        let plain = try CLI.run(["simulate", Self.uncertain, "--draws", "30", "--quiet"])
        let saved = try CLI.run(["simulate", Self.uncertain, "--draws", "30", "--effect", "--quiet"])
        #expect(plain.out.contains("Budget: cost net of income minus") && saved.out.contains("Budget saved:"), "\(saved.out)")
        let plainRow = try #require(row(plain.out)), savedRow = try #require(row(saved.out))
        #expect(Array(plainRow.suffix(5).prefix(4)) == [mean, p5, p50, p95].map(money), "\(plainRow)")
        #expect(Array(savedRow.suffix(5).prefix(4)) == [-mean, -p95, -p50, -p5].map(money), "\(savedRow)")
        #expect(plainRow.last == savedRow.last, "the share that saves is the same either way")
        let effectJSON = try CLI.run(["simulate", Self.uncertain, "--draws", "30", "--effect", "-f", "json", "--quiet"])
        #expect(CLI.withoutCommand(effectJSON.out) == CLI.withoutCommand(json.out))
        let merged = try CLI.run(["merge", records, "--effect"])
        #expect(try #require(row(merged.out)) == savedRow, "\(merged.out)")
        let sweep = d.appendingPathComponent("s.jsonl").path
        #expect(try CLI.run(["sweep", CLI.tiny, "--param", "posts.PA.annual_cost=1000..2000:2", "--records", sweep, "--quiet"]).status == 0)
        let into = d.appendingPathComponent("m.jsonl").path
        let refused = try CLI.run(["merge", sweep, "--effect", "--into", into])
        #expect(refused.status != 0 && refused.err.contains("holds the records of a sweep") && !FileManager.default.fileExists(atPath: into),
                "\(refused.err)")
    }

    @Test func resumedRunEndsAsIfUninterrupted() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let full = d.appendingPathComponent("full.jsonl"), part = d.appendingPathComponent("part.jsonl")
        #expect(try CLI.run(["simulate", Self.uncertain, "--draws", "12", "--records", full.path, "--quiet"]).status == 0)
        // Keep the header (beside the records), five records and half of the sixth, as a killed run would.
        let lines = try String(contentsOf: full, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let torn = lines[0..<5].joined(separator: "\n") + "\n" + lines[5].prefix(20)
        try torn.write(to: part, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: full.path + ".run.json", toPath: part.path + ".run.json")
        let r = try CLI.run(["simulate", Self.uncertain, "--draws", "12", "--records", part.path, "--resume", "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty || r.err.contains("part.jsonl:6: not a complete JSON line"), "\(r.err)")
        #expect(try Data(contentsOf: part) == Data(contentsOf: full))
        // A records file of another run is refused.
        let other = try CLI.run(["simulate", Self.uncertain, "--draws", "12", "--seed", "99", "--records", part.path, "--resume"])
        #expect(other.status == 2 && other.err.contains("records another run"))
    }

    /// Records of another scenario are not charted, and a record a run cannot have
    /// made (a draw beyond its draws) is refused by merge and resume alike.
    @Test func recordsOutsideTheirRunAreRefused() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let records = d.appendingPathComponent("sim.jsonl").path
        #expect(try CLI.run(["simulate", Self.uncertain, "--draws", "3", "--records", records, "--quiet"]).status == 0)
        let foreign = try CLI.run(["report", CLI.tiny, "--variants", "base,tight", "--simulation", records,
                                   "--out", d.appendingPathComponent("r.html").path])
        #expect(foreign.status == 2 && foreign.err.contains("another scenario") && !foreign.err.contains("solving 3"), "\(foreign.err)")
        var lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "\"draw\":0", with: "\"draw\":99")
        try (lines.joined(separator: "\n") + "\n").write(toFile: records, atomically: true, encoding: .utf8)
        let merged = try CLI.run(["merge", records])
        #expect(merged.status == 2 && merged.err.contains("draw 99"), "\(merged.err)")
        let resumed = try CLI.run(["simulate", Self.uncertain, "--draws", "3", "--records", records, "--resume", "--quiet"])
        #expect(resumed.status == 2 && resumed.err.contains("job 99"), "\(resumed.err)")
    }

    /// A report of records that hold part of their run says so, on the terminal and in the
    /// HTML (2 of 5 points were charted without a word, exit 0: a hostile pass's case).
    @Test func aReportOfPartialRecordsSaysSo() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let records = d.appendingPathComponent("sweep.jsonl").path
        #expect(try CLI.run(["sweep", CLI.tiny, "--param", "posts.PA.annual_cost=5000..7000:5", "--records", records, "--quiet"]).status == 0)
        // The first two points and a third cut off (the header is in sweep.jsonl.run.json).
        let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(2).joined(separator: "\n") + "\n" + lines[2].prefix(40)).write(toFile: records, atomically: true, encoding: .utf8)
        let html = d.appendingPathComponent("r.html").path
        let r = try CLI.run(["report", CLI.tiny, "--variants", "base,tight", "--sweep", records, "--out", html])
        #expect(r.status == 0 && r.err.contains("holds 2 of 5 points of the sweep"), "\(r.err)")
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("The records hold 2 of the sweep's 5 points"))
        // The report names what every variant changes alike, as the text table does.
        let alike = d.appendingPathComponent("alike.html").path
        #expect(try CLI.run(["report", CLI.tiny, "--variants", "close-pa,tight", "--baseline", "tight", "--out", alike, "-q"]).status == 0)
        #expect(try String(contentsOfFile: alike, encoding: .utf8).contains("Changed alike in every variant compared, so in no row: closed PA; opened PA2"))
    }

    /// Requests that cannot mean what they say are refused with why (they ran: an
    /// always-true ranking was called infeasible, a baseline against itself gave an
    /// empty report, a share's range was clamped, a post around which twice was solved
    /// twice), and criteria.*.weight is swept as --set takes it.
    @Test func misusesAreRefusedAndWildcardWeightsSweep() throws {
        let cases: [([String], String)] = [
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--order", "geopolitical >= geopolitical"], "names geopolitical twice"),
            // a misspelt ranking, a budget with the proof off, an infinite bound
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--weight", "economic=1..2", "--order", "geopolitical => economic"],
             "could not read the ranking \"geopolitical => economic\""),
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--weight", "economic=1..2", "--order", "economic <= geopolitical"],
             "for 'a <= b' write 'b >= a'"),
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--order", "geopolitical >= foo"], "the ranking names foo, which is no criterion"),
            (["attribute", CLI.tiny, "--pair", "base", "--lines", "tight"], "--pair takes two variants"),
            (["attribute", CLI.tiny, "--pair", "base,close-pa", "--lines", "tigth"], "tigth"),
            (["attribute", CLI.tiny, "--pair", "base,base", "--lines", "tight"], "two different variants"),
            // a wrong --table is refused before any solve, with the tables there are
            (["attribute", CLI.tiny, "--pair", "base,close-pa", "--lines", "tigth", "-f", "csv", "--table", "nonsense"],
             "no table \"nonsense\" in this output; its tables: lines, subsets"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--table", "pairs"], "its tables: margins"),
            // a batch run's tables depend on its result, but a name none can have is refused
            // before the first draw (it was found after all of them)
            (["simulate", AnalysesCLITests.uncertain, "--draws", "20", "-f", "csv", "--table", "nonsense"],
             "its tables can be: variants, differences, drivers, open_share"),
            (["sweep", CLI.tiny, "--param", "posts.PA.annual_cost=1..2:3", "-f", "csv", "--table", "nonsense"], "its tables can be: points, closure_order"),
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--no-proof", "--region-solves", "5"], "leave them out with --no-proof"),
            (["robust", CLI.tiny, "--weight", "geopolitical=1..2", "--no-proof", "--proof-solves", "5"], "leave them out with --no-proof"),
            (["robust", CLI.tiny, "--weight", "geopolitical=0..inf"], "finite"),
            (["margins", CLI.tiny, "--variants", "base", "--baseline", "base"], "only the baseline"),
            // --pairs: pairs flip inside stated ranges; a file that states none, or a flag that belongs to another search, is refused by name
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--pairs"], "no input of the comparison has a stated range"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--pairs", "--across", "posts.PA.annual_cost=1..2:2"], "two searches"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--pairs", "--screen", "nan"], "--screen must be"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--screen", "1"], "give --pairs too"),
            (["margins", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny/pair_flip.yaml").path, "pa", "--pairs",
              "--param", "countries.A.scores.g", "--param", "posts.PA.annual_cost", "--param", "countries.A.scores.g"], "is given twice"),
            (["tipping", CLI.tiny, "--post", "PB", "--param", "presence.accredited", "--range", "0..5"], "takes values in 0…1"),
            (["alternatives", CLI.tiny, "--around", "PA,PA", "--count", "1"], "names PA twice"),
            // the report's robust weights are checked before its comparison is solved
            (["report", CLI.tiny, "--weight", "ghost=0..1", "--jobs", "1"], "no criterion \"ghost\""),
            (["alternatives", CLI.tiny, "--around", " , "], "--around takes post ids"),
            (["alternatives", CLI.tiny, "--around", "PA", "--chains", "2"], "give one or the other"),
            (["robust", CLI.tiny, "--weight", "geopolitical=1000..2000", "--set", "criteria.geopolitical.weight=5"],
             "both give the weight of geopolitical"),
            (["tipping", CLI.tiny, "--variant", "status-quo", "--post", "PB", "--param", "posts.PB.annual_cost"], "evaluates the network"),
            // --answers: the answers of one input at a time, after --flips for compare
            (["compare", CLI.tiny, "--answers", "lead"], "give --flips too"),
            // An optional limit the variant leaves off is scanned only over a range given (the
            // default 0…1 imposed a budget and read the decision there as the variant's).
            (["tipping", CLI.tiny, "--post", "PA", "--param", "rules.budget"], "base sets no rules.budget (the limit is off): give --range LO..HI"),
            (["coalition", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/coalition/regions.yaml").path,
              "--tipping", "A:rules.budget", "--post", "A:PA"], "--tipping A:rules.budget: A sets no rules.budget (the limit is off)"),
            // A range whose end the file refuses is refused before the scan (a coalition listed
            // horizon 0 as a value without a joint plan), naming the state's path.
            (["tipping", CLI.tiny, "--post", "PA", "--param", "horizon_years", "--range", "0..20"], "--range 0..20: horizon_years cannot be 0: horizon_years must be > 0"),
            (["coalition", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/coalition/regions.yaml").path,
              "--tipping", "A:horizon_years", "--post", "A:PA", "--range", "0..20"], "--range 0..20: A:horizon_years cannot be 0: horizon_years must be > 0"),
            (["coalition", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/coalition/regions.yaml").path,
              "--tipping", "A:posts.PA.capacity", "--post", "A:PA", "--range", "5..1e30"], "--range 5..1e+30: A:posts.PA.capacity takes values in 0…"),
            // An end too small to mean anything, or one whose model GLPK must not be given, is
            // refused before the scan (both ended in a GLPK error, exit 1, after solving the rest).
            (["tipping", CLI.tiny, "--post", "PA", "--param", "horizon_years", "--range", "1e-320..1"], "horizon_years = 1e-320 is too small to be meaningful"),
            // A money input at 0 has no default range (0–1 EUR read "no tipping point found"); a
            // bad tolerance names itself alone; an infinite end is named as such.
            (["tipping", CLI.tiny, "--post", "PA", "--param", "posts.PA.close_cost", "--set", "posts.PA.close_cost=0"],
             "posts.PA.close_cost is 0 in base, so the default range (0 to twice the value now) is empty: give --range LO..HI"),
            (["tipping", CLI.tiny, "--post", "PA", "--param", "posts.PA.annual_cost", "--tolerance", "0"], "--tolerance must be a number > 0, found 0"),
            (["tipping", CLI.tiny, "--post", "PA", "--param", "posts.PA.annual_cost", "--range", "1e308..inf"], "--range takes LO..HI, finite numbers with LO < HI"),
            (["tipping", CLI.tiny, "--post", "PA", "--param", "costs.unserved_case_penalty", "--range", "0..1e12"],
             "--range 0..1000000000000: at costs.unserved_case_penalty = 1000000000000 the model cannot be given to GLPK ("),
            (["coalition", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/coalition/regions.yaml").path,
              "--set", "A:horizon_years=1e-320"], "--set A:horizon_years=1e-320: horizon_years = 1e-320 is too small to be meaningful"),
            (["report", CLI.tiny, "-o", "/tmp/dipnet-never-written.html", "--answers", "lead"], "give --margins COMPARISON too"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--pairs", "--answers", "lead"], "--pairs asks only who is ahead"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--answers", ","], "--answers needs lead, budget, all or post ids"),
            (["margins", CLI.tiny, "--variants", "close-pa", "--baseline", "base", "--answers", "PB"],
             "--answers PB: not an answer of this comparison; give lead (each variant against base), budget (whether each saves the budget against it) or a post a free optimum decides otherwise than base (PA2, PC)"),
        ]
        for (args, why) in cases {
            let r = try CLI.run(args + ["--quiet"])
            #expect(r.status == 2 && r.err.contains(why), "\(args): \(r.err)")
        }
        // A refused coalition search is told without "scanning … in the joint plan" above it.
        let scan = try CLI.run(["coalition", CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/coalition/regions.yaml").path,
                                "--tipping", "A:posts.PA.capacity", "--post", "A:PQ"])
        #expect(scan.status == 2 && scan.err.contains("--post: A has no post \"PQ\"") && !scan.err.contains("scanning"), "\(scan.err)")
        // A refused line is told without "solving … under 4 combinations" above it.
        let overlap = try CLI.run(["attribute", CLI.tiny, "--pair", "base,close-pa", "--lines", "no-quota,scaled"])
        #expect(overlap.status == 2 && overlap.err.contains("both change") && !overlap.err.contains("solving"), "\(overlap.err)")
        // generate does not write over a folder that holds files, unless asked to.
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        try "mine".write(to: d.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let gen = try CLI.run(["generate", "--countries", "3", "--out", d.path])
        #expect(gen.status == 2 && gen.err.contains("already holds") && gen.err.contains("--force"), "\(gen.err)")
        #expect(try String(contentsOf: d.appendingPathComponent("scenario.yaml"), encoding: .utf8) == "mine")
        #expect(try CLI.run(["generate", "--countries", "3", "--out", d.path, "--force"]).status == 0)
        // A file where a folder is expected, and a network too large to read back: plain words.
        let file = d.appendingPathComponent("scenario.yaml").path
        for (out, why) in [(file, "is a file, not a folder"), (file + "/x", "cannot write into \(file)/x: Not a directory")] {
            let r = try CLI.run(["generate", "--countries", "3", "--out", out, "--force"])
            #expect(r.status == 2 && r.err.contains(why) && !r.err.contains("NSCocoaErrorDomain"), "\(r.err)")
        }
        // A folder where one of the files goes: nothing is replaced (the first two tables were,
        // beside the old scenario.yaml: a hostile pass's case).
        let mixed = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: mixed) }
        try "mine".write(to: mixed.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: mixed.appendingPathComponent("posts.csv"), withIntermediateDirectories: false)
        let blocked = try CLI.run(["generate", "--countries", "3", "--out", mixed.path, "--force"])
        #expect(blocked.status == 2 && blocked.err.contains("posts.csv: it is a folder (nothing in"), "\(blocked.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mixed.path).sorted() == ["posts.csv", "scenario.yaml"])
        #expect(try String(contentsOf: mixed.appendingPathComponent("scenario.yaml"), encoding: .utf8) == "mine")
        // A time limit past Int64's milliseconds (1e16 s) is no limit: it trapped where a
        // second core searches for plans (300 or more posts).
        let big = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: big) }
        #expect(try CLI.run(["generate", "--countries", "150", "--posts-per-country", "2", "--out", big.path]).status == 0)
        let long = try CLI.run(["solve", big.appendingPathComponent("scenario.yaml").path, "--time-limit", "1e16", "--gap", "0.5", "-q"])
        #expect(long.status == 0 && !long.err.contains("runtime failure"), "\(long.err)")
        let huge = try CLI.run(["generate", "--countries", "20000", "--posts-per-country", "50", "--out", d.path])
        #expect(huge.status == 2 && huge.err.contains("at most 500000"), "\(huge.err)")
        // 500,000 embassies and consulates pass the check of the options; the light offices
        // drawn beside embassies take the file past it: refused once drawn, nothing written.
        let drawn = d.appendingPathComponent("drawn").path
        let over = try CLI.run(["generate", "--countries", "100000", "--posts-per-country", "5", "--out", drawn])
        #expect(over.status == 2 && over.err.contains("light offices beside embassies") && over.err.contains("at most 500000"), "\(over.err)")
        #expect(!FileManager.default.fileExists(atPath: drawn))
        // Nor the folders above --out it would have created (a hostile check found them left).
        let deep = d.appendingPathComponent("new1/new2/big").path
        let refused = try CLI.run(["generate", "--countries", "100000", "--posts-per-country", "5", "--out", deep])
        #expect(refused.status == 2 && !FileManager.default.fileExists(atPath: d.appendingPathComponent("new1").path), "\(refused.err)")
        let sweep = try CLI.run(["sweep", CLI.tiny, "--param", "criteria.*.weight=2000,3000", "-f", "csv", "--quiet"])
        let set = try CLI.run(["solve", CLI.tiny, "--set", "criteria.*.weight=2000", "-f", "json", "--quiet"])
        #expect(sweep.status == 0 && sweep.out.contains("2000,optimal,32500,"), "\(sweep.out)\(sweep.err)")
        #expect(set.out.contains("\"net_benefit\": 32500.0"), "\(set.out)")
    }

    /// A comparison with a free optimum says before its search how many answers are posts'
    /// decisions and how to ask only the leads (76 answers of havana-network over 494
    /// inputs take about an hour); `--answers` and `-q` silence it, and it changes no row.
    @Test func aSearchOfPostsDecisionsSaysHowToAskLess() throws {
        let plateau = CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny/tie_plateau.yaml").path
        let args = ["margins", plateau, "--variants", "free", "--baseline", "shut", "-f", "csv"]
        let all = try CLI.run(args)
        #expect(all.status == 0 && all.err.contains("2 answers, 1 of them posts' decisions in free optima, each searched over 13 inputs; "
                                                    + "--answers lead asks only"), "\(all.err)")
        let lead = try CLI.run(args + ["--answers", "lead"])
        #expect(lead.status == 0 && !lead.err.contains("posts' decisions"), "\(lead.err)")
        #expect(!(try CLI.run(args + ["-q"])).err.contains("posts' decisions"))
        // The lead's rows are the full run's "free vs baseline" rows.
        let leadRows = lead.out.split(separator: "\n").dropFirst()
        #expect(!leadRows.isEmpty && leadRows.allSatisfy { all.out.contains($0) && $0.hasPrefix("free vs baseline,") }, "\(lead.out)")
    }

    @Test func shardedSweepMergesToo() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func path(_ n: String) -> String { d.appendingPathComponent(n).path }
        let args = ["sweep", CLI.tiny, "--variant", "tight", "--param", "rules.budget=15000..20000:11", "--quiet"]
        let whole = try CLI.run(args + ["--records", path("all.jsonl"), "-f", "json"])
        #expect(whole.status == 0)
        #expect(try CLI.run(args + ["--records", path("a.jsonl"), "--shard", "0/2"]).status == 0)
        #expect(try CLI.run(args + ["--records", path("b.jsonl"), "--shard", "1/2"]).status == 0)
        let merged = try CLI.run(["merge", path("a.jsonl"), path("b.jsonl"), "--into", path("m.jsonl"), "-f", "json"])
        #expect(merged.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("m.jsonl"))) == Data(contentsOf: URL(fileURLWithPath: path("all.jsonl"))))
        // The merged summary is the run's, warnings and all: the sweep replaces tight's own
        // budget, a warning the records' header keeps and the merge says again (it was lost).
        #expect(CLI.withoutCommand(merged.out) == CLI.withoutCommand(whole.out) && whole.out.contains("\"warnings\"")
                && whole.out.contains("replacing what tight sets"), "\(merged.out)")
        #expect(merged.err.contains("warning: rules.budget: the sweep sets this input at every point"), "\(merged.err)")
        // A records file written before the header kept warnings resumes and merges all the same.
        let header = path("a.jsonl") + ".run.json"
        var h = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: header))) as? [String: Any])
        h.removeValue(forKey: "warnings")
        try JSONSerialization.data(withJSONObject: h).write(to: URL(fileURLWithPath: header))
        #expect(CLI.withoutCommand(try CLI.run(["merge", path("a.jsonl"), path("b.jsonl"), "-f", "json"]).out) == CLI.withoutCommand(whole.out))
        #expect(try CLI.run(args + ["--records", path("a.jsonl"), "--shard", "0/2", "--resume"]).status == 0)
    }

    @Test func interruptKeepsFinishedRecords() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let records = d.appendingPathComponent("r.jsonl")
        let (status, lines) = try CLI.interrupt(["simulate", Self.uncertain, "--draws", "100000", "--records", records.path, "--quiet", "--jobs", "1"],
                                                onceRecords: records, reach: 20)
        #expect(status == 130)
        #expect(lines.count >= 20)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "torn line: \(line)") }
        // The partial summary on standard output says it is one (a pipeline took 944 of
        // 20,000 draws for the whole run): JSON `interrupted: true`, markdown a line.
        let out = d.appendingPathComponent("out.json"), again = d.appendingPathComponent("again.jsonl")
        let (jsonStatus, _) = try CLI.interrupt(["simulate", Self.uncertain, "--draws", "100000", "--records", again.path, "--quiet", "--jobs", "1", "-f", "json"],
                                                onceRecords: again, reach: 20, stdout: out)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        // 20 records of two variants: at least 10 draws each
        let solved = ((doc["variants"] as? [[String: Any]])?.first?["solved"] as? Int) ?? -1
        #expect(jsonStatus == 130 && doc["interrupted"] as? Bool == true && solved >= 10 && solved < 100_000, "\(doc["interrupted"] ?? "nil") \(solved)")
        let md = d.appendingPathComponent("out.md"), third = d.appendingPathComponent("third.jsonl")
        _ = try CLI.interrupt(["simulate", Self.uncertain, "--draws", "100000", "--records", third.path, "--quiet", "--jobs", "1", "-f", "markdown"],
                              onceRecords: third, reach: 20, stdout: md)
        #expect(try String(contentsOf: md, encoding: .utf8).contains("**Interrupted**: the run was stopped; this summary covers only the records finished before the stop."))
        // A run not stopped has no such key.
        let whole = try CLI.run(["simulate", Self.uncertain, "--draws", "4", "-f", "json", "--quiet"])
        #expect(whole.status == 0 && !whole.out.contains("\"interrupted\""))
    }
}

extension CLI {
    /// Starts dipnet, sends SIGINT once `onceRecords` holds `reach` lines, and
    /// returns its exit status and the records file's lines.
    static func interrupt(_ args: [String], onceRecords records: URL, reach: Int, stdout: URL? = nil) throws -> (Int32, [String]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if let stdout {
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            p.standardOutput = FileHandle.nullDevice
        }
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? Data(contentsOf: records))?.split(separator: 0x0A).count ?? 0) < reach { usleep(50_000) }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let lines = (try? String(contentsOf: records, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return (p.terminationStatus, lines)
    }
}
