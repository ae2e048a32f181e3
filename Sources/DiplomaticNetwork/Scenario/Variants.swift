/// A named change to the scenario: `extends`, then `set`, then `scale`, then `mode`.
public struct VariantSpec: Sendable {
    public struct Change: Sendable {
        public var path: String
        public var location: SourceLocation
        public var value: DocNode
    }
    public struct Scaling: Sendable {
        public var path: String
        public var location: SourceLocation
        public var factor: Double
    }

    public var name: String
    public var description: String?
    public var extends: String?
    /// Where the `extends` value is written (nil when there is none).
    public var extendsLocation: SourceLocation?
    public var set: [Change] = []
    public var scale: [Scaling] = []
    public var mode: Scenario.Mode?
    public var location: SourceLocation
}

/// Applies `set` and `scale` paths to a scenario document.
///
/// Paths (`docs/scenario-format.md`, "Paths"): `countries.ID.KEY`,
/// `countries.ID.scores.K`, `posts.ID.KEY`, `criteria.ID.KEY`, `rules.KEY`,
/// `presence.KEY`, `costs.KEY`, the top-level scalars, and in version 2
/// `countries.ID.demand.S`, `countries.ID.interests.I`, `posts.ID.case_cost.S`,
/// `services.S.KEY`, `interests.I.KEY`, `rules.min_coverage.S`. `*` may stand
/// for any id (version 1: the id after `countries` and `posts`).
struct PathEditor {
    let reading: Reading

    static let listTables = ["countries", "posts"]
    static let topLevelScalars = ["name", "description", "currency", "horizon_years"]

    /// Where a path leads: the chain of mapping keys from the root, with list
    /// items picked by position.
    enum Step: Hashable { case key(String), item(table: String, index: Int) }

    /// A `scale` of an absent key whose default is another key's value
    /// (`services.S.case_cost` defaults to `costs.case_cost`): the factor
    /// applies to the default as it stands once the whole variant is applied.
    struct Deferred {
        var steps: [Step]
        var factor: Double
        /// Reads the default from the finished document.
        var resolve: (DocNode) -> Double
        var location: SourceLocation
    }

    /// The steps of a problem's key path (`countries[0].lon`, `criteria.geo.weight`),
    /// as `resolve` gives them for the same place; nil when a part is not of that form.
    static func steps(ofProblemPath path: String) -> [Step]? {
        var out: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "["), part.last == "]" {
                let table = String(part[..<open])
                guard let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) else { return nil }
                guard listTables.contains(table), out.isEmpty else { return nil }
                out.append(.item(table: table, index: index))
            } else {
                guard !part.isEmpty else { return nil }
                out.append(.key(String(part)))
            }
        }
        return out
    }

    /// The names a path part picks, or why it picks none.
    enum Pick { case success([String]), failure(String) }

    /// The keys of a mapping in the document (declaration order).
    static func keys(_ node: DocNode?) -> [String] { node?.mapping?.entries.map(\.key) ?? [] }

    /// The services a document declares (a file without `services` has `consular`).
    static func services(_ top: DocNode.Mapping) -> [String] {
        let declared = keys(top["services"])
        return declared.isEmpty ? [Service.implicit.id] : declared
    }

    /// Resolves a dotted path to every step list it names (several for `*`),
    /// or reports why it names nothing.
    /// Said after "no interest X" when no declared name is near: where a new one goes.
    static let declareInterest = "; a new interest is declared under interests: in the file (a label and its shares); a set or --set cannot add one"

    func resolve(_ path: String, in root: DocNode, at location: SourceLocation, label: String) -> [[Step]]? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ why: String) -> [[Step]]? {
            // Into a table that could not be read, only the table's own problem is reported.
            if let head = parts.first, reading.bag.unusableTables.contains(head) { return nil }
            reading.bag.error(location, label, "path \"\(path)\" names nothing: \(why)")
            return nil
        }
        guard let head = parts.first, !head.isEmpty, !parts.contains("") else { return fail("empty part") }
        guard let top = root.mapping else { return nil }
        let version = ScenarioDecoder.version(of: root)
        let v2 = version >= 2
        let criteria = Self.keys(top["criteria"])
        let services = Self.services(top)
        let interests = Self.keys(top["interests"])
        /// Names `part` picks among `names` (`*`: all, in order), or the reason it picks none.
        func pick(_ part: String, _ names: [String], _ what: String) -> Pick {
            if part == "*" { return names.isEmpty ? .failure("there are no \(what)s") : .success(names) }
            return names.contains(part) ? .success([part]) : .failure("no \(what) \"\(part)\"\(didYouMean(part, names))")
        }

        if Self.listTables.contains(head) {
            guard parts.count >= 3 else { return fail("expected \(head).ID.KEY") }
            let allowed = ScenarioDecoder.keys(head == "posts" ? .post : .country, version: version)
            let items = top[head]?.sequence?.items ?? []
            let ids = items.map { $0.mapping?["id"]?.scalar?.text ?? "" }
            let indices: [Int]
            if parts[1] == "*" {
                guard !items.isEmpty else { return fail("there are no \(head)") }
                indices = Array(items.indices)
            } else {
                guard let i = ids.firstIndex(of: parts[1]) else {
                    let hint = didYouMean(parts[1], ids)
                    // Without a near name, the ids themselves (as for partner offers): HAVANA for HAV.
                    return fail("no \(head == "posts" ? "post" : "country") with id \"\(parts[1])\"\(hint)"
                                + (hint.isEmpty && !ids.isEmpty ? "; \(head == "posts" ? "posts" : "countries") are: \(ids.prefix(12).joined(separator: ", "))\(ids.count > 12 ? ", …" : "")" : ""))
                }
                indices = [i]
            }
            let key = parts[2]
            guard key != "id", allowed.contains(key) else {
                // A CSV column name (score_economic, demand_visas) names a nested key.
                let forms = ScenarioDecoder.csvForms(head == "countries" ? .country : .post, version: v2 ? 2 : 1)
                if parts.count == 3, let form = forms.first(where: { key.hasPrefix($0.prefix) && key.count > $0.prefix.count }) {
                    let rest = String(key.dropFirst(form.prefix.count))
                    return fail("\"\(key)\" is not a key of \(head): \(form.prefix)<name> is the CSV column form; write \(head).\(parts[1]).\(form.key).\(rest)")
                }
                return fail("\"\(key)\" is not a key of \(head)\(didYouMean(key, allowed.filter { $0 != "id" }))")
            }
            // Keys holding a mapping by name: scores (criteria); version 2: demand, interests (countries), case_cost (posts).
            let nested: [String: (names: [String], what: String)] = head == "countries"
                ? ["scores": (criteria, "criterion")].merging(v2 ? ["demand": (services, "service"), "interests": (interests, "interest")] : [:]) { a, _ in a }
                : (v2 ? ["case_cost": (services, "service")] : [:])
            if key == "scores", !v2, parts.count != 4 { return fail("expected countries.ID.scores.CRITERION") }
            if parts.count == 4, let n = nested[key] {
                switch pick(parts[3], n.names, n.what) {
                case .failure(let why) where n.what == "interest" && parts[3] != "*" && didYouMean(parts[3], n.names).isEmpty:
                    // an analyst adding an argument of their own (the AU mission) tried a --set
                    return fail(why + Self.declareInterest)
                case .failure(let why): return fail(why)
                case .success(let names):
                    return indices.flatMap { i in names.map { [Step.item(table: head, index: i), Step.key(key), Step.key($0)] } }
                }
            }
            guard parts.count == 3 else { return fail("\"\(key)\" has no parts below it") }
            return indices.map { [Step.item(table: head, index: $0), Step.key(key)] }
        }
        // Mappings of named entries: criteria.K.KEY; version 2: services.S.KEY, interests.I.KEY.
        let named: [String: (names: [String], keys: [String], what: String)] = [
            "criteria": (criteria, ScenarioDecoder.criterionKeys, "criterion"),
        ].merging(v2 ? ["services": (services, ScenarioDecoder.serviceKeys, "service"),
                        "interests": (interests, ScenarioDecoder.interestKeys, "interest")] : [:]) { a, _ in a }
        if let n = named[head] {
            guard parts.count == 3 else { return fail("expected \(head).\(n.what.uppercased()).KEY") }
            guard n.keys.contains(parts[2]) else {
                return fail("\"\(parts[2])\" is not a key of \(n.what == "interest" ? "an" : "a") \(n.what)\(didYouMean(parts[2], n.keys)); keys are: \(n.keys.joined(separator: ", "))")
            }
            switch pick(parts[1], n.names, n.what) {
            case .failure(let why) where n.what == "interest" && parts[1] != "*" && didYouMean(parts[1], n.names).isEmpty:
                return fail(why + Self.declareInterest)
            case .failure(let why): return fail(why)
            case .success(let names): return names.map { [Step.key(head), Step.key($0), Step.key(parts[2])] }
            }
        }
        let sections: [String: [String]] = ["rules": ScenarioDecoder.keys(.rules, version: version),
                                            "presence": ScenarioDecoder.presenceKeys, "costs": ScenarioDecoder.costKeys]
        if let keys = sections[head] {
            guard parts.count >= 2 else { return fail("expected \(head).KEY") }
            guard keys.contains(parts[1]) else { return fail("\"\(parts[1])\" is not a key of \(head)\(didYouMean(parts[1], keys))") }
            if parts.count == 3, v2, head == "rules", parts[1] == "min_coverage" {
                if let mc = top["rules"]?.mapping?["min_coverage"], mc.scalar != nil, !mc.isNull {
                    return fail("rules.min_coverage is one share for every case together; it cannot be split into services (set rules.min_coverage to a mapping by service first)")
                }
                switch pick(parts[2], services, "service") {
                case .failure(let why): return fail(why)
                case .success(let names): return names.map { [Step.key("rules"), Step.key("min_coverage"), Step.key($0)] }
                }
            }
            guard parts.count == 2 else { return fail("expected \(head).KEY") }
            return [[.key(head), .key(parts[1])]]
        }
        if Self.topLevelScalars.contains(head) {
            guard parts.count == 1 else { return fail("\(head) has no parts below it") }
            return [[.key(head)]]
        }
        if head == "partners" {
            // Offers are named by their id, else COUNTRY:BY (see ScenarioDecoder.partnerIDs).
            guard parts.count >= 3 else { return fail("expected partners.ID.KEY (an offer's id, else COUNTRY:BY)") }
            let ids = ScenarioDecoder.partnerIDs(top["partners"])
            guard !ids.isEmpty else { return fail("there are no partner offers") }
            let indices: [Int]
            if parts[1] == "*" {
                guard !ids.isEmpty else { return fail("there are no partner offers") }
                indices = Array(ids.indices)
            } else {
                guard let i = ids.firstIndex(of: parts[1]) else { return fail("no partner offer \"\(parts[1])\"\(didYouMean(parts[1], ids)); offers are: \(ids.prefix(12).joined(separator: ", "))\(ids.count > 12 ? ", …" : "")") }
                indices = [i]
            }
            let allowed = ScenarioDecoder.keys(.partner, version: version).filter { $0 != "id" && $0 != "country" && $0 != "by" }
            guard allowed.contains(parts[2]) else { return fail("\"\(parts[2])\" is not a key of a partner offer that variants change\(didYouMean(parts[2], allowed)); keys are: \(allowed.joined(separator: ", "))") }
            if parts.count == 4, v2, parts[2] == "fee" {
                switch pick(parts[3], services, "service") {
                case .failure(let why): return fail(why)
                case .success(let names):
                    return indices.flatMap { i in names.map { [Step.item(table: "partners", index: i), Step.key("fee"), Step.key($0)] } }
                }
            }
            guard parts.count == 3 else { return fail("\"\(parts[2])\" has no parts below it") }
            return indices.map { [Step.item(table: "partners", index: $0), Step.key(parts[2])] }
        }
        let known = Self.listTables + ["partners"] + Array(named.keys) + Array(sections.keys) + Self.topLevelScalars
        return fail("\"\(head)\" is not a part of the scenario that variants change\(didYouMean(head, known))")
    }

    /// The current value at the steps, nil when absent.
    func value(at steps: [Step], in root: DocNode) -> DocNode? {
        var node: DocNode? = root
        for step in steps {
            switch step {
            case .key(let k): node = node?.mapping?[k]
            case .item(let table, let index): node = node?.mapping?[table]?.sequence?.items[index]
            }
        }
        return node
    }

    /// Sets (or, for a null value, removes) the value at the steps, creating
    /// mappings on the way.
    func set(_ value: DocNode?, at steps: [Step], in node: inout DocNode, keyLocation: SourceLocation) {
        guard let step = steps.first else {
            if let value { node = value }
            return
        }
        let rest = Array(steps.dropFirst())
        switch step {
        case .item(let table, let index):
            guard var map = node.mapping, var seq = map[table]?.sequence else { return }
            set(value, at: rest, in: &seq.items[index], keyLocation: keyLocation)
            map.set(table, .sequence(seq), keyLocation: keyLocation)
            node = .mapping(map)
        case .key(let k):
            var map = node.mapping ?? DocNode.Mapping(entries: [], location: keyLocation)
            if rest.isEmpty {
                if let value, !value.isNull { map.set(k, value, keyLocation: keyLocation) } else { map.remove(k) }
            } else {
                var child = map[k] ?? .mapping(.init(entries: [], location: keyLocation))
                if child.mapping == nil { child = .mapping(.init(entries: [], location: keyLocation)) }
                set(value, at: rest, in: &child, keyLocation: keyLocation)
                map.set(k, child, keyLocation: keyLocation)
            }
            node = .mapping(map)
        }
    }

    /// A path into `demand.S`, `case_cost.S` or a partner's `fee.S` first
    /// expands a plain number into a mapping: the one service's demand, every
    /// service's cost or fee.
    func expandPlainNumber(at steps: [Step], in root: inout DocNode, location: SourceLocation) {
        guard steps.count == 3, case .key(let key) = steps[1], key == "demand" || key == "case_cost" || key == "fee",
              let node = value(at: Array(steps.prefix(2)), in: root), let scalar = node.scalar, !scalar.isNull,
              let top = root.mapping else { return }
        let services = Self.services(top)
        let names = key == "demand" ? Array(services.prefix(1)) : services
        let mapping = DocNode.mapping(.init(entries: names.map { .init(key: $0, keyLocation: scalar.location, value: .scalar(scalar)) },
                                            location: scalar.location))
        set(mapping, at: Array(steps.prefix(2)), in: &root, keyLocation: location)
    }

    /// Default of a number that may be absent, for `scale`: `.now` for a
    /// constant default, `.later` for a default read from another key once the
    /// variant is applied, nil when it has none (an absent rule).
    enum Default { case now(Double), later((DocNode) -> Double), notANumber }

    /// Keys whose value is a number that defaults to 0 (model.md, scenario-format.md):
    /// only these are written as 0 times the factor when `scale` finds them absent.
    static let numberKeys: Set<String> = ["accredited", "represented", "annual_cost", "capacity", "case_cost", "close_cost",
                                          "open_cost", "diplomats", "fee", "fee_income", "reach_km", "demand",
                                          "remote_case_cost_per_1000km", "unserved_case_penalty", "unserved_penalty"]
    /// Mappings by name whose values are numbers (a country's scores, interests and demand,
    /// a post's case costs, a partner's fees).
    static let numberMappings: Set<String> = ["scores", "interests", "demand", "case_cost", "fee"]

    static func defaultValue(of steps: [Step], version: Int) -> Default? {
        func number(_ root: DocNode, _ section: String, _ key: String) -> Double {
            root.mapping?[section]?.mapping?[key]?.scalar.flatMap { Reading.parseNumber($0.text) } ?? 0
        }
        guard case .key(let last)? = steps.last else { return nil }
        let onItem: Bool = { if case .item? = steps.first { return true } else { return false } }()
        // Version 2 keys whose defaults are other keys' values.
        if version >= 2, steps.count == 3, case .key(let head) = steps[0], case .key(let name) = steps[1] {
            switch (head, last) {
            case ("services", "case_cost"): return .later { number($0, "costs", "case_cost") }
            case ("services", "unserved_penalty"): return .later { number($0, "costs", "unserved_case_penalty") }
            case ("services", "workload"): return .now(1)
            case ("interests", "accredited"), ("interests", "represented"): return .later { number($0, "presence", last) }
            default: _ = name
            }
        }
        if version >= 2, onItem, steps.count == 3, case .key("case_cost") = steps[1] {
            // posts.P.case_cost.S: the service's cost.
            return .later { root in Self.serviceCaseCost(root, last) }
        }
        switch last {
        case "budget", "min_coverage", "max_closures", "max_openings", "max_diplomats", "lat", "lon", "weight": return nil
        case "case_cost" where onItem: return nil
        case "horizon_years": return .now(1)
        default:
            if steps.count == 3 && !onItem && steps.first == .key("rules") { return nil }
            if numberKeys.contains(last) { return .now(0) }
            if onItem, steps.count == 3, case .key(let mapping) = steps[1], numberMappings.contains(mapping) { return .now(0) }
            // A text, a list or a flag (a post's group, the currency, a country's tags):
            // scaling it once wrote "0.0" there (two posts put into one group "0.0").
            return .notANumber
        }
    }

    /// `g_s` as a finished document gives it: the service's `case_cost`, else `costs.case_cost`.
    static func serviceCaseCost(_ root: DocNode, _ service: String) -> Double {
        let top = root.mapping
        if let v = top?["services"]?.mapping?[service]?.mapping?["case_cost"]?.scalar.flatMap({ Reading.parseNumber($0.text) }) { return v }
        return top?["costs"]?.mapping?["case_cost"]?.scalar.flatMap { Reading.parseNumber($0.text) } ?? 0
    }

    /// Applies one variant's `set` and `scale`; scalings of keys whose default
    /// is another key's value wait in `deferred` (see `finish`).
    func apply(_ variant: VariantSpec, to root: inout DocNode, deferred: inout [Deferred]) {
        let version = ScenarioDecoder.version(of: root)
        for change in variant.set {
            let label = variant.name == "--set" ? "--set \(change.path)" : "variants.\(variant.name).set.\(change.path)"
            // Entries of one `set` apply in the order written, `*` against the document as the earlier ones left it.
            guard let all = resolve(change.path, in: root, at: change.location, label: label) else { continue }
            if variant.name != "--set", change.location.file != ScenarioFile.commandLine {
                change.value.forEachLocation { reading.bag.changeValuePaths[$0] = ("variants.\(variant.name).set.", change.path) }
            }
            for steps in all {
                expandPlainNumber(at: steps, in: &root, location: change.location)
                set(change.value, at: steps, in: &root, keyLocation: change.location)
                // A set replaces what an earlier scale of the absent key (or of the
                // keys below it: posts.P.case_cost.S under posts.P.case_cost) waited for.
                deferred.removeAll { $0.steps.starts(with: steps) }
            }
        }
        for s in variant.scale {
            let label = "variants.\(variant.name).scale.\(s.path)"
            guard let all = resolve(s.path, in: root, at: s.location, label: label) else { continue }
            for steps in all {
                expandPlainNumber(at: steps, in: &root, location: s.location)
                if let i = deferred.firstIndex(where: { $0.steps == steps }) { deferred[i].factor *= s.factor; continue }
                if let node = value(at: steps, in: root), !node.isNull {
                    if let m = node.mapping, version >= 2 {
                        scaleMapping(m, at: steps, by: s.factor, in: &root, deferred: &deferred, location: s.location, label: label)
                        continue
                    }
                    guard let v = node.scalar.flatMap({ Reading.parseNumber($0.text) }) else {
                        reading.bag.error(s.location, label, "cannot scale \(node.kindDescription) at \(node.location): not a number")
                        continue
                    }
                    set(.scalar(String(v * s.factor), at: s.location), at: steps, in: &root, keyLocation: s.location)
                    continue
                }
                // An absent posts.P.case_cost (version 2): every service's cost at P, read after the variant.
                if version >= 2, steps.count == 2, case .item(let table, _)? = steps.first, table == "posts", steps[1] == .key("case_cost"),
                   let top = root.mapping {
                    for service in Self.services(top) {
                        Self.wait(&deferred, Deferred(steps: steps + [.key(service)], factor: s.factor,
                                                      resolve: { Self.serviceCaseCost($0, service) }, location: s.location))
                    }
                    continue
                }
                // An absent posts.P.case_cost (version 1): costs.case_cost, read after the
                // variant as in version 2 (a version 2 file without services reads the same).
                if version < 2, steps.count == 2, case .item(table: "posts", _)? = steps.first, steps[1] == .key("case_cost") {
                    Self.wait(&deferred, Deferred(steps: steps, factor: s.factor,
                                                  resolve: { Self.serviceCaseCost($0, Service.implicit.id) }, location: s.location))
                    continue
                }
                // An absent mapping by name (a country's demand, scores or interests) is 0
                // for every name, and so is every multiple of it: nothing to write. (Writing
                // a plain 0 there made a file with several services invalid.)
                if steps.count == 2, case .item(table: "countries", _)? = steps.first, case .key(let key) = steps[1],
                   ["demand", "scores", "interests"].contains(key) {
                    continue
                }
                switch Self.defaultValue(of: steps, version: version) {
                case .now(let d)?:
                    set(.scalar(String(d * s.factor), at: s.location), at: steps, in: &root, keyLocation: s.location)
                case .later(let resolve)?:
                    Self.wait(&deferred, Deferred(steps: steps, factor: s.factor, resolve: resolve, location: s.location))
                case nil:
                    reading.bag.error(s.location, label, "\(s.path) is not set, so there is nothing to scale")
                case .notANumber?:
                    reading.bag.error(s.location, label, "cannot scale \(s.path): it is not a number (scale multiplies numbers; give a text, list or flag with set)")
                }
            }
        }
    }

    /// `scale` of a mapping by name (demand, interests, scores, case_cost,
    /// min_coverage) multiplies every value; a post's case_cost also scales the
    /// services it leaves to their default (read after the variant).
    func scaleMapping(_ m: DocNode.Mapping, at steps: [Step], by factor: Double, in root: inout DocNode,
                      deferred: inout [Deferred], location: SourceLocation, label: String) {
        for e in m.entries where !e.value.isNull {
            guard let v = e.value.scalar.flatMap({ Reading.parseNumber($0.text) }) else {
                reading.bag.error(location, label, "cannot scale \(e.value.kindDescription) at \(e.value.location): not a number")
                continue
            }
            set(.scalar(String(v * factor), at: location), at: steps + [.key(e.key)], in: &root, keyLocation: location)
        }
        if case .item(let table, _)? = steps.first, table == "posts", steps.last == .key("case_cost"), let top = root.mapping {
            let given = Set(m.entries.map(\.key))
            for service in Self.services(top) where !given.contains(service) {
                Self.wait(&deferred, Deferred(steps: steps + [.key(service)], factor: factor,
                                              resolve: { Self.serviceCaseCost($0, service) }, location: location))
            }
        }
    }

    /// Adds a scaling that waits for the whole variant; a key that already waits
    /// (scaled before, in this variant or one it extends) takes the product of
    /// the factors, as two scalings of a present number do.
    static func wait(_ deferred: inout [Deferred], _ d: Deferred) {
        if let i = deferred.firstIndex(where: { $0.steps == d.steps }) { deferred[i].factor *= d.factor }
        else { deferred.append(d) }
    }

    /// Applies the scalings that waited for the whole variant: each factor
    /// times its default as the finished document gives it. Two rounds, because
    /// a default can itself wait: `posts.P.case_cost.S` defaults to `g_s`, which a
    /// scaling of an absent `services.S.case_cost` in the same variant changes
    /// (scenario-format.md, version 2 readings: "a key the file leaves out takes its
    /// default after the variant's other changes"). The services' and interests'
    /// defaults (read from `costs` and `presence`) come first, the posts' after them.
    ///
    /// - Returns: what each written number derives from, for
    ///   `Scenario.derivedDefaults` (sweeps and draws that change a source).
    @discardableResult
    func finish(_ deferred: [Deferred], on root: inout DocNode) -> [Scenario.DerivedDefault] {
        func readsServiceDefault(_ d: Deferred) -> Bool {
            if case .item(table: "posts", _)? = d.steps.first { return true } else { return false }
        }
        for postsRound in [false, true] {
            let finished = root
            for d in deferred where readsServiceDefault(d) == postsRound {
                set(.scalar(String(d.resolve(finished) * d.factor), at: d.location), at: d.steps, in: &root, keyLocation: d.location)
            }
        }
        return deferred.compactMap { d -> Scenario.DerivedDefault? in
            switch (d.steps.first, d.steps.count == 3 ? d.steps[1] : nil, d.steps.last) {
            case (.key("services")?, .key(let service)?, .key("case_cost")?):
                return .init(target: .serviceCaseCost(service: service), factor: d.factor)
            case (.key("services")?, .key(let service)?, .key("unserved_penalty")?):
                return .init(target: .serviceUnservedPenalty(service: service), factor: d.factor)
            case (.key("interests")?, .key(let interest)?, .key(let share)?) where share == "accredited" || share == "represented":
                return .init(target: .interestShare(interest: interest, accredited: share == "accredited"), factor: d.factor)
            case (.item(table: "posts", _)?, .key("case_cost")?, .key(let service)?):
                guard let id = value(at: [d.steps[0], .key("id")], in: root)?.scalar?.text else { return nil }
                return .init(target: .postCaseCost(post: id, service: service), factor: d.factor)
            case (.item(table: "posts", _)?, nil, .key("case_cost")?) where d.steps.count == 2:
                // Version 1: the post's one cost, of the implicit service.
                guard let id = value(at: [d.steps[0], .key("id")], in: root)?.scalar?.text else { return nil }
                return .init(target: .postCaseCost(post: id, service: Service.implicit.id), factor: d.factor)
            default:
                return nil
            }
        }
    }

    /// Applies one variant (without its `extends`) completely.
    func apply(_ variant: VariantSpec, to root: inout DocNode) {
        var deferred: [Deferred] = []
        apply(variant, to: &root, deferred: &deferred)
        finish(deferred, on: &root)
    }
}
