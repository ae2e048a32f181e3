import Synchronization

/// Where a running solve stands: what a progress line shows.
public struct SolveProgress: Sendable, Equatable {
    /// Seconds since the solve began.
    public var elapsed: Double
    /// Objective of the best integer solution so far (the incumbent), if any.
    public var incumbent: Double?
    /// Best bound of the open branch-and-bound nodes, if known.
    public var bound: Double?
    /// True once branch-and-bound has started (before: presolve and the LP relaxation).
    public var inTree: Bool
    /// Which solver settings are being tried (1 unless a numerical failure forced a retry).
    public var attempt: Int

    public init(elapsed: Double, incumbent: Double?, bound: Double?, inTree: Bool, attempt: Int) {
        self.elapsed = elapsed
        self.incumbent = incumbent
        self.bound = bound
        self.inTree = inTree
        self.attempt = attempt
    }

    /// |incumbent − bound| / (|incumbent| + ε), GLPK's relative gap; nil until both exist.
    public var gap: Double? {
        guard let i = incumbent, let b = bound else { return nil }
        return abs(i - b) / (abs(i) + Double.ulpOfOne)
    }
}

/// A board of running solves that a front end may poll (e.g. for a progress
/// line): solvers register a probe while they run. Thread-safe.
public final class SolveMonitor: Sendable {
    private struct State {
        var next = 0
        var probes: [Int: @Sendable () -> SolveProgress?] = [:]
    }
    private let state = Mutex(State())
    private let onFinish: (@Sendable () -> Void)?

    /// - Parameter onFinish: called on the solving thread each time a solve ends
    ///   (after its probe is removed), e.g. to clear a progress line at once.
    public init(onFinish: (@Sendable () -> Void)? = nil) {
        self.onFinish = onFinish
    }

    /// Registers `probe` for the duration of `body`.
    public func whileRunning<T>(probe: @escaping @Sendable () -> SolveProgress?, _ body: () throws -> T) rethrows -> T {
        let key = state.withLock { s -> Int in
            s.next += 1
            s.probes[s.next] = probe
            return s.next
        }
        defer {
            _ = state.withLock { $0.probes.removeValue(forKey: key) }
            onFinish?()
        }
        return try body()
    }

    /// The progress of every solve running now (in no particular order).
    public func snapshot() -> [SolveProgress] {
        let probes = state.withLock { Array($0.probes.values) }
        return probes.compactMap { $0() }
    }
}
