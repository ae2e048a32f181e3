import Crypto
import FileSupport
import Foundation

/// The version of dipnet, and the names of the formats of what it writes.
public enum DipnetVersion {
    /// dipnet's version, in every JSON output and records file.
    public static let string = "0.5.0"
}

/// What a JSON output or records file holds, named `dipnet/<kind>-<version>`;
/// its JSON Schema is `docs/schema/<kind>.schema.json`.
public enum OutputFormatName {
    public static func of(_ kind: String, version: Int = 1) -> String { "dipnet/\(kind)-\(version)" }
}

extension DipnetVersion {
    /// What `dipnet --version` prints: the version on the first line (what scripts
    /// read, as before), then what tells two builds of it apart — the SHA-256 of the
    /// running executable (what `sha256sum` prints for the file named there), the
    /// build configuration and the solver linked.
    ///
    /// - Parameters:
    ///   - solver: the solver's name and version, e.g. "GLPK 5.0".
    ///   - debug: whether this is a debug build.
    /// - Returns: three lines, no trailing newline. The executable's line says why
    ///   when the file cannot be read (never throws).
    public static func report(solver: String, debug: Bool) -> String {
        var lines = [string]
        if let path = executablePath() {
            do {
                lines.append("build sha256 \(try sha256(ofFileAt: path)) (\(path))")
            } catch {
                lines.append("build: \(path) could not be read (\(error.localizedDescription))")
            }
        } else {
            lines.append("build: the executable's path is not known")
        }
        lines.append("\(debug ? "debug" : "release") build; solver \(solver)")
        return lines.joined(separator: "\n")
    }

    /// What tells this build apart in a file sent on (a workbook's `about` sheet):
    /// `sha256 <64 hex digits>` of the running executable, as `dipnet --version` prints
    /// it; nil when the executable cannot be read. Hashed once per process.
    public static let buildIdentity: String? = executablePath().flatMap { path in (try? sha256(ofFileAt: path)).map { "sha256 \($0)" } }

    /// The running executable's path: `/proc/self/exe` resolved on Linux, the main
    /// bundle's executable elsewhere; nil when neither is known.
    static func executablePath() -> String? {
        #if os(Linux)
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        #endif
        return Bundle.main.executableURL?.path
    }

    /// SHA-256 of a file's bytes, 64 lowercase hex digits, read in 1 MiB chunks.
    /// - Throws: the file system's error when the file cannot be opened or read.
    static func sha256(ofFileAt path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: fileURL(path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
