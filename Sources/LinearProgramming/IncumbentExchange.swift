import Synchronization

/// Plans passed between a running branch-and-bound and a primal heuristic on
/// another thread (`SolveOptions.exchange`).
///
/// The heuristic `offer`s plans; the solver takes the newest one it has not seen
/// at its next node, checks it against the model's rows and bounds, and makes it
/// its incumbent when it is better, so that the tree prunes by it. The solver
/// `publish`es each better plan the tree finds, which the heuristic may start
/// from. Values are by variable index of the model the solver was given;
/// objectives are in the model's own units and sense. Once the solve has ended
/// the solver calls `finish()`, and the heuristic should stop.
public final class IncumbentExchange: Sendable {
    /// A plan and its objective value.
    public struct Plan: Sendable {
        /// Values by variable index; NaN where the solver does not know a value
        /// (a column its presolver removed: published plans only).
        public var values: [Double]
        public var objective: Double
        public init(values: [Double], objective: Double) {
            self.values = values
            self.objective = objective
        }
    }

    private struct State {
        var offered: Plan?
        var offerVersion = 0
        var offerTaken = 0
        var published: Plan?
        var publishVersion = 0
        var finished = false
        var onFinish: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    /// True when a larger objective is better (the model maximises).
    public let maximize: Bool

    public init(maximize: Bool) { self.maximize = maximize }

    /// True when `a` is better than `b` by more than a relative 1e-9.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        let tolerance = 1e-9 * max(1, abs(b))
        return maximize ? a > b + tolerance : a < b - tolerance
    }

    /// Offers a plan to the solver (kept only when better than the last offer).
    /// - Returns: whether it replaced the last offer.
    @discardableResult
    public func offer(_ plan: Plan) -> Bool {
        state.withLock { s in
            if let o = s.offered, !isBetter(plan.objective, than: o.objective) { return false }
            s.offered = plan
            s.offerVersion += 1
            return true
        }
    }

    /// The solver's side: the newest offer it has not taken yet, if any.
    public func takeOffer() -> Plan? {
        state.withLock { s in
            guard s.offerVersion > s.offerTaken, let o = s.offered else { return nil }
            s.offerTaken = s.offerVersion
            return o
        }
    }

    /// The solver's side: a better plan the tree found.
    public func publish(_ plan: Plan) {
        state.withLock { s in
            if let p = s.published, !isBetter(plan.objective, than: p.objective) { return }
            s.published = plan
            s.publishVersion += 1
        }
    }

    /// The tree's best plan when it is newer than `version` (0 for any), with its version.
    public func published(after version: Int) -> (plan: Plan, version: Int)? {
        state.withLock { s in
            guard s.publishVersion > version, let p = s.published else { return nil }
            return (p, s.publishVersion)
        }
    }

    /// The best plan offered so far.
    public var bestOffer: Plan? { state.withLock { $0.offered } }

    /// The solver's side: the solve has ended. Runs every `onFinish` handler once.
    public func finish() {
        let handlers = state.withLock { s -> [@Sendable () -> Void] in
            guard !s.finished else { return [] }
            s.finished = true
            defer { s.onFinish = [] }
            return s.onFinish
        }
        for h in handlers { h() }
    }

    public var isFinished: Bool { state.withLock { $0.finished } }

    /// Runs `handler` when the solve ends (at once when it has ended).
    public func onFinish(_ handler: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            if s.finished { return true }
            s.onFinish.append(handler)
            return false
        }
        if now { handler() }
    }
}
