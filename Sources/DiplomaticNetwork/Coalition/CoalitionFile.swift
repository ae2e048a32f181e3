import Foundation

/// Several states planning their networks together (docs/coalition-format.md):
/// each state is a single-state scenario over the shared host countries;
/// agreements let one state's posts handle another's cases for a fee.
public struct CoalitionFile: Sendable {
    public struct State: Sendable {
        public var id: String
        public var name: String
        /// The state's own network as a single-state scenario (no coalition links).
        public var scenario: Scenario
        /// Posts that may open only with another state's post (co-location): post index → (state id, post id).
        public var requires: [Int: (state: String, post: String)]
    }
    public struct Agreement: Sendable, Hashable {
        public var provider: String
        public var client: String
        /// Services it covers (version 2); nil: every service. An EU-wide
        /// consular-protection agreement covers `assistance` only.
        public var services: [String]? = nil
        /// Paid by the client to the provider per case.
        public var fee: Double
        /// The provider's posts may also serve the client's citizens in the countries they cover.
        public var abroad: Bool
        /// The provider's open post counts as represented presence for the client.
        public var presence: Bool
    }

    /// A coalition variant (docs/coalition-format.md, "Variants"): what it changes of the base file.
    public struct Variant: Sendable {
        public var name: String
        public var description: String?
        /// Replaces the file's agreements when given (an empty list: no agreement).
        public var agreements: [Agreement]? = nil
        /// Post decisions fixed in the standalone and the joint plans: (state, post, decision).
        public var forces: [(state: String, post: String, decision: Post.Force)] = []
    }

    public let path: String
    public let name: String
    public let currency: String
    public let states: [State]
    public let agreements: [Agreement]
    /// Named changes a run may apply (`--variant`): another list of agreements, post decisions fixed.
    public var variants: [Variant] = []
    /// SHA-256 of what was read (see `ContentHash`: checkable with `sha256sum`).
    public var contentHash: String { content.hex }
    /// The files read and their digests.
    public let content: ContentHash
    /// The files this one was read from: itself and every CSV table it reads (paths
    /// as the file gives them, joined to its folder). Exports refuse to overwrite them.
    public var inputFiles: [String] { content.paths(readFor: path) }
    /// What is legal but almost surely unintended (e.g. `30.000` as an amount).
    public var warnings: [Diagnostic] = []
    /// Where the file's `variants:` key stands (nil without one): a variant name
    /// mistyped on the command line is reported there.
    public var variantsLocation: SourceLocation? = nil

    public static let topLevelKeys = ["dipnet", "name", "description", "currency", "horizon_years", "criteria", "presence",
                                      "costs", "countries", "states", "agreements", "services", "interests", "variants", "expect",
                                      "uncertainty"]

    /// The file's `uncertainty:` section (`dipnet coalition FILE --simulate`): parameters
    /// keyed `STATE:PATH`, shocks on host countries (every state's demand there), draws,
    /// seed and the variants to simulate; nil without one. Copies made by `applying`,
    /// `forcing` and `setting` keep it.
    public var uncertainty: UncertaintySpec? = nil

    /// What `dipnet test` checks for one variant of a coalition (`expect:`): the joint
    /// solve's status, totals (money a year) and the joint decisions of named posts.
    public struct Expectation: Sendable {
        public enum Figure: String, Sendable, CaseIterable {
            case jointTotal = "joint_total", standaloneTotal = "standalone_total", surplus
        }
        public enum Check: Sendable {
            case status(String, SourceLocation)
            /// `tolerance` nil: exact to 1e-6 relative (with an absolute floor of 1e-6).
            case number(Figure, Double, tolerance: Double?, SourceLocation)
            /// STATE:POST ids open (`open: true`) or not open in the joint plan.
            case joint(open: Bool, [String], SourceLocation)
        }
        public var variant: String
        public var checks: [Check]
        public var location: SourceLocation
        public static var keys: [String] { ["status"] + Figure.allCases.map(\.rawValue) + ["open", "closed"] }
    }
    /// The file's `expect:` block, in file order.
    public var expectations: [Expectation] = []
    static let stateKeys = ["name", "weights", "demand", "posts", "partners", "rules"]

    public func state(_ id: String) -> State? { states.first { $0.id == id } }

    /// Whether a `*:PATH` reaches a state: the path names a value in its scenario
    /// (`rules.max_diplomats` parses in every scenario, but a state without the rule must not
    /// gain one; a wildcard path names the items it has).
    static func holds(_ text: String, in s: Scenario) -> Bool {
        guard let p = try? ParameterPath(text, in: s) else { return false }
        return p.isWildcard || p.value(in: s) != nil
    }

    /// The states a `STATE:PATH` names, by index: that state, or for `*` (one value for
    /// every state, e.g. `*:services.visas.unserved_penalty`) each state whose scenario the
    /// path names something in, in file order. Empty for an unknown state, or a `*` path
    /// no state has.
    public func stateIndices(_ state: String?, path text: String) -> [Int] {
        if state == "*" { return states.indices.filter { Self.holds(text, in: states[$0].scenario) } }
        return states.indices.filter { states[$0].id == state }
    }

    /// The same coalition with one post's decision fixed (for what-if runs).
    /// - Throws: `ParameterError` for an unknown state or post, a co-located
    ///   post (one that `requires` another state's post) forced open (the
    ///   standalone plan, which must hold the same decision, has no host for it),
    ///   or a post forced open beside another of its `group` already forced open.
    public func forcing(state: String, post: String, _ decision: Post.Force) throws(ParameterError) -> CoalitionFile {
        guard let k = states.firstIndex(where: { $0.id == state }) else {
            throw ParameterError("no state \"\(state)\"\(didYouMean(state, states.map(\.id)))")
        }
        guard let p = states[k].scenario.posts.firstIndex(where: { $0.id == post }) else {
            throw ParameterError("\(state) has no post \"\(post)\"\(didYouMeanOrList(post, states[k].scenario.posts.map(\.id), noun: "posts"))")
        }
        if decision == .open, let target = states[k].requires[p] {
            let link = "\(target.state):\(target.post)"
            // A target that itself requires a post cannot be forced open either.
            let advice = requiresTarget(of: link, in: states).map {
                "force it closed, or leave it free (\(link) itself requires \($0), so it cannot be forced open either)"
            } ?? "force it closed, or open \(link) and leave \(post) free"
            throw ParameterError("\(state):\(post) requires \(link), which \(state) alone does not have: "
                                 + "forced decisions hold in the standalone plans too; " + advice)
        }
        let post = states[k].scenario.posts[p]
        if decision == .open, let g = post.group,
           let other = states[k].scenario.posts.first(where: { $0.id != post.id && $0.group == g && $0.force == .open }) {
            throw ParameterError("\(state):\(post.id) and \(state):\(other.id) are alternatives (group \(g)), and \(other.id) is already forced open: "
                                 + "at most one post of a group can be open")
        }
        // A requirement among the state's own posts (`requires: [Q]`), as a scenario refuses it:
        // a post forced open that requires one forced closed has no plan, alone or jointly.
        let own = states[k].scenario.posts
        if decision == .open, let closed = post.requires.first(where: { q in own.contains { $0.id == q && $0.force == .closed } }) {
            throw ParameterError("\(state):\(post.id) requires \(state):\(closed), which is forced closed: no plan can hold both; "
                                 + "force \(closed) open, or \(post.id) closed")
        }
        if decision == .closed, let needing = own.first(where: { $0.force == .open && $0.requires.contains(post.id) }) {
            throw ParameterError("\(state):\(needing.id) is forced open and requires \(state):\(post.id): no plan can hold both; "
                                 + "force \(needing.id) closed too, or leave \(post.id) open")
        }
        var copy = states
        copy[k].scenario.posts[p].force = decision
        return with(states: copy)
    }

    /// What the `uncertainty:` section's draws cannot take with the states' values as
    /// they are now (after `--set`): the reading checked them against the file's.
    public var uncertaintyProblems: [String] {
        guard let spec = uncertainty else { return [] }
        return spec.ranges.flatMap { p in
            stateIndices(p.state, path: p.path.text).compactMap { k -> String? in
                let st = states[k]
                if p.relative, !p.path.isWildcard, p.path.value(in: st.scenario) == nil {
                    return "uncertainty \(p.label): relative: true multiplies \(st.id)'s value, and it has none"
                }
                return ScenarioFile.rangeProblem(p.distribution, of: p.path, relative: p.relative, base: st.scenario)
                    .map { "uncertainty \(p.label)\(p.state == "*" ? " (\(st.id))" : ""): \($0)" }
            }
        }
    }

    /// A copy with other states, name or agreements; everything else (variants,
    /// uncertainty, where `variants:` stands) kept.
    func with(states: [State]? = nil, name: String? = nil, agreements: [Agreement]? = nil) -> CoalitionFile {
        var c = CoalitionFile(path: path, name: name ?? self.name, currency: currency, states: states ?? self.states,
                              agreements: agreements ?? self.agreements, variants: variants, content: content, warnings: warnings)
        c.variantsLocation = variantsLocation
        c.uncertainty = uncertainty
        return c
    }

    /// The coalition with one number of one state's scenario changed (`--set
    /// STATE:PATH=VALUE`): any numeric path `dipnet sweep --param` takes
    /// (`posts.HAV.annual_cost`, `countries.CUB.demand.visas`, `presence.accredited`, …),
    /// `*` standing for any id. The standalone and the joint plans both see it.
    /// - Throws: `ParameterError` for an unknown state, a path that names nothing in
    ///   its scenario, or a value the path cannot take.
    public func setting(state: String, path text: String, to value: Double) throws(ParameterError) -> CoalitionFile {
        if state == "*" {
            // One value for every state that has the path.
            let ks = stateIndices("*", path: text)
            guard !ks.isEmpty else {
                _ = try ParameterPath(text, in: states[0].scenario)   // the first state's error names what is wrong
                throw ParameterError("*:\(text): no state's scenario has this path")
            }
            var copy = states
            for k in ks {
                let path = try ParameterPath(text, in: copy[k].scenario)
                try path.requireMeaningful(value)
                try path.set(&copy[k].scenario, to: value)
            }
            return with(states: copy)
        }
        guard let k = states.firstIndex(where: { $0.id == state }) else {
            throw ParameterError("no state \"\(state)\"\(didYouMean(state, states.map(\.id))) (or * for every state)")
        }
        var copy = states
        let path = try ParameterPath(text, in: copy[k].scenario)
        // As a scenario's --set: a number too small to mean anything (1e-320) is refused, not
        // given to GLPK (a horizon of 1e-320 years makes an infinite coefficient).
        try path.requireMeaningful(value)
        try path.set(&copy[k].scenario, to: value)
        return with(states: copy)
    }

    /// The coalition as variant `name` describes it: its agreements (if it lists any) and its
    /// fixed decisions; the name gains " — variant NAME". `base` is the file as written.
    /// - Throws: `ParameterError` when the file has no such variant.
    public func applying(variant name: String) throws(ParameterError) -> CoalitionFile {
        if name == "base" { return self }
        guard let v = variants.first(where: { $0.name == name }) else {
            let known = ["base"] + variants.map(\.name)
            throw ParameterError("no variant \"\(name)\"\(didYouMean(name, known)); variants are: \(known.joined(separator: ", "))"
                                 + (name.contains("+") ? " (coalition variants cannot be combined with '+')" : ""))
        }
        var c = with(name: "\(self.name) — variant \(name)", agreements: v.agreements ?? agreements)
        for f in v.forces { c = try c.forcing(state: f.state, post: f.post, f.decision) }
        return c
    }

    public static func load(_ path: String) throws(ScenarioError) -> CoalitionFile {
        let bag = DiagnosticBag()
        let reading = Reading(bag: bag)
        guard let text = ScenarioFile.readText(path, at: nil, bag: bag),
              let root = YAMLReader.read(text, file: path, diagnostics: bag),
              let top = reading.mapping(root, "", expected: "a coalition mapping starting with `dipnet: 1`") else {
            throw bag.failure
        }
        // Without a version it can be read as, every state would repeat that one problem.
        let given = top.node("dipnet")
        guard let given, ["1", "2"].contains(given.scalar?.text ?? "") else {
            bag.error(given?.location ?? top.map.location, "dipnet",
                      given == nil ? "missing key \"dipnet\": a coalition file starts with `dipnet: 1` or `dipnet: 2` (its format version)"
                                   : "format version \(given!.scalar?.text ?? given!.kindDescription) is not supported; this dipnet reads versions 1 and 2")
            throw bag.failure
        }
        let version = ScenarioDecoder.version(of: root)
        top.checkKeys(version >= 2 ? topLevelKeys : topLevelKeys.filter { $0 != "services" && $0 != "interests" })
        var hash = ContentHash()
        hash.add(file: (path as NSString).lastPathComponent, bytes: Data(text.utf8))
        let dir = (path as NSString).deletingLastPathComponent
        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let coalitionName = top.string("name") ?? fileName
        // Host countries, shared.
        // `services` and `interests` come along so that the table's columns are read as
        // in a scenario file (demand_visas is the visas demand, not an unknown service).
        var hostDoc: DocNode = .mapping(.init(entries: top.map.entries.filter { ["dipnet", "countries", "criteria", "services", "interests"].contains($0.key) },
                                              location: top.map.location))
        CSVTables.inline(&hostDoc, directory: dir, reading: reading, hash: &hash, demandElsewhere: true)
        let hosts = hostDoc.mapping?["countries"]?.sequence?.items ?? []
        var hostIDs: [String: Int] = [:]
        let hostKeys = ["id", "name", "region", "lat", "lon", "tags"]
        // A key the hosts may not have is reported once, at its first row, with how many
        // rows give it: a demand column would otherwise give one error per host.
        var misplaced: [(key: String, row: Int, location: SourceLocation, count: Int)] = []
        for (i, h) in hosts.enumerated() {
            // A host without an id would be left out of every state silently.
            guard let hm = h.mapping else {
                bag.error(h.location, "countries[\(i)]", "expected a host country {id, name, region, lat, lon, tags}, found \(h.kindDescription)")
                continue
            }
            if hm["id"]?.scalar?.text.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                bag.error(h.location, "countries[\(i)]", "missing key \"id\": every host country needs one")
            }
            for entry in hm.entries where !hostKeys.contains(entry.key) {
                if let k = misplaced.firstIndex(where: { $0.key == entry.key }) { misplaced[k].count += 1 }
                else { misplaced.append((entry.key, i, entry.keyLocation, 1)) }
            }
            if let id = hm["id"]?.scalar?.text { hostIDs[id] = i }
        }
        for m in misplaced {
            let more = m.count > 1 ? " (\(m.count) rows give it)" : ""
            if TableLayout.isStateOwned(m.key) {
                bag.error(m.location, "countries[\(m.row)].\(m.key)",
                          "a host's demand, scores and interests are each state's own: give \(m.key) in the states' demand tables (states.STATE.demand), not in the shared countries\(more)")
            } else {
                bag.error(m.location, "countries[\(m.row)].\(m.key)",
                          "unknown key \"\(m.key)\"\(didYouMean(m.key, hostKeys)); expected one of: \(hostKeys.joined(separator: ", "))\(more)")
            }
        }
        if hosts.isEmpty, top.node("countries") != nil || !bag.isEmpty {
            // reported below by the decoder (missing or empty table)
        }
        var states: [State] = []
        var postsByState: [String: Set<String>] = [:]
        // `post`: the post's row in the state's list; `id` resolves it in the decoded
        // scenario, which drops posts it cannot read (a country table that could not be
        // read drops them all: the row had read past the end, a crash).
        var pendingRequires: [(state: String, post: Int, id: String?, target: String, location: SourceLocation, path: String)] = []
        if let sn = top.requireNode("states", "a mapping of state id: {name, demand, posts, …}"),
           let sf = reading.mapping(sn, "states", expected: "a mapping of state id: {name, demand, posts, …}") {
            let members = Set(sf.map.entries.map(\.key))
            for e in sf.map.entries {
                let sp = "states.\(e.key)"
                if e.key.contains(":") || e.key.contains("=") {
                    // Its contents are still read, so that their problems come too.
                    bag.error(e.keyLocation, sp, "a state id cannot contain ':' or '=' (they separate STATE:POST=open|closed in requires and --force)")
                }
                guard reading.identifier(.scalar(e.key, at: e.keyLocation), sp) != nil,
                      let stf = reading.mapping(e.value, sp, expected: "{name, demand, posts, partners, weights, rules}") else { continue }
                stf.checkKeys(stateKeys)
                bag.variant = "state \(e.key)"
                let mark = bag.mark
                // Build the state's single-state document: shared sections, its weights,
                // its demand merged into the host countries, its posts, partners and rules.
                var entries: [DocNode.Entry] = top.map.entries.filter { ["dipnet", "currency", "horizon_years", "presence", "costs", "services", "interests"].contains($0.key) }
                entries.append(.init(key: "name", keyLocation: e.keyLocation,
                                     value: .scalar("\(coalitionName) — \(stf.string("name") ?? e.key)", at: e.keyLocation)))
                if var criteria = top.map["criteria"]?.mapping {
                    if let wn = stf.node("weights"), let wf = reading.mapping(wn, stf.path("weights"), expected: "a mapping of criterion: weight") {
                        for w in wf.map.entries {
                            guard var c = criteria[w.key]?.mapping else {
                                bag.error(w.keyLocation, wf.path(w.key), "no criterion \"\(w.key)\"\(didYouMean(w.key, criteria.entries.map(\.key)))")
                                continue
                            }
                            c.set("weight", w.value, keyLocation: w.keyLocation)
                            criteria.set(w.key, .mapping(c), keyLocation: w.keyLocation)
                        }
                    }
                    entries.append(.init(key: "criteria", keyLocation: top.map.entry("criteria")!.keyLocation, value: .mapping(criteria)))
                }
                var stateDoc: DocNode = .mapping(.init(entries: entries + stf.map.entries.filter { ["posts", "partners", "demand", "rules"].contains($0.key) },
                                                       location: e.keyLocation))
                CSVTables.inline(&stateDoc, directory: dir, reading: reading, hash: &hash, coalition: true)
                guard var sm = stateDoc.mapping else { continue }
                // Countries: the hosts, each with this state's demand and scores.
                // A row that is not merged into a host (unknown or repeated country) is
                // never decoded: its numbers are checked here, so that every problem
                // of the table is reported at once.
                func checkCells(_ rm: DocNode.Mapping, _ path: String) {
                    // The names a row's mappings may use, as the decoder would check them.
                    let names: [String: (what: String, ids: [String])] = [
                        "demand": ("service", top.map["services"]?.mapping?.entries.map(\.key) ?? [Service.implicit.id]),
                        "scores": ("criterion", top.map["criteria"]?.mapping?.entries.map(\.key) ?? []),
                        "interests": ("interest", top.map["interests"]?.mapping?.entries.map(\.key) ?? []),
                    ]
                    for key in ["demand", "scores", "interests"] {
                        guard let n = rm[key], !n.isNull else { continue }
                        if let m = n.mapping {
                            for e in m.entries {
                                _ = reading.number(e.value, "\(path).\(key).\(e.key)")
                                if let known = names[key], !known.ids.contains(e.key) {
                                    bag.error(e.keyLocation, "\(path).\(key).\(e.key)", "no \(known.what) \"\(e.key)\"\(didYouMean(e.key, known.ids))")
                                }
                            }
                        } else if key == "demand" {
                            _ = reading.number(n, "\(path).demand")
                        } else {
                            reading.error(n, "\(path).\(key)", "expected a mapping of numbers, found \(n.kindDescription)")
                        }
                    }
                }
                var rowsByCountry: [String: DocNode.Mapping] = [:]
                var demandRow: [String: Int] = [:]
                var withoutCountry: [(row: Int, node: DocNode)] = []
                for (i, row) in (sm["demand"]?.sequence?.items ?? []).enumerated() {
                    guard let rm = row.mapping else {
                        reading.error(row, "demand[\(i)]", "expected {country, demand, scores}, found \(row.kindDescription)")
                        continue
                    }
                    // A row's keys are its own: host keys (name, lat, …) belong to `countries`.
                    Fields(map: rm, path: "demand[\(i)]", reading: reading).checkKeys(["country", "demand", "scores", "interests"],
                                                                                        csvForms: ScenarioDecoder.csvForms(.country, version: version))
                    guard let cn = rm["country"], let c = cn.scalar?.text, !cn.isNull, !c.isEmpty else {
                        withoutCountry.append((i, rm["country"] ?? row))
                        continue
                    }
                    if hostIDs[c] == nil {
                        // When the host table or its row could not be used, its problem is the one to report.
                        reading.unresolved(rm["country"]!, "demand[\(i)].country", "no host country \"\(c)\"\(didYouMean(c, hostIDs.keys))")
                        checkCells(rm, "demand[\(i)]")
                    } else if rowsByCountry[c] != nil {
                        let first = demandRow[c].map { " (first in demand[\($0)])" } ?? ""
                        reading.error(rm["country"]!, "demand[\(i)].country", "demand for \(c) is given again\(first)")
                        checkCells(rm, "demand[\(i)]")
                    } else {
                        rowsByCountry[c] = rm
                        demandRow[c] = i
                    }
                }
                if let first = withoutCountry.first {
                    // Dropped silently, such rows would give the state no demand there.
                    reading.error(first.node, "demand[\(first.row)].country",
                                  "expected the host country this row is for"
                                  + (withoutCountry.count > 1 ? "; \(withoutCountry.count) rows of this table have none" : ""))
                }
                if sm["demand"] == nil { bag.error(e.keyLocation, sp, "missing key \"demand\": expected {csv: FILE} or a list of {country, demand, scores}") }
                var countryIDs: [String] = []
                var hostRows: [Int] = []  // the host row of each of the state's countries
                let countries: [DocNode] = hosts.enumerated().compactMap { row, h in
                    guard var hm = h.mapping, let id = hm["id"]?.scalar?.text else { return nil }
                    hostRows.append(row)
                    // Keys a host may not have were reported once above, not once per state.
                    for entry in hm.entries where !hostKeys.contains(entry.key) { hm.remove(entry.key) }
                    countryIDs.append(id)
                    if let d = rowsByCountry[id] {
                        for entry in d.entries where entry.key != "country" { hm.set(entry.key, entry.value, keyLocation: entry.keyLocation) }
                    }
                    return .mapping(hm)
                }
                sm.remove("demand")
                sm.set("countries", .sequence(.init(items: countries, location: e.keyLocation)), keyLocation: e.keyLocation)
                // An offer by a member duplicates what agreements are for: in the joint plan
                // that member's posts are decided, so the offer could count cases twice.
                for (i, item) in (sm["partners"]?.sequence?.items ?? []).enumerated() {
                    guard let bn = item.mapping?["by"], let by = bn.scalar?.text, members.contains(by) else { continue }
                    if by == e.key {
                        bag.warning(bn.location, "\(sp).partners[\(i)].by",
                                    "an offer by \(by) itself: a state's own posts are its `posts`, not a partner offer")
                        continue
                    }
                    bag.warning(bn.location, "\(sp).partners[\(i)].by",
                                "an offer by \(by), a member of this coalition: its posts are planned here too, so the offer may count cases "
                                + "its posts also handle; give it as an agreement (provider: \(by), client: \(e.key)) instead")
                }
                // Declared posts (checked against even when the state has other problems).
                postsByState[e.key] = Set((sm["posts"]?.sequence?.items ?? []).compactMap { $0.mapping?["id"]?.scalar?.text })
                // Set aside a `requires` of another state's post (STATE:POST, co-location)
                // before decoding; one naming posts of the state itself is the scenario's.
                if var posts = sm["posts"]?.sequence {
                    for (i, item) in posts.items.enumerated() {
                        guard var pm = item.mapping, let req = pm.entry("requires") else { continue }
                        // A CSV cell is a list of one item.
                        let items = req.value.sequence?.items ?? [req.value]
                        let linked = items.filter { $0.scalar?.text.contains(":") ?? false }
                        if linked.isEmpty, !req.value.isNull, req.value.mapping == nil { continue }
                        if linked.count == 1, items.count == 1, let target = linked[0].scalar?.text {
                            pendingRequires.append((e.key, i, pm["id"]?.scalar?.text, target, linked[0].location, "\(sp).posts[\(i)].requires"))
                        } else {
                            bag.error(req.value.location, "\(sp).posts[\(i)].requires",
                                      linked.count >= 1
                                      ? "another state's post is required alone (requires: STATE:POST); posts of this state are a list of their ids"
                                      : "expected another state's post as STATE:POST, or a list of this state's posts, found \(req.value.kindDescription)")
                        }
                        pm.remove("requires")
                        posts.items[i] = .mapping(pm)
                    }
                    sm.set("posts", .sequence(posts), keyLocation: e.keyLocation)
                }
                let decoder = ScenarioDecoder(reading: reading, defaultName: e.key)
                let decoded = decoder.decode(.mapping(sm), variant: "base", mode: .optimize)
                // Name the state's keys as they stand in this file: a host's demand and
                // scores are row j of the state's `demand`; posts, partners and rules its own.
                let weighted = Set(stf.node("weights")?.mapping?.entries.map(\.key) ?? [])
                bag.rewritePaths(since: mark, owner: sp) { path in
                    // A criterion's weight this state sets is its `weights` entry.
                    if path.hasPrefix("criteria.") {
                        let key = path.dropFirst("criteria.".count).prefix { $0 != "." }
                        if weighted.contains(String(key)), path == "criteria.\(key).weight" { return "\(sp).weights.\(key)" }
                    }
                    // A problem of every row of the state's demand table (collapsed at its header).
                    if path.hasPrefix("countries[*]") {
                        let rest = path.dropFirst("countries[*]".count)
                        let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                        if ["demand", "scores", "interests"].contains(String(key)) { return "\(sp).demand[*]\(rest)" }
                    }
                    if path.hasPrefix("countries["), let close = path.firstIndex(of: "]"),
                       let i = Int(path[path.index(path.startIndex, offsetBy: 10)..<close]), countryIDs.indices.contains(i) {
                        let rest = path[path.index(after: close)...]
                        let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                        if let j = demandRow[countryIDs[i]], let row = rowsByCountry[countryIDs[i]], row[String(key)] != nil {
                            return "\(sp).demand[\(j)]\(rest)"
                        }
                        // Row i of the state's countries is host row hostIDs[id] of the shared
                        // table: a host row without an id is not among the state's countries.
                        if hostRows[i] != i { return "countries[\(hostRows[i])]\(rest)" }
                        return path
                    }
                    for key in ["demand", "posts", "partners", "rules"] where path == key || path.hasPrefix(key + "[") || path.hasPrefix(key + ".") {
                        return "\(sp).\(path)"
                    }
                    return path
                }
                if let scenario = decoded {
                    states.append(State(id: e.key, name: stf.string("name") ?? e.key, scenario: scenario, requires: [:]))
                }
                bag.variant = nil
            }
        }
        // Co-location targets must name another state's post, as STATE:POST.
        for r in pendingRequires {
            let parts = r.target.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let targets = postsByState[parts[0]], parts[0] != r.state else {
                if parts.count == 2, parts[0] == r.state {
                    bag.error(r.location, r.path, "\(r.target) is a post of \(r.state) itself: STATE:POST names another state's post; "
                              + "a post of the same state is required by its id in a list (requires: [\(parts[1])])")
                } else if parts.count == 2, !parts[0].isEmpty {
                    let others = postsByState.keys.filter { $0 != r.state }.sorted()
                    bag.error(r.location, r.path, "no state \"\(parts[0])\"\(didYouMean(parts[0], others))"
                              + (others.isEmpty ? "; the file has no other state" : "; states are: \(others.joined(separator: ", "))"))
                } else {
                    bag.error(r.location, r.path, "expected another state's post as STATE:POST, found \"\(r.target)\"")
                }
                continue
            }
            guard targets.contains(parts[1]) else {
                bag.error(r.location, r.path, "\(parts[0]) has no post \"\(parts[1])\"\(didYouMean(parts[1], targets))")
                continue
            }
            if let k = states.firstIndex(where: { $0.id == r.state }),
               let p = states[k].scenario.posts.firstIndex(where: { $0.id == r.id }) {
                states[k].requires[p] = (parts[0], parts[1])
                // Co-location means one city: a desk in another country's chancery is most
                // likely a mistyped target (legal, so a warning).
                let own = states[k].scenario.posts[p]
                if let t = states.first(where: { $0.id == parts[0] })?.scenario.posts.first(where: { $0.id == parts[1] }), t.country != own.country {
                    bag.warning(r.location, r.path, "\(r.state):\(own.id) stands in \(own.country) but requires \(r.target), which stands in \(t.country): "
                                + "co-location is meant for one city")
                }
                if own.force == .open {
                    bag.error(r.location, r.path, "\(r.state):\(own.id) is forced open, but it requires \(r.target), "
                              + "which \(r.state) alone does not have: forced decisions hold in the standalone plans too; force \(r.target) open in a variant instead")
                }
            }
        }
        // A cycle of co-location links (A:P requires B:Q, which requires A:P) is legal,
        // its posts open only all together and in no standalone plan, but it is most
        // likely a link given twice: warn once per cycle, at its first link in the file.
        var warnedInCycle = Set<String>()
        for r in pendingRequires {
            guard let k = states.firstIndex(where: { $0.id == r.state }),
                  let p = states[k].scenario.posts.firstIndex(where: { $0.id == r.id }), states[k].requires[p] != nil else { continue }
            let start = "\(r.state):\(states[k].scenario.posts[p].id)"
            guard !warnedInCycle.contains(start) else { continue }
            var chain = [start], current = start
            while let link = requiresTarget(of: current, in: states), !chain.contains(link), chain.count <= states.count * 64 {
                chain.append(link)
                current = link
            }
            if let link = requiresTarget(of: current, in: states), link == start {
                warnedInCycle.formUnion(chain)
                bag.warning(r.location, r.path, "a cycle of requires: \((chain + [start]).joined(separator: " → ")): these posts can open only all together, "
                            + "and in no state's standalone plan; a desk in a partner's chancery needs the link on the desk alone")
            }
        }
        let stateIDs = Set(postsByState.keys)
        func readAgreements(_ an: DocNode, _ path: String) -> [Agreement] {
            var agreements: [Agreement] = []
            guard let list = reading.sequence(an, path, expected: "a list of {provider, client, fee}") else { return [] }
            for (i, item) in list.enumerated() {
                guard let af = reading.mapping(item, "\(path)[\(i)]") else { continue }
                af.checkKeys(["provider", "client", "fee", "abroad", "presence"] + (version >= 2 ? ["services"] : []))
                guard let p = af.identifier("provider", required: true), let c = af.identifier("client", required: true) else { continue }
                var ok = true
                for (key, v) in [("provider", p), ("client", c)] where !stateIDs.contains(v) {
                    reading.error(af.node(key)!, af.path(key), "no state \"\(v)\"\(didYouMean(v, stateIDs))")
                    ok = false
                }
                if p == c { reading.error(item, "\(path)[\(i)]", "a state cannot be its own provider"); ok = false }
                // At most 1e9 a case, the largest per-unit money GLPK resolves reliably (a fee of
                // 1e15 left a state 1,500 below its standalone plan in a plan reported optimal).
                let fee = af.number("fee", max: 1e9) ?? 0
                if ok, agreements.contains(where: { $0.provider == p && $0.client == c }) {
                    reading.error(item, "\(path)[\(i)]", "a second agreement for \(p) serving \(c)")
                    ok = false
                }
                var covered: [String]? = nil
                if version >= 2, let sn = af.node("services"), let list = reading.strings(sn, af.path("services")) {
                    let declared = PathEditor.services(top.map)
                    if list.isEmpty { reading.error(sn, af.path("services"), "an agreement covering no service; leave the key out for every service"); ok = false }
                    for (k, id) in list.enumerated() where !declared.contains(id) {
                        reading.error(sn.sequence?.items[k] ?? sn, "\(af.path("services"))[\(k)]", "no service \"\(id)\"\(didYouMean(id, declared)); services are: \(declared.joined(separator: ", "))")
                        ok = false
                    }
                    covered = list
                }
                // Read (and check) every key, so that all problems are reported together.
                let abroad = af.bool("abroad") ?? false, presence = af.bool("presence") ?? true
                if ok {
                    agreements.append(Agreement(provider: p, client: c, services: covered, fee: fee, abroad: abroad, presence: presence))
                }
            }
            return agreements
        }
        let agreements = top.node("agreements").map { readAgreements($0, "agreements") } ?? []
        // Variants: named changes of the agreements and of post decisions.
        var variants: [Variant] = []
        if let vn = top.node("variants"), let vf = reading.mapping(vn, "variants", expected: "a mapping of variant name: {description, agreements, force}") {
            for e in vf.map.entries {
                let vp = "variants.\(e.key)"
                guard reading.identifier(.scalar(e.key, at: e.keyLocation), vp) != nil,
                      let f = reading.mapping(e.value, vp, expected: "{description, agreements, force}") else { continue }
                if e.key == "base" || e.key.contains("+") {
                    bag.error(e.keyLocation, vp, e.key == "base" ? "\"base\" is the file as written; give the variant another name"
                                                                 : "a variant name cannot contain '+' (it joins variants in scenario files)")
                }
                f.checkKeys(["description", "agreements", "force"])
                var variant = Variant(name: e.key, description: f.string("description"))
                if let an = f.node("agreements") {
                    variant.agreements = readAgreements(an, f.path("agreements"))
                } else if let blank = f.map["agreements"] {
                    // `agreements:` with nothing after it reads as null, which would keep the
                    // file's agreements: most likely meant as "none", so ask.
                    reading.error(blank, f.path("agreements"),
                                  "expected a list of {provider, client, fee}, found nothing: write [] for no agreements, or leave the key out to keep the file's")
                }
                if let fn = f.node("force"), let ff = reading.mapping(fn, f.path("force"), expected: "a mapping of STATE:POST: open|closed") {
                    for fe in ff.map.entries {
                        let path = ff.path(fe.key)
                        let decision = (fe.value.scalar?.text).flatMap { Post.Force(rawValue: $0) }
                        if decision == nil { reading.error(fe.value, path, "expected open or closed, found \(fe.value.kindDescription)") }
                        let parts = fe.key.split(separator: ":", maxSplits: 1).map(String.init)
                        guard parts.count == 2, let posts = postsByState[parts[0]] else {
                            bag.error(fe.keyLocation, path, "expected STATE:POST with a state of this file (\(stateIDs.sorted().joined(separator: ", "))), found \"\(fe.key)\"")
                            continue
                        }
                        guard posts.contains(parts[1]) else {
                            bag.error(fe.keyLocation, path, "\(parts[0]) has no post \"\(parts[1])\"\(didYouMean(parts[1], posts))")
                            continue
                        }
                        if decision == .open, let st = states.first(where: { $0.id == parts[0] }),
                           let i = st.scenario.posts.firstIndex(where: { $0.id == parts[1] }), let target = st.requires[i] {
                            reading.error(fe.value, path, "\(fe.key) requires \(target.state):\(target.post), which \(parts[0]) alone does not have: "
                                          + "forced decisions hold in the standalone plans too")
                            continue
                        }
                        if let decision { variant.forces.append((parts[0], parts[1], decision)) }
                    }
                }
                variants.append(variant)
            }
        }
        if states.isEmpty, bag.isEmpty {
            bag.error(top.map.entry("states")?.keyLocation ?? top.map.location, "states", "a coalition needs at least one state")
        }
        // Expectations: per variant (base: the file as written), checked by `dipnet test`.
        var expectations: [Expectation] = []
        if let en = top.node("expect"), let ef = reading.mapping(en, "expect", expected: "a mapping of variant: expectations") {
            if ef.map.entries.isEmpty { reading.error(en, "expect", "an empty expect block checks nothing: give expectations per variant, or remove it") }
            let names = ["base"] + variants.map(\.name)
            for e in ef.map.entries {
                let path = "expect.\(e.key)"
                guard names.contains(e.key) else { bag.error(e.keyLocation, path, "no variant \"\(e.key)\"\(didYouMean(e.key, names))"); continue }
                guard let f = reading.mapping(e.value, path, expected: "a mapping of expectations") else { continue }
                f.checkKeys(Expectation.keys)
                if f.map.entries.isEmpty { bag.error(e.keyLocation, path, "no expectation for this variant: give at least one of \(Expectation.keys.joined(separator: ", "))") }
                var checks: [Expectation.Check] = []
                for entry in f.map.entries where Expectation.keys.contains(entry.key) {
                    let p = f.path(entry.key), loc = entry.keyLocation
                    if entry.key == "status" {
                        if let s = ScenarioFile.expectedStatus(entry.value, p, reading) { checks.append(.status(s, loc)) }
                    } else if let figure = Expectation.Figure(rawValue: entry.key) {
                        if let x = ScenarioFile.expectedFigure(entry.value, p, reading) { checks.append(.number(figure, x.value, tolerance: x.tolerance, loc)) }
                    } else if let ids = reading.strings(entry.value, p) {
                        if ids.isEmpty { reading.error(entry.value, p, "an empty list checks nothing: name posts as STATE:POST, or remove the key"); continue }
                        var good: [String] = []
                        for (i, id) in ids.enumerated() {
                            let node = entry.value.sequence?.items[i] ?? entry.value
                            let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
                            guard parts.count == 2, let posts = postsByState[parts[0]] else {
                                reading.error(node, "\(p)[\(i)]", "expected STATE:POST with a state of this file (\(stateIDs.sorted().joined(separator: ", "))), found \"\(id)\"")
                                continue
                            }
                            guard posts.contains(parts[1]) else {
                                reading.error(node, "\(p)[\(i)]", "\(parts[0]) has no post \"\(parts[1])\"\(didYouMean(parts[1], posts))")
                                continue
                            }
                            good.append(id)
                        }
                        for (i, id) in good.enumerated() where good[..<i].contains(id) {
                            reading.error(entry.value, p, "names \(id) a second time")
                        }
                        checks.append(.joint(open: entry.key == "open", good, loc))
                    }
                }
                // A post expected both open and closed can never pass.
                let opened: [String] = checks.flatMap { check -> [String] in if case .joint(true, let ids, _) = check { ids } else { [] } }
                for case .joint(false, let ids, _) in checks {
                    for id in ids where opened.contains(id) {
                        reading.error(f.node("closed")!, f.path("closed"), "\(id) is expected both open and closed")
                    }
                }
                expectations.append(Expectation(variant: e.key, checks: checks, location: e.keyLocation))
            }
        }
        // Uncertainty: as in a scenario, each parameter keyed STATE:PATH in one state's scenario.
        let uncertainty = ScenarioFile.readUncertainty(root, reading: reading, names: ["base"] + variants.map(\.name),
                                                       countries: Set(states.flatMap { $0.scenario.countries.map(\.id) }),
                                                       scenarioVariants: false) { key throws(ParameterError) in
            guard let colon = key.firstIndex(of: ":"), colon != key.startIndex else {
                throw ParameterError("expected STATE:PATH, a state of this file (or * for one draw for every state) and a path of its scenario (e.g. \(states.first?.id ?? "NLD"):posts.HAV.capacity), found \(key)")
            }
            let state = String(key[..<colon])
            if state == "*" {
                // One draw for every state that has the path (a value judgement the states share).
                let text = String(key[key.index(after: colon)...])
                guard let k = states.indices.first(where: { holds(text, in: states[$0].scenario) }) else {
                    throw ParameterError("*:\(text): no state's scenario has this path")
                }
                let path = try ParameterPath(text, in: states[k].scenario)
                if path.isWildcard { throw ParameterError("*:\(text): a path drawn for every state names one number (no `*` in it)") }
                return (path, states[k].scenario, "*")
            }
            guard let st = states.first(where: { $0.id == state }) else {
                if stateIDs.contains(state) { throw .stateInvalid(state) }
                throw ParameterError("no state \"\(state)\"\(didYouMean(state, stateIDs)); states are \(stateIDs.sorted().joined(separator: ", "))")
            }
            return (try ParameterPath(String(key[key.index(after: colon)...]), in: st.scenario), st.scenario, state)
        }
        // `*:PATH` and `STATE:PATH` drawing the same number: the one written last silently won.
        if let spec = uncertainty {
            for every in spec.ranges where every.state == "*" {
                for one in spec.ranges where one.state != "*" {
                    guard let st = states.first(where: { $0.id == one.state }),
                          let q = try? ParameterPath(every.path.text, in: st.scenario),
                          q.overlaps(one.path, in: st.scenario) || one.path.overlaps(q, in: st.scenario) else { continue }
                    bag.error(top.map.entry("uncertainty")?.keyLocation ?? top.map.location, "uncertainty.parameters",
                              "\(every.label) and \(one.label) draw the same number of \(st.id): give one (the one written last would win)")
                }
            }
        }
        if !bag.isEmpty { throw bag.failure }
        var file = CoalitionFile(path: path, name: coalitionName, currency: top.string("currency") ?? "", states: states,
                                 agreements: agreements, variants: variants, content: hash, warnings: bag.warnings.sorted())
        file.variantsLocation = top.map.entry("variants")?.keyLocation
        file.expectations = expectations
        file.uncertainty = uncertainty
        return file
    }
}

/// The post that `post` ("STATE:POST") requires, as "STATE:POST", or nil when it
/// requires none (or is unknown).
private func requiresTarget(of post: String, in states: [CoalitionFile.State]) -> String? {
    let parts = post.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let st = states.first(where: { $0.id == parts[0] }),
          let i = st.scenario.posts.firstIndex(where: { $0.id == parts[1] }), let t = st.requires[i] else { return nil }
    return "\(t.state):\(t.post)"
}
