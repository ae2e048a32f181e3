/// Turns a scenario document (one variant applied) into a typed `Scenario`,
/// reporting every problem: wrong types, unknown keys, broken references,
/// numbers out of range, counts no selector can reach.
///
/// Version 1 keys are read as they always were; the keys of format version 2
/// (`services`, `interests`, per-service mappings, `diplomats`, presence
/// levels, `max_diplomats`) are unknown keys in a `dipnet: 1` file.
struct ScenarioDecoder {
    static let topLevelKeys = ["dipnet", "name", "description", "currency", "horizon_years", "criteria", "presence",
                               "costs", "countries", "posts", "partners", "rules", "variants", "comparisons", "expect",
                               "uncertainty"]
    /// `source` (countries, posts, partners): text saying where the item's numbers come
    /// from, or how they were estimated (an extension of the format: a CSV table has no
    /// comments to say it in).
    static let countryKeys = ["id", "name", "region", "lat", "lon", "demand", "scores", "tags", "source"]
    static let postKeys = ["id", "country", "city", "kind", "status", "lat", "lon", "annual_cost", "close_cost",
                           "open_cost", "capacity", "case_cost", "covers", "reach_km", "group", "force", "source", "requires"]
    /// In a coalition file `requires` may also name another state's post (`STATE:POST`,
    /// co-location), which the coalition reads before the state's scenario.
    static let coalitionPostKeys = postKeys
    /// `id` is optional (default `COUNTRY:BY`, with `#2`, `#3` for repeats): it lets
    /// variants, sweeps and margins name an offer (`partners.CUB:ESP.capacity`).
    static let partnerKeys = ["id", "country", "by", "capacity", "fee", "presence", "source", "only_where_absent"]
    static let ruleKeys = ["budget", "min_coverage", "max_closures", "max_openings", "min_resident", "min_posts"]
    static let costKeys = ["case_cost", "remote_case_cost_per_1000km", "unserved_case_penalty"]
    static let presenceKeys = ["accredited", "represented"]
    static let criterionKeys = ["weight", "label"]

    // Format version 2 adds:
    static let v2TopLevelKeys = ["services", "interests"]
    static let v2CountryKeys = ["interests"]
    static let v2PostKeys = ["services", "diplomats", "presence"]
    static let v2PartnerKeys = ["services"]
    static let v2RuleKeys = ["max_diplomats"]
    static let serviceKeys = ["case_cost", "unserved_penalty", "fee_income", "workload", "remote"]
    static let interestKeys = ["label", "source", "accredited", "represented"]

    /// The CSV column prefixes of a part's nested keys for a format version (per
    /// service in version 2; scores in both), for advice when YAML uses them.
    static func csvForms(_ part: Part, version: Int) -> [(prefix: String, key: String)] {
        let table: String
        switch part {
        case .country: table = "countries"
        case .post, .coalitionPost: table = "posts"
        case .partner: table = "partners"
        default: return []
        }
        // Services and interests are version 2; criteria (scores) are in both.
        return (TableLayout.all[table]?.prefixed ?? []).filter { version >= 2 || $0.section == "criteria" }.map { ($0.prefix, $0.key) }
    }

    /// The keys of each part for a format version.
    static func keys(_ part: Part, version: Int) -> [String] {
        let v2 = version >= 2
        switch part {
        case .top: return topLevelKeys + (v2 ? v2TopLevelKeys : [])
        case .country: return countryKeys + (v2 ? v2CountryKeys : [])
        case .post: return postKeys + (v2 ? v2PostKeys : [])
        case .coalitionPost: return coalitionPostKeys + (v2 ? v2PostKeys : [])
        case .partner: return partnerKeys + (v2 ? v2PartnerKeys : [])
        case .rules: return ruleKeys + (v2 ? v2RuleKeys : [])
        }
    }
    enum Part { case top, country, post, coalitionPost, partner, rules }

    /// Versions this dipnet reads.
    static let versions = [1, 2]

    let reading: Reading
    let defaultName: String

    var bag: DiagnosticBag { reading.bag }

    /// The format version a document declares (1 when it cannot be read: the
    /// error is reported by `decode`).
    static func version(of root: DocNode) -> Int {
        guard let text = root.mapping?["dipnet"]?.scalar?.text, let v = Int(text), versions.contains(v) else { return 1 }
        return v
    }

    /// The scenario the document describes, or nil when reading it reported an
    /// error (problems found before, e.g. in another variant, do not count: each
    /// variant is decoded and checked on its own, so all problems come together).
    func decode(_ root: DocNode, variant: String, mode: Scenario.Mode) -> Scenario? {
        let (s, valid) = decodeAll(root, variant: variant, mode: mode)
        return valid ? s : nil
    }

    /// The scenario as far as it could be read, and whether reading it reported no error:
    /// an invalid base still names its countries, posts and partners, against which the
    /// `uncertainty:` section is checked (its problems came only once the base's were fixed).
    func decodeAll(_ root: DocNode, variant: String, mode: Scenario.Mode) -> (Scenario?, valid: Bool) {
        let reportsBefore = bag.errorReports
        guard let top = reading.mapping(root, "", expected: "a scenario mapping starting with `dipnet: 1` or `dipnet: 2`") else { return (nil, false) }
        let version = Self.version(of: root)
        top.checkKeys(Self.keys(.top, version: version))
        if let v = top.requireNode("dipnet", "the format version, 1 or 2") {
            if reading.number(v, "dipnet", min: 1, integer: true) != nil, !["1", "2"].contains(v.scalar?.text ?? "") {
                reading.error(v, "dipnet", "format version \(v.scalar?.text ?? "") is not supported; this dipnet reads versions 1 and 2")
            }
        }
        var s = Scenario(name: top.string("name")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? defaultName, variant: variant)
        s.formatVersion = version
        s.mode = mode
        s.description = top.string("description")
        s.currency = top.string("currency") ?? ""
        if let n = top.node("horizon_years"), let h = reading.number(n, "horizon_years", min: 0, what: "a number > 0 (years)") {
            if h == 0 { reading.error(n, "horizon_years", "expected a number > 0, found 0") }
            else { s.horizonYears = h }
        }
        s.criteria = criteria(top)
        let criterionIDs = s.criteria.map(\.id)
        if let p = top.node("presence"), let f = reading.mapping(p, "presence") {
            f.checkKeys(Self.presenceKeys)
            s.presence.accredited = f.number("accredited", max: 1) ?? 0
            s.presence.represented = f.number("represented", max: 1) ?? 0
        }
        if let c = top.node("costs"), let f = reading.mapping(c, "costs") {
            f.checkKeys(Self.costKeys)
            s.costs.caseCost = f.number("case_cost") ?? 0
            s.costs.remoteCaseCostPer1000km = f.number("remote_case_cost_per_1000km") ?? 0
            s.costs.unservedCasePenalty = f.number("unserved_case_penalty") ?? 0
        }
        if version >= 2 {
            if let declared = services(top) {
                s.services = declared
                s.servicesDeclared = true
                // costs.case_cost and costs.unserved_case_penalty are the defaults of a service
                // that gives none: when every service gives its own, the number is never read
                // (a new author's were silently unused).
                for (key, own, given) in [("case_cost", "case_cost", declared.allSatisfy { $0.caseCost != nil }),
                                          ("unserved_case_penalty", "unserved_penalty", declared.allSatisfy { $0.unservedPenalty != nil })]
                where given && bag.variant == nil {
                    // A variant that sets or clears a service's own value reads the default there
                    // (a hostile pass's variant setting services.visas.case_cost to null).
                    let variantsTouch = (top.node("variants")?.mapping?.entries ?? []).contains { v in
                        ["set", "scale"].contains { part in
                            (v.value.mapping?[part]?.mapping?.entries ?? []).contains { $0.key.hasPrefix("services.") && $0.key.hasSuffix("." + own) }
                        }
                    }
                    if !variantsTouch, let node = top.node("costs")?.mapping?[key], node.scalar.flatMap({ Reading.parseNumber($0.text) }) != nil {
                        bag.warningOnce(node.location, "costs.\(key)", "not used: every service declares its own \(own) (costs.\(key) is the "
                                        + "default of a service that gives none)")
                    }
                }
            }
            s.interests = interests(top)
        }
        s.countries = items(top, "countries", required: true) { f in country(f, criteria: criterionIDs, s) }
        let countryIDs = uniqueIDs(top, "countries", s.countries.map(\.id), what: "country")
        s.posts = items(top, "posts") { f in post(f, countries: countryIDs, s) }
        _ = uniqueIDs(top, "posts", s.posts.map(\.id), what: "post")
        checkRequirements(top, s, mode: mode)
        s.partners = items(top, "partners") { f in partner(f, countries: countryIDs, s) }
        let partnerIDs = Self.partnerIDs(top.node("partners"))
        for (i, id) in partnerIDs.enumerated() where i < s.partners.count { s.partners[i].id = id }
        checkUniquePartnerIDs(top)
        if let r = top.node("rules") { s.rules = rules(r, scenario: s) }
        checkCoordinates(top, s)
        checkCostUnits(top, s)
        return (s, bag.errorReports == reportsBefore)
    }

    /// Checks each post's `requires` (beyond the spec): every id names another post of the
    /// file, and, in optimize mode (where requirements are rows), no post forced open
    /// requires one forced closed. Evaluate mode scores the network as decided and reports
    /// a requirement it breaks among the plan's rule checks.
    func checkRequirements(_ top: Fields, _ s: Scenario, mode: Scenario.Mode) {
        guard s.posts.contains(where: { !$0.requires.isEmpty }) else { return }
        let index = Dictionary(s.posts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func fixedOpen(_ p: Post) -> Bool? { mode == .optimize ? p.force.map { $0 == .open } : nil }
        let items = top.node("posts")?.sequence?.items ?? []
        // Each post's item, by id: a forced conflict is reported at the `force` that closes
        // the post required (a variant's, named as the variant writes it).
        var itemOf: [String: Int] = [:]
        for (i, item) in items.enumerated() { if let id = item.mapping?["id"]?.scalar?.text, itemOf[id] == nil { itemOf[id] = i } }
        for (i, item) in items.enumerated() {
            guard let m = item.mapping, let id = m["id"]?.scalar?.text, let pi = index[id],
                  let node = m["requires"], !node.isNull else { continue }
            let p = s.posts[pi]
            let nodes = node.sequence?.items ?? [node]
            var seen = Set<String>()
            for (k, at) in nodes.enumerated() {
                guard let target = at.scalar?.text, p.requires.contains(target), seen.insert(target).inserted else { continue }
                let path = node.sequence == nil ? "posts[\(i)].requires" : "posts[\(i)].requires[\(k)]"
                guard let qi = index[target] else {
                    let stateHint = target.contains(":") ? "; another state's post (STATE:POST) is named in a coalition file only" : ""
                    // Several ids in one (`"E, F"`, a CSV cell `E F` or `E|F`): how a list is written.
                    let parts = target.split(whereSeparator: { ",; \t|/".contains($0) }).map(String.init)
                    if parts.count > 1 {
                        let unknown = parts.filter { index[$0] == nil }
                        let list = at.location.file.lowercased().hasSuffix(".csv")
                            ? "separate the ids of a requires cell with ; (\(parts.joined(separator: ";")))"
                            : "write a list, requires: [\(parts.joined(separator: ", "))]"
                        reading.unresolved(at, path, "\"\(target)\" reads as one post id: \(list)"
                                           + (unknown.isEmpty ? "" : "; no post \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))"), in: "posts")
                        continue
                    }
                    reading.unresolved(at, path, "no post \"\(target)\"\(didYouMeanOrList(target, s.posts.map(\.id), noun: "posts"))\(stateHint)", in: "posts")
                    continue
                }
                let q = s.posts[qi]
                if let g = p.group, q.group == g, qi != pi {
                    // At most one of a group is open, and p only with q: p never opens.
                    reading.bag.warningOnce(at.location, path, "\(id) requires \(target), its alternative in group \(g) (at most one of them open): "
                                            + "\(id) can never open; take one of them out of the group, or drop the requirement")
                }
                if qi == pi {
                    reading.error(at, path, "\(id) requires itself: name the posts that must be open while \(id) is")
                } else if fixedOpen(p) == true, fixedOpen(q) == false {
                    let forceAt = itemOf[target].flatMap { j in items[j].mapping?["force"].map { (j, $0) } }
                    reading.error(forceAt?.1 ?? at, forceAt.map { "posts[\($0.0)].force" } ?? path,
                                  "\(target) is forced closed, but \(id), forced open, requires it: no plan can hold both; "
                                  + "force \(target) open, or \(id) closed")
                }
            }
        }
    }

    /// Warns of a post whose yearly cost is below a thousandth of the posts' (lower)
    /// median: a cost written in thousands or millions (`annual_cost: 0.95` for EUR 0.95 M)
    /// is a valid number that makes the post nearly free, and the plan opens it. Once, for
    /// the file's own list; only with three posts or more that cost something; not for a
    /// post that gives no presence (`presence: none`: an honorary consul's allowance).
    func checkCostUnits(_ top: Fields, _ s: Scenario) {
        guard bag.variant == nil else { return }
        let costs = s.posts.map(\.annualCost).filter { $0 > 0 }.sorted()
        guard costs.count >= 3 else { return }
        let median = costs[(costs.count - 1) / 2]
        for (i, item) in (top.node("posts")?.sequence?.items ?? []).enumerated() {
            guard let node = item.mapping?["annual_cost"], let text = node.scalar?.text,
                  let v = Reading.parseNumber(text), v > 0, v * 1000 <= median,
                  item.mapping?["presence"]?.scalar?.text != "none" else { continue }
            let cur = s.currency.isEmpty ? "" : " \(s.currency)"
            bag.warning(node.location, "posts[\(i)].annual_cost",
                        "\(Reading.format(v))\(cur) a year is less than a thousandth of the posts' median (\(Fmt.money(median))\(cur)): "
                        + "annual_cost is money a year in the scenario's currency, not thousands or millions")
        }
    }

    func criteria(_ top: Fields) -> [Criterion] {
        guard let node = top.node("criteria"), let f = reading.mapping(node, "criteria", expected: "a mapping of criterion ids") else { return [] }
        var out: [Criterion] = []
        for e in f.map.entries {
            let path = "criteria.\(e.key)"
            guard reading.identifier(.scalar(e.key, at: e.keyLocation), path) != nil,
                  let cf = reading.mapping(e.value, path, expected: "a mapping with a weight") else { continue }
            cf.checkKeys(Self.criterionKeys)
            // An invalid weight is reported; the criterion still exists for scores.
            let w = cf.number("weight", required: true) ?? 0
            out.append(Criterion(id: e.key, weight: w, label: cf.string("label")))
        }
        return out
    }

    /// `services:` (version 2); nil when the key is absent.
    func services(_ top: Fields) -> [Service]? {
        guard let entry = top.map.entry("services") else { return nil }
        guard let f = reading.mapping(entry.value, "services", expected: "a mapping of service ids, e.g. {documents: {case_cost: 60}}") else { return [] }
        if f.map.entries.isEmpty {
            reading.error(entry.value, "services", "expected at least one service; leave the key out for one service, consular")
            return []
        }
        var out: [Service] = []
        for e in f.map.entries {
            let path = "services.\(e.key)"
            guard reading.identifier(.scalar(e.key, at: e.keyLocation), path) != nil else { continue }
            var service = Service(id: e.key)
            if !e.value.isNull, let sf = reading.mapping(e.value, path, expected: "a mapping with case_cost, unserved_penalty, fee_income, workload, remote") {
                sf.checkKeys(Self.serviceKeys)
                service.caseCost = sf.number("case_cost")
                service.unservedPenalty = sf.number("unserved_penalty")
                service.feeIncome = sf.number("fee_income") ?? 0
                service.workload = sf.number("workload") ?? 1
                service.remote = sf.bool("remote") ?? true
            }
            out.append(service)
        }
        return out
    }

    /// `interests:` (version 2), in declaration order.
    func interests(_ top: Fields) -> [Interest] {
        guard let node = top.node("interests"), let f = reading.mapping(node, "interests", expected: "a mapping of interest ids") else { return [] }
        var out: [Interest] = []
        for e in f.map.entries {
            let path = "interests.\(e.key)"
            guard reading.identifier(.scalar(e.key, at: e.keyLocation), path) != nil else { continue }
            var interest = Interest(id: e.key)
            if !e.value.isNull, let inf = reading.mapping(e.value, path, expected: "a mapping with label, source, accredited, represented") {
                inf.checkKeys(Self.interestKeys)
                interest.label = inf.string("label")
                interest.source = inf.string("source")
                interest.accredited = inf.number("accredited", max: 1)
                interest.represented = inf.number("represented", max: 1)
            }
            out.append(interest)
        }
        return out
    }

    /// Reads a list of items (from YAML or an inlined CSV table).
    func items<T>(_ top: Fields, _ key: String, required: Bool = false, _ body: (Fields) -> T?) -> [T] {
        guard let node = required ? top.requireNode(key, "a list, or {csv: FILE}") : top.node(key),
              let list = reading.sequence(node, key, expected: "a list, or {csv: FILE}") else { return [] }
        var out: [T] = []
        let mark = reading.bag.items.count
        for (i, item) in list.enumerated() {
            guard let f = reading.mapping(item, "\(key)[\(i)]") else { continue }
            if let v = body(f) { out.append(v) }
            else if let id = f.map.entries.first(where: { $0.key == "id" })?.value.scalar?.text, !id.isEmpty {
                reading.bag.unreadItems.insert("\(key).\(id)")
            }
        }
        collapseColumnProblems(key, list, since: mark, scenarioFile: top.map.location.file)
        return out
    }

    /// A problem found the same in every row of a CSV table (a required column missing, a
    /// column of the wrong form) is reported once, at the table's header (a column's problem
    /// at the column's name, wherever the header stands), instead of once a
    /// row (an analyst's posts.csv without its status column gave ten errors, one per post).
    /// Only for tables of three rows or more, read from a file other than the scenario's.
    func collapseColumnProblems(_ key: String, _ list: [DocNode], since mark: Int, scenarioFile: String) {
        guard list.count >= 3, mark < reading.bag.items.count else { return }
        // A table of the scenario file itself (YAML, whatever the file is named) is not a CSV
        // table. The cells of one row may come from two files (a coalition state's demand
        // table beside the shared countries table): each problem is kept with its own file.
        // A `--set` through `*` (posts.*.capacity=-5) is collapsed too, at the change itself:
        // it gave one error an item, 197 for Belgium's countries, sorted as text.
        func isTable(_ file: String) -> Bool {
            file != scenarioFile && !(file.lowercased().hasSuffix(".yaml") || file.lowercased().hasSuffix(".yml"))
        }
        // Each error of the table's rows as (row, its file, the path below the row, message).
        struct Shape: Hashable { let file: String, rest: String, message: String }
        func shape(_ d: Diagnostic) -> (row: Int, shape: Shape)? {
            guard isTable(d.location.file), d.path.hasPrefix(key + "["), let close = d.path.firstIndex(of: "]"),
                  let row = Int(d.path[d.path.index(d.path.startIndex, offsetBy: key.count + 1)..<close]) else { return nil }
            return (row, Shape(file: d.location.file, rest: String(d.path[d.path.index(after: close)...]), message: d.message))
        }
        // What a value's own problem says before the value ("expected a number ≥ 0" of
        // "expected a number ≥ 0, found "1817000 EUR"; …"): a column whose every cell is wrong
        // the same way, each in its own words, is one problem too.
        // The message with its value left out and the digits of its hint ("…, found "…"; write
        // the number alone, without "EUR": #"): cells alike but for their values share it.
        func kind(_ message: String) -> String? {
            guard let value = Self.foundValue(in: message) else { return nil }
            let rest = message[value.upperBound...].replacing(/[0-9][0-9.,]*/, with: "#")
            return "~" + message[..<value.lowerBound] + "…" + rest
        }
        // Found again (a variant reading the table anew, with some rows changed): reported already.
        reading.bag.drop(since: mark) { d in
            guard let s = shape(d)?.shape else { return false }
            return reading.bag.collapsedRows.contains([s.file, key, s.rest, s.message])
                || kind(s.message).map { reading.bag.collapsedRows.contains([s.file, key, s.rest, $0]) } ?? false
        }
        var rows: [Shape: Set<Int>] = [:]
        for d in reading.bag.items[min(mark, reading.bag.items.count)...] where d.variant == reading.bag.variant {
            guard let (row, s) = shape(d) else { continue }
            rows[s, default: []].insert(row)
        }
        // The rows with a cell from each file: a coalition state's demand table may leave out a
        // host country (it gave 194 errors, one a row, when one of 195 was left out).
        func files(_ node: DocNode, into set: inout Set<String>) {
            switch node {
            case .scalar(let x): set.insert(x.location.file)
            case .mapping(let m): for e in m.entries { files(e.value, into: &set) }
            case .sequence(let q): for item in q.items { files(item, into: &set) }
            }
        }
        var rowsOf: [String: Int] = [:]
        if Set(rows.keys.map(\.file)).contains(where: { $0 != list.first?.location.file }) {
            for item in list {
                var set = Set<String>()
                files(item, into: &set)
                for f in set { rowsOf[f, default: 0] += 1 }
            }
        }
        for (shape, seen) in rows.sorted(by: { ($0.key.file, $0.key.rest, $0.key.message) < ($1.key.file, $1.key.rest, $1.key.message) })
            where seen.count == (rowsOf[shape.file] ?? list.count) && seen.count >= 3 {
            reading.bag.collapsedRows.insert([shape.file, key, shape.rest, shape.message])
            func matches(_ d: Diagnostic) -> Bool {
                d.location.file == shape.file && d.message == shape.message && d.path.hasPrefix(key + "[") && d.path.hasSuffix("]" + shape.rest)
            }
            // A --set's problem stays where the value was typed; a CSV table's goes to its header.
            let typed = shape.file.hasPrefix("--set ")
            let header = reading.bag.tableHeaders[shape.file] ?? SourceLocation(file: shape.file, line: 1, column: 1)
            let at = typed ? (reading.bag.items[mark...].first(where: matches)?.location ?? SourceLocation(file: shape.file, line: 1, column: 1))
                : shape.rest.isEmpty ? header : reading.bag.columnHeaders[shape.file + "\u{0}" + shape.rest] ?? header
            for d in reading.bag.items[mark...] where matches(d) { reading.bag.collapsedCells.insert(Diagnostic.Problem(d)) }
            reading.bag.drop(since: mark, where: matches)
            if typed {
                reading.bag.error(at, key + "[*]" + shape.rest, "in every item (\(Fmt.money(Double(seen.count)))): \(shape.message)")
            } else if shape.rest.isEmpty, shape.message.hasPrefix("missing key \""), let end = shape.message.dropFirst(13).firstIndex(of: "\"") {
                let column = shape.message[shape.message.index(shape.message.startIndex, offsetBy: 13)..<end]
                reading.bag.error(at, key, "no column \"\(column)\", which every row needs\(shape.message[shape.message.index(after: end)...])")
            } else {
                reading.bag.error(at, key + "[*]" + shape.rest, "in every row (\(Fmt.count(seen.count, "row"))): \(shape.message)")
            }
        }
        // Then a column wrong in every row in the same way, each value its own ("1817000 EUR",
        // "1344000 EUR", …: 122 errors): one error at the header, with the first row's message
        // (and its hint) and the next values as examples. Not for --set (one typed value).
        struct Loose: Hashable { let file: String, rest: String, kind: String }
        var loose: [Loose: [Diagnostic]] = [:]
        for d in reading.bag.items[min(mark, reading.bag.items.count)...] where d.variant == reading.bag.variant {
            guard let (_, s) = shape(d), !s.file.hasPrefix("--set "), let k = kind(s.message) else { continue }
            loose[Loose(file: s.file, rest: s.rest, kind: k), default: []].append(d)
        }
        // A few rows wrong in another way (a negative cost among 122 costs in EUR) stay at their
        // cells: the column's problem is collapsed when it holds in at least 90% of its rows.
        for (group, found) in loose.sorted(by: { ($0.key.file, $0.key.rest, $0.key.kind) < ($1.key.file, $1.key.rest, $1.key.kind) }) {
            let seen = Set(found.compactMap { shape($0)?.row })
            let total = rowsOf[group.file] ?? list.count
            guard seen.count >= 3, seen.count == total || (total >= 10 && 10 * seen.count >= 9 * total) else { continue }
            reading.bag.collapsedRows.insert([group.file, key, group.rest, group.kind])
            let ordered = found.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
            let examples = ordered.dropFirst().prefix(3).compactMap { d -> String? in
                Self.foundValue(in: d.message).map { "\(d.message[$0]) (line \(d.location.line))" }
            }
            let more = ordered.count - 1 - examples.count
            let first = ordered[0]
            // The first row's message, its line after its value: `…, found "1817000 EUR" (line 2); write …`.
            var firstMessage = first.message + " (line \(first.location.line))"
            if let value = Self.foundValue(in: first.message) {
                firstMessage = first.message[..<value.upperBound] + " (line \(first.location.line))" + first.message[value.upperBound...]
            }
            func inGroup(_ d: Diagnostic) -> Bool {
                d.location.file == group.file && d.path.hasPrefix(key + "[") && d.path.hasSuffix("]" + group.rest) && kind(d.message) == group.kind
            }
            for d in reading.bag.items[mark...] where inGroup(d) { reading.bag.collapsedCells.insert(Diagnostic.Problem(d)) }
            reading.bag.drop(since: mark, where: inGroup)
            let rows = seen.count == total ? "in every row (\(Fmt.count(seen.count, "row")))"
                : "in \(Fmt.money(Double(seen.count))) of the \(Fmt.count(total, "row")) (the others' problems are at their cells)"
            let header = reading.bag.tableHeaders[group.file] ?? SourceLocation(file: group.file, line: 1, column: 1)
            reading.bag.error(reading.bag.columnHeaders[group.file + "\u{0}" + group.rest] ?? header, key + "[*]" + group.rest,
                              "\(rows): \(firstMessage)"
                              + (examples.isEmpty ? "" : "; and so on: " + examples.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")))
        }
    }

    /// Where a problem's value stands in its message: after ", found ", a quoted text to its
    /// closing quote (`"1100000; EUR"` whole), or a bare token up to "; " or " (" (`-5`); nil
    /// for a message without a value.
    static func foundValue(in message: String) -> Range<String.Index>? {
        guard let r = message.range(of: ", found ") else { return nil }
        let start = r.upperBound
        guard start < message.endIndex else { return nil }
        if message[start] == "\"" {
            var i = message.index(after: start)
            while i < message.endIndex {
                if message[i] == "\"" {
                    let next = message.index(after: i)
                    if next == message.endIndex || message[next...].hasPrefix("; ") || message[next...].hasPrefix(" (") || message[next...].hasPrefix(",") {
                        return start..<next
                    }
                }
                i = message.index(after: i)
            }
            return start..<message.endIndex
        }
        let end = [message[start...].range(of: "; ")?.lowerBound, message[start...].range(of: " (")?.lowerBound]
            .compactMap { $0 }.min() ?? message.endIndex
        return start..<end
    }

    func uniqueIDs(_ top: Fields, _ key: String, _ ids: [String], what: String) -> Set<String> {
        var seen: [String: Int] = [:]
        guard let list = top.node(key)?.sequence?.items else { return Set(ids) }
        for (i, item) in list.enumerated() {
            guard let idNode = item.mapping?["id"], let id = idNode.scalar?.text else { continue }
            if let first = seen[id] {
                reading.error(idNode, "\(key)[\(i)].id", "duplicate \(what) id \"\(id)\" (first at \(list[first].location))")
            } else {
                seen[id] = i
            }
        }
        return Set(ids)
    }

    /// The message for a service or interest name the file does not declare; nil for a
    /// service when no service could be read (`services: {}` or not a mapping: that
    /// error is reported once, and every use of a service would repeat it).
    static func unknownName(_ what: String, _ name: String, _ names: [String]) -> String? {
        let plural = what == "service" ? "services" : "\(what)s"
        if names.isEmpty {
            if what == "service" { return nil }
            return "no \(what) \"\(name)\": the file declares no \(plural); declare it under \(plural): first"
        }
        return "no \(what) \"\(name)\"\(didYouMean(name, names)); \(plural) are: \(names.joined(separator: ", "))"
    }

    /// A mapping of `name: number ≥ 0` over declared names (`what` says which:
    /// service, interest), or nil when absent. Unknown names are located errors.
    func amounts(_ f: Fields, _ key: String, names: [String], what: String, max: Double? = nil) -> [String: Double]? {
        guard let node = f.node(key), let mf = reading.mapping(node, f.path(key), expected: "a mapping of \(what): number") else { return nil }
        var out: [String: Double] = [:]
        for (i, e) in mf.map.entries.enumerated() {
            let p = mf.path(e.key)
            guard names.contains(e.key) else {
                if let split = Reading.commaSplit(mf.map.entries, at: i, min: 0) {
                    reading.bag.error(e.keyLocation, mf.path(mf.map.entries[i - 1].key), split)
                } else if let message = Self.unknownName(what, e.key, names) { reading.bag.error(e.keyLocation, p, message) }
                continue
            }
            if e.value.isNull { continue }
            if let v = reading.number(e.value, p, max: max) { out[e.key] = v }
        }
        return out
    }

    /// A list of declared service ids (`posts[].services`, `partners[].services`);
    /// nil when absent. An empty list is an error: leave the key out for all.
    func serviceList(_ f: Fields, _ s: Scenario, owner: String) -> [String]? {
        guard let node = f.node("services"), let list = reading.strings(node, f.path("services")) else { return nil }
        let names = s.services.map(\.id)
        if list.isEmpty {
            reading.error(node, f.path("services"), "\(owner) offering no service; list at least one, or leave the key out for every service")
            return nil
        }
        var out: [String] = []
        for (i, id) in list.enumerated() {
            guard names.contains(id) else {
                if let message = Self.unknownName("service", id, names) {
                    // "documents,assistance" in one CSV cell: lists there are separated by ";".
                    let parts = id.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    let listHint = parts.count > 1 && parts.allSatisfy(names.contains)
                        ? "; a list in a CSV cell is separated by \";\": \(parts.joined(separator: ";"))" : ""
                    reading.error(node.sequence?.items[i] ?? node, "\(f.path("services"))[\(i)]", message + listHint)
                }
                continue
            }
            if !out.contains(id) { out.append(id) }
        }
        return out
    }

    func country(_ f: Fields, criteria: [String], _ s: Scenario) -> Country? {
        f.checkKeys(Self.keys(.country, version: s.formatVersion), csvForms: Self.csvForms(.country, version: s.formatVersion))
        let id = f.identifier("id", required: true)
        let lat = f.number("lat", min: -90, max: 90)
        let lon = f.number("lon", min: -180, max: 180)
        if f.has("lat") != f.has("lon") {
            reading.bag.error(f.map.location, f.path, "give both lat and lon, or neither")
        }
        var scores: [String: Double] = [:]
        if let sn = f.node("scores"), let sf = reading.mapping(sn, f.path("scores"), expected: "a mapping of criterion: score") {
            for (i, e) in sf.map.entries.enumerated() {
                let p = sf.path(e.key)
                if !criteria.contains(e.key), let split = Reading.commaSplit(sf.map.entries, at: i, min: 0) {
                    reading.bag.error(e.keyLocation, sf.path(sf.map.entries[i - 1].key), split)
                    continue
                }
                guard criteria.contains(e.key) else {
                    reading.bag.error(e.keyLocation, p, "no criterion \"\(e.key)\"\(didYouMean(e.key, criteria)); criteria are: \(criteria.joined(separator: ", "))")
                    continue
                }
                if e.value.isNull { continue }
                if let v = reading.number(e.value, p) { scores[e.key] = v }
            }
        }
        // Demand: a number (one service), or a mapping by service (version 2).
        let serviceIDs = s.services.map(\.id)
        var demands = Array(repeating: 0.0, count: serviceIDs.count)
        if let dn = f.node("demand") {
            if dn.mapping != nil, s.formatVersion >= 2 {
                let byService = amounts(f, "demand", names: serviceIDs, what: "service") ?? [:]
                demands = serviceIDs.map { byService[$0] ?? 0 }
            } else if serviceIDs.count > 1, dn.scalar != nil {
                reading.error(dn, f.path("demand"), "expected a mapping by service (\(serviceIDs.joined(separator: ", "))): a plain number is accepted only when the file declares one service"
                              + (dn.location.file.hasPrefix("--set ")
                                 ? "; to change one service's demand, set \(f.path("demand")).\(serviceIDs.first ?? "SERVICE") (sweep and simulate may move "
                                    + "\(f.path("demand")) as one number: every service in proportion)"
                                 : dn.location.file.lowercased().hasSuffix(".yaml") || dn.location.file.lowercased().hasSuffix(".yml") ? ""
                                 : "; in a CSV table, a column per service: " + serviceIDs.map { "demand_\($0)" }.joined(separator: ", ")))
            } else if let v = f.number("demand") {
                demands = [v]
            }
        }
        var interests: [Double] = []
        if s.formatVersion >= 2, !s.interests.isEmpty || f.has("interests") {
            let byInterest = amounts(f, "interests", names: s.interests.map(\.id), what: "interest") ?? [:]
            interests = s.interests.map { byInterest[$0.id] ?? 0 }
        }
        let c = Country(id: id ?? "", name: f.string("name") ?? id ?? "", region: f.string("region"),
                        lat: lat, lon: lon, demands: demands, scores: scores, tags: f.strings("tags") ?? [],
                        interests: interests, source: f.string("source"))
        return id == nil ? nil : c
    }

    func post(_ f: Fields, countries: Set<String>, _ s: Scenario) -> Post? {
        f.checkKeys(Self.keys(.post, version: s.formatVersion), csvForms: Self.csvForms(.post, version: s.formatVersion))
        let id = f.identifier("id", required: true)
        if let id, id.hasPrefix("partner:"), let n = f.node("id") {
            // Results name a partner offer's cases `partner:BY`: a post so named would merge with it.
            reading.error(n, f.path("id"), "a post id cannot start with \"partner:\" (results use it for partner offers), found \(Reading.shown(id))")
        }
        let country = reference(f, "country", countries, what: "country", required: true)
        let status = f.choice("status", Post.Status.self, required: true)
        if f.has("lat") != f.has("lon") {
            reading.bag.error(f.map.location, f.path, "give both lat and lon, or neither")
        }
        var covers: [String] = []
        if let node = f.node("covers"), let list = reading.strings(node, f.path("covers")) {
            let items = node.sequence?.items
            for (i, c) in list.enumerated() {
                let where_ = items?[i] ?? node
                if !countries.contains(c) {
                    // "JAM,HTI" in one CSV cell: lists there are separated by ";".
                    let parts = c.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    let listHint = parts.count > 1 && parts.allSatisfy(countries.contains)
                        ? "; a list in a CSV cell is separated by \";\": \(parts.joined(separator: ";"))" : ""
                    reading.unresolved(where_, "\(f.path("covers"))[\(i)]", "no country \"\(c)\"\(didYouMean(c, countries))\(listHint)")
                } else if !covers.contains(c) {
                    covers.append(c)
                }
            }
        }
        // case_cost: a number (every service), or a mapping by service (version 2).
        var caseCost: Double? = nil
        var caseCosts: [String: Double] = [:]
        if let cn = f.node("case_cost") {
            if cn.mapping != nil, s.formatVersion >= 2 {
                caseCosts = amounts(f, "case_cost", names: s.services.map(\.id), what: "service") ?? [:]
            } else {
                caseCost = f.number("case_cost")
            }
        }
        var p = Post(
            id: id ?? "", country: country ?? "", city: f.string("city"), kind: f.string("kind"),
            status: status ?? .existing,
            lat: f.number("lat", min: -90, max: 90), lon: f.number("lon", min: -180, max: 180),
            annualCost: f.number("annual_cost") ?? 0, closeCost: f.number("close_cost") ?? 0,
            openCost: f.number("open_cost") ?? 0, capacity: f.number("capacity") ?? 0,
            caseCost: caseCost, covers: covers, reachKm: f.number("reach_km") ?? 0,
            group: f.string("group"), force: f.choice("force", Post.Force.self))
        p.caseCosts = caseCosts
        p.source = f.string("source")
        // Each id once (`[E, E]` wrote two rows and "open with E, E").
        p.requires = (f.strings("requires") ?? []).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if s.formatVersion >= 2 {
            p.services = serviceList(f, s, owner: "a post")
            p.diplomats = f.number("diplomats") ?? 0
            p.presence = f.choice("presence", Post.PresenceLevel.self) ?? .resident
            // A case cost of a service the post does not offer is never paid, as a partner's
            // fee of a service it does not take (a hostile pass: an honorary consul's visa
            // cost was searched and drawn as an input that could say nothing).
            if bag.variant == nil, let offered = p.services, let entries = f.node("case_cost")?.mapping?.entries {
                for e in entries where !offered.contains(e.key) && caseCosts[e.key] != nil {
                    bag.warning(e.value.location, "\(f.path("case_cost")).\(e.key)",
                                "a case cost for \(e.key), which this post does not offer (services: \(offered.isEmpty ? "none" : offered.joined(separator: ", "))): "
                                + "no case of it is handled here, so the number bears on nothing; add \(e.key) to services, or remove the cost")
                }
            }
        }
        // `kind` is a label, and a post's presence defaults to resident: an analyst's €12,000
        // honorary consul, opened to handle no case, kept Cuba's whole resident value and
        // turned a loss into a gain without a word.
        // Once: in the file's own reading or a coalition state's, not again in each variant.
        if reading.bag.variant.map({ $0.hasPrefix("state ") }) ?? true, let kind = p.kind, kind.lowercased().contains("honorary"), !f.has("presence") {
            reading.bag.warning(f.map.location, f.path("presence"), s.formatVersion >= 2
                ? "kind \"\(kind)\" is only a label: without presence: the post counts as resident, so opening it keeps its country's whole "
                    + "resident value; an honorary consul is usually presence: none (or accredited), docs/scenario-format.md"
                : "kind \"\(kind)\" is only a label: in format version 1 every open post counts as resident presence, so opening it keeps its "
                    + "country's whole resident value; format version 2 has a post's presence: none | accredited (docs/scenario-format.md)")
        }
        // A post whose status alone is missing or wrong (reported above) is kept, so that the
        // variants and draws naming it are not reported as naming nothing (an analyst's
        // posts.csv without its status column read "no post HAV" at the uncertainty section).
        return id == nil || country == nil ? nil : p
    }

    func partner(_ f: Fields, countries: Set<String>, _ s: Scenario) -> PartnerOffer? {
        f.checkKeys(Self.keys(.partner, version: s.formatVersion), csvForms: Self.csvForms(.partner, version: s.formatVersion))
        _ = f.identifier("id")
        let country = reference(f, "country", countries, what: "country", required: true)
        let by = f.string("by", required: true)
        let capacity = f.number("capacity", required: true)
        var fee = 0.0
        var fees: [String: Double]? = nil
        if let fn = f.node("fee") {
            if fn.mapping != nil, s.formatVersion >= 2 {
                fees = amounts(f, "fee", names: s.services.map(\.id), what: "service") ?? [:]
            } else {
                fee = f.number("fee") ?? 0
            }
        }
        var p = PartnerOffer(country: country ?? "", by: by ?? "", capacity: capacity ?? 0,
                             fee: fee, presence: f.bool("presence") ?? true)
        p.source = f.string("source")
        p.onlyWhereAbsent = f.bool("only_where_absent") ?? false
        if s.formatVersion >= 2 {
            p.services = serviceList(f, s, owner: "a partner offer")
            p.fees = fees
            // A fee for a service the offer does not take is never charged: most likely a
            // service missing from `services`.
            // (A CSV row's plain fee spreads over the services it takes only; not said when
            // `services` itself failed to read.)
            if bag.variant == nil, let taken = p.services, !taken.isEmpty, let entries = f.node("fee")?.mapping?.entries {
                for e in entries where !taken.contains(e.key) && (fees?[e.key] ?? 0) > 0 {
                    bag.warning(e.value.location, "\(f.path("fee")).\(e.key)",
                                "a fee for \(e.key), which this offer does not take (services: \(taken.joined(separator: ", "))): "
                                + "it is never charged; add \(e.key) to services, or remove the fee")
                }
            }
        }
        return country == nil || by == nil || capacity == nil ? nil : p
    }

    /// The id of every partner offer of a `partners` list: its `id`, else
    /// `COUNTRY:BY`, a repeat numbered `COUNTRY:BY#2`, `#3`, …
    static func partnerIDs(_ node: DocNode?) -> [String] {
        var seen: [String: Int] = [:]
        return (node?.sequence?.items ?? []).map { item in
            let m = item.mapping
            if let id = m?["id"]?.scalar?.text, !(m?["id"]?.isNull ?? true) { return id }
            let base = "\(m?["country"]?.scalar?.text ?? "?"):\(m?["by"]?.scalar?.text ?? "?")"
            seen[base, default: 0] += 1
            return seen[base]! == 1 ? base : "\(base)#\(seen[base]!)"
        }
    }

    func checkUniquePartnerIDs(_ top: Fields) {
        guard let items = top.node("partners")?.sequence?.items else { return }
        var first: [String: Int] = [:]
        // A default id COUNTRY:BY reads two ways when either holds ":" (A:B by C and A by
        // B:C are both A:B:C, the second numbered #2): name such an offer's id.
        for (i, item) in items.enumerated() where bag.variant == nil {   // once, for the file's own list
            guard let m = item.mapping, m["id"]?.scalar == nil || (m["id"]?.isNull ?? false) else { continue }
            let (c, b) = (m["country"]?.scalar?.text ?? "", m["by"]?.scalar?.text ?? "")
            if c.contains(":") || b.contains(":") {
                bag.warning(item.location, "partners[\(i)]", "the default id \"\(c):\(b)\" reads two ways (country or by holds \":\"); give the offer an id to name it in set, scale and uncertainty paths")
            } else if b.contains(".") {
                // Paths split at dots: `partners.B:EU Del..capacity` names nothing.
                bag.warning(item.location, "partners[\(i)]", "the default id \"\(c):\(b)\" holds a dot, so no set, scale or uncertainty path can name it; give the offer an id (without dots)")
            }
        }
        for (i, id) in Self.partnerIDs(top.node("partners")).enumerated() {
            if let j = first[id] {
                let node = items[i].mapping?["id"] ?? items[i]
                reading.error(node, "partners[\(i)].id", "duplicate partner offer id \"\(id)\" (first at \(items[j].location))")
            } else {
                first[id] = i
            }
        }
    }

    func reference(_ f: Fields, _ key: String, _ ids: Set<String>, what: String, required: Bool) -> String? {
        guard let v = f.identifier(key, required: required) else { return nil }
        guard ids.contains(v) else {
            reading.unresolved(f.node(key)!, f.path(key), "no \(what) \"\(v)\"\(didYouMean(v, ids))")
            return nil
        }
        return v
    }

    func rules(_ node: DocNode, scenario s: Scenario) -> Rules {
        var r = Rules()
        guard let f = reading.mapping(node, "rules") else { return r }
        f.checkKeys(Self.keys(.rules, version: s.formatVersion))
        r.budget = f.number("budget")
        if let mc = f.node("min_coverage"), mc.mapping != nil, s.formatVersion >= 2 {
            let byService = amounts(f, "min_coverage", names: s.services.map(\.id), what: "service", max: 1) ?? [:]
            r.minCoverageByService = s.services.compactMap { sv in byService[sv.id].map { (sv.id, $0) } }
        } else {
            r.minCoverage = f.number("min_coverage", max: 1)
        }
        r.maxClosures = f.number("max_closures", integer: true).map { Int($0) }
        r.maxOpenings = f.number("max_openings", integer: true).map { Int($0) }
        if s.formatVersion >= 2 { r.maxDiplomats = f.number("max_diplomats") }
        r.minResident = selectionRules(f, "min_resident", s) { sel in s.countries.filter { sel.matches($0) }.count }
        r.minPosts = selectionRules(f, "min_posts", s) { sel in
            let selected = Set(s.countries.filter { sel.matches($0) }.map(\.id))
            return s.posts.filter { selected.contains($0.country) }.count
        }
        return r
    }

    func selectionRules(_ f: Fields, _ key: String, _ s: Scenario, reach: (Selector) -> Int) -> [SelectionRule] {
        guard let node = f.node(key), let list = reading.sequence(node, f.path(key), expected: "a list of {select, count}") else { return [] }
        var out: [SelectionRule] = []
        for (i, item) in list.enumerated() {
            let path = "\(f.path(key))[\(i)]"
            guard let rf = reading.mapping(item, path, expected: "{select, count}") else { continue }
            rf.checkKeys(["select", "count"])
            guard let selNode = rf.requireNode("select", "a selector such as {region: R}"),
                  let sel = selector(selNode, rf.path("select"), s),
                  let countNode = rf.requireNode("count", "a whole number or all") else { continue }
            let reachable = reach(sel)
            let count: SelectionRule.Count
            if countNode.scalar?.text == "all" {
                count = .all
            } else {
                guard let n = reading.number(countNode, rf.path("count"), integer: true, what: "a whole number ≥ 0 or all") else { continue }
                if Int(n) > reachable {
                    reading.error(countNode, rf.path("count"),
                                  "count \(Int(n)) is more than the selector (\(sel)) can reach: \(key == "min_posts" ? Fmt.count(reachable, "post") : Fmt.count(reachable, "country", plural: "countries"))")
                    continue
                }
                count = .atLeast(Int(n))
            }
            out.append(SelectionRule(select: sel, count: count))
        }
        return out
    }

    func selector(_ node: DocNode, _ path: String, _ s: Scenario) -> Selector? {
        guard let f = reading.mapping(node, path, expected: "a selector such as {region: R}, {tag: T} or {countries: [ids]}") else { return nil }
        f.checkKeys(["region", "tag", "countries"])
        var sel = Selector()
        var ok = true
        if let r = f.string("region") {
            let regions = Set(s.countries.compactMap(\.region))
            if !regions.contains(r) { reading.unresolved(f.node("region")!, f.path("region"), "no country has region \"\(r)\"\(didYouMean(r, regions))"); ok = false }
            sel.region = r
        }
        if let t = f.string("tag") {
            let tags = Set(s.countries.flatMap(\.tags))
            if !tags.contains(t) { reading.unresolved(f.node("tag")!, f.path("tag"), "no country has tag \"\(t)\"\(didYouMean(t, tags))"); ok = false }
            sel.tag = t
        }
        if let n = f.node("countries"), let ids = reading.strings(n, f.path("countries")) {
            let known = Set(s.countries.map(\.id))
            for (i, id) in ids.enumerated() where !known.contains(id) {
                reading.unresolved(n.sequence?.items[i] ?? n, "\(f.path("countries"))[\(i)]", "no country \"\(id)\"\(didYouMean(id, known))")
                ok = false
            }
            sel.countries = ids
        }
        if sel.region == nil && sel.tag == nil && sel.countries == nil {
            reading.error(node, path, "expected at least one of region, tag, countries")
            return nil
        }
        return ok ? sel : nil
    }

    /// Distances need coordinates: every country when a post has a reach, the
    /// covered countries and the serving post's place when a post covers others.
    func checkCoordinates(_ top: Fields, _ s: Scenario) {
        let byID = Dictionary(s.countries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let postNodes = top.node("posts")?.sequence?.items ?? []
        // A country whose lat or lon is given but invalid was reported there already.
        let given = Set((top.node("countries")?.sequence?.items ?? []).compactMap { item -> String? in
            guard let m = item.mapping, !(m["lat"]?.isNull ?? true) || !(m["lon"]?.isNull ?? true) else { return nil }
            return m["id"]?.scalar?.text
        })
        // The countries without coordinates, found once: every post with a reach needs all
        // of them (a scan per post took 56% of `validate` on 107,066 posts, 14 s).
        let lacking = s.countries.filter { $0.lat == nil && !given.contains($0.id) }.map(\.id)
        // No country with coordinates at all (a countries.csv without lat and lon columns)
        // is one problem, not two a post (an analyst got 18 errors located in posts.csv).
        let serving = s.posts.filter { $0.reachKm > 0 || !$0.covers.isEmpty }
        if !serving.isEmpty, !s.countries.isEmpty, lacking.count == s.countries.count, let countries = top.node("countries") {
            let at = countries.sequence?.items.first ?? countries
            // The same words for every coalition state reading the shared table: said once.
            reading.error(at, "countries", "no country has lat and lon, and the posts that cover other countries or have a reach need them: "
                          + "give every country lat and lon (in a CSV table, columns lat and lon; a post may also give its own)")
            return
        }
        for (i, p) in s.posts.enumerated() where p.reachKm > 0 || !p.covers.isEmpty {
            let node = i < postNodes.count ? postNodes[i] : top.map[("posts")] ?? .scalar("", at: top.map.location)
            if p.lat == nil, let home = byID[p.country], home.lat == nil, !given.contains(home.id) {
                reading.error(node, "posts[\(i)]", "post \(p.id) serves other countries, so it needs lat/lon or its country \(p.country) needs them")
            }
            let missing = p.reachKm > 0 ? lacking
                : p.covers.compactMap { byID[$0] }.filter { $0.lat == nil && !given.contains($0.id) }.map(\.id)
            if !missing.isEmpty {
                reading.error(node, "posts[\(i)]", "post \(p.id) \(p.reachKm > 0 ? "has a reach" : "covers other countries"), so these countries need lat/lon: \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? ", …" : "")")
            }
        }
    }
}
