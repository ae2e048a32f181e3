import Foundation

/// Why a plan looks as it does: per post what it costs, carries and what
/// forcing the other decision would cost; per country why it has its presence.
public struct Explanation: Sendable {
    public struct PostLine: Sendable {
        public var id: String
        public var country: String
        /// The post's city, when the scenario gives one (post ids may read like a
        /// country's: CAN is Guangzhou's consulate, not Canada).
        public var city: String? = nil
        public var decision: PostOutcome.Decision
        /// Yearly cost as in the plan (running, or spread one-off costs).
        public var cost: Double
        public var cases: Double
        public var casesFromAbroad: Double
        /// Value of the presence that rests on this post alone.
        public var valueCarried: Double
        /// Net benefit lost if the decision were forced the other way, money a
        /// year; negative (a gain) only in evaluate mode, where the network as it
        /// stands is not optimised; nil when the scenario already forces it or when
        /// the re-solve stopped before proving its optimum (`regretUnproven`); +∞
        /// when the other way is infeasible.
        public var regret: Double?
        public var forced: Post.Force?
        /// Whether the re-solve with the decision forced the other way stopped (a time
        /// limit, `--gap`, an interrupt) before proving its optimum or that it has none:
        /// the regret is then not known, and left nil (it read "infeasible" for a re-solve
        /// that merely ran out of time, and a gap gave negative regrets).
        public var regretUnproven = false
        /// When the other way is infeasible: the rules (by key: `min_coverage.passports`,
        /// `budget`) that the smallest relaxation of that re-solve breaks, every rule made
        /// violable at a price (`Diagnose`'s elastic model, forced decisions kept); "a
        /// forced decision or group" (", group or requirement" where posts require others) when
        /// no rule relaxation helps; empty when not known.
        public var infeasibleBecause: [String] = []
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
    /// Explains the plan of `s`: per post its cost, cases, the value resting on it and
    /// its regret (one re-solve per post not forced, with its decision forced the other
    /// way, on the planner's worker threads); per country why it has its presence.
    ///
    /// - Throws: `ParameterError` when `s` has no plan, or (optimising) when its plan is
    ///   not proven optimal (a time limit or `--gap` stopped it): a regret is measured
    ///   against the optimum. The solver's errors.
    public static func run(_ s: Scenario, planner: Planner) throws -> Explanation {
        let plan = try planner.solve(s)
        guard plan.hasSolution else {
            throw ParameterError("variant \(s.variant) has no solution (\(plan.status)); nothing to explain")
        }
        // A regret is the optimum's lead over a plan forced otherwise: against a plan within a
        // gap it read negative (−100,000 for two posts under --gap 0.05).
        if s.mode == .optimize, plan.termination != .optimal {
            throw ParameterError("variant \(s.variant)'s plan is not proven optimal (\(plan.termination.description)): explain measures each "
                                 + "post's regret against the optimum; give the solve more time (--time-limit) or drop --gap")
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
        var unproven: Set<String> = []
        var because: [String: [String]] = [:]
        var diagnosisSolves = 0
        for (k, i) in free.enumerated() {
            let alt = alternatives[k]
            // An optimum's regret is ≥ 0 up to the solver's tolerance; in evaluate mode the
            // network as it stands may lose to the other decision: a negative regret, the gain.
            let loss = plan.netBenefit - alt.netBenefit
            let noise = s.mode == .optimize && loss < 0 && -loss <= 1e-6 * max(1, abs(plan.netBenefit))
            switch alt.termination {
            case .optimal: regret[s.posts[i].id] = noise ? 0 : loss
            case .infeasible:
                regret[s.posts[i].id] = .infinity
                // Which rules the other decision breaks (an analyst saw "infeasible" for four
                // posts and had to guess the passports' coverage rule): one elastic re-solve,
                // every rule violable at a price, as `solve`'s diagnosis does, in its time bound.
                diagnosisSolves += 1
                because[s.posts[i].id] = try Diagnose.rulesThatMustGive(flipped[k], options: planner.options) ?? [flipped[k].posts.contains { !$0.requires.isEmpty } ? "a forced decision, group or requirement" : "a forced decision or group"]
            default: unproven.insert(s.posts[i].id)   // stopped early: its optimum, or that it has none, not known
            }
        }
        // Value resting on a post alone: what its country (home) or the
        // countries it covers would lose without it, given the other open posts.
        let f = NetworkFormulation(s)
        var valueCarried = Array(repeating: 0.0, count: s.posts.count)
        let openIdx = Set(plan.posts.indices.filter { plan.posts[$0].isOpen })
        for (ci, c) in plan.countries.enumerated() where c.presence == .resident || c.presence == .accredited {
            let givers = Set(f.reach.filter { $0.country == ci && openIdx.contains($0.post) && gives(c.presence, s.posts[$0.post], $0) }.map(\.post))
            if givers.count == 1, let p = givers.first {
                valueCarried[p] += c.value - fallbackValue(ci, excluding: p, f, plan, s)
            }
        }
        let posts = plan.posts.enumerated().map { i, p in
            Explanation.PostLine(id: p.id, country: p.country, city: s.posts[i].city, decision: p.decision, cost: p.cost, cases: p.cases,
                                 casesFromAbroad: p.casesFromAbroad, valueCarried: valueCarried[i],
                                 regret: regret[p.id], forced: p.forced, regretUnproven: unproven.contains(p.id),
                                 infeasibleBecause: because[p.id] ?? [])
        }
        let countries = plan.countries.enumerated().map { ci, c in
            Explanation.CountryLine(id: c.id, presence: c.presence, value: c.value, fullValue: c.fullValue,
                                    reason: reason(ci, c, f, plan, s))
        }
        return Explanation(plan: plan, posts: posts, countries: countries, solves: 1 + alternatives.count + diagnosisSolves)
    }

    /// True when post `p` on this reach pair gives the presence mode.
    static func gives(_ mode: PresenceMode, _ p: Post, _ r: NetworkFormulation.Reach) -> Bool {
        switch mode {
        case .resident: r.isHome && p.presence == .resident
        case .accredited: (r.isHome && p.presence == .accredited) || (!r.isHome && p.presence == .resident)
        default: false
        }
    }

    /// Value the country would keep without post `p` (next best presence).
    static func fallbackValue(_ ci: Int, excluding p: Int, _ f: NetworkFormulation, _ plan: Plan, _ s: Scenario) -> Double {
        let c = s.countries[ci]
        let worth = s.modeValues(c)
        let open = Set(plan.posts.indices.filter { plan.posts[$0].isOpen && $0 != p })
        let pairs = f.reach.filter { $0.country == ci && open.contains($0.post) }
        if pairs.contains(where: { gives(.resident, s.posts[$0.post], $0) }) { return worth.resident }
        var best = 0.0
        if pairs.contains(where: { gives(.accredited, s.posts[$0.post], $0) }) { best = worth.accredited }
        if s.partners.contains(where: { $0.country == c.id && $0.presence }) { best = max(best, worth.represented) }
        return best
    }

    static func reason(_ ci: Int, _ c: CountryOutcome, _ f: NetworkFormulation, _ plan: Plan, _ s: Scenario) -> String {
        let open = Set(plan.posts.indices.filter { plan.posts[$0].isOpen })
        let pairs = f.reach.filter { $0.country == ci && open.contains($0.post) }
        let home = pairs.filter { gives(.resident, s.posts[$0.post], $0) }.map { s.posts[$0.post].id }
        let covering = Set(pairs.filter { gives(.accredited, s.posts[$0.post], $0) }.map { s.posts[$0.post].id }).sorted()
        let kept = c.fullValue > 0 ? c.value / c.fullValue : (c.presence == .accredited ? s.presence.accredited : s.presence.represented)
        let partners = s.partners.filter { $0.country == c.id && $0.presence }.map(\.by)
        let closedHome = plan.posts.filter { $0.country == c.id && $0.decision == .closed }.map(\.id)
        var parts: [String] = []
        switch c.presence {
        case .resident: parts.append("resident post\(home.count > 1 ? "s" : "") \(home.joined(separator: ", ")) open")
        case .accredited: parts.append("covered from \(covering.joined(separator: ", ")) (\(Fmt.percent(kept, decimals: 0)) of its value)")
        case .represented: parts.append("represented by \(partners.joined(separator: ", ")) (\(Fmt.percent(kept, decimals: 0)) of its value)")
        case .none: parts.append(c.fullValue > 0 ? "no open post covers it and no partner offers presence" : "no value at stake")
        }
        if !closedHome.isEmpty { parts.append("\(closedHome.joined(separator: ", ")) closed") }
        if c.unserved > 0 {
            // Under half a case is shown with its decimal ("0 cases unserved" read as none).
            let shown = c.unserved < 0.5 ? String(format: "%.2g", c.unserved) : Fmt.money(c.unserved)
            parts.append("\(shown) case\(shown == "1" ? "" : "s") unserved")
        }
        return parts.joined(separator: "; ")
    }
}
