import FileSupport
import Foundation

/// A run's records on disk, as JSON lines: a header line that identifies the
/// run (scenario, content hash, variants, parameters, seed), then one line per
/// record. Every record is one whole `write`, so a killed run leaves every
/// finished record intact and at worst a torn last line, which readers skip.
/// A finished run rewrites the file sorted (atomically), so the same run always
/// gives the same bytes, sharded or not.
public final class RecordsFile<Header: Codable & Sendable & Equatable, Record: Codable & Sendable>: @unchecked Sendable {
    public let path: String
    private let handle: FileHandle
    private let lock = NSLock()

    /// Opens the file for a run: a fresh file with `header`, or with `resume`
    /// an existing file of the same run, whose complete records are returned.
    ///
    /// - Throws: `RunError` when the file records another run or cannot be written.
    public static func open(_ path: String, header: Header, resume: Bool) throws -> (RecordsFile, [Record], skipped: Int) {
        if resume, FileManager.default.fileExists(atPath: path) {
            let (found, records, skipped) = try read(path)
            guard found == header else {
                throw RunError("\(path) records another run (different scenario, content, variant, parameters or seed); use another file or drop --resume")
            }
            return (try RecordsFile(path: path, truncate: false), records, skipped)
        }
        let file = try RecordsFile(path: path, truncate: true)
        try file.writeLine(header)
        return (file, [], 0)
    }

    private init(path: String, truncate: Bool) throws {
        self.path = path
        if truncate || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw RunError("cannot create \(path)") }
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw RunError("cannot write \(path)") }
        handle = h
        handle.seekToEndOfFile()
    }

    deinit { try? handle.close() }

    /// Appends records, each as one whole line (thread-safe).
    public func append(_ records: [Record]) throws {
        var data = Data()
        for r in records { data += try RecordsCoding.encoder.encode(r) + Data([0x0A]) }
        lock.lock()
        defer { lock.unlock() }
        do { try handle.write(contentsOf: data) } catch { throw RunError("cannot write records to \(path): \(error.localizedDescription)") }
    }

    private func writeLine<T: Encodable>(_ value: T) throws {
        try handle.write(contentsOf: try RecordsCoding.encoder.encode(value) + Data([0x0A]))
    }

    /// Rewrites `path` with the header and the records in the given order, atomically.
    public static func finalize(_ path: String, header: Header, records: [Record]) throws {
        var data = try RecordsCoding.encoder.encode(header) + Data([0x0A])
        for r in records { data += try RecordsCoding.encoder.encode(r) + Data([0x0A]) }
        try AtomicFile.write(data, to: path)
    }

    /// Reads the complete lines of a records file: the header, the records,
    /// and how many partial or unreadable lines (an interrupted write) were skipped.
    public static func read(_ path: String) throws -> (Header, [Record], skipped: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RunError("cannot read \(path)") }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let first = lines.first, let h = try? RecordsCoding.decoder.decode(Header.self, from: Data(first)) else {
            throw RunError("\(path) does not start with a dipnet run header")
        }
        lines.removeFirst()
        var out: [Record] = []
        var skipped = 0
        for line in lines {
            if let r = try? RecordsCoding.decoder.decode(Record.self, from: Data(line)) { out.append(r) } else { skipped += 1 }
        }
        return (h, out, skipped)
    }

    /// Merges the records of several files of one run (shards, resumed parts):
    /// headers must be equal, a record present twice must be the same.
    ///
    /// - Parameter key: what identifies a record (a point, a draw and variant).
    /// - Throws: `RunError` naming the file that records another run or disagrees.
    public static func merge(_ paths: [String], key: (Record) -> String) throws -> (Header, [Record], skipped: Int) where Record: Equatable {
        guard let firstPath = paths.first else { throw RunError("no records files to merge") }
        var header: Header? = nil
        var byKey: [String: Record] = [:]
        var order: [String] = []
        var skipped = 0
        for path in paths {
            let (h, records, s) = try read(path)
            skipped += s
            if let h0 = header, h0 != h { throw RunError("\(path) records another run than \(firstPath)") }
            header = h
            for r in records {
                let k = key(r)
                if let old = byKey[k] {
                    if old != r { throw RunError("\(path): record \(k) differs from the same record in another file") }
                } else {
                    byKey[k] = r
                    order.append(k)
                }
            }
        }
        return (header!, order.map { byKey[$0]! }, skipped)
    }
}

/// The JSON coding of records files: sorted keys and shortest numbers, so the
/// same records give the same bytes.
public enum RecordsCoding {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()

    /// The `kind` of a records file (`sweep`, `simulation`, …) from its first line.
    public static func kind(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RunError("cannot read \(path)") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        guard let line = head.split(separator: 0x0A).first,
              let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let kind = object["kind"] as? String else {
            throw RunError("\(path) is not a dipnet records file (its first line is not a run header)")
        }
        return kind
    }
}

/// A run that cannot go on: a records file of another run, a file that cannot
/// be written, an analysis that cannot start. The message is for the user.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
