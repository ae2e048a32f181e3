import Foundation

/// A file that could not be written; the message names it and says why.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes files so that readers see either the old file or the whole new one:
/// every output of dipnet (reports, exported models, records, generated
/// scenarios) goes through here.
public enum AtomicFile {
    /// Calls `body` with a temporary path in the target's directory, flushes
    /// the file to disk (`fsync`), then renames it onto `path`; on any error
    /// the temporary file is removed and `path` is left as it was.
    ///
    /// - Throws: `FileWriteError` when the directory is missing or the file
    ///   cannot be flushed or renamed; whatever `body` throws.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw FileWriteError("cannot write \(path): directory \(dir.path) does not exist")
        }
        let temporary = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            try body(temporary)
            // Flush the data before the rename: after a crash the target holds
            // the old file or the whole new one, never a renamed empty file.
            let fd = open(temporary, O_RDONLY)
            guard fd >= 0, fsync(fd) == 0 else {
                let why = String(cString: strerror(errno))
                if fd >= 0 { close(fd) }
                throw FileWriteError("cannot write \(path): \(why)")
            }
            close(fd)
            guard rename(temporary, path) == 0 else {
                throw FileWriteError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes bytes atomically.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { temporary in
            do { try data.write(to: URL(fileURLWithPath: temporary)) }
            catch { throw FileWriteError("cannot write \(path): \(error.localizedDescription)") }
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
