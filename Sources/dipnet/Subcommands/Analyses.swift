import ArgumentParser
import DiplomaticNetwork
import Foundation
import Reports

/// Options of the long runs: streamed records, sharding, resuming.
struct RunOptions: ParsableArguments {
    @Option(help: "Stream every result as a JSON line to this file (a killed run keeps what it finished).")
    var records: String?

    @Flag(help: "Continue the run recorded in --records: finished results are kept, the rest is computed.")
    var resume = false

    @Option(help: "Run only part i of n (0-based), e.g. 3/10, for array jobs; combine the parts with dipnet merge.")
    var shard: String?

    func validate() throws {
        if resume && records == nil { throw ValidationError("--resume needs --records FILE") }
        if let s = shard, Shard(s) == nil { throw ValidationError("--shard takes i/n with 0 ≤ i < n, found \(s)") }
        if shard != nil && records == nil { throw ValidationError("--shard needs --records FILE to keep its part") }
    }

    var part: Shard { shard.flatMap(Shard.init) ?? .whole }
}

/// `--table NAME` checked against the fixed tables of a report kind before any solve.
///
/// - Throws: `UserError` naming the tables there are.
func checkTable(_ output: OutputOptions, kind: String) throws {
    do { try Report.checkTable(output.table, kind: kind) } catch { throw UserError(error.description) }
}

/// Refuses, once the file is read and before any solve, a `--table` of version 2 alone
/// (`services`, `interests`, `country_services`) for a version 1 file: it was refused only
/// after the solve (7 s on 645 posts). Any other wrong name is refused by `checkTable`
/// with the tables of the file's version (a v1 file's list offered the v2 tables).
func checkTable(_ output: OutputOptions, kind: String, formatVersion: Int) throws {
    guard let name = output.table, let names = Report.possibleTableNames[kind] else { return }
    let v2Only = ["services", "interests", "country_services"]
    let known = formatVersion < 2 ? names.filter { !v2Only.contains($0) } : names
    guard !known.contains(name) else { return }
    // a comparison's flips table exists only with --flips: said where it is listed
    let listed = known.map { kind == "comparison" && ["flips", "answers"].contains($0) ? "\($0) (with --flips)" : $0 }.joined(separator: ", ")
    if formatVersion < 2, v2Only.contains(name) {
        throw UserError("no table \"\(name)\" in this output: a format version 1 file has no services or interests (dipnet: 2 adds them); "
                        + "its tables can be: \(listed)")
    }
    throw UserError("no table \"\(name)\" in this output\(didYouMean(name, known)); its tables can be: \(listed)")
}

/// Runs a batch analysis described by the command's flags: progress on the
/// terminal, Ctrl-C handled, the summary printed, failures reported.
func execute(_ description: RunDescription, file: ScenarioFile, label: String, solver: SolverOptions, output: OutputOptions, effect: Bool = false) throws {
    // A --table name that no such run can have is refused before the first solve.
    switch description.analysis {
    case .sweep: try checkTable(output, kind: "sweep")
    case .simulation: try checkTable(output, kind: "simulation")
    case .alternatives: try checkTable(output, kind: "alternatives")
    }
    // Before any solve: the records and the summary may replace neither an input nor each other.
    if let r = description.records {
        try OutputGuard.shared.claim(r, as: "--records")
        try OutputGuard.shared.claim(RecordsFile<SimulationHeader, SimulationRecord>.headerPath(r), as: "--records (its header)")
        noteReplacedRecords(r, resume: description.resume, quiet: solver.quiet)
    }
    try output.claim()
    let bar = ProgressBar(label: label, enabled: !solver.quiet)
    let planner = solver.planner
    var report: RunReport!
    // The warnings printed so far go into the records' header: a merge of them repeats them.
    var description = description
    description.warnings = loadedWarnings.isEmpty ? nil : loadedWarnings
    try userFacing {
        report = try Runs.execute(description, file: file, planner: planner, shouldStop: { Interrupts.shared.requested },
                                  progress: { bar.show($0, $1) })
    }
    report = report.showingEffects(effect)
    if !report.skippedLines.isEmpty { noteSkipped(report.skippedLines) }
    if report.jobsToSolve < report.jobsTotal || description.shard.count > 1 {
        solver.note("\(label): solved \(report.jobsToSolve) of \(report.jobsTotal)\(description.shard.count > 1 ? " (shard \(description.shard))" : "")")
    }
    if report.interrupted {
        // A run cut short is not the run asked for: its summary never replaces --out (the
        // file keeps what it held, no half a sweep under the full one's name); it goes to
        // standard output, said to be partial, and the records keep every finished job.
        let resume = description.records.map { "; \(resumeHint(description, records: $0)) finishes it" }
            ?? "; run it again (with --records FILE, a run cut short can be resumed)"
        // A simulation's records are draws × variants: its summary counts draws.
        var finished = "\(report.recordCount) records"
        if case .simulation(let h, let summary) = report.summary, h.variants.count > 1, let draws = summary.variants.first?.draws {
            finished += " (\(Fmt.count(draws, "draw")) of \(h.variants.count) variants)"
        }
        note("interrupted: \(finished) finished before the stop; the summary below covers them only"
             + (output.out.map { ", and nothing was written to \($0)" } ?? "") + resume)
        warnFailedSolves(report, what: label == "points" ? "point" : "solve")
        runInterrupted = true
        if output.format != .xlsx && output.format != .datapackage {
            var partial = output
            (partial.out, partial.also) = (nil, [])
            try emit(Report(report.summary), partial)
        }
        throw ExitCode(130)
    }
    let what = label == "points" ? "point" : "solve"
    warnFailedSolves(report, what: what)
    try emit(Report(report.summary), output)
    try failIfNothingSolved(report, what: what)
}

/// Warns, before the summary is written, that solves failed (how many,
/// and the first error), and keeps the warning for the outputs (`warnings` in JSON, the
/// exports' footers): a pipeline that keeps only the summary learns that its counts stand
/// on fewer solves than asked. The same words for a run and for a merge of its records.
/// A run whose every solve failed is warned of too, so that its outputs say why each row
/// reads "error", and then ends in `failIfUnsolved`'s error.
func warnFailedSolves(_ r: RunReport, what: String) {
    guard r.failed > 0 else { return }
    warnFailed(r.failed, of: r.recordCount, what: what, first: r.firstError)
}

/// Prints and keeps `warning: N of M WHATs failed; the first: …`, on one line as every
/// warning (a model's refusal lists its problems on lines of their own).
func warnFailed(_ failed: Int, of total: Int, what: String, first: String?, in records: String? = nil) {
    let first = (first ?? "unknown error").replacingOccurrences(of: ":\n  - ", with: ": ").replacingOccurrences(of: "\n  - ", with: "; ")
        .replacingOccurrences(of: "\n", with: " ")
    warnRun("\(failed) of \(total) \(what)\(total == 1 ? "" : "s")\(records.map { " in \($0)" } ?? "") failed; the first: \(first)")
}

/// Prints `warning: MESSAGE` once (a warning of the run, not of a place in a file) and keeps
/// it for the outputs (`loadedWarnings`: JSON `warnings`, the exports' footers).
func warnRun(_ message: String) {
    let w = "warning: " + message
    guard warnedAlready.insert(w).inserted else { return }
    note(w)
    loadedWarnings.append(w)
}

/// After the summary is printed: exits 1 when the run holds no result to read off (every
/// solve failed, every point of a sweep or every draw of every variant without a plan),
/// saying why. For a run and for a merge of its
/// records alike (a merge of draws all infeasible exited 0).
func failIfNothingSolved(_ report: RunReport, what: String) throws {
    try failIfUnsolved(report, what: what)
    // A sweep whose every point is infeasible has nothing to read off: exit 1, as the
    // analyses that need a plan do (it exited 0).
    if case .sweep(_, let records) = report.summary, !records.isEmpty, records.allSatisfy({ $0.net_benefit == nil }) {
        note("error: no point of the sweep has a plan: every point is \(Set(records.map(\.status)).sorted().joined(separator: " or "))")
        throw ExitCode.failure
    }
    // A simulation none of whose draws has a plan in any variant has nothing to read off
    // either: it printed "0/50", empty tables and exit 0 (an analyst's relative draws of
    // 80..120 made every draw infeasible).
    if case .simulation(_, let s) = report.summary, s.draws > 0, !s.variants.isEmpty, s.variants.allSatisfy({ $0.solved == 0 }) {
        let statuses = Set(s.variants.flatMap { $0.unsolved.map(\.status) }).sorted()
        note("error: no draw of any variant has a plan: every solve is \(statuses.joined(separator: " or "))"
             + (statuses.contains("infeasible") ? " (check the scenario's rules and the uncertainty section's ranges: a relative draw multiplies the value, so ±20% is min 0.8, max 1.2)" : ""))
        throw ExitCode.failure
    }
}

/// The command that finishes a run cut short: this run's own arguments with `--resume`
/// (after the subcommand's name, so that a `--` among them does not take it), or, without
/// them (a library caller), the run's kind, scenario and records path.
func resumeHint(_ d: RunDescription, records: String) -> String {
    // The run's own command with --resume, which runs as printed (a records path beginning
    // with `-`, or a scenario after `--`, broke a hint pieced together from the paths).
    if let name = runArguments.first {
        return shellCommand(runArguments.contains("--resume") ? runArguments : [name, "--resume"] + runArguments.dropFirst())
    }
    let command = switch d.analysis {
    case .sweep: "sweep"
    case .simulation: "simulate"
    case .alternatives: "alternatives"
    }
    return "dipnet \(command) \(shellQuoted(d.scenario)) … (the same options) --records=\(shellQuoted(records)) --resume"
}

/// Exits 1, saying why (the first error), when every solve failed, so that a run of
/// failures never reads like a result (`warnFailedSolves` has said how many, in the outputs too).
func failIfUnsolved(_ r: RunReport, what: String) throws {
    guard r.failed > 0, r.allFailed else { return }
    note("error: every \(what) failed (\(r.recordCount)); the first: \(r.firstError ?? "unknown error")")
    throw ExitCode.failure
}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve over a grid of one or two parameters; print each point and the closure order.",
        discussion: "Example: dipnet sweep belgium.yaml --variant optimal --param rules.budget=200e6..232e6:17")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variant to sweep.") var variant = "base"
    @Option(name: .customLong("param"), help: "PATH=LO..HI:N or PATH=A,B,C (any numeric path a variant could set); once or twice.")
    var params: [String] = []
    @Flag(help: "Offer each worker's previous point as the starting incumbent (see README: it rarely pays here).")
    var warmStart = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var batch: RunOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func validate() throws {
        if params.isEmpty || params.count > 2 { throw ValidationError("give one or two --param PATH=LO..HI:N") }
    }

    func run() throws {
        let file = try loadScenario(self.file, set: input.changes, variants: [variant])
        warnOutsideStated(file, [variant])
        // Said once the axes are known good (a refused sweep gives its error alone), a --set
        // of a swept input too: it is replaced at every point, as in `dipnet tipping`.
        if let base = try? file.scenario(variant), let axes = try? SweepRun.checkedAxes(file: file, base: base, parameters: params) {
            warnReplaced(file, variant, paths: axes.map(\.path.text), analysis: "the sweep", each: "at every point")
        }
        try output.claim()
        let d = RunDescription(scenario: self.file, changes: input.changes.isEmpty ? nil : input.changes, analysis: .sweep(variant: variant, parameters: params), shard: batch.part,
                               records: batch.records, resume: batch.resume, warmStart: warmStart)
        try execute(d, file: file, label: "points", solver: solver, output: output)
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte Carlo over the scenario's uncertainty section: distributions of net benefit and coverage, keep probabilities, wins.",
        discussion: "Example: dipnet simulate scenarios/belgium-2026/scenario.yaml --draws 200 --records draws.jsonl")

    @Argument(help: "Scenario file (with an uncertainty: section).", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variants to solve in each draw, comma-separated (default: the section's, else the first comparison's).")
    var variants: String?
    @Option(parsing: .unconditional, help: "Number of draws (default: the section's, else 1000).") var draws: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the section's, else 1).") var seed: UInt64?
    @Flag(name: .customLong("draw-stated"),
          help: "Draw the ranges the section states with draw: false too, after the others (each draw's other samples stay as without it).")
    var drawStated = false
    @Flag(help: effectHelp) var effect = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var batch: RunOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let file = try loadScenario(self.file, set: input.changes, variants: variantList(variants))
        let names = variants.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        warnOutsideStated(file, names ?? SimulationRun.defaultVariants(of: file))
        if drawStated, file.uncertainty?.stated.isEmpty ?? true {
            throw ValidationError("--draw-stated draws the ranges stated with draw: false, and \(self.file) states none")
        }
        let d = RunDescription(scenario: self.file, changes: input.changes.isEmpty ? nil : input.changes,
                               analysis: .simulation(variants: names, draws: draws, seed: seed, drawStated: drawStated ? true : nil),
                               shard: batch.part, records: batch.records, resume: batch.resume)
        try execute(d, file: file, label: "draws", solver: solver, output: output, effect: effect)
    }
}

/// The help of `--effect` for a simulation (`dipnet simulate`, `dipnet merge`).
let effectHelp = ArgumentHelp("Give the \"Budget\" table as the budget each variant saves against the first, + in its favour, as compare --effect does "
                              + "(its signs turned, P5 and P95 swapped), instead of each variant's cost net of income minus the first's (< 0: it saves). "
                              + "Text and Markdown; JSON and CSV keep cost_net_of_income as each variant minus the first.")

extension RunReport {
    /// The report with a simulation's "Budget" table given as the budget saved
    /// (`SimulationSummary.showsEffects`, `--effect`); any other run unchanged.
    func showingEffects(_ effect: Bool) -> RunReport {
        guard effect, case .simulation(let h, var s) = summary else { return self }
        s.showsEffects = true
        var r = self
        r.summary = .simulation(h, s)
        return r
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the records of sharded or resumed sweeps and simulations, and print their summary.",
        discussion: "Example: dipnet merge part0.jsonl part1.jsonl --into all.jsonl")

    @Argument(help: "Records files (JSON lines) of the same run.", completion: .file(extensions: ["jsonl", "json"])) var files: [String]
    @Option(name: .customLong("into"), help: "Write the merged records here (atomically).") var into: String?
    @Flag(help: effectHelp) var effect = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        // Each records file's header beside it is an input too (an --also could overwrite it).
        OutputGuard.shared.read(files + files.map { RecordsFile<SimulationHeader, SimulationRecord>.headerPath($0) })
        if let into {
            try OutputGuard.shared.claim(into, as: "--into")
            try OutputGuard.shared.claim(RecordsFile<SimulationHeader, SimulationRecord>.headerPath(into), as: "--into (its header)")
        }
        try output.claim()
        // A coalition simulation's parts: merged into a file; its report needs the coalition
        // file's own plans, so `coalition --simulate --resume` prints it from there.
        if let first = files.first, (try? RecordsCoding.kind(of: first)) == "coalition-simulation" {
            guard let into else {
                throw UserError("\(first) holds a coalition simulation: give --into ALL.jsonl, then report it with "
                                + "dipnet coalition FILE --simulate --records ALL.jsonl --resume")
            }
            if !output.files.isEmpty || output.format != .table { throw UserError("a coalition simulation's merge writes --into only: leave out --format, --out and --also") }
            var merged: (header: CoalitionSimulationHeader, records: Int, draws: Int)!
            try userFacing { merged = try CoalitionSimulator.merge(files, into: into) }
            note("wrote \(into): \(Fmt.count(merged.records, "record")), \(merged.draws) of \(Fmt.count(merged.header.draws, "draw")) complete; "
                 + "report it with dipnet coalition FILE --simulate --records=\(shellQuoted(into)) --resume --seed \(merged.header.seed) --draws \(merged.header.draws)"
                 // one variant other than base was named with --variant (several come from the section)
                 + (merged.header.variants.count == 1 && merged.header.variants != ["base"] ? " --variant \(shellQuoted(merged.header.variants[0]))" : "")
                 + (merged.header.set.map { " --set " + $0.map(shellQuoted).joined(separator: " --set ") } ?? "")
                 + " (missing draws are solved then)")
            return
        }
        var report: RunReport!
        // Refused before anything is merged (--into is not written).
        if effect, let first = files.first, let kind = try? RecordsCoding.kind(of: first), kind != "simulation" {
            throw UserError("--effect turns the \"Budget\" table of a dipnet simulate run's records; \(first) holds the records of a \(kind)")
        }
        try userFacing { report = try Runs.merge(files, into: into) }
        report = report.showingEffects(effect)
        if !report.skippedLines.isEmpty { noteSkipped(report.skippedLines) }
        // What the run warned of about its input, kept in its records' header: said again and
        // kept in the outputs, so that the merged summary is the run's, warnings and all.
        let runWarnings: [String]? = switch report.summary {
        case .sweep(let h, _): h.warnings
        case .simulation(let h, _): h.warnings
        case .alternatives(let h, _): h.warnings
        }
        let again = (runWarnings ?? []).filter { warnedAlready.insert($0).inserted }
        if !again.isEmpty { note(again.joined(separator: "\n")); loadedWarnings += again }
        if report.resumed < report.jobsTotal {
            let unit = switch report.summary { case .sweep: "points"; case .simulation: "draws"; case .alternatives: "jobs" }
            // Kept in the outputs: a merge of shards 0/2 and 1/3 summarised 4 of 6 points
            // and its JSON said nothing of the two missing.
            warnRun("the records hold \(report.resumed) of the run's \(report.jobsTotal) \(unit): the summary covers those only "
                    + "(merge the missing parts too, or finish the run with --records FILE --resume)")
        }
        // In the run's own words: a sweep's solves are its points.
        let what = if case .sweep = report.summary { "point" } else { "solve" }
        warnFailedSolves(report, what: what)
        // The run's scenario, as its records' header names it (a merge reads no scenario).
        (loadedSource, loadedHash) = Self.source(of: report.summary, files: files)
        try emit(Report(report.summary), output)
        try failIfNothingSolved(report, what: "solve")
    }

    /// Where merged records come from, for a workbook's `about` sheet, a data package's
    /// description and a `From:` line (a merge loads no scenario): the files, the run, the
    /// scenario's name and content hash, and the `--set` changes; with the hash alone, for
    /// JSON `content_hash`.
    static func source(of summary: RunReport.Summary, files: [String]) -> (text: String, hash: String) {
        let (run, scenario, hash, set): (String, String, String, [String]?) = switch summary {
        case .sweep(let h, _): ("sweep of \(h.parameters.joined(separator: " × ")), variant \(h.variant)", h.scenario, h.scenario_hash, h.set)
        case .simulation(let h, _): ("simulation of \(h.variants.joined(separator: ", ")), \(Fmt.count(h.draws, "draw")), seed \(h.seed)",
                                     h.scenario, h.scenario_hash, h.set)
        case .alternatives(let h, _): ("alternatives to variant \(h.variant)", h.scenario, h.scenario_hash, h.set)
        }
        return ("the records \(files.joined(separator: ", ")) merged: \(run) of \(scenario) (content SHA-256 \(hash))"
                + (set.map { ", --set " + $0.joined(separator: ", --set ") } ?? ""), hash)
    }
}

struct TippingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tipping",
        abstract: "Find the value of a parameter at which a post's optimal decision flips.",
        discussion: "Example: dipnet tipping belgium.yaml --variant optimal --post HAV --param countries.CUB.scores.geopolitical --range 0..100")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variant to start from (the post must not be forced in it).") var variant = "base"
    @Option(help: "The post whose decision is followed.") var post: String
    @Option(name: .customLong("param"), help: "Numeric parameter path.") var param: String
    @Option(help: "LO..HI to search (default: 0 to twice the current value).") var range: String?
    @Option(parsing: .unconditional, help: "Width of the final bracket (default: range/1000).") var tolerance: Double?
    @Option(parsing: .unconditional, help: "Values scanned before bisecting (default 9).") var points = 9
    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        try checkTable(output, kind: "tipping")
        let (file, base) = try loadVariant(self.file, variant, set: input.changes)
        try output.claim()
        var result: TippingResult!
        try userFacing {
            // `PATH=LO..HI` as a sweep writes it: the range has its own option here.
            if let eq = param.firstIndex(of: "=") {
                throw UserError("--param takes a path alone here (the values searched go in --range LO..HI): "
                                + "--param \(param[..<eq]) --range \(param[param.index(after: eq)...])")
            }
            let path = try ParameterPath(param, in: base)
            let bounds: ClosedRange<Double>
            if let r = range {
                guard let parsed = NumberSyntax.range(r) else { throw UserError("--range takes LO..HI, finite numbers with LO < HI, found \(r)") }
                try path.requireRange(parsed, in: base)
                bounds = parsed
            } else {
                bounds = try Tipping.defaultRange(path, in: base)
            }
            let tol = tolerance ?? (bounds.upperBound - bounds.lowerBound) / 1000
            guard tol > 0, tol.isFinite else { throw UserError("--tolerance must be a number > 0, found \(Fmt.plain(tol))") }
            guard points >= 2 else { throw UserError("--points must be at least 2, found \(points)") }
            result = try Tipping.find(base, post: post, path: path, range: bounds, tolerance: tol, points: points, planner: solver.planner)
            // After the search, whose refusals (a post it cannot follow, a range) come alone.
            warnReplaced(file, variant, paths: [path.text], analysis: "the tipping search", each: "at every value it tries")
        }
        try solver.refuseIfInterrupted("the tipping point")
        try emit(.tipping(result), output)
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Per post: cost, cases, value carried and regret (the loss if forced the other way); per country: why its presence.",
        discussion: "Example: dipnet explain scenarios/belgium-2026/scenario.yaml --variant optimal -f csv -o posts.csv")

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variant to explain.") var variant = "base"
    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        try checkTable(output, kind: "explanation")
        let (_, s) = try loadVariant(self.file, variant, set: input.changes)
        try output.claim()
        let e: Explanation
        do { e = try Explain.run(s, planner: solver.planner) } catch let x as ParameterError { throw SolverFailure(message: "\(x)") }
        try solver.refuseIfInterrupted("the regrets")
        try emit(.explanation(e), output)
    }
}

struct MarginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "margins",
        abstract: "What flips a comparison's answer: the smallest change of each input, one at a time, that reverses it.",
        discussion: """
            For each variant of the comparison: whether it beats the baseline, and (for a variant that \
            optimises freely) each post it decides otherwise; --answers lead asks only the first. Inputs: the costs of those posts and of the \
            posts in or covering their countries; the demand, scores, interests and partner offers of their \
            countries and of those they cover; shares, weights, fee incomes and penalties; the budget and \
            diplomat cap when they bind; what the uncertainty section draws (or --param PATH). Counts \
            (diplomats, closures, openings) flip at whole values; diplomats at multiples of their figures' \
            common step when some are fractions (0.5 for 1.5 and 2). The text ends (Markdown begins) with \
            each answer in words and the inputs that reverse it, grouped by their stated range.

            Example: dipnet margins scenarios/belgium-2026/scenario.yaml havana
            """)

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Argument(help: "A comparison the file declares (default: its first).") var comparison: String?
    @Option(help: "Variants to compare, comma-separated (instead of a declared comparison).") var variants: String?
    @Option(help: "Baseline variant (default: the comparison's).") var baseline: String?
    @Option(name: .customLong("param"), help: "Search only this input path (repeatable).") var params: [String] = []
    @Option(parsing: .unconditional, help: "Relative width of the final bracket.") var tolerance = 1e-3
    @Option(help: ArgumentHelp("Joint flips: search the one --param again at each value of another input (PATH=LO..HI:N or PATH=A,B,C), "
                               + "which traces where the answer turns in the plane of the two.", valueName: "PATH=LO..HI:N"))
    var across: String?
    @Flag(help: ArgumentHelp("Pairs of inputs that flip an answer together inside their stated ranges (the uncertainty: section) where "
                             + "neither flips it alone: each pair screened at its most adverse corner, the promising corners solved, "
                             + "each flip traced back toward the values now. --param restricts the inputs."))
    var pairs = false
    @Option(parsing: .unconditional, help: ArgumentHelp("With --pairs: solve a corner whose additive prediction comes within this share "
                                                        + "of the margin now (0 solves only those predicted to flip; default 0.25).", valueName: "SHARE"))
    var screen: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("With --pairs: at most this many corners solved, the most promising first (default 400).", valueName: "N"))
    var maxCorners: Int?
    @Option(help: answersHelp) var answers: String?
    @Option(help: orderHelp) var order: MarginsResult.Order?
    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        try checkTable(output, kind: pairs ? "margins-pairs" : across != nil ? "margins-frontier" : "margins")
        if order != nil, pairs || across != nil { throw UserError("--order lists the flips of one input at a time; --pairs and --across have their own order") }
        if pairs, answers != nil { throw UserError("--answers chooses the answers of one input at a time; --pairs asks only who is ahead (each variant against the baseline)") }
        let answerList = try parsedAnswers(answers)
        let file = try loadScenario(self.file, set: input.changes, variants: variantList(variants) + [baseline].compactMap { $0 }, comparison: comparison)
        try output.claim()
        let list = variants.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        guard tolerance > 0, tolerance < 0.5 else { throw UserError("--tolerance must be in (0, 0.5)") }
        if !pairs, screen != nil || maxCorners != nil { throw UserError("--screen and --max-corners shape the --pairs search: give --pairs too") }
        if pairs {
            let (screen, maxCorners) = (self.screen ?? 0.25, self.maxCorners ?? 400)
            guard across == nil else { throw UserError("--pairs and --across are two searches: give one") }
            guard screen.isFinite, screen >= 0, screen <= 10 else { throw UserError("--screen must be a share in 0…10 (0.25: within a quarter of the margin now)") }
            guard maxCorners >= 1, maxCorners <= 100_000 else { throw UserError("--max-corners must be in 1…100000") }
            if params.count == 1 { throw UserError("--pairs with --param needs at least two inputs (a pair)") }
            var result: MarginsPairs!
            let line = StepLine(solver)
            defer { line.finish() }
            try userFacing {
                let request = try ComparisonRequest(file: file, comparison: comparison, variants: list, baseline: baseline)
                warnOutsideStated(file, [request.baseline] + request.variants)
                solver.note("searching pairs of inputs that flip \(request.variants.joined(separator: ", ")) against \(request.baseline) together")
                result = try MarginsPairs.run(file, request, planner: solver.planner, only: params.isEmpty ? nil : params,
                                              screen: screen, maxSolved: maxCorners, progress: line.items("pairs"))
            }
            line.finish()
            try solver.refuseIfInterrupted("the pairs")
            try emit(.marginsPairs(result), output, source: provenance(self.file, file.content, changes: input.changes,
                                                                        what: "pairs of inputs flipping comparison \(result.comparison): "
                                                                            + unique(result.answers.map(\.variant)).joined(separator: ", ") + " against \(result.baseline)"))
            return
        }
        if let across {
            guard params.count == 1 else { throw UserError("--across needs exactly one --param: the input whose flip is traced") }
            var frontier: MarginsFrontier!
            try userFacing {
                // Read in the baseline compared (the file's base may hold a rule the variants
                // compared replace: one plain share where both give one per service).
                let request = try ComparisonRequest(file: file, comparison: comparison, variants: list, baseline: baseline)
                // (the axis reader's "N from 2 to 100000" is sweep's: --across takes 2 to 50)
                let axis: SweepAxis, compared = try file.scenario(request.baseline)
                do throws(ParameterError) { axis = try SweepAxis(across, in: compared) } catch {
                    throw ParameterError(error.description.replacingOccurrences(of: "N from 2 to 100000", with: "N from 2 to 50"))
                }
                guard axis.values.count <= 50 else { throw ParameterError("--across takes at most 50 values (each one is a margins search)") }
                guard axis.path.text != params[0] else { throw ParameterError("--across and --param name the same input") }
                // What every value of --across rests on: the variants' inputs outside their stated
                // ranges, and the value each of them (or a --set) sets that --across replaces.
                let names = [request.baseline] + request.variants
                // --across names a number of every variant compared (it is set in each, as --set
                // does): one that a variant does not have is refused before the trace, by
                // variant (a per-service share where a variant's rule is one plain share was
                // refused after "tracing…", as a --set the analyst never gave).
                for name in unique(names) {
                    do { _ = try ParameterPath(axis.path.text, in: try file.scenario(name)) }
                    catch let e as ParameterError { throw ParameterError("--across \(across): in variant \(name): \(e)") }
                }
                warnOutsideStated(file, names)
                for (k, name) in unique(names).enumerated() {
                    warnReplaced(file, name, paths: [axis.path.text], analysis: "--across", each: "at each of its values", includingSet: k == 0)
                }
                solver.note("tracing the flip of \(params[0]) across \(axis.values.count) values of \(axis.path.text)")
                frontier = try MarginsFrontier.run(input: params[0], across: axis, load: { v in
                    // A value's own warnings name it as --across's, not as a --set the analyst did not give.
                    try loadScenario(self.file, set: input.changes + ["\(axis.path.text)=\(Fmt.plain(v))"],
                                     variants: variantList(variants) + [baseline].compactMap { $0 }, comparison: comparison,
                                     origin: ("--set \(input.changes.count + 1) (", "--across ("))
                }, request: { f in try ComparisonRequest(file: f, comparison: comparison, variants: list, baseline: baseline) },
                planner: solver.planner, tolerance: tolerance, answers: answerList, unmoved: file, loadHeld: { change in
                    // The searched input held at an end of its range: its warnings named as --across's.
                    try loadScenario(self.file, set: input.changes + [change], variants: variantList(variants) + [baseline].compactMap { $0 },
                                     comparison: comparison, origin: ("--set \(input.changes.count + 1) (", "--across, \(params[0]) held at an end of its range ("))
                })
            }
            try solver.refuseIfInterrupted("the margins")
            try emit(.marginsFrontier(frontier), output, source: provenance(self.file, file.content, changes: input.changes,
                                                                             what: "margins of comparison \(frontier.comparison) against \(frontier.baseline), "
                                                                                 + "\(frontier.input) across \(frontier.across)"))
            return
        }
        let result = try searchMargins(file, comparison: comparison, variants: list, baseline: baseline,
                                       only: params.isEmpty ? nil : params, tolerance: tolerance, answers: answerList, order: order ?? .change,
                                       solver: solver)
        try emit(.margins(result), output, source: provenance(self.file, file.content, changes: input.changes,
                                                              what: "margins of comparison \(result.comparison): "
                                                                  + unique(result.questions.map(\.variant)).joined(separator: ", ") + " against \(result.baseline)"))
    }
}

/// The help of `--answers` (`dipnet margins`, `compare --flips`).
let answersHelp = ArgumentHelp(
    "Search only these answers, comma-separated: lead (each variant against the baseline), budget (whether each variant still costs "
        + "the budget less than the baseline, in cost net of income: known only at the values solved, asked only when named), or the ids of posts a free optimum "
        + "decides otherwise (their decisions; post:ID for a post whose id is lead, budget or all); all for the lead and every decision. The inputs stay those of every answer. "
        + "A comparison with a free optimum asks one question per post decided otherwise (70 in the Belgian havana-network): dipnet margins "
        + "asks all by default, compare --flips lead.",
    valueName: "lead|budget|all|POST,…")

/// `--answers` as a list: nil for the lead and every decision (`all`, or not given where
/// they are the default), `["all", "budget"]` for those and the budget
/// (`Margins.run`'s `answers`), `default` when not given.
///
/// - Throws: `UserError` for an empty list, or `all` beside other answers.
func parsedAnswers(_ text: String?, default: [String]? = nil) throws -> [String]? {
    guard let text else { return `default` }
    let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !list.isEmpty else { throw UserError("--answers needs lead, budget, all or post ids, comma-separated (e.g. --answers lead,budget,HAV)") }
    if list.contains(allAnswers) {
        // `all` and `budget` together: every answer, the budget too.
        if list.count == 2, list.contains(Margins.budgetAnswer) { return [allAnswers, Margins.budgetAnswer] }
        guard list.count == 1 else { throw UserError("--answers all asks the lead and every decision: give it alone, or with budget "
                                                     + "(--answers all,budget), or post:all for a post whose id is all") }
        return nil
    }
    return list
}

/// `--answers all`: every answer (a post whose id is `all` is `post:all`).
let allAnswers = Margins.allAnswer

/// The margins of a comparison (`dipnet margins`, `compare --flips`), with the progress
/// line; after Ctrl-C nothing (a search cut short reads "no flip" where it did not look).
///
/// - Throws: `UserError`/`ScenarioProblems` for a bad request, `SolverFailure`, exit 130
///   after Ctrl-C.
func searchMargins(_ file: ScenarioFile, comparison: String?, variants list: [String]?, baseline: String?, only: [String]?,
                   tolerance: Double, answers: [String]? = nil, leadByDefault: Bool = false, order: MarginsResult.Order = .change,
                   solver: SolverOptions) throws -> MarginsResult {
    var result: MarginsResult!
    let line = StepLine(solver)
    defer { line.finish() }
    try userFacing {
        let request = try ComparisonRequest(file: file, comparison: comparison, variants: list, baseline: baseline)
        warnOutsideStated(file, [request.baseline] + request.variants)
        solver.note("searching the inputs that flip \(request.variants.joined(separator: ", ")) against \(request.baseline)")
        result = try Margins.run(file, request, planner: solver.planner, only: only, tolerance: tolerance, answers: answers,
                                 asking: { asked, decisions, inputs, unasked in
                                     // compare --flips asks who is ahead unless told otherwise: what
                                     // it leaves out, and how to ask it.
                                     if leadByDefault, unasked > 0 {
                                         solver.note("--flips asks whether each variant still beats the baseline; --answers all also asks what flips "
                                                     + "\(unasked == 1 ? "the decision of a post" : "the \(unasked) decisions of posts") a free optimum "
                                                     + "decides otherwise (each over \(Fmt.count(inputs, "input"))), as dipnet margins does; --answers lead,budget "
                                                     + "also whether each still saves the budget")
                                     }
                                     // Where most of a long search goes, and how to ask less (76 answers
                                     // of havana-network over 494 inputs take about an hour).
                                     guard answers == nil, decisions > 0 else { return }
                                     solver.note("\(Fmt.count(asked, "answer")), \(decisions) of them posts' decisions in free optima, "
                                                 + "each searched over \(Fmt.count(inputs, "input")); --answers \(Margins.leadAnswer) asks only "
                                                 + "whether each variant still beats the baseline")
                                 },
                                 progress: line.items("margins"))
    }
    line.finish()
    try solver.refuseIfInterrupted("the margins")
    result.order(by: order)
    return result
}

/// The help of `--order` (`dipnet margins`, `compare --flips`).
let orderHelp = ArgumentHelp(
    "How the flips are listed: change (nearest first, by the change in %) or chance (likeliest first, by the share of the input's stated "
        + "distribution beyond the flip; then inputs without one, then those whose draws do not reach it). Rows without a flip come last.",
    valueName: "change|chance")

extension MarginsResult.Order: ExpressibleByArgument {}

struct AttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "How much of a comparison's margin each argument line carries (Shapley shares over every combination of the lines).",
        discussion: """
            Each line is a variant of the file that switches one argument on (an interest, a weight, a rule); every \
            combination of them is applied on top of both variants compared (as --variant a+b composes), and each \
            line's share is its marginal contribution averaged over every order of switching the lines on. The \
            combinations that change who is ahead are listed.

            Example: dipnet attribute scenarios/belgium-2026/scenario.yaml --pair keep-havana,close-havana \\
                       --lines arg-development-cut,arg-neighbour-relations,arg-redeployment
            """)

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: ArgumentHelp("The two variants compared, FIRST,SECOND: the margin is FIRST's net benefit minus SECOND's.", valueName: "FIRST,SECOND"))
    var pair: String
    @Option(help: ArgumentHelp("The argument lines, variants of the file, comma-separated (1 to \(Attribution.maxLines); 2^k combinations are solved).", valueName: "A,B,…"))
    var lines: String
    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        try checkTable(output, kind: "attribution")
        let compared = variantList(pair), named = variantList(lines)
        guard compared.count == 2 else { throw UserError("--pair takes two variants, FIRST,SECOND, found \"\(pair)\"") }
        let file = try loadScenario(self.file, set: input.changes, variants: compared + named)
        try output.claim()
        warnOutsideStated(file, compared + named)
        var result: AttributionResult!
        do {
            try userFacing {
                // Only once the lines are taken ("1 combinations of 0 lines", then "under 4
                // combinations of 2 lines" stood above a refusal).
                result = try Attribution.run(file, first: compared[0], second: compared[1], lines: named, planner: solver.planner) { count in
                    solver.note("solving \(compared[0]) and \(compared[1]) under \(count) combinations of \(Fmt.count(named.count, "line"))")
                }
            }
        } catch {
            // Every share rests on every combination: a run cut short has none to give.
            try solver.refuseIfInterrupted("the shares")
            throw error
        }
        try emit(.attribution(result), output, source: provenance(self.file, file.content, changes: input.changes,
                                                                  what: "attribution of \(result.first) − \(result.second) to the lines "
                                                                      + result.lines.map(\.name).joined(separator: ", ")))
        try solver.exitIfInterrupted()
    }
}

struct AlternativesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alternatives",
        abstract: "Networks almost as good as the optimum that differ from it as much as possible, or the best that decide a post otherwise.",
        discussion: """
            Examples:
              dipnet alternatives belgium.yaml --variant optimal --slack 1% --count 5
              dipnet alternatives belgium.yaml --variant optimal --around HAV --count 3
              dipnet alternatives belgium.yaml --variant optimal --slack 2% --explore min-presence:caribbean
            """)

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variant to start from (its optimum is the reference).") var variant = "base"
    @Option(parsing: .unconditional, help: "How far below the optimal net benefit an alternative may be: 1% or 0.01 (default 1%; with --around, no limit unless given).")
    var slack: String?
    @Option(parsing: .unconditional, help: "Alternatives to find (per post with --around).") var count = 5
    @Option(parsing: .unconditional, help: "Parallel diversity chains (1: each alternative differs from all earlier ones).") var chains = 1
    @Option(help: "diversity, min-presence:REGION, max-presence:REGION, min-service:S or max-service:S.") var explore = "diversity"
    @Option(help: "Posts, comma-separated: the best networks that take the other decision about each.") var around: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var batch: RunOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let file = try loadScenario(self.file, set: input.changes, variants: [variant])
        warnOutsideStated(file, [variant])
        try output.claim()
        let posts = around.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        // --around names the posts to decide otherwise; without one it fell back to the
        // diversity search unsaid, and it has no use for --explore or --chains (ignored unsaid).
        if around != nil, posts.isEmpty { throw UserError("--around takes post ids, comma-separated (e.g. --around HAV,PTY), found \"\(around!)\"") }
        if !posts.isEmpty, explore != "diversity" || chains != 1 {
            throw UserError("--around finds the best networks that decide each post otherwise; --explore and --chains steer the search "
                            + "for diverse networks without it: give one or the other")
        }
        var fraction: Double? = posts.isEmpty ? 0.01 : nil
        if let text = slack {
            let t = text.trimmingCharacters(in: .whitespaces)
            guard let v = NumberSyntax.parse(t.hasSuffix("%") ? String(t.dropLast()) : t), v >= 0 else {
                throw UserError("--slack takes a share such as 1% or 0.01, found \(text)")
            }
            fraction = t.hasSuffix("%") ? v / 100 : v
        }
        guard count >= 1, chains >= 1 else { throw UserError("--count and --chains must be at least 1") }
        let d = RunDescription(scenario: self.file, changes: input.changes.isEmpty ? nil : input.changes, analysis: .alternatives(variant: variant, slack: fraction, count: count, chains: chains,
                                                                             explore: explore, around: posts),
                               shard: batch.part, records: batch.records, resume: batch.resume)
        try execute(d, file: file, label: "jobs", solver: solver, output: output)
    }
}

struct RobustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robust",
        abstract: "Core, borderline and exterior posts when criterion weights are known only within bounds (and a ranking).",
        discussion: """
            Example: dipnet robust scenarios/belgium-2026/scenario.yaml --weight geopolitical=13995..22742 \\
                       --weight economic=21124..34327 --weight development=7821..22160 --order 'economic >= geopolitical >= development'
            """)

    @Argument(help: "Scenario file.", completion: .file(extensions: ["yaml", "yml"])) var file: String
    @Option(help: "Variant to classify the posts of.") var variant = "base"
    @Option(name: .customLong("weight"), help: "CRITERION=LO..HI, money a year per score point (repeatable).") var weights: [String] = []
    @Option(name: .customLong("order"), help: "A ranking of the varied criteria, e.g. 'a >= b >= c' (repeatable).") var orders: [String] = []
    @Option(parsing: .unconditional, help: "Random interior weight vectors tried besides the vertices and their centroid.") var samples = 12
    @Option(parsing: .unconditional, help: "Seed of the interior weight vectors.") var seed: UInt64 = 1
    @Flag(help: "Skip the proof step (faster; every constant class is then only searched).") var noProof = false
    @Option(name: .customLong("region-solves"), parsing: .unconditional,
            help: ArgumentHelp("Solves the proof by pieces (up to 3 weights; beyond, by regions) may use for a post one plan does not prove over the whole box (0: off; default \(Robust.defaultRegionSolves)).", valueName: "n"))
    var regionSolves: Int?
    @Option(name: .customLong("proof-solves"), parsing: .unconditional,
            help: ArgumentHelp("Solves those proofs may use for all posts together; posts left when they are spent stay searched (default \(Fmt.money(Double(Robust.defaultProofSolves)))).", valueName: "n"))
    var proofSolves: Int?
    @OptionGroup var output: OutputOptions
    @OptionGroup var input: ChangeOptions
    @OptionGroup var solver: SolverOptions

    func validate() throws {
        if noProof, regionSolves != nil || proofSolves != nil {
            throw ValidationError("--region-solves and --proof-solves are the proof's budgets: leave them out with --no-proof")
        }
    }

    func run() throws {
        try checkTable(output, kind: "robust")
        let (_, s) = try loadVariant(self.file, variant, set: input.changes)
        try output.claim()
        var result: RobustResult!
        let line = StepLine(solver)
        defer { line.finish() }
        do {
            try userFacing {
                let bounds = try weights.map { text throws(ParameterError) in try Robust.WeightBound(text) }
                // A weight both set and bounded: the bounds win, and the --set was listed as
                // applied though nothing used it (a hostile pass's case).
                for b in bounds {
                    if let clash = input.changes.first(where: { c in
                        let path = c.split(separator: "=", maxSplits: 1).first.map(String.init) ?? c
                        return path == "criteria.\(b.criterion).weight" || path == "criteria.*.weight"
                    }) {
                        throw ParameterError("--set \(clash) and --weight \(b.criterion)=… both give the weight of \(b.criterion): "
                                             + "robust varies it over the --weight range; drop one of them")
                    }
                }
                let chains = try orders.map { text throws(ParameterError) in try Robust.order(text, known: s.criteria.map(\.id)) }
                result = try Robust.run(s, weights: bounds, orders: chains, samples: samples, seed: seed, prove: !noProof,
                                        regionSolves: regionSolves ?? Robust.defaultRegionSolves,
                                        proofSolves: proofSolves ?? Robust.defaultProofSolves, planner: solver.planner,
                                        progress: line.report)
            }
            line.finish()
        } catch {
            line.finish()
            // Stopped before the optimum was solved at every weight vector: nothing to write.
            if Interrupts.shared.requested, result == nil {
                note("interrupted before the optimum was solved at every weight vector; nothing written")
                throw ExitCode(130)
            }
            throw error
        }
        try emit(.robust(result), output)
        try solver.exitIfInterrupted()
    }
}

/// Says when a run without --resume starts a records file over one that holds records.
func noteReplacedRecords(_ path: String, resume: Bool, quiet: Bool) {
    guard !resume, !quiet, let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 else { return }
    note("note: replacing the records in \(path) (give --resume to continue them instead)")
}

/// Lines of records files that are not records: how many, and the first few where.
func noteSkipped(_ lines: [String]) {
    note("skipped \(lines.count) line(s) that are not records:")
    for l in lines.prefix(5) { note("  \(l)") }
    if lines.count > 5 { note("  … and \(lines.count - 5) more") }
}

/// The names in order, each once.
func unique(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}
