import ArgumentParser
import DiplomaticNetwork
import FileSupport
import Foundation
import GLPKSolver
import Reports

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem, or a one-line summary of each.",
        discussion: "Examples:\n  dipnet validate scenarios/belgium-2026/scenario.yaml scenarios/tutorial/*.yaml\n  dipnet validate --list scenarios/belgium-2026/scenario.yaml   (the variants and comparisons it offers)")

    @Argument(help: "Scenario or coalition files.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Flag(help: "Also list each file's variants (with what they extend and their descriptions) and comparisons.")
    var list = false

    @Flag(help: "Exit 1 when a file has warnings (a range that misses its value, a cost of a service not offered, …), for scripts and CI; the files are still read whole.")
    var strict = false

    func run() throws {
        var failures: [ScenarioError] = []
        var warned: [String] = []
        for file in files {
            do {
                if DipnetFileKind.of(file) == .coalition {
                    let c = try CoalitionFile.load(file)
                    printWarnings(c.warnings)
                    print(ValidationReport.line(file, c))
                    if list { print(ValidationReport.listing(c), terminator: "") }
                    if !c.warnings.isEmpty { warned.append("\(file) (\(c.warnings.count))") }
                } else {
                    let f = try ScenarioFile.load(file)
                    printWarnings(f.warnings)
                    print(ValidationReport.line(file, f))
                    if list { print(ValidationReport.listing(f), terminator: "") }
                    if !f.warnings.isEmpty { warned.append("\(file) (\(f.warnings.count))") }
                }
            } catch { failures.append(error) }
        }
        if !failures.isEmpty { throw ScenarioProblems(errors: failures) }
        // (a script read "ok" and exit 0 beside a warning it never saw: a new user)
        if strict, !warned.isEmpty {
            throw SolverFailure(message: "--strict: warnings in \(warned.joined(separator: ", ")); each is printed above")
        }
    }
}

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve one variant and print the plan: status, net benefit, costs, coverage, decisions.",
        discussion: "Examples:\n  dipnet solve scenarios/belgium-2026/scenario.yaml --variant close-havana\n  dipnet solve belgium.yaml --variant close-havana --set posts.HAV.annual_cost=900000 -f json -o close.json\n  dipnet solve belgium.yaml --variant letter-arguments+close-havana --table flows -f csv")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Variant to solve (base, status-quo, or one the file declares).")
    var variant = "base"

    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        // A --table no plan has is refused before the solve (it was found after it), with the
        // tables of the file's format version.
        let (loaded, scenario) = try loadVariant(self.file, variant, set: input.changes)
        try output.claim()
        try checkTable(output, kind: "result", formatVersion: scenario.formatVersion)
        let plan: Plan
        do { plan = try solver.diagnosingPlanner.solve(scenario) } catch {
            throw SolverFailure(message: "the solver failed: \(error)")
        }
        // A plan's own tables (summary, posts, countries…) keep the plan's
        // header and status in text; the others are shown as data.
        let planTable = output.table.flatMap(PlanReport.PlanTable.init(rawValue:))
        // With a plan (the best found, with its gap) the file gets it, as at a time limit.
        try solver.refuseOutIfInterrupted("the solve stopped before it found any plan", out: output.files.first, partial: !plan.hasSolution)
        let report = Report.plan(plan, table: planTable ?? .summary)
        let source = provenance(self.file, loaded.content, changes: input.changes, what: "variant \(variant)")
        // The plan's text (its header, status and summary, then a plan table): for -f table
        // and markdown, and an --also .txt or .md file alike.
        func asText(_ o: OutputOptions) -> String? {
            guard o.format == .table || o.format == .markdown, o.table == nil || planTable != nil else { return nil }
            var text = report.render(as: o.format)
            text = o.format == .markdown ? withReadingWarnings(text) : withTableWarnings(text, out: o.out)
            if o.format == .table, o.out == nil, Style.enabled, let r = text.range(of: "Status: \(plan.status)") {
                text.replaceSubrange(r, with: "Status: " + Style.status(plan.status))
            }
            return text
        }
        try output.claimAlso()
        var main = output
        main.also = []
        if let text = asText(main) { try emit(text, to: main.out) } else { try emit(report, main, source: source) }
        for e in output.alsoOutputs {
            if let text = asText(e) { try emit(text, to: e.out, role: "--also") } else { try emitOne(report, e, source: source, role: "--also") }
        }
        try solver.exitIfInterrupted()
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve several variants and print them side by side with differences to a baseline.",
        discussion: "Examples:\n  dipnet compare scenarios/belgium-2026/scenario.yaml havana\n  dipnet compare belgium.yaml havana -f xlsx -o havana.xlsx\n  dipnet compare belgium.yaml havana -f csv --csv-dialect excel --table decisions -o decisions.csv\n  dipnet compare belgium.yaml --variants keep-havana,close-havana --baseline keep-havana")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Argument(help: "A comparison the file declares (default: its only or first one).")
    var comparison: String?

    @Option(help: "Variants to compare, comma-separated (instead of a declared comparison).")
    var variants: String?

    @Option(help: "Baseline variant (default: the comparison's, else status-quo).")
    var baseline: String?

    @Flag(help: ArgumentHelp("Also say what flips the answer: each input's nearest flip, one at a time, with its stated range and "
                             + "source, as dipnet margins finds it (more solves: about 30 s on the Belgian havana comparison). "
                             + "Whether each variant still beats the baseline; --answers all also asks each post a free optimum decides otherwise. "
                             + "The text ends (Markdown begins) with each answer in words and the inputs that reverse it. "
                             + "Table `flips`, JSON `flips`."))
    var flips = false

    @Option(help: answersHelp) var answers: String?

    @Option(help: orderHelp) var order: MarginsResult.Order?

    @Flag(help: ArgumentHelp("Give each variant's effect against the baseline with one sign, + in the variant's favour (money saved; value, "
                             + "income or coverage gained; fewer cases unserved or rules broken) and − against it, instead of each variant minus the baseline, "
                             + "where a cost that falls is negative (-f table|markdown; JSON `effect`, the CSV's and workbook's `effect` columns "
                             + "hold it always)."))
    var effect = false

    @Option(name: .customLong("country"), help: ArgumentHelp("Show who handles the cases in this country in each plan, service by service: a post (with its distance when abroad), a partner, or no one; and its presence (repeatable, e.g. CUB; -f table|markdown; every country's: dipnet solve --table flows -f csv).", valueName: "COUNTRY"))
    var countries: [String] = []

    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        if answers != nil, !flips { throw UserError("--answers chooses the answers --flips searches: give --flips too") }
        if order != nil, !flips { throw UserError("--order lists what --flips finds: give --flips too") }
        if !countries.isEmpty, flips || ![.table, .markdown].contains(output.format) || output.table != nil {
            throw UserError("--country adds a table to the comparison's report (-f table or markdown, no --table, no --flips); "
                            + "every country's rows are in dipnet solve FILE --variant V --table flows -f csv")
        }
        // A --table no comparison has is refused before the solves (it was found after them),
        // with the tables of the file's format version (checked once it is read, below).
        if let t = output.table, ["flips", "answers"].contains(t), !flips {
            throw UserError("no table \"\(t)\" in this output without --flips: give --flips for what flips the answer")
        }
        // Who is ahead, unless told otherwise: the posts' decisions in free optima are the long
        // part of a search (60 answers of havana-letter took more than 10 minutes).
        let answerList = try parsedAnswers(answers, default: [Margins.leadAnswer])
        let file = try loadScenario(self.file, set: input.changes, variants: variantList(variants) + [baseline].compactMap { $0 }, comparison: comparison)
        try output.claim()
        try checkTable(output, kind: "comparison", formatVersion: file.base.formatVersion)
        let known = file.base.countries.map(\.id)
        let unknown = countries.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw UserError(unknown.map { "--country \($0): no country \"\($0)\" in \(self.file)\(didYouMeanOrList($0, known, noun: "countries"))" }
                .joined(separator: "\nerror: "))
        }
        var c = try solveComparison(file, comparison: comparison, variants: variants, baseline: baseline, solver: solver)
        c.focusCountries = firstOccurrences(countries)
        c.showsEffects = effect
        try solver.refuseOutIfInterrupted("the comparison rests on solves cut short", out: output.files.first, partial: true)
        let source = provenance(self.file, file.content, changes: input.changes, what: "comparison \(c.name)")
        guard flips else {
            try emit(.comparison(c), output, source: source)
            try solver.exitIfInterrupted()
            return
        }
        // The margins of the same question: each input of the uncertainty: section (or the
        // posts' costs, demand, scores… of the countries the answer touches), one at a time.
        let list = variants.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let result: MarginsResult
        do {
            result = try searchMargins(file, comparison: comparison, variants: list, baseline: baseline, only: nil, tolerance: 1e-3,
                                       answers: answerList, leadByDefault: answers == nil, order: order ?? .change, solver: solver)
        } catch let e as SolverFailure where !["flips", "answers"].contains(output.table ?? "") {
            // Nothing to flip (the baseline, or every variant, has no plan): the comparison,
            // which says why, is still written, then the error (exit 1); with --table flips
            // or answers, only the error.
            try emit(.comparison(c), output, source: source)
            throw SolverFailure(message: e.message + " (the comparison is written, without what flips it)")
        }
        try emit(.comparisonWithFlips(c, result), output, source: source)
    }
}

/// Resolves the comparison (declared, or --variants) and solves it, diagnosing infeasible variants.
func solveComparison(_ file: ScenarioFile, comparison: String?, variants: String?, baseline: String?, solver: SolverOptions) throws -> Comparison {
    let list = variants.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    var request: ComparisonRequest!
    try userFacing { request = try ComparisonRequest(file: file, comparison: comparison, variants: list, baseline: baseline) }
    warnOutsideStated(file, request.allVariants)
    solver.note("solving \(request.allVariants.count) variants: \(request.allVariants.joined(separator: ", "))"
                + (list != nil && baseline == nil ? " (baseline \(request.baseline) by default; --baseline VARIANT to choose)" : ""))
    do { return try solver.diagnosingPlanner.compare(request, in: file) }
    catch let e as ScenarioError { throw ScenarioProblems(errors: [e]) }
    catch { throw SolverFailure(message: "the solver failed: \(error)") }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every expect block of every scenario found and report each expectation.",
        discussion: "Example: dipnet test scenarios Tests/DiplomaticNetworkTests/Fixtures")

    @Argument(help: "Scenario files or directories to search (default: scenarios).", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String] = ["scenarios"]

    @Option(help: ArgumentHelp("Run only the checks written under these expect keys, comma-separated (e.g. beats,status: the conclusions, not the pinned figures).",
                               valueName: "keys"))
    var only: String?

    @OptionGroup var solver: SolverOptions

    func validate() throws {
        if let only {
            let keys = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let known = ExpectationSet.keys + CoalitionFile.Expectation.keys.filter { !ExpectationSet.keys.contains($0) }
            let unknown = keys.filter { !known.contains($0) }
            if keys.isEmpty || !unknown.isEmpty {
                throw ValidationError("--only takes expect keys: \(known.joined(separator: ", ")); not \(unknown.joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let run: ExpectationRun
        let keys = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        do { run = try ExpectationRun.run(paths: paths, planner: solver.planner, only: keys) } catch { throw ScenarioProblems(errors: [error]) }
        // --only that selects nothing must not pass as a green run.
        if let only, run.files.isEmpty, run.invalid.isEmpty {
            throw UserError("--only \(only) selects no check in \(paths.joined(separator: ", ")): nothing was tested")
        }
        for path in run.withoutExpectations { solver.note("\(path): no expectations") }
        if !run.skippedOthers.isEmpty {
            solver.note("skipped \(run.skippedOthers.count) YAML file(s) that are not dipnet files: "
                        + run.skippedOthers.prefix(5).joined(separator: ", ") + (run.skippedOthers.count > 5 ? ", …" : ""))
        }
        for file in run.files { printWarnings(file.warnings) }
        ProgressLine.shared.clear()
        print(Report.expectations(run).render(as: .table, tone: Style.tone), terminator: "")
        if !run.invalid.isEmpty {
            // After Ctrl-C the status is 130, invalid files or not (their problems still shown).
            if Interrupts.shared.requested { note(ScenarioProblems(errors: run.invalid).description) }
            try solver.exitIfInterrupted()
            throw ScenarioProblems(errors: run.invalid)
        }
        try solver.exitIfInterrupted()
        if run.failed > 0 { throw ExitCode.failure }
    }
}

struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the exact model of a variant as CPLEX LP or free MPS, for audit or another solver.",
        discussion: "Example: dipnet export-model belgium.yaml --variant close-havana --lp close.lp --mps close.mps")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "Variant to export.")
    var variant = "base"

    @Option(help: "Write CPLEX LP to this path.")
    var lp: String?

    @Option(help: "Write free MPS to this path (a maximisation is written negated: see the file's first lines).")
    var mps: String?

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp PATH or --mps PATH (or both)") }
        if lp == "-" || mps == "-" { throw ValidationError("GLPK writes the model to files: give --lp and --mps a path, not -") }
    }

    @OptionGroup var input: ChangeOptions

    func run() throws {
        let (file, scenario) = try loadVariant(self.file, variant, set: input.changes)
        let targets = [(lp, ModelFileFormat.cplexLP), (mps, .freeMPS)].compactMap { p, f in p.map { (path: $0, format: f) } }
        // The model is built once for both files, which are written all or nothing.
        let model = NetworkFormulation(scenario).model
        // An LP or MPS file without a variable is refused by glpsol and cbc alike.
        guard model.variableCount > 0 else {
            throw UserError("variant \(variant) has nothing to decide or count (no countries or posts): its model has no variable, which LP and MPS readers refuse")
        }
        do {
            try GLPKSolver.checkExportTargets(targets.map(\.path), inputs: file.inputFiles)
            try GLPKSolver().writeAll(targets.map { (model, $0.format, $0.path) })
        } catch { throw UserError("\(error)") }
        for t in targets { note("wrote \(t.path): \(model.variableCount) variables, \(model.constraintCount) constraints") }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two saved results (dipnet solve --format json): changed figures, decisions, presence, moved cases.",
        discussion: "Exit status as diff(1): 0 when the results and what they were run on (scenario, variant, --set changes) agree, 1 when any differs, 2 when a file cannot be read.\nExample: dipnet solve belgium.yaml --variant optimal -f json -o before.json; (edit the scenario); dipnet solve belgium.yaml --variant optimal -f json -o after.json; dipnet diff before.json after.json")

    @Argument(help: "The older result.", completion: .file(extensions: ["json"])) var a: String
    @Argument(help: "The newer result.", completion: .file(extensions: ["json"])) var b: String
    @Option(parsing: .unconditional, help: "Relative tolerance below which numbers count as equal.") var tolerance = 1e-9
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard tolerance.isFinite, tolerance >= 0 else { throw UserError("--tolerance must be a number ≥ 0, found \(tolerance)") }
        OutputGuard.shared.read([a, b])
        guard let x = FileManager.default.contents(atPath: a) else { throw UserError("cannot read \(a)") }
        guard let y = FileManager.default.contents(atPath: b) else { throw UserError("cannot read \(b)") }
        let d: PlanDiff
        do { d = try PlanDiff(x, y, labels: ((a as NSString).lastPathComponent, (b as NSString).lastPathComponent), tolerance: tolerance) }
        catch { throw UserError("\(error)") }
        try emit(.diff(d), output)
        if !d.isEmpty { throw ExitCode(1) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a comparison: table, charts, maps, and optionally sweep curves and simulation histograms.",
        discussion: "Example: dipnet report scenarios/belgium-2026/scenario.yaml havana --margins havana -o havana.html\n  dipnet report belgium.yaml havana --alternatives alts.jsonl --weight geopolitical=10000..30000 --weight economic=15000..40000 -o havana.html")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Argument(help: "A comparison the file declares (default: its first).") var comparison: String?
    @Option(help: "Variants to compare, comma-separated (instead of a declared comparison).") var variants: String?
    @Option(help: "Baseline variant.") var baseline: String?
    @Flag(help: "Give the comparison table's last columns as each variant's effect against the baseline, + in its favour (a cost that falls is +), as compare --effect, instead of its difference.")
    var effect = false
    @Option(name: .shortAndLong, help: "The HTML file to write (atomically); standard output if omitted.", completion: .file(extensions: ["html"])) var out: String?
    @Option(help: "Records of a dipnet sweep (--records) to chart.") var sweep: String?
    @Option(help: "Records of a dipnet simulate (--records) to chart.") var simulation: String?
    @Option(help: "Add what flips this comparison's answer (dipnet margins), e.g. havana.") var margins: String?
    @Flag(help: "With --margins: add the pairs of inputs that flip it together inside their stated ranges (dipnet margins --pairs).")
    var pairs = false
    @Option(help: ArgumentHelp("With --margins: the answers searched (dipnet margins --answers): lead (the default here, as compare --flips), budget, "
                               + "all, or posts a free optimum decides otherwise.",
                               valueName: "lead|budget|all|POST,…"))
    var answers: String?
    @Option(help: "Records of a dipnet alternatives run (--records) to show as a decision grid.", completion: .file(extensions: ["jsonl"]))
    var alternatives: String?
    @Option(name: .customLong("weight"), help: "CRITERION=LO..HI: add core, borderline and exterior posts (dipnet robust) under these weight bounds (repeatable).")
    var weights: [String] = []
    @Option(name: .customLong("order"), help: "A ranking of the weighted criteria for the robust posts, e.g. 'a >= b' (repeatable).") var orders: [String] = []
    @Option(help: "Variant whose posts are classified (default: optimal if the file has it, else base).") var robustVariant: String?
    @Option(help: ArgumentHelp("Add each argument line's share of the margin FIRST − SECOND (dipnet attribute; with --lines).", valueName: "FIRST,SECOND"))
    var attribute: String?
    @Option(help: ArgumentHelp("The argument lines for --attribute, variants of the file, comma-separated.", valueName: "A,B,…")) var lines: String?
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    mutating func validate() throws {
        if out == "-" { out = nil }   // standard output, as without --out
    }

    func run() throws {
        // Every name the report will use is checked before any solve.
        if (attribute == nil) != (lines == nil) { throw UserError("--attribute FIRST,SECOND and --lines A,B,… go together") }
        if pairs && margins == nil { throw UserError("--pairs adds to the margins of a comparison: give --margins COMPARISON too") }
        if answers != nil && margins == nil { throw UserError("--answers chooses the answers of --margins: give --margins COMPARISON too") }
        // Who is ahead unless told otherwise, as compare --flips (the decisions left out are named).
        let answerList = try parsedAnswers(answers, default: [Margins.leadAnswer])
        if weights.isEmpty, !orders.isEmpty || robustVariant != nil {
            throw UserError("--order and --robust-variant shape the robust posts, which --weight CRITERION=LO..HI adds; give the weights")
        }
        if let a = attribute, variantList(a).count != 2 { throw UserError("--attribute takes two variants, FIRST,SECOND, found \"\(a)\"") }
        let file = try loadScenario(self.file, set: input.changes, variants: variantList(variants) + [baseline, robustVariant].compactMap { $0 }
                                        + variantList(attribute) + variantList(lines),
                                    comparison: comparison)
        if let m = margins { try userFacing { _ = try ComparisonRequest(file: file, comparison: m) } }
        if !weights.isEmpty {
            // The robust posts' weights and ranking, checked before the comparison is solved.
            try userFacing {
                let s = try file.scenario(robustVariant ?? (file.variantNames.contains("optimal") ? "optimal" : "base"))
                let bounds = try weights.map { text throws(ParameterError) in try Robust.WeightBound(text) }
                let chains = try orders.map { text throws(ParameterError) in try Robust.order(text, known: s.criteria.map(\.id)) }
                try Robust.checkWeights(bounds, orders: chains, in: s)
            }
        }
        OutputGuard.shared.read([sweep, simulation, alternatives].compactMap { $0 })
        if let out { try OutputGuard.shared.claim(out, as: "--out") }
        // The records are read, and checked against this file, before any solve.
        var sweepRecords: (SweepHeader, [SweepRecord])?
        var simulationRecords: (SimulationHeader, [SimulationRecord])?
        var alternativesRecords: (AlternativesRun.Header, [AlternativesRun.Record])?
        try userFacing {
            // Records chart this scenario only: the file they were run on must be this one, unchanged.
            func sameScenario(_ path: String, _ hash: String, set: [String]? = nil) throws(RunError) {
                guard hash == file.contentHash else {
                    throw RunError("\(path) records a run of another scenario or of another version of \(self.file) "
                                   + "(content hash \(hash.prefix(12))…, this file \(file.contentHash.prefix(12))…); run it again on this file")
                }
                // ... and with the report's own --set: the charts sat next to figures of other
                // inputs without a word (records of a case cost of 0 beside the file's 120).
                // The rule of merge and --resume: the same changes, in an order that gives the same
                // scenario (sorted lists took 10-then-40 for 40-then-10).
                guard sameChanges(set ?? [], input.changes) else {
                    func said(_ c: [String]) -> String { c.isEmpty ? "no --set" : c.map { "--set \($0)" }.joined(separator: " ") }
                    throw RunError("\(path) records a run with \(said(set ?? [])), this report has \(said(input.changes)): "
                                   + "its charts would sit beside figures of other inputs; give the report the run's --set, or run it again")
                }
            }
            if let path = sweep {
                let (h, rs, _) = try RecordsFile<SweepHeader, SweepRecord>.read(path)
                try sameScenario(path, h.scenario_hash, set: h.set)
                sweepRecords = (h, rs)
                // A run cut short or a shard charts what it holds, and says so (the report
                // drew 2 of 5 points without a word).
                let present = Set(rs.map(\.point)).count
                // Warnings the report keeps under its heading (a point whose solve failed was
                // left out of the curve without a word).
                if present < h.points { warnRun("\(path) holds \(present) of \(Fmt.count(h.points, "point")) of the sweep: the report charts those") }
                let failed = rs.filter { $0.status == "error" }
                if !failed.isEmpty { warnFailed(failed.count, of: rs.count, what: "point", first: failed.first?.error, in: path) }
            }
            if let path = simulation {
                let (h, rs, _) = try RecordsFile<SimulationHeader, SimulationRecord>.read(path)
                try sameScenario(path, h.scenario_hash, set: h.set)
                simulationRecords = (h, rs)
                let present = Set(rs.map(\.draw)).count
                if present < h.draws { warnRun("\(path) holds \(present) of \(Fmt.count(h.draws, "draw")) of the simulation: the report summarises those") }
                let failed = rs.filter { $0.status == "error" }
                if !failed.isEmpty { warnFailed(failed.count, of: rs.count, what: "solve", first: failed.first?.error, in: path) }
            }
            if let path = alternatives {
                let (h, rs, _) = try RecordsFile<AlternativesRun.Header, AlternativesRun.Record>.read(path)
                try sameScenario(path, h.scenario_hash, set: h.set)
                alternativesRecords = (h, rs)
                let failed = rs.filter { $0.status == "error" }
                if !failed.isEmpty { warnFailed(failed.count, of: rs.count, what: "solve", first: failed.first?.error, in: path) }
            }
        }
        var c = try solveComparison(file, comparison: comparison, variants: variants, baseline: baseline, solver: solver)
        c.showsEffects = effect
        var report = HTMLReport(comparison: c, scenario: file.base, scenarioPath: self.file, scenarioHash: file.contentHash,
                                toolVersion: dipnetVersion)
        report.hashCommand = file.content.verificationCommand
        report.command = runCommand.isEmpty ? nil : runCommand
        (report.sweep, report.simulation, report.alternatives) = (sweepRecords, simulationRecords, alternativesRecords)
        do {
        try userFacing {
            if let m = margins {
                report.margins = try Margins.run(file, try ComparisonRequest(file: file, comparison: m), planner: solver.planner, answers: answerList)
                if pairs { report.pairs = try MarginsPairs.run(file, try ComparisonRequest(file: file, comparison: m), planner: solver.planner) }
            }
            if !weights.isEmpty {
                let v = robustVariant ?? (file.variantNames.contains("optimal") ? "optimal" : "base")
                let s = try file.scenario(v)
                let bounds = try weights.map { text throws(ParameterError) in try Robust.WeightBound(text) }
                let chains = try orders.map { text throws(ParameterError) in try Robust.order(text, known: s.criteria.map(\.id)) }
                solver.note("classifying the posts of \(v) under \(bounds.count) weight bounds")
                report.robust = try Robust.run(s, weights: bounds, orders: chains, planner: solver.planner)
            }
            if let a = attribute, let l = lines {
                let pair = variantList(a)
                solver.note("solving \(pair[0]) and \(pair[1]) under every combination of \(Fmt.count(variantList(l).count, "line"))")
                report.attribution = try Attribution.run(file, first: pair[0], second: pair[1], lines: variantList(l), planner: solver.planner)
            }
        }
        } catch {
            try solver.refuseIfInterrupted("the report's margins or shares")
            throw error
        }
        if attribute != nil || margins != nil { try solver.refuseIfInterrupted("the report's margins or shares") }
        try solver.refuseOutIfInterrupted("the report rests on solves cut short", out: out, partial: true)
        report.warnings = loadedWarnings
        try emit(report.render(), to: out)
        try solver.exitIfInterrupted()
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic scenario of any size (seeded) for testing scale.",
        discussion: """
        Example: dipnet generate --countries 400 --seed 1 --services --out /tmp/big   (then: dipnet solve /tmp/big/scenario.yaml)
        Coalition: dipnet generate --coalition 27 --countries 150 --agreements all --out /tmp/eu   (then: dipnet coalition /tmp/eu/coalition.yaml)
        """)

    @Option(parsing: .unconditional, help: "Number of countries.") var countries: Int
    @Option(parsing: .unconditional, help: "Posts per country: an embassy, then consulates (existing or candidates).") var postsPerCountry = 2
    @Option(parsing: .unconditional, help: "Reach of embassies in km (countries within it can be served from there).") var reach = 1500.0
    @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Directory to write scenario.yaml and its CSV tables into.") var out: String
    @Option(parsing: .unconditional, help: "Write a coalition of this many states instead (coalition.yaml; --countries host countries).") var coalition: Int?
    @Option(help: ArgumentHelp("With --coalition: which states may serve which: clusters (of four), all (every ordered pair), or K (each state served by the next K).",
                               valueName: "all|clusters|K"))
    var agreements = "clusters"
    @Flag(help: "Write format version 2: three services, diplomats, offers per service (the same network as without it).")
    var services = false
    @Flag(help: "Write into --out even when it already holds files (those of the same names are replaced).")
    var force = false

    /// Most posts a generated scenario holds, light offices included.
    static let maximumPosts = 500_000

    func validate() throws {
        guard (1...100_000).contains(countries) else { throw ValidationError("--countries must be from 1 to 100000") }
        guard (1...50).contains(postsPerCountry) else { throw ValidationError("--posts-per-country must be from 1 to 50") }
        guard reach.isFinite, (0...20_000).contains(reach) else { throw ValidationError("--reach must be from 0 to 20000 km") }
        guard CoalitionGenerator.Agreements(agreements) != nil else {
            throw ValidationError("--agreements must be all, clusters or a number K ≥ 1, not '\(agreements)'")
        }
        if agreements != "clusters", coalition == nil { throw ValidationError("--agreements needs --coalition") }
        // dipnet reads tables up to 64 MB: a posts table of about 70 bytes a post. The light
        // offices the generator adds are counted once drawn (ScenarioGenerator.maximumPosts).
        guard countries * postsPerCountry <= Self.maximumPosts else {
            throw ValidationError("--countries × --posts-per-country is \(countries * postsPerCountry) posts; at most \(Self.maximumPosts) (dipnet reads tables up to 64 MB)")
        }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--out needs a folder path") }
    }

    /// Why a folder cannot be written, in words (not Foundation's error domain and code).
    func writeProblem(_ error: Error) -> String {
        // `staged` says itself when --out is a file, not a folder.
        if let e = error as? FileWriteError { return e.description }
        let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        let posix = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
        let why = posix.map { String(cString: strerror(Int32($0))) } ?? (error as NSError).localizedDescription
        return "cannot write into \(out): \(why)"
    }

    /// Writes the files into a hidden folder beside `out`, then moves each into `out`
    /// (created when missing): a failed write (a full disk) leaves no half-written
    /// scenario that a retry would have to `--force` over (a hostile test's case left
    /// countries.csv and posts.csv without scenario.yaml).
    ///
    /// - Throws: what `body` throws, `FileWriteError` when a file cannot be moved.
    func staged<T>(_ body: (String) throws -> T) throws -> T {
        let fm = FileManager.default
        let target = fileURL(out).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDir), !isDir.boolValue {
            throw FileWriteError("\(out) is a file, not a folder: give --out a folder (it is created when missing)")
        }
        // A file where a folder of the path should be: said in words, as the kernel would.
        var ancestor = parent
        while ancestor.path != "/" {
            if fm.fileExists(atPath: ancestor.path, isDirectory: &isDir) {
                if !isDir.boolValue { throw FileWriteError("cannot write into \(out): Not a directory") }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        // The folders this run creates above `out`, deepest first: removed again when
        // nothing is written (a refused draw left `new1/new2/` behind: a hostile check).
        var created: [String] = []
        var missing = parent
        while missing.path != "/", !fm.fileExists(atPath: missing.path) {
            created.append(missing.path)
            missing = missing.deletingLastPathComponent()
        }
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let stage = parent.appendingPathComponent(".\(target.lastPathComponent).dipnet-\(getpid())").path
        try? fm.removeItem(atPath: stage)
        defer { try? fm.removeItem(atPath: stage) }
        let result: T
        do { result = try body(stage) } catch {
            try? fm.removeItem(atPath: stage)
            for folder in created { rmdir(folder) }   // only if empty
            // Named by the folder asked for, not the hidden one.
            if let e = error as? FileWriteError { throw FileWriteError(e.description.replacingOccurrences(of: stage, with: out)) }
            throw error
        }
        if !fm.fileExists(atPath: target.path, isDirectory: &isDir) {
            guard rename(stage, target.path) == 0 else {
                throw FileWriteError("cannot write into \(out): \(String(cString: strerror(errno)))")
            }
            return result
        }
        // Every name checked before any is moved: a folder where a file goes failed at the
        // third rename, leaving new tables beside the old scenario.yaml.
        let names = try fm.contentsOfDirectory(atPath: stage).sorted()
        for name in names {
            let to = target.appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: to, isDirectory: &isFolder), isFolder.boolValue {
                throw FileWriteError("cannot write \(to): it is a folder (nothing in \(out) was replaced)")
            }
        }
        for name in names {
            let from = (stage as NSString).appendingPathComponent(name), to = target.appendingPathComponent(name).path
            guard rename(from, to) == 0 else { throw FileWriteError("cannot write \(to): \(String(cString: strerror(errno)))") }
        }
        return result
    }

    func run() throws {
        // A scenario someone wrote by hand is not replaced by a synthetic one unasked.
        if !force, let present = try? FileManager.default.contentsOfDirectory(atPath: out), !present.isEmpty {
            throw UserError("\(out) already holds \(present.count) file(s) (\(present.sorted().prefix(3).joined(separator: ", "))\(present.count > 3 ? ", …" : "")): "
                            + "give an empty or new folder, or --force to replace the files of the same names")
        }
        if let states = coalition {
            guard (1...100).contains(states) else { throw UserError("--coalition must be from 1 to 100 states") }
            do {
                let n = try staged { try CoalitionGenerator(states: states, hosts: countries, seed: seed,
                                                            agreements: CoalitionGenerator.Agreements(agreements) ?? .clusters).write(to: $0) }
                print("wrote \(out)/coalition.yaml: \(states) states, \(countries) host countries, \(n.posts) posts, \(n.agreements) agreements")
            } catch { throw UserError(writeProblem(error)) }
            return
        }
        let n: (countries: Int, posts: Int, partners: Int)
        do { n = try staged { try ScenarioGenerator(countries: countries, postsPerCountry: postsPerCountry, reachKm: reach, seed: seed, services: services,
                                                         maximumPosts: Self.maximumPosts).write(to: $0) } }
        catch let e as ScenarioGenerator.TooManyPosts { throw UserError(e.description) }
        catch { throw UserError(writeProblem(error)) }
        print("wrote \(out)/scenario.yaml: \(n.countries) countries, \(n.posts) posts, \(n.partners) partner offers")
    }
}

struct CoalitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalition",
        abstract: "Plan a shared network of several states: each alone, then jointly with no state worse off, and how to share the gain.",
        discussion: """
            Examples:
              dipnet coalition scenarios/benelux-2026/scenario.yaml --force BEL:HAV=open
              dipnet coalition scenarios/benelux-2026/scenario.yaml --variant eu-wide-assistance
              dipnet coalition scenarios/benelux-2026/scenario.yaml --mps joint.mps   (then: highs joint.mps)
              dipnet coalition scenarios/benelux-2026/scenario.yaml --simulate -f csv -o draws.csv
              dipnet coalition scenarios/benelux-2026/scenario.yaml --tipping NLD:posts.HAV.capacity --post NLD:HAV
              dipnet coalition scenarios/benelux-2026/scenario.yaml --robust --weight BEL:development=7821..22160 \\
                  --weight NLD:development=8482..24033 --posts BEL:HAV,NLD:HAV
            """)

    @Argument(help: "Coalition file (docs/coalition-format.md).", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "A variant of the file's `variants:` (its agreements and fixed decisions); --force applies after it.")
    var variant: String?
    @Option(name: .customLong("force"), help: "STATE:POST=open|closed: fix a decision, in the standalone and the joint plan (repeatable).")
    var forces: [String] = []
    @Option(name: .customLong("force-joint"), help: "STATE:POST=open|closed: fix a decision in the joint plan only; each state's plan alone, and so the floor individual rationality holds it to, stays free (a co-located desk its state alone cannot have, for instance; repeatable).")
    var jointForces: [String] = []
    @Option(name: .customLong("set"), help: "STATE:PATH=VALUE: change one number of a state's scenario, e.g. BEL:posts.HAV.annual_cost=900000 (any path dipnet sweep --param takes; repeatable).")
    var sets: [String] = []
@Option(help: ArgumentHelp("How each group of states linked by agreements is solved: joint (one MIP, proves optimality given time), decomposed (LP bound + state-by-state neighbourhood search, for large fully connected coalitions), or auto (decomposed from \(CoalitionPlanner.decomposeFrom) states).",
                               valueName: "auto|joint|decomposed"))
    var method: CoalitionPlanner.Method = .auto
    @Option(help: "Write the joint MIP (individual-rationality rows from the standalone optima) as CPLEX LP to this path, instead of solving it jointly; one file per group of linked states (-1, -2, …).")
    var lp: String?
    @Option(help: "The same as free MPS (a maximisation is written negated: see the file's first lines).")
    var mps: String?
    @Option(help: ArgumentHelp("STATE:PATH: find where the joint decision on --post flips as this number moves (e.g. NLD:posts.HAV.capacity); the joint plan, standalone plans included, is solved again at each value.", valueName: "STATE:PATH"))
    var tipping: String?
    @Option(help: ArgumentHelp("STATE:POST whose joint decision --tipping follows (e.g. NLD:HAV).", valueName: "STATE:POST"))
    var post: String?
    @Option(help: "With --tipping: the values searched, LO..HI (default 0 to twice the value now).") var range: String?
    @Option(parsing: .unconditional, help: "With --tipping: width of the final bracket (default: range/1000).") var tolerance: Double?
    @Option(help: ArgumentHelp("How far each input of the file's `uncertainty:` section is from flipping this post's joint decision, one input at a time over the range its distribution draws (e.g. NLD:HAV; -f table|markdown|json).", valueName: "STATE:POST"))
    var margins: String?
    @Option(name: .customLong("param"), help: ArgumentHelp("With --margins: also scan this input over LO..HI, one beyond the uncertainty section (repeatable), e.g. NLD:posts.HAV.capacity=2000..3600.", valueName: "STATE:PATH=LO..HI"))
    var params: [String] = []
    @Flag(help: "Simulate the file's `uncertainty:` section (parameters keyed STATE:PATH): each draw plans every state alone and the coalition jointly again; prints the surplus, each state's gain and the posts whose joint decision depends on the draw (-f table|markdown|json|csv).")
    var simulate = false
    @Flag(help: "Core, borderline and exterior posts of the joint plan when the states' criterion weights are known only within bounds (--weight, --order; --posts to prove classes and give the least loss at a vertex; -f table|markdown|json|csv).")
    var robust = false
    @Option(name: .customLong("weight"), help: ArgumentHelp("With --robust: a state's criterion weight range, money a year per score point (repeatable), e.g. BEL:geopolitical=13995..22742.", valueName: "STATE:CRITERION=LO..HI"))
    var weights: [String] = []
    @Option(name: .customLong("order"), help: "With --robust: a ranking of varied weights, e.g. 'BEL:economic >= BEL:geopolitical' (repeatable).")
    var orders: [String] = []
    @Option(parsing: .unconditional, help: "With --robust: random interior weight vectors tried besides the vertices and their centroid (default 12).") var samples: Int?
    @Flag(help: "With --robust: skip the proof of the --posts' classes (their least loss is still given).") var noProof = false
    @Option(name: .customLong("region-solves"),
            help: ArgumentHelp("With --robust: joint solves the proof by regions may use for a post the whole box does not prove at once (default: 200; 0: off).",
                               valueName: "n"))
    var regionSolves: Int?
    @Option(help: ArgumentHelp("With --simulate: posts whose joint decisions are tabulated together, e.g. BEL:HAV,NLD:HAV (at most 6); with --robust: posts whose class is proven and whose least loss at a vertex is given.", valueName: "STATE:POST,…"))
    var posts: String?
    @Option(help: "With --simulate: number of draws (default: the section's, else 1,000).") var draws: Int?
    @Option(help: "With --simulate: random seed (default: the section's, else 1); with --robust: seed of the interior weight vectors (default 1).") var seed: UInt64?
    @Option(help: ArgumentHelp("With --simulate: append each finished draw's records to this JSON-lines file (its header in PATH.run.json), so a stopped run can be continued with --resume.", valueName: "path"))
    var records: String?
    @Option(help: ArgumentHelp("With --simulate and --records: solve only part i of n of the draws (0-based), e.g. 3/10, for array jobs; combine the parts with dipnet merge PARTS --into ALL, then report with --records ALL --resume.", valueName: "i/n"))
    var shard: String?
    @Flag(help: "With --simulate: continue the run recorded in --records (same file, --set, seed, draws, variants and method): finished draws are kept, the rest solved.")
    var resume = false
    @Option(name: .customLong("country"), help: ArgumentHelp("Show who handles each state's cases in this country, alone and jointly, service by service: its own posts, partners, another state's post, or no one (repeatable, e.g. CUB; -f table|markdown; every country's: -f csv --table flows).", valueName: "COUNTRY"))
    var countries: [String] = []
    @OptionGroup var output: OutputOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        if !jointForces.isEmpty, simulate || robust || margins != nil || tipping != nil {
            throw UserError("--force-joint fixes a decision of the plan's report: leave out --simulate, --robust, --margins and --tipping")
        }
        if !countries.isEmpty, simulate || robust || margins != nil || tipping != nil || lp != nil || mps != nil || ![.table, .markdown].contains(output.format) {
            throw UserError("--country adds a table to the plan's report (-f table or markdown): leave out --simulate, --robust, --margins, --tipping, --lp and --mps; every country's rows are in -f csv --table flows")
        }
        if (tipping == nil) != (post == nil) { throw UserError("--tipping STATE:PATH and --post STATE:POST go together") }
        if tipping == nil, range != nil || tolerance != nil { throw UserError("--range and --tolerance apply with --tipping") }
        if tipping != nil, lp != nil || mps != nil || output.table != nil { throw UserError("--tipping writes its scan: leave out --lp, --mps and --table") }
        if !simulate, draws != nil || records != nil || resume || shard != nil { throw UserError("--draws, --records, --resume and --shard apply with --simulate") }
        if let s = shard, Shard(s) == nil { throw UserError("--shard takes i/n with 0 ≤ i < n, found \(s)") }
        if shard != nil, records == nil { throw UserError("--shard needs --records FILE to keep its part") }
        if resume, records == nil { throw UserError("--resume needs --records FILE") }
        if !simulate, !robust, seed != nil || posts != nil { throw UserError("--seed and --posts apply with --simulate or --robust") }
        if !robust, !weights.isEmpty || !orders.isEmpty || samples != nil || noProof || regionSolves != nil {
            throw UserError("--weight, --order, --samples, --no-proof and --region-solves apply with --robust")
        }
        if robust, noProof, regionSolves != nil { throw UserError("--region-solves is the proof's budget: leave it out with --no-proof") }
        if robust {
            if simulate || margins != nil || tipping != nil || lp != nil || mps != nil || output.table != nil {
                throw UserError("--robust writes its own report: leave out --simulate, --margins, --tipping, --lp, --mps and --table")
            }
            if weights.isEmpty { throw UserError("--robust needs at least one --weight STATE:CRITERION=LO..HI") }
            guard [.table, .markdown, .json, .csv].contains(output.format) else { throw UserError("--robust prints -f table, markdown, json or csv") }
        }
        if margins == nil, !params.isEmpty { throw UserError("--param applies with --margins (for one input, --tipping STATE:PATH --range LO..HI)") }
        if margins != nil {
            if simulate || tipping != nil || lp != nil || mps != nil || output.table != nil {
                throw UserError("--margins writes its own report: leave out --simulate, --tipping, --lp, --mps and --table")
            }
            guard [.table, .markdown, .json].contains(output.format) else { throw UserError("--margins prints -f table, markdown or json") }
            try output.refuseAlso(beyond: [.table, .markdown, .json], "--margins")
        }
        if simulate {
            if tipping != nil || lp != nil || mps != nil || output.table != nil {
                throw UserError("--simulate writes its own report: leave out --tipping, --lp, --mps and --table")
            }
            if !forces.isEmpty { throw UserError("--simulate takes the file's variants (--variant NAME, or the section's variants): fix decisions in a variant's force, not with --force") }
            guard [.table, .markdown, .json, .csv].contains(output.format) else { throw UserError("--simulate prints -f table, markdown, json or csv") }
            try output.refuseAlso(beyond: [.table, .markdown, .json, .csv], "--simulate")
        }
        var c: CoalitionFile
        do { c = try CoalitionFile.load(file) } catch {
            // Only a file that failed is read again, to tell a scenario given by mistake.
            if DipnetFileKind.of(file) == .scenario {
                throw UserError("\(file) is a scenario of one state (it has no `states:`): "
                                + (simulate ? "simulate it with dipnet simulate \(file)"
                                   : robust ? "classify its posts with dipnet robust \(file) --weight CRITERION=LO..HI"
                                   : margins != nil ? "find what flips its answer with dipnet margins \(file)"
                                   : tipping != nil ? "find a tipping point with dipnet tipping \(file)"
                                   : "solve it with dipnet solve \(file)"))
            }
            throw ScenarioProblems(errors: [error])
        }
        printWarnings(c.warnings)
        loadedWarnings = c.warnings.map(\.description)
        OutputGuard.shared.read(c.inputFiles + [file])
        // Which data every output of the run came from (JSON content_hash, markdown From:).
        (loadedHash, loadedSource) = (c.content.hex, provenance(file, c.content, changes: sets))
        try output.claim()
        // Every problem of the command line together: the variant and each --force.
        var problems: [String] = []
        // --simulate applies the variants itself, after --set (variants fix decisions and agreements only).
        if let variant, !simulate {
            do { c = try c.applying(variant: variant) } catch {
                // located at the file's variants:, where the names it could have meant stand
                problems.append(c.variantsLocation.map { "\($0): variants: \(error)" } ?? "\(file): \(error)")
            }
        }
        var seen: [String: String] = [:]
        for f in forces {
            // The decision follows the last '=', the state precedes the first ':' (post ids may hold either).
            let parts = f.lastIndex(of: "=").map { [String(f[..<$0]), String(f[f.index(after: $0)...])] } ?? [f]
            if parts.count == 2, let earlier = seen.updateValue(parts[1], forKey: parts[0]), earlier != parts[1] {
                problems.append("--force gives \(parts[0]) twice, \(earlier) and \(parts[1]); give one")
                continue
            }
            let target = parts.first?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
            guard parts.count == 2, target.count == 2, let decision = Post.Force(rawValue: parts[1]) else {
                problems.append("--force takes STATE:POST=open|closed, found \(f)")
                continue
            }
            do { c = try c.forcing(state: target[0], post: target[1], decision) } catch { problems.append("--force \(f): \(error)") }
        }
        var jointFixes: [(state: Int, post: Int, open: Bool)] = []
        for f in jointForces {
            guard let eq = f.lastIndex(of: "="), let decision = Post.Force(rawValue: String(f[f.index(after: eq)...])) else {
                problems.append("--force-joint takes STATE:POST=open|closed, found \(f)")
                continue
            }
            do {
                let (k, postID) = try c.statePost(String(f[..<eq]), role: "--force-joint")
                let p = c.states[k].scenario.posts.firstIndex { $0.id == postID }!
                if let fixed = c.states[k].scenario.posts[p].force, fixed != decision {
                    problems.append("--force-joint \(f): \(c.states[k].id):\(postID) is forced \(fixed.rawValue) in both plans already")
                    continue
                }
                if jointFixes.contains(where: { $0.state == k && $0.post == p }) {
                    problems.append("--force-joint gives \(f[..<eq]) twice; give it once")
                    continue
                }
                jointFixes.append((k, p, decision == .open))
            } catch { problems.append("\(error)") }
        }
        let known = Set(c.states.flatMap { $0.scenario.countries.map(\.id) })
        for id in countries where !known.contains(id) {
            let hint = known.count <= 12 ? " (its countries: \(known.sorted().joined(separator: ", ")))" : didYouMean(id, known.sorted())
            problems.append("--country \(id): no state of the coalition has this country\(hint)")
        }
        var setValues: [String: String] = [:]
        for text in sets {
            // The value follows the last '=', the state precedes the first ':'.
            guard let eq = text.lastIndex(of: "="), let colon = text.firstIndex(of: ":"), colon < eq else {
                problems.append("--set takes STATE:PATH=VALUE, the state first (one of \(c.states.map(\.id).joined(separator: ", "))), found \(text)")
                continue
            }
            let key = text[..<eq].trimmingCharacters(in: .whitespaces), given = String(text[text.index(after: eq)...])
            if let earlier = setValues.updateValue(given, forKey: key), earlier != given {
                problems.append("--set gives \(key) twice, \(earlier) and \(given); give one")
                continue
            }
            let valueText = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let value = Double(valueText), value.isFinite else {
                let path = text[text.index(after: colon)..<eq]
                problems.append(path.hasSuffix(".force")
                    ? "--set changes numbers; fix a decision with --force \(text[..<colon]):\(path.dropLast(".force".count).split(separator: ".").last ?? "")=\(valueText)"
                    : "--set takes STATE:PATH=VALUE with a number as VALUE, found \"\(valueText)\" in \(text)")
                continue
            }
            do { c = try c.setting(state: String(text[..<colon]), path: String(text[text.index(after: colon)..<eq]), to: value) }
            catch { problems.append("--set \(text): \(error)") }
        }
        // `*:PATH` with `STATE:PATH`: the one given last would silently win for that state.
        for every in setValues.keys where every.hasPrefix("*:") {
            for one in setValues.keys where !one.hasPrefix("*:") && one.drop { $0 != ":" }.dropFirst() == every.dropFirst(2) {
                problems.append("--set gives \(every) and \(one), the same number of \(one.prefix { $0 != ":" }); give one")
            }
        }
        if let variant, simulate {
            do { _ = try c.applying(variant: variant) } catch {
                problems.append(c.variantsLocation.map { "\($0): variants: \(error)" } ?? "\(file): \(error)")
            }
        }
        var bounds: [Robust.WeightBound] = [], chains: [[String]] = []
        if robust {
            for w in weights { do { bounds.append(try CoalitionRobust.weight(w, in: c)) } catch { problems.append("\(error)") } }
            // A weight both set and varied: --robust would silently override the --set.
            for b in bounds {
                let parts = b.criterion.split(separator: ":", maxSplits: 1)
                let path = "\(parts[0]):criteria.\(parts[1]).weight"
                for text in sets where text.hasPrefix(path + "=") || text.hasPrefix(path + " ") {
                    problems.append("--set \(text) and --weight \(b.criterion)=… both give that weight: --robust varies it over the range; leave out the --set")
                }
            }
            if noProof && posts == nil { note("note: --no-proof has no effect without --posts (only named posts are proven)") }
            if regionSolves != nil && posts == nil { note("note: --region-solves has no effect without --posts (only named posts are proven)") }
            let labels = c.states.flatMap { st in st.scenario.criteria.map { "\(st.id):\($0.id)" } }
            for o in orders { do { chains.append(try Robust.order(o, known: labels)) } catch { problems.append("--order: \(error)") } }
        }
        if !problems.isEmpty { throw UserError(problems.joined(separator: "\nerror: ")) }
        if robust {
            let focus = posts.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            if focus.contains(where: \.isEmpty) { throw UserError("--posts takes STATE:POST,… without empty entries, found \"\(posts ?? "")\"") }
            solver.note("classifying the joint plan's posts over \(Fmt.count(bounds.count, "weight")) (each vertex plans every state alone, then jointly)")
            var r: RobustResult
            let line = StepLine(solver)
            defer { line.finish() }
            do {
                r = try CoalitionRobust.run(c, weights: bounds, orders: chains, posts: focus, samples: samples ?? 12, seed: seed ?? 1,
                                            prove: !noProof, regionSolves: regionSolves ?? CoalitionRobust.defaultRegionSolves, variant: variant,
                                            planner: CoalitionPlanner(planner: solver.planner, method: method),
                                            shouldStop: { Interrupts.shared.requested }, progress: line.report)
                line.finish()
            } catch {
                line.finish()
                try solver.refuseIfInterrupted("the classes")
                if let e = error as? NoPlanError { throw SolverFailure(message: e.description) }
                throw UserError("\(error)")
            }
            try solver.refuseIfInterrupted("the classes")
            r.changes = sets
            try emit(.robust(r), output)
            return
        }
        if let margins {
            let scanned = [c.uncertainty != nil ? "the uncertainty section's inputs" : nil, params.isEmpty ? nil : "the --param inputs"].compactMap { $0 }
            solver.note("scanning \(scanned.isEmpty ? "the inputs" : scanned.joined(separator: " and ")) for \(margins) in the joint plan")
            var r: CoalitionMarginsResult
            var extra: [(label: String, range: ClosedRange<Double>)] = []
            for text in params {
                guard let eq = text.lastIndex(of: "="), let range = NumberSyntax.range(String(text[text.index(after: eq)...])) else {
                    throw UserError("--param takes STATE:PATH=LO..HI with LO < HI, found \(text)")
                }
                extra.append((text[..<eq].trimmingCharacters(in: .whitespaces), range))
            }
            do { r = try CoalitionMargins.find(c, post: margins, planner: CoalitionPlanner(planner: solver.planner, method: method), extra: extra) }
            catch let e as NoPlanError { throw SolverFailure(message: e.description) }
            catch { throw UserError("\(error)") }
            r.changes = sets
            try solver.refuseIfInterrupted("the margins")
            try emit({ CoalitionReport.renderMargins(r, as: $0) }, output)
            return
        }
        if simulate {
            guard let section = c.uncertainty else {
                throw UserError("\(file) has no `uncertainty:` section: add one with parameters keyed STATE:PATH (docs/coalition-format.md, \"Uncertainty\")")
            }
            let planner = CoalitionPlanner(planner: solver.planner, method: method)
            let n = draws ?? section.draws
            solver.note("simulating \(Fmt.count(n, "draw")): each plans \(Fmt.count(c.states.count, "state")) alone, then jointly")
            let focus = posts.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            if focus.contains(where: \.isEmpty) { throw UserError("--posts takes STATE:POST,… without empty entries, found \"\(posts ?? "")\"") }
            if let records {
                try OutputGuard.shared.claim(records, as: "--records")
                try OutputGuard.shared.claim(records + ".run.json", as: "--records (its header)")
                noteReplacedRecords(records, resume: resume, quiet: solver.quiet)
            }
            let bar = ProgressBar(label: "draws", enabled: !solver.quiet)
            var sim: CoalitionSimulation
            do {
                sim = try CoalitionSimulator.run(c, variants: variant.map { [$0] }, draws: draws, seed: seed, focus: focus, planner: planner,
                                                 records: records, resume: resume, changes: sets, shard: shard.flatMap(Shard.init) ?? .whole,
                                                 shouldStop: { Interrupts.shared.requested }, progress: { bar.show($0, $1) })
            } catch { throw UserError("\(error)") }
            if !sim.skippedLines.isEmpty { noteSkipped(sim.skippedLines) }
            if sim.shard != .whole, !(0..<sim.draws).contains(where: sim.shard.owns) {
                // More parts than draws (an array job's spare task): nothing to do, no failure.
                note("note: shard \(sim.shard) holds none of the \(Fmt.count(sim.draws, "draw")); nothing to solve\(records.map { " (\($0) holds no records)" } ?? "")")
                return
            }
            if sim.shard != .whole {
                solver.note("shard \(sim.shard): its draws only (every \(sim.shard.count == 2 ? "other" : "\(sim.shard.count)th") from draw \(sim.shard.index)); "
                            + "combine the parts with dipnet merge PARTS --into ALL, then report with --records ALL --resume")
            }
            if sim.resumed > 0 { solver.note("resumed \(Fmt.count(sim.resumed, "record")) from \(records ?? "")") }
            // Draws whose solve failed (not those without a joint plan, which the report counts
            // as results): said, and kept in the outputs, as a batch's failed solves are; also
            // when every draw failed (before the error) or the run was stopped.
            let failed = sim.records.filter { $0.status == "error" }
            if !failed.isEmpty { warnFailed(failed.count, of: sim.records.count, what: "solve", first: failed.first?.error) }
            if sim.interrupted {
                // As for dipnet simulate: the summary of part of the run never replaces --out;
                // it goes to standard output, said to be partial.
                note("interrupted: the summary below covers the draws finished before the stop"
                     + (output.out.map { ", and nothing was written to \($0)" } ?? "")
                     + (records.map { "; the finished draws are in \($0): continue with the same command and --resume" } ?? ""))
                if output.format.isText {
                    // its JSON says `interrupted` itself; the run's warnings are kept as in a whole run's
                    let text = CoalitionReport.renderSimulation(sim, as: output.format, dialect: output.csvDialect)
                    try emit(output.format == .json ? withRunWarnings(text) : output.format == .markdown ? withReadingWarnings(text) : text, to: nil)
                }
                throw ExitCode(130)
            }
            try emit({ CoalitionReport.renderSimulation(sim, as: $0, dialect: output.csvDialect) }, output)
            // The draws' CSV has a column per drawn input only: what it leaves out is said here.
            if !sim.stated.isEmpty, ([output.format] + output.alsoOutputs.map(\.format)).contains(.csv) {
                note("note: stated but not drawn (draw: false), so in no column: \(sim.stated.joined(separator: ", "))")
            }
            // A run of failures never reads like a result.
            if sim.variants.allSatisfy({ $0.planned == 0 }) {
                note("error: no draw could be planned jointly (\(sim.records.count) solves); the first reason: \(sim.records.first?.error ?? "unknown")")
                throw ExitCode.failure
            }
            return
        }
        if lp != nil || mps != nil {
            if lp == "-" || mps == "-" { throw UserError("GLPK writes the joint model to files: give --lp and --mps a path, not -") }
            if !output.files.isEmpty || output.format != .table {
                throw UserError("--lp and --mps write the joint model instead of a report: leave out --format, --out and --also")
            }
            // The paths as given, before the standalone solves (numbered ones are
            // checked again once the groups are known).
            do { try GLPKSolver.checkExportTargets([lp, mps].compactMap { $0 }, inputs: c.inputFiles) } catch { throw UserError("\(error)") }
            solver.note("solving \(Fmt.count(c.states.count, "state")) alone, then writing the joint model")
            var planner = CoalitionPlanner(planner: solver.planner, method: method)
            planner.jointFixes = jointFixes   // the model solved is the one written
            let formats = [(ModelFileFormat.cplexLP, lp), (.freeMPS, mps)].compactMap { f, p in p.map { (format: f, path: $0) } }
            let written: [(path: String, states: [String], variables: Int, constraints: Int)]
            do { written = try planner.exportJoint(c, formats: formats) } catch let e as ParameterError {
                throw SolverFailure(message: "\(e)")
            } catch { throw UserError("\(error)") }
            for w in written {
                note("wrote \(w.path): \(w.states.joined(separator: ", ")), \(w.variables) variables, \(w.constraints) constraints")
            }
            return
        }
        if let tipping, let post {
            guard [.table, .json].contains(output.format) else { throw UserError("--tipping prints a table or JSON (-f table|json)") }
            try output.refuseAlso(beyond: [.table, .json], "--tipping")
            var bounds: ClosedRange<Double>? = nil
            if let range {
                guard let b = NumberSyntax.range(range) else { throw UserError("--range takes LO..HI, finite numbers with LO < HI, found \(range)") }
                bounds = b
            }
            let t: CoalitionTippingResult
            do { t = try CoalitionTipping.find(c, parameter: tipping, post: post, range: bounds, tolerance: tolerance,
                                               planner: CoalitionPlanner(planner: solver.planner, method: method),
                                               started: { solver.note("scanning \(tipping) for \(post) in the joint plan") }) }
            // The state's prefix, which the path's own message (read in the state's scenario) leaves out.
            catch let e as ParameterError { throw UserError(e.description.hasPrefix("parameter ") ? "--tipping \(tipping): \(e)" : "\(e)") }
            // A --set of the input searched is replaced at every value tried (as `dipnet tipping` says).
            let replaced = changes(sets, meeting: tipping)
            if !replaced.isEmpty {
                let d = ScenarioFile.replacedWarning(path: tipping, analysis: "the tipping search", each: "at every value it tries",
                                                     what: "what --set writes", replaced: replaced.map { "--set \($0)" },
                                                     // every --set in order: a later one may overwrite the rest of a `*:` change
                                                     partly: c.replacedInPart(by: tipping, changes: sets).map { "--set \($0)" })
                printWarnings([d])
                loadedWarnings.append(d.description)
            }
            try solver.refuseIfInterrupted("the tipping point")
            try emit({ CoalitionReport.renderTipping(t, as: $0) }, output)
            // No joint plan anywhere in the scan: nothing to read off (it exited 0).
            if t.scan.allSatisfy({ $0.open == nil }) {
                note("error: no value of \(tipping) tried has a joint plan (\(t.scan.first?.status ?? "")): there is no decision to flip")
                throw ExitCode.failure
            }
            return
        }
        solver.note("solving \(Fmt.count(c.states.count, "state")) alone, then jointly")
        var r: CoalitionResult
        var coalitionPlanner = CoalitionPlanner(planner: solver.planner, method: method)
        coalitionPlanner.jointFixes = jointFixes
        do { r = try coalitionPlanner.solve(c) } catch let e as ParameterError {
            throw SolverFailure(message: "\(e)")
        }
        // The variant's fixed decisions are forced too: a reader of the JSON alone saw `forced: []`.
        let variantForces = variant.flatMap { v in c.variants.first { $0.name == v } }?.forces
            .map { "\($0.state):\($0.post)=\($0.decision.rawValue)" } ?? []
        (r.variant, r.forced, r.changes) = (variant, variantForces + forces + jointForces.map { "\($0) (joint only)" }, sets)
        r.contentHash = c.contentHash
        r.focusCountries = firstOccurrences(countries)
        let what = ([variant.map { "variant \($0)" }] + forces.map { "--force \($0)" }).compactMap { $0 }.joined(separator: ", ")
        try emit(.coalition(r), output, source: provenance(file, c.content, changes: sets, what: what.isEmpty ? nil : what))
        try solver.exitIfInterrupted()
    }
}

extension CoalitionPlanner.Method: ExpressibleByArgument {}

/// `ids` without repeats, each where it first appears (`--country CUB --country CUB`).
func firstOccurrences(_ ids: [String]) -> [String] {
    ids.reduce(into: []) { seen, id in if !seen.contains(id) { seen.append(id) } }
}
