import Foundation

/// A Monte Carlo simulation of a coalition (`dipnet coalition FILE --simulate`): each
/// draw applies the file's `uncertainty:` section to the states' scenarios, then solves
/// every state alone and the coalition jointly again, individual rationality included
/// (docs/coalition-format.md, "Uncertainty"). Each variant gets the same draws (common
/// random numbers), as in `dipnet simulate`.
public struct CoalitionSimulation: Sendable {
    /// Why a record cannot be a joint plan of this tool: a joint plan keeps individual
    /// rationality (every state at least its standalone net benefit), so a negative
    /// surplus or gain beyond the solver's tolerance is an edited record. Nil when none.
    static func rationalityProblem(_ r: Draw) -> String? {
        let tolerance = 1e-6 * max(1, abs(r.standaloneTotal ?? 0))
        if let s = r.surplus, s < -tolerance {
            return "draw \(r.draw), \(r.variant): a surplus of \(Reading.format(s)), below 0, which individual rationality rules out"
        }
        if let (state, g) = r.planGains.min(by: { $0.value < $1.value }), g < -tolerance {
            return "draw \(r.draw), \(r.variant): \(state) gains \(Reading.format(g)) in the joint plan, below 0, which individual rationality rules out"
        }
        return nil
    }

    /// One variant's solve of one draw (one line of a `--records` file,
    /// `dipnet/coalition-simulation-record-1`, missing values left out).
    public struct Draw: DrawRecord {
        public var draw: Int
        public var variant: String
        /// The joint solve's status (`optimal`, `feasible`, …), or `error` when the draw
        /// could not be planned (`error` says why).
        public var status: String
        /// Sums over the states, money a year; nil without a joint plan.
        public var jointTotal: Double?
        public var standaloneTotal: Double?
        public var surplus: Double?
        /// Per state id: its share of the surplus under the standalone-cost split
        /// (`CoalitionResult.fairSplit(.standaloneCost)`), money a year: a function of the
        /// draw alone.
        public var gains: [String: Double]
        /// Per state id: joint minus standalone net benefit in the joint plan the solver
        /// returned, money a year. Several plans share the optimal total with different
        /// splits between states, so these are not determined by the draw.
        public var planGains: [String: Double]
        /// Posts open in the joint plan, as STATE:POST, in state then post order.
        public var openJointly: [String]
        /// What was drawn, by `STATE:PATH` (a factor for `relative` parameters; wildcard
        /// parameters are not listed per item; shocks as `shock:COUNTRY`, 1 when they struck).
        public var drawn: [String: Double]
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case draw, variant, status, error, drawn, gains, surplus
            case jointTotal = "joint_total", standaloneTotal = "standalone_total", planGains = "plan_gains", openJointly = "open_jointly"
        }
    }

    /// A post whose joint decision is not the same in every draw.
    public struct PostShare: Sendable, Equatable {
        /// STATE:POST.
        public var post: String
        /// Its decision in the joint plan at the file's values; nil when that plan failed.
        public var openInFilePlan: Bool?
        /// Share of the planned draws in which it is open jointly, 0 to 1.
        public var shareOpen: Double
        /// The drawn inputs most correlated with it being open jointly over the planned
        /// draws (Spearman, > 0: a higher draw keeps it open more often), at most three.
        public var drivers: [SimulationSummary.Driver] = []
    }

    /// How often one combination of the `--posts` decisions occurs.
    public struct Outcome: Sendable, Equatable {
        /// The posts of the focus that are open jointly (the others are closed).
        public var open: [String]
        public var draws: Int
    }

    /// The coalition total of `variant` minus that of `against` in the same draw.
    public struct Difference: Sendable {
        public var variant: String
        public var against: String
        /// Draws in which both have a joint plan.
        public var paired: Int
        public var stats: SimulationSummary.Stats?
        /// Share of the paired draws in which `variant`'s total is higher (by more than 1e-6 relative).
        public var ahead: Double
    }

    public struct VariantSummary: Sendable {
        public var variant: String
        public var draws: Int
        /// Draws with a joint plan.
        public var planned: Int
        /// Draws planned only to a gap (a time limit): their decisions may differ from the optimum's.
        public var unproven: Int
        /// Why the other draws have no joint plan, each reason with its number of draws (most first).
        public var failures: [(reason: String, draws: Int)]
        /// The plan at the file's values (no draw), the reference of `filePlanHolds`.
        public var filePlan: CoalitionResult?
        /// Why there is no such plan (its solve failed, or the run was stopped during it).
        public var filePlanError: String?
        public var surplus: SimulationSummary.Stats?
        public var jointTotal: SimulationSummary.Stats?
        /// Per state, in file order: distribution of its share of the surplus under the
        /// standalone-cost split, money a year.
        public var gains: [(state: String, stats: SimulationSummary.Stats)]
        /// The least `planGains` over states and draws: below zero only within the
        /// solver's tolerance when individual rationality holds. nil without a plan.
        public var leastPlanGain: Double?
        /// Draws whose joint plan opens exactly the posts of the file's joint plan.
        public var filePlanHolds: Int
        /// Posts whose joint decision differs between draws or from the file's plan.
        public var posts: [PostShare]
        /// With a focus (`--posts`): each combination of their decisions that occurs, most draws first.
        public var outcomes: [Outcome]
    }

    public var coalition: String
    /// The states' ids, in file order (one `gains` entry each in every record).
    public var states: [String]
    public var currency: String
    /// The coalition file's content hash; `--set` changes applied to it first.
    public var contentHash: String
    public var changes: [String] = []
    /// The drawn numbers (by their records' names, `STATE:PATH`) that `--set` sets, so not
    /// drawn: each draw keeps the command line's value there. A relative draw still
    /// multiplies such a value. Empty when none.
    public var held: [String] = []
    /// The ranges the section states with `draw: false` (`STATE:PATH`), which a coalition's
    /// simulation does not draw; empty when none.
    public var stated: [String] = []
    /// The drawn numbers (`STATE:PATH`) no draw can move in a variant, with the variants
    /// where they cannot, in the run's order: a relative draw of a value that is 0 in every
    /// state it draws in (an argument's line switched off), one a later outright draw
    /// replaces, the share of an interest no country values (`SimulationRun.inert`'s rules,
    /// state by state). Left out of the variant's post drivers. Empty when none.
    public var inert: [String: [String]] = [:]
    public var seed: UInt64
    /// Draws asked for; fewer were solved when `interrupted`.
    public var draws: Int
    /// Stopped (Ctrl-C): the draws finished before the stop are reported, those it cut
    /// short are left out.
    public var interrupted: Bool
    /// Parameter labels (`STATE:PATH`) and shock labels, in the section's order, and
    /// what each draws (e.g. `× triangular 0.78–1–1.34`, × for a factor on the file's value).
    public var parameters: [String]
    public var distributions: [String]
    /// Posts whose combined decisions are tabulated (`--posts`), STATE:POST.
    public var focus: [String]
    public var variants: [VariantSummary]
    /// Each variant after the first against the first, in the same draws.
    public var differences: [Difference]
    /// Every solve, by draw then variant.
    public var records: [Draw]
    /// Records read back from the `--records` file of an earlier, stopped run (those of a
    /// draw it left unfinished are solved again).
    public var resumed = 0
    /// Lines of that file skipped (a torn last line), each `path:line: why`.
    public var skippedLines: [String] = []
    /// The part of the draws this run solved (`--shard i/n`; `.whole` for all): a part's
    /// summaries cover its own draws only.
    public var shard: Shard = .whole
}

/// The header of a coalition simulation's records file (`PATH.run.json`, `dipnet/run-1`,
/// kind `coalition-simulation`): equal headers are the same run, so `--resume` continues it.
public struct CoalitionSimulationHeader: DrawRunHeader {
    public var kind = "coalition-simulation"
    /// The coalition's name and its content hash (after `--set`).
    public var scenario: String
    public var scenario_hash: String
    public var states: [String]
    public var variants: [String]
    /// `--set STATE:PATH=VALUE` changes, in order; absent when none.
    public var set: [String]? = nil
    /// The drawn numbers that `--set` sets, so not drawn, each with `["--set"]` (the shape
    /// of a scenario simulation's `held`); absent when none.
    public var held: [String: [String]]? = nil
    public var seed: UInt64
    public var draws: Int
    /// Parameter labels (`STATE:PATH`) and shock labels: the names records use in `drawn`.
    public var parameters: [String]
    /// How each group of linked states is solved (`joint`, `decomposed`, `auto`).
    public var method: String
    /// The solver's relative gap and time limit a solve (seconds), absent when not set:
    /// records solved to another gap are not records of this run.
    public var gap: Double? = nil
    public var time_limit: Double? = nil
}

/// A coalition simulation as a batch analysis (`BatchRun`): one job per draw, one record
/// per draw and variant, streamed to a records file and resumable.
struct CoalitionSimulationRun: BatchAnalysis {
    let files: [CoalitionFile]
    let spec: UncertaintySpec
    let method: CoalitionPlanner.Method
    let header: CoalitionSimulationHeader
    /// Per state (file order), the inputs put back after each draw to the value `--set`
    /// gave them, and the names of the drawn numbers they hold (left out of `drawn`).
    let restore: [[(path: ParameterPath, values: [Double])]]
    let heldLabels: Set<String>
    /// Polled after each draw's solves: a draw finished after a stop may rest on solves
    /// cut short, so its records are marked `interrupted` (and solved again on resume).
    let stopped: @Sendable () -> Bool

    var jobCount: Int { spec.draws }
    var recordsPerJob: Int { files.count }
    func job(of record: CoalitionSimulation.Draw) -> Int { record.draw }
    func key(of record: CoalitionSimulation.Draw) -> String { "\(record.draw)|\(record.variant)" }
    func precedes(_ a: CoalitionSimulation.Draw, _ b: CoalitionSimulation.Draw) -> Bool {
        (a.draw, header.variants.firstIndex(of: a.variant) ?? 0) < (b.draw, header.variants.firstIndex(of: b.variant) ?? 0)
    }
    func outcome(of r: CoalitionSimulation.Draw) -> (status: String, error: String?) { (r.status, r.error) }
    func foreign(_ r: CoalitionSimulation.Draw) -> String? {
        guard let vi = header.variants.firstIndex(of: r.variant) else { return "a record of variant \(r.variant), which this run does not solve" }
        let states = Set(header.states)
        let strangers = Set(r.gains.keys).union(r.planGains.keys).union(r.openJointly.map { String($0.prefix { $0 != ":" }) }).subtracting(states)
        if !strangers.isEmpty { return "draw \(r.draw) names states \(strangers.sorted().joined(separator: ", ")), not the run's" }
        // What this run's seed draws for that draw: a record of another seed, or edited, differs.
        if let problem = CoalitionSimulation.rationalityProblem(r) { return problem }
        let f = files[vi]
        var scenarios = f.states.map(\.scenario)
        let (drawn, _) = spec.apply(draw: r.draw, to: &scenarios) { p in f.stateIndices(p.state, path: p.path.text) }
        return drawnProblem(draw: r.draw, found: r.drawn, expected: drawn.filter { !heldLabels.contains($0.key) })
    }
    func run(job index: Int, planner: Planner, previous: inout [Double]?) -> [CoalitionSimulation.Draw] {
        let solo = CoalitionPlanner(planner: planner, method: method).oneThread
        var out = files.enumerated().map { vi, f in
            CoalitionSimulator.solve(draw: index, variant: header.variants[vi], of: f, spec: spec, planner: solo,
                                     restore: restore, heldLabels: heldLabels)
        }
        if stopped() { for k in out.indices { out[k].status = "interrupted" } }
        return out
    }
}

public enum CoalitionSimulator {
    /// Runs the simulation of `c`'s `uncertainty:` section.
    ///
    /// - Parameters:
    ///   - variants: the coalition variants to simulate (`base` is the file as written);
    ///     nil for the section's `variants`, else `base`.
    ///   - draws, seed: override the section's.
    ///   - focus: posts (STATE:POST) whose combined joint decisions are counted.
    ///   - planner: solves each draw; its parallelism is spread over the draws, one
    ///     coalition solve per thread.
    ///   - shouldStop: polled before each draw; true ends the run with the draws done.
    ///   - progress: draws done and to solve (after resume), after each.
    ///   - records: a JSON-lines file each finished draw's records are appended to as it
    ///     ends (`dipnet/coalition-simulation-record-1`, the header in `PATH.run.json`),
    ///     rewritten sorted when the run completes; nil keeps them in memory.
    ///   - resume: continue the run recorded in `records` (the same file, `--set`, seed,
    ///     draws, variants and method): its finished draws are kept, the rest solved.
    ///   - changes: the `--set` changes applied to `c`, recorded in the header.
    /// - Throws: `ParameterError` when the file has no `uncertainty:` section, its draws
    ///   leave what a value may take with the states' values now (after `--set`), it
    ///   names an unknown variant or post, `draws` is not 1 to 10,000,000 or `seed`
    ///   above 9e15; `RunError` when `records` holds another run or cannot be written.
    public static func run(_ c: CoalitionFile, variants: [String]? = nil, draws: Int? = nil, seed: UInt64? = nil,
                           focus: [String] = [], planner: CoalitionPlanner,
                           records recordsPath: String? = nil, resume: Bool = false, changes: [String] = [], shard: Shard = .whole,
                           shouldStop: @escaping @Sendable () -> Bool = { false },
                           progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> CoalitionSimulation {
        guard var spec = c.uncertainty else {
            throw ParameterError("\(c.path) has no `uncertainty:` section: add one with parameters keyed STATE:PATH (docs/coalition-format.md, \"Uncertainty\")")
        }
        if let draws {
            guard (1...10_000_000).contains(draws) else { throw ParameterError("--draws takes 1 to 10,000,000, found \(draws)") }
            spec.draws = draws
        }
        if let seed {
            guard seed <= 9_000_000_000_000_000 else { throw ParameterError("--seed takes 0 to 9e15, found \(seed)") }
            spec.seed = seed
        }
        if spec.parameters.isEmpty, spec.shocks.isEmpty, !spec.stated.isEmpty {
            throw ParameterError("the uncertainty section of \(c.path) draws nothing: its ranges are all stated with draw: false, which "
                                 + "coalition --simulate does not draw (--margins tests flips against them); remove draw: false from those to draw")
        }
        let problems = c.uncertaintyProblems
        if !problems.isEmpty { throw ParameterError(problems.joined(separator: "; ")) }
        for p in focus { _ = try c.statePost(p, role: "--posts") }
        if let twice = focus.enumerated().first(where: { focus[..<$0.offset].contains($0.element) }) {
            throw ParameterError("--posts names \(twice.element) twice")
        }
        guard focus.count <= 6 else { throw ParameterError("--posts takes at most 6 posts (64 combinations), found \(focus.count)") }
        let names = variants ?? (spec.variants.isEmpty ? ["base"] : spec.variants)
        var applied: [CoalitionFile] = []
        for n in names { applied.append(try c.applying(variant: n)) }
        let files = applied
        let solo = planner.oneThread
        let workers = planner.planner.parallelism
        // A solve that ends after a stop was asked for may have been cut short (its plan
        // unproven, or none): such a file plan or draw is not reported as a result.
        let filePlans: [(plan: CoalitionResult?, error: String?)] = WorkerPool.map(count: files.count, parallelism: workers) { i in
            let r = Result { try solo.solve(files[i]) }
            if shouldStop() { return (nil, "the run was stopped before this plan was proven") }
            switch r {
            case .success(let plan): return (plan, plan.jointTotal == nil ? "no joint plan (\(plan.status))" : nil)
            case .failure(let e): return (nil, "\(e)")
            }
        }
        let labels = spec.parameters.map(\.label) + spec.shocks.indices.map { UncertaintySpec.shockLabel($0, in: spec.shocks) }
        let (restore, held) = heldBySet(changes, in: c, spec: spec)
        var header = CoalitionSimulationHeader(scenario: c.name, scenario_hash: c.contentHash, states: c.states.map(\.id), variants: names,
                                               seed: spec.seed, draws: spec.draws, parameters: labels, method: planner.method.rawValue)
        header.set = changes.isEmpty ? nil : changes
        header.held = held.isEmpty ? nil : Dictionary(uniqueKeysWithValues: held.map { ($0, ["--set"]) })
        (header.gap, header.time_limit) = (planner.planner.options.relativeGap, planner.planner.options.timeLimit)
        let analysis = CoalitionSimulationRun(files: files, spec: spec, method: planner.method, header: header,
                                              restore: restore, heldLabels: Set(held), stopped: shouldStop)
        var batchPlanner = planner.planner
        batchPlanner.parallelism = workers
        let outcome = try BatchRun(analysis, shard: shard, recordsPath: recordsPath, resume: resume)
            .execute(planner: batchPlanner, shouldStop: shouldStop, progress: progress)
        let records = outcome.records
        let solvedDraws = Set(records.map(\.draw)).count
        let inert = inertInputs(spec, files, names: names)
        let summaries = names.enumerated().map { vi, name in
            var v = summarize(variant: name, file: files[vi], filePlan: filePlans[vi].plan, records: records.filter { $0.variant == name }, focus: focus,
                              inert: Set(inert.filter { $0.value.contains(name) }.keys))
            v.filePlanError = filePlans[vi].error
            return v
        }
        let differences = names.dropFirst().map { name in difference(name, against: names[0], records) }
        var result = CoalitionSimulation(coalition: c.name, states: c.states.map(\.id), currency: c.currency, contentHash: c.contentHash, seed: spec.seed,
                                         draws: spec.draws,
                                         interrupted: outcome.interrupted || (shard == .whole && solvedDraws < spec.draws), parameters: labels,
                                         distributions: spec.parameters.map(describe) + spec.shocks.map { "× \(Reading.format($0.multiplier)) demand with probability \(Reading.format($0.probability))" },
                                         focus: focus, variants: summaries, differences: differences, records: records)
        result.changes = changes
        result.held = held.sorted()
        result.stated = spec.stated.map(\.label)
        result.inert = inert
        (result.resumed, result.skippedLines, result.shard) = (outcome.resumed, outcome.skippedLines, shard)
        return result
    }

    /// Combines the records files of one coalition simulation's parts (`--shard i/n`,
    /// or runs stopped and resumed elsewhere) into `into`, sorted by draw and variant,
    /// with the common header beside it; `dipnet coalition FILE --simulate --records INTO
    /// --resume` then reports the whole run without solving the draws again (the report
    /// needs the file's own plans, which the records do not hold).
    ///
    /// - Returns: the header, the records written and the draws they complete.
    /// - Throws: `RunError` for files of different runs, a record outside the run (a draw
    ///   beyond its count, a variant it does not solve), two different records of one
    ///   draw and variant, or a file that cannot be read or written.
    public static func merge(_ paths: [String], into: String) throws -> (header: CoalitionSimulationHeader, records: Int, draws: Int) {
        typealias File = RecordsFile<CoalitionSimulationHeader, CoalitionSimulation.Draw>
        let (h, sorted, _) = try File.mergeDraws(paths) { $0.status != "interrupted" }
        if let problem = sorted.lazy.compactMap(CoalitionSimulation.rationalityProblem).first {
            throw RunError("\(problem): a file was edited or belongs to another run")
        }
        try File.finalize(into, header: h, records: sorted)
        let complete = Dictionary(grouping: sorted, by: \.draw).filter { $0.value.count == h.variants.count }.count
        return (h, sorted.count, complete)
    }

    /// What `--set` holds against the draws: an input drawn outright (not `relative`) that a
    /// change of the command line sets keeps the value set, item by item for a wildcard (a
    /// --set of one post's cost leaves the other posts drawn), as in `dipnet simulate`.
    ///
    /// - Parameter changes: `STATE:PATH=VALUE` texts, already applied to `c`.
    /// - Returns: per state of `c`, the paths to put back and their values in `c`; and the
    ///   names (`STATE:PATH`, `STATE:countries.*.demand[CUB]` for an item) of the numbers held.
    static func heldBySet(_ changes: [String], in c: CoalitionFile, spec: UncertaintySpec)
        -> (restore: [[(path: ParameterPath, values: [Double])]], held: [String]) {
        var restore = [[(path: ParameterPath, values: [Double])]](repeating: [], count: c.states.count)
        var held: [String] = []
        for p in spec.parameters where !p.relative {
            // A `*:PATH` draw set for some of its states only is still drawn for the others:
            // its name stays in the records unless every state it reaches holds its own value.
            let targets = c.stateIndices(p.state, path: p.path.text)
            var heldIn: [String: Int] = [:]
            for k in targets {
                let scenario = c.states[k].scenario
                // a --set of this state, or of every state (`*:PATH`)
                let set = changes.compactMap { text -> ParameterPath? in
                    guard let colon = text.firstIndex(of: ":"), let eq = text.firstIndex(of: "="), colon < eq,
                          text[..<colon] == c.states[k].id || text[..<colon] == "*" else { return nil }
                    return try? ParameterPath(text[text.index(after: colon)..<eq].trimmingCharacters(in: .whitespaces), in: scenario)
                }
                for (q, names) in p.items(in: scenario) where set.contains(where: { $0.overlaps(q, in: scenario) || q.overlaps($0, in: scenario) }) {
                    restore[k].append((q, q.values(in: scenario)))
                    for name in names { heldIn[name, default: 0] += 1 }
                }
            }
            for (name, n) in heldIn.sorted(by: { $0.key < $1.key }) where (p.state != "*" || n == targets.count) && !held.contains(name) {
                held.append(name)
            }
        }
        return (restore, held)
    }

    /// A distribution in words: `triangular 45–100–190`, `× uniform 0.8–1.2` for a factor.
    static func describe(_ p: UncertaintySpec.Parameter) -> String {
        let f = Reading.format
        let text = switch p.distribution {
        case .uniform(let a, let b): "uniform \(f(a))–\(f(b))"
        case .triangular(let a, let m, let b): "triangular \(f(a))–\(f(m))–\(f(b))"
        case .normal(let m, let sd): "normal \(f(m)) ± \(f(sd)) (truncated at 0)"
        case .discrete(let v, let w): "discrete {\(zip(v, w).map { "\(f($0)): \(f($1))" }.joined(separator: ", "))}"
        }
        return (p.relative ? "× " : "") + text + (p.path.isWildcard ? ", each item on its own" : "")
    }

    static func solve(draw d: Int, variant: String, of f: CoalitionFile, spec: UncertaintySpec, planner: CoalitionPlanner,
                      restore: [[(path: ParameterPath, values: [Double])]] = [], heldLabels: Set<String> = []) -> CoalitionSimulation.Draw {
        var scenarios = f.states.map(\.scenario)
        let (drawnAll, errors) = spec.apply(draw: d, to: &scenarios) { p in f.stateIndices(p.state, path: p.path.text) }
        for k in restore.indices where k < scenarios.count { Simulation.putBack(restore[k], into: &scenarios[k]) }
        let drawn = heldLabels.isEmpty ? drawnAll : drawnAll.filter { !heldLabels.contains($0.key) }
        var out = CoalitionSimulation.Draw(draw: d, variant: variant, status: "error", jointTotal: nil, standaloneTotal: nil,
                                           surplus: nil, gains: [:], planGains: [:], openJointly: [], drawn: drawn, error: nil)
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
                if let j = s.jointNetBenefit { out.planGains[s.id] = j - s.standalone.netBenefit }
                out.openJointly += (s.openJointly ?? []).map { "\(s.id):\($0)" }
            }
            for (st, s) in zip(r.states, r.fairSplit(.standaloneCost)) { out.gains[st.id] = s.target - st.standalone.netBenefit }
            if r.jointTotal == nil { out.error = "no joint plan (\(r.status))" }
        } catch {
            out.error = "\(error)"
        }
        return out
    }

    /// Per drawn number (`STATE:PATH`), the variants (`names`, one per file) where no draw
    /// of it can move the plan: inert (`SimulationRun.inertLabels`) in every state it draws
    /// in there, each state's parameters judged in the section's order.
    static func inertInputs(_ spec: UncertaintySpec, _ files: [CoalitionFile], names: [String]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (vi, f) in files.enumerated() {
            var drawnIn: [String: Int] = [:], inertIn: [String: Int] = [:]
            for k in f.states.indices {
                let own = spec.parameters.filter { f.stateIndices($0.state, path: $0.path.text).contains(k) }
                let (drawn, inert) = SimulationRun.inertLabels(own, in: f.states[k].scenario)
                for label in Set(drawn) { drawnIn[label, default: 0] += 1 }
                for label in Set(inert) { inertIn[label, default: 0] += 1 }
            }
            for (label, n) in inertIn where n == drawnIn[label] { out[label, default: []].append(names[vi]) }
        }
        return out
    }

    /// - Parameter inert: the drawn numbers no draw can move in this variant: left out of
    ///   its posts' drivers.
    static func summarize(variant: String, file: CoalitionFile, filePlan: CoalitionResult?,
                          records: [CoalitionSimulation.Draw], focus: [String], inert: Set<String> = []) -> CoalitionSimulation.VariantSummary {
        let planned = records.filter { $0.jointTotal != nil }
        let filePlan = filePlan?.jointTotal == nil ? nil : filePlan
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
                posts.append(.init(post: id, openInFilePlan: inFile, shareOpen: Double(n) / Double(planned.count),
                                   drivers: SimulationSummary.drivers(of: planned, drawn: { inert.isEmpty ? $0.drawn : $0.drawn.filter { !inert.contains($0.key) } }) {
                                       $0.openJointly.contains(id)
                                   }))
            }
        }
        let holds = fileOpen.map { f in planned.filter { Set($0.openJointly) == f }.count } ?? 0
        let gains = file.states.compactMap { st in
            SimulationSummary.Stats(planned.compactMap { $0.gains[st.id] }).map { (state: st.id, stats: $0) }
        }
        var combos: [[String]: Int] = [:]
        if !focus.isEmpty {
            for d in planned { combos[focus.filter { d.openJointly.contains($0) }, default: 0] += 1 }
        }
        let outcomes = combos.map { CoalitionSimulation.Outcome(open: $0.key, draws: $0.value) }
            .sorted { ($0.draws, $1.open.count) > ($1.draws, $0.open.count) }
        var reasons: [String: Int] = [:]
        for d in records where d.jointTotal == nil { reasons[d.error ?? d.status, default: 0] += 1 }
        return .init(variant: variant, draws: records.count, planned: planned.count,
                     unproven: planned.filter { $0.status != "optimal" }.count,
                     failures: reasons.map { ($0.key, $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) },
                     filePlan: filePlan, filePlanError: nil,
                     surplus: SimulationSummary.Stats(planned.compactMap(\.surplus)),
                     jointTotal: SimulationSummary.Stats(planned.compactMap(\.jointTotal)),
                     gains: gains, leastPlanGain: planned.flatMap(\.planGains.values).min(),
                     filePlanHolds: holds, posts: posts, outcomes: outcomes)
    }

    static func difference(_ variant: String, against base: String, _ records: [CoalitionSimulation.Draw]) -> CoalitionSimulation.Difference {
        var baseTotal: [Int: Double] = [:]
        for d in records where d.variant == base { if let t = d.jointTotal { baseTotal[d.draw] = t } }
        var diffs: [Double] = [], ahead = 0
        for d in records where d.variant == variant {
            guard let t = d.jointTotal, let b = baseTotal[d.draw] else { continue }
            diffs.append(t - b)
            if t - b > 1e-6 * max(1, abs(b)) { ahead += 1 }
        }
        return .init(variant: variant, against: base, paired: diffs.count, stats: SimulationSummary.Stats(diffs),
                     ahead: diffs.isEmpty ? 0 : Double(ahead) / Double(diffs.count))
    }
}

extension CoalitionPlanner {
    /// The same settings on one thread, without the neighbourhood search: for analyses
    /// that spread their many solves over the cores themselves.
    var oneThread: CoalitionPlanner {
        var p = CoalitionPlanner(planner: Planner(options: planner.options, parallelism: 1, diagnoseInfeasible: false, neighbourhoodSearch: false),
                                 method: method)
        p.determinateSplit = false
        return p
    }
}

extension CoalitionFile {
    /// A post written STATE:POST: its state's index and the post id.
    /// - Throws: `ParameterError` naming `role` (the option it came with) for another
    ///   shape, an unknown state or an unknown post.
    public func statePost(_ text: String, role: String) throws(ParameterError) -> (state: Int, post: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let k = states.firstIndex(where: { $0.id == parts[0] }) else {
            throw ParameterError("\(role) takes STATE:POST with a state of the file (\(states.map(\.id).joined(separator: ", "))), found \(text)")
        }
        guard states[k].scenario.post(parts[1]) != nil else {
            throw ParameterError("\(role): \(parts[0]) has no post \"\(parts[1])\"\(didYouMeanOrList(parts[1], states[k].scenario.posts.map(\.id), noun: "posts"))")
        }
        return (k, parts[1])
    }

    /// The coalition with each state's scenario replaced (same order), for one draw.
    func replacingScenarios(_ scenarios: [Scenario]) -> CoalitionFile {
        var copy = states
        for k in copy.indices { copy[k].scenario = scenarios[k] }
        return with(states: copy)
    }
}
