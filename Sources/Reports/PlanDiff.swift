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
    /// Cases that moved between handlers, per country and, when both results give cases
    /// by service (format version 2), per service (nil: all services together); moves of at
    /// least half a case and more than the tolerance; cases a year.
    public var moved: [(country: String, handler: String, service: String?, a: Double, b: Double)]
    /// Rules whose outcome differs: satisfied in one result and not in the other, or
    /// present in one only (its message on each side, nil when absent).
    public var rules: [(rule: String, a: String?, b: String?)]
    /// Candidates counted as opened in one result and not the other (post, in a, in b).
    public var openedChanges: [(post: String, a: Bool, b: Bool)] = []
    public var tolerance: Double

    public var isEmpty: Bool {
        header.allSatisfy { $0.1 == $0.2 } && changedFigures.isEmpty && nowOpen.isEmpty && nowClosed.isEmpty
            && presence.isEmpty && moved.isEmpty && rules.isEmpty && openedChanges.isEmpty
    }

    /// Countries (and services) whose cases moved only between handlers that are not posts
    /// whose decision changed, with the country's total the same in both results (cases of
    /// Chinese visas between Beijing and Guangzhou in a diff of keeping and closing
    /// Havana): a split the optimum may take either way, or a ripple of capacity freed
    /// elsewhere, not necessarily the change's own effect. As `COUNTRY` or `COUNTRY
    /// (service)`, in the order of `moved`.
    public var splitsWithin: [String] {
        let changed = Set(nowOpen + nowClosed)
        var order: [String] = [], groups: [String: [(handler: String, a: Double, b: Double)]] = [:]
        for m in moved {
            let key = m.service.map { "\(m.country) (\($0))" } ?? m.country
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((m.handler, m.a, m.b))
        }
        return order.filter { key in
            let g = groups[key]!
            let (a, b) = (g.reduce(0) { $0 + $1.a }, g.reduce(0) { $0 + $1.b })
            return g.count > 1 && abs(a - b) <= max(tolerance, 1e-6 * max(1, abs(a))) && !g.contains { changed.contains($0.handler) }
        }
    }

    /// True when cases moved but no figure, decision or presence changed: the two results
    /// split the same cases between handlers in equally good ways (the solver's choice
    /// among optima, or a change of data that leaves the plan's figures as they were), not
    /// a change of plan. The moves still count as differences (`isEmpty`).
    public var movesAreTies: Bool {
        !moved.isEmpty && changedFigures.isEmpty && nowOpen.isEmpty && nowClosed.isEmpty && presence.isEmpty
            && rules.isEmpty && openedChanges.isEmpty
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

    /// Reads two JSON results.
    ///
    /// - Throws: `ParameterError` when a file is not valid JSON, is not a dipnet
    ///   result (its `format` is another kind, or a later version than this build
    ///   reads), or holds a figure that is not a number.
    public init(_ a: Data, _ b: Data, labels: (String, String), tolerance: Double = 1e-9) throws {
        func object(_ d: Data, _ label: String) throws -> [String: Any] {
            guard let parsed = try? JSONSerialization.jsonObject(with: d) else {
                throw ParameterError("\(label) is not valid JSON: \(JSONTruncation.explain(d))")
            }
            guard let o = parsed as? [String: Any], o["status"] != nil else {
                throw ParameterError("\(label) is valid JSON but not a dipnet result (dipnet solve --format json)")
            }
            // Results carry "format": "dipnet/result-N"; results written before the stamp have none.
            if let f = o["format"] {
                let kind = (f as? String) ?? "\(f)"
                guard kind.hasPrefix("dipnet/result-"), let n = Int(kind.dropFirst("dipnet/result-".count)) else {
                    throw ParameterError("\(label) is a \"\(kind)\" file, not a dipnet result (format dipnet/result-N, from dipnet solve --format json)")
                }
                guard n <= 1 else {  // OutputFormatName.of("result") writes version 1
                    throw ParameterError("\(label) is a result of format version \(n); this build reads version 1: use a newer dipnet")
                }
            }
            return o
        }
        let x = try object(a, labels.0), y = try object(b, labels.1)
        // Columns headed by the variants when the two results are of different variants
        // (an analyst read "keep.json" and "close.json" as the only clue); by the files
        // when they are of the same variant (before and after a change of data).
        if let va = x["variant"] as? String, let vb = y["variant"] as? String, !va.isEmpty, !vb.isEmpty, va != vb {
            (labelA, labelB) = (va, vb)
        } else {
            (labelA, labelB) = labels
        }
        self.tolerance = tolerance
        // The command line's changes (`--set`) are inputs as much as the variant: two
        // results of one variant with different changes read "No differences" without a
        // word of them. A result without changes has none (its `set` is absent).
        var malformedSet: [String] = []
        func changes(_ o: [String: Any], _ label: String) -> String {
            guard let v = o["set"], !(v is NSNull) else { return "(none)" }
            guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else {
                malformedSet.append("\(label): set holds \(Self.jsonKind(v)), expected a list of PATH=VALUE texts")
                return "(none)"
            }
            // Control characters (an escape sequence, a line break) are shown, not sent to the terminal.
            let shown = (list as! [String]).map { $0.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() }
            return shown.isEmpty ? "(none)" : shown.map { "--set \($0)" }.joined(separator: " ")
        }
        func text(_ key: String) -> (String, String?, String?) { (key, x[key] as? String, y[key] as? String) }
        var head: [(String, String?, String?)] = [text("scenario"), text("variant"), ("set", changes(x, labels.0), changes(y, labels.1))]
        head += [text("mode"), text("status"), text("currency")]
        head.append(("has_solution", (x["has_solution"] as? Bool).map { "\($0)" }, (y["has_solution"] as? Bool).map { "\($0)" }))
        header = head
        var malformed: [String] = malformedSet
        func num(_ o: [String: Any], _ path: [String], _ label: String) -> Double? {
            var cur: Any? = o
            for k in path { cur = (cur as? [String: Any])?[k] }
            guard let v = cur, !(v is NSNull) else { return nil }
            // A JSON true or false is an NSNumber too (of ObjC type "c"): a figure is a number, nothing else.
            guard let n = v as? NSNumber, String(cString: n.objCType) != "c" else {
                malformed.append("\(label): \(path.joined(separator: ".")) holds \(Self.jsonKind(v)), expected a number")
                return nil
            }
            return n.doubleValue
        }
        let paths: [[String]] = [["net_benefit"], ["value"], ["penalty"], ["cost", "running"], ["cost", "closing"], ["cost", "opening"],
                                 ["cost", "consular"], ["cost", "partner_fees"], ["cost", "total"], ["demand"], ["unserved"], ["coverage"], ["gap"],
                                 ["solver_objective"],
                                 ["citizen_burden", "cases_from_abroad"], ["citizen_burden", "mean_distance_km"], ["citizen_burden", "case_km"],
                                 ["citizen_burden", "cases_to_partners"]]
        // Format version 2: income, diplomats, each service's cases and coverage, each interest's value.
        func keys(_ section: String) -> [String] {
            Set(((x[section] as? [String: Any])?.keys).map(Array.init) ?? []).union(((y[section] as? [String: Any])?.keys).map(Array.init) ?? []).sorted()
        }
        var v2: [[String]] = []
        if x["income"] != nil || y["income"] != nil { v2 += [["income"], ["diplomats", "used"], ["diplomats", "max"], ["diplomats", "margin"]] }
        for sv in keys("services") { v2 += ["coverage", "own", "partners", "unserved", "income"].map { ["services", sv, $0] } }
        for i in keys("interests") { v2.append(["interests", i]) }
        var all = (paths + v2).map { Figure(key: $0.joined(separator: "."), a: num(x, $0, labels.0), b: num(y, $0, labels.1)) }
        // Format version 2: what the network costs once the fees it earns are counted
        // (cost.total − income), the saving an analyst quotes; money a year.
        if let total = all.firstIndex(where: { $0.key == "cost.total" }), all.contains(where: { $0.key == "income" }) {
            let income = all.first { $0.key == "income" }!
            // A side without income (a format 1 result, or the key absent) has no such figure.
            func net(_ c: Double?, _ i: Double?) -> Double? { guard let c, let i else { return nil }; return c - i }
            all.insert(Figure(key: "cost.net_of_income", a: net(all[total].a, income.a), b: net(all[total].b, income.b)), at: total + 1)
        }
        // Post lists hold ids (strings), nothing else: a number in one was read as absent.
        func postIDs(_ o: [String: Any], _ key: String, _ label: String) -> Set<String> {
            guard let v = (o["posts"] as? [String: Any])?[key], !(v is NSNull) else { return [] }
            guard let list = v as? [Any] else {
                malformed.append("\(label): posts.\(key) holds \(Self.jsonKind(v)), expected a list of post ids")
                return []
            }
            if let odd = list.first(where: { !($0 is String) }) {
                malformed.append("\(label): posts.\(key) lists \(Self.jsonKind(odd)), expected post ids (strings)")
                return []
            }
            let ids = list as! [String]
            // A result lists each post once: twice is a file edited by hand or damaged.
            if let twice = Self.firstRepeated(ids) {
                malformed.append("\(label): posts.\(key) lists \(twice) twice")
            }
            return Set(ids)
        }
        // A result without a plan (infeasible, failed) has no decisions or flows to compare:
        // has_solution in the header says it, rather than every post "open in A only".
        let planned = (x["has_solution"] as? Bool ?? true) && (y["has_solution"] as? Bool ?? true)
        let pa = postIDs(x, "open", labels.0), pb = postIDs(y, "open", labels.1)
        // A post both open and closed in one result cannot be read as either.
        for (o, open, label) in [(x, pa, labels.0), (y, pb, labels.1)] {
            if let both = postIDs(o, "closed", label).intersection(open).sorted().first {
                malformed.append("\(label): \(both) is listed both open and closed")
            }
        }
        let oa = postIDs(x, "opened", labels.0), ob = postIDs(y, "opened", labels.1)
        nowOpen = planned ? pb.subtracting(pa).sorted() : []
        nowClosed = planned ? pa.subtracting(pb).sorted() : []
        for (o, label) in [(x, labels.0), (y, labels.1)] {
            if let c = o["countries"], !(c is [Any]) { malformed.append("\(label): countries holds \(Self.jsonKind(c)), expected a list") }
            let listed = ((o["countries"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["id"] as? String }
            if let twice = Self.firstRepeated(listed) {
                malformed.append("\(label): countries lists \(twice) twice")
            }
        }
        func countries(_ o: [String: Any]) -> [String: [String: Any]] {
            Dictionary(((o["countries"] as? [[String: Any]]) ?? []).compactMap { c in (c["id"] as? String).map { ($0, c) } },
                       uniquingKeysWith: { a, _ in a })
        }
        let ca = countries(x), cb = countries(y)
        let ids = Set(ca.keys).union(cb.keys).sorted()
        // Each country's demand, value and unserved cases, and per service when given.
        for id in ids {
            let cx = ca[id] ?? [:], cy = cb[id] ?? [:]
            for key in ["demand", "value", "unserved"] {
                all.append(Figure(key: "countries.\(id).\(key)", a: num(cx, [key], labels.0), b: num(cy, [key], labels.1)))
            }
            for section in ["demand_by_service", "unserved_by_service"] {
                let services = Set(((cx[section] as? [String: Any])?.keys).map(Array.init) ?? [])
                    .union(((cy[section] as? [String: Any])?.keys).map(Array.init) ?? []).sorted()
                for sv in services {
                    all.append(Figure(key: "countries.\(id).\(section).\(sv)", a: num(cx, [section, sv], labels.0), b: num(cy, [section, sv], labels.1)))
                }
            }
        }
        // Cases by handler, per service when both results give them (format version 2: a
        // move between services of one handler is a move too), else in total; every count a number.
        struct Handler: Hashable, Comparable {
            var id: String, service: String?
            static func < (l: Handler, r: Handler) -> Bool { (l.id, l.service ?? "") < (r.id, r.service ?? "") }
        }
        func handled(_ c: [String: Any]?, _ id: String, _ label: String, byService: Bool) -> [Handler: Double] {
            var out: [Handler: Double] = [:]
            if byService {
                for (sv, row) in (c?["handled_by_service"] as? [String: Any]) ?? [:] {
                    for (h, _) in (row as? [String: Any]) ?? [:] { out[Handler(id: h, service: sv)] = num(c ?? [:], ["handled_by_service", sv, h], label) }
                }
            } else {
                for (h, _) in (c?["handled"] as? [String: Any]) ?? [:] { out[Handler(id: h, service: nil)] = num(c ?? [:], ["handled", h], label) }
            }
            return out
        }
        var movedCases: [(String, String, String?, Double, Double)] = []
        for id in ids {
            let byService = ca[id]?["handled_by_service"] is [String: Any] && cb[id]?["handled_by_service"] is [String: Any]
            let (la, lb) = ("\(labels.0): countries.\(id)", "\(labels.1): countries.\(id)")
            let ha = handled(ca[id], id, la, byService: byService)
            let hb = handled(cb[id], id, lb, byService: byService)
            // The totals are read (and checked) either way.
            if byService { _ = (handled(ca[id], id, la, byService: false), handled(cb[id], id, lb, byService: false)) }
            for h in Set(ha.keys).union(hb.keys).sorted() {
                let u = ha[h] ?? 0, v = hb[h] ?? 0
                if abs(u - v) >= max(0.5, tolerance * max(1, abs(u), abs(v))) { movedCases.append((id, h.id, h.service, u, v)) }
            }
        }
        moved = planned ? movedCases : []
        figures = all
        if !malformed.isEmpty { throw ParameterError(malformed.prefix(10).joined(separator: "; ")) }
        // Rules: a rule met in one result and broken in the other, or checked in one only.
        func ruleOutcomes(_ o: [String: Any]) -> [String: (satisfied: Bool?, message: String)] {
            var out: [String: (Bool?, String)] = [:]
            for r in (o["rules"] as? [[String: Any]]) ?? [] {
                guard let name = r["rule"] as? String else { continue }
                let actual = (r["actual"] as? NSNumber)?.doubleValue, limit = (r["limit"] as? NSNumber)?.doubleValue
                let figures = actual.flatMap { a in limit.map { "actual \(Self.show(a)), limit \(Self.show($0))" } }
                out[name] = (r["satisfied"] as? Bool, figures ?? (r["message"] as? String) ?? "")
            }
            // A result without a rules list (written before it existed) still has its violations.
            if o["rules"] == nil {
                // "budget: total cost … exceeds …": the rule's name comes first.
                for (i, v) in ((o["violations"] as? [String]) ?? []).enumerated() {
                    let name = v.split(separator: ":", maxSplits: 1).first.map { String($0) } ?? ""
                    out[name.isEmpty || name.contains(" ") ? "violation \(i + 1)" : name] = (false, v)
                }
            }
            return out
        }
        let ra = ruleOutcomes(x), rb = ruleOutcomes(y)
        rules = Set(ra.keys).union(rb.keys).sorted().compactMap { name in
            let p = ra[name], q = rb[name]
            if let p, let q, p.satisfied == q.satisfied { return nil }
            func shown(_ r: (satisfied: Bool?, message: String)?) -> String? {
                r.map { ($0.satisfied == false ? "broken: " : $0.satisfied == true ? "met: " : "") + $0.message }
            }
            return (name, shown(p), shown(q))
        }
        // posts.opened: candidates opened, compared like the open posts.
        openedChanges = (ob.subtracting(oa).sorted().map { ($0, false, true) } + oa.subtracting(ob).sorted().map { ($0, true, false) })
        presence = ids.compactMap { id in
            let p = ca[id]?["presence"] as? String, q = cb[id]?["presence"] as? String
            return p == q ? nil : (id, p, q)
        }

    }

    /// What a JSON value is, in words for a message: `"many"`, `true`, a list, an object, null.
    /// The first id met a second time in `ids`, in their order; nil when each is there once.
    static func firstRepeated(_ ids: [String]) -> String? {
        var seen = Set<String>()
        return ids.first { !seen.insert($0).inserted }
    }

    static func jsonKind(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case let s as String: return "\"\(s.prefix(40))\""
        case let n as NSNumber: return String(cString: n.objCType) == "c" ? (n.boolValue ? "true" : "false") : "\(n)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "a value of another kind"
        }
    }

    /// Figures, decisions, presence and moved cases that changed, as display tables.
    public func tables() -> [Table] {
        var figures = Table(title: "Figures that changed", columns: [.init("Figure", .left), .init(labelA), .init(labelB), .init("Change")])
        for f in changedFigures {
            let delta = f.a.flatMap { a in f.b.map { $0 - a } }
            // A coverage (a share of cases) as a percentage and its change in points, as
            // every other output shows it (0.9991 and -0.0049 read as counts).
            let share = f.key == "coverage" || f.key.hasSuffix(".coverage")
            func shown(_ x: Double) -> String { share ? Fmt.percent(x, decimals: 2) : Self.show(x) }
            figures.rows.append([f.key, f.a.map(shown) ?? "(absent)", f.b.map(shown) ?? "(absent)",
                                 delta.map { d in
                                     // Two figures near ±1.8e308 whose difference overflows (it showed "inf", and CSV dropped it).
                                     guard d.isFinite else { return "\(d > 0 ? "+" : "−")∞ (beyond the largest number, 1.8e308)" }
                                     return share ? String(format: "%+.2f pt", d * 100) : (d > 0 ? "+" : "") + Self.show(d)
                                 } ?? "–"])
            figures.rawRows = (figures.rawRows ?? []) + [[f.key, f.a.map(Fmt.plain) ?? "", f.b.map(Fmt.plain) ?? "", delta.map(Fmt.plain) ?? ""]]
        }
        figures.fields = ["figure", "a", "b", "change"]
        if figures.rawRows == nil { figures.rawRows = [] }
        var decisions = Table(title: "Decisions that changed", columns: [.init("Post", .left), .init("Change", .left)])
        decisions.rows = nowOpen.map { [$0, "open in \(labelB) only"] } + nowClosed.map { [$0, "open in \(labelA) only"] }
        // A post open in both whose "opened" (a candidate) differs: the scenario changed its status.
        for o in openedChanges where !nowOpen.contains(o.post) && !nowClosed.contains(o.post) {
            decisions.rows.append([o.post, "counted as opened (a candidate) in \(o.b ? labelB : labelA) only"])
        }
        decisions.rawRows = nowOpen.map { [$0, "false", "true"] } + nowClosed.map { [$0, "true", "false"] }
        decisions.fields = ["post", "open_in_a", "open_in_b"]
        var pres = Table(title: "Presence that changed", columns: [.init("Country", .left), .init(labelA, .left), .init(labelB, .left)])
        pres.rows = presence.map { [$0.country, $0.a ?? "(absent)", $0.b ?? "(absent)"] }
        pres.rawRows = presence.map { [$0.country, $0.a ?? "", $0.b ?? ""] }
        pres.fields = ["country", "a", "b"]
        var moves = Table(title: "Cases that moved", columns: [.init("Country", .left), .init("Handler", .left), .init("Service", .left),
                                                               .init(labelA), .init(labelB)])
        moves.rows = moved.map { [$0.country, $0.handler, $0.service ?? "all", Fmt.money($0.a), Fmt.money($0.b)] }
        moves.rawRows = moved.map { [$0.country, $0.handler, $0.service ?? "", Fmt.plain($0.a), Fmt.plain($0.b)] }
        moves.fields = ["country", "handler", "service", "a", "b"]
        var ruleTable = Table(title: "Rules whose outcome changed", columns: [.init("Rule", .left), .init(labelA, .left), .init(labelB, .left)])
        ruleTable.rows = rules.map { [$0.rule, $0.a ?? "(not checked)", $0.b ?? "(not checked)"] }
        ruleTable.rawRows = rules.map { [$0.rule, $0.a ?? "", $0.b ?? ""] }
        ruleTable.fields = ["rule", "a", "b"]
        return [figures, decisions, pres, moves, ruleTable]
    }

    /// `figures`, `decisions`, `presence`, `moved` (a: the first result, b: the second).
    public func dataTables() -> [DataTable] {
        zip(["figures", "decisions", "presence", "moved", "rules"], tables()).map { $1.data($0) }
    }

    public func render(as format: OutputFormat) -> String {
        let all = tables()
        let (figures, decisions, pres, moves, ruleTable) = (all[0], all[1], all[2], all[3], all[4])
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
                                                      ("service", $0.service.map(JSONValue.string) ?? .null),
                                                      ("a", .number($0.a)), ("b", .number($0.b))]) })),
                ("rules", .array(rules.map { .object([("rule", .string($0.rule)), ("a", $0.a.map(JSONValue.string) ?? .null),
                                                      ("b", $0.b.map(JSONValue.string) ?? .null)]) })),
                ("opened", .array(openedChanges.map { .object([("post", .string($0.post)), ("a", .bool($0.a)), ("b", .bool($0.b))]) })),
                ("moves_are_ties", .bool(movesAreTies)),
            ]).stamped("diff").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            return DataTableCSV.render(dataTables()[0])
        case .markdown, .table:
            if isEmpty { return "No differences between \(labelA) and \(labelB).\n" }
            func r(_ t: Table) -> String { format == .markdown ? MarkdownRenderer.render(t) : TextRenderer.render(t) }
            var out = head.isEmpty ? "" : head.joined(separator: "\n") + "\n\n"
            let shown = [ruleTable, figures, decisions, pres, moves].filter { !$0.rows.isEmpty }
            for t in shown { out += r(t) + "\n" }
            if movesAreTies {
                out += "Every figure, decision and presence agrees: the moves above split the same cases between handlers in equally good ways "
                    + "(the solver's choice among optima), not a change of plan.\n"
            } else if header.filter({ ["scenario", "set"].contains($0.0) }).allSatisfy({ $0.1 == $0.2 }), case let within = splitsWithin, !within.isEmpty {
                // An analyst blamed a closure for Chinese visas moving from Beijing to Guangzhou.
                // Said only of two variants of the same inputs: with a --set or the data changed
                // (a post's capacity cut), such a move is that change's own effect.
                out += "Within \(within.count <= 12 ? within.joined(separator: ", ") : within.prefix(12).joined(separator: ", ") + " and \(within.count - 12) more") "
                    + "the cases moved only between handlers whose decision did not change, the country's total the same: no one there "
                    + "opened or closed, so these are a split the optimum may take either way or a knock-on of the change elsewhere (capacity "
                    + "freed or taken), not a change of who serves the country.\n"
            }
            if shown.isEmpty { out += "The results agree otherwise.\n" }
            return out
        }
    }

    /// A figure as shown: money rounded, small figures with four decimals, and a change
    /// too small for four decimals in scientific notation (it showed as 0 → 0.0000).
    static func show(_ x: Double) -> String {
        if x != 0, abs(x) < 5e-5 { return String(format: "%.2e", x) }
        // Beyond what a scenario may hold (1e15): scientific, not a 300-digit column.
        if abs(x) >= 1e15 { return String(format: "%.6g", x) }
        // Four significant digits below 100 (20.72, 7.9, 0.0049), not four decimals (20.7219, 7.9000).
        return abs(x) >= 100 || x == x.rounded() ? Fmt.money(x) : String(format: "%.4g", x)
    }
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
