import Foundation

/// The file URL of `path` as the command line gave it, relative to the working folder
/// unless absolute. Foundation's `URL(fileURLWithPath:)` expands a leading `~` itself, so
/// `-o '~/x.json'` (quoted, which the shell left alone) wrote to the home folder while the
/// same name as an input read `./~/x.json`: a leading `~` stays a name here, as the shell
/// passed it.
public func fileURL(_ path: String) -> URL {
    URL(fileURLWithPath: literalPath(path))
}

/// `path` for the Foundation calls that expand a leading `~` (`FileManager.createFile`):
/// `./~…` for a name that begins with `~`, else itself (see `fileURL`).
public func literalPath(_ path: String) -> String {
    path.hasPrefix("~") ? "./" + path : path
}
