import Foundation

/// What a YAML file is, told by parsing its top-level keys: a scenario has
/// `dipnet:`, a coalition has `dipnet:` and `states:`.
public enum DipnetFileKind: String, Sendable {
    case scenario, coalition

    /// The kind of the file at `path`; nil when it is not a dipnet file (not
    /// YAML, not a mapping, neither `dipnet:` nor `states:`) or cannot be read.
    public static func of(_ path: String) -> DipnetFileKind? {
        let bag = DiagnosticBag()
        guard let text = ScenarioFile.readText(path, at: nil, bag: bag),
              let root = YAMLReader.read(text, file: path, diagnostics: bag)?.mapping,
              root["dipnet"] != nil || root["states"] != nil else { return nil }
        // `states:` alone is a coalition missing its version: read as one, it gets that error.
        return root["states"] != nil ? .coalition : .scenario
    }

    /// Scenario files (`.yaml`/`.yml`, kind `scenario`) at or under each path,
    /// sorted; a path that is a file is taken as it is.
    ///
    /// - Throws: `ScenarioError` for a path that does not exist.
    public static func scenarioFiles(under paths: [String]) throws(ScenarioError) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ScenarioError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), path: "", "no such file or directory")])
            }
            guard isDir.boolValue else { out.append(path); continue }
            var found: [String] = []
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let rel = enumerator?.nextObject() as? String {
                guard rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") else { continue }
                let full = (path as NSString).appendingPathComponent(rel)
                if of(full) == .scenario { found.append(full) }
            }
            out += found.sorted()
        }
        return out
    }
}
