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
        let optionWords = arguments.prefix { $0 != "--" }.filter { $0.hasPrefix("-") && $0.count > 1 }
            .map { $0.split(separator: "=", maxSplits: 1)[0] }
        guard optionWords.count > 1 else { return [] }
        guard let data = root._dumpHelp().data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              var command = json["command"] as? [String: Any] else { return [] }
        // The subcommand path: leading words that name subcommands.
        var rest = arguments[...]
        var path = [String]()
        while let word = rest.first, !word.hasPrefix("-"),
              let sub = (command["subcommands"] as? [[String: Any]])?.first(where: { $0["commandName"] as? String == word }) {
            command = sub
            path.append(word)
            rest = rest.dropFirst()
        }
        // Every spelling (--format, -f) of an option that takes one value, to its long form.
        var single: [String: String] = [:]
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            guard argument["kind"] as? String == "option", argument["isRepeating"] as? Bool != true else { continue }
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { n -> (String, String)? in
                guard let kind = n["kind"] as? String, let name = n["name"] as? String else { return nil }
                return (kind, name)
            }
            guard let long = names.first(where: { $0.0 == "long" }).map({ "--" + $0.1 }) ?? names.first.map({ "-" + $0.1 }) else { continue }
            for (kind, name) in names { single[(kind == "long" ? "--" : "-") + name] = long }
        }
        var seen: [String: [String]] = [:], order: [String] = []
        var i = rest.startIndex
        while i < rest.endIndex {
            let word = rest[i]
            if word == "--" { break }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if let long = single[parts[0]] {
                let inline = parts.count > 1 ? parts[1] : nil
                let value = inline ?? (i + 1 < rest.endIndex ? rest[i + 1] : "")
                // An empty value (`--variant=`, or nothing after the option) is the
                // argument parser's "missing value", wherever it stands.
                if !value.isEmpty {
                    if seen[long] == nil { order.append(long) }
                    seen[long, default: []].append(value)
                }
                if inline == nil { i += 1 }
            }
            i += 1
        }
        return order.compactMap { name in
            // The same value twice is harmless (a script adding a default again).
            guard let values = seen[name], Set(values).count > 1 else { return nil }
            var advice = ""
            if name == "--variant" {
                advice = path.first == "coalition"
                    ? " (each variant is its own run of dipnet coalition)"
                    : " (several variants side by side: dipnet compare FILE --variants a,b; one after the other: --variant a+b)"
            }
            return "\(name) is given \(values.count) times (\(values.map { "\"\($0)\"" }.joined(separator: ", then "))); "
                + "it takes one value, and only the last would count: give it once" + advice
        }
    }
}
