import Foundation
import Yams

/// Reads YAML into a `DocNode` tree, keeping every value's line and column.
enum YAMLReader {
    /// Largest YAML file read, in bytes: scenario files are small; a larger one
    /// is almost surely not a scenario and would only exhaust memory.
    static let maxBytes = 64 << 20

    /// Deepest nesting accepted; a scenario needs about six levels. Yams'
    /// composer recurses once per level, so an unbounded depth would overflow
    /// the stack instead of giving an error.
    static let maxDepth = 100
    /// Most values a document may expand to (aliases can multiply a small file).
    static let maxValues = 2_000_000

    static func read(_ text: String, file: String, diagnostics: DiagnosticBag) -> DocNode? {
        if let (line, column) = tooDeep(text) {
            diagnostics.error(SourceLocation(file: file, line: line, column: column), "",
                              "nesting deeper than \(maxDepth) levels; a scenario needs only a few")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "", "the file is empty; expected a scenario mapping starting with `dipnet: 1`")
                return nil
            }
            var budget = maxValues
            var path: [String] = []
            guard let doc = convert(node, file: file, diagnostics: diagnostics, budget: &budget, path: &path) else {
                diagnostics.error(location(node.mark, file), "",
                                  "the document expands to more than \(maxValues) values (through aliases?); not a scenario")
                return nil
            }
            return doc
        } catch let error as YamlError {
            let (location, message) = describe(error, file: file)
            diagnostics.error(location, "", "not valid YAML: \(message)" + tabHint(text, line: location.line)
                              + { let q = quotingHint(text, line: location.line, message: message)
                                  return q.isEmpty ? indentationHint(text, line: location.line, message: message) : q }())
            return nil
        } catch {
            diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "", "not valid YAML: \(error)")
            return nil
        }
    }

    /// Where a syntax error is and what it says. When the parser was inside a
    /// construct that is never closed (a quote, a `[`, a `{`), the error is
    /// placed where that construct begins, and the message also says where the
    /// parser gave up; otherwise it is placed where the parser gave up, and the
    /// message says which construct it was reading and where that began.
    static func describe(_ error: YamlError, file: String) -> (SourceLocation, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let failure = location(mark, file)
            guard let context else { return (failure, problem) }
            let start = location(context.mark, file)
            let construct = context.text.replacingOccurrences(of: "while scanning ", with: "")
                .replacingOccurrences(of: "while parsing ", with: "")
            let unclosed = ["quoted scalar", "flow sequence", "flow mapping"].contains { construct.contains($0) }
            if unclosed, start != failure {
                let what = construct.contains("quoted") ? "the quoted text" : construct.contains("sequence") ? "the list `[`" : "the mapping `{`"
                return (start, "\(what) that starts here is never closed (the parser gave up at line \(failure.line), column \(failure.column): \(problem))")
            }
            return (failure, "\(problem) (\(context.text) that starts at line \(start.line), column \(start.column))")
        case .reader(let problem, _, _, _):
            return (SourceLocation(file: file, line: 1, column: 1), problem)
        default:
            return (SourceLocation(file: file, line: 1, column: 1), "\(error)")
        }
    }

    /// YAML indents with spaces only; a tab in a line's indentation (an editor's
    /// habit) gives a parser message that does not say so.
    static func tabHint(_ text: String, line: Int) -> String {
        let lines = lines(of: text)
        guard line >= 1, line <= lines.count else { return "" }
        for l in [line, line - 1] where l >= 1 {
            if lines[l - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return "; line \(l) is indented with a tab, and YAML indents with spaces only"
            }
        }
        return ""
    }

    /// The text's lines, whatever their ending (`\r\n` is one Character in Swift, so a
    /// split on `\n` alone would leave a Windows file one line long).
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The two quoting slips of a hand-written `key: value` line, whose parser messages do
    /// not say so: a plain value holding `: ` ("mapping values are not allowed"), and a
    /// quote inside a quoted value, which ends it early ("did not find expected key"): a
    /// `"` inside double quotes, or a `'` inside single quotes (written `''` there). A
    /// comment after the value is not part of it. Returns "" when the line at the error
    /// shows neither, and for lines it does not read (a quoted key, a flow mapping, a
    /// continued value).
    static func quotingHint(_ text: String, line: Int, message: String) -> String {
        let lines = lines(of: text)
        guard line >= 1, line <= lines.count else { return "" }
        var content = lines[line - 1].drop(while: { $0 == " " })
        if content.hasPrefix("- ") { content = content.dropFirst(2).drop(while: { $0 == " " }) }
        guard let first = content.first, first != "\"", first != "'", first != "{", first != "[", first != "#",
              let colon = content.range(of: ": ") else { return "" }
        let key = content[..<colon.lowerBound]
        let value = content[colon.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        guard !key.isEmpty, let opening = value.first else { return "" }
        switch opening {
        case "\"", "'":
            // where the quoted value ends: the first unescaped closing quote
            var closed: Substring.Index? = nil
            var i = value.index(after: value.startIndex)
            while i < value.endIndex {
                let ch = value[i]
                if opening == "\"", ch == "\\" { i = value.index(i, offsetBy: 2, limitedBy: value.endIndex) ?? value.endIndex; continue }
                if ch == opening {
                    let next = value.index(after: i)
                    if opening == "'", next < value.endIndex, value[next] == "'" { i = value.index(after: next); continue }
                    closed = i
                    break
                }
                i = value.index(after: i)
            }
            guard let end = closed else { return "" }
            let rest = value[value.index(after: end)...].drop(while: { $0 == " " || $0 == "\t" })
            guard !rest.isEmpty, !rest.hasPrefix("#") else { return "" }
            return opening == "\""
                ? "; the value of `\(key)` on line \(line) has a `\"` inside its double quotes, which ends the value there: write it as `\\\"` or put the value in single quotes"
                : "; the value of `\(key)` on line \(line) has a `'` inside its single quotes, which ends the value there: write it as `''` or put the value in double quotes"
        case "{", "[", "|", ">", "&", "*", "!":
            return ""
        default:
            guard message.contains("mapping values are not allowed") else { return "" }
            // a comment after the value is not part of it
            let plain = value.range(of: " #").map { value[..<$0.lowerBound] } ?? value
            guard plain.contains(": ") else { return "" }
            let quoted = plain.contains("\"") ? (plain.contains("'") ? "'…' (each ' inside written '')" : "'…'") : "\"…\""
            return "; the value of `\(key)` on line \(line) holds \": \", which YAML reads as a new key: put the value in quotes (\(key): \(quoted))"
        }
    }

    /// A key indented otherwise than the key before it, whose parser messages ("mapping
    /// values are not allowed in this context", "did not find expected '-' indicator")
    /// do not say indentation: when the line at the error holds a plain `key:` and the
    /// content line before it a key with a value (so it opens nothing nested), their keys
    /// belong to one mapping and must line up. A `- key:` line's key sits two columns
    /// after its dash. Returns "" otherwise.
    static func indentationHint(_ text: String, line: Int, message: String) -> String {
        guard message.contains("mapping values are not allowed") || message.contains("did not find expected")
                || message.contains("could not find expected ':'") else { return "" }
        let lines = lines(of: text)
        guard line >= 2, line <= lines.count else { return "" }
        /// The column of a line's key (after a `- `), the key, and its value's text.
        func key(_ l: Substring) -> (indent: Int, key: Substring, value: Substring)? {
            var indent = l.prefix { $0 == " " }.count
            var rest = l.dropFirst(indent)
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2); indent += 2 + rest.prefix { $0 == " " }.count; rest = rest.drop { $0 == " " } }
            guard let first = rest.first, first.isLetter || first.isNumber || first == "_",
                  let colon = rest.firstIndex(of: ":") else { return nil }
            let after = rest[rest.index(after: colon)...]
            guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
            let k = rest[..<colon]
            guard k.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { return nil }
            let value = after.drop { $0 == " " || $0 == "\t" }
            return (indent, k, value.range(of: " #").map { value[..<$0.lowerBound] } ?? value)
        }
        func isContent(_ l: Substring) -> Bool {
            let t = l.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#")
        }
        func indent(_ l: Substring) -> Int { l.prefix { $0 == " " }.count }
        func spaces(_ n: Int) -> String { n == 1 ? "1 space" : "\(n) spaces" }
        guard let here = key(lines[line - 1]) else { return "" }
        var i = line - 2
        while i >= 0, !isContent(lines[i]) { i -= 1 }
        guard i >= 0, let before = key(lines[i]), !before.value.isEmpty, !before.value.hasPrefix("#"), before.indent != here.indent else { return "" }
        // Not a key at all: the end of a flow collection over several lines, or text inside
        // a block scalar (`|`, `>`), whose lines only look like keys.
        if (before.value.hasSuffix("}") || before.value.hasSuffix("]")) && !(before.value.hasPrefix("{") || before.value.hasPrefix("[")) { return "" }
        // The keys this one may line up with: the key before it, then each enclosing key up
        // to the file's left edge (a key going back out a level lines up with one of them).
        var levels: [(indent: Int, key: Substring, line: Int)] = [(before.indent, before.key, i + 1)]
        var j = i - 1
        while j >= 0, let last = levels.last, last.indent > 0 {
            if isContent(lines[j]), indent(lines[j]) < last.indent {
                guard let parent = key(lines[j]) else { return "" }
                let v = parent.value.trimmingCharacters(in: .whitespaces)
                if v.hasPrefix("|") || v.hasPrefix(">") { return "" }   // the lines below are a block scalar's text
                if parent.indent < last.indent { levels.append((parent.indent, parent.key, j + 1)) }
            }
            j -= 1
        }
        // The first content line indented: the file's left edge is that line's mistake.
        if levels.last.map({ $0.indent > 0 && !(0..<($0.line - 1)).contains(where: { isContent(lines[$0]) }) }) ?? false { return "" }
        if here.indent > before.indent {
            return "; line \(line) indents `\(here.key)` by \(spaces(here.indent)) and line \(i + 1) indents `\(before.key)` by \(before.indent): "
                + "keys of one mapping line up (indent `\(here.key)` by \(before.indent), or give `\(before.key)` no value on its line to nest `\(here.key)` under it)"
        }
        let options = levels.filter { $0.indent != here.indent }
        let said = options.map { "\($0.indent) (beside `\($0.key)`, line \($0.line))" }
        return "; line \(line) indents `\(here.key)` by \(spaces(here.indent)), which lines it up with no key above it: keys of one mapping line up "
            + "(indent `\(here.key)` by " + (said.count == 1 ? said[0] : said.dropLast().joined(separator: ", ") + " or " + said.last!) + ")"
    }

    /// `["posts", "[3]", "capacity"]` as `posts[3].capacity`.
    static func keyPath(_ parts: [String]) -> String {
        parts.enumerated().map { i, p in i == 0 || p.hasPrefix("[") ? p : "." + p }.joined()
    }

    static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Converts Yams' tree; nil when the value budget runs out. `path` holds the keys
    /// and `[i]` indices down to `node`, joined into a key path only for a message.
    static func convert(_ node: Node, file: String, diagnostics: DiagnosticBag, budget: inout Int, path: inout [String]) -> DocNode? {
        budget -= 1
        if budget < 0 { return nil }
        switch node {
        case .scalar(let s):
            return .scalar(.init(text: s.string, quoted: s.style != .plain && s.style != .any,
                                 location: location(s.mark, file)))
        case .sequence(let seq):
            var items: [DocNode] = []
            for (i, item) in seq.enumerated() {
                path.append("[\(i)]")
                defer { path.removeLast() }
                guard let converted = convert(item, file: file, diagnostics: diagnostics, budget: &budget, path: &path) else { return nil }
                items.append(converted)
            }
            return .sequence(.init(items: items, location: location(seq.mark, file)))
        case .mapping(let map):
            var entries: [DocNode.Entry] = []
            var seen: [String: SourceLocation] = [:]
            for (k, v) in map {
                let keyLocation = location(k.mark, file)
                guard case .scalar(let ks) = k else {
                    diagnostics.error(keyLocation, "", "a mapping key must be a plain word, found a complex key")
                    continue
                }
                path.append(ks.string)
                defer { path.removeLast() }
                if let first = seen[ks.string] {
                    diagnostics.error(keyLocation, keyPath(path), "duplicate key \"\(ks.string)\" (first at line \(first.line), column \(first.column)); "
                                      + "a key may be given once: delete one of them")
                    continue
                }
                seen[ks.string] = keyLocation
                guard let value = convert(v, file: file, diagnostics: diagnostics, budget: &budget, path: &path) else { return nil }
                entries.append(.init(key: ks.string, keyLocation: keyLocation, value: value))
            }
            return .mapping(.init(entries: entries, location: location(map.mark, file)))
        }
    }

    /// A cheap scan for nesting depth before the recursive parser runs:
    /// flow brackets outside quotes and comments, block indentation levels and
    /// `- ` markers. Returns where the limit is first passed.
    static func tooDeep(_ text: String) -> (Int, Int)? {
        var line = 1
        var indents: [Int] = []
        var flow = 0  // flow collections span lines
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let chars = Array(rawLine.utf8)
            var i = 0
            while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
            if i == chars.count || chars[i] == UInt8(ascii: "#") { continue }
            while let last = indents.last, last >= i { indents.removeLast() }
            indents.append(i)
            var depth = indents.count
            // "- - - x" nests one level per marker
            var j = i
            while j + 1 < chars.count, chars[j] == UInt8(ascii: "-"), chars[j + 1] == UInt8(ascii: " ") {
                depth += 1
                j += 2
                while j < chars.count, chars[j] == UInt8(ascii: " ") { j += 1 }
            }
            if depth + flow > maxDepth { return (line, j + 1) }
            var quote: UInt8? = nil
            for k in j..<chars.count {
                let c = chars[k]
                if let q = quote {
                    if c == q { quote = nil }
                    continue
                }
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = c
                case UInt8(ascii: "#") where k > 0 && chars[k - 1] == UInt8(ascii: " "): break
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    if depth + flow > maxDepth { return (line, k + 1) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                default: continue
                }
                if c == UInt8(ascii: "#") { break }
            }
        }
        return nil
    }
}
