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
             caseCost = "case_cost", reachKm = "reach_km"
    }
    public enum Target: Sendable, Hashable {
        case countryDemand(String)
        case countryScore(String, criterion: String)
        case criterionWeight(String)
        case post(String, PostField)
        case budget, minCoverage, maxClosures, maxOpenings
        case accredited, represented
        case caseCost, remoteCaseCost, unservedPenalty
        case horizon
    }

    public let text: String
    public let target: Target

    public var description: String { text }
    /// True when the path names every country or post (`*`).
    public var isWildcard: Bool {
        switch target {
        case .countryDemand(let id), .countryScore(let id, _), .post(let id, _): id == "*"
        default: false
        }
    }

    /// Parses a path against a scenario; the error says what the path could be.
    public init(_ text: String, in s: Scenario) throws(ParameterError) {
        self.text = text
        let p = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ why: String) -> ParameterError { ParameterError("parameter \"\(text)\" names nothing: \(why)") }
        switch p.first {
        case "countries":
            guard p.count >= 3 else { throw fail("expected countries.ID.demand or countries.ID.scores.CRITERION") }
            if p[1] != "*", s.country(p[1]) == nil {
                throw fail("no country \"\(p[1])\"\(didYouMean(p[1], s.countries.map(\.id)))")
            }
            if p.count == 3, p[2] == "demand" { target = .countryDemand(p[1]); return }
            if p.count == 4, p[2] == "scores" {
                guard s.criteria.contains(where: { $0.id == p[3] }) else {
                    throw fail("no criterion \"\(p[3])\"\(didYouMean(p[3], s.criteria.map(\.id)))")
                }
                target = .countryScore(p[1], criterion: p[3])
                return
            }
            throw fail("the numbers of a country are demand and scores.CRITERION")
        case "posts":
            guard p.count == 3 else { throw fail("expected posts.ID.FIELD") }
            if p[1] != "*", s.post(p[1]) == nil { throw fail("no post \"\(p[1])\"\(didYouMean(p[1], s.posts.map(\.id)))") }
            guard let f = PostField(rawValue: p[2]) else {
                throw fail("the numbers of a post are \(PostField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            target = .post(p[1], f)
        case "criteria":
            guard p.count == 3, p[2] == "weight" else { throw fail("expected criteria.ID.weight") }
            guard s.criteria.contains(where: { $0.id == p[1] }) else {
                throw fail("no criterion \"\(p[1])\"\(didYouMean(p[1], s.criteria.map(\.id)))")
            }
            target = .criterionWeight(p[1])
        default:
            let simple: [String: Target] = [
                "rules.budget": .budget, "rules.min_coverage": .minCoverage, "rules.max_closures": .maxClosures,
                "rules.max_openings": .maxOpenings, "presence.accredited": .accredited, "presence.represented": .represented,
                "costs.case_cost": .caseCost, "costs.remote_case_cost_per_1000km": .remoteCaseCost,
                "costs.unserved_case_penalty": .unservedPenalty, "horizon_years": .horizon,
            ]
            guard let t = simple[text] else {
                throw fail("expected one of \(simple.keys.sorted().joined(separator: ", ")), countries.ID.demand, countries.ID.scores.K, criteria.K.weight, posts.ID.FIELD\(didYouMean(text, simple.keys))")
            }
            target = t
        }
    }

    /// The current value (for a wildcard, the first item's); nil when unset (e.g. no budget).
    public func value(in s: Scenario) -> Double? {
        switch target {
        case .countryDemand(let id): return (id == "*" ? s.countries.first : s.country(id))?.demand
        case .countryScore(let id, let k): return (id == "*" ? s.countries.first : s.country(id)).map { $0.scores[k] ?? 0 }
        case .criterionWeight(let id): return s.criteria.first { $0.id == id }?.weight
        case .post(let id, let f):
            guard let p = id == "*" ? s.posts.first : s.post(id) else { return nil }
            switch f {
            case .annualCost: return p.annualCost
            case .closeCost: return p.closeCost
            case .openCost: return p.openCost
            case .capacity: return p.capacity
            case .caseCost: return p.caseCost ?? s.costs.caseCost
            case .reachKm: return p.reachKm
            }
        case .budget: return s.rules.budget
        case .minCoverage: return s.rules.minCoverage
        case .maxClosures: return s.rules.maxClosures.map(Double.init)
        case .maxOpenings: return s.rules.maxOpenings.map(Double.init)
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
        case .minCoverage, .accredited, .represented: 0...1
        default: 0...1e15
        }
    }

    public var isInteger: Bool {
        switch target {
        case .maxClosures, .maxOpenings: true
        default: false
        }
    }

    /// Sets the number; `transform` maps the current value to the new one
    /// (called once per item for a wildcard, so each may get its own draw).
    public func apply(to s: inout Scenario, _ transform: (Double) -> Double) throws(ParameterError) {
        func checked(_ v: Double) throws(ParameterError) -> Double {
            guard v.isFinite, range.contains(v) else {
                throw ParameterError("\(text) = \(v) is outside \(Reading.format(range.lowerBound))…\(Reading.format(range.upperBound))")
            }
            if target == .horizon, v == 0 { throw ParameterError("horizon_years must be > 0") }
            return isInteger ? v.rounded(.down) : v
        }
        switch target {
        case .countryDemand(let id):
            for i in s.countries.indices where id == "*" || s.countries[i].id == id {
                s.countries[i].demand = try checked(transform(s.countries[i].demand))
            }
        case .countryScore(let id, let k):
            for i in s.countries.indices where id == "*" || s.countries[i].id == id {
                s.countries[i].scores[k] = try checked(transform(s.countries[i].scores[k] ?? 0))
            }
        case .criterionWeight(let id):
            for i in s.criteria.indices where s.criteria[i].id == id { s.criteria[i].weight = try checked(transform(s.criteria[i].weight)) }
        case .post(let id, let f):
            for i in s.posts.indices where id == "*" || s.posts[i].id == id {
                switch f {
                case .annualCost: s.posts[i].annualCost = try checked(transform(s.posts[i].annualCost))
                case .closeCost: s.posts[i].closeCost = try checked(transform(s.posts[i].closeCost))
                case .openCost: s.posts[i].openCost = try checked(transform(s.posts[i].openCost))
                case .capacity: s.posts[i].capacity = try checked(transform(s.posts[i].capacity))
                case .caseCost: s.posts[i].caseCost = try checked(transform(s.posts[i].caseCost ?? s.costs.caseCost))
                case .reachKm: s.posts[i].reachKm = try checked(transform(s.posts[i].reachKm))
                }
            }
        case .budget:
            guard let b = s.rules.budget else { throw ParameterError("rules.budget is not set in this variant; set it before varying it") }
            s.rules.budget = try checked(transform(b))
        case .minCoverage: s.rules.minCoverage = try checked(transform(s.rules.minCoverage ?? 0))
        case .maxClosures: s.rules.maxClosures = Int(try checked(transform(Double(s.rules.maxClosures ?? s.posts.count))))
        case .maxOpenings: s.rules.maxOpenings = Int(try checked(transform(Double(s.rules.maxOpenings ?? s.posts.count))))
        case .accredited: s.presence.accredited = try checked(transform(s.presence.accredited))
        case .represented: s.presence.represented = try checked(transform(s.presence.represented))
        case .caseCost: s.costs.caseCost = try checked(transform(s.costs.caseCost))
        case .remoteCaseCost: s.costs.remoteCaseCostPer1000km = try checked(transform(s.costs.remoteCaseCostPer1000km))
        case .unservedPenalty: s.costs.unservedCasePenalty = try checked(transform(s.costs.unservedCasePenalty))
        case .horizon: s.horizonYears = try checked(transform(s.horizonYears))
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
    public init(_ d: String) { description = d }
}
