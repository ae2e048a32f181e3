import Foundation

/// A batch run as a value: which scenario, which analysis with which
/// parameters or draws, which part, where its records go. Front ends turn
/// their input (command-line flags, a notebook cell, a request) into one and
/// hand it to `Runs.execute`; it round-trips through JSON.
public struct RunDescription: Codable, Sendable, Equatable {
    public enum Analysis: Codable, Sendable, Equatable {
        /// One solve per grid point of one or two parameters (`PATH=LO..HI:N`, `PATH=A,B,C`).
        case sweep(variant: String, parameters: [String])
        /// Monte Carlo over the file's `uncertainty:` section; nil: the section's defaults.
        /// `drawStated`: draw the ranges stated with `draw: false` too (nil or false: not).
        case simulation(variants: [String]?, draws: Int?, seed: UInt64?, drawStated: Bool? = nil)
        /// Near-optimal alternatives (see `AlternativesRun`): within `slack` of the optimum,
        /// `count` of them in `chains` parallel chains, or around posts.
        case alternatives(variant: String, slack: Double?, count: Int, chains: Int, explore: String, around: [String])
    }

    /// The scenario file.
    public var scenario: String
    /// Changes applied after every variant (`PATH=VALUE`, `ScenarioFile.load(_:set:)`); nil: none.
    public var changes: [String]?
    public var analysis: Analysis
    /// The part of the jobs this run solves.
    public var shard: Shard
    /// JSON-lines file for the records; nil keeps them in memory.
    public var records: String?
    /// Continue the run recorded in `records`.
    public var resume: Bool
    /// Offer each worker's previous solution as a starting incumbent (sweeps).
    public var warmStart: Bool
    /// The warnings the caller printed about the run's input, written into the records'
    /// header (`warnings`) so that a merge of the records keeps them; nil: none.
    public var warnings: [String]? = nil

    public init(scenario: String, changes: [String]? = nil, analysis: Analysis, shard: Shard = .whole, records: String? = nil,
                resume: Bool = false, warmStart: Bool = false) {
        self.scenario = scenario
        self.changes = changes
        self.analysis = analysis
        self.shard = shard
        self.records = records
        self.resume = resume
        self.warmStart = warmStart
    }
}

/// What a run found: its records turned into a summary, and how the run went.
public struct RunReport: Sendable {
    public enum Summary: Sendable {
        case sweep(SweepHeader, [SweepRecord])
        case simulation(SimulationHeader, SimulationSummary)
        case alternatives(AlternativesRun.Header, [AlternativesRun.Record])
    }
    public var summary: Summary
    public var jobsToSolve: Int
    public var jobsTotal: Int
    public var resumed: Int
    /// Lines skipped (not records), each `path:line: why`.
    public var skippedLines: [String]
    public var interrupted: Bool
    /// Records whose solve failed, of how many, and the first error.
    public var failed: Int
    public var recordCount: Int
    public var firstError: String?
    /// Every record failed: the summary holds no result.
    public var allFailed: Bool { failed > 0 && failed == recordCount }
}

/// Runs and merges batch analyses.
public enum Runs {
    /// Loads the scenario and executes the run.
    ///
    /// - Throws: `ScenarioError` (invalid scenario or variant), `ParameterError`
    ///   (a parameter that names nothing or cannot be varied), `RunError`
    ///   (records file of another run, no uncertainty section).
    public static func execute(_ d: RunDescription, planner: Planner = Planner(),
                               shouldStop: @escaping @Sendable () -> Bool = { false },
                               progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> RunReport {
        try execute(d, file: try ScenarioFile.load(d.scenario, set: d.changes ?? []), planner: planner, shouldStop: shouldStop, progress: progress)
    }

    /// Executes the run on an already loaded scenario file.
    public static func execute(_ d: RunDescription, file: ScenarioFile, planner: Planner = Planner(),
                               shouldStop: @escaping @Sendable () -> Bool = { false },
                               progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> RunReport {
        switch d.analysis {
        case .sweep(let variant, let parameters):
            var analysis = try SweepRun(file: file, variant: variant, parameters: parameters)
            analysis.header.warnings = d.warnings
            let run = BatchRun(analysis, shard: d.shard, recordsPath: d.records, resume: d.resume, warmStart: d.warmStart)
            let out = try run.execute(planner: planner, shouldStop: shouldStop, progress: progress)
            return report(.sweep(run.analysis.header, out.records), out)
        case .simulation(let variants, let draws, let seed, let drawStated):
            var analysis = try SimulationRun(file: file, variants: variants, draws: draws, seed: seed, drawStated: drawStated ?? false)
            (analysis.header.gap, analysis.header.time_limit) = (planner.options.relativeGap, planner.options.timeLimit)
            analysis.header.warnings = d.warnings
            let run = BatchRun(analysis, shard: d.shard, recordsPath: d.records, resume: d.resume)
            let out = try run.execute(planner: planner, shouldStop: shouldStop, progress: progress)
            return report(.simulation(run.analysis.header, run.analysis.summary(of: out.records)), out)
        case .alternatives(let variant, let slack, let count, let chains, let explore, let around):
            guard let e = AlternativesRun.Exploration(explore) else {
                throw ParameterError("expected diversity, min-presence:REGION, max-presence:REGION, min-service:S or max-service:S, found \"\(explore)\"")
            }
            var analysis = try AlternativesRun(try file.scenario(variant), scenarioHash: file.contentHash, slack: slack, count: count,
                                               chains: chains, explore: e, around: around, planner: planner.sequential)
            analysis.header.warnings = d.warnings
            let run = BatchRun(analysis, shard: d.shard, recordsPath: d.records, resume: d.resume)
            let out = try run.execute(planner: planner, shouldStop: shouldStop, progress: progress)
            return report(.alternatives(analysis.header, out.records), out)
        }
    }

    static func report<R>(_ summary: RunReport.Summary, _ o: BatchOutcome<R>) -> RunReport {
        RunReport(summary: summary, jobsToSolve: o.jobsToSolve, jobsTotal: o.jobsTotal, resumed: o.resumed,
                  skippedLines: o.skippedLines, interrupted: o.interrupted, failed: o.failed,
                  recordCount: o.records.count, firstError: o.firstError)
    }

    /// Combines the records files of one run (shards, resumed parts), writes the
    /// union sorted to `into` (atomically) when given, and summarises it. A merged
    /// run is byte for byte the unsharded one.
    ///
    /// - Throws: `RunError` when a file is not a records file, records another
    ///   run, or holds a record that disagrees with another file's.
    public static func merge(_ paths: [String], into: String? = nil) throws -> RunReport {
        guard let first = paths.first else { throw RunError("give the records files to merge") }
        switch try RecordsCoding.kind(of: first) {
        case "sweep":
            let (h, rs, skipped) = try RecordsFile<SweepHeader, SweepRecord>.merge(paths) { "\($0.point)" }
            if let r = rs.first(where: { !(0..<h.points).contains($0.point) }) {
                throw RunError("a record of point \(r.point), outside the run's 0…\(h.points - 1): a file was edited or belongs to another run")
            }
            let sorted = rs.sorted { $0.point < $1.point }
            if let into { try RecordsFile<SweepHeader, SweepRecord>.finalize(into, header: h, records: sorted) }
            let failed = sorted.filter { $0.status == "error" }
            return RunReport(summary: .sweep(h, sorted), jobsToSolve: 0, jobsTotal: h.points, resumed: sorted.count, skippedLines: skipped,
                             interrupted: false, failed: failed.count, recordCount: sorted.count, firstError: failed.first?.error)
        case "simulation":
            let (h, sorted, skipped) = try RecordsFile<SimulationHeader, SimulationRecord>.mergeDraws(paths)
            if let into { try RecordsFile<SimulationHeader, SimulationRecord>.finalize(into, header: h, records: sorted) }
            let summary = SimulationSummary(records: sorted, variants: h.variants, existing: h.existing_posts, candidates: h.candidate_posts, inert: h.inert ?? [:])
            let failed = sorted.filter { $0.status == "error" }
            return RunReport(summary: .simulation(h, summary), jobsToSolve: 0, jobsTotal: h.draws, resumed: Set(sorted.map(\.draw)).count,
                             skippedLines: skipped, interrupted: false, failed: failed.count, recordCount: sorted.count,
                             firstError: failed.first?.error)
        case "alternatives":
            typealias A = AlternativesRun
            let (h, rs, skipped) = try RecordsFile<A.Header, A.Record>.merge(paths) { "\($0.job)|\($0.index)" }
            let sorted = rs.sorted { ($0.job, $0.index) < ($1.job, $1.index) }
            if let into { try RecordsFile<A.Header, A.Record>.finalize(into, header: h, records: sorted) }
            let failed = sorted.filter { $0.status == "error" }
            return RunReport(summary: .alternatives(h, sorted), jobsToSolve: 0, jobsTotal: h.around.isEmpty ? h.chains : h.around.count,
                             resumed: Set(sorted.map(\.job)).count, skippedLines: skipped, interrupted: false, failed: failed.count,
                             recordCount: sorted.count, firstError: failed.first?.error)
        case "coalition-simulation":
            throw RunError("\(first) holds a coalition simulation: combine its parts with CoalitionSimulator.merge (dipnet merge … --into ALL), "
                           + "then report it with dipnet coalition FILE --simulate --records ALL --resume")
        case let kind:
            throw RunError("\(first): unknown records kind \(kind)")
        }
    }
}
