import DiplomaticNetwork
import Foundation
import LinearProgramming
import Reports

/// ANSI colour for standard output: only on a terminal, never with NO_COLOR
/// set (https://no-color.org) or TERM=dumb.
enum Style {
    static let enabled: Bool = {
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"] != nil || env["TERM"] == "dumb" { return false }
        return isatty(1) == 1
    }()

    static func paint(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    static func good(_ s: String) -> String { paint(s, "32") }
    static func bad(_ s: String) -> String { paint(s, "31;1") }
    static func warn(_ s: String) -> String { paint(s, "33") }
    static func bold(_ s: String) -> String { paint(s, "1") }

    /// The tone reports use on this terminal.
    static var tone: Tone {
        enabled ? Tone(good: { Style.good($0) }, bad: { Style.bad($0) }, strong: { Style.bold($0) }) : .plain
    }

    /// Colours the status word of a solve.
    static func status(_ s: String) -> String {
        switch s {
        case "optimal": good(s)
        case "feasible", "time_limit", "interrupted": warn(s)
        default: bad(s)
        }
    }
}

/// Writes to standard error.
func note(_ s: String) {
    ProgressLine.shared.clear()
    try? FileHandle.standardError.write(contentsOf: Data((s + "\n").utf8))
}

/// Columns of the terminal on standard error (80 when it does not say).
func terminalColumns() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}

/// A progress line cut to the terminal's width less one column, so that it never wraps:
/// "\r" and erase-line clear only the row the cursor is on, and a wrapped line would
/// leave its first row behind.
func fitted(_ line: String) -> String {
    let room = max(10, terminalColumns() - 1)
    return line.count <= room ? line : String(line.prefix(room - 1)) + "…"
}

/// Seconds between the progress lines of a long search or batch when standard error is
/// not a terminal (a log, a notebook, a pipe): one whole line each, the first after this
/// long, so that a run of many minutes says how far it is and about how long is left
/// where no updating line can be drawn; a run shorter than this prints none.
/// `DIPNET_PROGRESS_LOG_SECONDS` sets another interval (a positive number of seconds;
/// anything else keeps 60).
let progressLogInterval: Double = {
    guard let text = ProcessInfo.processInfo.environment["DIPNET_PROGRESS_LOG_SECONDS"], let x = Double(text), x.isFinite, x > 0 else { return 60 }
    return x
}()

/// When a logged progress line is due: every `progressLogInterval` seconds from the start
/// (not for the last item, which the result itself reports). Held under its owner's lock.
struct ProgressLog {
    private var last = Date()
    /// Whether a line is due now; if so, the next one is due an interval later.
    mutating func due(last item: Bool) -> Bool {
        guard !item, Date().timeIntervalSince(last) >= progressLogInterval else { return false }
        last = Date()
        return true
    }
}

/// A progress bar on standard error when it is a terminal; elsewhere (not with --quiet) a
/// line every `progressLogInterval` seconds, e.g. "draws: 120 of 1,000 · 64 s · about 8 min left".
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let logging: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var log = ProgressLog()
    private let lock = NSLock()

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && isatty(2) == 1
        self.logging = enabled && isatty(2) != 1
        if self.enabled { ProgressLine.shared.suppressed = true }
    }

    /// Draws `done` of `total` (at most five times a second, and at the end).
    func show(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(started)
        if logging, log.due(last: done >= total) {
            note(progressLogLine(label, done: done, total: total, unit: nil, elapsed: elapsed))
        }
        guard enabled, done == total || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "[%@] %d/%d %@, %.1f/s, %.0f s left ", bar, done, total, label, rate, eta)
        FileHandle.standardError.write(Data(("\r" + fitted(line)).utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// The line a long search or batch logs where standard error is not a terminal:
/// "margins: 12 of 60 inputs · 75 s · about 5 min left" (`unit` nil: "draws: 120 of 1,000 · …").
func progressLogLine(_ label: String, done: Int, total: Int, unit: String?, elapsed: Double) -> String {
    "\(label): \(Fmt.money(Double(done))) of " + (unit.map { Fmt.count(total, $0) } ?? Fmt.money(Double(total)))
        + " · " + String(format: "%.0f s", elapsed)
        + (Fmt.timeLeft(done: done, total: total, elapsed: elapsed).map { " · about \($0) left" } ?? "")
}

/// One updating line on standard error for `dipnet robust`: the step under way, its
/// items done, the solves so far and the elapsed time, e.g. "robust: proofs by pieces
/// or regions · 34 of 120 posts · 1,234 solves · 45 s". Only on a terminal, never with
/// --quiet; drawn at most five times a second, cleared at the end. The solves' own
/// progress line stays off while it is shown. Where standard error is not a terminal, the
/// same text as a whole line every `progressLogInterval` seconds instead (none for a
/// shorter run; never with --quiet).
final class StepLine: @unchecked Sendable {
    let enabled: Bool
    /// Whether the line is logged (standard error not a terminal) rather than drawn.
    let logging: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var log = ProgressLog()
    private var drawn = false
    private let lock = NSLock()

    /// The updating line on a terminal, unless `--quiet` or `--verbose` (whose solver log the
    /// line would overwrite); the whole lines where it is not drawn (standard error not a
    /// terminal, or `--verbose`), unless `--quiet`.
    init(_ solver: SolverOptions) {
        self.enabled = !solver.quiet && !solver.verbose && isatty(2) == 1
        self.logging = !solver.quiet && !self.enabled
        if self.enabled { ProgressLine.shared.suppressed = true }
    }

    /// What to hand `Robust.run`/`CoalitionRobust.run` as `progress`: nil when the line is off.
    var report: (@Sendable (RobustProgress) -> Void)? {
        guard enabled || logging else { return nil }
        return { @Sendable [self] p in self.show(p) }
    }

    func show(_ p: RobustProgress) {
        draw(last: p.done == p.total) { Self.text(p, elapsed: $0) }
    }

    /// What to hand `Margins.run`/`MarginsPairs.run` as `progress`, each report drawn as
    /// "label: 37 of 105 inputs · 14 s"; nil when the line is off.
    func items(_ label: String) -> (@Sendable (_ unit: String, _ done: Int, _ total: Int) -> Void)? {
        guard enabled || logging else { return nil }
        return { @Sendable [self] unit, done, total in self.show(label, done: done, total: total, unit: unit) }
    }

    /// A search over items, e.g. "margins: 37 of 105 inputs · 14 s · about 3 min left".
    func show(_ label: String, done: Int, total: Int, unit: String) {
        draw(last: done == total) { elapsed in progressLogLine(label, done: done, total: total, unit: unit, elapsed: elapsed) }
    }

    /// Draws `text(elapsed seconds)` at most every 0.2 s, and always for the `last` item;
    /// logged, a whole line every `progressLogInterval` seconds, not for the last item.
    private func draw(last: Bool, _ text: (Double) -> String) {
        lock.lock()
        defer { lock.unlock() }
        if logging, !Interrupts.shared.requested, log.due(last: last) { note(text(Date().timeIntervalSince(started))) }
        guard enabled else { return }
        // After Ctrl-C the solves left are cancelled, not done: the line goes, so that the
        // notes that follow start on a clean row.
        if Interrupts.shared.requested {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
            return
        }
        guard Date().timeIntervalSince(lastDraw) > 0.2 || last else { return }
        lastDraw = Date()
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + fitted(text(Date().timeIntervalSince(started)))).utf8))
        drawn = true
    }

    /// The line's text.
    static func text(_ p: RobustProgress, elapsed: Double) -> String {
        return "robust: \(p.step.rawValue) · \(Fmt.money(Double(p.done))) of \(Fmt.count(p.total, p.unit, plural: p.unit == "vertex and post" ? "vertices and posts" : nil)) · "
            + "\(Fmt.count(p.solves, "solve")) · "
            + String(format: "%.0f s", elapsed)
    }

    /// Clears the line (before the report is printed).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }
}

/// Ctrl-C: the first stops the solves under way (they keep their best plans,
/// the command writes what it has and exits 130); the second quits at once,
/// writing nothing. A second signal within a quarter of a second is the same
/// interrupt (a terminal or `timeout` may deliver one keypress twice). Before a
/// command arms it (`install`), Ctrl-C quits at once with status 130, writing nothing.
///
/// How no signal is lost: `start`, the first statement of the program, blocks
/// SIGINT on the main thread before any other thread exists that could take it;
/// every thread created later inherits the mask (libdispatch's workers block all
/// signals anyway), so a SIGINT stays pending until the one thread that waits for
/// it in `sigwait` takes it. No handler runs in signal context. (The earlier
/// dispatch source ignored SIGINT and registered asynchronously; a signal could be
/// discarded in between, and CI saw `explain` run to the end after a Ctrl-C.)
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()
    /// Handed to every solve of the command (`SolveOptions.cancellation`).
    let cancellation = SolveCancellation()
    private let lock = NSLock()
    private var started = false
    private var armed = false
    private var first: Date?

    var requested: Bool { cancellation.isCancelled }

    /// Blocks SIGINT and starts the thread that waits for it (once). Call before
    /// anything else starts threads.
    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        var set = Self.sigint
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let waiter = Thread { [self] in
            var set = Self.sigint
            while true {
                var signo: Int32 = 0
                if sigwait(&set, &signo) == 0, signo == SIGINT { received() }
            }
        }
        waiter.name = "dipnet-sigint"
        waiter.start()
    }

    /// Arms the two-step handling for a command that solves (from then on the first
    /// Ctrl-C stops its solves instead of ending the process).
    func install() {
        start()
        lock.lock()
        armed = true
        lock.unlock()
    }

    private static var sigint: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        return set
    }

    private func received() {
        lock.lock()
        let isArmed = armed
        lock.unlock()
        guard isArmed else {
            // Not armed (loading, validating, writing): nothing is solved yet, so quit at
            // once with the documented status, whether or not a solve was about to start.
            note("\ninterrupted: nothing written")
            exit(130)
        }
        if cancellation.isCancelled {
            if let first, Date().timeIntervalSince(first) < 0.25 { return }
            note("quit: nothing more is written")
            exit(130)
        }
        first = Date()
        note("\ninterrupted: stopping the solves under way and keeping their best plans so far (Ctrl-C again to quit at once, writing nothing)")
        cancellation.cancel()
    }
}

/// One updating line on standard error for long solves: incumbent, bound, gap
/// and elapsed time of the longest-running solve, once it has run two seconds.
/// Only on a terminal; never with --quiet or --verbose (GLPK's log is then shown).
final class ProgressLine: @unchecked Sendable {
    static let shared = ProgressLine()
    /// Handed to every solve of the command (`SolveOptions.monitor`).
    private(set) lazy var monitor = SolveMonitor(onFinish: { [weak self] in self?.solveEnded() })
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var drawn = false
    /// Set while a progress bar of many solves owns the line.
    var suppressed = false
    /// Seconds a solve runs before its line appears.
    static let delay = 2.0

    /// Starts polling (once); the line appears only while a solve has run `delay` seconds.
    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard timer == nil, isatty(2) == 1 else { return }
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + 0.5, repeating: 0.5)
        t.setEventHandler { [weak self] in self?.tick() }
        t.resume()
        timer = t
    }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        // Read under the lock: a snapshot taken before a solve ended, drawn after its
        // `solveEnded` cleared the line, left the line up until the next tick, and the
        // result printed then ran on from it.
        let running = monitor.snapshot()
        guard !suppressed, let p = running.max(by: { $0.elapsed < $1.elapsed }), p.elapsed >= Self.delay else {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
            return
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + fitted(Self.line(p, running: running.count))).utf8))
        drawn = true
    }

    /// The text of the line, e.g. "solving: incumbent 17,767,286 · bound 17,901,200 · gap 0.75% · 12 s".
    static func line(_ p: SolveProgress, running: Int) -> String {
        func money(_ x: Double) -> String { Fmt.money(x) }
        var parts: [String] = []
        if p.inTree {
            parts.append("incumbent " + (p.incumbent.map(money) ?? "none yet"))
            if let b = p.bound { parts.append("bound " + money(b)) }
            if let g = p.gap { parts.append(String(format: "gap %.2f%%", g * 100)) }
        } else {
            parts.append("LP relaxation")
        }
        parts.append(String(format: "%.0f s", p.elapsed))
        if p.attempt > 1 { parts.append("retry \(p.attempt - 1) after a numerical failure") }
        if running > 1 { parts.append("\(running) solves running") }
        return "solving: " + parts.joined(separator: " · ")
    }

    /// A solve ended: clear the line before anything else is printed.
    private func solveEnded() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }

    /// Clears the line now (before a note or the result is printed); the next tick
    /// draws it again if a solve still runs.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }

    /// Stops polling and clears the line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }
}
