import Foundation

/// An analysis made of independent jobs (grid points, draws), each solved
/// into records: what `BatchRun` drives with resume, shards and records files.
/// Sweeps and simulations conform; so does whatever analysis comes next.
public protocol BatchAnalysis: Sendable {
    /// Identifies the run in its records file (equal headers: the same run).
    associatedtype Header: RunHeader
    associatedtype Record: Codable & Sendable & Equatable

    var header: Header { get }
    /// Number of jobs; job indices are `0..<jobCount`.
    var jobCount: Int { get }
    /// Records a finished job has (a draw has one per variant).
    var recordsPerJob: Int { get }
    /// The job a record belongs to.
    func job(of record: Record) -> Int
    /// A key unique to one record, for merging.
    func key(of record: Record) -> String
    /// Solves one job on the calling (worker) thread. `previous` carries the
    /// thread's last solution in and this job's out, for warm starts.
    func run(job index: Int, planner: Planner, previous: inout [Double]?) -> [Record]
    /// The order of records in a finished file.
    func precedes(_ a: Record, _ b: Record) -> Bool
    /// The solver status of a record (`optimal`, `infeasible`, `error`, `interrupted`, …) and its error.
    func outcome(of record: Record) -> (status: String, error: String?)
    /// Why a record read back cannot belong to this run (beyond its job index), or nil.
    func foreign(_ record: Record) -> String?
}

extension BatchAnalysis {
    public func foreign(_ record: Record) -> String? { nil }
}

/// What a batch run did.
public struct BatchOutcome<Record: Sendable>: Sendable {
    /// Every finished record (resumed ones included), in the analysis' order.
    public var records: [Record]
    /// Jobs this process had to solve (after resume and sharding) and the run's total.
    public var jobsToSolve: Int
    public var jobsTotal: Int
    /// Records taken over from an earlier run of the same file.
    public var resumed: Int
    /// Lines skipped when resuming (partial lines of an interrupted write), each `path:line: why`.
    public var skippedLines: [String]
    /// True when the run was stopped (Ctrl-C): unfinished jobs stay to solve.
    public var interrupted: Bool
    /// Records whose solve failed (status `error`), and the first error.
    public var failed: Int
    public var firstError: String?
    /// True when there were records and every one failed: nothing to report as a result.
    public var allFailed: Bool { failed > 0 && failed == records.count }
}

/// Runs a batch analysis: the jobs this shard owns that a resumed records
/// file does not hold yet, on the worker pool, streaming each finished job's
/// records to the records file; then, unless stopped, rewrites the file sorted.
public struct BatchRun<Analysis: BatchAnalysis>: Sendable {
    public var analysis: Analysis
    public var shard: Shard
    /// JSON-lines file of the records (nil: keep them in memory only).
    public var recordsPath: String?
    public var resume: Bool
    /// Offer each worker's previous solution as the next job's starting incumbent.
    public var warmStart: Bool

    public init(_ analysis: Analysis, shard: Shard = .whole, recordsPath: String? = nil, resume: Bool = false, warmStart: Bool = false) {
        self.analysis = analysis
        self.shard = shard
        self.recordsPath = recordsPath
        self.resume = resume
        self.warmStart = warmStart
    }

    /// Runs the jobs.
    ///
    /// - Parameters:
    ///   - planner: solve options and parallelism (each job runs one solve at a time).
    ///   - shouldStop: polled before each job; also stop the solves under way
    ///     through `planner.options.cancellation`.
    ///   - progress: called after each job with (jobs done, jobs to solve).
    /// - Throws: `RunError` for a records file of another run or one that cannot be written.
    public func execute(planner: Planner, shouldStop: @escaping @Sendable () -> Bool = { false },
                        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> BatchOutcome<Analysis.Record> {
        let a = analysis
        var file: RecordsFile<Analysis.Header, Analysis.Record>? = nil
        var resumed: [Analysis.Record] = []
        var skipped: [String] = []
        if let path = recordsPath {
            let opened = try RecordsFile<Analysis.Header, Analysis.Record>.open(path, header: a.header, resume: resume)
            (file, resumed, skipped) = (opened.0, opened.1, opened.skipped)
            // A record the run cannot have made (a draw beyond the run's, a variant it
            // does not solve) means the file was edited: refused, not counted.
            for r in resumed {
                let j = a.job(of: r)
                if !(0..<a.jobCount).contains(j) { throw RunError("\(path): a record of job \(j), outside this run's 0…\(a.jobCount - 1); the file was edited or belongs to another run") }
                if let why = a.foreign(r) { throw RunError("\(path): \(why); the file was edited or belongs to another run") }
            }
        }
        // A record present twice (a line copied, a file resumed into twice) counts once
        // when the copies agree and stops the run when they do not.
        if let path = recordsPath {
            var seen: [String: Analysis.Record] = [:]
            var unique: [Analysis.Record] = []
            for r in resumed {
                let k = a.key(of: r)
                if let old = seen[k] {
                    if old != r { throw RunError("\(path) holds two different records for \(k); the file was edited or mixes runs") }
                    continue
                }
                seen[k] = r
                unique.append(r)
            }
            resumed = unique
        }
        // A job counts as done only with all its records; the records of a job
        // cut short are dropped and the job solved again.
        let perJob = Dictionary(grouping: resumed, by: a.job(of:))
        let done = Set(perJob.filter { $0.value.count >= a.recordsPerJob }.keys)
        var records = resumed.filter { done.contains(a.job(of: $0)) }
        let todo = (0..<a.jobCount).filter { shard.owns($0) && !done.contains($0) }
        let sink = file
        let collected = Slots<[Analysis.Record]>(count: todo.count)
        let failure = Slots<Error>(count: 1)
        let counter = Counter()
        let solo = planner.sequential
        let warm = warmStart
        WorkerPool.run(count: todo.count, parallelism: planner.parallelism, shouldStop: shouldStop,
                       state: { [Double]?.none }) { k, last in
            var previous = warm ? last : nil
            let out = a.run(job: todo[k], planner: solo, previous: &previous)
            if warm { last = previous }
            return out
        } record: { k, rs in
            // A job whose solve was stopped is not done: a resumed run solves it again.
            if !rs.contains(where: { a.outcome(of: $0).status == "interrupted" }) {
                collected[k] = rs
                do { try sink?.append(rs) } catch { failure[0] = error }
            }
            progress((counter.take(below: Int.max) ?? 0) + 1, todo.count)
        }
        if let e = failure[0] { throw e }
        records += (0..<todo.count).flatMap { collected[$0] ?? [] }
        records.sort(by: a.precedes)
        // Jobs left unsolved: the run was stopped.
        let interrupted = (0..<todo.count).contains { collected[$0] == nil }
        if let path = recordsPath, !interrupted {
            try RecordsFile<Analysis.Header, Analysis.Record>.finalize(path, header: a.header, records: records)
        }
        let failures = records.filter { a.outcome(of: $0).status == "error" }
        return BatchOutcome(records: records, jobsToSolve: todo.count, jobsTotal: a.jobCount, resumed: resumed.count,
                            skippedLines: skipped, interrupted: interrupted, failed: failures.count,
                            firstError: failures.first.flatMap { a.outcome(of: $0).error })
    }
}
