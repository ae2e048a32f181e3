/// Variants side by side with their differences to a baseline.
public struct Comparison: Sendable {
    public var name: String
    public var scenario: String
    public var currency: String
    /// The baseline first, then the other variants.
    public var plans: [Plan]

    public var baseline: Plan { plans[0] }
    /// Countries whose cases `compare --country` shows plan by plan (ids, in order).
    public var focusCountries: [String] = []
    /// `compare --effect`: the text and markdown tables give each variant's effect against
    /// the baseline (`Metric.effect`, + in the variant's favour) instead of its difference.
    public var showsEffects = false

    public init(name: String, scenario: String, currency: String, baseline: Plan, variants: [Plan]) {
        self.name = name
        self.scenario = scenario
        self.currency = currency
        self.plans = [baseline] + variants.filter { $0.variant != baseline.variant }
    }

    /// One figure of a plan, as compared across variants.
    public struct Metric: Sendable {
        public enum Unit: Sendable {
            case money, share, cases, count, km
            /// Cases a year times km (distance travelled by the cases served from abroad).
            case caseKm
        }
        /// Which way the figure is better for a plan, as the objective reads it
        /// (model.md, "Objective": value and income count for, cost and penalty
        /// against), or `none` for a figure that is neither a gain nor a loss in itself
        /// (posts, diplomats, cases handled by own posts, from abroad or by partners,
        /// distances). `compare --effect` and every `effect` output read it.
        public enum Better: Sendable { case higher, lower, none }
        public var key: String
        public var label: String
        public var unit: Unit
        public var better: Better = .none
        public var get: @Sendable (Plan) -> Double?

        /// The variant's effect against the baseline, + in the variant's favour (money
        /// saved, value, income or coverage gained, fewer cases unserved) and − against
        /// it: `value − baseline` where higher is better, `baseline − value` where lower
        /// is; nil for a figure with no better side, or without both figures. In the
        /// figure's unit (money a year, cases a year, a share).
        public func effect(_ value: Double?, against baseline: Double?) -> Double? {
            guard let value, let baseline else { return nil }
            switch better {
            case .higher: return Fmt.difference(value, baseline)
            case .lower: return Fmt.difference(baseline, value)
            case .none: return nil
            }
        }
    }

    public static let metrics: [Metric] = [
        .init(key: "net_benefit", label: "Net benefit", unit: .money, better: .higher) { $0.hasSolution ? $0.netBenefit : nil },
        .init(key: "value", label: "Value", unit: .money, better: .higher) { $0.hasSolution ? $0.value : nil },
        .init(key: "cost_total", label: "Cost", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.total : nil },
        .init(key: "cost_running", label: "  running", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.running : nil },
        .init(key: "cost_closing", label: "  closing", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.closing : nil },
        .init(key: "cost_opening", label: "  opening", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.opening : nil },
        .init(key: "cost_consular", label: "  consular", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.consular : nil },
        .init(key: "cost_partner_fees", label: "  partner fees", unit: .money, better: .lower) { $0.hasSolution ? $0.cost.partnerFees : nil },
        .init(key: "penalty", label: "Unserved penalty", unit: .money, better: .lower) { $0.hasSolution ? $0.penalty : nil },
        .init(key: "coverage", label: "Coverage", unit: .share, better: .higher) { $0.hasSolution ? $0.coverage : nil },
        .init(key: "unserved", label: "Unserved cases", unit: .cases, better: .lower) { $0.hasSolution ? $0.unserved : nil },
        .init(key: "posts_open", label: "Posts open", unit: .count) { $0.hasSolution ? Double($0.open.count) : nil },
        .init(key: "posts_closed", label: "Posts closed", unit: .count) { $0.hasSolution ? Double($0.closed.count) : nil },
        .init(key: "posts_opened", label: "Posts opened", unit: .count) { $0.hasSolution ? Double($0.opened.count) : nil },
        .init(key: "cases_from_abroad", label: "Cases served from abroad", unit: .cases) { $0.hasSolution ? $0.casesFromAbroad : nil },
        .init(key: "mean_distance_km", label: "  mean distance (km)", unit: .km) { $0.hasSolution ? $0.meanDistanceKm : nil },
        .init(key: "case_km", label: "  distance (case-km)", unit: .caseKm) { $0.hasSolution ? $0.caseKm : nil },
        .init(key: "cases_to_partners", label: "Cases handled by partners", unit: .cases) { $0.hasSolution ? $0.casesToPartners : nil },
        .init(key: "rules_violated", label: "Rules violated", unit: .count, better: .lower) { $0.hasSolution ? Double($0.violations.count) : nil },
    ]

    /// Income (format version 2), which `all(for:)` places right after value:
    /// net benefit = value + income − cost − penalty (model.md, "Format
    /// version 2", Objective).
    public static let income = Metric(key: "income", label: "Income (fees earned)", unit: .money, better: .higher) { $0.hasSolution ? $0.income : nil }

    /// Cost net of income (format version 2), money a year, which `all(for:)`
    /// places after the cost parts: what the network costs the budget, so that
    /// a change's saving is its difference in this figure.
    public static let costNetOfIncome = Metric(key: "cost_net_of_income", label: "Cost net of income", unit: .money, better: .lower) {
        $0.hasSolution ? $0.netCost : nil
    }

    /// Cost net of income without the one-off closing and opening costs (format
    /// version 2), money a year: what the network costs the budget each year once
    /// those are paid, after `horizon_years` (model.md spreads them over it). A
    /// package that costs more over the horizon may save every year after it.
    public static let recurringNetOfIncome = Metric(key: "cost_recurring_net_of_income", label: "  without one-off costs", unit: .money, better: .lower) {
        $0.hasSolution ? $0.cost.total - $0.cost.closing - $0.cost.opening - $0.income : nil
    }

    /// Every figure for these plans, in table order: version 1's; when a plan
    /// is of version 2, also income after value, cost net of income (and the same
    /// without one-off costs) after the cost parts, and `version2Metrics` at the end.
    public static func all(for plans: [Plan]) -> [Metric] {
        let v2 = version2Metrics(plans)
        guard !v2.isEmpty,
              let value = metrics.firstIndex(where: { $0.key == "value" }),
              let fees = metrics.firstIndex(where: { $0.key == "cost_partner_fees" }) else { return metrics }
        var out = metrics
        out.insert(contentsOf: [costNetOfIncome, recurringNetOfIncome], at: fees + 1)
        out.insert(income, at: value + 1)
        return out + v2
    }

    /// The other figures of format version 2 (diplomats, each service's cases
    /// and coverage, each interest's value), for the services and interests of
    /// the given plans; empty when no plan is of version 2.
    public static func version2Metrics(_ plans: [Plan]) -> [Metric] {
        guard let first = plans.first(where: { $0.formatVersion >= 2 && $0.hasSolution }) ?? plans.first(where: { $0.formatVersion >= 2 }) else { return [] }
        var out: [Metric] = [
            .init(key: "diplomats_used", label: "Diplomats used", unit: .count) { $0.hasSolution ? $0.diplomatsUsed : nil },
        ]
        for sv in first.services.map(\.id) {
            @Sendable func get(_ p: Plan, _ f: (ServiceOutcome) -> Double) -> Double? {
                p.hasSolution ? p.services.first { $0.id == sv }.map(f) : nil
            }
            out += [
                .init(key: "services.\(sv).coverage", label: "\(sv): coverage", unit: .share, better: .higher) { get($0, \.coverage) },
                .init(key: "services.\(sv).own", label: "  by own posts", unit: .cases) { get($0, \.own) },
                .init(key: "services.\(sv).partners", label: "  by partners", unit: .cases) { get($0, \.partners) },
                .init(key: "services.\(sv).unserved", label: "  unserved", unit: .cases, better: .lower) { get($0, \.unserved) },
            ]
        }
        for i in first.interests {
            // The id in the row (a label of a sentence would be cut in a terminal's column);
            // the tables' notes give each label in full.
            out.append(.init(key: "interests.\(i.id)", label: "Interest \(i.id)", unit: .money, better: .higher) { p in
                p.hasSolution ? p.interests.first { $0.id == i.id }?.value : nil
            })
        }
        return out
    }

    /// Every figure compared, in table order (`all(for:)`).
    public var metrics: [Metric] { Self.all(for: plans) }

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
            // A variant without a plan decides nothing: its "–" is no difference (one infeasible
            // variant listed every post of an analyst's comparison as differing).
            let openness = d.compactMap { $0.map { $0 == .kept || $0 == .opened } }
            return Set(openness).count > 1 ? (id, d) : nil
        }
    }

    /// Countries whose presence differs between plans.
    public var differingPresence: [(country: String, presence: [PresenceMode?])] {
        guard let first = plans.first(where: \.hasSolution) else { return [] }
        return first.countries.indices.compactMap { i in
            let modes = plans.map { $0.hasSolution && i < $0.countries.count ? $0.countries[i].presence : nil }
            return Set(modes.compactMap { $0?.rawValue }).count > 1 ? (first.countries[i].id, modes) : nil
        }
    }
}

/// Which variants a comparison solves, resolved against a scenario file.
public struct ComparisonRequest: Sendable, Equatable {
    public var name: String
    public var baseline: String
    /// The variants besides the baseline, in order.
    public var variants: [String]

    /// A comparison the file declares (by name, or its first when nil), or an
    /// ad-hoc list of variants; `baseline` overrides the declared one
    /// (default `status-quo`).
    ///
    /// - Throws: `RunError` when the file declares no such comparison, or none
    ///   and no variants are given.
    public init(file: ScenarioFile, comparison: String? = nil, variants: [String]? = nil, baseline: String? = nil) throws {
        if let list = variants {
            if comparison != nil { throw RunError("give either a comparison name or a list of variants, not both") }
            if list.isEmpty { throw RunError("the list of variants names none; give at least one, comma-separated") }
            if let twice = list.first(where: { v in list.filter { $0 == v }.count > 1 }) {
                throw RunError("the list of variants names \(twice) twice; give each once")
            }
            let base = baseline ?? "status-quo"
            name = "variants"
            self.baseline = base
            self.variants = list.filter { $0 != base }
            if self.variants.isEmpty { throw RunError("the list of variants names only the baseline \(base): give a variant to compare with it") }
            return
        }
        let spec: ComparisonSpec
        if let c = comparison {
            guard let found = file.comparison(c) else {
                throw RunError("no comparison \"\(c)\" in \(file.path)\(didYouMean(c, file.comparisons.map(\.name))); comparisons are: \(file.comparisons.map(\.name).joined(separator: ", "))")
            }
            spec = found
        } else {
            guard let first = file.comparisons.first else {
                throw RunError("\(file.path) declares no comparison; give the variants to compare")
            }
            spec = first
        }
        let base = baseline ?? spec.baseline
        name = spec.name
        self.baseline = base
        self.variants = spec.variants.filter { $0 != base }
    }

    /// The baseline first, then the other variants.
    public var allVariants: [String] { [baseline] + variants }
}

extension Planner {
    /// Solves a comparison's variants (in parallel) into a `Comparison`.
    ///
    /// - Throws: `ScenarioError` for an unknown variant, the solver's errors.
    public func compare(_ request: ComparisonRequest, in file: ScenarioFile) throws -> Comparison {
        let scenarios = try request.allVariants.map { name throws(ScenarioError) in try file.scenario(name) }
        let plans = try solveAll(scenarios)
        return Comparison(name: request.name, scenario: file.base.name, currency: file.base.currency,
                          baseline: plans[0], variants: Array(plans.dropFirst()))
    }
}
