/// A scenario after reading, one variant applied: the sets and parameters of
/// the network model (`model.md`). Money is per year in `currency`.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    public var currency: String
    public var horizonYears: Double
    public var criteria: [Criterion]
    public var presence: PresenceShares
    public var costs: Costs
    public var countries: [Country]
    public var posts: [Post]
    public var partners: [PartnerOffer]
    public var rules: Rules
    public var mode: Mode
    /// The variant this scenario is (`base`, `status-quo`, or a declared one).
    public var variant: String

    public init(name: String, description: String? = nil, currency: String = "", horizonYears: Double = 1,
                criteria: [Criterion] = [], presence: PresenceShares = .init(), costs: Costs = .init(),
                countries: [Country] = [], posts: [Post] = [], partners: [PartnerOffer] = [],
                rules: Rules = .init(), mode: Mode = .optimize, variant: String = "base") {
        self.name = name
        self.description = description
        self.currency = currency
        self.horizonYears = horizonYears
        self.criteria = criteria
        self.presence = presence
        self.costs = costs
        self.countries = countries
        self.posts = posts
        self.partners = partners
        self.rules = rules
        self.mode = mode
        self.variant = variant
    }

    public enum Mode: String, Sendable, CaseIterable {
        case optimize, evaluate
    }

    /// Value of full (resident) presence in a country: `V_c = Σ_k w_k s_ck`.
    public func fullValue(_ c: Country) -> Double {
        criteria.reduce(0) { $0 + $1.weight * (c.scores[$1.id] ?? 0) }
    }

    public func country(_ id: String) -> Country? { countries.first { $0.id == id } }
    public func post(_ id: String) -> Post? { posts.first { $0.id == id } }
}

public struct Criterion: Sendable, Hashable {
    public var id: String
    /// Money a year per score point.
    public var weight: Double
    public var label: String?
}

/// Share of a country's value kept by presence other than resident.
public struct PresenceShares: Sendable, Hashable {
    public var accredited: Double = 0
    public var represented: Double = 0
    public init(accredited: Double = 0, represented: Double = 0) {
        self.accredited = accredited
        self.represented = represented
    }
}

public struct Costs: Sendable, Hashable {
    /// Default cost of one consular case at a post.
    public var caseCost: Double = 0
    /// Extra cost per case served from another country, per 1000 km.
    public var remoteCaseCostPer1000km: Double = 0
    /// Penalty per case nobody handles.
    public var unservedCasePenalty: Double = 0
    public init(caseCost: Double = 0, remoteCaseCostPer1000km: Double = 0, unservedCasePenalty: Double = 0) {
        self.caseCost = caseCost
        self.remoteCaseCostPer1000km = remoteCaseCostPer1000km
        self.unservedCasePenalty = unservedCasePenalty
    }
}

public struct Country: Sendable, Hashable {
    public var id: String
    public var name: String
    public var region: String?
    /// Capital coordinates, decimal degrees (needed only where a distance is).
    public var lat: Double?
    public var lon: Double?
    /// Consular cases a year.
    public var demand: Double
    public var scores: [String: Double]
    public var tags: [String]
}

public struct Post: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable { case existing, candidate }
    public enum Force: String, Sendable, CaseIterable { case open, closed }

    public var id: String
    public var country: String
    public var city: String?
    public var kind: String?
    public var status: Status
    /// The post's own coordinates; nil means its country's capital.
    public var lat: Double?
    public var lon: Double?
    public var annualCost: Double
    public var closeCost: Double
    public var openCost: Double
    public var capacity: Double
    /// Overrides `costs.caseCost` when set.
    public var caseCost: Double?
    public var covers: [String]
    public var reachKm: Double
    public var group: String?
    public var force: Force?
}

/// An EU partner's post that handles our cases in one country.
public struct PartnerOffer: Sendable, Hashable {
    public var country: String
    public var by: String
    public var capacity: Double
    public var fee: Double
    /// Its presence counts as "represented" presence.
    public var presence: Bool
}

public struct Rules: Sendable, Hashable {
    public var budget: Double?
    public var minCoverage: Double?
    public var maxClosures: Int?
    public var maxOpenings: Int?
    public var minResident: [SelectionRule] = []
    public var minPosts: [SelectionRule] = []
    public init() {}

    public var isEmpty: Bool {
        budget == nil && minCoverage == nil && maxClosures == nil && maxOpenings == nil
            && minResident.isEmpty && minPosts.isEmpty
    }
}

/// `{select, count}`: at least `count` of what the selector picks.
public struct SelectionRule: Sendable, Hashable {
    public enum Count: Sendable, Hashable { case all, atLeast(Int) }
    public var select: Selector
    public var count: Count
}

/// Picks countries: every given key must hold.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    public var region: String?
    public var tag: String?
    public var countries: [String]?

    public func matches(_ c: Country) -> Bool {
        if let r = region, c.region != r { return false }
        if let t = tag, !c.tags.contains(t) { return false }
        if let ids = countries, !ids.contains(c.id) { return false }
        return true
    }

    public var description: String {
        var parts: [String] = []
        if let r = region { parts.append("region \(r)") }
        if let t = tag { parts.append("tag \(t)") }
        if let c = countries { parts.append("countries \(c.joined(separator: ", "))") }
        return parts.isEmpty ? "every country" : parts.joined(separator: " and ")
    }
}
