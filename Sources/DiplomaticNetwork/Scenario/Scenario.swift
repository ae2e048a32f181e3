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
    /// Changes given on the command line after the variant's own
    /// (`PATH=VALUE` as written; `ScenarioFile.load(_:set:)`); empty for most runs.
    public var changes: [String] = []
    /// The file's `dipnet:` version (1 or 2).
    public var formatVersion: Int = 1
    /// Kinds of case (`model.md`, version 2: `T`), in declaration order; a file
    /// without `services` has one, `consular`, with the `costs:` values.
    public var services: [Service] = [Service.implicit]
    /// True when the file declares `services` (names then carry the service).
    public var servicesDeclared = false
    /// Named lines of value (`I`), in declaration order.
    public var interests: [Interest] = []
    /// Numbers a variant's `scale` of an absent key took from another key's value
    /// (`docs/model.md`, Variants: `services.S.case_cost` from `costs.case_cost`, a
    /// post's absent `case_cost` from `g_s`, …), kept so that a sweep, draw or
    /// tipping search that changes the source changes them too, as `--set` does.
    public var derivedDefaults: [DerivedDefault] = []

    /// A number set to `factor` times the default it had when the variant scaled it.
    public struct DerivedDefault: Sendable, Hashable {
        public enum Target: Sendable, Hashable {
            /// `services.S.case_cost` = factor × `costs.case_cost`.
            case serviceCaseCost(service: String)
            /// `services.S.unserved_penalty` = factor × `costs.unserved_case_penalty`.
            case serviceUnservedPenalty(service: String)
            /// `interests.I.accredited|represented` = factor × `presence.accredited|represented`.
            case interestShare(interest: String, accredited: Bool)
            /// `posts.P.case_cost.S` = factor × `g_s` (read after the services' own).
            case postCaseCost(post: String, service: String)
        }
        public var target: Target
        public var factor: Double
        public init(target: Target, factor: Double) {
            self.target = target
            self.factor = factor
        }
    }

    /// Recomputes every derived default from its source as it stands now: the
    /// services' and interests' first, then the posts' (which read `g_s`), as
    /// `PathEditor.finish` does for a document. On an unchanged scenario it
    /// writes the values it already holds.
    public mutating func rederiveDefaults() {
        for d in derivedDefaults {
            switch d.target {
            case .serviceCaseCost(let id):
                if let k = serviceIndex(id) { services[k].caseCost = d.factor * costs.caseCost }
            case .serviceUnservedPenalty(let id):
                if let k = serviceIndex(id) { services[k].unservedPenalty = d.factor * costs.unservedCasePenalty }
            case .interestShare(let id, let accredited):
                if let k = interests.firstIndex(where: { $0.id == id }) {
                    if accredited { interests[k].accredited = d.factor * presence.accredited }
                    else { interests[k].represented = d.factor * presence.represented }
                }
            case .postCaseCost: break
            }
        }
        for d in derivedDefaults {
            guard case .postCaseCost(let id, let service) = d.target, let k = serviceIndex(service),
                  let i = posts.firstIndex(where: { $0.id == id }) else { continue }
            posts[i].caseCosts[service] = d.factor * caseCost(service: k)
        }
    }

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

    /// Value of full (resident) presence in a country from the criteria:
    /// `V_c = Σ_k w_k s_ck`, money a year (interests not included).
    public func fullValue(_ c: Country) -> Double {
        criteria.reduce(0) { $0 + $1.weight * (c.scores[$1.id] ?? 0) }
    }

    /// Position of a service in `services`.
    public func serviceIndex(_ id: String) -> Int? { services.firstIndex { $0.id == id } }

    /// `g_s`: default cost of a case of service `k`, money per case.
    public func caseCost(service k: Int) -> Double { services[k].caseCost ?? costs.caseCost }

    /// `π_s`: penalty for an unhandled case of service `k`, money per case.
    public func unservedPenalty(service k: Int) -> Double { services[k].unservedPenalty ?? costs.unservedCasePenalty }

    /// `g_ps` (`model.md`, version 2): the post's mapping, else its number,
    /// else the service's cost, else `costs.case_cost`; money per case.
    public func caseCost(post p: Post, service k: Int) -> Double {
        p.caseCosts[services[k].id] ?? p.caseCost ?? caseCost(service: k)
    }

    /// True when post `p` offers service `k` (`svc(p)`; absent list: all).
    public func offers(_ p: Post, service k: Int) -> Bool { p.services.map { $0.contains(services[k].id) } ?? true }

    /// The post a path `posts.ID.case_cost.SERVICE` names when that post does not offer the
    /// service: no case of it is handled there, so the number bears on nothing (read by the
    /// uncertainty section's warning and by `simulate`'s inert inputs). Nil for any other path,
    /// a wildcard, an unknown post or service, or a service the post offers.
    public func postNotOffering(caseCostPath text: String) -> Post? {
        let parts = text.split(separator: ".").map(String.init)
        guard parts.count == 4, parts[0] == "posts", parts[1] != "*", parts[2] == "case_cost",
              let post = posts.first(where: { $0.id == parts[1] }), let k = services.firstIndex(where: { $0.id == parts[3] }),
              !offers(post, service: k) else { return nil }
        return post
    }

    /// True when partner offer `r` takes service `k` (`svc(r)`; absent list: all).
    public func takes(_ r: PartnerOffer, service k: Int) -> Bool { r.services.map { $0.contains(services[k].id) } ?? true }

    /// `h_rs`: the offer's fee per case of service `k` (a mapping charges 0 for
    /// the services it does not name).
    public func fee(_ r: PartnerOffer, service k: Int) -> Double {
        if let byService = r.fees { return byService[services[k].id] ?? 0 }
        return r.fee
    }

    /// `β_i^acc`, `β_i^rep`: shares of interest `i` kept under accredited and
    /// represented presence (absent: `presence.*` as they stand).
    public func shares(of i: Interest) -> (accredited: Double, represented: Double) {
        (i.accredited ?? presence.accredited, i.represented ?? presence.represented)
    }

    /// Value of a country under each presence mode, money a year: criteria
    /// (`V_c` times the mode's share) plus every interest (`I_ci` times its share).
    public func modeValues(_ c: Country) -> (resident: Double, accredited: Double, represented: Double) {
        let v = fullValue(c)
        var out = (resident: v, accredited: v * presence.accredited, represented: v * presence.represented)
        for (k, i) in interests.enumerated() {
            let value = k < c.interests.count ? c.interests[k] : 0
            guard value != 0 else { continue }
            let sh = shares(of: i)
            out.resident += value
            out.accredited += value * sh.accredited
            out.represented += value * sh.represented
        }
        return out
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

/// A kind of case (`model.md`, version 2): its costs, income and workload.
public struct Service: Sendable, Hashable {
    public var id: String
    /// `g_s`, money per case; nil: `costs.case_cost`.
    public var caseCost: Double?
    /// `π_s`, money per unhandled case; nil: `costs.unserved_case_penalty`.
    public var unservedPenalty: Double?
    /// `f_s`: income of a case handled by one of our posts (a visa fee), money per case.
    public var feeIncome: Double = 0
    /// `w_s`: capacity units one case takes at a post.
    public var workload: Double = 1
    /// `remote_s`: may be handled from a post in another country.
    public var remote: Bool = true

    public init(id: String, caseCost: Double? = nil, unservedPenalty: Double? = nil, feeIncome: Double = 0,
                workload: Double = 1, remote: Bool = true) {
        self.id = id
        self.caseCost = caseCost
        self.unservedPenalty = unservedPenalty
        self.feeIncome = feeIncome
        self.workload = workload
        self.remote = remote
    }

    /// The one service of a file that declares none.
    public static let implicit = Service(id: "consular")
}

/// A named line of value (`model.md`, version 2: `I`), e.g. an argument of a debate.
public struct Interest: Sendable, Hashable {
    public var id: String
    public var label: String?
    public var source: String?
    /// `β_i^acc`, `β_i^rep`; nil: `presence.accredited` / `presence.represented`.
    public var accredited: Double?
    public var represented: Double?

    public init(id: String, label: String? = nil, source: String? = nil, accredited: Double? = nil, represented: Double? = nil) {
        self.id = id
        self.label = label
        self.source = source
        self.accredited = accredited
        self.represented = represented
    }
}

public struct Country: Sendable, Hashable {
    public var id: String
    public var name: String
    public var region: String?
    /// Capital coordinates, decimal degrees (needed only where a distance is).
    public var lat: Double?
    public var lon: Double?
    /// `D_cs`: cases a year of each service, aligned with `Scenario.services`.
    public var demands: [Double]
    public var scores: [String: Double]
    public var tags: [String]
    /// `I_ci`: value of resident presence for each interest, money a year,
    /// aligned with `Scenario.interests`.
    public var interests: [Double] = []
    /// Where the item's numbers come from, or how they were estimated (`source:`, a CSV
    /// `source` column): text for readers and reports; the model does not read it.
    public var source: String? = nil

    /// Cases a year of every service together. Setting it scales every
    /// service in proportion (a single service takes the value).
    public var demand: Double {
        get { demands.reduce(0, +) }
        set {
            let total = demand
            if demands.count <= 1 { demands = [newValue] }
            else if total > 0 { demands = demands.map { $0 * newValue / total } }
            else { demands = demands.map { _ in newValue / Double(demands.count) } }
        }
    }
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
    /// `Q_p`: capacity units a year (a case of service s takes `workload` units).
    public var capacity: Double
    /// A number `case_cost`: every service's cost at this post.
    public var caseCost: Double?
    public var covers: [String]
    public var reachKm: Double
    public var group: String?
    public var force: Force?
    /// `requires` (beyond the spec; default none): posts of the same scenario that must be
    /// open while this one is (`y_p ≤ y_q`, docs/model.md "Beyond the contract"): a desk
    /// hosted in an embassy, a consulate under its embassy. Ids, in file order.
    public var requires: [String] = []
    /// A mapping `case_cost` by service id (over `caseCost`).
    public var caseCosts: [String: Double] = [:]
    /// `svc(p)`: service ids offered; nil: all.
    public var services: [String]? = nil
    /// `m_p`: diplomats (expatriate career staff) while open.
    public var diplomats: Double = 0
    /// `lvl_p`: the presence an open post gives.
    public var presence: PresenceLevel = .resident
    /// Where the item's numbers come from, or how they were estimated (`source:`, a CSV
    /// `source` column): text for readers and reports; the model does not read it.
    public var source: String? = nil

    /// What an open post gives: resident presence (an embassy), accredited
    /// presence at home only (a desk, a roving ambassador), or none (an honorary consul).
    public enum PresenceLevel: String, Sendable, CaseIterable { case resident, accredited, none }
}

/// An EU partner's post that handles our cases in one country.
public struct PartnerOffer: Sendable, Hashable {
    /// Its `id`, else `COUNTRY:BY` (`#2`, `#3` for repeats): how paths name it.
    public var id: String = ""
    public var country: String
    public var by: String
    /// `cap_r`: cases a year, of every service it takes together.
    public var capacity: Double
    /// A number fee: money per case of every service it takes.
    public var fee: Double
    /// Its presence counts as "represented" presence.
    public var presence: Bool
    /// `only_where_absent` (beyond the spec; default false): the offer takes a service's
    /// cases only while no post of our own in its country that offers the service is open,
    /// as consular protection of unrepresented citizens (Directive (EU) 2015/637, art. 4)
    /// and visa representation (Visa Code, art. 8) work. Without it each case goes where it
    /// costs least, and a partner cheaper than our own post takes cases beside it.
    public var onlyWhereAbsent = false
    /// `svc(r)`: service ids it takes; nil: all.
    public var services: [String]? = nil
    /// A fee mapping by service id (replaces `fee`; services it does not name cost 0).
    public var fees: [String: Double]? = nil
    /// Where the item's numbers come from, or how they were estimated (`source:`, a CSV
    /// `source` column): text for readers and reports; the model does not read it.
    public var source: String? = nil
}

public struct Rules: Sendable, Hashable {
    public var budget: Double?
    /// One share for every case of every service together.
    public var minCoverage: Double?
    /// One share per named service (version 2 mapping), in service order.
    public var minCoverageByService: [(service: String, share: Double)] = []
    public var maxClosures: Int?
    public var maxOpenings: Int?
    public var minResident: [SelectionRule] = []
    public var minPosts: [SelectionRule] = []
    /// `max_diplomats`: diplomats all open posts may need together.
    public var maxDiplomats: Double?
    public init() {}

    public var isEmpty: Bool {
        budget == nil && minCoverage == nil && minCoverageByService.isEmpty && maxClosures == nil && maxOpenings == nil
            && minResident.isEmpty && minPosts.isEmpty && maxDiplomats == nil
    }

    public static func == (a: Rules, b: Rules) -> Bool {
        a.budget == b.budget && a.minCoverage == b.minCoverage && a.maxClosures == b.maxClosures && a.maxOpenings == b.maxOpenings
            && a.minResident == b.minResident && a.minPosts == b.minPosts && a.maxDiplomats == b.maxDiplomats
            && a.minCoverageByService.map(\.service) == b.minCoverageByService.map(\.service)
            && a.minCoverageByService.map(\.share) == b.minCoverageByService.map(\.share)
    }

    public func hash(into h: inout Hasher) {
        h.combine(budget); h.combine(minCoverage); h.combine(maxClosures); h.combine(maxOpenings)
        h.combine(minResident); h.combine(minPosts); h.combine(maxDiplomats)
        for e in minCoverageByService { h.combine(e.service); h.combine(e.share) }
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
