/// A JSON value with ordered object keys, so output is stable and reads in
/// the order of the spec.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// A number written exactly as given (an integer seed, an input value
    /// that must round-trip); `exact(_:)` makes one from a Double.
    case literal(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public static func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// A Double in its shortest form that reads back to the same value (no
    /// rounding to 10 significant digits, unlike `.number`); null when not finite.
    public static func exact(_ x: Double) -> JSONValue { x.isFinite ? .literal("\(x)") : .null }

    /// An input's value (`Fmt.cleanValue`: 10 significant digits, however small); null
    /// when nil or not finite.
    public static func value(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        let c = Fmt.cleanValue(x)
        return .literal(c == c.rounded() && abs(c) < 1e15 ? String(format: "%.1f", c) : "\(c)")
    }

    /// An integer, exactly (seeds beyond 2^53 included).
    public static func integer<I: BinaryInteger>(_ x: I) -> JSONValue { .literal("\(x)") }

    /// The object with `format` (`dipnet/<kind>-1`) and `dipnet_version` first:
    /// every JSON output says what it is and which dipnet wrote it.
    public func stamped(_ kind: String) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        let rest = pairs.filter { $0.0 != "format" && $0.0 != "dipnet_version" }
        return .object([("format", .string(OutputFormatName.of(kind))), ("dipnet_version", .string(DipnetVersion.string))] + rest)
    }

    /// `text`, a pretty-printed object as `serialized()` writes it (one output of
    /// `Report.render(as: .json)`), with `key` added as its last key; `text` itself when it
    /// is not such an object. Lets a front end add what only it knows (the warnings it
    /// printed) without each report's renderer taking it.
    public static func adding(_ key: String, _ value: JSONValue, toSerialized text: String) -> String {
        let end = "\n}\n"
        guard text.hasPrefix("{\n"), text.hasSuffix(end) else { return text }
        return String(text.dropLast(end.count)) + ",\n  " + quote(key) + ": " + value.serialized(indent: 1) + end
    }

    /// Pretty-printed with two-space indentation; numbers in shortest round-trip form.
    public func serialized(indent: Int = 0, pretty: Bool = true) -> String {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        let sep = pretty ? ": " : ":"
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return Self.format(x)
        case .string(let s): return Self.quote(s)
        case .literal(let s): return s
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .array = $0 { false } else if case .object = $0 { false } else { true } }) {
                return "[" + items.map { $0.serialized(pretty: false) }.joined(separator: pretty ? ", " : ",") + "]"
            }
            return "[" + nl + items.map { pad + $0.serialized(indent: indent + 1, pretty: pretty) }.joined(separator: "," + nl) + nl + close + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{" + nl + pairs.map { pad + Self.quote($0.0) + sep + $0.1.serialized(indent: indent + 1, pretty: pretty) }
                .joined(separator: "," + nl) + nl + close + "}"
        }
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let x = Fmt.clean(x)
        if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.1f", x) }
        return "\(x)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

import DiplomaticNetwork
import Foundation
