import ArgumentParser
import Foundation

/// A single-valued option given twice (`--variant a --variant b`) is kept by the
/// argument parser as its last value, silently: the run would answer another
/// question than the one asked. This check refuses it before parsing, from the
/// parser's own description of the commands (which options take one value and
/// which are repeatable, such as `--set` and `--force`).
enum RepeatedOptions {
    /// The problems of `arguments` (without the program name): one message per
    /// single-valued option given more than once with different values, naming
    /// them in order.
    static func problems(in arguments: [String], root: any ParsableCommand.Type = Dipnet.self) -> [String] {
        // Most command lines repeat no option: then the parser's description is not needed.
        let longNames = arguments.prefix { $0 != "--" }.filter { $0.hasPrefix("--") }.map { $0.split(separator: "=", maxSplits: 1)[0] }
        guard Set(longNames).count < longNames.count else { return [] }
        guard let data = root._dumpHelp().data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              var command = json["command"] as? [String: Any] else { return [] }
        // The subcommand path: leading words that name subcommands.
        var rest = arguments[...]
        while let word = rest.first, !word.hasPrefix("-"),
              let sub = (command["subcommands"] as? [[String: Any]])?.first(where: { $0["commandName"] as? String == word }) {
            command = sub
            rest = rest.dropFirst()
        }
        var single = Set<String>()      // long names of options that take one value
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            guard argument["kind"] as? String == "option", argument["isRepeating"] as? Bool != true else { continue }
            for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                if let n = name["name"] as? String { single.insert("--" + n) }
            }
        }
        var seen: [String: [String]] = [:], order: [String] = []
        var i = rest.startIndex
        while i < rest.endIndex {
            let word = rest[i]
            if word == "--" { break }
            let (name, inline) = word.split(separator: "=", maxSplits: 1).map(String.init).splitFirst
            if single.contains(name) {
                let value = inline ?? (i + 1 < rest.endIndex ? rest[i + 1] : "")
                if seen[name] == nil { order.append(name) }
                seen[name, default: []].append(value)
                if inline == nil { i += 1 }
            }
            i += 1
        }
        return order.compactMap { name in
            // The same value twice is harmless (a script adding a default again).
            guard let values = seen[name], Set(values).count > 1 else { return nil }
            return "\(name) is given \(values.count) times (\(values.map { "\"\($0)\"" }.joined(separator: ", then "))); "
                + "it takes one value, and only the last would count: give it once"
                + (name == "--variant" ? " (several variants side by side: dipnet compare FILE --variants a,b; one after the other: --variant a+b)" : "")
        }
    }
}

private extension Array where Element == String {
    /// The first element and, when there is one, the second.
    var splitFirst: (String, String?) { (self.first ?? "", count > 1 ? self[1] : nil) }
}
