import Foundation

/// A file that could not be written; the message names it and says why.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// True when the machine, not the path, failed the write: no space left, a quota,
    /// an I/O error, a file too large (ENOSPC, EDQUOT, EIO, EFBIG).
    public var outOfResources: Bool
    public init(_ description: String, outOfResources: Bool = false) {
        self.description = description
        self.outOfResources = outOfResources
    }

    /// A failure whose cause is `errno`'s value `code`.
    init(_ description: String, errno code: Int32) {
        self.init(description, outOfResources: Self.resourceCodes.contains(code))
    }

    /// A failure caused by `error` (Foundation's, with its POSIX cause where it has one).
    init(_ description: String, cause error: Error) {
        let ns = error as NSError
        let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        let posix = [ns, under].compactMap { $0 }.first { $0.domain == NSPOSIXErrorDomain }.map { Int32($0.code) }
        let full = ns.domain == NSCocoaErrorDomain && ns.code == CocoaError.fileWriteOutOfSpace.rawValue
        self.init(description, outOfResources: full || posix.map(Self.resourceCodes.contains) == true)
    }

    static let resourceCodes: Set<Int32> = [ENOSPC, EDQUOT, EIO, EFBIG]
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
    ///
    /// A symbolic link is written through (its target is replaced, the link
    /// stays); a device, pipe or socket (`/dev/stdout`, a FIFO) is written
    /// directly, since it cannot be renamed onto.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        var url = fileURL(path)
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            // What the link ends at, as the kernel follows it: `/dev/stdout` ends at a pipe
            // or terminal whose name (`pipe:[…]`) no path resolution can give, and a link
            // replaced by a renamed file would be lost.
            if stat(path, &st) == 0 {
                let kind = st.st_mode & S_IFMT
                if kind == S_IFDIR { throw FileWriteError("cannot write \(path): it is a folder, expected a file") }
                if kind != S_IFREG { try body(path); return }
                guard let real = realpath(path, nil) else {
                    throw FileWriteError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                url = fileURL(String(cString: real))
                free(real)
            } else {
                // a dangling link: its target is created, as a shell's `>` would
                url = url.resolvingSymlinksInPath()
                var again = stat()
                if lstat(url.path, &again) == 0, (again.st_mode & S_IFMT) == S_IFLNK {
                    throw FileWriteError("cannot write \(path): the symbolic link's target cannot be resolved")
                }
            }
        }
        if stat(url.path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR { throw FileWriteError("cannot write \(path): it is a folder, expected a file") }
            if kind != S_IFREG { try body(url.path); return }
        }
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) else {
            throw FileWriteError("cannot write \(path): directory \(dir.path) does not exist")
        }
        guard isDir.boolValue else { throw FileWriteError("cannot write \(path): \(dir.path) is a file, not a directory") }
        let path = url.path
        // A name near the file system's 255 bytes leaves no room for the suffix: then the
        // temporary file is named by the UUID alone.
        let stem = url.lastPathComponent.utf8.count > 200 ? "" : url.lastPathComponent + "."
        let temporary = dir.appendingPathComponent(".\(stem)\(UUID().uuidString).tmp").path
        do {
            try body(temporary)
            // Flush the data before the rename: after a crash the target holds
            // the old file or the whole new one, never a renamed empty file.
            let fd = open(temporary, O_RDONLY)
            guard fd >= 0, fsync(fd) == 0 else {
                let code = errno
                if fd >= 0 { close(fd) }
                throw FileWriteError("cannot write \(path): \(String(cString: strerror(code)))", errno: code)
            }
            close(fd)
            guard rename(temporary, path) == 0 else {
                let code = errno
                throw FileWriteError("cannot write \(path): \(String(cString: strerror(code)))", errno: code)
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes bytes atomically.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { temporary in
            do { try data.write(to: fileURL(temporary)) }
            catch { throw FileWriteError("cannot write \(path): \(error.localizedDescription)", cause: error) }
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

/// Writes a folder of files so that readers see either the old folder or the
/// whole new one (a data package: CSV files and their `datapackage.json`).
public enum AtomicDirectory {
    /// Writes `files` (name → bytes, names without `/`) into a fresh folder
    /// beside `path`, flushes each, then puts it in place of `path`: a missing
    /// `path` is created; an existing folder is replaced only when it holds
    /// nothing but files this kind of write made (it names them in `marker`),
    /// so that a mistyped `--out` never deletes an unrelated folder.
    ///
    /// - Throws: `FileWriteError` when the parent folder is missing, `path`
    ///   is a file or a folder of other files, or a write, flush or rename fails;
    ///   on any error `path` is left as it was.
    /// The `path` of every entry of `resources` in a JSON marker file (a data
    /// package descriptor), or nothing when it cannot be read.
    static func listedFiles(in marker: URL) -> [String] {
        guard let data = try? Data(contentsOf: marker),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let resources = json["resources"] as? [[String: Any]] else { return [] }
        return resources.compactMap { $0["path"] as? String }.filter { !$0.contains("/") }
    }

    public static func write(_ files: [(name: String, data: Data)], to path: String, marker: String) throws {
        let fm = FileManager.default
        let url = fileURL(path).standardizedFileURL
        let parent = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw FileWriteError("cannot write \(path): directory \(parent.path) does not exist")
        }
        var replacing = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw FileWriteError("cannot write \(path): it is a file, expected a folder (or nothing)") }
            let present = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            guard present.isEmpty || present.contains(marker) else {
                throw FileWriteError("cannot write \(path): the folder holds other files (no \(marker)); give a new or empty folder")
            }
            // Only what the previous write made may go: the marker and the files it lists.
            if !present.isEmpty {
                let made = Set([marker] + Self.listedFiles(in: url.appendingPathComponent(marker)))
                let foreign = present.filter { !made.contains($0) }.sorted()
                guard foreign.isEmpty else {
                    throw FileWriteError("cannot write \(path): the folder also holds \(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", …" : ""), which \(marker) does not list; move them or give a new folder")
                }
            }
            replacing = !present.isEmpty
        }
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent.utf8.count > 200 ? "" : url.lastPathComponent + ".")\(UUID().uuidString).tmp")
        let old = parent.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).old")
        do {
            do { try fm.createDirectory(at: staging, withIntermediateDirectories: false) }
            catch { throw FileWriteError("cannot write \(path): \((error as NSError).localizedDescription)", cause: error) }
            for f in files {
                guard !f.name.contains("/"), !f.name.isEmpty else { throw FileWriteError("cannot write \(path): bad file name \(f.name)") }
                let target = staging.appendingPathComponent(f.name).path
                do { try f.data.write(to: fileURL(target)) }
                catch { throw FileWriteError("cannot write \(target): \(error.localizedDescription)", cause: error) }
                let fd = open(target, O_RDONLY)
                guard fd >= 0, fsync(fd) == 0 else {
                    let code = errno
                    if fd >= 0 { close(fd) }
                    throw FileWriteError("cannot write \(target): \(String(cString: strerror(code)))", errno: code)
                }
                close(fd)
            }
            if fm.fileExists(atPath: url.path) {
                guard rename(url.path, old.path) == 0 else {
                    throw FileWriteError("cannot replace \(path): \(String(cString: strerror(errno)))")
                }
            }
            guard rename(staging.path, url.path) == 0 else {
                let why = String(cString: strerror(errno))
                if fm.fileExists(atPath: old.path) { _ = rename(old.path, url.path) }
                throw FileWriteError("cannot write \(path): \(why)")
            }
            if replacing || fm.fileExists(atPath: old.path) { try? fm.removeItem(at: old) }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
