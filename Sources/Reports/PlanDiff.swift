import DiplomaticNetwork
import Foundation

/// Differences between two saved plans (`dipnet solve --format json`), possibly
/// from different tool versions or scenario edits: keys missing on one side are
/// reported as such, never an error.
public struct PlanDiff: Sendable {
    public struct Figure: Sendable {
        public var key: String
        public var a: Double?
        public var b: Double?
    }
    public var labelA: String
    public var labelB: String
    public var header: [(String, String?, String?)]
    public var figures: [Figure]
    public var nowOpen: [String]
    public var nowClosed: [String]
    public var presence: [(country: String, a: String?, b: String?)]
    /// Cases that moved between handlers, per country (only moves of at least half a case).
    public var moved: [(country: String, handler: String, a: Double, b: Double)]
    public var tolerance: Double

    public var isEmpty: Bool {
        header.allSatisfy { $0.1 == $0.2 } && changedFigures.isEmpty && nowOpen.isEmpty && nowClosed.isEmpty
            && presence.isEmpty && moved.isEmpty
    }

    public var changedFigures: [Figure] {
        figures.filter { f in
            switch (f.a, f.b) {
            case let (x?, y?): return abs(x - y) > tolerance * max(1, abs(x), abs(y))
            case (nil, nil): return false
            default: return true
            }
        }
    }

    /// Reads two JSON results; throws when a file is not a dipnet result at all.
    public init(_ a: Data, _ b: Data, labels: (String, String), tolerance: Double = 1e-9) throws {
        func object(_ d: Data, _ label: String) throws -> [String: Any] {
            let parsed: Any
            do { parsed = try JSONSerialization.jsonObject(with: d) } catch {
                throw ParameterError("\(label) is not valid JSON: \(JSONTruncation.explain(d))")
            }
            guard let o = parsed as? [String: Any], o["status"] != nil else {
                throw ParameterError("\(label) is valid JSON but not a dipnet result (dipnet solve --format json)")
            }
            return o
        }
        let x = try object(a, labels.0), y = try object(b, labels.1)
        labelA = labels.0
        labelB = labels.1
        self.tolerance = tolerance
        header = ["scenario", "variant", "mode", "status"].map { ($0, x[$0] as? String, y[$0] as? String) }
        func num(_ o: [String: Any], _ path: [String]) -> Double? {
            var cur: Any? = o
            for k in path { cur = (cur as? [String: Any])?[k] }
            return (cur as? NSNumber)?.doubleValue
        }
        let paths: [[String]] = [["net_benefit"], ["value"], ["penalty"], ["cost", "running"], ["cost", "closing"], ["cost", "opening"],
                                 ["cost", "consular"], ["cost", "partner_fees"], ["cost", "total"], ["unserved"], ["coverage"], ["gap"],
                                 ["citizen_burden", "cases_from_abroad"], ["citizen_burden", "mean_distance_km"],
                                 ["citizen_burden", "cases_to_partners"]]
        // Format version 2: income, diplomats, each service's cases and coverage, each interest's value.
        func keys(_ section: String) -> [String] {
            Set(((x[section] as? [String: Any])?.keys).map(Array.init) ?? []).union(((y[section] as? [String: Any])?.keys).map(Array.init) ?? []).sorted()
        }
        var v2: [[String]] = []
        if x["income"] != nil || y["income"] != nil { v2 += [["income"], ["diplomats", "used"]] }
        for sv in keys("services") { v2 += ["coverage", "own", "partners", "unserved", "income"].map { ["services", sv, $0] } }
        for i in keys("interests") { v2.append(["interests", i]) }
        figures = (paths + v2).map { Figure(key: $0.joined(separator: "."), a: num(x, $0), b: num(y, $0)) }
        func posts(_ o: [String: Any]) -> Set<String> { Set(((o["posts"] as? [String: Any])?["open"] as? [String]) ?? []) }
        let pa = posts(x), pb = posts(y)
        nowOpen = pb.subtracting(pa).sorted()
        nowClosed = pa.subtracting(pb).sorted()
        func countries(_ o: [String: Any]) -> [String: [String: Any]] {
            Dictionary(((o["countries"] as? [[String: Any]]) ?? []).compactMap { c in (c["id"] as? String).map { ($0, c) } },
                       uniquingKeysWith: { a, _ in a })
        }
        let ca = countries(x), cb = countries(y)
        let ids = Set(ca.keys).union(cb.keys).sorted()
        presence = ids.compactMap { id in
            let p = ca[id]?["presence"] as? String, q = cb[id]?["presence"] as? String
            return p == q ? nil : (id, p, q)
        }
        moved = ids.flatMap { id -> [(String, String, Double, Double)] in
            let ha = (ca[id]?["handled"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
            let hb = (cb[id]?["handled"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
            return Set(ha.keys).union(hb.keys).sorted().compactMap { h in
                let u = ha[h] ?? 0, v = hb[h] ?? 0
                return abs(u - v) >= 0.5 ? (id, h, u, v) : nil
            }
        }
    }

    /// Figures, decisions, presence and moved cases that changed, as display tables.
    public func tables() -> [Table] {
        var figures = Table(title: "Figures that changed", columns: [.init("Figure", .left), .init(labelA), .init(labelB), .init("Change")])
        for f in changedFigures {
            let delta = f.a.flatMap { a in f.b.map { $0 - a } }
            figures.rows.append([f.key, f.a.map(Self.show) ?? "(absent)", f.b.map(Self.show) ?? "(absent)",
                                 delta.map { ($0 > 0 ? "+" : "") + Self.show($0) } ?? "–"])
            figures.rawRows = (figures.rawRows ?? []) + [[f.key, f.a.map(Fmt.plain) ?? "", f.b.map(Fmt.plain) ?? "", delta.map(Fmt.plain) ?? ""]]
        }
        figures.fields = ["figure", "a", "b", "change"]
        if figures.rawRows == nil { figures.rawRows = [] }
        var decisions = Table(title: "Decisions that changed", columns: [.init("Post", .left), .init("Change", .left)])
        decisions.rows = nowOpen.map { [$0, "open in \(labelB) only"] } + nowClosed.map { [$0, "open in \(labelA) only"] }
        decisions.rawRows = nowOpen.map { [$0, "false", "true"] } + nowClosed.map { [$0, "true", "false"] }
        decisions.fields = ["post", "open_in_a", "open_in_b"]
        var pres = Table(title: "Presence that changed", columns: [.init("Country", .left), .init(labelA, .left), .init(labelB, .left)])
        pres.rows = presence.map { [$0.country, $0.a ?? "(absent)", $0.b ?? "(absent)"] }
        pres.rawRows = presence.map { [$0.country, $0.a ?? "", $0.b ?? ""] }
        pres.fields = ["country", "a", "b"]
        var moves = Table(title: "Cases that moved", columns: [.init("Country", .left), .init("Handler", .left), .init(labelA), .init(labelB)])
        moves.rows = moved.map { [$0.country, $0.handler, Fmt.money($0.a), Fmt.money($0.b)] }
        moves.rawRows = moved.map { [$0.country, $0.handler, Fmt.plain($0.a), Fmt.plain($0.b)] }
        moves.fields = ["country", "handler", "a", "b"]
        return [figures, decisions, pres, moves]
    }

    /// `figures`, `decisions`, `presence`, `moved` (a: the first result, b: the second).
    public func dataTables() -> [DataTable] {
        zip(["figures", "decisions", "presence", "moved"], tables()).map { $1.data($0) }
    }

    public func render(as format: OutputFormat) -> String {
        let all = tables()
        let (figures, decisions, pres, moves) = (all[0], all[1], all[2], all[3])
        let head = header.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1 ?? "(absent)") → \($0.2 ?? "(absent)")" }
        switch format {
        case .json:
            return JSONValue.object([
                ("same", .bool(isEmpty)),
                ("header", .object(header.map { ($0.0, .object([("a", $0.1.map(JSONValue.string) ?? .null), ("b", $0.2.map(JSONValue.string) ?? .null)])) })),
                ("figures", .array(changedFigures.map { .object([("figure", .string($0.key)), ("a", .num($0.a)), ("b", .num($0.b))]) })),
                ("now_open", .array(nowOpen.map(JSONValue.string))), ("now_closed", .array(nowClosed.map(JSONValue.string))),
                ("presence", .array(presence.map { .object([("country", .string($0.country)), ("a", $0.a.map(JSONValue.string) ?? .null),
                                                            ("b", $0.b.map(JSONValue.string) ?? .null)]) })),
                ("moved", .array(moved.map { .object([("country", .string($0.country)), ("handler", .string($0.handler)),
                                                      ("a", .number($0.a)), ("b", .number($0.b))]) })),
            ]).stamped("diff").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            return DataTableCSV.render(dataTables()[0])
        case .markdown, .table:
            if isEmpty { return "No differences between \(labelA) and \(labelB).\n" }
            func r(_ t: Table) -> String { format == .markdown ? MarkdownRenderer.render(t) : TextRenderer.render(t) }
            var out = head.isEmpty ? "" : head.joined(separator: "\n") + "\n\n"
            for t in [figures, decisions, pres, moves] where !t.rows.isEmpty { out += r(t) + "\n" }
            return out
        }
    }

    static func show(_ x: Double) -> String { abs(x) >= 100 || x == x.rounded() ? Fmt.money(x) : Fmt.grouped(x, decimals: 4) }
}

/// Why a text is not valid JSON, in words a user can act on: where it ends,
/// which brackets or quotes are still open (a truncated file), or where the
/// first character that cannot be JSON stands.
enum JSONTruncation {
    static func explain(_ data: Data) -> String {
        var line = 1, column = 1
        var open: [(bracket: UInt8, line: Int, column: Int)] = []
        var inString = false, escaped = false
        var stringStart = (line: 1, column: 1)
        var sawValue = false
        for byte in data {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true; stringStart = (line, column); sawValue = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): open.append((byte, line, column)); sawValue = true
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    let expected = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                    guard let last = open.last, last.bracket == expected else {
                        return "an unexpected \"\(Character(Unicode.Scalar(byte)))\" at line \(line), column \(column)"
                    }
                    open.removeLast()
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): break
                default: sawValue = true
                }
            }
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        if !sawValue { return "the file is empty" }
        if inString {
            return "it ends at line \(line), column \(column) inside a text that starts at line \(stringStart.line), column \(stringStart.column); the file may be truncated"
        }
        if let last = open.last {
            let what = last.bracket == UInt8(ascii: "{") ? "an object" : "a list"
            return "it ends at line \(line), column \(column) with \(open.count) bracket\(open.count == 1 ? "" : "s") still open "
                + "(\(what) that starts at line \(last.line), column \(last.column)); the file may be truncated"
        }
        return "its brackets are balanced, but it holds something that is not JSON (e.g. a trailing comma, a bare word or two documents)"
    }
}
