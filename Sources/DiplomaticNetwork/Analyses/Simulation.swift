import Foundation

/// A probability distribution of one parameter.
public enum Distribution: Sendable, Equatable {
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// Normal, truncated at 0 (negative draws are drawn again).
    case normal(mean: Double, sd: Double)
    case discrete(values: [Double], weights: [Double])

    /// The values it draws: a uniform, triangular or discrete distribution's support; a
    /// normal one's mean ± `normalSDs` standard deviations, at least 0.
    public func support(normalSDs: Double) -> ClosedRange<Double> {
        switch self {
        case .uniform(let a, let b): a...b
        case .triangular(let a, _, let b): a...b
        case .discrete(let values, _): values.min()!...values.max()!
        case .normal(let m, let sd): max(0, m - normalSDs * sd)...max(0, m + normalSDs * sd)
        }
    }

    /// P(draw ≤ x), as `sample` draws (a normal distribution truncated at 0).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .uniform(let a, let b):
            return b > a ? min(1, max(0, (x - a) / (b - a))) : (x >= a ? 1 : 0)
        case .triangular(let a, let m, let b):
            if x < a { return 0 }
            if x >= b { return 1 }
            if x <= m { return m > a ? (x - a) * (x - a) / ((b - a) * (m - a)) : 0 }
            return b > m ? 1 - (b - x) * (b - x) / ((b - a) * (b - m)) : 1
        case .normal(let m, let sd):
            guard sd > 0 else { return x >= max(0, m) ? 1 : 0 }
            func phi(_ z: Double) -> Double { 0.5 * (1 + erf(z / 2.0.squareRoot())) }
            let floor = phi(-m / sd)
            return x < 0 ? 0 : (phi((x - m) / sd) - floor) / (1 - floor)
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).filter { $0.0 <= x }.reduce(0) { $0 + $1.1 } / total
        }
    }

    /// The share of draws at or beyond `flip` on its side of `current` (at or above it when
    /// the flip is above): how likely a draw reaches the flip, for a factor when `relative`.
    /// A discrete value at the flip itself counts on either side.
    public func chanceBeyond(_ flip: Double, from current: Double, relative: Bool) -> Double? {
        chanceBeyond(flip, upward: flip > current, inclusive: true, from: current, relative: relative)
    }

    /// The share of draws past `threshold` upward or downward from the value now `current`
    /// (in the input's values; a factor's draws are turned into them when `relative`), a
    /// discrete value at `threshold` itself counted only when `inclusive`. For a flip
    /// quoted as an edge the answer now holds at (`MarginsResult.Row.flipsPast`: a cap
    /// flipping below 9, a post's diplomats above 3) the edge is exclusive; it may be the
    /// value now itself, so the side is given, not read from where the edge lies (a post
    /// at 3 diplomats drawn over 2.8–3.6, flipping above 3, read the draws below 3: 25%
    /// where 75% flip; a hostile pass).
    public func chanceBeyond(_ threshold: Double, upward: Bool, inclusive: Bool, from current: Double, relative: Bool) -> Double? {
        guard !relative || current != 0 else { return nil }
        let exact = relative ? threshold / current : threshold
        // Upwards and for a relative factor of a negative value, the draws above x.
        let above = upward == (!relative || current > 0)
        // A discrete value within 1e-9 of the threshold is at it (a factor of 1.1 on 3 is
        // 3.3000000000000003, which the solver answers as 3.3: an exclusive edge at 3.3 counted
        // it as past; a hostile pass): past it strictly means beyond that band, at it within.
        // A continuous distribution has no mass there, and its share stays exact.
        guard case .discrete = self else {
            if above { return inclusive ? 1 - cdfBelow(exact) : 1 - cdf(exact) }
            return inclusive ? cdf(exact) : cdfBelow(exact)
        }
        let band = Self.edgeBand(exact)
        let x = exact + ((above == inclusive) ? -band : band)
        if above { return inclusive ? 1 - cdfBelow(x) : 1 - cdf(x) }
        return inclusive ? cdf(x) : cdfBelow(x)
    }

    /// How near a value must lie to a flip's threshold `x` to count as at it: 1e-9 of it
    /// (at least 1e-9), the rounding of a relative draw (3 × 1.1 = 3.3000000000000003).
    static func edgeBand(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }

    /// The share of draws strictly below `x` (`cdf` without a discrete value at x).
    func cdfBelow(_ x: Double) -> Double {
        guard case .discrete(let values, let weights) = self else { return cdf(x) }
        return zip(values, weights).filter { $0.0 < x }.reduce(0) { $0 + $1.1 } / weights.reduce(0, +)
    }

    func sample(_ rng: inout SplitMix64) -> Double {
        switch self {
        case .uniform(let a, let b):
            return a + (b - a) * rng.unit()
        case .triangular(let a, let c, let b):
            guard b > a else { return a }
            let u = rng.unit(), f = (c - a) / (b - a)
            return u < f ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .normal(let m, let sd):
            for _ in 0..<1000 {
                // Box–Muller; u1 in (0, 1] so the log is finite
                let u1 = 1 - rng.unit(), u2 = rng.unit()
                let x = m + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
                if x >= 0 { return x }
            }
            return 0
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            var u = rng.unit() * total
            for (v, w) in zip(values, weights) {
                if u < w { return v }
                u -= w
            }
            return values.last!
        }
    }
}

/// Splittable, seedable generator: draw `i` of seed `s` is the same whatever
/// the shard, order or thread that computes it.
public struct SplitMix64: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public init(seed: UInt64, stream: UInt64) {
        var s = SplitMix64(seed: seed ^ (stream &* 0x9E3779B97F4A7C15))
        state = s.next() ^ stream
    }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// The `uncertainty:` section of a scenario.
public struct UncertaintySpec: Sendable {
    public struct Parameter: Sendable {
        public var path: ParameterPath
        public var distribution: Distribution
        /// The draw multiplies the scenario's value instead of replacing it.
        public var relative: Bool
        /// In a coalition file, the state whose scenario the path is in; nil in a scenario.
        public var state: String? = nil
        /// Where the range comes from, as the file says it (`source:`, free text: a citation,
        /// a method, a grade); nil when the file gives none. Reports carry it beside the range.
        public var source: String? = nil
        /// How records and summaries name it: the path, `STATE:PATH` in a coalition.
        public var label: String { state.map { "\($0):\(path.text)" } ?? path.text }
        /// Its place among the section's entries as written (0 first), drawn or stated: the
        /// order in which draws apply, so that a `draw: false` entry drawn with
        /// `drawingStated()` applies where it is written (before a wildcard it precedes).
        public var position = 0
        /// Sampled after every other parameter and after the shocks (`drawingStated()`), so
        /// that those keep each draw's samples of the section without it.
        public var sampledLast = false
        /// The variants the range holds in (`within:`): drawn only in a variant built on one
        /// of them (itself, one that extends it, a combination with it), where it replaces
        /// the value that variant sets unless a later step or `--set` sets it again; the other
        /// variants keep their value (`SimulationHeader.outside`). Ranges of an argument's
        /// own number, such as the government's reinforcements (a diplomat cap of 362–382
        /// where its line sets 372), that the other readings do not share. nil: every variant.
        public var within: [String]? = nil

        /// Whether the range holds in a variant whose steps (its chain, root first) are
        /// named `steps`: always without `within`.
        public func holds(inSteps steps: [String]) -> Bool {
            guard let within else { return true }
            return steps.contains(where: within.contains)
        }

        /// Each number the parameter draws in `s` (its scenario, or its state's), as a path
        /// of its own, with the names records give what it draws there (`STATE:`-prefixed
        /// in a coalition): one entry for a plain path, one per item for a wildcard.
        public func items(in s: Scenario) -> [(path: ParameterPath, labels: [String])] {
            guard path.isWildcard else { return [(path, [label])] }
            let prefix = state.map { "\($0):" } ?? ""
            var labels = path.itemLabels(in: s)[...]
            var items: [(path: ParameterPath, labels: [String])] = []
            for text in Margins.items(of: path.text, in: s) {
                guard let q = try? ParameterPath(text, in: s) else { continue }
                let n = q.itemCount(in: s)
                items.append((q, labels.prefix(n).map { prefix + $0 }))
                labels = labels.dropFirst(n)
            }
            return items
        }
    }
    public struct Shock: Sendable {
        public var country: String
        public var multiplier: Double
        public var probability: Double
    }
    /// The parameters a simulation draws, in the section's order.
    public var parameters: [Parameter] = []
    /// Ranges the section states with `draw: false`: `margins`, `compare --flips` and a
    /// coalition's margins test a flip against them and give the share of their
    /// distribution beyond it, as for a drawn one; `simulate` leaves them out unless asked
    /// (`--draw-stated`, `drawingStated()`), so that a range kept for the record does not
    /// move a simulation's figures. In the section's order.
    public var stated: [Parameter] = []
    /// Every range the section states, drawn or not: `parameters`, then `stated`.
    public var ranges: [Parameter] { parameters + stated }
    public var shocks: [Shock] = []

    /// The section with its `draw: false` ranges drawn too: applied where they are written,
    /// sampled after the others and the shocks (`Parameter.sampledLast`), so that each
    /// draw's samples of those are the section's without them (a draw's numbers are taken in
    /// order from one stream: `apply(draw:to:)`).
    public func drawingStated() -> UncertaintySpec {
        var out = self
        let late = stated.map { p -> Parameter in
            var q = p
            q.sampledLast = true
            return q
        }
        // In the order written, so that they apply there; sampled last (`apply(draw:to:)`).
        out.parameters = (parameters + late).enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        out.stated = []
        return out
    }

    /// How a shock is named in the run header's parameters and in each
    /// record's drawn values: `shock:COUNTRY`, `shock:COUNTRY#2` for a second
    /// shock on the same country.
    public static func shockLabel(_ j: Int, in shocks: [Shock]) -> String {
        let country = shocks[j].country
        let k = shocks[..<j].filter { $0.country == country }.count
        return "shock:\(country)" + (k == 0 ? "" : "#\(k + 1)")
    }
    public var draws = 1000
    public var seed: UInt64 = 1
    public var variants: [String] = []

    /// Applies draw `index` to every variant's scenario (common random numbers:
    /// the same draw for each variant) and returns what was drawn and, per
    /// scenario, the error of a draw it cannot take (nil when it took it).
    public func apply(draw index: Int, to scenarios: inout [Scenario]) -> (drawn: [String: Double], errors: [ParameterError?]) {
        let all = Array(scenarios.indices)
        return apply(draw: index, to: &scenarios) { _ in all }
    }

    /// Applies draw `index` to the variants' scenarios whose steps (each variant's chain,
    /// root first, `ScenarioFile.Chain.steps`' names) are `steps`: a range `within` some
    /// variants only to those built on one of them (`Parameter.holds(inSteps:)`); without
    /// `steps` (or a scenario without them) every range applies.
    public func apply(draw index: Int, to scenarios: inout [Scenario], steps: [[String]]) -> (drawn: [String: Double], errors: [ParameterError?]) {
        let all = Array(scenarios.indices)
        return apply(draw: index, to: &scenarios) { p in
            p.within == nil ? all : all.filter { $0 >= steps.count || p.holds(inSteps: steps[$0]) }
        }
    }

    /// Applies draw `index`: each parameter to the scenarios `targets` names for it
    /// (every variant's for a scenario, its state's for a coalition), each shock to
    /// every scenario. Returns what was drawn, by `Parameter.label`, and per scenario
    /// the error of a draw it cannot take.
    public func apply(draw index: Int, to scenarios: inout [Scenario],
                      targets: (Parameter) -> [Int]) -> (drawn: [String: Double], errors: [ParameterError?]) {
        var rng = SplitMix64(seed: seed, stream: UInt64(index))
        var drawn: [String: Double] = [:]
        // A draw a variant cannot take (a share above 1 after a relative draw) fails
        // that variant only; the others take the same draw.
        var errors = [ParameterError?](repeating: nil, count: scenarios.count)
        // Sampled in the stream's order (the parameters, the shocks, then the parameters
        // sampled last: `drawingStated()`), applied in the section's.
        let targeted = parameters.map(targets)
        func sample(_ n: Int) -> [Double] {
            let p = parameters[n]
            // one sample per item for wildcards, in scenario order
            // a range held within variants none of which is in the run is sampled all the
            // same (the base's items), so that each draw's other samples do not depend on
            // the variants asked for
            let first = targeted[n].first ?? (p.within != nil && !scenarios.isEmpty ? 0 : nil)
            let count = p.path.isWildcard ? first.map { p.path.itemCount(in: scenarios[$0]) } ?? 1 : 1
            return (0..<count).map { _ in p.distribution.sample(&rng) }
        }
        var samples = [[Double]](repeating: [], count: parameters.count)
        for n in parameters.indices where !parameters[n].sampledLast { samples[n] = sample(n) }
        let hits = shocks.map { rng.unit() < $0.probability }
        for n in parameters.indices where parameters[n].sampledLast { samples[n] = sample(n) }
        for (n, p) in parameters.enumerated() {
            let samples = samples[n]
            if !p.path.isWildcard {
                drawn[p.label] = Fmt.clean(samples[0])
            } else if let first = targeted[n].first ?? (p.within != nil && !scenarios.isEmpty ? 0 : nil) {
                // Each item's own draw, so that the records say what every solve was given.
                let prefix = p.state.map { "\($0):" } ?? ""
                for (label, x) in zip(p.path.itemLabels(in: scenarios[first]), samples) { drawn[prefix + label] = Fmt.clean(x) }
            }
            for k in targeted[n] where errors[k] == nil {
                var i = 0
                do {
                    try p.path.apply(to: &scenarios[k]) { current in
                        defer { i += 1 }
                        let x = samples[min(i, samples.count - 1)]
                        return p.relative ? current * x : x
                    }
                } catch { errors[k] = error }
            }
        }
        for (j, shock) in shocks.enumerated() {
            let hit = hits[j]
            drawn[Self.shockLabel(j, in: shocks)] = hit ? 1 : 0
            guard hit else { continue }
            for k in scenarios.indices {
                for i in scenarios[k].countries.indices where scenarios[k].countries[i].id == shock.country {
                    scenarios[k].countries[i].demand *= shock.multiplier
                }
            }
        }
        return (drawn, errors)
    }

}

public struct SimulationHeader: DrawRunHeader {
    public var kind = "simulation"
    public var scenario: String
    public var scenario_hash: String
    public var variants: [String]
    /// Command-line changes (`--set PATH=VALUE`) applied after the variant; absent when none.
    public var set: [String]? = nil
    /// The inputs drawn outright that a variant or the command line sets, so not drawn
    /// there, with the variants that keep their own value (`["--set"]`: every variant, the
    /// command line's value); absent when none.
    public var held: [String: [String]]? = nil
    /// The inputs drawn by a range `within` some variants, with the variants of the run
    /// that are not built on any of them, so not drawn there (they keep their own value);
    /// absent when none. Part of the run's identity, as `held` is.
    public var outside: [String: [String]]? = nil
    public var seed: UInt64
    public var draws: Int
    public var parameters: [String]
    /// Posts of the scenario (existing ones first), so a merge needs no scenario file.
    public var existing_posts: [String]
    public var candidate_posts: [String]
    /// The solver's relative gap and time limit a solve (seconds), absent when not set:
    /// records solved to another gap are not records of this run.
    public var gap: Double? = nil
    public var time_limit: Double? = nil
    /// The drawn inputs that cannot move a variant, with the variants where they cannot
    /// (`SimulationRun.inert`: a relative draw of a value that is 0 there, such as an
    /// argument's line switched off, or the share of an interest no country values there).
    /// Left out of the drivers where they are inert on both sides of a difference, since
    /// any rank correlation they show is chance. Derived from the run's identity (the
    /// scenario's hash, variants and changes), so not part of it: absent from records
    /// written before it was kept, and then taken from the run resumed.
    public var inert: [String: [String]]? = nil
    /// The ranges the uncertainty section states but does not draw (`draw: false`, run
    /// without `--draw-stated`), by path; absent when none. Read from the file, so not part
    /// of the run's identity: a run that draws them names them in `parameters`.
    public var stated: [String]? = nil
    /// The ranges stated with `draw: false` that this run draws too (`--draw-stated`), by
    /// path; absent otherwise. They are in `parameters` as well, so part of the identity.
    public var drew_stated: [String]? = nil
    /// The warnings the run printed about its input before the first draw, as printed, so
    /// that `dipnet merge` keeps them in its outputs as the run did; not part of the run's
    /// identity (`==`).
    public var warnings: [String]? = nil

    private enum CodingKeys: String, CodingKey {
        case kind, scenario, scenario_hash, variants, set, held, outside, seed, draws, parameters, existing_posts, candidate_posts, gap, time_limit, inert, stated, drew_stated, warnings
    }

    /// Equal when they name the same run (`--resume`, `dipnet merge`): every key but
    /// `inert`, which the others settle.
    public static func == (a: SimulationHeader, b: SimulationHeader) -> Bool {
        a.kind == b.kind && a.scenario == b.scenario && a.scenario_hash == b.scenario_hash && a.variants == b.variants
            && a.set == b.set && a.held == b.held && a.outside == b.outside && a.seed == b.seed && a.draws == b.draws && a.parameters == b.parameters
            && a.existing_posts == b.existing_posts && a.candidate_posts == b.candidate_posts && a.gap == b.gap
            && a.time_limit == b.time_limit
    }

    /// `inert` from `other` when this header has none; when both have it (files of two
    /// versions of dipnet, merged or resumed), only what both hold, so that no input one
    /// of them ranks is hidden, whichever comes first.
    public func filling(from other: SimulationHeader) -> SimulationHeader {
        var out = self
        switch (inert, other.inert) {
        case let (a?, b?):
            var both: [String: [String]] = [:]
            for (label, vs) in a { let common = vs.filter { b[label]?.contains($0) ?? false }; if !common.isEmpty { both[label] = common } }
            out.inert = both.isEmpty ? nil : both
        default: out.inert = inert ?? other.inert
        }
        out.warnings = warnings ?? other.warnings
        out.stated = stated ?? other.stated
        out.drew_stated = drew_stated ?? other.drew_stated
        return out
    }

    public init(scenario: String, scenario_hash: String, variants: [String], seed: UInt64, draws: Int, parameters: [String],
                existing_posts: [String], candidate_posts: [String]) {
        self.scenario = scenario
        self.scenario_hash = scenario_hash
        self.variants = variants
        self.seed = seed
        self.draws = draws
        self.parameters = parameters
        self.existing_posts = existing_posts
        self.candidate_posts = candidate_posts
    }
}

public struct SimulationRecord: DrawRecord {
    public var draw: Int
    public var variant: String
    public var status: String
    public var net_benefit: Double?
    public var coverage: Double?
    public var closed: [String]
    public var opened: [String]
    public var drawn: [String: Double]
    public var error: String?
    /// Rules the plan breaks (`evaluate` mode checks them instead of imposing them);
    /// absent when it breaks none.
    public var broken_rules: [String]? = nil
    /// Budget money of the plan, money a year: its cost net of fee income (one-off costs
    /// spread over the drawn horizon), and its one-off closing and opening costs so
    /// spread; absent without a plan and in records written before these keys existed
    /// (2026-12-05), which `reconciled(with:)` lets a newer copy of the draw complete.
    public var cost_net_of_income: Double? = nil
    public var one_off_costs: Double? = nil

    /// Cost net of income without the one-off costs: each year after the horizon.
    public var recurringNetOfIncome: Double? {
        guard let c = cost_net_of_income, let o = one_off_costs else { return nil }
        return c - o
    }

    /// A copy of this draw from a version without the budget keys agrees with one that
    /// has them (every key both hold is equal): the copy with them stands for both.
    public func reconciled(with other: SimulationRecord) -> SimulationRecord? {
        if self == other { return self }
        var (a, b) = (self, other)
        if a.cost_net_of_income == nil && a.one_off_costs == nil { (a.cost_net_of_income, a.one_off_costs) = (b.cost_net_of_income, b.one_off_costs) }
        if b.cost_net_of_income == nil && b.one_off_costs == nil { (b.cost_net_of_income, b.one_off_costs) = (a.cost_net_of_income, a.one_off_costs) }
        return a == b ? a : nil
    }
}

/// Distribution summaries of a set of simulation records.
public struct SimulationSummary: Sendable {
    public struct Stats: Sendable {
        public var count: Int
        public var mean: Double
        public var sd: Double
        public var p5: Double
        public var p50: Double
        public var p95: Double
        public var min: Double
        public var max: Double

        public init?(_ xs: [Double]) {
            guard !xs.isEmpty else { return nil }
            let s = xs.sorted()
            count = s.count
            mean = s.reduce(0, +) / Double(s.count)
            let m = mean
            sd = s.count > 1 ? (s.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(s.count - 1)).squareRoot() : 0
            // Equal values summed in other orders differ in their last bits: an sd below 1e-12
            // of the mean is that rounding (4.7e-10 for net benefits of 1e8 equal in every draw).
            if sd <= 1e-12 * abs(mean) { sd = 0 }
            func q(_ p: Double) -> Double {
                let h = p * Double(s.count - 1)
                let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
                return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
            }
            p5 = q(0.05); p50 = q(0.5); p95 = q(0.95)
            min = s.first!; max = s.last!
        }
    }
    public struct VariantSummary: Sendable {
        public var variant: String
        public var draws: Int
        public var solved: Int
        public var netBenefit: Stats?
        public var coverage: Stats?
        /// Share of draws in which this variant has the highest net benefit (ties shared).
        public var wins: Double
        /// Solved draws in which the plan breaks a rule (evaluate mode), and of the
        /// draws it wins, how many (its wins may be bought by breaking a budget).
        public var breaksRules: Int = 0
        public var winsBreakingRules: Double = 0
        /// The draws without a plan, by status (`infeasible`, `error`, …), most first: why
        /// `solved` is below `draws`.
        public var unsolved: [(status: String, count: Int)] = []
    }
    /// One variant's net benefit minus the first variant's, draw by draw.
    public struct Difference: Sendable {
        public var variant: String
        /// The first variant of the simulation, against which the difference is taken.
        public var against: String
        /// Draws in which both variants have a plan (the differences' count).
        public var paired: Int
        /// Of `variant − against`, money a year; nil without a paired draw.
        public var netBenefit: Stats?
        /// Share of paired draws in which `variant` is ahead (difference above 1e-6 relative).
        public var ahead: Double
        /// Budget: `variant`'s cost net of income minus `against`'s, and the same without
        /// one-off costs, money a year (< 0: `variant` saves), over every paired draw; nil
        /// when a paired record lacks them (`budgetMissing`: written before they existed),
        /// since figures over some draws only would read as the run's.
        public var costNetOfIncome: Stats? = nil
        public var recurringNetOfIncome: Stats? = nil
        /// Share of those draws in which `variant` costs the budget less (over the horizon,
        /// and each year after it).
        public var saves: Double? = nil
        public var savesRecurring: Double? = nil
        /// Paired draws whose records lack the budget figures.
        public var budgetMissing = 0
        /// What drives the difference: Spearman's rank correlation of each drawn input
        /// with the difference over the paired draws, strongest first (inputs drawn
        /// alike in every draw left out). A sign > 0: a higher draw of the input favours
        /// `variant`. One input at a time, so inputs drawn together (none in a file's
        /// section: every draw is independent) would share their correlation.
        public var drivers: [Driver] = []
    }

    /// One drawn input and its rank correlation with a difference (−1…1).
    public struct Driver: Sendable, Equatable {
        public var input: String
        public var rankCorrelation: Double
    }

    /// Ranks 1…n of `x`, ties given their mean rank.
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, x[order[j + 1]] == x[order[i]] { j += 1 }
            let mean = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = mean }
            i = j + 1
        }
        return r
    }

    /// Spearman's rank correlation of two samples of the same length; nil when either
    /// is constant or there are fewer than 3 pairs.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3 else { return nil }
        let (rx, ry) = (ranks(x), ranks(y))
        let n = Double(x.count)
        let (mx, my) = (rx.reduce(0, +) / n, ry.reduce(0, +) / n)
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for i in rx.indices {
            let (a, b) = (rx[i] - mx, ry[i] - my)
            sxy += a * b; sxx += a * a; syy += b * b
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// The drawn inputs most correlated with a yes/no outcome over `records` (1 when
    /// `outcome` holds), strongest first, at most `limit`: rank correlation with a 0/1
    /// variable (Spearman; ties take their mean rank).
    public static func drivers<R>(of records: [R], drawn: (R) -> [String: Double], outcome: (R) -> Bool, limit: Int = 3) -> [Driver] {
        Array(ranked(records.map(drawn), against: records.map { outcome($0) ? 1.0 : 0.0 }).prefix(limit))
    }

    /// The drivers of `variant − against`: each drawn input's rank correlation with
    /// the paired difference, strongest first.
    /// Inputs in `excluding` are left out before ranking (inert on both sides).
    public static func drivers(_ records: [SimulationRecord], _ variant: String, minus against: String,
                               excluding: Set<String> = []) -> [Driver] {
        let pairs = pairedDraws(records, variant, minus: against)
        let drawn = excluding.isEmpty ? pairs.map(\.drawn) : pairs.map { $0.drawn.filter { !excluding.contains($0.key) } }
        // to a millionth of the money unit: a difference that is the same in every draw up
        // to rounding (−93,250 and −93,250.00000000003) must rank as ties, not as a driver
        return ranked(drawn, against: pairs.map { ($0.difference * 1e6).rounded() / 1e6 })
    }

    /// Each input of `drawn` (one map per observation) by its rank correlation with `y`
    /// over the observations that drew it, strongest first; inputs drawn alike in every
    /// observation left out.
    static func ranked(_ drawn: [[String: Double]], against y: [Double]) -> [Driver] {
        var out: [Driver] = []
        for input in Set(drawn.flatMap(\.keys)).sorted() {
            let pairs = zip(drawn, y).compactMap { d, v in d[input].map { ($0, v) } }
            if let rho = spearman(pairs.map(\.0), pairs.map(\.1)) { out.append(Driver(input: input, rankCorrelation: rho)) }
        }
        return out.sorted { (abs($0.rankCorrelation), $1.input) > (abs($1.rankCorrelation), $0.input) }
    }
    public var variants: [VariantSummary]
    /// Every variant after the first against the first, paired by draw: both
    /// see the same drawn inputs, so the spread of the difference is the
    /// uncertainty of the answer, not of the network's level.
    public var differences: [Difference]
    /// Per post and variant: share of solved draws in which the post is open.
    public var openShare: [(post: String, shares: [Double])]
    /// For each post whose fate depends on the draw: the drawn inputs that move most with
    /// it being open (rank correlation with 1 open / 0 closed, > 0: a higher draw keeps it
    /// open more often), at most three, strongest first, in the first variant where it varies.
    public var openDrivers: [String: (variant: String, drivers: [Driver])] = [:]
    public var draws: Int
    /// How the text and Markdown "Budget" table gives each difference (`simulate
    /// --effect`, as `Comparison.showsEffects`): false, each variant's cost net of income
    /// minus the first's (< 0: the variant saves); true, the budget the variant saves
    /// against the first (+ saved: each figure's sign turned, so P5 and P95 swap). The
    /// figures and the data exports (JSON, CSV) are the same either way.
    public var showsEffects = false

    /// `variant`'s net benefit minus `against`'s, draw by draw in draw order, over
    /// the draws where both have a plan (money a year).
    public static func paired(_ records: [SimulationRecord], _ variant: String, minus against: String) -> [Double] {
        pairedDraws(records, variant, minus: against).map(\.difference)
    }

    /// The paired draws of `variant` and `against`, in draw order: the difference of
    /// their net benefits and what the draw drew.
    static func pairedDraws(_ records: [SimulationRecord], _ variant: String,
                            minus against: String) -> [(difference: Double, drawn: [String: Double])] {
        Dictionary(grouping: records, by: \.draw).sorted { $0.key < $1.key }.compactMap { _, rs in
            guard let a = rs.first(where: { $0.variant == against }), let b = rs.first(where: { $0.variant == variant }),
                  let na = a.net_benefit, let nb = b.net_benefit else { return nil }
            // what either side was given: an input held in one (set there, or outside the
            // variants its range is stated within) still moves the other
            return (nb - na, a.drawn.merging(b.drawn) { _, own in own })
        }
    }

    /// `figure` of `variant` minus that of `against`, draw by draw in draw order, over the
    /// draws where both records hold it.
    static func pairedFigure(_ byDraw: [Int: [SimulationRecord]], _ variant: String, minus against: String,
                             _ figure: (SimulationRecord) -> Double?) -> [Double] {
        byDraw.sorted { $0.key < $1.key }.compactMap { _, rs in
            guard let a = rs.first(where: { $0.variant == against }).flatMap(figure),
                  let b = rs.first(where: { $0.variant == variant }).flatMap(figure) else { return nil }
            return b - a
        }
    }

    /// The records without a plan, by status (a failed solve's `error`), most first, ties by name.
    static func unsolved(_ records: [SimulationRecord]) -> [(status: String, count: Int)] {
        let counts = Dictionary(grouping: records.filter { $0.net_benefit == nil }, by: \.status).mapValues(\.count)
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Summarises records of `variants` for the given posts (any order of records).
    ///
    /// - Parameter inert: per drawn input, the variants where no draw of it can move the
    ///   answer (`SimulationHeader.inert`): left out of the drivers of a difference when
    ///   inert in both its variants, and of a post's drivers in the variant they are taken in.
    public init(records: [SimulationRecord], variants: [String], existing: [String], candidates: [String],
                inert: [String: [String]] = [:]) {
        let byVariant = Dictionary(grouping: records, by: \.variant)
        var wins = Dictionary(uniqueKeysWithValues: variants.map { ($0, 0.0) })
        var winsBreaking = wins
        let byDraw = Dictionary(grouping: records, by: \.draw)
        for (_, rs) in byDraw.sorted(by: { $0.key < $1.key }) {   // fixed order: the same sums, bit for bit
            let solved = rs.filter { $0.net_benefit != nil && variants.contains($0.variant) }
            guard let best = solved.map({ $0.net_benefit! }).max() else { continue }
            let winners = solved.filter { abs($0.net_benefit! - best) <= 1e-6 * Swift.max(1, abs(best)) }
            for w in winners {
                wins[w.variant, default: 0] += 1 / Double(winners.count)
                if !(w.broken_rules ?? []).isEmpty { winsBreaking[w.variant, default: 0] += 1 / Double(winners.count) }
            }
        }
        let drawCount = Set(records.map(\.draw)).count
        draws = drawCount
        self.variants = variants.map { v in
            let rs = byVariant[v] ?? []
            let ok = rs.filter { $0.net_benefit != nil }
            return VariantSummary(variant: v, draws: rs.count, solved: ok.count,
                                  netBenefit: Stats(ok.map { $0.net_benefit! }), coverage: Stats(ok.compactMap(\.coverage)),
                                  wins: drawCount > 0 ? (wins[v] ?? 0) / Double(drawCount) : 0,
                                  breaksRules: ok.filter { !($0.broken_rules ?? []).isEmpty }.count,
                                  winsBreakingRules: drawCount > 0 ? (winsBreaking[v] ?? 0) / Double(drawCount) : 0,
                                  unsolved: Self.unsolved(rs))
        }
        differences = variants.dropFirst().map { v in
            let diffs = Self.paired(records, v, minus: variants[0])
            let ahead = diffs.filter { $0 > 1e-6 * Swift.max(1, abs($0)) }.count
            var d = Difference(variant: v, against: variants[0], paired: diffs.count, netBenefit: Stats(diffs),
                               ahead: diffs.isEmpty ? 0 : Double(ahead) / Double(diffs.count),
                               drivers: Self.drivers(records, v, minus: variants[0],
                                                     excluding: Set(inert.filter { $0.value.contains(v) && $0.value.contains(variants[0]) }.keys)))
            let costs = Self.pairedFigure(byDraw, v, minus: variants[0]) { $0.cost_net_of_income }
            let recurring = Self.pairedFigure(byDraw, v, minus: variants[0]) { $0.recurringNetOfIncome }
            func lower(_ xs: [Double]) -> Double? {
                xs.isEmpty ? nil : Double(xs.filter { $0 < -1e-6 * Swift.max(1, abs($0)) }.count) / Double(xs.count)
            }
            d.budgetMissing = diffs.count - min(costs.count, recurring.count)
            if d.budgetMissing == 0 {
                (d.costNetOfIncome, d.recurringNetOfIncome, d.saves, d.savesRecurring) = (Stats(costs), Stats(recurring), lower(costs), lower(recurring))
            }
            return d
        }
        openShare = (existing.map { ($0, true) } + candidates.map { ($0, false) }).map { id, isExisting in
            (id, variants.map { v in
                let ok = (byVariant[v] ?? []).filter { $0.net_benefit != nil }
                guard !ok.isEmpty else { return .nan }
                let open = ok.filter { r in isExisting ? !r.closed.contains(id) : r.opened.contains(id) }.count
                return Double(open) / Double(ok.count)
            })
        }
        for (post, shares) in openShare {
            guard let k = shares.firstIndex(where: { $0 > 0 && $0 < 1 }) else { continue }
            let isExisting = existing.contains(post)
            let ok = (byVariant[variants[k]] ?? []).filter { $0.net_benefit != nil }
            let live = ok.map { r in r.drawn.filter { !(inert[$0.key]?.contains(variants[k]) ?? false) } }
            openDrivers[post] = (variants[k], Self.ranked(live, against: ok.map { r in
                (isExisting ? !r.closed.contains(post) : r.opened.contains(post)) ? 1.0 : 0.0 }).prefix(3).map { $0 })
        }
    }
}

public enum Simulation {
    /// Puts each path's numbers back into `s` after a draw (the values a variant or `--set`
    /// gives it, item by item for a wildcard).
    static func putBack(_ held: [(path: ParameterPath, values: [Double])], into s: inout Scenario) {
        for (q, own) in held where !own.isEmpty {
            var i = 0
            try? q.apply(to: &s) { _ in defer { i += 1 }; return own[min(i, own.count - 1)] }
        }
    }

    /// Solves every variant for one draw.
    ///
    /// - Parameter restore: per scenario, inputs put back after the draw to the numbers
    ///   given with them (what a variant or the command line sets, read once by
    ///   `SimulationRun`); `heldLabels`: per scenario, the drawn numbers they hold, left out
    ///   of its records' `drawn`.
    public static func run(draw: Int, spec: UncertaintySpec, scenarios: [Scenario], planner: Planner,
                           restore: [[(path: ParameterPath, values: [Double])]] = [], heldLabels: [Set<String>] = [],
                           steps: [[String]] = []) -> [SimulationRecord] {
        var drawnScenarios = scenarios
        let (drawnAll, errors) = spec.apply(draw: draw, to: &drawnScenarios, steps: steps)
        for k in restore.indices where k < scenarios.count { putBack(restore[k], into: &drawnScenarios[k]) }
        return zip(drawnScenarios.indices, errors).map { k, drawError in
            let s = drawnScenarios[k]
            let drawn = k < heldLabels.count && !heldLabels[k].isEmpty ? drawnAll.filter { !heldLabels[k].contains($0.key) } : drawnAll
            if let drawError {
                return SimulationRecord(draw: draw, variant: s.variant, status: "error", closed: [], opened: [], drawn: drawn, error: "\(drawError)")
            }
            do {
                let p = try planner.solve(s)
                return SimulationRecord(draw: draw, variant: s.variant, status: p.status,
                                        net_benefit: p.hasSolution ? Fmt.clean(p.netBenefit) : nil,
                                        coverage: p.hasSolution ? Fmt.clean(p.coverage) : nil,
                                        closed: p.hasSolution ? p.closed : [], opened: p.hasSolution ? p.opened : [],
                                        drawn: drawn, error: nil,
                                        broken_rules: p.hasSolution && !p.violations.isEmpty ? p.violations.map(\.rule) : nil,
                                        cost_net_of_income: p.hasSolution ? Fmt.clean(p.cost.total - p.income) : nil,
                                        one_off_costs: p.hasSolution ? Fmt.clean(p.cost.closing + p.cost.opening) : nil)
            } catch {
                return SimulationRecord(draw: draw, variant: s.variant, status: "error", closed: [], opened: [], drawn: drawn, error: "\(error)")
            }
        }
    }
}

/// A Monte Carlo simulation as a batch analysis: one job per draw, one record
/// per draw and variant.
public struct SimulationRun: BatchAnalysis {
    public let spec: UncertaintySpec
    public let scenarios: [Scenario]
    public internal(set) var header: SimulationHeader

    /// The variants of a simulation when none are asked for: the uncertainty
    /// section's, else the first comparison's (baseline first), else `base`.
    public static func defaultVariants(of file: ScenarioFile) -> [String] {
        if let v = file.uncertainty?.variants, !v.isEmpty { return v }
        if let c = file.comparisons.first { return [c.baseline] + c.variants.filter { $0 != c.baseline } }
        return ["base"]
    }

    /// `drawStated` draws the section's `draw: false` ranges too, after the others
    /// (`UncertaintySpec.drawingStated()`); otherwise the header names them (`stated`).
    ///
    /// - Throws: `RunError` when the file has no `uncertainty:` section, draws nothing (its
    ///   ranges all stated with `draw: false`, or all `within` variants none of those asked
    ///   is built on), or a count is out of range; `ScenarioError` for an unknown variant.
    public init(file: ScenarioFile, variants: [String]? = nil, draws: Int? = nil, seed: UInt64? = nil, drawStated: Bool = false) throws {
        guard let section = file.uncertainty else {
            throw RunError("\(file.path) has no uncertainty: section (see docs/scenario-format.md, \"Uncertainty\")")
        }
        var spec = drawStated ? section.drawingStated() : section
        if spec.parameters.isEmpty, spec.shocks.isEmpty, !spec.stated.isEmpty {
            throw RunError("the uncertainty section of \(file.path) draws nothing: its ranges are all stated with draw: false "
                           + "(margins tests flips against them); --draw-stated draws them")
        }
        if let d = draws {
            guard (1...10_000_000).contains(d) else { throw RunError("draws must be from 1 to 10,000,000, found \(d)") }
            spec.draws = d
        }
        if let s = seed { spec.seed = s }
        let names = variants ?? Self.defaultVariants(of: file)
        guard !names.isEmpty else { throw RunError("give at least one variant to simulate") }
        if let twice = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
            throw RunError("the list of variants names \(twice) twice; give each once")
        }
        scenarios = try names.map { try file.scenario($0) }
        // An input drawn outright (not `relative`) that a variant, or the command line, sets
        // or scales keeps the value asked for there: it is put back after each draw (a
        // variant that counts no visa demand in Cuba was given the drawn 1,300–2,250, and a
        // --set of Havana's cost was drawn over, both without a word). Item by item for a
        // wildcard (a variant setting one post's cost leaves the others drawn); a relative
        // draw still multiplies the value.
        let base = file.base
        let typed = file.changes.compactMap { c in try? ParameterPath(String(c.prefix { $0 != "=" }), in: base) }
        let chains = names.map { n in (try? file.chain(of: n))?.steps ?? [] }
        let stepNames = chains.map { $0.map(\.name) }
        // The changes a variant's steps make to the numbers a range draws: every step's, or
        // for a range `within` some variants, the steps after the last of them (the value
        // that variant sets is the one the range is about; a later step sets its own).
        func changes(_ k: Int, of p: UncertaintySpec.Parameter) -> [ParameterPath] {
            var steps = chains[k][...]
            if let within = p.within, let last = steps.lastIndex(where: { within.contains($0.name) }) { steps = steps[(last + 1)...] }
            return steps.flatMap { $0.set.map(\.path) + $0.scale.map(\.path) }.compactMap { try? ParameterPath($0, in: base) }
        }
        // A run none of whose variants is built on the variants its ranges hold within draws
        // nothing: five identical draws were solved and summarised without a word.
        if spec.shocks.isEmpty, !spec.parameters.isEmpty,
           spec.parameters.allSatisfy({ p in p.state == nil && !stepNames.contains(where: p.holds(inSteps:)) }) {
            let within = Array(Set(spec.parameters.flatMap { $0.within ?? [] })).sorted()
            throw RunError("the uncertainty section of \(file.path) draws nothing in \(names.joined(separator: ", ")): its ranges hold within "
                           + "\(within.joined(separator: ", ")) only (within:); simulate variants built on \(within.count == 1 ? "it" : "one of them")")
        }
        var restore = [[ParameterPath]](repeating: [], count: names.count)
        var heldLabels = [Set<String>](repeating: [], count: names.count)
        var held: [String: [String]] = [:], outside: [String: [String]] = [:]
        // Whether a change of path r sets (part of) the number q.
        func overlap(_ r: ParameterPath, _ q: ParameterPath) -> Bool { r.overlaps(q, in: base) || q.overlaps(r, in: base) }
        for p in spec.parameters where p.state == nil {
            let inside = names.indices.filter { p.holds(inSteps: stepNames[$0]) }
            let changed = Dictionary(uniqueKeysWithValues: inside.map { ($0, changes($0, of: p)) })
            for (q, labels) in p.items(in: base) {
                // Outside its variants a range is not applied (`apply(draw:to:steps:)`):
                // their records do not carry it.
                for k in names.indices where !inside.contains(k) {
                    heldLabels[k].formUnion(labels)
                    for label in labels where outside[label]?.contains(names[k]) != true { outside[label, default: []].append(names[k]) }
                }
                guard !p.relative else { continue }
                func touches(_ r: ParameterPath) -> Bool { overlap(r, q) }
                let setting = typed.contains(where: touches) ? inside : inside.filter { changed[$0]!.contains(where: touches) }
                guard !setting.isEmpty else { continue }
                for k in setting { restore[k].append(q); heldLabels[k].formUnion(labels) }
                for label in labels { held[label] = typed.contains(where: touches) ? ["--set"] : setting.map { names[$0] } }
            }
        }
        self.restore = restore
        self.heldLabels = heldLabels
        self.steps = stepNames
        // The numbers to put back, read once (each draw copied the scenario to read them).
        let solved = scenarios
        restoreValues = restore.indices.map { k in restore[k].map { ($0, $0.values(in: solved[k])) } }
        self.spec = spec
        var header = SimulationHeader(scenario: file.base.name, scenario_hash: file.contentHash, variants: names, seed: spec.seed,
                                  draws: spec.draws, parameters: spec.parameters.map(\.path.text) + spec.shocks.indices.map { UncertaintySpec.shockLabel($0, in: spec.shocks) },
                                  existing_posts: file.base.posts.filter { $0.status == .existing }.map(\.id),
                                  candidate_posts: file.base.posts.filter { $0.status == .candidate }.map(\.id))
        header.set = file.changes.isEmpty ? nil : file.changes
        header.held = held.isEmpty ? nil : held
        header.outside = outside.isEmpty ? nil : outside
        // A stated range whose every number --set holds is neither "not drawn" (as if
        // --draw-stated would draw it) nor "drawn too" (it read both beside "held": hostile
        // passes): --set gives its value, and a drawn one is named as held.
        func heldBySet(_ p: UncertaintySpec.Parameter) -> Bool {
            !p.relative && p.state == nil
                && p.items(in: base).allSatisfy { q, _ in typed.contains { overlap($0, q) } }
        }
        let notDrawn = spec.stated.filter { !heldBySet($0) }.map(\.label)
        header.stated = notDrawn.isEmpty ? nil : notDrawn
        let drew = drawStated ? section.stated.filter { !heldBySet($0) }.map(\.label) : []
        header.drew_stated = drew.isEmpty ? nil : drew
        let inert = Self.inert(spec, scenarios, steps: stepNames)
        header.inert = inert.isEmpty ? nil : inert
        self.header = header
    }

    /// The drawn inputs that cannot move a variant, so that no draw of them can: each
    /// item's label with the variants where it is inert. An input is inert where
    /// - it is a relative draw of a value that is 0 there (an argument's line switched off:
    ///   it multiplies 0) and no outright draw of the same number comes before it (the
    ///   relative draw would multiply that draw);
    /// - it is a relative draw that an outright draw of the same number later replaces;
    /// - it is an interest's share (`interests.I.accredited`, `.represented`) and every
    ///   country values that interest at 0 there (the share multiplies 0 in the objective,
    ///   model.md, version 2).
    static func inert(_ spec: UncertaintySpec, _ scenarios: [Scenario], steps: [[String]] = []) -> [String: [String]] {
        var inert: [String: [String]] = [:]
        let own = spec.parameters.filter { $0.state == nil }
        for (k, s) in scenarios.enumerated() {
            // a range outside its variants is not drawn there at all (`SimulationHeader.outside`)
            let there = k < steps.count ? own.filter { $0.holds(inSteps: steps[k]) } : own
            for label in inertLabels(there, in: s).inert where inert[label]?.last != s.variant { inert[label, default: []].append(s.variant) }
        }
        return inert
    }

    /// The names of the numbers `parameters` draw in `s` (in their order), and those of
    /// them no draw can move there (the rules of `inert`). `parameters` are the ones that
    /// draw in `s`, in the section's order: a relative draw is judged against the outright
    /// draws of the same number before and after it.
    static func inertLabels(_ parameters: [UncertaintySpec.Parameter], in s: Scenario) -> (drawn: [String], inert: [String]) {
        var drawn: [String] = [], inert: [String] = []
        for (i, p) in parameters.enumerated() {
            for (q, labels) in p.items(in: s) {
                drawn += labels
                func overlaps(_ r: UncertaintySpec.Parameter) -> Bool {
                    !r.relative && (r.path.overlaps(q, in: s) || q.overlaps(r.path, in: s))
                }
                var cannotMatter = false
                if p.relative {
                    // Replaced only by a later outright draw that leaves nothing of this one in
                    // force: a post taking the default case cost has its own once a relative draw
                    // scales it, and a later draw of the default leaves it (it was called inert,
                    // though its factor moved the whole answer: a hostile pass).
                    let replacedLater = parameters[(i + 1)...].contains { r in !r.relative && r.path.replaces(q, in: s) }
                    let drawnBefore = parameters[..<i].contains(where: overlaps)
                    let values = q.values(in: s)
                    cannotMatter = replacedLater || (!drawnBefore && !values.isEmpty && values.allSatisfy { $0 == 0 })
                }
                let parts = q.text.split(separator: ".").map(String.init)
                // A share of an interest no country values, unless a draw values it: an
                // outright draw of a country's value of the interest (a relative one
                // multiplies 0) makes the share matter (a hostile pass's `countries.CUB.
                // interests.eu_dialogue` drawn 0–3 M beside a share called inert).
                if parts.count == 3, parts[0] == "interests", ["accredited", "represented"].contains(parts[2]),
                   let j = s.interests.firstIndex(where: { $0.id == parts[1] }),
                   s.countries.allSatisfy({ j >= $0.interests.count || $0.interests[j] == 0 }),
                   !parameters.contains(where: { r in
                       let rp = r.path.text.split(separator: ".").map(String.init)
                       return !r.relative && rp.count >= 4 && rp[0] == "countries" && rp[2] == "interests" && rp[3] == parts[1]
                   }) {
                    cannotMatter = true
                }
                // A post's case cost of a service it does not offer there: no case of it is
                // handled at the post (`posts.*.case_cost.visas` drew desks and an honorary
                // consul too, and one ranked among the drivers by chance: a hostile pass).
                if s.postNotOffering(caseCostPath: q.text) != nil { cannotMatter = true }
                if cannotMatter { inert += labels }
            }
        }
        return (drawn, inert)
    }

    /// Per scenario, the inputs put back to the scenario's own value after each draw (see
    /// `init`), and the names of the drawn numbers they hold (left out of its records).
    public let restore: [[ParameterPath]]
    public let heldLabels: [Set<String>]
    /// Per scenario, the names of its variant's steps (root first): a range `within` some
    /// variants is drawn only where one of them is among them.
    public let steps: [[String]]
    let restoreValues: [[(path: ParameterPath, values: [Double])]]

    public var jobCount: Int { spec.draws }
    public func foreign(_ record: SimulationRecord) -> String? {
        guard header.variants.contains(record.variant) else { return "a record of variant \(record.variant), which this run does not solve" }
        // What this run's seed draws for that draw: a record of another seed, or edited, differs.
        var drawnScenarios = scenarios
        let (drawnAll, _) = spec.apply(draw: record.draw, to: &drawnScenarios, steps: steps)
        let k = header.variants.firstIndex(of: record.variant) ?? 0
        let drawn = k < heldLabels.count ? drawnAll.filter { !heldLabels[k].contains($0.key) } : drawnAll
        return drawnProblem(draw: record.draw, found: record.drawn, expected: drawn)
    }
    public var recordsPerJob: Int { scenarios.count }
    public func job(of record: SimulationRecord) -> Int { record.draw }
    public func key(of record: SimulationRecord) -> String { "\(record.draw)|\(record.variant)" }
    public func precedes(_ a: SimulationRecord, _ b: SimulationRecord) -> Bool {
        (a.draw, header.variants.firstIndex(of: a.variant) ?? 0) < (b.draw, header.variants.firstIndex(of: b.variant) ?? 0)
    }
    public func outcome(of r: SimulationRecord) -> (status: String, error: String?) { (r.status, r.error) }
    public func run(job index: Int, planner: Planner, previous: inout [Double]?) -> [SimulationRecord] {
        Simulation.run(draw: index, spec: spec, scenarios: scenarios, planner: planner, restore: restoreValues, heldLabels: heldLabels, steps: steps)
    }

    /// The distributions and keep probabilities of a set of records.
    public func summary(of records: [SimulationRecord]) -> SimulationSummary {
        SimulationSummary(records: records, variants: header.variants, existing: header.existing_posts, candidates: header.candidate_posts,
                          inert: header.inert ?? [:])
    }
}
