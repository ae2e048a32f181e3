/// Turns a scenario document (one variant applied) into a typed `Scenario`,
/// reporting every problem: wrong types, unknown keys, broken references,
/// numbers out of range, counts no selector can reach.
struct ScenarioDecoder {
    static let topLevelKeys = ["dipnet", "name", "description", "currency", "horizon_years", "criteria", "presence",
                               "costs", "countries", "posts", "partners", "rules", "variants", "comparisons", "expect",
                               "uncertainty"]
    static let countryKeys = ["id", "name", "region", "lat", "lon", "demand", "scores", "tags"]
    static let postKeys = ["id", "country", "city", "kind", "status", "lat", "lon", "annual_cost", "close_cost",
                           "open_cost", "capacity", "case_cost", "covers", "reach_km", "group", "force"]
    /// Coalition files add `requires` (a post of another state that must be open: co-location).
    static let coalitionPostKeys = postKeys + ["requires"]
    static let partnerKeys = ["country", "by", "capacity", "fee", "presence"]
    static let ruleKeys = ["budget", "min_coverage", "max_closures", "max_openings", "min_resident", "min_posts"]
    static let costKeys = ["case_cost", "remote_case_cost_per_1000km", "unserved_case_penalty"]
    static let presenceKeys = ["accredited", "represented"]
    static let criterionKeys = ["weight", "label"]

    let reading: Reading
    let defaultName: String

    var bag: DiagnosticBag { reading.bag }

    func decode(_ root: DocNode, variant: String, mode: Scenario.Mode) -> Scenario? {
        guard let top = reading.mapping(root, "", expected: "a scenario mapping starting with `dipnet: 1`") else { return nil }
        top.checkKeys(Self.topLevelKeys)
        if let v = top.requireNode("dipnet", "the format version 1") {
            if reading.number(v, "dipnet", min: 1, integer: true) != nil, v.scalar?.text != "1" {
                reading.error(v, "dipnet", "format version \(v.scalar?.text ?? "") is not supported; this dipnet reads version 1")
            }
        }
        var s = Scenario(name: top.string("name")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? defaultName, variant: variant)
        s.mode = mode
        s.description = top.string("description")
        s.currency = top.string("currency") ?? ""
        if let h = top.number("horizon_years", min: 0) {
            if h == 0 { reading.error(top.node("horizon_years")!, "horizon_years", "expected a number > 0, found 0") }
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
        s.countries = items(top, "countries", required: true) { f in country(f, criteria: criterionIDs) }
        let countryIDs = uniqueIDs(top, "countries", s.countries.map(\.id), what: "country")
        s.posts = items(top, "posts") { f in post(f, countries: countryIDs) }
        _ = uniqueIDs(top, "posts", s.posts.map(\.id), what: "post")
        s.partners = items(top, "partners") { f in partner(f, countries: countryIDs) }
        if let r = top.node("rules") { s.rules = rules(r, scenario: s) }
        checkCoordinates(top, s)
        return bag.isEmpty ? s : nil
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

    /// Reads a list of items (from YAML or an inlined CSV table).
    func items<T>(_ top: Fields, _ key: String, required: Bool = false, _ body: (Fields) -> T?) -> [T] {
        guard let node = required ? top.requireNode(key, "a list, or {csv: FILE}") : top.node(key),
              let list = reading.sequence(node, key, expected: "a list, or {csv: FILE}") else { return [] }
        var out: [T] = []
        for (i, item) in list.enumerated() {
            guard let f = reading.mapping(item, "\(key)[\(i)]") else { continue }
            if let v = body(f) { out.append(v) }
        }
        return out
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

    func country(_ f: Fields, criteria: [String]) -> Country? {
        f.checkKeys(Self.countryKeys)
        let id = f.identifier("id", required: true)
        let lat = f.number("lat", min: -90, max: 90)
        let lon = f.number("lon", min: -180, max: 180)
        if f.has("lat") != f.has("lon") {
            reading.bag.error(f.map.location, f.path, "give both lat and lon, or neither")
        }
        var scores: [String: Double] = [:]
        if let sn = f.node("scores"), let sf = reading.mapping(sn, f.path("scores"), expected: "a mapping of criterion: score") {
            for e in sf.map.entries {
                let p = sf.path(e.key)
                guard criteria.contains(e.key) else {
                    reading.bag.error(e.keyLocation, p, "no criterion \"\(e.key)\"\(didYouMean(e.key, criteria)); criteria are: \(criteria.joined(separator: ", "))")
                    continue
                }
                if e.value.isNull { continue }
                if let v = reading.number(e.value, p) { scores[e.key] = v }
            }
        }
        let c = Country(id: id ?? "", name: f.string("name") ?? id ?? "", region: f.string("region"),
                        lat: lat, lon: lon, demand: f.number("demand") ?? 0, scores: scores, tags: f.strings("tags") ?? [])
        return id == nil ? nil : c
    }

    func post(_ f: Fields, countries: Set<String>) -> Post? {
        f.checkKeys(Self.postKeys)
        let id = f.identifier("id", required: true)
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
                    reading.unresolved(where_, "\(f.path("covers"))[\(i)]", "no country \"\(c)\"\(didYouMean(c, countries))")
                } else if !covers.contains(c) {
                    covers.append(c)
                }
            }
        }
        let p = Post(
            id: id ?? "", country: country ?? "", city: f.string("city"), kind: f.string("kind"),
            status: status ?? .existing,
            lat: f.number("lat", min: -90, max: 90), lon: f.number("lon", min: -180, max: 180),
            annualCost: f.number("annual_cost") ?? 0, closeCost: f.number("close_cost") ?? 0,
            openCost: f.number("open_cost") ?? 0, capacity: f.number("capacity") ?? 0,
            caseCost: f.number("case_cost"), covers: covers, reachKm: f.number("reach_km") ?? 0,
            group: f.string("group"), force: f.choice("force", Post.Force.self))
        return id == nil || country == nil || status == nil ? nil : p
    }

    func partner(_ f: Fields, countries: Set<String>) -> PartnerOffer? {
        f.checkKeys(Self.partnerKeys)
        let country = reference(f, "country", countries, what: "country", required: true)
        let by = f.string("by", required: true)
        let capacity = f.number("capacity", required: true)
        let p = PartnerOffer(country: country ?? "", by: by ?? "", capacity: capacity ?? 0,
                             fee: f.number("fee") ?? 0, presence: f.bool("presence") ?? true)
        return country == nil || by == nil || capacity == nil ? nil : p
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
        f.checkKeys(Self.ruleKeys)
        r.budget = f.number("budget")
        r.minCoverage = f.number("min_coverage", max: 1)
        r.maxClosures = f.number("max_closures", integer: true).map { Int($0) }
        r.maxOpenings = f.number("max_openings", integer: true).map { Int($0) }
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
                                  "count \(Int(n)) is more than the selector (\(sel)) can reach: \(reachable) \(key == "min_posts" ? "posts" : "countries")")
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
        for (i, p) in s.posts.enumerated() where p.reachKm > 0 || !p.covers.isEmpty {
            let node = i < postNodes.count ? postNodes[i] : top.map[("posts")] ?? .scalar("", at: top.map.location)
            if p.lat == nil, let home = byID[p.country], home.lat == nil {
                reading.error(node, "posts[\(i)]", "post \(p.id) serves other countries, so it needs lat/lon or its country \(p.country) needs them")
            }
            let needed = p.reachKm > 0 ? s.countries : p.covers.compactMap { byID[$0] }
            let missing = needed.filter { $0.lat == nil }.map(\.id)
            if !missing.isEmpty {
                reading.error(node, "posts[\(i)]", "post \(p.id) \(p.reachKm > 0 ? "has a reach" : "covers other countries"), so these countries need lat/lon: \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? ", …" : "")")
            }
        }
    }
}
