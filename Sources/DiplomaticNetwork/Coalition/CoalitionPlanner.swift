import Foundation
import GLPKSolver
import LinearProgramming

/// The joint plan of a coalition and how it compares with each state alone.
public struct CoalitionResult: Sendable {
    public struct StateOutcome: Sendable {
        public var id: String
        public var name: String
        public var standalone: Plan
        public var jointNetBenefit: Double?
        public var feesPaid: Double
        public var feesReceived: Double
        /// Posts open in the joint plan but not standalone, and the reverse.
        public var openedVersusStandalone: [String]
        public var closedVersusStandalone: [String]
        /// Every post of the state open in the joint plan (nil without one): a post
        /// forced closed in both plans is in neither list above.
        public var openJointly: [String]? = nil
        public var casesServedByPartners: Double
        public var casesServedForPartners: Double
        /// The state's figures in the joint plan (nil without one), money a year:
        /// its cost includes the fees it pays and the handling of the cases its
        /// posts take for other states; its income, the fees it receives and the
        /// fee income of those cases; net benefit = value + income − cost − penalty.
        public var joint: Figures? = nil

        /// Value, income, cost and unserved penalty of one state, money a year.
        public struct Figures: Sendable {
            public var value: Double
            public var income: Double
            public var cost: Double
            public var penalty: Double
            /// What the state's network costs its budget: cost − income.
            public var costNetOfIncome: Double { cost - income }
        }
        /// The same figures in the standalone plan.
        public var alone: Figures { Figures(value: standalone.value, income: standalone.income, cost: standalone.cost.total, penalty: standalone.penalty) }
        /// Who handles the state's cases in the joint plan: per country of its scenario
        /// (in its order), per service (the scenario's order; one in format version 1), the
        /// cases a year by handler (an own post's id, `partner:BY` for a partner offer,
        /// `STATE:POST` for another state's post; most first) and those left unserved.
        /// Empty without a joint plan. The standalone plan's are `standalone.countries[i].byService`.
        public var jointCases: [[CountryOutcome.ServiceCases]] = []
    }
    /// Cases of a client state handled at a provider state's post.
    public struct Service: Sendable {
        public var provider: String
        public var post: String
        public var client: String
        public var country: String
        public var cases: Double
        public var fee: Double
        /// The service, when the states declare services.
        public var service: String? = nil
        /// The provider's post's city, when its scenario gives one.
        public var city: String? = nil
    }
    public var name: String
    public var currency: String
    /// The variant solved and the decisions fixed (the variant's, then `--force`, as STATE:POST=open|closed), for the record of the run.
    public var variant: String? = nil
    public var forced: [String] = []
    /// Numbers changed with `--set STATE:PATH=VALUE`, as given.
    public var changes: [String] = []
    /// The coalition file's content hash (its tables included), for the record; empty when unknown.
    public var contentHash: String = ""
    public var status: String
    public var gap: Double?
    public var states: [StateOutcome]
    public var services: [Service]
    public var solveSeconds: Double
    /// Independent groups of states (linked by agreements or co-location), solved separately.
    public var components: Int
    /// How the split between the states was settled (docs/coalition-format.md, "The split
    /// between states, by rule"): nil when the rule ran to its end on every group of
    /// states that shares cases, else why not, group by group.
    public var splitNote: String? = nil
    /// Countries (ids) whose cases the text report shows handler by handler, alone and
    /// jointly (`dipnet coalition --country`); every country's are in the `flows` table.
    public var focusCountries: [String] = []

    public var standaloneTotal: Double { states.reduce(0) { $0 + $1.standalone.netBenefit } }
    public var jointTotal: Double? { states.allSatisfy { $0.jointNetBenefit != nil } ? states.reduce(0) { $0 + $1.jointNetBenefit! } : nil }
    public var surplus: Double? { jointTotal.map { $0 - standaloneTotal } }

    /// Fair shares of the surplus: equal, or in proportion to each state's
    /// standalone cost (the size of the network it brings). Each gives the
    /// target net benefit and the side payment (positive: receives) that reaches it.
    public func fairSplit(_ rule: SplitRule) -> [(state: String, target: Double, transfer: Double)] {
        guard let s = surplus else { return [] }
        let weights: [Double] = switch rule {
        case .equal: states.map { _ in 1 }
        case .standaloneCost: states.map { max($0.standalone.cost.total, 0) }
        }
        let total = weights.reduce(0, +)
        return zip(states, weights).map { st, w in
            let target = st.standalone.netBenefit + (total > 0 ? s * w / total : s / Double(states.count))
            return (st.id, target, target - (st.jointNetBenefit ?? 0))
        }
    }
    public enum SplitRule: String, Sendable, CaseIterable { case equal, standaloneCost = "standalone_cost" }
}

/// Solves a coalition: every state alone first (in parallel), then the joint
/// plan that maximises the coalition's total net benefit subject to individual
/// rationality (no state below its standalone net benefit).
public struct CoalitionPlanner: Sendable {
    public var planner: Planner
    /// How each connected group of states is solved (default `.auto`).
    public var method: Method
    /// False leaves out the individual-rationality rows: the joint problem's optimum is
    /// then an upper bound on the rational one whose feasible set does not move with the
    /// states' weights (`CoalitionRobust`'s proof needs that). Default true.
    var individualRationality = true
    /// Decisions fixed in the joint problem only (the standalone plans, and so the
    /// individual-rationality floors, stay as the file has them): `(state index, post
    /// index, open)`. `CoalitionRobust` reverses a post this way.
    public var jointFixes: [(state: Int, post: Int, open: Bool)] = []
    /// Whether a joint plan's split between states is made determinate after the solve
    /// (`splitDeterminately`: a few LPs over the flows, decisions and total fixed). Default
    /// true; analyses that read only totals and decisions (`oneThread`) leave it out.
    public var determinateSplit = true
    public init(planner: Planner, method: Method = .auto) {
        self.planner = planner
        self.method = method
    }

    /// Cases a year below which a flow between states is the solver's tolerance, not
    /// service: such a flow is neither listed among the shared posts nor counted in a
    /// state's fees paid or received and cases served (so that those add up to the list).
    static let negligibleCases = 1e-3

    struct Block {
        var f: NetworkFormulation
        var vOffset: Int
        var rows: [String: Int]
        func v(_ x: Variable) -> Variable { Variable(index: x.index + vOffset) }
    }
    struct ServiceVar {
        var client: Int, provider: Int, post: Int, country: Int
        /// Index into the scenarios' services (the states share the coalition's services).
        var service: Int
        var variable: Variable
        /// Handling cost at the provider's post and the fee income it earns (a visa fee).
        var handling: Double, income: Double, fee: Double
    }

    /// Groups of states linked by agreements or co-location: nothing couples
    /// two groups, so each is an independent joint problem (exact decomposition).
    public static func components(_ c: CoalitionFile) -> [[Int]] {
        let index = Dictionary(uniqueKeysWithValues: c.states.enumerated().map { ($1.id, $0) })
        var parent = Array(c.states.indices)
        func find(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        func join(_ a: Int, _ b: Int) { parent[find(a)] = find(b) }
        for a in c.agreements { if let p = index[a.provider], let q = index[a.client] { join(p, q) } }
        for (k, st) in c.states.enumerated() { for t in st.requires.values { if let q = index[t.state] { join(k, q) } } }
        var groups: [Int: [Int]] = [:]
        for i in c.states.indices { groups[find(i), default: []].append(i) }
        return groups.values.sorted { $0[0] < $1[0] }
    }

    struct Part: Sendable {
        var outcomes: [(Int, CoalitionResult.StateOutcome)]
        var services: [CoalitionResult.Service]
        var termination: TerminationStatus
        var objective: Double?
        var bound: Double?
        var seconds: Double
        /// The joint problem's values (its variables as `buildJoint` lays them out) and
        /// the member states' indices, for analyses that value the plan at other numbers.
        var values: [Double]? = nil
        var members: [Int] = []
        /// Why the split rule did not settle this group's split (nil when it did, or when
        /// there is nothing to split).
        var splitNote: String? = nil
    }

    /// A solve's result with each group's joint values: `(result, [(member state
    /// indices, values)])`, groups in the order of `components`.
    func solveDetailed(_ c: CoalitionFile) throws -> (result: CoalitionResult, groups: [(members: [Int], values: [Double]?)]) {
        var groups: [(members: [Int], values: [Double]?)] = []
        let r = try solve(c, groups: &groups)
        return (r, groups)
    }

    /// Every state alone (step 1 of a solve), in parallel.
    /// - Throws: `ParameterError` when a state has no standalone plan.
    func standalonePlans(_ c: CoalitionFile) throws -> [Plan] {
        // Co-located posts cannot open without their host.
        for st in c.states {
            for (i, target) in st.requires.sorted(by: { $0.key < $1.key }) where st.scenario.posts[i].force == .open {
                throw ParameterError("\(st.id):\(st.scenario.posts[i].id) is forced open, but it requires \(target.state):\(target.post), "
                                     + "which \(st.id) alone does not have: forced decisions hold in the standalone plans too")
            }
        }
        let alone: [Scenario] = c.states.map { st in
            var s = st.scenario
            for i in st.requires.keys { s.posts[i].force = .closed }
            return s
        }
        let standalone = try planner.solveAll(alone)
        guard standalone.allSatisfy(\.hasSolution) else {
            let bad = zip(c.states, standalone).filter { !$0.1.hasSolution }.map { "\($0.0.id) (\($0.1.status))" }
            throw ParameterError("no standalone plan for \(bad.joined(separator: ", ")): individual rationality cannot be measured")
        }
        return standalone
    }

    /// The joint MIPs a solve would hand to the solver, one per group of states that
    /// agreements link, with their individual-rationality rows (from the standalone
    /// optima, solved first): for checking a coalition with another solver.
    /// Shape: `(state ids of the group, model)`, groups in the order of `components`.
    /// - Throws: `ParameterError` when a state has no standalone plan or building stops.
    public func jointModels(_ c: CoalitionFile) throws -> [(states: [String], model: Model)] {
        let standalone = try standalonePlans(c)
        return try Self.components(c).map { members in
            (members.map { c.states[$0].id }, try buildJoint(c, members: members, standalone: standalone, options: planner.options).model)
        }
    }

    /// Writes the joint MIPs of `jointModels` (built once) in each of `formats`: CPLEX LP
    /// or free MPS (GLPK's writers, names mapped as in `dipnet export-model`); with
    /// several groups, each path gains `-1`, `-2`, … before its extension. All files or
    /// none. Shape: one `(path, state ids, variables, rows)` a file written.
    /// - Throws: `ParameterError` as `jointModels`; `GLPKError.io` for a path that is a
    ///   folder or a device, or a file that cannot be written.
    public func exportJoint(_ c: CoalitionFile, formats: [(format: ModelFileFormat, path: String)]) throws
        -> [(path: String, states: [String], variables: Int, constraints: Int)] {
        let models = try jointModels(c)
        func numbered(_ path: String, _ k: Int) -> String {
            guard models.count > 1 else { return path }
            let ext = (path as NSString).pathExtension
            let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
            return "\(stem)-\(k + 1)" + (ext.isEmpty ? "" : ".\(ext)")
        }
        // Refuse before writing anything: every numbered path, and each path as given
        // (a folder or a device is no place for numbered files either).
        try GLPKSolver.checkExportTargets(formats.flatMap { f in models.indices.map { numbered(f.path, $0) } }, inputs: c.inputFiles)
        for (_, path) in formats where models.count > 1 { try GLPKSolver.checkExportTargets([path], inputs: c.inputFiles) }
        let files = formats.flatMap { f in models.enumerated().map { k, m in (m, f.format, numbered(f.path, k)) } }
        try GLPKSolver().writeAll(files.map { ($0.0.model, $0.1, $0.2) })
        return files.map { m, _, path in (path, m.states, m.model.variableCount, m.model.constraintCount) }
    }

    /// Each state alone, then every group of states that agreements link jointly, with
    /// individual rationality (docs/coalition-format.md, "The model").
    /// - Throws: `ParameterError` when a state has no standalone plan, or building stops.
    public func solve(_ c: CoalitionFile) throws -> CoalitionResult {
        var groups: [(members: [Int], values: [Double]?)] = []
        return try solve(c, groups: &groups)
    }

    func solve(_ c: CoalitionFile, groups: inout [(members: [Int], values: [Double]?)]) throws -> CoalitionResult {
        // 1. Standalone plans.
        let standalone = try standalonePlans(c)
        // 2. One joint problem per connected component, in parallel; each gets a
        //    share of the time limit so that all finish within it.
        let parts = Self.components(c)
        // The requested gap is for the whole coalition: its total may be small next
        // to its parts, so components are re-solved ten times tighter until it holds.
        let clock = ContinuousClock()
        let began = clock.now
        func elapsed() -> Double { let d = clock.now - began; return d.inSeconds }
        let target = planner.options.relativeGap ?? 0
        var componentGap = target
        var results = Slots<Result<Part, Error>>(count: parts.count)
        for attempt in 0..<4 {
            var options = planner.options
            options.relativeGap = attempt == 3 ? 0 : componentGap
            if let t = planner.options.timeLimit {
                let rounds = (parts.count + planner.parallelism - 1) / planner.parallelism
                options.timeLimit = max(0.1, (t - elapsed()) / Double(max(1, rounds)))
            }
            let slots = Slots<Result<Part, Error>>(count: parts.count)
            let frozen = options
            WorkerPool.run(count: parts.count, parallelism: planner.parallelism) { k in
                Result { try self.solveJoint(c, members: parts[k], standalone: standalone, options: frozen) }
            } record: { k, r in slots[k] = r }
            results = slots
            guard target > 0, parts.count > 1 else { break }
            let done = try (0..<parts.count).map { try slots[$0]!.get() }
            let obj = done.reduce(0) { $0 + ($1.objective ?? 0) }
            guard done.allSatisfy({ $0.bound != nil }) else { break }
            let bound = done.reduce(0) { $0 + $1.bound! }
            if abs(obj - bound) / (abs(obj) + Double.ulpOfOne) <= target { break }
            if let t = planner.options.timeLimit, elapsed() > 0.5 * t { break }
            componentGap /= 10
        }
        var outcomes = [CoalitionResult.StateOutcome?](repeating: nil, count: c.states.count)
        var services: [CoalitionResult.Service] = []
        var objective = 0.0, bound = 0.0, boundKnown = true, seconds = standalone.reduce(0) { $0 + $1.solveSeconds }
        var statuses: [TerminationStatus] = []
        var splitNotes: [String] = []
        for k in parts.indices {
            let part = try results[k]!.get()
            if let note = part.splitNote {
                splitNotes.append(parts.count > 1 ? "\(parts[k].map { c.states[$0].id }.joined(separator: "+")): \(note)" : note)
            }
            groups.append((parts[k], part.values))
            for (i, o) in part.outcomes { outcomes[i] = o }
            services += part.services
            statuses.append(part.termination)
            objective += part.objective ?? 0
            if let b = part.bound { bound += b } else { boundKnown = false }
            seconds += part.seconds
        }
        var status: String
        if statuses.allSatisfy({ $0 == .optimal }) { status = "optimal" }
        else if let bad = statuses.first(where: { !$0.hasSolution }) { status = bad.name }
        else if statuses.contains(where: { if case .timeLimit = $0 { true } else { false } }) { status = "time_limit" }
        else { status = "feasible" }
        let gap: Double? = status == "optimal" ? 0 : (boundKnown ? abs(objective - bound) / (abs(objective) + Double.ulpOfOne) : nil)
        // A plan whose bound meets it (to GLPK's objective tolerance, 1e-7 relative) is
        // proven optimal, however it was found: the decomposition's search ended
        // "feasible" with its LP bound reached (a gap of 1.5e-9).
        if status == "feasible", let g = gap, g <= 1e-7 { status = "optimal" }
        var result = CoalitionResult(name: c.name, currency: c.currency, status: status, gap: gap,
                                     states: outcomes.map { $0! }, services: services, solveSeconds: seconds, components: parts.count)
        result.splitNote = splitNotes.isEmpty ? nil : splitNotes.joined(separator: "; ")
        return result
    }

    /// A better starting plan than the standalone plans: every post's open/closed decision kept
    /// as the states took it alone, and the rest (cases, service between states,
    /// represented presence) optimised jointly, individual rationality included.
    /// The standalone plans are one solution of this LP, so it is feasible; it
    /// only adds sharing between the posts that stay open, and solves in a
    /// fraction of the joint MIP's time (its binaries are fixed, so the presolver
    /// removes every link row). Nil when it finds no plan in its time.
    func sharedFlowsStart(_ joint: Model, opens: [Variable], decisions: [Double], options: SolveOptions) throws -> [Double]? {
        guard !opens.isEmpty else { return nil }
        var fixed = joint
        for v in opens {
            fixed.fix(v, to: decisions[v.index].rounded())
            fixed.setKind(v, .continuous)
        }
        var lp = options
        lp.start = nil
        lp.relativeGap = nil
        if let t = options.timeLimit { lp.timeLimit = max(0.1, t / 4) }
        let r = try GLPKSolver().solve(fixed, options: lp)
        guard r.termination == .optimal, let v = r.values else { return nil }
        return v
    }

    /// The joint MIP of the states `members` (a connected component), as built for a solve.
    struct JointProblem {
        var model: Model
        var blocks: [Block]
        var services: [ServiceVar]
        var netBenefit: [LinearExpression]
        /// The standalone plans as one joint plan (feasible).
        var start: [Double]
        var opens: [Variable]
        /// The individual-rationality rows, one per member state.
        var rationality: [Constraint]
        /// False when a joint-only fix (`jointFixes`) takes another decision than the
        /// standalone plans: `start` is then no plan of this problem.
        var startFeasible = true
    }

    /// The joint problem of the states `members` (a connected component).
    func solveJoint(_ c: CoalitionFile, members: [Int], standalone: [Plan], options baseOptions: SolveOptions) throws -> Part {
        let memberIDs = Set(members.map { c.states[$0].id })
        let problem = try buildJoint(c, members: members, standalone: standalone, options: baseOptions)
        let joint = problem.model, blocks = problem.blocks, services = problem.services
        let start = problem.start, opens = problem.opens
        let decompose = method == .decomposed || (method == .auto && members.count >= Self.decomposeFrom)
        // The split between the states made determinate (report solves only: analyses read totals
        // and decisions), for a plan proven optimal: a plan within a gap (`--gap`, a time limit) is
        // one of many that another solver would not find, and on the EU-scale rungs the stages'
        // LPs took 15 s of a 23 s run (groups of 4 states over 150 countries).
        var splitNote: String? = nil
        func split(_ r: SolveResult) throws -> SolveResult {
            guard determinateSplit else { splitNote = "not applied (an analysis, which reads totals and decisions)"; return r }
            guard r.values != nil, !problem.services.isEmpty else { return r }
            guard r.termination == .optimal, (baseOptions.relativeGap ?? 0) == 0 else {
                splitNote = "not applied: the joint plan is not proven optimal (a gap or a time limit)"
                return r
            }
            let (settled, note) = try splitDeterminately(r, problem, members: members, standalone: standalone, options: baseOptions)
            splitNote = note
            return settled
        }
        let r: SolveResult
        if !problem.startFeasible {
            // A reversed decision: the standalone plans are no start, and nothing to fall back to.
            var options = baseOptions
            options.start = nil
            let solved = try GLPKSolver().solve(joint, options: options)
            var part = read(try split(solved), c, members: memberIDs, problem: problem, standalone: standalone)
            part.splitNote = splitNote
            return part
        } else if decompose, joint.variableCount > 0 {
            r = try solveDecomposed(joint, blocks: blocks, services: services, rationality: problem.rationality, members: members, opens: opens,
                                    standaloneStart: start, stateIDs: c.states.map(\.id), options: baseOptions)
        } else {
            var options = baseOptions
            if joint.variableCount > 0 {
                options.start = try sharedFlowsStart(joint, opens: opens, decisions: start, options: baseOptions) ?? start
            }
            let solved = try GLPKSolver().solve(joint, options: options)
            // Stopped before GLPK took the starting plan: that plan (feasible, individually
            // rational) is still the best one known.
            if solved.values == nil, let start = options.start {
                switch solved.termination {
                case .timeLimit, .interrupted:
                    let rows = (0..<joint.constraintCount).map { joint.row(Constraint(index: $0)).evaluate(start) }
                    let hasPlan: TerminationStatus = if case .interrupted = solved.termination { .interrupted(hasIncumbent: true) }
                                                     else { .timeLimit(hasIncumbent: true) }
                    r = SolveResult(termination: hasPlan, objective: joint.objective.evaluate(start), bestBound: solved.bestBound,
                                    values: start, rowActivities: rows, duals: nil, reducedCosts: nil, startAccepted: nil,
                                    seconds: solved.seconds, log: solved.log)
                case .infeasible where joint.violation(of: start).maxViolation <= 1e-6 && joint.violation(of: start).integral:
                    // The standalone plans side by side satisfy every row, so "infeasible" is
                    // GLPK's numerical trouble (a simplex cycling at a near-tie of individual
                    // rationality, then a retry that lost its way): keep them, unproven.
                    let rows = (0..<joint.constraintCount).map { joint.row(Constraint(index: $0)).evaluate(start) }
                    r = SolveResult(termination: .feasible(gap: .nan), objective: joint.objective.evaluate(start), bestBound: nil,
                                    values: start, rowActivities: rows, duals: nil, reducedCosts: nil, startAccepted: nil,
                                    seconds: solved.seconds,
                                    log: solved.log + "\ndipnet: GLPK reported the joint problem infeasible, though the standalone plans side by side "
                                        + "satisfy it (numerical trouble): they are kept as the joint plan, without a bound\n")
                default:
                    r = solved
                }
            } else {
                r = solved
            }
        }
        let kept = Self.noWorseThan(start, r, problem)
        // The decomposition's groups are large (an LP over them takes minutes): their split stays the search's.
        if decompose, kept.values != nil, !problem.services.isEmpty { splitNote = "not applied: the decomposition's group (an LP over it takes minutes)" }
        var part = read(decompose ? kept : try split(kept), c, members: memberIDs, problem: problem, standalone: standalone)
        part.splitNote = splitNote
        return part
    }

    /// Among the plans with the same decisions and the same joint total, one whose split
    /// between the states is a function of the plan, not of the solver's path
    /// (docs/coalition-format.md, "Who serves whom"). The joint optimum is seldom unique in
    /// its flows (two states' visa sections swapping applicants in Beijing, which of two
    /// states' applicants a full post takes), and each choice moves fees, and so each
    /// state's figures, between budgets. With the plan's integer columns fixed and its total
    /// held (GLPK's row tolerance, about 1e-7 relative, is all a stage may give up of it),
    /// two LP stages follow:
    /// 1. the fewest cases handled at another state's post (a state's cases stay at its own
    ///    posts where that costs the coalition nothing), held to 1e-9 relative;
    /// 2. the gains over the standalone plans made as even as the plan allows, the least
    ///    first (leximin, by progressive filling: raise the least gain, fix the states whose
    ///    row binds, by its dual, and repeat), each level held to 1e-7 relative. The leximin
    ///    vector over a convex set is unique, so each state's joint figure is determined to
    ///    that tolerance.
    /// Individual rationality still holds (its rows stay). The LPs share one time budget (a
    /// quarter of `--time-limit`, else the joint MIP's own time, at least 5 s): GLPK
    /// stalled in them for minutes on a 10-state coalition. An LP that GLPK fails on ("unable
    /// to recover", 17 of 64 forced Benelux runs) is tried again with its presolver switched
    /// the other way; the total stays held exactly.
    /// - Returns: the plan of the last stage that ended optimal (`r` itself when none did),
    ///   and nil when the rule ran to its end, else what stopped it.
    func splitDeterminately(_ r: SolveResult, _ problem: JointProblem, members: [Int], standalone: [Plan],
                            options: SolveOptions) throws -> (SolveResult, String?) {
        guard let values = r.values, !problem.services.isEmpty else { return (r, nil) }
        var base = problem.model
        for j in 0..<base.variableCount where base.info(Variable(index: j)).kind != .continuous {
            let v = Variable(index: j)
            base.fix(v, to: values[j].rounded())
            base.setKind(v, .continuous)
        }
        func held(_ x: Double, _ relative: Double) -> Double { relative * max(1, abs(x)) }
        let total = base.objective.evaluate(values)
        _ = base.add("total_held", base.sense == .maximize ? base.objective >= total : base.objective <= total)
        var o = options
        o.start = nil
        o.relativeGap = nil
        // One budget for all the stages' LPs: a quarter of --time-limit, else the joint MIP's
        // own time (at least 5 s). Each LP gets what is left.
        let budget = options.timeLimit.map { max(0.1, $0 / 4) } ?? max(5, r.seconds)
        var spent = 0.0
        /// Solves `m` within what is left of the budget; when GLPK fails on it, again with its
        /// presolver switched the other way.
        func solve(_ m: Model) throws -> SolveResult {
            o.timeLimit = max(0.1, budget - spent)
            let first = try GLPKSolver().solve(m, options: o)
            spent += first.seconds
            guard first.termination != .optimal, first.termination.name != "interrupted", first.termination.name != "time_limit",
                  budget - spent > 0.1 else { return first }
            var other = o
            other.presolve.toggle()
            other.timeLimit = max(0.1, budget - spent)
            let second = try GLPKSolver().solve(m, options: other)
            spent += second.seconds
            return second
        }
        // GLPK holds a row to its feasibility tolerance (about 1e-7 of the row's scale): a
        // stage may give up that much of the total, no more.
        func keepsTotal(_ v: [Double]) -> Bool {
            let t = problem.model.objective.evaluate(v)
            return (base.sense == .maximize ? total - t : t - total) <= held(total, 1e-7)
        }
        /// The plan of the last stage that ended optimal (its rows read once, at the end).
        func result(_ v: [Double]) -> SolveResult {
            let rows = (0..<problem.model.constraintCount).map { problem.model.row(Constraint(index: $0)).evaluate(v) }
            return SolveResult(termination: r.termination, objective: problem.model.objective.evaluate(v), bestBound: r.bestBound,
                               values: v, rowActivities: rows, duals: nil, reducedCosts: nil, startAccepted: r.startAccepted,
                               seconds: r.seconds + spent, log: r.log)
        }
        // Stage 1: the fewest cases between states.
        let shared = LinearExpression.sum(problem.services.map(\.variable))
        var lp = base
        lp.minimize(shared)
        let first = try solve(lp)
        guard first.termination == .optimal, let v1 = first.values, keepsTotal(v1) else {
            return (r, "not applied: its first LP (the fewest cases between states) ended \(first.termination.name)")
        }
        var best = v1
        let least = shared.evaluate(v1)
        _ = base.add("shared_held", shared <= least + held(least, 1e-9))   // a tolerance of its own: cases, not money
        // Stage 2: leximin of the gains over the standalone plans.
        let gain = Dictionary(uniqueKeysWithValues: members.map { k in (k, problem.netBenefit[k] - standalone[k].netBenefit) })
        var level: [Int: Double] = [:]
        var free = members
        while !free.isEmpty {
            var round = base
            for (k, g) in level { _ = round.add("level[\(k)]", gain[k]! >= g - held(g, 1e-7)) }
            let t = round.addVariable("least_gain", lower: -.infinity)
            let rows = free.map { k in round.add("gain[\(k)]", gain[k]! - t >= 0) }
            round.maximize(t)
            let solved = try solve(round)
            guard solved.termination == .optimal, let v = solved.values, keepsTotal(Array(v.prefix(problem.model.variableCount))) else {
                return (result(best), "partial: the fewest cases between states, then \(level.count) of \(members.count) states' gains settled; "
                        + "the next leximin LP ended \(solved.termination.name)")
            }
            best = Array(v.prefix(problem.model.variableCount))
            let reached = v[t.index]
            // The states whose row binds with a dual: their gain cannot rise without lowering
            // another's at this level. Without a dual to tell, those at the level.
            let duals = solved.duals ?? []
            var bound = zip(free, rows).filter { _, row in row.index < duals.count && abs(duals[row.index]) > 1e-9 }.map(\.0)
            if bound.isEmpty { bound = free.filter { gain[$0]!.evaluate(v) <= reached + held(reached, 1e-7) } }
            if bound.isEmpty { bound = free }
            for k in bound { level[k] = reached }
            free.removeAll { bound.contains($0) }
        }
        return (result(best), nil)
    }

    /// `r`, unless the starting plan (the states' standalone plans side by side,
    /// feasible and individually rational by construction) gives the states a
    /// higher total net benefit: a solver stopping within its tolerances may
    /// return a plan a hair below it (1e-7 relative, bought with a tolerated
    /// violation of a state's individual rationality), which would show a
    /// negative surplus and side payments. The joint total is then never below the
    /// sum of the standalone optima.
    static func noWorseThan(_ start: [Double], _ r: SolveResult, _ problem: JointProblem) -> SolveResult {
        let joint = problem.model
        guard let values = r.values, start.count == values.count, joint.variableCount > 0 else { return r }
        let total = { (x: [Double]) in problem.netBenefit.reduce(0) { $0 + $1.evaluate(x) } }
        guard total(start) > total(values) else { return r }
        let startObjective = joint.objective.evaluate(start)
        let rows = (0..<joint.constraintCount).map { joint.row(Constraint(index: $0)).evaluate(start) }
        return SolveResult(termination: r.termination, objective: startObjective, bestBound: r.bestBound.map { max($0, startObjective) },
                           values: start, rowActivities: rows, duals: nil, reducedCosts: nil, startAccepted: r.startAccepted,
                           seconds: r.seconds, log: r.log)
    }

    /// The joint MIP of `members`: their models side by side, the service variables of
    /// the agreements, represented presence through partners, co-location and the
    /// individual-rationality rows (docs/coalition-format.md, "The model").
    /// - Throws: `ParameterError` when interrupted or out of time while building.
    func buildJoint(_ c: CoalitionFile, members: [Int], standalone: [Plan], options baseOptions: SolveOptions) throws -> JointProblem {
        let memberIDs = Set(members.map { c.states[$0].id })
        let formulations = c.states.map { NetworkFormulation($0.scenario) }
        let index = Dictionary(uniqueKeysWithValues: c.states.enumerated().map { ($1.id, $0) })
        var joint = Model(name: c.name)
        var services: [ServiceVar] = []
        var extras = Array(repeating: [Int: [LinearExpression.Term]](), count: c.states.count)
        func rowIndex(_ f: NetworkFormulation) -> [String: Int] {
            Dictionary(f.model.constraintNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let rowsOf = formulations.map(rowIndex)
        // Building a large joint model takes time: honour Ctrl-C and the time limit.
        let clock = ContinuousClock(), building = clock.now
        func checkStop() throws {
            if baseOptions.cancellation?.isCancelled == true {
                throw ParameterError("interrupted while building the joint model of \(members.count) states")
            }
            let d = clock.now - building
            if let t = baseOptions.timeLimit, d.inSeconds > t {
                throw ParameterError("the time limit (\(t) s) ran out while building the joint model of \(members.count) states and \(c.agreements.count) agreements; give more time")
            }
        }
        for a in c.agreements where memberIDs.contains(a.client) {
            try checkStop()
            guard let ci = index[a.client], let pi = index[a.provider] else { continue }
            let client = c.states[ci].scenario, fp = formulations[pi]
            let clientCountry = Dictionary(client.countries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let ps = fp.scenario
            let named = ps.servicesDeclared
            let e = ps.costs.remoteCaseCostPer1000km
            for reach in fp.reach where reach.isHome || a.abroad {
                let countryID = ps.countries[reach.country].id
                guard let cc = clientCountry[countryID] else { continue }
                let post = ps.posts[reach.post]
                for k in ps.services.indices where ps.offers(post, service: k) && (reach.isHome || ps.services[k].remote) {
                    let sid = ps.services[k].id
                    if let covered = a.services, !covered.contains(sid) { continue }
                    guard k < client.countries[cc].demands.count, client.countries[cc].demands[k] > 0 else { continue }
                    let tag = named ? ",\(modelNameID(sid))" : ""
                    let w = joint.addVariable("service[\(modelNameID(a.client))<-\(modelNameID(a.provider)):\(modelNameID(post.id)),\(modelNameID(countryID))\(tag)]")
                    let handling = ps.caseCost(post: post, service: k) + e * reach.distanceKm / 1000
                    services.append(ServiceVar(client: ci, provider: pi, post: reach.post, country: cc, service: k, variable: w,
                                               handling: handling, income: ps.services[k].feeIncome, fee: a.fee))
                    if let r = rowsOf[ci]["demand[\(countryID)\(tag)]"] { extras[ci][r, default: []].append(.init(w, 1)) }
                    if let r = rowsOf[pi]["cap[\(post.id)]"] { extras[pi][r, default: []].append(.init(w, ps.services[k].workload)) }
                    if let r = rowsOf[ci]["budget"] { extras[ci][r, default: []].append(.init(w, a.fee)) }
                    if let r = rowsOf[pi]["budget"] { extras[pi][r, default: []].append(.init(w, handling - a.fee)) }
                }
            }
        }
        // Blocks of the members only (others are an empty placeholder).
        var blocks: [Block] = []
        for (k, f) in formulations.enumerated() {
            guard memberIDs.contains(c.states[k].id) else { blocks.append(Block(f: f, vOffset: -1, rows: [:])); continue }
            let (vo, _) = joint.append(f.model, prefix: "\(modelNameID(c.states[k].id)):", extraTerms: extras[k])
            blocks.append(Block(f: f, vOffset: vo, rows: rowsOf[k]))
        }
        // Service links: cases only at an open post, at most the client's demand there.
        for s in services {
            let b = blocks[s.provider], demand = c.states[s.client].scenario.countries[s.country].demands[s.service]
            joint.add("link[\(s.variable.index)]", s.variable - demand * b.v(b.f.open[s.post]) <= 0)
        }
        // Represented presence through a partner's open post in the same country.
        // (Indexed by client and by country: a loop over every agreement and post
        // for every country took minutes on 100 fully connected states.)
        var presenceProviders: [String: [Int]] = [:]
        for a in c.agreements where a.presence { if let pi = index[a.provider] { presenceProviders[a.client, default: []].append(pi) } }
        var postsIn = [[String: [Int]]](repeating: [:], count: c.states.count)
        // A post with `presence: none` (a multilateral mission, an honorary consul) gives
        // no presence (model.md, version 2), to its own state or to a partner's.
        for (pi, st) in c.states.enumerated() {
            for (p, post) in st.scenario.posts.enumerated() where post.presence != .none { postsIn[pi][post.country, default: []].append(p) }
        }
        for (ci, st) in c.states.enumerated() where memberIDs.contains(st.id) {
            try checkStop()
            let b = blocks[ci]
            let presenceOffers = Set(st.scenario.partners.filter(\.presence).map(\.country))
            for (k, country) in st.scenario.countries.enumerated() {
                if presenceOffers.contains(country.id) { continue }
                var providers = LinearExpression()
                for pi in presenceProviders[st.id] ?? [] {
                    for p in postsIn[pi][country.id] ?? [] { providers.add(blocks[pi].v(blocks[pi].f.open[p])) }
                }
                guard !providers.terms.isEmpty else { continue }
                let e = b.v(b.f.represented[k])
                joint.setBounds(e, lower: 0, upper: 1)
                joint.add("\(modelNameID(st.id)):represented_by_partners[\(modelNameID(country.id))]", e - providers <= 0)
            }
            // Co-location: the post opens only with its host.
            for (p, target) in st.requires.sorted(by: { $0.key < $1.key }) {
                guard let ti = index[target.state], let tp = c.states[ti].scenario.posts.firstIndex(where: { $0.id == target.post }) else { continue }
                joint.add("\(modelNameID(st.id)):requires[\(modelNameID(st.scenario.posts[p].id))]", b.v(b.f.open[p]) - blocks[ti].v(blocks[ti].f.open[tp]) <= 0)
            }
        }
        // Net benefit of each state over the joint variables.
        var netBenefit: [LinearExpression] = blocks.map { b in
            guard b.vOffset >= 0 else { return LinearExpression() }
            var e = LinearExpression(b.f.model.objectiveConstant)
            for (j, coef) in b.f.model.objectiveCoefficients.enumerated() where coef != 0 { e.add(Variable(index: j + b.vOffset), coef) }
            return e
        }
        for s in services {
            netBenefit[s.client].add(s.variable, -s.fee)
            netBenefit[s.provider].add(s.variable, s.fee + s.income - s.handling)
        }
        // Individual rationality.
        // Its coefficients are whole money amounts (up to millions) in a model whose
        // other rows count cases; divided by the largest, the row stays well
        // conditioned (the same constraint, scaled: issue of numerical failures).
        var rationality: [Constraint] = []
        for (k, e) in netBenefit.enumerated() where blocks[k].vOffset >= 0 && individualRationality {
            let floor = standalone[k].netBenefit - 1e-9 * max(1, abs(standalone[k].netBenefit))
            let scale = e.terms.reduce(0) { max($0, abs($1.coefficient)) }
            let row = scale > 0 ? e * (1 / scale) : e
            rationality.append(joint.add("\(modelNameID(c.states[k].id)):individual_rationality", row >= (scale > 0 ? floor / scale : floor)))
        }
        joint.maximize(LinearExpression.sum(netBenefit.indices) { netBenefit[$0] })
        // The standalone plans as one joint plan (feasible): the first incumbent.
        var start = [Double](repeating: 0, count: joint.variableCount)
        for (k, b) in blocks.enumerated() where b.vOffset >= 0 {
            if let sol = standalone[k].solution { for (j, x) in sol.enumerated() { start[j + b.vOffset] = x } }
        }
        let opens = blocks.filter { $0.vOffset >= 0 }.flatMap { b in b.f.open.map { b.v($0) } }
        var startFeasible = true
        for fix in jointFixes where blocks[fix.state].vOffset >= 0 {
            let v = blocks[fix.state].v(blocks[fix.state].f.open[fix.post])
            joint.fix(v, to: fix.open ? 1 : 0)
            if (start[v.index] > 0.5) != fix.open { startFeasible = false }
        }
        return JointProblem(model: joint, blocks: blocks, services: services, netBenefit: netBenefit, start: start, opens: opens,
                            rationality: rationality, startFeasible: startFeasible)
    }

    /// Who handles state `k`'s cases in a joint plan (`StateOutcome.jointCases`): its own
    /// posts' flows and partner offers read from its block, the other states' posts from
    /// the service variables (those under `negligibleCases`, as the shared posts' list),
    /// and its unserved cases. Values under 1e-9 are read as 0, as `Plan` reads them.
    static func cases(of k: Int, in c: CoalitionFile, values v: [Double], block b: Block, services: [ServiceVar]) -> [[CountryOutcome.ServiceCases]] {
        let sc = c.states[k].scenario
        let nS = max(1, sc.services.count)
        func at(_ x: Variable) -> Double { let raw = v[x.index + b.vOffset]; return abs(raw) < 1e-9 ? 0 : raw }
        var handled = Array(repeating: Array(repeating: [(String, Double)](), count: nS), count: sc.countries.count)
        func add(_ ci: Int, _ k: Int, _ handler: String, _ x: Double) {
            guard x > 0, ci < handled.count, k < nS else { return }
            if let j = handled[ci][k].firstIndex(where: { $0.0 == handler }) { handled[ci][k][j].1 += x } else { handled[ci][k].append((handler, x)) }
        }
        for flow in b.f.flows { add(flow.country, flow.service, sc.posts[flow.post].id, at(flow.variable)) }
        let countryIndex = Dictionary(sc.countries.indices.map { (sc.countries[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        for pf in b.f.partnerFlows {
            let offer = sc.partners[pf.offer]
            if let ci = countryIndex[offer.country] { add(ci, pf.service, "partner:\(offer.by)", at(pf.variable)) }
        }
        for s in services where s.client == k {
            let x = v[s.variable.index]
            guard x > negligibleCases else { continue }
            add(s.country, s.service, "\(c.states[s.provider].id):\(c.states[s.provider].scenario.posts[s.post].id)", x)
        }
        return sc.countries.indices.map { ci in
            (0..<nS).map { sk in
                let u = ci < b.f.unservedByService.count && sk < b.f.unservedByService[ci].count ? b.f.unservedByService[ci][sk].map(at) ?? 0 : 0
                let demand = sk < sc.countries[ci].demands.count ? sc.countries[ci].demands[sk] : sc.countries[ci].demand
                return CountryOutcome.ServiceCases(demand: demand, handled: handled[ci][sk].sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
                                                    .map { (handler: $0.0, cases: $0.1) }, unserved: u)
            }
        }
    }

    /// Each state's outcome and the shared services of a joint solve.
    func read(_ r: SolveResult, _ c: CoalitionFile, members memberIDs: Set<String>, problem: JointProblem, standalone: [Plan]) -> Part {
        let blocks = problem.blocks, services = problem.services, netBenefit = problem.netBenefit
        // 4. Read back.
        var outcomes: [(Int, CoalitionResult.StateOutcome)] = []
        for (k, st) in c.states.enumerated() where memberIDs.contains(st.id) {
            let b = blocks[k]
            var o = CoalitionResult.StateOutcome(id: st.id, name: st.name, standalone: standalone[k], jointNetBenefit: nil,
                                                 feesPaid: 0, feesReceived: 0, openedVersusStandalone: [], closedVersusStandalone: [],
                                                 casesServedByPartners: 0, casesServedForPartners: 0)
            if let v = r.values {
                o.jointNetBenefit = netBenefit[k].evaluate(v)
                // The state's parts over the joint variables (its block's, shifted), with the
                // service between states counted as the net benefit counts it.
                func at(_ e: LinearExpression) -> Double { e.terms.reduce(e.constant) { $0 + $1.coefficient * v[$1.variable.index + b.vOffset] } }
                var figures = CoalitionResult.StateOutcome.Figures(value: at(b.f.parts.value), income: at(b.f.parts.income),
                                                                   cost: at(b.f.parts.cost), penalty: at(b.f.parts.penalty))
                for s in services {
                    let x = v[s.variable.index]
                    if s.client == k { figures.cost += s.fee * x }
                    if s.provider == k { figures.cost += s.handling * x; figures.income += (s.fee + s.income) * x }
                }
                o.joint = figures
                let openJoint = Set(st.scenario.posts.indices.filter { v[b.f.open[$0].index + b.vOffset] > 0.5 }.map { st.scenario.posts[$0].id })
                let openAlone = Set(standalone[k].open)
                o.openedVersusStandalone = openJoint.subtracting(openAlone).sorted()
                o.closedVersusStandalone = openAlone.subtracting(openJoint).sorted()
                o.openJointly = st.scenario.posts.map(\.id).filter { openJoint.contains($0) }
                o.jointCases = Self.cases(of: k, in: c, values: v, block: b, services: services)
                for s in services {
                    let x = v[s.variable.index]
                    // the threshold of the shared posts listed below, so that they add up
                    guard x > Self.negligibleCases else { continue }
                    if s.client == k { o.feesPaid += s.fee * x; o.casesServedByPartners += x }
                    if s.provider == k { o.feesReceived += s.fee * x; o.casesServedForPartners += x }
                }
            }
            outcomes.append((k, o))
        }
        let used: [CoalitionResult.Service] = r.values.map { v in
            services.compactMap { s in
                let x = v[s.variable.index]
                guard x > Self.negligibleCases else { return nil }
                let sc = c.states[s.provider].scenario
                return CoalitionResult.Service(provider: c.states[s.provider].id, post: sc.posts[s.post].id,
                                               client: c.states[s.client].id, country: c.states[s.client].scenario.countries[s.country].id,
                                               cases: Fmt.clean(x), fee: s.fee, service: sc.servicesDeclared ? sc.services[s.service].id : nil,
                                               city: sc.posts[s.post].city)
            }
        } ?? []
        return Part(outcomes: outcomes, services: used, termination: r.termination, objective: r.objective,
                    bound: r.termination == .optimal ? r.objective : r.bestBound, seconds: r.seconds, values: r.values,
                    members: blocks.indices.filter { blocks[$0].vOffset >= 0 })
    }
}
