import Synchronization

/// Asks running solves to stop: a flag any thread may raise, and handlers the
/// solvers register while they run (a backend's own stop request).
///
/// A solve that sees the flag stops at its next chance and returns its best
/// solution so far as `TerminationStatus.interrupted`; a solve that starts
/// after `cancel()` returns at once. One instance may serve many solves.
public final class SolveCancellation: Sendable {
    private struct State {
        var cancelled = false
        var next = 0
        var handlers: [Int: @Sendable () -> Void] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    /// True once `cancel()` was called.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Raises the flag and calls every registered handler (once each).
    public func cancel() {
        let handlers = state.withLock { s -> [@Sendable () -> Void] in
            guard !s.cancelled else { return [] }
            s.cancelled = true
            return Array(s.handlers.values)
        }
        for h in handlers { h() }
    }

    /// Registers `handler` for the duration of `body`; it runs at once when the
    /// flag is already raised.
    public func whileRunning<T>(onCancel handler: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let (key, already) = state.withLock { s -> (Int, Bool) in
            s.next += 1
            s.handlers[s.next] = handler
            return (s.next, s.cancelled)
        }
        defer { _ = state.withLock { $0.handlers.removeValue(forKey: key) } }
        if already { handler() }
        return try body()
    }
}
