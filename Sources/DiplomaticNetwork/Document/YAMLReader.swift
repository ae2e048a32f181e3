import Foundation
import Yams

/// Reads YAML into a `DocNode` tree, keeping every value's line and column.
enum YAMLReader {
    /// Largest YAML file read, in bytes: scenario files are small; a larger one
    /// is almost surely not a scenario and would only exhaust memory.
    static let maxBytes = 64 << 20

    static func read(_ text: String, file: String, diagnostics: DiagnosticBag) -> DocNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "", "the file is empty; expected a scenario mapping starting with `dipnet: 1`")
                return nil
            }
            return convert(node, file: file, diagnostics: diagnostics)
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            diagnostics.error(SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1), "",
                              "not valid YAML: \(message)")
            return nil
        } catch {
            diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "", "not valid YAML: \(error)")
            return nil
        }
    }

    static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return (mark, "\(problem)\(ctx.isEmpty ? "" : " (\(ctx.trimmingCharacters(in: .whitespaces)))")")
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }

    static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    static func convert(_ node: Node, file: String, diagnostics: DiagnosticBag) -> DocNode {
        switch node {
        case .scalar(let s):
            return .scalar(.init(text: s.string, quoted: s.style != .plain && s.style != .any,
                                 location: location(s.mark, file)))
        case .sequence(let seq):
            return .sequence(.init(items: seq.map { convert($0, file: file, diagnostics: diagnostics) },
                                   location: location(seq.mark, file)))
        case .mapping(let map):
            var entries: [DocNode.Entry] = []
            var seen: [String: SourceLocation] = [:]
            for (k, v) in map {
                let keyLocation = location(k.mark, file)
                guard case .scalar(let ks) = k else {
                    diagnostics.error(keyLocation, "", "a mapping key must be a plain word, found a complex key")
                    continue
                }
                if let first = seen[ks.string] {
                    diagnostics.error(keyLocation, "", "duplicate key \"\(ks.string)\" (first at line \(first.line))")
                    continue
                }
                seen[ks.string] = keyLocation
                entries.append(.init(key: ks.string, keyLocation: keyLocation,
                                     value: convert(v, file: file, diagnostics: diagnostics)))
            }
            return .mapping(.init(entries: entries, location: location(map.mark, file)))
        }
    }
}
