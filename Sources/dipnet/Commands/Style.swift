import Foundation

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

    /// Colours the status word of a solve.
    static func status(_ s: String) -> String {
        switch s {
        case "optimal": good(s)
        case "feasible", "time_limit", "interrupted": warn(s)
        default: bad(s)
        }
    }
}
