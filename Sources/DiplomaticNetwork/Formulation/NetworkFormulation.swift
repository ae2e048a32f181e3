import GLPKSolver
import LinearProgramming

/// The mixed-integer program of `model.md` for one scenario, with handles to
/// every variable so that a solution can be read back as a plan.
///
/// Names come from scenario ids: `open[HAV]`, `serve[CUB,HAV]`,
/// `partner[CUB,ESP]`, `unserved[CUB]`, `demand[CUB]`, `cap[HAV]`, `link[CUB,HAV]`.
public struct NetworkFormulation: Sendable {
    /// Which constraints an elastic formulation may violate, at a price.
    public struct Elastic: Sendable, Hashable {
        /// Rule rows made soft, by key (`budget`, `min_coverage`, `min_resident[0]`, …).
        public var rules: Set<String>
        public var forcedDecisions: Bool
        public var groups: Bool
        public init(rules: Set<String>, forcedDecisions: Bool, groups: Bool) {
            self.rules = rules
            self.forcedDecisions = forcedDecisions
            self.groups = groups
        }
    }

    /// A violation variable of an elastic formulation and what it relaxes.
    public struct Slack: Sendable {
        public enum Kind: Sendable, Hashable { case rule(String), forced(post: String), group(String) }
        public var kind: Kind
        public var variable: Variable
    }

    /// A pair (country, post) that may carry cases: home, or in the post's S_p.
    public struct Flow: Sendable {
        public var country: Int
        public var post: Int
        public var variable: Variable
        /// g_p + e·dist/1000: cost of one case on this pair.
        public var unitCost: Double
        /// Distance from the country's capital to the post; 0 at home.
        public var distanceKm: Double
        public var isHome: Bool
    }

    public let scenario: Scenario
    public private(set) var model: Model
    /// y_p, aligned with `scenario.posts`.
    public let open: [Variable]
    public let flows: [Flow]
    /// z_r, aligned with `scenario.partners`.
    public let partnerCases: [Variable]
    /// u_c, ρ_c, a_c, e_c, aligned with `scenario.countries`.
    public let unserved: [Variable]
    public let resident: [Variable]
    public let accredited: [Variable]
    public let represented: [Variable]
    /// V_c per country.
    public let fullValue: [Double]
    /// The rows of the rules, when imposed (optimize mode).
    public let ruleRows: [String: Constraint]
    /// Violation variables (elastic formulations only).
    public let slacks: [Slack]

    public init(_ s: Scenario) { self.init(s, elastic: nil) }

    /// With `elastic`, the chosen constraints get violation variables and the
    /// objective becomes the smallest total violation (each normalised by its
    /// scale: a budget by the budget, a share as it is, counts as they are).
    public init(_ s: Scenario, elastic: Elastic?) {
        var m = Model(name: s.name)
        let countryIndex = Dictionary(s.countries.indices.map { (s.countries[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let H = s.horizonYears
        let evaluate = s.mode == .evaluate

        // y_p
        var open: [Variable] = []
        var slacks: [Slack] = []
        var violation = LinearExpression()
        for p in s.posts {
            let y = m.addVariable("open[\(p.id)]", .binary)
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
                    let sl = m.addVariable("slack[force:\(p.id)]", upper: 1)
                    m.add("force[\(p.id)]", v == 1 ? y + sl >= 1 : y - sl <= 0)
                    slacks.append(Slack(kind: .forced(post: p.id), variable: sl))
                    violation.add(sl, 1)
                } else {
                    m.fix(y, to: v)
                }
            }
            open.append(y)
        }

        // x_cp for home and S_p (covers ∪ reach), never the post's own country twice.
        var flows: [Flow] = []
        let e = s.costs.remoteCaseCostPer1000km
        for (pi, p) in s.posts.enumerated() {
            guard let home = countryIndex[p.country] else { continue }
            let g = p.caseCost ?? s.costs.caseCost
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
                let x = m.addVariable("serve[\(s.countries[ci].id),\(p.id)]")
                flows.append(Flow(country: ci, post: pi, variable: x, unitCost: g + e * d / 1000, distanceKm: d, isHome: isHome))
            }
        }

        // z_r, u_c and presence
        var partnerCases: [Variable] = []
        var partnerNames = Set<String>()
        for r in s.partners {
            var name = "partner[\(r.country),\(r.by)]"
            var k = 2
            while !partnerNames.insert(name).inserted { name = "partner[\(r.country),\(r.by)#\(k)]"; k += 1 }
            partnerCases.append(m.addVariable(name, upper: r.capacity))
        }
        let unserved = s.countries.map { m.addVariable("unserved[\($0.id)]") }
        let resident = s.countries.map { m.addVariable("resident[\($0.id)]", upper: 1) }
        let accredited = s.countries.map { m.addVariable("accredited[\($0.id)]", upper: 1) }
        let represented = s.countries.map { m.addVariable("represented[\($0.id)]", upper: 1) }

        var flowsOfCountry = Array(repeating: [Int](), count: s.countries.count)
        var flowsOfPost = Array(repeating: [Int](), count: s.posts.count)
        for (k, f) in flows.enumerated() {
            flowsOfCountry[f.country].append(k)
            flowsOfPost[f.post].append(k)
        }
        var partnersOf = Array(repeating: [Int](), count: s.countries.count)
        for (ri, r) in s.partners.enumerated() { if let c = countryIndex[r.country] { partnersOf[c].append(ri) } }

        // 1. demand
        for (ci, c) in s.countries.enumerated() {
            var lhs = LinearExpression.sum(flowsOfCountry[ci].map { flows[$0].variable })
            for ri in partnersOf[ci] { lhs.add(partnerCases[ri]) }
            lhs.add(unserved[ci])
            m.add("demand[\(c.id)]", .equal(lhs, c.demand))
        }
        // 2. capacity
        for (pi, p) in s.posts.enumerated() {
            var lhs = LinearExpression.sum(flowsOfPost[pi].map { flows[$0].variable })
            lhs.add(open[pi], -p.capacity)
            m.add("cap[\(p.id)]", lhs <= 0)
        }
        // 3. linking
        for f in flows {
            let c = s.countries[f.country]
            m.add("link[\(c.id),\(s.posts[f.post].id)]", f.variable - c.demand * open[f.post] <= 0)
        }
        // 4. presence
        for (ci, c) in s.countries.enumerated() {
            let home = s.posts.indices.filter { s.posts[$0].country == c.id }
            if home.isEmpty { m.setBounds(resident[ci], lower: 0, upper: 0) }
            else { m.add("resident[\(c.id)]", resident[ci] - LinearExpression.sum(home.map { open[$0] }) <= 0) }
            let abroad = flowsOfCountry[ci].filter { !flows[$0].isHome }.map { open[flows[$0].post] }
            if abroad.isEmpty { m.setBounds(accredited[ci], lower: 0, upper: 0) }
            else { m.add("accredited[\(c.id)]", accredited[ci] - LinearExpression.sum(abroad) <= 0) }
            if !partnersOf[ci].contains(where: { s.partners[$0].presence }) { m.setBounds(represented[ci], lower: 0, upper: 0) }
            m.add("presence[\(c.id)]", resident[ci] + accredited[ci] + represented[ci] <= 1)
        }
        // 5. alternatives
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
                let sl = m.addVariable("slack[group:\(g)]")
                lhs.add(sl, -1)
                slacks.append(Slack(kind: .group(g), variable: sl))
                violation.add(sl, 1)
            }
            m.add("group[\(g)]", lhs <= 1)
        }

        // Objective parts
        let fullValue = s.countries.map { s.fullValue($0) }
        var value = LinearExpression()
        for ci in s.countries.indices where fullValue[ci] != 0 {
            value.add(resident[ci], fullValue[ci])
            value.add(accredited[ci], fullValue[ci] * s.presence.accredited)
            value.add(represented[ci], fullValue[ci] * s.presence.represented)
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
        for f in flows { cost.add(f.variable, f.unitCost) }
        for (ri, r) in s.partners.enumerated() { cost.add(partnerCases[ri], r.fee) }
        let penalty = LinearExpression.sum(unserved) * s.costs.unservedCasePenalty

        // 7. rules, imposed only when optimising
        var ruleRows: [String: Constraint] = [:]
        /// Adds a rule row, with a violation variable when the rule is soft.
        /// `sign` is +1 for ≤ rows (slack widens the upper bound), −1 for ≥ rows.
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
                rule("min_coverage", LinearExpression.sum(unserved) <= (1 - k) * total, scale: max(total, 1))
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
            // Smallest violation first; among equal violations the best net benefit,
            // scaled down so that it never trades against a violation.
            let weight = 1e-9 / max(1, s.countries.reduce(0) { $0 + fullValue_($1, s) } + s.posts.reduce(0) { $0 + $1.annualCost })
            m.minimize(violation - weight * (value - cost - penalty))
        } else {
            m.maximize(value - cost - penalty)
        }
        self.scenario = s
        self.model = m
        self.open = open
        self.flows = flows
        self.partnerCases = partnerCases
        self.unserved = unserved
        self.resident = resident
        self.accredited = accredited
        self.represented = represented
        self.fullValue = fullValue
        self.ruleRows = ruleRows
        self.slacks = slacks
    }
}

private func fullValue_(_ c: Country, _ s: Scenario) -> Double { s.fullValue(c) }

extension SelectionRule.Count {
    func resolved(all: Int) -> Int {
        switch self {
        case .all: all
        case .atLeast(let n): n
        }
    }
}

extension NetworkFormulation {
    /// Writes the exact model of a scenario (one variant) as CPLEX LP or free
    /// MPS, named from its ids, for audit or another solver (see
    /// `GLPKSolver.write` for how every reader gets the same optimum).
    ///
    /// - Returns: the model's size (variables, constraints).
    /// - Throws: `GLPKError.invalidModel` or `GLPKError.io`.
    @discardableResult
    public static func export(_ s: Scenario, as format: ModelFileFormat, to path: String) throws -> (variables: Int, constraints: Int) {
        let model = NetworkFormulation(s).model
        try GLPKSolver().write(model, as: format, to: path)
        return (model.variableCount, model.constraintCount)
    }
}
