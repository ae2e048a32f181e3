/// A number of a scenario named by a dotted path, as in a variant's `set`
/// (`rules.budget`, `countries.CUB.scores.geopolitical`, `posts.HAV.annual_cost`),
/// read and written on the typed scenario so that sweeps and simulations do
/// not re-read the file for every solve.
///
/// `*` in the id position (`countries.*.demand`) names the same number of
/// every country or post.
public struct ParameterPath: Sendable, Hashable, CustomStringConvertible {
    public enum PostField: String, Sendable, CaseIterable {
        case annualCost = "annual_cost", closeCost = "close_cost", openCost = "open_cost", capacity,
             caseCost = "case_cost", reachKm = "reach_km", diplomats
    }
    public enum PartnerField: String, Sendable, CaseIterable { case capacity, fee }
    public enum ServiceField: String, Sendable, CaseIterable {
        case caseCost = "case_cost", unservedPenalty = "unserved_penalty", feeIncome = "fee_income", workload
    }
    public enum Target: Sendable, Hashable {
        /// Every service's demand together (scaled in proportion), or one service's.
        case countryDemand(String, service: String?)
        case countryScore(String, criterion: String)
        case countryInterest(String, interest: String)
        case criterionWeight(String)
        case post(String, PostField)
        /// `posts.ID.case_cost.S`: one service's cost at a post.
        case postServiceCaseCost(String, service: String)
        case service(String, ServiceField)
        /// `partners.ID.capacity|fee` (a fee mapping: every service's fee).
        case partner(String, PartnerField)
        /// `partners.ID.fee.S`: one service's fee.
        case partnerServiceFee(String, service: String)
        case interestShare(String, accredited: Bool)
        case budget, minCoverage, maxClosures, maxOpenings, maxDiplomats
        case minCoverageOfService(String)
        case accredited, represented
        case caseCost, remoteCaseCost, unservedPenalty
        case horizon
    }

    public let text: String
    public let target: Target

    public var description: String { text }
    /// True when the path names every country, post, service or interest (`*`).
    public var isWildcard: Bool { text.split(separator: ".").contains("*") }

    /// Parses a path against a scenario; the error says what the path could be.
    public init(_ text: String, in s: Scenario) throws(ParameterError) {
        self.text = text
        let p = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ why: String) -> ParameterError { ParameterError("parameter \"\(text)\" names nothing: \(why)") }
        // A key of the file's format that holds no number (a list, a code, a flag, text): what it
        // holds, and where it is changed; a coordinate moves the distances; any other name
        // (a key the format does not have for this version) names nothing.
        let kinds = ["requires": "a list of post ids", "force": "open or closed", "covers": "a list of countries",
                     "group": "a group's name", "services": "a list of services", "status": "existing or candidate",
                     "presence": "a presence level", "country": "a country's id", "kind": "a kind of post", "city": "a name",
                     "source": "text", "label": "text", "name": "a name", "region": "a region's name", "tags": "a list of tags",
                     "remote": "true or false", "only_where_absent": "true or false",
                     "scores": "scores by criterion: countries.ID.scores.CRITERION is one",
                     "interests": "values by interest: countries.ID.interests.INTEREST is one",
                     "min_resident": "a list of selections and counts", "min_posts": "a list of selections and counts"]
        func notANumber(_ key: String, of keys: [String], _ numbers: String, kind: String? = nil) -> ParameterError? {
            guard keys.contains(key) else { return nil }
            if key == "lat" || key == "lon" {
                return ParameterError("parameter \"\(text)\" is a coordinate, which the file, a variant's set or --set changes (the distances "
                                      + "follow it); a sweep, tipping or margin search moves the model's numbers: \(numbers)")
            }
            return ParameterError("parameter \"\(text)\" is not a number (\(kind ?? kinds[key] ?? "not a number")): a sweep, tipping or margin search "
                                  + "moves numbers only (change it in the file, a variant's set or --set); \(numbers)")
        }
        func check(_ id: String, _ ids: [String], _ what: String) throws(ParameterError) {
            guard id != "*", !ids.contains(id) else { return }
            var error = fail("no \(what) \"\(id)\"\(didYouMean(id, ids))")
            if let near = DiplomaticNetwork.suggestion(for: id, among: ids), let i = p.firstIndex(of: id) {
                var fixed = p
                fixed[i] = near
                error.suggestion = fixed.joined(separator: ".")
            }
            throw error
        }
        let v2 = s.formatVersion >= 2
        let services = s.services.map(\.id), interests = s.interests.map(\.id), criteria = s.criteria.map(\.id)
        switch p.first {
        case "countries":
            guard p.count >= 3 else { throw fail("expected countries.ID.demand or countries.ID.scores.CRITERION") }
            try check(p[1], s.countries.map(\.id), "country")
            if p.count == 3, p[2] == "demand" { target = .countryDemand(p[1], service: nil); return }
            if p.count == 4, p[2] == "demand", v2 {
                try check(p[3], services, "service")
                target = .countryDemand(p[1], service: p[3])
                return
            }
            if p.count == 4, p[2] == "scores" {
                try check(p[3], criteria, "criterion")
                target = .countryScore(p[1], criterion: p[3])
                return
            }
            if p.count == 4, p[2] == "interests", v2 {
                try check(p[3], interests, "interest")
                target = .countryInterest(p[1], interest: p[3])
                return
            }
            let numbers = "the numbers of a country are demand\(v2 ? ", demand.SERVICE, interests.INTEREST" : "") and scores.CRITERION"
            if p.count == 3, let e = notANumber(p[2], of: ScenarioDecoder.keys(.country, version: s.formatVersion).filter { $0 != "id" }, numbers) { throw e }
            throw fail(numbers)
        case "posts":
            guard p.count == 3 || (p.count == 4 && v2 && p[2] == "case_cost") else { throw fail("expected posts.ID.FIELD") }
            try check(p[1], s.posts.map(\.id), "post")
            if p.count == 4 {
                try check(p[3], services, "service")
                target = .postServiceCaseCost(p[1], service: p[3])
                return
            }
            let fields = PostField.allCases.filter { v2 || $0 != .diplomats }
            guard let f = PostField(rawValue: p[2]), fields.contains(f) else {
                let numbers = "the numbers of a post are \(fields.map(\.rawValue).joined(separator: ", "))"
                let keys = ScenarioDecoder.keys(.post, version: s.formatVersion).filter { $0 != "id" && PostField(rawValue: $0) == nil }
                if let e = notANumber(p[2], of: keys, numbers) { throw e }
                throw fail(numbers + didYouMean(p[2], fields.map(\.rawValue)))
            }
            target = .post(p[1], f)
        case "criteria":
            guard p.count == 3, p[2] == "weight" else {
                if p.count == 3, let e = notANumber(p[2], of: ScenarioDecoder.criterionKeys.filter { $0 != "weight" }, "the number of a criterion is its weight") {
                    try check(p[1], criteria, "criterion")
                    throw e
                }
                throw fail("expected criteria.ID.weight")
            }
            try check(p[1], criteria, "criterion")
            target = .criterionWeight(p[1])
        case "partners":
            let ids = s.partners.map(\.id)
            guard p.count == 3 || (p.count == 4 && v2 && p[2] == "fee") else { throw fail("expected partners.ID.capacity or partners.ID.fee") }
            try check(p[1], ids, "partner offer")
            if p.count == 4 {
                try check(p[3], services, "service")
                target = .partnerServiceFee(p[1], service: p[3])
                return
            }
            guard let f = PartnerField(rawValue: p[2]) else {
                let numbers = "the numbers of a partner offer are capacity and fee"
                if ["id", "country", "by"].contains(p[2]) {
                    throw fail("\(p[2]) is part of what names the offer, which no variant or analysis changes; \(numbers)")
                }
                let keys = ScenarioDecoder.keys(.partner, version: s.formatVersion).filter { PartnerField(rawValue: $0) == nil }
                if p.count == 3, let e = notANumber(p[2], of: keys, numbers, kind: p[2] == "presence" ? "true or false" : nil) { throw e }
                throw fail(numbers)
            }
            target = .partner(p[1], f)
        case "services" where v2:
            guard p.count == 3, let f = ServiceField(rawValue: p[2]) else {
                let numbers = "the numbers of a service are \(ServiceField.allCases.map(\.rawValue).joined(separator: ", "))"
                if p.count == 3, let e = notANumber(p[2], of: ScenarioDecoder.serviceKeys.filter { ServiceField(rawValue: $0) == nil }, numbers) {
                    try check(p[1], services, "service")
                    throw e
                }
                throw fail(numbers + (p.count == 3 ? didYouMean(p[2], ServiceField.allCases.map(\.rawValue)) : ""))
            }
            try check(p[1], services, "service")
            target = .service(p[1], f)
        case "interests" where v2:
            guard p.count == 3, p[2] == "accredited" || p[2] == "represented" else {
                if p.count == 3, let e = notANumber(p[2], of: ["label", "source"], "the numbers of an interest are accredited and represented") {
                    try check(p[1], interests, "interest")
                    throw e
                }
                throw fail("expected interests.ID.accredited or interests.ID.represented")
            }
            try check(p[1], interests, "interest")
            target = .interestShare(p[1], accredited: p[2] == "accredited")
        case "rules" where v2 && p.count == 3 && p[1] == "min_coverage":
            // One plain share for every case together is not split into services, as `--set`
            // refuses it (`Variants`): a sweep added a service's rule beside the share, a
            // scenario the file cannot write.
            if s.rules.minCoverage != nil {
                throw fail("rules.min_coverage is one share for every case together; it cannot be split into services (set rules.min_coverage to a mapping by service first)")
            }
            try check(p[2], services, "service")
            target = .minCoverageOfService(p[2])
        default:
            var simple: [String: Target] = [
                "rules.budget": .budget, "rules.min_coverage": .minCoverage, "rules.max_closures": .maxClosures,
                "rules.max_openings": .maxOpenings, "presence.accredited": .accredited, "presence.represented": .represented,
                "costs.case_cost": .caseCost, "costs.remote_case_cost_per_1000km": .remoteCaseCost,
                "costs.unserved_case_penalty": .unservedPenalty, "horizon_years": .horizon,
            ]
            if v2 { simple["rules.max_diplomats"] = .maxDiplomats }
            // A rule that holds a list (min_resident, min_posts): not a number.
            if p.count == 2, p[0] == "rules", let e = notANumber(p[1], of: ScenarioDecoder.keys(.rules, version: s.formatVersion)
                .filter { simple["rules." + $0] == nil && $0 != "min_coverage" }, "the numbers of rules are \(simple.keys.filter { $0.hasPrefix("rules.") }.sorted().joined(separator: ", "))") {
                throw e
            }
            guard let t = simple[text] else {
                let more = v2 ? ", services.S.FIELD, interests.I.accredited|represented, countries.ID.demand.S, countries.ID.interests.I, rules.min_coverage.S" : ""
                throw fail("expected one of \(simple.keys.sorted().joined(separator: ", ")), countries.ID.demand, countries.ID.scores.K, criteria.K.weight, posts.ID.FIELD\(more)\(didYouMean(text, simple.keys))")
            }
            target = t
        }
    }

    /// The current value (for a wildcard, the first item's); nil when unset (e.g. no budget).
    public func value(in s: Scenario) -> Double? {
        func country(_ id: String) -> Country? { id == "*" ? s.countries.first : s.country(id) }
        func post(_ id: String) -> Post? { id == "*" ? s.posts.first : s.post(id) }
        func service(_ id: String) -> Int? { id == "*" ? (s.services.isEmpty ? nil : 0) : s.serviceIndex(id) }
        func interest(_ id: String) -> Int? { id == "*" ? (s.interests.isEmpty ? nil : 0) : s.interests.firstIndex { $0.id == id } }
        switch target {
        case .countryDemand(let id, let sv):
            guard let c = country(id) else { return nil }
            guard let sv else { return c.demand }
            return service(sv).map { c.demands[$0] }
        case .countryScore(let id, let k): return country(id).map { $0.scores[k] ?? 0 }
        case .countryInterest(let id, let i):
            guard let c = country(id), let k = interest(i) else { return nil }
            return k < c.interests.count ? c.interests[k] : 0
        case .criterionWeight(let id): return s.criteria.first { id == "*" || $0.id == id }?.weight
        case .post(let id, let f):
            guard let p = post(id) else { return nil }
            switch f {
            case .annualCost: return p.annualCost
            case .closeCost: return p.closeCost
            case .openCost: return p.openCost
            case .capacity: return p.capacity
            case .caseCost:
                // One number when the post has one (or one service): else each service's
                // own cost applies (model.md g_ps), and only a common one is "the" value.
                if s.services.count == 1 || (p.caseCost != nil && p.caseCosts.isEmpty) { return s.caseCost(post: p, service: 0) }
                let costs = s.services.indices.map { s.caseCost(post: p, service: $0) }
                return Set(costs).count == 1 ? costs[0] : nil
            case .reachKm: return p.reachKm
            case .diplomats: return p.diplomats
            }
        case .postServiceCaseCost(let id, let sv):
            guard let p = post(id), let k = service(sv) else { return nil }
            return s.caseCost(post: p, service: k)
        case .service(let id, let f):
            guard let k = service(id) else { return nil }
            switch f {
            case .caseCost: return s.caseCost(service: k)
            case .unservedPenalty: return s.unservedPenalty(service: k)
            case .feeIncome: return s.services[k].feeIncome
            case .workload: return s.services[k].workload
            }
        case .partner(let id, let f):
            guard let r = id == "*" ? s.partners.first : s.partners.first(where: { $0.id == id }) else { return nil }
            switch f {
            case .capacity: return r.capacity
            case .fee: return r.fees == nil ? r.fee : s.services.indices.map { s.fee(r, service: $0) }.max()
            }
        case .partnerServiceFee(let id, let sv):
            guard let r = id == "*" ? s.partners.first : s.partners.first(where: { $0.id == id }), let k = service(sv) else { return nil }
            return s.fee(r, service: k)
        case .interestShare(let id, let acc):
            guard let k = interest(id) else { return nil }
            let sh = s.shares(of: s.interests[k])
            return acc ? sh.accredited : sh.represented
        case .budget: return s.rules.budget
        case .minCoverage: return s.rules.minCoverage
        case .minCoverageOfService(let sv):
            return s.rules.minCoverageByService.first { sv == "*" || $0.service == sv }?.share
        case .maxClosures: return s.rules.maxClosures.map(Double.init)
        case .maxOpenings: return s.rules.maxOpenings.map(Double.init)
        case .maxDiplomats: return s.rules.maxDiplomats
        case .accredited: return s.presence.accredited
        case .represented: return s.presence.represented
        case .caseCost: return s.costs.caseCost
        case .remoteCaseCost: return s.costs.remoteCaseCostPer1000km
        case .unservedPenalty: return s.costs.unservedCasePenalty
        case .horizon: return s.horizonYears
        }
    }

    /// What values are allowed, for messages and checks.
    public var range: ClosedRange<Double> {
        switch target {
        case .minCoverage, .minCoverageOfService, .accredited, .represented, .interestShare: 0...1
        default: 0...1e15
        }
    }

    public var isInteger: Bool {
        switch target {
        case .maxClosures, .maxOpenings: true
        default: false
        }
    }

    /// How many numbers the path names (one per item for a wildcard), for
    /// drawing one sample each.
    public func itemCount(in s: Scenario) -> Int { max(1, values(in: s).count) }

    /// The one number the path names in `s`: its value, or for a wildcard the value every
    /// item holds; nil when the items differ, for an absent rule, or when it names none.
    /// What a sweep or tipping search calls the variant's own value (`current`).
    public func singleValue(in s: Scenario) -> Double? {
        let held = isWildcard ? values(in: s) : value(in: s).map { [$0] } ?? []
        guard let first = held.first, first.isFinite, held.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// Every number the path names in `s`, in the order `apply` visits them (one per item
    /// of a wildcard, several for a parent path such as `countries.A.demand`); empty when
    /// the path names none there.
    public func values(in s: Scenario) -> [Double] {
        var copy = s, out: [Double] = []
        try? apply(to: &copy) { out.append($0); return $0 }
        return out
    }

    /// The names of the numbers a wildcard path draws one by one, in the order
    /// `apply` visits them: the path with the items' ids in brackets
    /// (`countries.*.demand[CUB]`, `countries.*.demand.*[CUB,visas]`), and `#n` for
    /// the n-th number of an item that holds several (a case cost by service). Empty
    /// for a path without `*`, or when the names cannot be matched to the numbers.
    public func itemLabels(in s: Scenario) -> [String] {
        guard isWildcard else { return [] }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let stars = parts.indices.filter { parts[$0] == "*" }
        var labels: [String] = []
        for item in Margins.items(of: text, in: s) {
            guard let path = try? ParameterPath(item, in: s) else { return [] }
            let itemParts = item.split(separator: ".", omittingEmptySubsequences: false)
            // ids holding the label's own delimiters (`,` `]` `#`) percent-encoded, as in model
            // names: countries X,Y and X with services s and Y,s gave one label for two items
            let name = text + "[" + stars.map { modelNameID(String(itemParts[$0])) }.joined(separator: ",") + "]"
            let n = path.itemCount(in: s)
            labels += n == 1 ? [name] : (1...n).map { "\(name)#\($0)" }
        }
        return labels.count == itemCount(in: s) ? labels : []
    }

    /// Sets the number; `transform` maps the current value to the new one
    /// (called once per item for a wildcard, so each may get its own draw).
    ///
    /// An absent budget or diplomat cap is created by a `transform` that does not
    /// depend on the current value (it is called with NaN to tell).
    ///
    /// - Throws: `ParameterError` when a new value leaves `range` or a count is not
    ///   whole, or the path cannot take a value in this scenario (a relative
    ///   change of an absent budget; the total demand of several services when it is 0),
    ///   or when a number a variant derives from it (an interest share scaled from a
    ///   presence share) leaves its own range. The scenario is then unchanged.
    public func apply(to s: inout Scenario, _ transform: (Double) -> Double) throws(ParameterError) {
        // On an error the scenario is left as it was.
        var t = s
        try applyInPlace(&t, transform)
        s = t
    }

    private func applyInPlace(_ s: inout Scenario, _ transform: (Double) -> Double) throws(ParameterError) {
        func checked(_ v: Double) throws(ParameterError) -> Double {
            guard v.isFinite, range.contains(v) else {
                throw ParameterError("\(text) = \(Reading.format(v)) is outside \(Reading.format(range.lowerBound))…\(Reading.format(range.upperBound))")
            }
            if target == .horizon, v == 0 { throw ParameterError("horizon_years must be > 0") }
            // A count of posts takes whole numbers only (scenario-format.md), as in --set.
            if isInteger, v != v.rounded() { throw ParameterError("\(text) takes whole numbers, found \(Reading.format(v))") }
            return v
        }
        // A number a variant derived from another key (its absent default, scaled)
        // follows that key, as with `--set`: this path's own numbers are written
        // here and no longer derived; the rest are derived again afterwards.
        if !s.derivedDefaults.isEmpty {
            s.derivedDefaults.removeAll { overrides($0.target) }
        }
        do throws(ParameterError) { try write(to: &s, transform, checked) } catch {
            if !s.derivedDefaults.isEmpty { s.rederiveDefaults() }
            throw error
        }
        guard !s.derivedDefaults.isEmpty else { return }
        s.rederiveDefaults()
        // A number derived from this one may leave its own range (an interest share a
        // variant scales by 2 from presence.accredited, at presence.accredited = 0.9: 1.8),
        // which the file and --set refuse: so does every point and draw.
        for d in s.derivedDefaults {
            guard case .interestShare(let id, let accredited) = d.target, let i = s.interests.first(where: { $0.id == id }) else { continue }
            let (share, key) = accredited ? (s.shares(of: i).accredited, "accredited") : (s.shares(of: i).represented, "represented")
            if !(0...1).contains(share) {
                throw ParameterError("\(text): the value set makes interests.\(id).\(key) "
                                     + "\(Reading.format(share)) (\(Reading.format(d.factor)) × presence.\(key), as a variant scales it): expected a number from 0 to 1")
            }
        }
    }

    /// Writes the path's numbers (`apply` without the derived defaults).
    private func write(to s: inout Scenario, _ transform: (Double) -> Double,
                       _ checked: (Double) throws(ParameterError) -> Double) throws(ParameterError) {
        let (allServices, allInterests) = (s.services.map(\.id), s.interests.map(\.id))
        func services(_ id: String) -> [Int] { id == "*" ? Array(allServices.indices) : allServices.firstIndex(of: id).map { [$0] } ?? [] }
        func interests(_ id: String) -> [Int] { id == "*" ? Array(allInterests.indices) : allInterests.firstIndex(of: id).map { [$0] } ?? [] }
        switch target {
        case .countryDemand(let id, let sv):
            for i in s.countries.indices where id == "*" || s.countries[i].id == id {
                if let sv {
                    for k in services(sv) { s.countries[i].demands[k] = try checked(transform(s.countries[i].demands[k])) }
                } else {
                    let total = s.countries[i].demand
                    let new = try checked(transform(total))
                    if s.countries[i].demands.count > 1, total == 0, new != 0 {
                        throw ParameterError("\(text): \(s.countries[i].id) has no demand to scale across its services; name one: countries.\(s.countries[i].id).demand.SERVICE")
                    }
                    s.countries[i].demand = new
                }
            }
        case .countryScore(let id, let k):
            for i in s.countries.indices where id == "*" || s.countries[i].id == id {
                s.countries[i].scores[k] = try checked(transform(s.countries[i].scores[k] ?? 0))
            }
        case .countryInterest(let id, let iv):
            for i in s.countries.indices where id == "*" || s.countries[i].id == id {
                if s.countries[i].interests.count < s.interests.count {
                    s.countries[i].interests += Array(repeating: 0, count: s.interests.count - s.countries[i].interests.count)
                }
                for k in interests(iv) { s.countries[i].interests[k] = try checked(transform(s.countries[i].interests[k])) }
            }
        case .criterionWeight(let id):
            for i in s.criteria.indices where id == "*" || s.criteria[i].id == id { s.criteria[i].weight = try checked(transform(s.criteria[i].weight)) }
        case .post(let id, let f):
            for i in s.posts.indices where id == "*" || s.posts[i].id == id {
                switch f {
                case .annualCost: s.posts[i].annualCost = try checked(transform(s.posts[i].annualCost))
                case .closeCost: s.posts[i].closeCost = try checked(transform(s.posts[i].closeCost))
                case .openCost: s.posts[i].openCost = try checked(transform(s.posts[i].openCost))
                case .capacity: s.posts[i].capacity = try checked(transform(s.posts[i].capacity))
                case .caseCost:
                    if s.services.count == 1 || (s.posts[i].caseCost != nil && s.posts[i].caseCosts.isEmpty) {
                        // One number for every service (the post's own, or the only service's).
                        s.posts[i].caseCost = try checked(transform(s.caseCost(post: s.posts[i], service: 0)))
                        s.posts[i].caseCosts = [:]
                    } else {
                        // A mapping, or no cost of the post's own (each service's cost applies,
                        // model.md g_ps): every service's cost at the post, each transformed.
                        // (It took the version 1 costs.case_cost, or 0, as the current value.)
                        for k in s.services.indices {
                            s.posts[i].caseCosts[s.services[k].id] = try checked(transform(s.caseCost(post: s.posts[i], service: k)))
                        }
                    }
                case .reachKm: s.posts[i].reachKm = try checked(transform(s.posts[i].reachKm))
                case .diplomats: s.posts[i].diplomats = try checked(transform(s.posts[i].diplomats))
                }
            }
        case .postServiceCaseCost(let id, let sv):
            for i in s.posts.indices where id == "*" || s.posts[i].id == id {
                for k in services(sv) {
                    s.posts[i].caseCosts[s.services[k].id] = try checked(transform(s.caseCost(post: s.posts[i], service: k)))
                }
            }
        case .service(let id, let f):
            for k in services(id) {
                switch f {
                case .caseCost: s.services[k].caseCost = try checked(transform(s.caseCost(service: k)))
                case .unservedPenalty: s.services[k].unservedPenalty = try checked(transform(s.unservedPenalty(service: k)))
                case .feeIncome: s.services[k].feeIncome = try checked(transform(s.services[k].feeIncome))
                case .workload: s.services[k].workload = try checked(transform(s.services[k].workload))
                }
            }
        case .partner(let id, let f):
            for i in s.partners.indices where id == "*" || s.partners[i].id == id {
                switch f {
                case .capacity: s.partners[i].capacity = try checked(transform(s.partners[i].capacity))
                case .fee:
                    if s.partners[i].fees == nil { s.partners[i].fee = try checked(transform(s.partners[i].fee)) }
                    else {
                        for k in s.services.indices {
                            s.partners[i].fees![s.services[k].id] = try checked(transform(s.fee(s.partners[i], service: k)))
                        }
                    }
                }
            }
        case .partnerServiceFee(let id, let sv):
            for i in s.partners.indices where id == "*" || s.partners[i].id == id {
                for k in services(sv) {
                    let current = s.fee(s.partners[i], service: k)
                    if s.partners[i].fees == nil {
                        s.partners[i].fees = Dictionary(uniqueKeysWithValues: s.services.map { ($0.id, s.partners[i].fee) })
                    }
                    s.partners[i].fees![s.services[k].id] = try checked(transform(current))
                }
            }
        case .interestShare(let id, let acc):
            for k in interests(id) {
                let sh = s.shares(of: s.interests[k])
                if acc { s.interests[k].accredited = try checked(transform(sh.accredited)) }
                else { s.interests[k].represented = try checked(transform(sh.represented)) }
            }
        case .budget:
            // An absent rule is created by a change that does not depend on its value
            // (an absolute draw or a sweep point, as --set creates it); a relative one has
            // nothing to scale (model.md, version 2 readings: `scale` of an absent rule).
            guard let b = s.rules.budget else {
                let v = transform(.nan)
                guard !v.isNaN else { throw ParameterError("rules.budget is not set in this variant; set it before scaling it") }
                s.rules.budget = try checked(v)
                break
            }
            s.rules.budget = try checked(transform(b))
        case .minCoverage: s.rules.minCoverage = try checked(transform(s.rules.minCoverage ?? 0))
        case .minCoverageOfService(let sv):
            for k in services(sv) {
                let id = s.services[k].id
                if let j = s.rules.minCoverageByService.firstIndex(where: { $0.service == id }) {
                    s.rules.minCoverageByService[j].share = try checked(transform(s.rules.minCoverageByService[j].share))
                } else {
                    s.rules.minCoverageByService.append((id, try checked(transform(0))))
                }
            }
        case .maxClosures: s.rules.maxClosures = Int(try checked(transform(Double(s.rules.maxClosures ?? s.posts.count))))
        case .maxOpenings: s.rules.maxOpenings = Int(try checked(transform(Double(s.rules.maxOpenings ?? s.posts.count))))
        case .maxDiplomats:
            guard let n = s.rules.maxDiplomats else {
                let v = transform(.nan)
                guard !v.isNaN else { throw ParameterError("rules.max_diplomats is not set in this variant; set it before scaling it") }
                s.rules.maxDiplomats = try checked(v)
                break
            }
            s.rules.maxDiplomats = try checked(transform(n))
        case .accredited: s.presence.accredited = try checked(transform(s.presence.accredited))
        case .represented: s.presence.represented = try checked(transform(s.presence.represented))
        case .caseCost: s.costs.caseCost = try checked(transform(s.costs.caseCost))
        case .remoteCaseCost: s.costs.remoteCaseCostPer1000km = try checked(transform(s.costs.remoteCaseCostPer1000km))
        case .unservedPenalty: s.costs.unservedCasePenalty = try checked(transform(s.costs.unservedCasePenalty))
        case .horizon: s.horizonYears = try checked(transform(s.horizonYears))
        }
    }

    /// Whether setting this path changes a number `other` names: the same number, a part
    /// or the whole of it (`countries.A.demand` and `countries.A.demand.visas`), an item of
    /// a wildcard (`posts.*.annual_cost` and `posts.PA.annual_cost`), or a number a
    /// variant derives from it. Found by setting this path a little off its value in a copy
    /// of `s` and reading `other`'s numbers before and after.
    public func overlaps(_ other: ParameterPath, in s: Scenario) -> Bool {
        func numbers(_ t: Scenario) -> [Double] { other.values(in: t) }
        let before = numbers(s)
        var t = s
        let range = self.range, integer = isInteger
        let nudge: (Double) -> Double = { v in
            if v.isNaN { return v }   // an absent budget or cap: nothing to change
            if integer { return v >= range.lowerBound + 1 ? v - 1 : v + 1 }
            let w = v == 0 ? min(range.upperBound, 1e-3) : v * 0.999
            return range.contains(w) ? w : v * 1.001
        }
        guard (try? apply(to: &t, nudge)) != nil else { return false }
        // An absent rule reads as NaN on both sides, and NaN is unequal to itself: compared
        // as arrays, `rules.budget` on a variant without a budget "changed" every other
        // axis's numbers, and a two-axis sweep was refused as overlapping (hostile check).
        let after = numbers(t)
        return after.count != before.count || zip(after, before).contains { $0 != $1 && !($0.isNaN && $1.isNaN) }
    }

    /// Whether setting this path leaves nothing of what `other` wrote before in force: every
    /// number `other` names is then this path's alone (`posts.*.annual_cost` replaces
    /// `posts.PA.annual_cost`, not the reverse; a country's total demand does not replace
    /// one service's, whose share of the total it keeps). Found by writing `other` two ways
    /// in two copies of `s`, setting this path to its value in both, and comparing
    /// `other`'s numbers. True when every number `other` names is unset (nothing of it can
    /// hold); false when it cannot be written otherwise.
    public func replaces(_ other: ParameterPath, in s: Scenario) -> Bool { Self.replace(other, by: [self], in: s) }

    /// Whether setting `writers` one after the other leaves nothing of what `other` wrote
    /// before in force, as `replaces` says of one path: several changes that together cover
    /// a wildcard (`posts.HAV.annual_cost` then `posts.PTY.annual_cost` after
    /// `posts.*.annual_cost` in a state with those two posts). False without writers.
    public static func replace(_ other: ParameterPath, by writers: [ParameterPath], in s: Scenario) -> Bool {
        guard !writers.isEmpty else { return false }
        // Two values `other` can take, near each number it writes: whole ones for a count
        // (a count of 0 written as 0.999 was refused, and read as kept in part), inside its
        // range (a share at 1 written as 1.001 was refused).
        let range = other.range, integer = other.isInteger
        func probe(_ v: Double, _ k: Double) -> Double {
            if v.isNaN { return v }
            if integer { return v + k <= range.upperBound ? v + k : v - k }
            let w = v == 0 ? k * 1e-3 : v * (1 - k * 1e-3)
            return range.contains(w) ? w : v * (1 + k * 1e-3)
        }
        func written(_ k: Double) -> Scenario? {
            var t = s
            guard (try? other.apply(to: &t, { probe($0, k) })) != nil else { return nil }
            return t
        }
        // A number the variant leaves unset (`rules.budget: null`) holds nothing this path
        // could leave in force.
        guard var a = written(1), var b = written(2) else { return other.values(in: s).allSatisfy(\.isNaN) }
        for w in writers {
            let v = w.values(in: s).first { !$0.isNaN } ?? min(max(1, w.range.lowerBound), w.range.upperBound)
            guard (try? w.set(&a, to: v)) != nil, (try? w.set(&b, to: v)) != nil else { return false }
        }
        let (x, y) = (other.values(in: a), other.values(in: b))
        return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// Refuses a range of values the number cannot take (a share scanned to 2), and with
    /// `scenario` a range one of whose ends the scenario refuses (`horizon_years` at 0: the
    /// scan listed that value as a point without a plan, or the search ended there).
    /// `naming` is how the message names the number (a coalition's `STATE:PATH`; the
    /// path by default).
    ///
    /// - Throws: `ParameterError` naming the range and what the path takes.
    public func requireRange(_ bounds: ClosedRange<Double>, in scenario: Scenario? = nil, naming: String? = nil) throws(ParameterError) {
        let text = naming ?? self.text
        guard range.contains(bounds.lowerBound), range.contains(bounds.upperBound) else {
            throw ParameterError("--range \(Reading.format(bounds.lowerBound))..\(Reading.format(bounds.upperBound)): \(text) takes values in "
                                 + "\(Reading.format(range.lowerBound))…\(Reading.format(range.upperBound))")
        }
        // The values tried lie between the ends: a range inside ±1e-9 holds only values the
        // file and --set refuse (a tipping search of 0..1e-300 ended in GLPK errors, exit 1).
        if max(abs(bounds.lowerBound), abs(bounds.upperBound)) < Reading.smallest {
            throw ParameterError("--range \(Reading.format(bounds.lowerBound))..\(Reading.format(bounds.upperBound)): \(text) takes 0 or values at "
                                 + "least 1e-9 in magnitude, as in the file; give a wider range")
        }
        // An end the file and --set refuse as too small to be meaningful (1e-320), as a sweep does.
        for end in [bounds.lowerBound, bounds.upperBound] where end != 0 && abs(end) < Reading.smallest {
            throw ParameterError("--range \(Reading.format(bounds.lowerBound))..\(Reading.format(bounds.upperBound)): \(text) = \(Reading.format(end)) is too small "
                                 + "to be meaningful (0, or at least 1e-9 in magnitude), as in the file and --set")
        }
        if let scenario, let (end, error) = refusal(of: [bounds.lowerBound, bounds.upperBound], in: scenario) {
            throw ParameterError("--range \(Reading.format(bounds.lowerBound))..\(Reading.format(bounds.upperBound)): \(text) cannot be \(Reading.format(end)): \(error)")
        }
    }

    /// The first of `values` that `s` refuses for this number (a horizon of 0), with why;
    /// each tried on its own copy (a demand set to 0 first has nothing left to scale across
    /// its services at the next value: a valid 0..1000 was refused). Nil when `s` takes all.
    public func refusal(of values: [Double], in s: Scenario) -> (value: Double, error: ParameterError)? {
        for v in values {
            var probe = s
            do { try set(&probe, to: v) } catch { return (v, error) }
        }
        return nil
    }

    /// Refuses a value the file and `--set` would refuse as too small to be meaningful
    /// (not 0, under 1e-9 in magnitude: GLPK is given no such number), for values a user
    /// gives a sweep or a search.
    ///
    /// - Throws: `ParameterError` naming the path and the value.
    public func requireMeaningful(_ v: Double) throws(ParameterError) {
        if v != 0 && abs(v) < Reading.smallest {
            throw ParameterError("\(text) = \(v) is too small to be meaningful here (0, or at least 1e-9 in magnitude), as in the file and --set")
        }
    }

    /// True when this path writes the derived number `t` itself.
    func overrides(_ t: Scenario.DerivedDefault.Target) -> Bool {
        func picks(_ id: String, _ other: String) -> Bool { id == "*" || id == other }
        switch (target, t) {
        case (.post(let id, .caseCost), .postCaseCost(let post, _)): return picks(id, post)
        case (.postServiceCaseCost(let id, let sv), .postCaseCost(let post, let service)): return picks(id, post) && picks(sv, service)
        case (.service(let id, .caseCost), .serviceCaseCost(let service)): return picks(id, service)
        case (.service(let id, .unservedPenalty), .serviceUnservedPenalty(let service)): return picks(id, service)
        case (.interestShare(let id, let acc), .interestShare(let interest, let accredited)): return picks(id, interest) && acc == accredited
        default: return false
        }
    }

    /// Sets the number to `value`.
    public func set(_ s: inout Scenario, to value: Double) throws(ParameterError) {
        try apply(to: &s) { _ in value }
    }
}

/// A parameter path or value that cannot be used.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// The problem behind this one has been reported already (a coalition state whose
    /// own file is invalid): a reader skips the item without a second message.
    public var reportedElsewhere = false
    /// The path with its misspelt name replaced by the one suggested (`posts.HAV.annual_cost`
    /// for `posts.HAVV.annual_cost`), so that a reader can still check what depends on the
    /// path (a range a running cost cannot take); nil without a suggestion.
    public var suggestion: String? = nil
    public init(_ d: String) { description = d }
    /// A parameter of a state whose own scenario could not be read: its errors are
    /// reported, and its parameters cannot be checked.
    static func stateInvalid(_ state: String) -> ParameterError {
        var e = ParameterError("state \(state) could not be read (its errors are reported above)")
        e.reportedElsewhere = true
        return e
    }
}

/// An analysis found no plan where it needed one (a state infeasible alone, a failed
/// solve): the input was valid, the planning failed (the command line exits 1, as for a
/// plain solve, not 2 as for invalid input).
public struct NoPlanError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
