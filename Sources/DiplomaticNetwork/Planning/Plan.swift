import LinearProgramming

/// How a country is present in a plan.
public enum PresenceMode: String, Sendable, CaseIterable {
    case resident, accredited, represented, none
}

/// Cost of a plan by part, money a year.
public struct CostBreakdown: Sendable, Hashable {
    public var running = 0.0
    public var closing = 0.0
    public var opening = 0.0
    public var consular = 0.0
    public var partnerFees = 0.0
    public var total: Double { running + closing + opening + consular + partnerFees }

    /// The parts with their JSON keys, in report order.
    public var parts: [(key: String, amount: Double)] {
        [("running", running), ("closing", closing), ("opening", opening), ("consular", consular), ("partner_fees", partnerFees)]
    }
}

/// One country in a plan: its presence and who handles its cases.
public struct CountryOutcome: Sendable {
    public var id: String
    public var name: String
    public var presence: PresenceMode
    public var demand: Double
    /// Cases by handler: a post id, or `partner:<by>`; in decreasing order of cases.
    public var handled: [(handler: String, cases: Double)]
    public var unserved: Double
    /// Value kept by its presence: V_c times the mode's share, plus every
    /// interest times its share, money a year.
    public var value: Double
    /// Value of resident presence (criteria and interests), money a year.
    public var fullValue: Double
    /// Per service (aligned with `Plan.services`): demand, handlers, unserved.
    public var byService: [ServiceCases] = []
    /// Distance in km from the country's capital to each post in another country
    /// that handles some of its cases (`dist(c,p)` of model.md), by post id.
    public var distanceKm: [String: Double] = [:]

    /// Cases a year handled by posts in other countries.
    public var casesFromAbroad: Double {
        handled.reduce(0) { $0 + (distanceKm[$1.handler] != nil ? $1.cases : 0) }
    }
    /// Case-weighted mean distance of the cases handled from abroad, km; nil when none is.
    public var meanDistanceKm: Double? {
        let n = casesFromAbroad
        guard n > 0 else { return nil }
        return handled.reduce(0) { sum, h in sum + (distanceKm[h.handler] ?? 0) * h.cases } / n
    }

    public struct ServiceCases: Sendable {
        public var demand: Double
        public var handled: [(handler: String, cases: Double)]
        public var unserved: Double
    }
}

/// One service over the whole plan (`model.md`, version 2, "Reported in addition").
public struct ServiceOutcome: Sendable {
    public var id: String
    public var demand: Double
    /// Cases handled by our own posts (from abroad included) and by partners.
    public var own: Double
    public var partners: Double
    public var unserved: Double
    /// Share of the demand handled; 1 without demand.
    public var coverage: Double
    /// Fees earned on the cases of our posts, money a year.
    public var income: Double
}

/// One interest over the whole plan: the value its line keeps, money a year.
public struct InterestOutcome: Sendable {
    public var id: String
    public var label: String?
    public var value: Double
    /// Its value with resident presence everywhere it counts.
    public var fullValue: Double
}

/// One post in a plan.
public struct PostOutcome: Sendable {
    public enum Decision: String, Sendable { case kept, closed, opened, notOpened = "not_opened" }
    public var id: String
    public var country: String
    public var decision: Decision
    public var forced: Post.Force?
    public var cases: Double
    public var casesFromAbroad: Double
    public var capacity: Double
    /// Capacity used, in the units of `capacity`: cases a year in format version 1, each
    /// case times its service's workload in version 2 (model.md "Format version 2",
    /// the capacity row `Σ w_s·x_cps ≤ Q_p·y_p`).
    public var capacityUsed: Double = 0
    /// Running cost plus its one-off costs spread over the horizon.
    public var cost: Double
    /// The post's running cost, money a year, whether open or not: what a closure
    /// saves or an opening spends each year (`annual_cost`).
    public var runningCost: Double = 0
    /// Its one-off cost in this plan spread over the horizon, money a year: closing for
    /// a post closed, opening for one opened, else 0.
    public var oneOffCost: Double = 0
    public var isOpen: Bool { decision == .kept || decision == .opened }
}

/// A rule of the scenario checked against a plan.
public struct RuleCheck: Sendable {
    public var rule: String
    public var limit: Double
    public var actual: Double
    public var satisfied: Bool
    public var message: String
}

/// A solved variant read in the terms of the model: what analysts report.
/// A solved model's objective (coefficients per variable and constant, money a year)
/// and what its feasible set is: the fingerprint of the whole (`Model.feasibleSetFingerprint`),
/// the fingerprint of its structure (`Model.structureFingerprint`: kinds and coefficients)
/// and the bounds of its variables and rows, by index, with which two models of the same
/// structure are compared: one's feasible set holds the other's when each bound is at
/// least as wide (`Margins`, for an input that only widens or narrows the feasible set).
public struct ObjectiveFacts: Sendable {
    public var coefficients: [Double]
    public var constant: Double
    public var feasibleSet: Int
    public var structure: Int
    /// The variables' bounds, then the rows' (`variableCount + constraintCount` each).
    public var lower: [Double]
    public var upper: [Double]

    /// The facts of a model: its objective, its fingerprints and its bounds.
    public init(_ m: Model) {
        (coefficients, constant) = (m.objectiveCoefficients, m.objectiveConstant)
        (feasibleSet, structure) = (m.feasibleSetFingerprint, m.structureFingerprint)
        lower = m.variables.map(\.lower) + m.constraintLower
        upper = m.variables.map(\.upper) + m.constraintUpper
    }
}

/// Cases of one service in one country that go to partners, and the other offers there
/// that charge the same fee a case and have the room to take them (`Plan.partnerTies`).
public struct PartnerTie: Sendable, Hashable {
    public var country: String
    public var service: String
    /// The offers used (their `by`: the partner state), in the scenario's order.
    public var chosen: [String]
    /// Offers not used with the same fee and enough spare capacity for the cases of at
    /// least one chosen offer at that fee.
    public var alternatives: [String]
}

public struct Plan: Sendable {
    public var scenario: String
    public var variant: String
    /// Command-line changes applied after the variant (`Scenario.changes`).
    public var changes: [String]
    public var mode: Scenario.Mode
    public var currency: String
    public var termination: TerminationStatus
    /// Relative gap of the solution (0 when proven optimal), nil without a solution.
    public var gap: Double?
    public var hasSolution: Bool
    public var netBenefit = 0.0
    public var value = 0.0
    public var penalty = 0.0
    public var cost = CostBreakdown()
    public var demand = 0.0
    public var unserved = 0.0
    /// Share of demand handled (1 when there is no demand).
    public var coverage = 1.0
    public var posts: [PostOutcome] = []
    public var countries: [CountryOutcome] = []
    /// Cases served by posts in another country, and their case-weighted mean distance.
    public var casesFromAbroad = 0.0
    public var meanDistanceKm: Double? = nil
    /// Cases served from abroad times their distance, summed: case-km a year. Unlike the
    /// mean, it grows when a closure sends cases abroad (a closure that adds near cases
    /// can lower the mean while every added case travels).
    public var caseKm = 0.0
    public var casesToPartners = 0.0
    public var rules: [RuleCheck] = []
    /// The solver's own objective (equal to `netBenefit` up to tolerances).
    public var objective: Double?
    public var solveSeconds = 0.0
    public var solverName = ""
    /// The solver's values of every model variable (for warm starts).
    public var solution: [Double]? = nil
    /// The model's objective and a fingerprint of its feasible set, when the planner
    /// keeps them (`Planner.keepsObjective`; margins bound the answer between solved
    /// values with them).
    public var objectiveFacts: ObjectiveFacts? = nil
    /// Why there is no plan, when the variant is infeasible and was diagnosed.
    public var diagnosis: Diagnosis? = nil
    /// The scenario's format version (reports show version 2 figures for 2).
    public var formatVersion = 1
    /// Fees earned by our posts (`income`), money a year.
    public var income = 0.0
    /// What the plan costs the budget: its cost net of income, money a year, one-off
    /// costs spread over the horizon (the compared "Cost net of income",
    /// `Comparison.Metric.costNetOfIncome`; the cost alone in format version 1).
    public var netCost: Double { cost.total - income }
    /// Diplomats the open posts need, and the `max_diplomats` rule if any.
    public var diplomatsUsed = 0.0
    public var diplomatsMax: Double? = nil
    /// Per service, in the scenario's order.
    public var services: [ServiceOutcome] = []
    /// Per interest, in the scenario's order.
    public var interests: [InterestOutcome] = []

    /// Partner offers the plan could have used instead, at the same fee and with room for
    /// the cases: which of them takes the cases is a tie, not a finding. One entry per
    /// country and service whose cases go to partners.
    public var partnerTies: [PartnerTie] = []

    public var status: String { termination.name }
    public var open: [String] { posts.filter(\.isOpen).map(\.id) }
    public var closed: [String] { posts.filter { $0.decision == .closed }.map(\.id) }
    public var opened: [String] { posts.filter { $0.decision == .opened }.map(\.id) }
    public var violations: [RuleCheck] { rules.filter { !$0.satisfied } }

    /// Reads a solve result back in the model's terms; every figure is
    /// recomputed from the plan's decisions and flows.
    ///
    /// Presence is read from the open posts: of the modes they allow, the one
    /// worth most (criteria and interests, as the objective counts it); ties
    /// go resident > accredited > represented (version 1 files: the mode with
    /// the larger share, as before), and `none` when no mode is available.
    public init(_ f: NetworkFormulation, _ r: SolveResult, solverName: String = "") {
        let s = f.scenario
        scenario = s.name
        variant = s.variant
        changes = s.changes
        mode = s.mode
        currency = s.currency
        termination = r.termination
        objective = r.objective
        solveSeconds = r.seconds
        self.solverName = solverName
        formatVersion = s.formatVersion
        demand = s.countries.reduce(0) { $0 + $1.demand }
        diplomatsMax = s.rules.maxDiplomats
        guard let values = r.values else {
            hasSolution = false
            gap = nil
            rules = []
            return
        }
        hasSolution = true
        solution = values
        gap = r.relativeGap
        func v(_ x: Variable) -> Double {
            let raw = values[x.index]
            return abs(raw) < 1e-9 ? 0 : raw
        }
        let H = s.horizonYears
        let nS = s.services.count
        let isOpen = f.open.map { v($0) > 0.5 }

        // flows: cases by post, by country and service, costs and income
        var casesAt = Array(repeating: 0.0, count: s.posts.count)
        var abroadAt = Array(repeating: 0.0, count: s.posts.count)
        var loadAt = Array(repeating: 0.0, count: s.posts.count)
        var handledBy = Array(repeating: Array(repeating: [(String, Double)](), count: nS), count: s.countries.count)
        var own = Array(repeating: 0.0, count: nS), viaPartners = Array(repeating: 0.0, count: nS)
        var incomeOf = Array(repeating: 0.0, count: nS)
        var distanceCases = 0.0
        var distanceTo = Array(repeating: [String: Double](), count: s.countries.count)
        func add(_ ci: Int, _ k: Int, _ handler: String, _ x: Double) {
            if let j = handledBy[ci][k].firstIndex(where: { $0.0 == handler }) { handledBy[ci][k][j].1 += x }
            else { handledBy[ci][k].append((handler, x)) }
        }
        for flow in f.flows {
            let x = v(flow.variable)
            cost.consular += flow.unitCost * x
            incomeOf[flow.service] += flow.income * x
            guard x > 0 else { continue }
            casesAt[flow.post] += x
            loadAt[flow.post] += x * s.services[flow.service].workload
            own[flow.service] += x
            add(flow.country, flow.service, s.posts[flow.post].id, x)
            if !flow.isHome {
                abroadAt[flow.post] += x
                casesFromAbroad += x
                distanceCases += x * flow.distanceKm
                distanceTo[flow.country][s.posts[flow.post].id] = flow.distanceKm
            }
        }
        income = incomeOf.reduce(0, +)
        meanDistanceKm = casesFromAbroad > 0 ? distanceCases / casesFromAbroad : nil
        caseKm = distanceCases
        for (pi, p) in s.posts.enumerated() {
            let decision: PostOutcome.Decision
            var postCost = 0.0
            switch (p.status, isOpen[pi]) {
            case (.existing, true): decision = .kept; postCost = p.annualCost
            case (.existing, false): decision = .closed; postCost = p.closeCost / H; cost.closing += p.closeCost / H
            case (.candidate, true): decision = .opened; postCost = p.annualCost + p.openCost / H; cost.opening += p.openCost / H
            case (.candidate, false): decision = .notOpened
            }
            if isOpen[pi] {
                cost.running += p.annualCost
                diplomatsUsed += p.diplomats
            }
            posts.append(PostOutcome(id: p.id, country: p.country, decision: decision, forced: p.force, cases: casesAt[pi],
                                     casesFromAbroad: abroadAt[pi], capacity: p.capacity, capacityUsed: loadAt[pi], cost: postCost,
                                     runningCost: p.annualCost,
                                     oneOffCost: decision == .closed ? p.closeCost / H : decision == .opened ? p.openCost / H : 0))
        }
        // partners
        let countryIndex = Dictionary(s.countries.indices.map { (s.countries[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var partnerPresence = Array(repeating: false, count: s.countries.count)
        for offer in s.partners where offer.presence { if let ci = countryIndex[offer.country] { partnerPresence[ci] = true } }
        var usedByOffer = Array(repeating: 0.0, count: s.partners.count)
        for pf in f.partnerFlows {
            let offer = s.partners[pf.offer]
            guard let ci = countryIndex[offer.country] else { continue }
            let z = v(pf.variable)
            cost.partnerFees += pf.fee * z
            casesToPartners += z
            viaPartners[pf.service] += z
            usedByOffer[pf.offer] += max(0, z)
            if z > 0 { add(ci, pf.service, "partner:\(offer.by)", z) }
        }
        partnerTies = Self.partnerTies(f, s, flow: v, used: usedByOffer)
        // presence and value
        var residentAvailable = Array(repeating: false, count: s.countries.count)
        var accreditedAvailable = Array(repeating: false, count: s.countries.count)
        for r in f.reach where isOpen[r.post] {
            switch (s.posts[r.post].presence, r.isHome) {
            case (.resident, true): residentAvailable[r.country] = true
            case (.accredited, true), (.resident, false): accreditedAvailable[r.country] = true
            default: break
            }
        }
        var unservedOf = Array(repeating: 0.0, count: nS)
        var interestValue = Array(repeating: 0.0, count: s.interests.count)
        var interestFull = Array(repeating: 0.0, count: s.interests.count)
        let interestShares = s.interests.map { s.shares(of: $0) }
        func order(_ h: [(String, Double)]) -> [(handler: String, cases: Double)] {
            h.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map { (handler: $0.0, cases: $0.1) }
        }
        for (ci, c) in s.countries.enumerated() {
            let worth = s.modeValues(c)
            var options: [(PresenceMode, Double, Double)] = []   // mode, worth, criteria share (v1 tie-break)
            if residentAvailable[ci] { options.append((.resident, worth.resident, 1)) }
            if accreditedAvailable[ci] { options.append((.accredited, worth.accredited, s.presence.accredited)) }
            if partnerPresence[ci] { options.append((.represented, worth.represented, s.presence.represented)) }
            var mode = PresenceMode.none, best = -Double.infinity, bestShare = -Double.infinity
            for (m, w, share) in options {
                let better = s.formatVersion == 1 ? (w > best + 1e-9 || (abs(w - best) <= 1e-9 && share > bestShare)) : w > best + 1e-9
                if mode == .none || better { (mode, best, bestShare) = (m, w, share) }
            }
            let cv: Double = switch mode {
            case .resident: worth.resident
            case .accredited: worth.accredited
            case .represented: worth.represented
            case .none: 0
            }
            for (k, interest) in interestShares.enumerated() {
                let iv = k < c.interests.count ? c.interests[k] : 0
                interestFull[k] += iv
                interestValue[k] += iv * (mode == .resident ? 1 : mode == .accredited ? interest.accredited : mode == .represented ? interest.represented : 0)
            }
            var byService: [CountryOutcome.ServiceCases] = []
            var u = 0.0
            for k in 0..<nS {
                let uk = f.unservedByService[ci][k].map(v) ?? 0
                u += uk
                unservedOf[k] += uk
                penalty += s.unservedPenalty(service: k) * uk
                byService.append(.init(demand: c.demands[k], handled: order(handledBy[ci][k]), unserved: uk))
            }
            unserved += u
            value += cv
            var all: [String: Double] = [:]
            var firstSeen: [String] = []
            for k in 0..<nS { for (h, x) in handledBy[ci][k] { if all[h] == nil { firstSeen.append(h) }; all[h, default: 0] += x } }
            countries.append(CountryOutcome(id: c.id, name: c.name, presence: mode, demand: c.demand,
                                            handled: order(firstSeen.map { ($0, all[$0]!) }),
                                            unserved: u, value: cv, fullValue: worth.resident, byService: byService,
                                            distanceKm: distanceTo[ci]))
        }
        services = (0..<nS).map { k in
            let d = s.countries.reduce(0) { $0 + $1.demands[k] }
            return ServiceOutcome(id: s.services[k].id, demand: d, own: own[k], partners: viaPartners[k], unserved: unservedOf[k],
                                  coverage: d > 0 ? (d - unservedOf[k]) / d : 1, income: incomeOf[k])
        }
        interests = s.interests.enumerated().map { k, i in
            InterestOutcome(id: i.id, label: i.label, value: interestValue[k], fullValue: interestFull[k])
        }
        netBenefit = value + income - cost.total - penalty
        // Terms that cancel exactly leave the sum's rounding (1.49e-8 for a value and a cost
        // of 123,456,790.91 each), which the JSON's 10 significant digits would show: below
        // 1e-12 of the terms' size the net benefit is 0.
        if abs(netBenefit) <= 1e-12 * (abs(value) + abs(income) + abs(cost.total) + abs(penalty)) { netBenefit = 0 }
        coverage = demand > 0 ? (demand - unserved) / demand : 1
        rules = Self.check(s, self)
    }

    /// Every rule of the scenario against the plan (in evaluate mode these are
    /// the violations analysts need; when optimising they hold by construction).
    static func check(_ s: Scenario, _ plan: Plan) -> [RuleCheck] {
        var out: [RuleCheck] = []
        let r = s.rules
        let cur = s.currency.isEmpty ? "" : " \(s.currency)"
        if let b = r.budget {
            let total = plan.cost.total
            let ok = total <= b + 1e-6 * max(1, abs(b))
            out.append(RuleCheck(rule: "budget", limit: b, actual: total, satisfied: ok,
                                 message: ok ? "total cost \(Fmt.money(total))\(cur) within the budget of \(Fmt.money(b))\(cur)"
                                    : "total cost \(Fmt.money(total))\(cur) exceeds the budget of \(Fmt.money(b))\(cur) by \(Fmt.money(total - b))\(cur)"))
        }
        for (service, k) in r.minCoverageByService {
            guard let o = plan.services.first(where: { $0.id == service }) else { continue }
            let ok = o.coverage >= k - 1e-6
            out.append(RuleCheck(rule: "min_coverage.\(service)", limit: k, actual: o.coverage, satisfied: ok,
                                 message: ok ? "\(service) coverage \(Fmt.percent(o.coverage)) meets the minimum of \(Fmt.percent(k))"
                                    : "\(service) coverage \(Fmt.percent(o.coverage)) is below the minimum of \(Fmt.percent(k)) by \(String(format: "%.1f", (k - o.coverage) * 100)) points (\(Fmt.money((k - o.coverage) * o.demand)) cases)"))
        }
        if let n = r.maxDiplomats {
            let used = plan.diplomatsUsed
            // A sum of the open posts' diplomats, not a solver's row activity: only rounding
            // error is forgiven. At 1e-6 a cap of 1,000,003 let 1,000,004 pass as met, a plan
            // GLPK's presolver had rounded into (a post's bound 0.999999 rounded up to 1).
            let ok = used <= n + 1e-9 * max(1, n)
            // The cap as written (1.99999996, not 2), and figures that read alike but differ
            // at the digits that tell them apart.
            var shown = [Fmt.figure(used), Fmt.written(n)]
            if shown[0] == shown[1], used != n { shown = Fmt.distinct([used, n]) }
            out.append(RuleCheck(rule: "max_diplomats", limit: n, actual: used, satisfied: ok,
                                 message: "\(shown[0]) diplomats needed, at most \(shown[1]) available" + (ok ? "" : ": \(Fmt.clean(used - n) == 0 ? "less than 0.000001" : Fmt.figure(used - n)) too many")))
        }
        if let k = r.minCoverage {
            let ok = plan.coverage >= k - 1e-6
            out.append(RuleCheck(rule: "min_coverage", limit: k, actual: plan.coverage, satisfied: ok,
                                 message: ok ? "coverage \(Fmt.percent(plan.coverage)) meets the minimum of \(Fmt.percent(k))"
                                    : "coverage \(Fmt.percent(plan.coverage)) is below the minimum of \(Fmt.percent(k)) by \(String(format: "%.1f", (k - plan.coverage) * 100)) points (\(Fmt.money((k - plan.coverage) * plan.demand)) cases)"))
        }
        let closures = Double(plan.closed.count), openings = Double(plan.opened.count)
        if let n = r.maxClosures {
            let ok = closures <= Double(n)
            out.append(RuleCheck(rule: "max_closures", limit: Double(n), actual: closures, satisfied: ok,
                                 message: "\(Fmt.count(Int(closures), "closure")), at most \(n) allowed" + (ok ? "" : ": \(Int(closures) - n) too many")))
        }
        if let n = r.maxOpenings {
            let ok = openings <= Double(n)
            out.append(RuleCheck(rule: "max_openings", limit: Double(n), actual: openings, satisfied: ok,
                                 message: "\(Fmt.count(Int(openings), "opening")), at most \(n) allowed" + (ok ? "" : ": \(Int(openings) - n) too many")))
        }
        let residentIDs = Set(plan.countries.filter { $0.presence == .resident }.map(\.id))
        for (i, rule) in r.minResident.enumerated() {
            let selected = s.countries.filter { rule.select.matches($0) }
            let need = rule.count.resolved(all: selected.count)
            let have = selected.filter { residentIDs.contains($0.id) }.count
            out.append(RuleCheck(rule: "min_resident[\(i)]", limit: Double(need), actual: Double(have), satisfied: have >= need,
                                 message: "\(have) of the countries selected by \(rule.select) have a resident post; at least \(need) required" + (have >= need ? "" : ": \(need - have) short")))
        }
        let openIDs = Set(plan.open)
        for (i, rule) in r.minPosts.enumerated() {
            let selected = Set(s.countries.filter { rule.select.matches($0) }.map(\.id))
            let posts = s.posts.filter { selected.contains($0.country) }
            let need = rule.count.resolved(all: posts.count)
            let have = posts.filter { openIDs.contains($0.id) }.count
            out.append(RuleCheck(rule: "min_posts[\(i)]", limit: Double(need), actual: Double(have), satisfied: have >= need,
                                 message: "\(have) open posts in the countries selected by \(rule.select); at least \(need) required" + (have >= need ? "" : ": \(need - have) short")))
        }
        // Requirements (`requires`, beyond the spec), for each post open: limit 0 and actual
        // the count of the posts it requires that are closed.
        for p in s.posts where !p.requires.isEmpty && openIDs.contains(p.id) {
            let missing = p.requires.filter { !openIDs.contains($0) }
            out.append(RuleCheck(rule: "requires[\(p.id)]", limit: 0, actual: Double(missing.count), satisfied: missing.isEmpty,
                                 message: missing.isEmpty ? "\(p.id) is open with \(p.requires.joined(separator: ", ")), which it requires"
                                    : "\(p.id) is open without \(missing.joined(separator: ", ")), which it requires"))
        }
        return out
    }
}

/// Number formatting shared by messages and reports.
public enum Fmt {
    /// The time left at the mean pace so far, in words ("40 s", "3 min", "1.5 h"), for a
    /// progress line over `total` items of which `done` took `elapsed` seconds: nil before
    /// 3 items or 5 s (too little to go by) and once every item is done. Items differ in
    /// cost (a margins input with a flip takes more solves than one without): an estimate.
    public static func timeLeft(done: Int, total: Int, elapsed: Double) -> String? {
        guard done >= 3, done < total, elapsed >= 5, elapsed.isFinite else { return nil }
        let left = elapsed / Double(done) * Double(total - done)
        if left < 90 { return String(format: "%.0f s", max(1, left)) }
        if left < 90 * 60 { return String(format: "%.0f min", left / 60) }
        return String(format: "%.1f h", left / 3600)
    }

    /// 1234567.8 → "1,234,568".
    public static func money(_ x: Double) -> String { grouped(x, decimals: 0) }

    public static func grouped(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return String(x) }
        let negative = x < 0
        let scale = pow10(decimals)
        let rounded = (abs(x) * scale).rounded() / scale
        var intPart = rounded.rounded(.down)
        var frac = ((rounded - intPart) * scale).rounded()
        if frac >= scale { intPart += 1; frac = 0 }
        var digits = String(format: "%.0f", intPart)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        var s = groups.joined(separator: ",")
        if decimals > 0 {
            let f = String(format: "%0\(decimals).0f", frac)
            s += "." + f
        }
        return (negative && rounded != 0 ? "-" : "") + s
    }

    /// The number without solver noise: at most 10 significant digits and 12 decimals
    /// (2420.0000000000005 → 2420, 0.09999999999999998 → 0.1, a flow of 7.49999999998 → 7.5:
    /// GLPK's values carry noise of about 1e-11 of their size, which 12 digits showed). At 6
    /// decimals, as before, a coverage of 100/810,000 read 0.000123 (0.37% off) and 100/810
    /// read 0.123457 (1.7e-6 off), beyond the 1e-6 relative that results are compared at;
    /// 10 digits are exact to 5e-10 of the value.
    public static func clean(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x.isFinite ? 0 : x }
        let magnitude = Int(log10(abs(x)).rounded(.up))
        let decimals = min(12, max(0, 10 - magnitude))
        let scale = pow10(decimals)
        let r = (x * scale).rounded() / scale
        return r == 0 ? 0 : r
    }

    /// `a − b` without the noise of the subtraction: the difference of the two figures as
    /// `clean` gives them (600.0000000000001 − 600 is 0, not 1e-13, which `clean` keeps).
    public static func difference(_ a: Double, _ b: Double) -> Double { clean(clean(a) - clean(b)) }

    /// Plain number for CSV: no separators, shortest exact form after `clean`.
    /// An input's value (a point of a sweep, a value a tipping search tried, its bracket):
    /// 15 significant digits, enough for 1e12 + 3 and for 1.500097000145e-9, without
    /// `clean`'s 10 digits and cap of 12 decimals, which are there for the solver's noise
    /// (a value of 1.5000970001e-9 kept 1.5e-9, and two scan values 1e-12 apart printed the
    /// same: hostile passes); a grid's 15,100.000000000002 still reads 15,100.
    public static func cleanValue(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x.isFinite ? 0 : x }
        let r = Double(String(format: "%.15g", x)) ?? x
        return r == 0 ? 0 : r
    }

    /// `plain` for an input's value (`cleanValue`).
    public static func plainValue(_ x: Double) -> String {
        let c = cleanValue(x)
        if c == c.rounded(), abs(c) < 1e15 { return String(Int(c)) }
        return String(c)
    }

    public static func plain(_ x: Double) -> String {
        let c = clean(x)
        if c == c.rounded(), abs(c) < 1e15 { return String(Int(c)) }
        return String(c)
    }

    /// Grouped with the fewest decimals, up to `maxDecimals`, that show `x`
    /// after `clean` (60 → "60", 60.49 → "60.49", 60.4999 → "60.4999", 1/3 → "0.333333").
    public static func figure(_ x: Double, maxDecimals: Int = 6) -> String {
        let c = clean(x)
        var d = 0
        while d < maxDecimals, ((c * pow10(d)).rounded() / pow10(d)) != c { d += 1 }
        // At the most decimals, what rounds to fewer writes fewer (8.3000001 read "8.300000").
        var t = grouped(c, decimals: d)
        if d == maxDecimals, t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t
    }

    /// `x` to `digits` significant digits: grouped, with the decimals left over, from
    /// 1,000 up ("1,234"; "1,000.25" at 6 digits), `%g` below ("0.1235").
    public static func significant(_ x: Double, digits: Int) -> String {
        guard x.isFinite, abs(x) >= 1000 else {
            let s = String(format: "%.\(digits)g", x)
            // %g writes a whole number with more digits than asked in exponent form
            // (20 at 1 digit: "2e+01", a rule's "at most 2e+01 available"): write it out.
            guard s.contains("e"), abs(x) >= 0.5, let r = Double(s) else { return s }
            return abs(r) >= 1000 ? grouped(r, decimals: 0) : String(format: "%.0f", r)
        }
        let whole = Int(log10(abs(x)).rounded(.down)) + 1
        return grouped(x, decimals: max(0, digits - whole))
    }

    /// A number as an analyst wrote it: the fewest significant digits (up to 12) that
    /// give `x` back exactly ("1.99999996", "60.49", "392"), else `figure` (solver noise
    /// such as 0.30000000000000004 reads "0.3").
    public static func written(_ x: Double) -> String {
        guard x.isFinite else { return figure(x) }
        for digits in 1...12 {
            let s = significant(x, digits: digits)
            if Double(s.replacingOccurrences(of: ",", with: "")) == x { return s }
        }
        return figure(x)
    }

    /// `xs` at one precision: the fewest significant digits, from 4 up to 15, at which
    /// unequal values read differently (a tipping bracket of 0.0999999 to 0.1000001, or
    /// a sweep's points between them, all read "0.1" at 4).
    public static func distinct(_ xs: [Double]) -> [String] {
        for digits in 4...15 {
            let out = xs.map { significant($0, digits: digits) }
            var seen: [String: Double] = [:]
            if xs.indices.allSatisfy({ k in seen.updateValue(xs[k], forKey: out[k]).map { $0 == xs[k] || ($0.isNaN && xs[k].isNaN) } ?? true }) { return out }
        }
        return xs.map { significant($0, digits: 15) }
    }

    /// "1 opening", "3 openings"; `plural` for nouns that do not take an "s" ("countries").
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(Double(n), decimals: 0)) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f%%", x * 100)
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { v, _ in v * 10 } }
}

import Foundation

extension Plan {
    /// The ties among partner offers: for each partner flow used, the offers in the same
    /// country taking the same service at the same fee (within 1e-9 relative) whose spare
    /// capacity (capacity less what the plan sends them, every service together) could
    /// take that flow's cases. Computed on the plan as solved; the solver's choice among
    /// them is arbitrary.
    static func partnerTies(_ f: NetworkFormulation, _ s: Scenario, flow: (Variable) -> Double, used: [Double]) -> [PartnerTie] {
        struct Key: Hashable { var country: String; var service: Int }
        var flows: [Key: [(offer: Int, fee: Double, z: Double)]] = [:]
        var order: [Key] = []
        for pf in f.partnerFlows {
            let key = Key(country: s.partners[pf.offer].country, service: pf.service)
            if flows[key] == nil { order.append(key) }
            flows[key, default: []].append((pf.offer, pf.fee, flow(pf.variable)))
        }
        var ties: [PartnerTie] = []
        for key in order {
            let all = flows[key]!
            let chosen = all.filter { $0.z > 1e-9 }
            guard !chosen.isEmpty else { continue }
            func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
            let others = all.filter { o in
                o.z <= 1e-9 && chosen.contains { c in
                    same(c.fee, o.fee) && s.partners[o.offer].capacity - used[o.offer] >= c.z - 1e-9 * max(1, c.z)
                }
            }
            guard !others.isEmpty else { continue }
            ties.append(PartnerTie(country: key.country, service: s.services[key.service].id,
                                   chosen: chosen.map { s.partners[$0.offer].by }, alternatives: others.map { s.partners[$0.offer].by }))
        }
        return ties
    }
}
