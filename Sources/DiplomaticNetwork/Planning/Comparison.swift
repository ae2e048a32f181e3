/// Variants side by side with their differences to a baseline.
public struct Comparison: Sendable {
    public var name: String
    public var scenario: String
    public var currency: String
    /// The baseline first, then the other variants.
    public var plans: [Plan]

    public var baseline: Plan { plans[0] }

    public init(name: String, scenario: String, currency: String, baseline: Plan, variants: [Plan]) {
        self.name = name
        self.scenario = scenario
        self.currency = currency
        self.plans = [baseline] + variants.filter { $0.variant != baseline.variant }
    }

    /// One figure of a plan, as compared across variants.
    public struct Metric: Sendable {
        public enum Unit: Sendable { case money, share, cases, count, km }
        public var key: String
        public var label: String
        public var unit: Unit
        public var get: @Sendable (Plan) -> Double?
    }

    public static let metrics: [Metric] = [
        .init(key: "net_benefit", label: "Net benefit", unit: .money) { $0.hasSolution ? $0.netBenefit : nil },
        .init(key: "value", label: "Value", unit: .money) { $0.hasSolution ? $0.value : nil },
        .init(key: "cost_total", label: "Cost", unit: .money) { $0.hasSolution ? $0.cost.total : nil },
        .init(key: "cost_running", label: "  running", unit: .money) { $0.hasSolution ? $0.cost.running : nil },
        .init(key: "cost_closing", label: "  closing", unit: .money) { $0.hasSolution ? $0.cost.closing : nil },
        .init(key: "cost_opening", label: "  opening", unit: .money) { $0.hasSolution ? $0.cost.opening : nil },
        .init(key: "cost_consular", label: "  consular", unit: .money) { $0.hasSolution ? $0.cost.consular : nil },
        .init(key: "cost_partner_fees", label: "  partner fees", unit: .money) { $0.hasSolution ? $0.cost.partnerFees : nil },
        .init(key: "penalty", label: "Unserved penalty", unit: .money) { $0.hasSolution ? $0.penalty : nil },
        .init(key: "coverage", label: "Coverage", unit: .share) { $0.hasSolution ? $0.coverage : nil },
        .init(key: "unserved", label: "Unserved cases", unit: .cases) { $0.hasSolution ? $0.unserved : nil },
        .init(key: "posts_open", label: "Posts open", unit: .count) { $0.hasSolution ? Double($0.open.count) : nil },
        .init(key: "posts_closed", label: "Posts closed", unit: .count) { $0.hasSolution ? Double($0.closed.count) : nil },
        .init(key: "posts_opened", label: "Posts opened", unit: .count) { $0.hasSolution ? Double($0.opened.count) : nil },
        .init(key: "cases_abroad", label: "Cases served from abroad", unit: .cases) { $0.hasSolution ? $0.casesFromAbroad : nil },
        .init(key: "mean_distance_km", label: "  mean distance (km)", unit: .km) { $0.hasSolution ? $0.meanDistanceKm ?? 0 : nil },
        .init(key: "cases_partners", label: "Cases handled by partners", unit: .cases) { $0.hasSolution ? $0.casesToPartners : nil },
        .init(key: "rules_violated", label: "Rules violated", unit: .count) { $0.hasSolution ? Double($0.violations.count) : nil },
    ]

    /// Posts whose decision is not the same in every plan, in scenario order.
    public var differingDecisions: [(post: String, decisions: [PostOutcome.Decision?])] {
        var order: [String] = []
        var byPost: [String: [PostOutcome.Decision?]] = [:]
        for (k, plan) in plans.enumerated() {
            for p in plan.posts {
                if byPost[p.id] == nil { order.append(p.id); byPost[p.id] = Array(repeating: nil, count: plans.count) }
                byPost[p.id]![k] = plan.hasSolution ? p.decision : nil
            }
        }
        return order.compactMap { id in
            let d = byPost[id]!
            let openness = d.map { $0.map { $0 == .kept || $0 == .opened } }
            return Set(openness.map { $0.map { $0 ? 1 : 0 } ?? -1 }).count > 1 ? (id, d) : nil
        }
    }

    /// Countries whose presence differs between plans.
    public var differingPresence: [(country: String, presence: [PresenceMode?])] {
        guard let first = plans.first(where: \.hasSolution) else { return [] }
        return first.countries.indices.compactMap { i in
            let modes = plans.map { $0.hasSolution && i < $0.countries.count ? $0.countries[i].presence : nil }
            return Set(modes.map { $0?.rawValue ?? "-" }).count > 1 ? (first.countries[i].id, modes) : nil
        }
    }
}
