import Foundation

/// Why a plan looks as it does: per post what it costs, carries and what
/// forcing the other decision would cost; per country why it has its presence.
public struct Explanation: Sendable {
    public struct PostLine: Sendable {
        public var id: String
        public var country: String
        public var decision: PostOutcome.Decision
        /// Yearly cost as in the plan (running, or spread one-off costs).
        public var cost: Double
        public var cases: Double
        public var casesFromAbroad: Double
        /// Value of the presence that rests on this post alone.
        public var valueCarried: Double
        /// Net benefit lost if the decision were forced the other way; nil when
        /// the scenario already forces it; +∞ when the other way is infeasible.
        public var regret: Double?
        public var forced: Post.Force?
    }
    public struct CountryLine: Sendable {
        public var id: String
        public var presence: PresenceMode
        public var value: Double
        public var fullValue: Double
        public var reason: String
    }
    public var plan: Plan
    public var posts: [PostLine]
    public var countries: [CountryLine]
    public var solves: Int
}

public enum Explain {
    public static func run(_ s: Scenario, planner: Planner) throws -> Explanation {
        let plan = try planner.solve(s)
        guard plan.hasSolution else {
            throw ParameterError("variant \(s.variant) has no solution (\(plan.status)); nothing to explain")
        }
        // One re-solve per post, the decision forced the other way, in parallel.
        let free = s.posts.indices.filter { s.posts[$0].force == nil }
        let flipped: [Scenario] = free.map { i in
            var t = s
            t.posts[i].force = plan.posts[i].isOpen ? .closed : .open
            return t
        }
        let alternatives = try planner.solveAll(flipped)
        var regret: [String: Double] = [:]
        for (k, i) in free.enumerated() {
            let alt = alternatives[k]
            regret[s.posts[i].id] = alt.hasSolution ? max(0, plan.netBenefit - alt.netBenefit) : .infinity
        }
        // Value resting on a post alone: its home country's resident value when it
        // is the only open post there; accredited value where it is the only cover.
        let f = NetworkFormulation(s)
        var valueCarried = Array(repeating: 0.0, count: s.posts.count)
        let openIdx = Set(plan.posts.indices.filter { plan.posts[$0].isOpen })
        for (ci, c) in plan.countries.enumerated() {
            switch c.presence {
            case .resident:
                let home = s.posts.indices.filter { s.posts[$0].country == c.id && openIdx.contains($0) }
                if home.count == 1 { valueCarried[home[0]] += c.value - fallbackValue(ci, excluding: home[0], f, plan, s) }
            case .accredited:
                let covering = Set(f.flows.filter { $0.country == ci && !$0.isHome && openIdx.contains($0.post) }.map(\.post))
                if covering.count == 1, let p = covering.first {
                    valueCarried[p] += c.value - fallbackValue(ci, excluding: p, f, plan, s)
                }
            default: break
            }
        }
        let posts = plan.posts.enumerated().map { i, p in
            Explanation.PostLine(id: p.id, country: p.country, decision: p.decision, cost: p.cost, cases: p.cases,
                                 casesFromAbroad: p.casesFromAbroad, valueCarried: valueCarried[i],
                                 regret: regret[p.id], forced: p.forced)
        }
        let countries = plan.countries.enumerated().map { ci, c in
            Explanation.CountryLine(id: c.id, presence: c.presence, value: c.value, fullValue: c.fullValue,
                                    reason: reason(ci, c, f, plan, s))
        }
        return Explanation(plan: plan, posts: posts, countries: countries, solves: 1 + alternatives.count)
    }

    /// Value the country would keep without post `p` (next best presence).
    static func fallbackValue(_ ci: Int, excluding p: Int, _ f: NetworkFormulation, _ plan: Plan, _ s: Scenario) -> Double {
        let c = s.countries[ci]
        let open = plan.posts.indices.filter { plan.posts[$0].isOpen && $0 != p }
        if open.contains(where: { s.posts[$0].country == c.id }) { return f.fullValue[ci] }
        var share = 0.0
        if f.flows.contains(where: { $0.country == ci && !$0.isHome && open.contains($0.post) }) { share = s.presence.accredited }
        if s.partners.contains(where: { $0.country == c.id && $0.presence }) { share = max(share, s.presence.represented) }
        return f.fullValue[ci] * share
    }

    static func reason(_ ci: Int, _ c: CountryOutcome, _ f: NetworkFormulation, _ plan: Plan, _ s: Scenario) -> String {
        let open = plan.posts.indices.filter { plan.posts[$0].isOpen }
        let home = open.filter { s.posts[$0].country == c.id }.map { s.posts[$0].id }
        let covering = Set(f.flows.filter { $0.country == ci && !$0.isHome && open.contains($0.post) }.map { s.posts[$0.post].id }).sorted()
        let partners = s.partners.filter { $0.country == c.id && $0.presence }.map(\.by)
        let closedHome = plan.posts.filter { $0.country == c.id && $0.decision == .closed }.map(\.id)
        var parts: [String] = []
        switch c.presence {
        case .resident: parts.append("resident post\(home.count > 1 ? "s" : "") \(home.joined(separator: ", ")) open")
        case .accredited: parts.append("covered from \(covering.joined(separator: ", ")) (\(Fmt.percent(s.presence.accredited, decimals: 0)) of its value)")
        case .represented: parts.append("represented by \(partners.joined(separator: ", ")) (\(Fmt.percent(s.presence.represented, decimals: 0)) of its value)")
        case .none: parts.append(c.fullValue > 0 ? "no open post covers it and no partner offers presence" : "no value at stake")
        }
        if !closedHome.isEmpty { parts.append("\(closedHome.joined(separator: ", ")) closed") }
        if c.unserved > 0 { parts.append("\(Fmt.money(c.unserved)) cases unserved") }
        return parts.joined(separator: "; ")
    }
}
