import Foundation

/// Runs independent jobs on worker OS threads, so that each GLPK solve stays on
/// one thread from creation to deletion (GLPK is not safe across threads and
/// keeps its state per thread). The one pool behind every parallel solve:
/// comparisons, sweeps, simulations, tipping scans, explanations, coalitions.
public enum WorkerPool {
    /// Runs `work(i)` for `i` in `0..<count` on at most `parallelism` threads,
    /// handing each result to `record` one at a time, in completion order.
    ///
    /// - Parameters:
    ///   - shouldStop: polled before each job; true stops scheduling (finished jobs are kept).
    public static func run<Output: Sendable>(
        count: Int, parallelism: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        work: @escaping @Sendable (Int) -> Output, record: @escaping @Sendable (Int, Output) -> Void
    ) {
        run(count: count, parallelism: parallelism, shouldStop: shouldStop, state: { () as Void },
            work: { i, _ in work(i) }, record: record)
    }

    /// The same with a state per worker thread (e.g. its last solution, for warm starts).
    public static func run<Output: Sendable, State>(
        count: Int, parallelism: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        state: @escaping @Sendable () -> State,
        work: @escaping @Sendable (Int, inout State) -> Output, record: @escaping @Sendable (Int, Output) -> Void
    ) {
        guard count > 0 else { return }
        let next = Counter()
        let lock = NSLock()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(parallelism, count)) {
            group.enter()
            let thread = Thread {
                var local = state()
                while !shouldStop(), let i = next.take(below: count) {
                    let out = work(i, &local)
                    lock.lock()
                    record(i, out)
                    lock.unlock()
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// Maps `0..<count` in parallel and returns the results in index order.
    ///
    /// - Parameter finished: called after each job with the number of jobs finished so
    ///   far (one call at a time, for progress reports).
    public static func map<Output: Sendable>(count: Int, parallelism: Int, finished: (@Sendable (Int) -> Void)? = nil,
                                             _ work: @escaping @Sendable (Int) -> Output) -> [Output] {
        let results = Slots<Output>(count: count)
        let tally = Counter()
        run(count: count, parallelism: parallelism, work: work) { i, out in
            results[i] = out
            if let finished { finished((tally.take(below: Int.max) ?? 0) + 1) }
        }
        return (0..<count).map { results[$0]! }
    }
}

/// Lock-protected slots written by worker threads.
public final class Slots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    public init(count: Int) { items = Array(repeating: nil, count: count) }
    public subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return items[i] }
        set { lock.lock(); items[i] = newValue; lock.unlock() }
    }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
