/// Why the GLPK backend could not produce a result.
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model holds numbers or names GLPK must not see; every problem is listed.
    case invalidModel([String])
    /// GLPK detected a fatal error; it was trapped and the thread's GLPK
    /// environment freed. The message is GLPK's own.
    case fatal(String)
    /// GLPK stopped with an error code it could not recover from (numerical trouble).
    case solverFailure(code: Int32, meaning: String)
    /// Reading or writing a file failed.
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let problems):
            "the model cannot be given to GLPK:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .fatal(let message): "GLPK fatal error (trapped): \(message)"
        case .solverFailure(let code, let meaning): "GLPK failed (code \(code)): \(meaning)"
        case .io(let message): message
        }
    }
}
