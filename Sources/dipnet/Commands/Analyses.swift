import ArgumentParser
import DiplomaticNetwork
import Foundation
import GLPKSolver
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

func parameterFailure(_ e: Error) -> UserError { UserError("\(e)") }

/// After a sweep or simulation: says how many solves failed and why (the first
/// error); exits 1 when none succeeded, so that a run of failures never reads
/// like a result.
func failIfUnsolved(_ outcomes: [(status: String, error: String?)], what: String) throws {
    let failed = outcomes.filter { $0.status == "error" }
    guard !failed.isEmpty else { return }
    let first = failed.first?.error ?? "unknown error"
    let message = "\(failed.count) of \(outcomes.count) \(what)s failed; the first: \(first)"
    if failed.count == outcomes.count {
        FileHandle.standardError.write(Data("error: every \(what) failed (\(outcomes.count)); the first: \(first)\n".utf8))
        throw ExitCode.failure
    }
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
}

/// Opens the records file: fresh, or resumed after checking it belongs to this run.
func openRecords<H: Codable & Equatable, R: Codable>(_ path: String?, resume: Bool, header: H, record: R.Type) throws -> (JSONLinesWriter?, [R]) {
    guard let path else { return (nil, []) }
    if resume, FileManager.default.fileExists(atPath: path) {
        let (h, rs, skipped) = try JSONLines.read(path, header: H.self, record: R.self)
        guard h == header else {
            throw UserError("\(path) records another run (different scenario, variant, parameters or seed); use another file or drop --resume")
        }
        if skipped > 0 { FileHandle.standardError.write(Data("\(path): skipped \(skipped) incomplete line(s)\n".utf8)) }
        return (try JSONLinesWriter(path: path, truncate: false), rs)
    }
    let w = try JSONLinesWriter(path: path, truncate: true)
    try w.write(header)
    return (w, [])
}

/// Rewrites a finished records file sorted, so the same run always gives the same bytes.
func finalizeRecords<H: Encodable, R: Encodable>(_ path: String?, header: H, records: [R]) throws {
    guard let path else { return }
    var data = try JSONLines.encoder.encode(header) + Data([0x0A])
    for r in records { data += try JSONLines.encoder.encode(r) + Data([0x0A]) }
    try AtomicFile.write(data, to: path)
}

struct Sweep_: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve over a grid of one or two parameters; print each point and the closure order.",
        discussion: "Example: dipnet sweep belgium.yaml --variant optimal --param rules.budget=200e6..232e6:17")

    @Argument(help: "Scenario file.") var file: String
    @Option(help: "Variant to sweep.") var variant = "base"
    @Option(name: .customLong("param"), help: "PATH=LO..HI:N or PATH=A,B,C (any numeric path a variant could set); once or twice.")
    var params: [String] = []
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the table to this file (atomically).") var out: String?
    @Flag(help: "Offer each worker's previous point as the starting incumbent (see README: it rarely pays here).")
    var warmStart = false
    @OptionGroup var batch: RunOptions
    @OptionGroup var solver: SolverOptions

    func validate() throws {
        if params.isEmpty || params.count > 2 { throw ValidationError("give one or two --param PATH=LO..HI:N") }
    }

    func run() throws {
        let (file, base) = try loadVariant(self.file, variant)
        let axes: [SweepAxis]
        do {
            axes = try params.map { try SweepAxis($0, in: base) }
            // A path the variant cannot take (e.g. rules.budget without a budget) is bad input, found before any solve.
            var probe = base
            for a in axes { try a.path.set(&probe, to: a.values[0]) }
        } catch { throw parameterFailure(error) }
        let grid = Sweep.grid(axes)
        let header = SweepHeader(scenario: base.name, scenario_hash: file.contentHash, variant: variant,
                                 parameters: axes.map(\.path.text), values: axes.map(\.values), points: grid.count,
                                 existing_posts: base.posts.filter { $0.status == .existing }.count)
        let (openedWriter, resumed) = try openRecords(batch.records, resume: batch.resume, header: header, record: SweepRecord.self)
        var records = resumed
        let sink = openedWriter
        let done = Set(records.map(\.point))
        let todo = grid.indices.filter { batch.part.owns($0) && !done.contains($0) }
        solver.note("sweep: \(todo.count) of \(grid.count) points to solve\(batch.part.count > 1 ? " (shard \(batch.part))" : "")")
        let planner = solver.planner.sequentialSolves
        let progress = Progress(total: todo.count, label: "points", enabled: !solver.quiet)
        Interruption.shared.install()
        let collected = Slots<SweepRecord>(count: todo.count)
        let failure = Slots<Error>(count: 1)
        let warm = warmStart
        Workers.run(count: todo.count, parallelism: solver.planner.parallelism, shouldStop: { Interruption.shared.requested },
                    state: { [Double]?.none }) { k, last in
            var start = warm ? last : nil
            let r = Sweep.solve(base, axes: axes, point: todo[k], values: grid[todo[k]], planner: planner, start: &start)
            last = start
            return r
        } record: { k, r in
            progress.tick()
            // A point whose solve Ctrl-C stopped is not done: a resumed run solves it again.
            guard r.status != "interrupted" else { return }
            collected[k] = r
            do { try sink?.write(r) } catch { failure[0] = error }
        }
        if let e = failure[0] { throw UserError("cannot write records: \(e)") }
        records += (0..<todo.count).compactMap { collected[$0] }
        records.sort { $0.point < $1.point }
        let interrupted = Interruption.shared.requested
        if !interrupted { try finalizeRecords(batch.records, header: header, records: records) }
        try emit(AnalysisReport.renderSweep(header, records, as: format), to: out)
        if interrupted { throw ExitCode(130) }
        try failIfUnsolved(records.map { ($0.status, $0.error) }, what: "point")
    }
}

struct Tipping_: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tipping",
        abstract: "Find the value of a parameter at which a post's optimal decision flips.",
        discussion: "Example: dipnet tipping belgium.yaml --variant optimal --post HAV --param countries.CUB.scores.geopolitical --range 0..100")

    @Argument(help: "Scenario file.") var file: String
    @Option(help: "Variant to start from (the post must not be forced in it).") var variant = "base"
    @Option(help: "The post whose decision is followed.") var post: String
    @Option(name: .customLong("param"), help: "Numeric parameter path.") var param: String
    @Option(help: "LO..HI to search (default: 0 to twice the current value).") var range: String?
    @Option(help: "Width of the final bracket (default: range/1000).") var tolerance: Double?
    @Option(help: "Values scanned before bisecting (default 9).") var points = 9
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically).") var out: String?
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let (_, base) = try loadVariant(self.file, variant)
        let path: ParameterPath
        do { path = try ParameterPath(param, in: base) } catch { throw parameterFailure(error) }
        let current = path.value(in: base) ?? 0
        var lo = 0.0, hi = max(2 * current, path.range.upperBound == 1 ? 1 : 1)
        if let r = range {
            let parts = r.components(separatedBy: "..")
            guard parts.count == 2, let a = Reading_parse(parts[0]), let b = Reading_parse(parts[1]), a < b else {
                throw UserError("--range takes LO..HI with LO < HI, found \(r)")
            }
            (lo, hi) = (a, b)
        }
        if hi > path.range.upperBound { hi = path.range.upperBound }
        let tol = tolerance ?? (hi - lo) / 1000
        guard tol > 0, points >= 2 else { throw UserError("--tolerance must be > 0 and --points ≥ 2") }
        let result: TippingResult
        do {
            result = try Tipping.find(base, post: post, path: path, range: lo...hi, tolerance: tol, points: points, planner: solver.planner)
        } catch let e as ParameterError { throw UserError(e.description) }
        try emit(AnalysisReport.renderTipping(result, as: format), to: out)
        try solver.exitIfInterrupted()
    }
}

func Reading_parse(_ s: String) -> Double? { Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil } }

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monte Carlo over the scenario's uncertainty section: distributions of net benefit and coverage, keep probabilities, wins.")

    @Argument(help: "Scenario file (with an uncertainty: section).") var file: String
    @Option(help: "Variants to solve in each draw, comma-separated (default: the section's, else the first comparison's).")
    var variants: String?
    @Option(help: "Number of draws (default: the section's, else 1000).") var draws: Int?
    @Option(help: "Random seed (default: the section's, else 1).") var seed: UInt64?
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the summary to this file (atomically).") var out: String?
    @OptionGroup var batch: RunOptions
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let file = try loadScenario(self.file)
        guard var spec = file.uncertainty else {
            throw UserError("\(self.file) has no uncertainty: section (see docs/scenario-format.md, \"Uncertainty\")")
        }
        if let d = draws { guard d >= 1 else { throw UserError("--draws must be ≥ 1") }; spec.draws = d }
        if let s = seed { spec.seed = s }
        var names = variants.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? spec.variants
        if names.isEmpty, let c = file.comparisons.first { names = [c.baseline] + c.variants.filter { $0 != c.baseline } }
        if names.isEmpty { names = ["base"] }
        let scenarios: [Scenario]
        do { scenarios = try names.map { try file.scenario($0) } } catch let e as ScenarioError { throw ScenarioProblems(errors: [e]) }
        let header = SimulationHeader(scenario: file.base.name, scenario_hash: file.contentHash, variants: names, seed: spec.seed,
                                      draws: spec.draws, parameters: spec.parameters.map(\.path.text) + spec.shocks.map { "shock:\($0.country)" },
                                      existing_posts: file.base.posts.filter { $0.status == .existing }.map(\.id),
                                      candidate_posts: file.base.posts.filter { $0.status == .candidate }.map(\.id))
        let (openedWriter, resumed) = try openRecords(batch.records, resume: batch.resume, header: header, record: SimulationRecord.self)
        // A draw counts as done only with a record for every variant; the
        // records of a draw cut short are dropped and the draw computed again.
        let perDraw = Dictionary(grouping: resumed, by: \.draw)
        let done = Set(perDraw.filter { _, rs in Set(rs.map(\.variant)) == Set(names) }.keys)
        var records = resumed.filter { done.contains($0.draw) }
        let sink = openedWriter
        let todo = (0..<spec.draws).filter { batch.part.owns($0) && !done.contains($0) }
        solver.note("simulate: \(todo.count) of \(spec.draws) draws × \(names.count) variants\(batch.part.count > 1 ? " (shard \(batch.part))" : "")")
        let planner = solver.planner.sequentialSolves
        let progress = Progress(total: todo.count, label: "draws", enabled: !solver.quiet)
        Interruption.shared.install()
        let collected = Slots<[SimulationRecord]>(count: todo.count)
        let failure = Slots<Error>(count: 1)
        let frozen = spec
        Workers.run(count: todo.count, parallelism: solver.planner.parallelism, shouldStop: { Interruption.shared.requested }) { k in
            Simulation.run(draw: todo[k], spec: frozen, scenarios: scenarios, planner: planner)
        } record: { k, rs in
            progress.tick()
            // A draw with a solve Ctrl-C stopped is not done: a resumed run solves it again.
            guard !rs.contains(where: { $0.status == "interrupted" }) else { return }
            collected[k] = rs
            do { for r in rs { try sink?.write(r) } } catch { failure[0] = error }
        }
        if let e = failure[0] { throw UserError("cannot write records: \(e)") }
        records += (0..<todo.count).flatMap { collected[$0] ?? [] }
        records.sort { ($0.draw, names.firstIndex(of: $0.variant) ?? 0) < ($1.draw, names.firstIndex(of: $1.variant) ?? 0) }
        let interrupted = Interruption.shared.requested
        if !interrupted { try finalizeRecords(batch.records, header: header, records: records) }
        let summary = SimulationSummary(records: records, variants: names, existing: header.existing_posts, candidates: header.candidate_posts)
        try emit(AnalysisReport.renderSimulation(header, summary, as: format), to: out)
        if interrupted { throw ExitCode(130) }
        try failIfUnsolved(records.map { ($0.status, $0.error) }, what: "solve")
    }
}

struct Explain_: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Per post: cost, cases, value carried and regret (the loss if forced the other way); per country: why its presence.")

    @Argument(help: "Scenario file.") var file: String
    @Option(help: "Variant to explain.") var variant = "base"
    @Option(help: "Output format: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically).") var out: String?
    @OptionGroup var solver: SolverOptions

    func run() throws {
        let (_, s) = try loadVariant(self.file, variant)
        let e: Explanation
        do { e = try Explain.run(s, planner: solver.planner) } catch let x as ParameterError {
            FileHandle.standardError.write(Data("error: \(x)\n".utf8))
            throw ExitCode.failure
        }
        try emit(AnalysisReport.renderExplain(e, as: format), to: out)
        try solver.exitIfInterrupted()
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the records of sharded or resumed sweeps and simulations, and print their summary.")

    @Argument(help: "Records files (JSON lines) of the same run.") var files: [String]
    @Option(name: .customLong("into"), help: "Write the merged records here (atomically).") var into: String?
    @Option(help: "Output format of the summary: table, json, csv, markdown.") var format: OutputFormat = .table
    @Option(help: "Write the summary to this file (atomically).") var out: String?

    func run() throws {
        guard let first = files.first, let data = FileManager.default.contents(atPath: first),
              let line = data.split(separator: 0x0A).first,
              let kind = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["kind"] as? String else {
            throw UserError("\(files.first ?? "?") is not a dipnet records file")
        }
        do {
            switch kind {
            case "sweep":
                let (h, rs) = try mergeFiles(SweepHeader.self, SweepRecord.self) { "\($0.point)" }
                try finalizeRecords(into, header: h, records: rs.sorted { $0.point < $1.point })
                if rs.count < h.points { FileHandle.standardError.write(Data("note: \(rs.count) of \(h.points) points present\n".utf8)) }
                try emit(AnalysisReport.renderSweep(h, rs, as: format), to: out)
            case "simulation":
                let (h, rs) = try mergeFiles(SimulationHeader.self, SimulationRecord.self) { "\($0.draw)|\($0.variant)" }
                let sorted = rs.sorted { ($0.draw, h.variants.firstIndex(of: $0.variant) ?? 0) < ($1.draw, h.variants.firstIndex(of: $1.variant) ?? 0) }
                try finalizeRecords(into, header: h, records: sorted)
                let present = Set(rs.map(\.draw)).count
                if present < h.draws { FileHandle.standardError.write(Data("note: \(present) of \(h.draws) draws present\n".utf8)) }
                let summary = SimulationSummary(records: sorted, variants: h.variants, existing: h.existing_posts, candidates: h.candidate_posts)
                try emit(AnalysisReport.renderSimulation(h, summary, as: format), to: out)
            default:
                throw UserError("\(first): unknown records kind \(kind)")
            }
        } catch let e as ParameterError { throw UserError(e.description) }
    }

    func mergeFiles<H: Codable & Equatable, R: Codable & Equatable>(_ h: H.Type, _ r: R.Type, key: (R) -> String) throws -> (H, [R]) {
        var header: H? = nil
        var byKey: [String: R] = [:]
        for f in files {
            let (fh, rs, skipped) = try JSONLines.read(f, header: H.self, record: R.self)
            if skipped > 0 { FileHandle.standardError.write(Data("\(f): skipped \(skipped) incomplete line(s)\n".utf8)) }
            if let h0 = header, h0 != fh { throw UserError("\(f) records another run than \(files[0])") }
            header = fh
            for x in rs {
                let k = key(x)
                if let old = byKey[k], old != x { throw UserError("\(f): record \(k) differs from the same record in another file") }
                byKey[k] = x
            }
        }
        return (header!, Array(byKey.values))
    }
}

extension Planner {
    /// Within a pool of worker threads each solve runs alone on its thread.
    var sequentialSolves: Planner { Planner(options: options, parallelism: 1) }
}
