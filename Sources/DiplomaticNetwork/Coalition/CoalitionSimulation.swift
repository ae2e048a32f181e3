import Foundation

/// A Monte Carlo simulation of a coalition (`dipnet coalition FILE --simulate`): each
/// draw applies the file's `uncertainty:` section to the states' scenarios, then solves
/// every state alone and the coalition jointly again, individual rationality included
/// (docs/coalition-format.md, "Uncertainty"). Each variant gets the same draws (common
/// random numbers), as in `dipnet simulate`.
public struct CoalitionSimulation: Sendable {
    /// One variant's solve of one draw.
    public struct Draw: Sendable, Equatable {
        public var draw: Int
        public var variant: String
        /// The joint solve's status (`optimal`, `feasible`, …), or `error` when the draw
        /// could not be planned (`error` says why).
        public var status: String
        /// Sums over the states, money a year; nil without a joint plan.
        public var jointTotal: Double?
        public var standaloneTotal: Double?
        public var surplus: Double?
        /// Per state id: joint net benefit minus standalone net benefit, money a year.
        public var gains: [String: Double]
        /// Posts open in the joint plan, as STATE:POST, in state then post order.
        public var openJointly: [String]
        /// What was drawn, by `STATE:PATH` (wildcard parameters are not listed per item;
        /// shocks as `shock:COUNTRY`, 1 when they struck).
        public var drawn: [String: Double]
        public var error: String?
    }

    /// A post whose joint decision is not the same in every draw.
    public struct PostShare: Sendable, Equatable {
        /// STATE:POST.
        public var post: String
        /// Its decision in the joint plan at the file's values; nil when that plan failed.
        public var openInFilePlan: Bool?
        /// Share of the planned draws in which it is open jointly, 0 to 1.
        public var shareOpen: Double
    }

    public struct VariantSummary: Sendable {
        public var variant: String
        public var draws: Int
        /// Draws with a joint plan.
        public var planned: Int
        /// The plan at the file's values (no draw), the reference of `filePlanHolds`.
        public var filePlan: CoalitionResult?
        public var surplus: SimulationSummary.Stats?
        public var jointTotal: SimulationSummary.Stats?
        /// Per state, in file order: distribution of its gain (joint minus alone), money a year.
        public var gains: [(state: String, stats: SimulationSummary.Stats)]
        /// Draws whose joint plan opens exactly the posts of the file's joint plan.
        public var filePlanHolds: Int
        /// Posts whose joint decision differs between draws or from the file's plan.
        public var posts: [PostShare]
        /// Draws planned only to a gap (a time limit): their decisions may differ from the optimum's.
        public var unproven: Int
    }

    public var coalition: String
    public var seed: UInt64
    public var draws: Int
    /// Parameter labels (`STATE:PATH`) and shock labels, in the section's order.
    public var parameters: [String]
    public var variants: [VariantSummary]
    /// Every solve, by draw then variant.
    public var records: [Draw]
}

public enum CoalitionSimulator {
    /// Runs the simulation of `c`'s `uncertainty:` section.
    ///
    /// - Parameters:
    ///   - variants: the coalition variants to simulate (`base` is the file as written);
    ///     nil for the section's `variants`, else `base`.
    ///   - draws, seed: override the section's.
    ///   - planner: solves each draw; its parallelism is spread over the draws, one
    ///     coalition solve per thread.
    /// - Throws: `ParameterError` when the file has no `uncertainty:` section, names an
    ///   unknown variant, or `draws` is not 1 to 100,000.
    public static func run(_ c: CoalitionFile, variants: [String]? = nil, draws: Int? = nil, seed: UInt64? = nil,
                           planner: CoalitionPlanner) throws(ParameterError) -> CoalitionSimulation {
        guard var spec = c.uncertainty else {
            throw ParameterError("\(c.path) has no `uncertainty:` section: add one with parameters keyed STATE:PATH (docs/coalition-format.md, \"Uncertainty\")")
        }
        if let draws {
            guard (1...100_000).contains(draws) else { throw ParameterError("--draws takes 1 to 100,000, found \(draws)") }
            spec.draws = draws
        }
        if let seed { spec.seed = seed }
        let names = variants ?? (spec.variants.isEmpty ? ["base"] : spec.variants)
        var applied: [CoalitionFile] = []
        for n in names { applied.append(try c.applying(variant: n)) }
        let files = applied
        let solo = CoalitionPlanner(planner: Planner(options: planner.planner.options, parallelism: 1,
                                                     diagnoseInfeasible: false, neighbourhoodSearch: false),
                                    method: planner.method)
        let workers = planner.planner.parallelism
        let filePlans = WorkerPool.map(count: files.count, parallelism: workers) { i in try? solo.solve(files[i]) }
        let frozenSpec = spec
        let perDraw = WorkerPool.map(count: spec.draws, parallelism: workers) { d -> [CoalitionSimulation.Draw] in
            files.enumerated().map { vi, f in solve(draw: d, variant: names[vi], of: f, spec: frozenSpec, planner: solo) }
        }
        let records = perDraw.flatMap { $0 }
        let labels = spec.parameters.map(\.label) + spec.shocks.indices.map { UncertaintySpec.shockLabel($0, in: spec.shocks) }
        let summaries = names.enumerated().map { vi, name in
            summarize(variant: name, file: files[vi], filePlan: filePlans[vi], records: records.filter { $0.variant == name })
        }
        return CoalitionSimulation(coalition: c.name, seed: spec.seed, draws: spec.draws, parameters: labels,
                                   variants: summaries, records: records)
    }

    static func solve(draw d: Int, variant: String, of f: CoalitionFile, spec: UncertaintySpec,
                      planner: CoalitionPlanner) -> CoalitionSimulation.Draw {
        var scenarios = f.states.map(\.scenario)
        let (drawn, errors) = spec.apply(draw: d, to: &scenarios) { p in f.states.indices.filter { f.states[$0].id == p.state } }
        var out = CoalitionSimulation.Draw(draw: d, variant: variant, status: "error", jointTotal: nil, standaloneTotal: nil,
                                           surplus: nil, gains: [:], openJointly: [], drawn: drawn, error: nil)
        if let k = errors.firstIndex(where: { $0 != nil }), let e = errors[k] {
            out.error = "\(f.states[k].id): \(e)"
            return out
        }
        do {
            let r = try planner.solve(f.replacingScenarios(scenarios))
            out.status = r.status
            out.jointTotal = r.jointTotal
            out.standaloneTotal = r.standaloneTotal
            out.surplus = r.surplus
            for s in r.states {
                if let j = s.jointNetBenefit { out.gains[s.id] = j - s.standalone.netBenefit }
                out.openJointly += (s.openJointly ?? []).map { "\(s.id):\($0)" }
            }
            if r.jointTotal == nil { out.error = "no joint plan (\(r.status))" }
        } catch {
            out.error = "\(error)"
        }
        return out
    }

    static func summarize(variant: String, file: CoalitionFile, filePlan: CoalitionResult?,
                          records: [CoalitionSimulation.Draw]) -> CoalitionSimulation.VariantSummary {
        let planned = records.filter { $0.jointTotal != nil }
        let fileOpen: Set<String>? = filePlan.flatMap { r in
            r.jointTotal == nil ? nil : Set(r.states.flatMap { s in (s.openJointly ?? []).map { "\(s.id):\($0)" } })
        }
        var counts: [String: Int] = [:]
        for d in planned { for p in d.openJointly { counts[p, default: 0] += 1 } }
        // Posts of the states, in file order; those whose decision is not the same throughout.
        var posts: [CoalitionSimulation.PostShare] = []
        for st in file.states {
            for p in st.scenario.posts {
                let id = "\(st.id):\(p.id)"
                let n = counts[id] ?? 0
                let inFile = fileOpen.map { $0.contains(id) }
                let varies = (n > 0 && n < planned.count) || (inFile == true && n < planned.count) || (inFile == false && n > 0)
                guard varies, !planned.isEmpty else { continue }
                posts.append(.init(post: id, openInFilePlan: inFile, shareOpen: Double(n) / Double(planned.count)))
            }
        }
        let holds = fileOpen.map { f in planned.filter { Set($0.openJointly) == f }.count } ?? 0
        let gains = file.states.compactMap { st in
            SimulationSummary.Stats(planned.compactMap { $0.gains[st.id] }).map { (state: st.id, stats: $0) }
        }
        return .init(variant: variant, draws: records.count, planned: planned.count, filePlan: filePlan,
                     surplus: SimulationSummary.Stats(planned.compactMap(\.surplus)),
                     jointTotal: SimulationSummary.Stats(planned.compactMap(\.jointTotal)),
                     gains: gains, filePlanHolds: holds, posts: posts,
                     unproven: planned.filter { $0.status != "optimal" }.count)
    }
}

extension CoalitionFile {
    /// The coalition with each state's scenario replaced (same order), for one draw.
    func replacingScenarios(_ scenarios: [Scenario]) -> CoalitionFile {
        var copy = states
        for k in copy.indices { copy[k].scenario = scenarios[k] }
        return with(states: copy)
    }
}
