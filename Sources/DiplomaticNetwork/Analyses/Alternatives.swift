import Foundation
import GLPKSolver
import LinearProgramming

/// Near-optimal alternatives ("modelling to generate alternatives", as PyPSA's
/// MGA or Calliope's SPORES do for energy systems): networks whose net benefit
/// is within a slack of the optimum that differ from it, and from each other,
/// as much as possible; or, around a post, the cheapest networks that take the
/// other decision about it.
///
/// Method. The optimum `NB*` is solved first. An alternative is then a solve of
/// the same model with the row `net benefit ≥ NB* − slack·|NB*|` and another
/// objective:
/// - `diversity`: maximise the number of free posts whose decision differs from
///   the optimum and from every earlier alternative of the same chain (the
///   Hamming distance, linear in `y` because the earlier decisions are fixed);
///   chain `c > 0` weights each post by a seeded factor in [0.5, 1.5] so that
///   parallel chains explore different directions (chain 0 is unweighted);
/// - `min-presence:R` / `max-presence:R`: the number of open posts in region `R`;
/// - `min-service:S` / `max-service:S`: cases of service `S` our posts handle.
/// Around a post `P`: `P` is forced to the decision the optimum does not take,
/// and the best networks are found in order (each later solve excludes the
/// earlier decision patterns by a no-good cut), so the first says what keeping
/// (or closing) `P` costs against the optimum at least.
public struct AlternativesRun: BatchAnalysis {
    public enum Exploration: Sendable, Hashable, CustomStringConvertible {
        case diversity
        case presence(region: String, maximize: Bool)
        case service(String, maximize: Bool)

        /// Parses `diversity`, `min-presence:R`, `max-presence:R`, `min-service:S`, `max-service:S`.
        public init?(_ text: String) {
            if text == "diversity" { self = .diversity; return }
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            switch parts[0] {
            case "min-presence": self = .presence(region: parts[1], maximize: false)
            case "max-presence": self = .presence(region: parts[1], maximize: true)
            case "min-service": self = .service(parts[1], maximize: false)
            case "max-service": self = .service(parts[1], maximize: true)
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .diversity: "diversity"
            case .presence(let r, let up): "\(up ? "max" : "min")-presence:\(r)"
            case .service(let s, let up): "\(up ? "max" : "min")-service:\(s)"
            }
        }
    }

    public struct Header: RunHeader {
        public var kind = "alternatives"
        public var scenario: String
        public var scenario_hash: String
        public var variant: String
        /// Command-line changes (`--set PATH=VALUE`) applied after the variant; absent when none.
        public var set: [String]? = nil
        /// Relative slack on the optimal net benefit (0.01 = 1%); nil with `around` and no
        /// limit (a slack of 0 there asks for networks as good as the optimum only).
        public var slack: Double?
        public var count: Int
        public var chains: Int
        public var explore: String
        public var around: [String]
        public var optimum_net_benefit: Double
        public var optimum_open: [String]
        public var free_posts: [String]
        /// The optimum's total cost (money a year) and coverage (share of demand handled);
        /// absent in runs of dipnet 0.5.0 and earlier.
        public var optimum_cost: Double? = nil
        public var optimum_coverage: Double? = nil
        /// The warnings the run printed about its input before the first solve, as printed,
        /// so that `dipnet merge` keeps them as the run did; not part of the run's identity.
        public var warnings: [String]? = nil

        /// Equal when they name the same run (`--resume`, `dipnet merge`): every key but the
        /// warnings, which the others settle.
        public static func == (a: Header, b: Header) -> Bool {
            a.kind == b.kind && a.scenario == b.scenario && a.scenario_hash == b.scenario_hash && a.variant == b.variant
                && a.set == b.set && a.slack == b.slack && a.count == b.count && a.chains == b.chains && a.explore == b.explore
                && a.around == b.around && a.optimum_net_benefit == b.optimum_net_benefit && a.optimum_open == b.optimum_open
                && a.free_posts == b.free_posts && a.optimum_cost == b.optimum_cost && a.optimum_coverage == b.optimum_coverage
        }

        /// The warnings from `other` when this header has none.
        public func filling(from other: Header) -> Header {
            var out = self
            out.warnings = warnings ?? other.warnings
            return out
        }
    }

    public struct Record: Codable, Sendable, Equatable {
        /// The job (chain, or post around which) and the alternative's place in it.
        public var job: Int
        public var index: Int
        public var label: String
        public var status: String
        public var net_benefit: Double?
        public var cost: Double?
        public var coverage: Double?
        /// Coverage by service (one entry for a file without services).
        public var service_coverage: [String: Double]
        public var open: [String]
        /// Posts whose decision differs from the optimum's.
        public var changed: [String]
        public var error: String?
    }

    public let scenario: Scenario
    public internal(set) var header: Header
    let optimum: Plan
    let optimumSolution: [Double]
    let explore: Exploration
    let perJob: Int

    /// Solves the optimum, then describes the jobs.
    ///
    /// - Parameters:
    ///   - slack: relative slack on the optimal net benefit (0.01 = 1%); for `around`, an optional limit (nil: none).
    ///   - count: alternatives wanted (per post for `around`).
    ///   - chains: parallel diversity chains (1 = the classic sequential method).
    /// - Throws: `ParameterError` (unknown post or region, a variant in evaluate mode), `NoPlanError` (the variant has no optimum,
    ///   or its plan is not proven optimal: a time limit or `--gap` stopped it), the solver's errors.
    public init(_ s: Scenario, scenarioHash: String, slack: Double?, count: Int, chains: Int = 1, explore: Exploration = .diversity,
                around: [String] = [], planner: Planner) throws {
        if let slack { guard slack >= 0, slack.isFinite else { throw ParameterError("the slack must be a number ≥ 0") } }
        guard slack != nil || !around.isEmpty else { throw ParameterError("networks near the optimum need a slack") }
        // A scored network has no optimum to be near: its posts are fixed by the mode, so
        // "none within 50%" and a "better" network around a post misread it.
        guard s.mode == .optimize else {
            throw ParameterError("\(s.variant) scores the network as it stands (evaluate mode): it has no optimum to find alternatives to; "
                                 + "name a variant that optimises (mode: optimize, the default)")
        }
        guard count >= 1 else { throw ParameterError("ask for at least one alternative") }
        for p in around where s.post(p) == nil { throw ParameterError("no post \"\(p)\"\(didYouMeanOrList(p, s.posts.map(\.id), noun: "posts"))") }
        if let twice = around.enumerated().first(where: { around[..<$0.offset].contains($0.element) })?.element {
            throw ParameterError("--around names \(twice) twice; give each post once")
        }
        for p in around where s.post(p)?.force != nil { throw ParameterError("post \(p) is forced in variant \(s.variant): there is no other decision to take") }
        switch explore {
        case .presence(let r, _):
            guard s.countries.contains(where: { $0.region == r }) else {
                throw ParameterError("no country has region \"\(r)\"\(didYouMean(r, Set(s.countries.compactMap(\.region))))")
            }
        case .service(let sv, _):
            guard s.serviceIndex(sv) != nil else { throw ParameterError("no service \"\(sv)\"\(didYouMean(sv, s.services.map(\.id)))") }
        case .diversity: break
        }
        let best = try planner.solve(s)
        guard best.hasSolution, let solution = best.solution else {
            throw NoPlanError("variant \(s.variant) has no optimum (\(best.status)): there is nothing to be near")
        }
        // A plan within a gap is not the optimum: labelled so, an alternative beat it
        // ("closing SHA #1" 100,000 a year above the "optimum" under --gap 0.05).
        guard best.termination == .optimal else {
            throw NoPlanError("variant \(s.variant)'s plan is not proven optimal (\(best.termination.description)): networks near the optimum "
                              + "are measured from it; give the solve more time (--time-limit) or drop --gap")
        }
        scenario = s
        optimum = best
        optimumSolution = solution
        self.explore = explore
        let jobs = around.isEmpty ? max(1, min(chains, count)) : around.count
        perJob = around.isEmpty ? (count + jobs - 1) / jobs : count
        var header = Header(scenario: s.name, scenario_hash: scenarioHash, variant: s.variant, slack: slack, count: count,
                        chains: around.isEmpty ? jobs : 1, explore: explore.description, around: around,
                        optimum_net_benefit: Fmt.clean(best.netBenefit), optimum_open: best.open,
                        free_posts: s.posts.filter { $0.force == nil }.map(\.id))
        header.set = s.changes.isEmpty ? nil : s.changes
        (header.optimum_cost, header.optimum_coverage) = (Fmt.clean(best.cost.total), Fmt.clean(best.coverage))
        self.header = header
    }

    public var jobCount: Int { header.around.isEmpty ? header.chains : header.around.count }
    public var recordsPerJob: Int { perJob }
    public func job(of r: Record) -> Int { r.job }
    public func key(of r: Record) -> String { "\(r.job)|\(r.index)" }
    public func precedes(_ a: Record, _ b: Record) -> Bool { (a.job, a.index) < (b.job, b.index) }
    public func outcome(of r: Record) -> (status: String, error: String?) { (r.status, r.error) }

    public func run(job: Int, planner: Planner, previous: inout [Double]?) -> [Record] {
        do {
            return header.around.isEmpty ? try chain(job, planner: planner) : try around(header.around[job], job: job, planner: planner)
        } catch {
            return [Record(job: job, index: 0, label: "", status: "error", net_benefit: nil, cost: nil, coverage: nil,
                           service_coverage: [:], open: [], changed: [], error: "\(error)")]
        }
    }

    /// The model with the near-optimality row.
    func nearOptimal(_ f: NetworkFormulation) -> Model {
        var m = f.model
        let target = optimum.netBenefit - (header.slack ?? 0) * abs(optimum.netBenefit)
        m.add("near_optimal", m.objective >= target)
        return m
    }

    func record(_ f: NetworkFormulation, _ r: SolveResult, job: Int, index: Int, label: String) -> Record {
        let plan = Plan(f, r)
        guard plan.hasSolution else {
            return Record(job: job, index: index, label: label, status: plan.status, net_benefit: nil, cost: nil, coverage: nil,
                          service_coverage: [:], open: [], changed: [], error: nil)
        }
        let before = Set(optimum.open)
        let changed = scenario.posts.map(\.id).filter { before.contains($0) != plan.open.contains($0) }
        return Record(job: job, index: index, label: label, status: plan.status, net_benefit: Fmt.clean(plan.netBenefit),
                      cost: Fmt.clean(plan.cost.total), coverage: Fmt.clean(plan.coverage),
                      service_coverage: Dictionary(uniqueKeysWithValues: plan.services.map { ($0.id, Fmt.clean($0.coverage)) }),
                      open: plan.open, changed: changed, error: nil)
    }

    /// One diversity (or directed) chain.
    func chain(_ c: Int, planner: Planner) throws -> [Record] {
        let f = NetworkFormulation(scenario)
        var model = nearOptimal(f)
        let free = scenario.posts.indices.filter { scenario.posts[$0].force == nil }
        var rng = SplitMix64(seed: 7919, stream: UInt64(c))
        let weights = free.map { _ in c == 0 ? 1.0 : 0.5 + rng.unit() }
        var earlier: [[Bool]] = [optimum.posts.map(\.isOpen)]
        // An alternative is never the optimum's network itself.
        model.add("no_good_optimum", noGood(f, earlier[0], free))
        var out: [Record] = []
        for k in 0..<perJob {
            let objective: LinearExpression
            switch explore {
            case .diversity:
                var e = LinearExpression()
                for (j, pi) in free.enumerated() {
                    for plan in earlier {
                        if plan[pi] { e.add(f.open[pi], -weights[j]); e.constant += weights[j] } else { e.add(f.open[pi], weights[j]) }
                    }
                }
                objective = e
            case .presence(let region, _):
                objective = LinearExpression.sum(scenario.posts.indices.filter { pi in
                    scenario.country(scenario.posts[pi].country)?.region == region }.map { f.open[$0] })
            case .service(let sv, _):
                let si = scenario.serviceIndex(sv)!
                objective = LinearExpression.sum(f.flows.filter { $0.service == si }.map(\.variable))
            }
            let maximize: Bool = switch explore {
            case .diversity: true
            case .presence(_, let up), .service(_, let up): up
            }
            model.setObjective(objective, maximize ? .maximize : .minimize)
            let r = try GLPKSolver().solve(model, options: planner.options)
            let label = "alternative \(c * perJob + k + 1)"
            guard r.hasSolution else {
                // No further network within the slack (or the solve failed): say so and stop.
                out.append(record(f, r, job: c, index: k, label: label))
                break
            }
            let decisions = f.open.map { (r[$0] ?? 0) > 0.5 }
            // The diversity objective says nothing about the flows: the network is
            // reported with its best flows (its decisions fixed, net benefit maximised).
            out.append(record(f, try best(f, decisions, planner: planner), job: c, index: k, label: label))
            earlier.append(decisions)
            // Every network found is excluded from later steps: each alternative is new.
            model.add("no_good[\(k)]", noGood(f, decisions, free))
        }
        return out
    }

    /// The plan of `decisions` with its best flows: decisions fixed, net benefit maximised.
    func best(_ f: NetworkFormulation, _ decisions: [Bool], planner: Planner) throws -> SolveResult {
        var m = f.model
        for (pi, open) in decisions.enumerated() { m.fix(f.open[pi], to: open ? 1 : 0) }
        return try GLPKSolver().solve(m, options: planner.options)
    }

    /// The best networks that take the other decision about `post`, best first.
    func around(_ post: String, job: Int, planner: Planner) throws -> [Record] {
        let f = NetworkFormulation(scenario)
        var model = f.model
        if let slack = header.slack {
            model.add("near_optimal", model.objective >= optimum.netBenefit - slack * abs(optimum.netBenefit))
        }
        let pi = scenario.posts.firstIndex { $0.id == post }!
        let wasOpen = optimum.posts[pi].isOpen
        model.fix(f.open[pi], to: wasOpen ? 0 : 1)
        let free = scenario.posts.indices.filter { scenario.posts[$0].force == nil && $0 != pi }
        var out: [Record] = []
        for k in 0..<perJob {
            let r = try GLPKSolver().solve(model, options: planner.options)
            out.append(record(f, r, job: job, index: k, label: "\(wasOpen ? "closing" : "keeping") \(post) #\(k + 1)"))
            guard r.hasSolution else { break }
            model.add("no_good[\(k)]", noGood(f, f.open.map { (r[$0] ?? 0) > 0.5 }, free))
        }
        return out
    }

    /// At least one free post decides otherwise than in `plan`.
    func noGood(_ f: NetworkFormulation, _ plan: [Bool], _ free: [Int]) -> LinearRelation {
        var e = LinearExpression()
        for pi in free { if plan[pi] { e.add(f.open[pi], -1); e.constant += 1 } else { e.add(f.open[pi], 1) } }
        return e >= 1
    }
}

/// What a set of alternatives says about each post.
public struct AlternativesSummary: Sendable {
    /// Open in the optimum and in every alternative found: the data decide them.
    public var alwaysOpen: [String]
    public var alwaysClosed: [String]
    /// Open in some networks and closed in others.
    public var free: [String]
    /// Distinct networks found (the optimum included).
    public var networks: Int

    public init(header: AlternativesRun.Header, records: [AlternativesRun.Record]) {
        let solved = records.filter { $0.net_benefit != nil }
        let sets = [Set(header.optimum_open)] + solved.map { Set($0.open) }
        networks = Set(sets.map { $0.sorted().joined(separator: ",") }).count
        var open: [String] = [], closed: [String] = [], free: [String] = []
        for p in header.free_posts {
            let states = Set(sets.map { $0.contains(p) })
            if states == [true] { open.append(p) } else if states == [false] { closed.append(p) } else { free.append(p) }
        }
        (alwaysOpen, alwaysClosed, self.free) = (open, closed, free)
    }
}
