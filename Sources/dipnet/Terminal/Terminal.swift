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
func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// A progress bar on standard error, only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && isatty(2) == 1
    }

    /// Draws `done` of `total` (at most five times a second, and at the end).
    func show(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, done == total || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r[%@] %d/%d %@, %.1f/s, %.0f s left ", bar, done, total, label, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Ctrl-C: the first stops the solves under way (they keep their best plans,
/// the command writes what it has and exits 130); the second quits at once.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()
    /// Handed to every solve of the command (`SolveOptions.cancellation`).
    let cancellation = SolveCancellation()
    private let lock = NSLock()
    private var source: DispatchSourceSignal?

    var requested: Bool { cancellation.isCancelled }

    /// Installs the handler (once).
    func install() {
        lock.lock()
        defer { lock.unlock() }
        guard source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler { [weak self] in
            guard let self else { return }
            if self.cancellation.isCancelled { exit(130) }
            note("\ninterrupted: stopping the solves under way and keeping their best plans so far (Ctrl-C again to quit at once)")
            self.cancellation.cancel()
        }
        s.resume()
        source = s
    }
}
