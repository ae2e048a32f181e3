import Crypto
import Foundation

/// Identifies what a scenario was read from: the SHA-256 of the manifest that
/// `sha256sum` prints for the scenario file and every CSV table it reads.
///
/// The manifest has one line per file, `<sha256 of its bytes>  <name>`, the
/// scenario file first, then the tables in the order they are read (`countries`,
/// `demand`, `partners`, `posts`, per state for coalitions), names as written
/// in the file (relative to its directory). So a user can check a hash
/// reported by dipnet without dipnet, from the scenario's directory:
///
///     sha256sum scenario.yaml countries.csv partners.csv posts.csv | sha256sum
///
/// (`manifest` lists the files in their order; `verificationCommand` spells
/// the line.) A file's digest covers its length and bytes, so any change of
/// content, name or order changes the hash.
public struct ContentHash: Sendable, Hashable {
    /// `(name, SHA-256 hex of its bytes)` in reading order.
    public private(set) var files: [(name: String, sha256: String)] = []

    public init() {}

    public static func == (a: ContentHash, b: ContentHash) -> Bool { a.manifest == b.manifest }
    public func hash(into h: inout Hasher) { h.combine(manifest) }

    /// Adds one file read under `name` (as written in the scenario).
    public mutating func add(file name: String, bytes: some DataProtocol) {
        files.append((name, Self.hex(SHA256.hash(data: bytes))))
    }

    /// The files read, as paths: `path` (the file these were read for, first in the
    /// manifest) and every table after it, joined to that file's folder unless absolute.
    public func paths(readFor path: String) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent
        return [path] + files.dropFirst().map { $0.name.hasPrefix("/") ? $0.name : (dir as NSString).appendingPathComponent($0.name) }
    }

    /// What `sha256sum` prints for the files, in order. Like GNU coreutils (9.1), a
    /// name with a backslash, line feed or carriage return is escaped (`\\`, `\n`,
    /// `\r`) and its line starts with a backslash.
    public var manifest: String { files.map { Self.manifestLine(name: $0.name, sha256: $0.sha256) }.joined() }

    static func manifestLine(name: String, sha256: String) -> String {
        guard name.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" }) else { return "\(sha256)  \(name)\n" }
        var escaped = ""
        for c in name.unicodeScalars {
            switch c {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(c)
            }
        }
        return "\\\(sha256)  \(escaped)\n"
    }

    /// The content hash: SHA-256 of the manifest, 64 hex digits.
    public var hex: String { Self.hex(SHA256.hash(data: Data(manifest.utf8))) }

    /// The shell line that prints the same hash, run from the scenario's directory.
    public var verificationCommand: String {
        "sha256sum " + files.map { Self.shellQuoted($0.name) }.joined(separator: " ") + " | sha256sum"
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "._-/+".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
