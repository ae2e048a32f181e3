import FileSupport
import Foundation

/// What a YAML file is, told by parsing its top-level keys: a scenario has
/// `dipnet:`, a coalition has `dipnet:` and a `states:` mapping.
public enum DipnetFileKind: String, Sendable {
    case scenario, coalition

    /// The kind of the file at `path`; nil when it is not a dipnet file (not
    /// YAML, not a mapping, neither `dipnet:` nor `states:`) or cannot be read.
    public static func of(_ path: String) -> DipnetFileKind? {
        guard let root = topLevel(path) else { return nil }
        return kind(of: root)
    }

    /// The kind a parsed top level tells, nil for neither.
    static func kind(of root: DocNode.Mapping) -> DipnetFileKind? {
        // `states:` alone is a coalition missing its version: read as one, it gets that error.
        // A scenario with a stray `states:` list stays a scenario (its loading reports the key).
        // A blank `states:` (null) with `agreements:` beside it is a coalition with no states yet.
        if root["states"]?.mapping != nil || (root["states"] != nil && root["dipnet"] == nil)
            || (root["states"]?.isNull == true && root["agreements"] != nil) { return .coalition }
        return root["dipnet"] != nil ? .scenario : nil
    }

    static func topLevel(_ path: String) -> DocNode.Mapping? {
        let bag = DiagnosticBag()
        guard let text = ScenarioFile.readText(path, at: nil, bag: bag) else { return nil }
        return YAMLReader.read(text, file: path, diagnostics: bag)?.mapping
    }

    /// Keys only a scenario has at its top level: a YAML file with one of them but
    /// no `dipnet:` is a scenario with its version line lost or mistyped.
    static let scenarioKeys: Set<String> = ["countries", "posts", "partners", "criteria", "variants", "expect", "comparisons",
                                            "rules", "presence", "costs", "services", "interests", "uncertainty", "extends"]

    /// Whether a line of `text` starts with a scenario's top-level key and a colon
    /// (`posts:`, `countries: {csv: …}`): a file YAML cannot parse that is still meant as a
    /// scenario.
    static func startsAScenarioKey(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return scenarioKeys.contains(String(line[..<colon]))
        }
    }

    /// What a search for scenario files found.
    public struct Search: Sendable {
        /// Scenario files, each once (by its real path), in the order of the paths given,
        /// sorted within each folder; and files that look meant as scenarios but cannot be
        /// read or parsed (their loading reports why).
        public var scenarios: [String] = []
        /// Coalition files, each once: their expect blocks are checked too.
        public var coalitions: [String] = []
        /// YAML files met in folders that are not dipnet files (no `dipnet:` and no
        /// scenario key), skipped.
        public var others: [String] = []
        /// A path given that is a coalition file, a folder that cannot be read or
        /// that holds no scenario file: each an error.
        public var problems: [ScenarioError] = []
    }

    /// Why a path cannot be reached: the system's reason (no such file, permission denied).
    static func why(_ path: String) -> String {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK { return "a link to something that does not exist" }
        return stat(path, &st) == 0 ? "unreadable" : String(cString: strerror(errno)).lowercased()
    }

    /// Scenario files (`.yaml`/`.yml`) at or under each path. A path that is a
    /// file is taken as it is (unless it is a coalition file). Folders are walked
    /// recursively, following symbolic links (each real folder once) and skipping
    /// hidden files and folders (`.git`, `.build`); the suffix is matched in any case. A YAML file in a folder that cannot be
    /// read or parsed, or has scenario keys without `dipnet:`, is taken as a
    /// scenario so that its problems are reported rather than skipped.
    ///
    /// - Throws: `ScenarioError` for a path that does not exist.
    public static func search(under paths: [String]) throws(ScenarioError) -> Search {
        var out = Search()
        var seen = Set<String>()
        func real(_ p: String) -> String { fileURL(p).resolvingSymlinksInPath().path }
        func problem(_ path: String, _ message: String) {
            out.problems.append(ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "", message)]))
        }
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "", Self.why(path))])
            }
            guard isDir.boolValue else {
                if seen.insert(real(path)).inserted {
                    if of(path) == .coalition { out.coalitions.append(path) } else { out.scenarios.append(path) }
                }
                continue
            }
            // Each file with the kind the walk read from it (read once: loading reads it again).
            var found: [(path: String, coalition: Bool)] = []
            var visited = Set<String>()
            func walk(_ dir: String) {
                guard visited.insert(real(dir)).inserted else { return }  // a link back up: each real folder once
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
                    let why = opendir(dir).map { closedir($0); return "" } ?? " (\(String(cString: strerror(errno))))"
                    problem(dir, "cannot read this folder\(why): scenario files in it would go untested")
                    return
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    let full = (dir as NSString).appendingPathComponent(name)
                    let lower = name.lowercased()
                    let yaml = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
                    var sub: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: full, isDirectory: &sub) else {
                        // A dangling link, or an entry the folder's permissions hide: a scenario would go untested.
                        if yaml { problem(full, "cannot reach this file (\(Self.why(full))): it would go untested") }
                        continue
                    }
                    if sub.boolValue { walk(full); continue }
                    guard yaml else { continue }
                    // A named pipe or device met in a folder is not read (opening a pipe
                    // without a writer blocked `dipnet test DIR` for good): named, not tested.
                    if case .file = ScenarioFile.fileKind(full) {} else {
                        problem(full, "not a regular file (a named pipe or a device): not read in a folder search; give it by name to read it")
                        continue
                    }
                    guard let root = topLevel(full) else {
                        // Unreadable or not YAML: loading says why, unless nothing in it speaks of dipnet
                        // and no line starts with a scenario's key (another tool's file, e.g. a
                        // multi-document YAML). A scenario broken before its `dipnet:` line was
                        // skipped as another tool's file (`name: x` then `posts: [`).
                        let text = (try? String(contentsOfFile: full, encoding: .utf8)) ?? "dipnet"
                        if text.contains("dipnet") || text.isEmpty || startsAScenarioKey(text) { found.append((full, false)) } else { out.others.append(full) }
                        continue
                    }
                    switch kind(of: root) {
                    case .scenario: found.append((full, false))
                    case .coalition: found.append((full, true))
                    case nil:
                        if root.entries.contains(where: { scenarioKeys.contains($0.key) }) { found.append((full, false)) } else { out.others.append(full) }
                    }
                }
            }
            walk(path)
            if found.isEmpty {
                problem(path, "no scenario or coalition file in this folder or below (a .yaml or .yml file with `dipnet:`): nothing to test")
            }
            for f in found where seen.insert(real(f.path)).inserted {
                if f.coalition { out.coalitions.append(f.path) } else { out.scenarios.append(f.path) }
            }
        }
        return out
    }
}
