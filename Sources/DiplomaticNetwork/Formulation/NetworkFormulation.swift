import LinearProgramming

/// The mixed-integer program of `model.md` (format versions 1 and 2) for one
/// scenario, with handles to every variable so that a solution can be read
/// back as a plan.
///
/// Names come from scenario ids: `open[HAV]`, `serve[CUB,HAV]`,
/// `partner[CUB,ESP]`, `unserved[CUB]`, `demand[CUB]`, `cap[HAV]`,
/// `link[CUB,HAV]`; when the file declares services, flows, demand rows and
/// unserved cases carry the service: `serve[CUB,HAV,visas]`, `demand[CUB,visas]`.
/// A file without services builds exactly the version 1 model.
public struct NetworkFormulation: Sendable {
    /// Which constraints an elastic formulation may violate, at a price.
    public struct Elastic: Sendable, Hashable {
        /// Rule rows made soft, by key (`budget`, `min_coverage`, `min_resident[0]`, …).
        public var rules: Set<String>
        public var forcedDecisions: Bool
        /// The rows between posts: groups (`group[G]`) and requirements (`requires[P,Q]`).
        public var groups: Bool
        public init(rules: Set<String>, forcedDecisions: Bool, groups: Bool) {
            self.rules = rules
            self.forcedDecisions = forcedDecisions
            self.groups = groups
        }
    }

    /// A violation variable of an elastic formulation and what it relaxes.
    public struct Slack: Sendable {
        public enum Kind: Sendable, Hashable { case rule(String), forced(post: String), group(String), requirement(post: String, requires: String) }
        public var kind: Kind
        public var variable: Variable
    }

    /// A country a post can serve: its home country, or one of `S_p`.
    public struct Reach: Sendable {
        public var country: Int
        public var post: Int
        /// Distance from the country's capital to the post, km; 0 at home.
        public var distanceKm: Double
        public var isHome: Bool
    }

    /// `x_cps`: cases of one service of a country handled at a post.
    public struct Flow: Sendable {
        public var country: Int
        public var post: Int
        /// Index into `Scenario.services`.
        public var service: Int
        public var variable: Variable
        /// g_ps + e·dist/1000: cost of one case on this pair, money.
        public var unitCost: Double
        /// f_s: income of one case, money.
        public var income: Double
        /// Distance from the country's capital to the post; 0 at home.
        public var distanceKm: Double
        public var isHome: Bool
    }

    /// `z_rs`: cases of one service a partner offer takes.
    public struct PartnerFlow: Sendable {
        public var offer: Int
        public var service: Int
        public var variable: Variable
        /// h_rs, money per case.
        public var fee: Double
    }

    /// The objective's parts over the model's variables, money a year
    /// (model.md, Objective): net benefit = value + income − cost − penalty.
    public struct ObjectiveParts: Sendable {
        public var value: LinearExpression
        public var income: LinearExpression
        public var cost: LinearExpression
        public var penalty: LinearExpression
    }

    public let scenario: Scenario
    /// The objective's parts (also when the model minimises a violation instead).
    public let parts: ObjectiveParts
    public private(set) var model: Model
    /// y_p, aligned with `scenario.posts`.
    public let open: [Variable]
    /// Every (country, post) pair a post can serve, home first for each post.
    public let reach: [Reach]
    public let flows: [Flow]
    /// z_rs of every offer and service it takes (only where there is demand,
    /// but every offer of a file without services, as in version 1).
    public let partnerFlows: [PartnerFlow]
    /// u_cs per country, by service index (nil where the service has no demand there).
    public let unservedByService: [[Variable?]]
    /// ρ_c, a_c, e_c, aligned with `scenario.countries`.
    public let resident: [Variable]
    public let accredited: [Variable]
    public let represented: [Variable]
    /// V_c per country (criteria only).
    public let fullValue: [Double]
    /// The rows of the rules, when imposed (optimize mode).
    public let ruleRows: [String: Constraint]
    /// Violation variables (elastic formulations only).
    public let slacks: [Slack]

    /// z_r of each offer when the file has one service (version 1's `partnerCases`).
    public var partnerCases: [Variable] {
        var out: [Variable] = []
        for pf in partnerFlows where pf.service == 0 { out.append(pf.variable) }
        return out
    }

    public init(_ s: Scenario) { self.init(s, elastic: nil) }

    /// With `elastic`, the chosen constraints get violation variables and the
    /// objective becomes the smallest total violation (each normalised by its
    /// scale: a budget by the budget, a share as it is, counts as they are).
    public init(_ s: Scenario, elastic: Elastic?) { self.init(s, elastic: elastic, linkingRows: true) }

    /// `linkingRows: false` leaves out the rows `x_cps ≤ D_cs·y_p` (they only
    /// tighten the relaxation; capacity rows already close a post's flows): for
    /// measuring what they cost (`network-bench --no-linking`).
    @_spi(Benchmarks)
    public init(_ s: Scenario, elastic: Elastic?, linkingRows: Bool) {
        var m = Model(name: s.name)
        let countryIndex = Dictionary(s.countries.indices.map { (s.countries[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let H = s.horizonYears
        let evaluate = s.mode == .evaluate
        let named = s.servicesDeclared
        let nS = s.services.count
        func tag(_ k: Int) -> String { named ? ",\(modelNameID(s.services[k].id))" : "" }

        // y_p
        var open: [Variable] = []
        var slacks: [Slack] = []
        var violation = LinearExpression()
        for p in s.posts {
            let y = m.addVariable("open[\(modelNameID(p.id))]", .binary)
            var fixed: Double? = nil
            if evaluate { fixed = p.status == .existing ? 1 : 0 }
            switch p.force {
            case .open?: fixed = 1
            case .closed?: fixed = 0
            case nil: break
            }
            if let v = fixed {
                if let e = elastic, e.forcedDecisions, p.force != nil {
                    // y = v becomes |y − v| ≤ slack, slack ∈ [0, 1]
                    let sl = m.addVariable("slack[force:\(modelNameID(p.id))]", upper: 1)
                    m.add("force[\(modelNameID(p.id))]", v == 1 ? y + sl >= 1 : y - sl <= 0)
                    slacks.append(Slack(kind: .forced(post: p.id), variable: sl))
                    violation.add(sl, 1)
                } else {
                    m.fix(y, to: v)
                }
            }
            open.append(y)
        }

        // Where each post serves: home, then S_p (covers ∪ reach), never its own country twice.
        var reach: [Reach] = []
        for (pi, p) in s.posts.enumerated() {
            guard let home = countryIndex[p.country] else { continue }
            let plat = p.lat ?? s.countries[home].lat, plon = p.lon ?? s.countries[home].lon
            var served: [Int] = [home]
            for id in p.covers { if let c = countryIndex[id], !served.contains(c) { served.append(c) } }
            if p.reachKm > 0, let plat, let plon {
                for (ci, c) in s.countries.enumerated() where !served.contains(ci) {
                    if let lat = c.lat, let lon = c.lon,
                       Geography.distanceKm(lat1: lat, lon1: lon, lat2: plat, lon2: plon) <= p.reachKm + 1e-9 {
                        served.append(ci)
                    }
                }
            }
            for ci in served {
                let isHome = ci == home
                var d = 0.0
                if !isHome, let plat, let plon, let lat = s.countries[ci].lat, let lon = s.countries[ci].lon {
                    d = Geography.distanceKm(lat1: lat, lon1: lon, lat2: plat, lon2: plon)
                }
                reach.append(Reach(country: ci, post: pi, distanceKm: d, isHome: isHome))
            }
        }

        // x_cps: a service the post offers, at home or (remote services) abroad.
        // With declared services only where there is demand (the other pairs
        // could only carry 0); without, every pair, as version 1 does.
        var flows: [Flow] = []
        let e = s.costs.remoteCaseCostPer1000km
        let offered = s.posts.map { p in (0..<nS).map { s.offers(p, service: $0) } }
        for r in reach {
            let p = s.posts[r.post]
            for k in 0..<nS where offered[r.post][k] && (r.isHome || s.services[k].remote) {
                if named && s.countries[r.country].demands[k] <= 0 { continue }
                let x = m.addVariable("serve[\(modelNameID(s.countries[r.country].id)),\(modelNameID(p.id))\(tag(k))]")
                flows.append(Flow(country: r.country, post: r.post, service: k, variable: x,
                                  unitCost: s.caseCost(post: p, service: k) + e * r.distanceKm / 1000,
                                  income: s.services[k].feeIncome, distanceKm: r.distanceKm, isHome: r.isHome))
            }
        }

        // z_rs, u_cs and presence
        var partnerFlows: [PartnerFlow] = []
        var partnerNames = Set<String>()
        var partnersOf = Array(repeating: [Int](), count: s.countries.count)
        for (ri, r) in s.partners.enumerated() {
            guard let c = countryIndex[r.country] else { continue }
            partnersOf[c].append(ri)
            var base = "partner[\(modelNameID(r.country)),\(modelNameID(r.by))"
            if !partnerNames.insert(base).inserted {
                var k = 2
                while !partnerNames.insert("\(base)#\(k)").inserted { k += 1 }
                base += "#\(k)"
            }
            for k in 0..<nS where s.takes(r, service: k) {
                if named && s.countries[c].demands[k] <= 0 { continue }
                let z = m.addVariable("\(base)\(tag(k))]", upper: r.capacity)
                partnerFlows.append(PartnerFlow(offer: ri, service: k, variable: z, fee: s.fee(r, service: k)))
            }
        }
        var unservedByService: [[Variable?]] = []
        for c in s.countries {
            unservedByService.append((0..<nS).map { k in
                named && c.demands[k] <= 0 ? nil : m.addVariable("unserved[\(modelNameID(c.id))\(tag(k))]")
            })
        }
        let resident = s.countries.map { m.addVariable("resident[\(modelNameID($0.id))]", upper: 1) }
        let accredited = s.countries.map { m.addVariable("accredited[\(modelNameID($0.id))]", upper: 1) }
        let represented = s.countries.map { m.addVariable("represented[\(modelNameID($0.id))]", upper: 1) }

        var flowsOf = Array(repeating: Array(repeating: [Int](), count: nS), count: s.countries.count)
        var flowsOfPost = Array(repeating: [Int](), count: s.posts.count)
        for (j, f) in flows.enumerated() {
            flowsOf[f.country][f.service].append(j)
            flowsOfPost[f.post].append(j)
        }
        var partnerFlowsOf = Array(repeating: Array(repeating: [Int](), count: nS), count: s.countries.count)
        var partnerFlowsOfOffer = Array(repeating: [Int](), count: s.partners.count)
        for (j, pf) in partnerFlows.enumerated() {
            if let c = countryIndex[s.partners[pf.offer].country] { partnerFlowsOf[c][pf.service].append(j) }
            partnerFlowsOfOffer[pf.offer].append(j)
        }

        // 1. demand, per country and service
        for (ci, c) in s.countries.enumerated() {
            for k in 0..<nS {
                guard let u = unservedByService[ci][k] else { continue }
                var lhs = LinearExpression.sum(flowsOf[ci][k].map { flows[$0].variable })
                for j in partnerFlowsOf[ci][k] { lhs.add(partnerFlows[j].variable) }
                lhs.add(u)
                m.add("demand[\(modelNameID(c.id))\(tag(k))]", .equal(lhs, c.demands[k]))
            }
        }
        // 2. capacity, in capacity units
        for (pi, p) in s.posts.enumerated() {
            var lhs = LinearExpression()
            for j in flowsOfPost[pi] { lhs.add(flows[j].variable, s.services[flows[j].service].workload) }
            lhs.add(open[pi], -p.capacity)
            m.add("cap[\(modelNameID(p.id))]", lhs <= 0)
        }
        // 3. linking
        for f in flows where linkingRows {
            let c = s.countries[f.country]
            m.add("link[\(modelNameID(c.id)),\(modelNameID(s.posts[f.post].id))\(tag(f.service))]", f.variable - c.demands[f.service] * open[f.post] <= 0)
        }
        // 4. partner capacity: cases of every service together (a row only when an offer takes several)
        for (ri, r) in s.partners.enumerated() where partnerFlowsOfOffer[ri].count > 1 {
            m.add("partner_cap[\(modelNameID(r.country)),\(modelNameID(r.by))#\(ri)]", LinearExpression.sum(partnerFlowsOfOffer[ri].map { partnerFlows[$0].variable }) <= r.capacity)
        }
        // 4b. an offer only where we are absent (`only_where_absent`, beyond the spec): its
        // cases of a service only while no post of ours in its country offering it is open,
        // z_rs ≤ cap_r·(1 − y_p) for each such post.
        for pf in partnerFlows where s.partners[pf.offer].onlyWhereAbsent {
            let r = s.partners[pf.offer]
            guard r.capacity > 0 else { continue }
            for (pi, p) in s.posts.enumerated() where p.country == r.country && s.offers(p, service: pf.service) {
                m.add("absent[\(modelNameID(r.country)),\(modelNameID(r.by))#\(pf.offer),\(modelNameID(p.id))\(tag(pf.service))]",
                      pf.variable + r.capacity * open[pi] <= r.capacity)
            }
        }
        // 5. presence: resident-level posts at home; accredited-level posts at
        // home or resident-level posts abroad; a `none` post gives nothing.
        var residentPosts = Array(repeating: [Int](), count: s.countries.count)
        var accreditedPosts = Array(repeating: [Int](), count: s.countries.count)
        for r in reach {
            switch (s.posts[r.post].presence, r.isHome) {
            case (.resident, true): residentPosts[r.country].append(r.post)
            case (.accredited, true), (.resident, false): accreditedPosts[r.country].append(r.post)
            default: break
            }
        }
        for (ci, c) in s.countries.enumerated() {
            let home = residentPosts[ci]
            if home.isEmpty { m.setBounds(resident[ci], lower: 0, upper: 0) }
            else { m.add("resident[\(modelNameID(c.id))]", resident[ci] - LinearExpression.sum(home.map { open[$0] }) <= 0) }
            let abroad = accreditedPosts[ci].map { open[$0] }
            if abroad.isEmpty { m.setBounds(accredited[ci], lower: 0, upper: 0) }
            else { m.add("accredited[\(modelNameID(c.id))]", accredited[ci] - LinearExpression.sum(abroad) <= 0) }
            if !partnersOf[ci].contains(where: { s.partners[$0].presence }) { m.setBounds(represented[ci], lower: 0, upper: 0) }
            m.add("presence[\(modelNameID(c.id))]", resident[ci] + accredited[ci] + represented[ci] <= 1)
        }
        // 6. alternatives
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for (pi, p) in s.posts.enumerated() {
            guard let g = p.group else { continue }
            if groups[g] == nil { groupOrder.append(g) }
            groups[g, default: []].append(pi)
        }
        for g in groupOrder where groups[g]!.count > 1 {
            var lhs = LinearExpression.sum(groups[g]!.map { open[$0] })
            if let e = elastic, e.groups {
                let sl = m.addVariable("slack[group:\(modelNameID(g))]")
                lhs.add(sl, -1)
                slacks.append(Slack(kind: .group(g), variable: sl))
                violation.add(sl, 1)
            }
            m.add("group[\(modelNameID(g))]", lhs <= 1)
        }
        // 6b. requirements (`requires`, beyond the spec): a post open only while each post it
        // requires is, y_p − y_q ≤ 0. In optimize mode, as the rules are (the reading refuses
        // forced decisions against them); evaluate mode scores the network as decided, and
        // the plan's rule checks say which requirement it breaks.
        // A requirement the others imply (D requires E and F, E requires F) is no row: its
        // bound holds through them (`requirementPairs`). The elastic diagnosis keeps every
        // requirement written, so that it names the one that must give.
        let pairs = evaluate ? [] : Self.requirementPairs(s.posts, reduced: !(elastic?.groups ?? false))
        for (pi, qi) in pairs {
            let p = s.posts[pi].id, q = s.posts[qi].id
            var lhs = open[pi] - open[qi]
            if let e = elastic, e.groups {
                let sl = m.addVariable("slack[requires:\(modelNameID(p)),\(modelNameID(q))]")
                lhs.add(sl, -1)
                slacks.append(Slack(kind: .requirement(post: p, requires: q), variable: sl))
                violation.add(sl, 1)
            }
            m.add("requires[\(modelNameID(p)),\(modelNameID(q))]", lhs <= 0)
        }

        // Objective parts
        let fullValue = s.countries.map { s.fullValue($0) }
        var value = LinearExpression()
        for (ci, c) in s.countries.enumerated() {
            let v = s.modeValues(c)
            if v.resident != 0 { value.add(resident[ci], v.resident) }
            if v.accredited != 0 { value.add(accredited[ci], v.accredited) }
            if v.represented != 0 { value.add(represented[ci], v.represented) }
        }
        var cost = LinearExpression()
        for (pi, p) in s.posts.enumerated() {
            cost.add(open[pi], p.annualCost)
            switch p.status {
            case .existing:
                cost.constant += p.closeCost / H
                cost.add(open[pi], -p.closeCost / H)
            case .candidate:
                cost.add(open[pi], p.openCost / H)
            }
        }
        var income = LinearExpression()
        for f in flows {
            cost.add(f.variable, f.unitCost)
            if f.income != 0 { income.add(f.variable, f.income) }
        }
        for pf in partnerFlows { cost.add(pf.variable, pf.fee) }
        var penalty = LinearExpression()
        for ci in s.countries.indices {
            for k in 0..<nS { if let u = unservedByService[ci][k] { penalty.add(u, s.unservedPenalty(service: k)) } }
        }

        // 7. rules, imposed only when optimising
        var ruleRows: [String: Constraint] = [:]
        /// Adds a rule row, with a violation variable when the rule is soft.
        func rule(_ key: String, _ relation: LinearRelation, scale: Double) {
            var rel = relation
            if let e = elastic, e.rules.contains(key) {
                let sl = m.addVariable("slack[\(key)]")
                if rel.upper.isFinite { rel.expression.add(sl, -1) } else { rel.expression.add(sl, 1) }
                slacks.append(Slack(kind: .rule(key), variable: sl))
                violation.add(sl, 1 / max(scale, 1e-9))
            }
            ruleRows[key] = m.add(key, rel)
        }
        if !evaluate {
            let r = s.rules
            if let b = r.budget { rule("budget", cost <= b, scale: max(b, 1)) }
            if let k = r.minCoverage {
                let total = s.countries.reduce(0) { $0 + $1.demand }
                let all = LinearExpression.sum(unservedByService.flatMap { $0.compactMap { $0 } })
                rule("min_coverage", all <= (1 - k) * total, scale: max(total, 1))
            }
            for (service, k) in r.minCoverageByService {
                guard let si = s.serviceIndex(service) else { continue }
                let total = s.countries.reduce(0) { $0 + $1.demands[si] }
                let unserved = LinearExpression.sum(unservedByService.compactMap { $0[si] })
                rule("min_coverage.\(service)", unserved <= (1 - k) * total, scale: max(total, 1))
            }
            let existing = s.posts.indices.filter { s.posts[$0].status == .existing }
            let candidates = s.posts.indices.filter { s.posts[$0].status == .candidate }
            if let n = r.maxClosures {
                // Σ (1 − y_p) ≤ n  ⇔  Σ y_p ≥ |existing| − n
                rule("max_closures", LinearExpression.sum(existing.map { open[$0] }) >= Double(existing.count - n), scale: 1)
            }
            if let n = r.maxOpenings {
                rule("max_openings", LinearExpression.sum(candidates.map { open[$0] }) <= Double(n), scale: 1)
            }
            if let n = r.maxDiplomats {
                var used = LinearExpression()
                for (pi, p) in s.posts.enumerated() where p.diplomats != 0 { used.add(open[pi], p.diplomats) }
                // The same plans, a tighter relaxation: see `wholeDiplomatCap`.
                var cap = n
                if elastic.map({ !$0.rules.contains("max_diplomats") }) ?? true {
                    var fixed = 0.0
                    var free: [Double] = []
                    for (pi, p) in s.posts.enumerated() where p.diplomats != 0 {
                        let info = m.info(open[pi])
                        if info.lower == info.upper { fixed += info.lower * p.diplomats } else { free.append(p.diplomats) }
                    }
                    cap = Self.wholeDiplomatCap(n, fixed: fixed, free: free)
                }
                rule("max_diplomats", used <= cap, scale: max(n, 1))
            }
            for (i, sel) in r.minResident.enumerated() {
                let selected = s.countries.indices.filter { sel.select.matches(s.countries[$0]) }
                let count = sel.count.resolved(all: selected.count)
                rule("min_resident[\(i)]", LinearExpression.sum(selected.map { resident[$0] }) >= Double(count), scale: 1)
            }
            for (i, sel) in r.minPosts.enumerated() {
                let selected = Set(s.countries.filter { sel.select.matches($0) }.map(\.id))
                let posts = s.posts.indices.filter { selected.contains(s.posts[$0].country) }
                let count = sel.count.resolved(all: posts.count)
                rule("min_posts[\(i)]", LinearExpression.sum(posts.map { open[$0] }) >= Double(count), scale: 1)
            }
        }

        if elastic != nil {
            // The smallest violation only. A tie-break on net benefit (weighted by
            // ~1e-9 so it never trades against a violation) sits below GLPK's
            // tolerances: branch-and-bound could not close on it and ran for many
            // minutes on the Belgian scenario. Which of several equal smallest
            // relaxations is reported is therefore the solver's choice.
            m.minimize(violation)
        } else {
            m.maximize(value + income - cost - penalty)
        }
        self.scenario = s
        self.parts = ObjectiveParts(value: value, income: income, cost: cost, penalty: penalty)
        self.model = m
        self.open = open
        self.reach = reach
        self.flows = flows
        self.partnerFlows = partnerFlows
        self.unservedByService = unservedByService
        self.resident = resident
        self.accredited = accredited
        self.represented = represented
        self.fullValue = fullValue
        self.ruleRows = ruleRows
        self.slacks = slacks
    }

    /// The right-hand side of the `max_diplomats` row (model.md, version 2,
    /// constraint 6: `Σ_p m_p·y_p ≤ N`), rounded down where that keeps every
    /// plan and cuts only fractional ones.
    ///
    /// When the diplomats `free` of the posts whose decision is open are all
    /// whole multiples of a step `g` (their greatest common divisor, in units of
    /// 10^-k for the fewest decimals k ≤ 9 that write every figure: 1.5 and 0.5
    /// are multiples of 0.5), the diplomats they use are a multiple of `g` too, so
    /// `N − fixed` (what the posts decided by `force` or `evaluate` leave) can be
    /// rounded down to a multiple of `g` without losing a plan. The relaxation is
    /// what gains: under a cap of 60.49 with 80 identical one-diplomat posts, the
    /// relaxation kept 0.49 of a post open at every node and branch-and-bound
    /// could not close the gap (a hostile check ran 12 minutes); with the row at 60
    /// it proves the optimum at once. And a plan cannot break the cap within
    /// GLPK's tolerances: under a cap of 1.99999996 with posts of 1.5 and 0.5,
    /// GLPK took a post open at 0.99999992 as whole (its integrality tolerance is
    /// 1e-7) and the plan, both posts open, used 2 diplomats; with the row at 1.5
    /// the next plan up is a whole step away. The room forgiven by the rule's check
    /// (1e-9 of `N`) counts as room. A figure with more than 9 decimals among the
    /// free posts, or one whose units exceed 2^53, leaves `N` as it is. An elastic
    /// rule is never rounded (the diagnosis of an infeasible variant measures its
    /// violation against `N`).
    ///
    /// - Parameters:
    ///   - cap: `N`, diplomats (`rules.max_diplomats`).
    ///   - fixed: diplomats of the posts fixed open (a closed post adds 0).
    ///   - free: `m_p` of each post not fixed, diplomats (each ≥ 0).
    /// - Returns: the row's right-hand side, diplomats; `cap` itself when no
    ///   rounding applies or it changes nothing.
    static func wholeDiplomatCap(_ cap: Double, fixed: Double, free: [Double]) -> Double {
        guard cap.isFinite, fixed.isFinite, !free.isEmpty else { return cap }
        guard let (units, scale) = decimalUnits(free) else { return cap }
        var g: UInt64 = 0
        for u in units {
            var a = u, b = g
            while b != 0 { (a, b) = (b, a % b) }
            g = a
        }
        guard g > 0 else { return cap }
        let room = cap - fixed
        // What the rule's check forgives (`Plan.check`: 1e-9 of the cap) is room too: a
        // cap of 999,999.9995 is met by 1,000,000 diplomats there, so the row must not
        // cut that plan (rounded to 999,999, the optimum lost it while the check passed it).
        let allowed = (room + 1e-9 * max(1, abs(cap))) * scale
        guard allowed.isFinite, abs(allowed) < 0x1p53 else { return cap }
        let steps = (allowed / Double(g)).rounded(.down)
        let whole = steps * Double(g) / scale
        guard whole < room else { return cap }
        return fixed + whole
    }

    /// Each figure of `figures` as a whole number of 10^-k units, for the fewest
    /// decimals k in 0...9 that write every one of them (to 1e-12 of the figure, the
    /// noise of binary fractions: 1.1 × 10 is 11.000000000000002), and the scale
    /// 10^k; nil when a figure is negative, needs more decimals, or its units
    /// reach 2^53.
    static func decimalUnits(_ figures: [Double]) -> (units: [UInt64], scale: Double)? {
        var scale = 1.0
        for _ in 0...9 {
            var units: [UInt64] = []
            units.reserveCapacity(figures.count)
            for d in figures {
                guard d >= 0 else { return nil }
                let x = d * scale
                guard x < 0x1p53 else { return nil }
                let r = x.rounded()
                guard abs(x - r) <= 1e-12 * max(1, r) else { break }
                units.append(UInt64(r))
            }
            if units.count == figures.count { return (units, scale) }
            scale *= 10
        }
        return nil
    }

    /// u_c of each country when the file has one service (version 1's `unserved`).
    public var unserved: [Variable] { unservedByService.map { $0[0]! } }
}


extension SelectionRule.Count {
    func resolved(all: Int) -> Int {
        switch self {
        case .all: all
        case .atLeast(let n): n
        }
    }
}

/// An id as it appears inside a model's variable and row names (`open[HAV]`,
/// `serve[CUB,PTY,visas]`, `BEL:open[HAV]`, `service[BEL<-NLD:HAV,CUB]`): the characters
/// those names use as delimiters (`[ ] , : # < %`) percent-encoded, so that an id holding
/// one (`"A,B"`) cannot give a name that reads as another (`serve[A,B,C]`). Ids made of
/// letters, digits, `-`, `_` and `.`, as in every bundled scenario, are unchanged.
public func modelNameID(_ id: String) -> String {
    // Bytes, not Characters: called for every name of every model built (a profile of
    // `margins` spent 8% of its time here). The delimiters are ASCII, and no byte of a
    // multi-byte UTF-8 sequence is ASCII.
    guard id.utf8.contains(where: { b in b == 0x5B || b == 0x5D || b == 0x2C || b == 0x3A || b == 0x23 || b == 0x3C || b == 0x25 })
    else { return id }
    var out = ""
    for ch in id {
        switch ch {
        case "%": out += "%25"
        case "[": out += "%5B"
        case "]": out += "%5D"
        case ",": out += "%2C"
        case ":": out += "%3A"
        case "#": out += "%23"
        case "<": out += "%3C"
        default: out.append(ch)
        }
    }
    return out
}

extension NetworkFormulation {
    /// The rows `requires[P,Q]` (docs/model.md, "Beyond the contract"): each post's
    /// `requires` as pairs `(p, q)` of indices into `posts`, in the posts' order, each pair
    /// once, an unknown id or the post's own left out (the reading reports them). With
    /// `reduced`, a pair the others imply is left out too: when `p` requires `r` and `r`,
    /// directly or through others, requires `q`, then `y_p ≤ y_r ≤ … ≤ y_q` holds without the
    /// row `y_p ≤ y_q`, in the relaxation as well, so the feasible set and every bound stay
    /// as they are (the transitive reduction). It applies only when the requirements have no
    /// cycle (a cycle ties its posts together, and a cyclic graph has no unique reduction);
    /// with a cycle every pair is kept. On a random requirement network of 2,150 posts
    /// (each requiring an earlier one with chance 0.09), 207,911 pairs give 6,533 rows.
    ///
    /// Time: O(E · V / 64) over the V posts that require or are required and E pairs.
    static func requirementPairs(_ posts: [Post], reduced: Bool) -> [(Int, Int)] {
        guard posts.contains(where: { !$0.requires.isEmpty }) else { return [] }
        let index = Dictionary(posts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var pairs: [(Int, Int)] = []
        for (pi, p) in posts.enumerated() {
            var seen = Set<Int>()
            for q in p.requires {
                guard let qi = index[q], qi != pi, seen.insert(qi).inserted else { continue }
                pairs.append((pi, qi))
            }
        }
        guard reduced, pairs.count > 1 else { return pairs }
        // Compact numbering of the posts in a pair, and their successors.
        var node: [Int: Int] = [:]
        for (a, b) in pairs { for x in [a, b] where node[x] == nil { node[x] = node.count } }
        let n = node.count
        var next = [[Int]](repeating: [], count: n), indegree = [Int](repeating: 0, count: n)
        for (a, b) in pairs { next[node[a]!].append(node[b]!); indegree[node[b]!] += 1 }
        // Kahn's order; a node left over lies on a cycle.
        var order: [Int] = [], queue = (0..<n).filter { indegree[$0] == 0 }
        while let v = queue.popLast() {
            order.append(v)
            for w in next[v] { indegree[w] -= 1; if indegree[w] == 0 { queue.append(w) } }
        }
        guard order.count == n else { return pairs }
        // below[v]: every node v reaches, v excluded, as bits; filled from the sinks up.
        let words = (n + 63) / 64
        var below = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: n)
        for v in order.reversed() {
            for w in next[v] {
                below[v][w / 64] |= 1 << UInt64(w % 64)
                for k in 0..<words { below[v][k] |= below[w][k] }
            }
        }
        // A pair (p, q) is implied when q lies below another post p requires.
        var implied = Set<Int>()   // index into pairs
        var first = 0
        while first < pairs.count {
            var last = first
            while last + 1 < pairs.count, pairs[last + 1].0 == pairs[first].0 { last += 1 }
            var reach = [UInt64](repeating: 0, count: words)
            for k in first...last { let r = node[pairs[k].1]!; for w in 0..<words { reach[w] |= below[r][w] } }
            for k in first...last {
                let q = node[pairs[k].1]!
                if reach[q / 64] & (1 << UInt64(q % 64)) != 0 { implied.insert(k) }
            }
            first = last + 1
        }
        return pairs.indices.filter { !implied.contains($0) }.map { pairs[$0] }
    }
}
