import CGLPK
import Foundation
import LinearProgramming

/// Solves `Model`s with GLPK: the simplex method for LPs, branch-and-cut
/// (`glp_intopt`) for MIPs.
///
/// Every call creates its GLPK problem, solves it and deletes it on the calling
/// OS thread, then frees that thread's GLPK environment; nothing GLPK owns
/// outlives the call. Several solves may run at once on different threads.
/// From Swift concurrency use `solveOnDedicatedThread`, so that a task never
/// hops threads in the middle of a solve.
public struct GLPKSolver: LinearSolver {
    public init() {}

    public var name: String { "GLPK \(Self.version)" }

    /// GLPK's version string, e.g. "5.0".
    public static var version: String {
        "\(GLP_MAJOR_VERSION).\(GLP_MINOR_VERSION)"
    }

    /// Solves on the calling thread; with `options.cancellation`, on a worker
    /// thread the call waits for (see `solveCancellable`).
    ///
    /// - Throws: `GLPKError.invalidModel` (numbers GLPK cannot take, every one
    ///   listed), `GLPKError.fatal` (a trapped GLPK error), `GLPKError.solverFailure`.
    public func solve(_ model: Model, options: SolveOptions) throws -> SolveResult {
        if let cancellation = options.cancellation { return try solveCancellable(model, options: options, cancellation) }
        return try solve(model, options: options, validate: true)
    }

    /// A solve that Ctrl-C (or any canceller) can stop at once.
    ///
    /// GLPK runs on its own thread, so that the caller can be answered at once:
    /// once branch-and-bound has begun, GLPK's callback stops the search and the
    /// solve returns its incumbent as `.interrupted`; before that (presolve, the
    /// root LP, where GLPK has no callback and no incumbent can exist) the call
    /// returns `.interrupted(hasIncumbent: false)` immediately, and the GLPK
    /// thread leaves GLPK at its next progress message, freeing its environment.
    func solveCancellable(_ model: Model, options: SolveOptions, _ cancellation: SolveCancellation) throws -> SolveResult {
        let bridge = CancelBridge()
        if cancellation.isCancelled { return Self.interruptedBeforeSearch(log: "") }
        let thread = Thread {
            let r = Result { try self.solve(model, options: options, validate: true, attach: bridge.attach) }
            bridge.finish(r)
        }
        thread.stackSize = 8 << 20
        thread.start()
        return try cancellation.whileRunning(onCancel: bridge.cancel) { try bridge.wait() }
    }

    static func interruptedBeforeSearch(log: String) -> SolveResult {
        SolveResult(termination: .interrupted(hasIncumbent: false), objective: nil, bestBound: nil, values: nil,
                    rowActivities: nil, duals: nil, reducedCosts: nil, startAccepted: nil, seconds: 0, log: log)
    }

    /// Runs the solve on a new OS thread and resumes when it is done.
    public func solveOnDedicatedThread(_ model: Model, options: SolveOptions = SolveOptions()) async throws -> SolveResult {
        try await runOnDedicatedThread { try self.solve(model, options: options) }
    }

    @_spi(Testing)
    public func solve(_ model: Model, options: SolveOptions, validate: Bool) throws -> SolveResult {
        try solve(model, options: options, validate: validate, attach: nil)
    }

    /// The most times a plan that breaks a row over 0–1 variables is cut off and the
    /// model solved again (`Model.brokenBinaryRow`).
    static let exactnessRounds = 8

    /// The solve itself, on the calling thread; `attach` learns the session
    /// (so that a canceller on another thread can reach it).
    ///
    /// Three guards around GLPK's tolerances, each said in the log when it acts:
    /// - rows whose smallest coefficient on an integer variable is below 1e-7 are
    ///   multiplied by a power of two first (`Model.scalingTinyRows`: GLPK's MIP presolver mistreats such
    ///   coefficients); activities are reported for the rows as given;
    /// - a MIP plan that breaks a row over 0–1 variables once they are rounded (GLPK
    ///   took a value within 1e-7 of 1 as 1, and the row as met within its tolerance)
    ///   is cut off by a no-good on that row and the model solved again, at most
    ///   `exactnessRounds` times, within the time left. So a plan reported meets
    ///   such rows exactly, and a model whose forced decisions break one by less
    ///   than GLPK's presolver forgives (a diplomat cap short by 0.001) is infeasible;
    /// - a MIP plan from GLPK's MIP presolver that breaks any row by more than 1e-6 of the
    ///   row's magnitude (`Model.brokenRow`; a coalition's rationality row at 0.15 against
    ///   0.1508, reported optimal) is discarded and the model solved again without the
    ///   presolver, which says infeasible where the presolver was wrong.
    func solve(_ model: Model, options: SolveOptions, validate: Bool, attach: ((GLPKSession) -> Void)?) throws -> SolveResult {
        let clock = ContinuousClock()
        let started = clock.now
        var notes = ""
        // The model as given is validated (the scaled one below would name scaled figures).
        if validate {
            let problems = Self.problems(of: model, options: options)
            if !problems.isEmpty { throw GLPKError.invalidModel(problems) }
        }
        var current = model
        var factors: [Double]? = nil
        if let scaled = model.scalingTinyRows() {
            current = scaled.model
            factors = scaled.factors
            let n = scaled.factors.filter { $0 != 1 }.count
            notes += "dipnet: \(n) row\(n == 1 ? "" : "s") with a coefficient below 1e-7 on an integer variable multiplied by a power of two for GLPK's presolver\n"
        }
        var result = try solveOnce(current, options: options, mapNames: validate, attach: attach)
        let startAccepted = result.startAccepted
        var rounds = 0
        while model.isMixedInteger, let values = result.values,
              let broken = current.brokenBinaryRow(at: values, rows: 0..<model.constraintCount) {
            let row = current.constraintNames[broken.row]
            let bound = broken.bound / (factors?[broken.row] ?? 1)
            guard rounds < Self.exactnessRounds else {
                // No plan GLPK returns holds this row exactly: none is reported as one.
                throw GLPKError.solverFailure(code: 0, meaning: "every plan GLPK returned breaks row \(row) (bound \(Self.shortest(bound))) "
                    + "once its 0–1 variables are rounded, \(rounds) of them cut off in turn: GLPK cannot hold this row at the precision "
                    + "of its figures (within 1e-7 of each other relative to the bound); give them fewer digits")
            }
            let elapsed = (clock.now - started).inSeconds
            var interrupted = options.cancellation?.isCancelled == true, outOfTime = options.timeLimit.map { elapsed >= $0 } ?? false
            if case .interrupted = result.termination { interrupted = true }
            if case .timeLimit = result.termination { outOfTime = true }
            if interrupted || outOfTime {
                // Stopped or out of time with a plan that breaks a rule: no plan, not a wrong one.
                notes += "dipnet: the plan breaks row \(row) (bound \(Self.shortest(bound))) once its 0–1 variables are rounded; "
                    + "not solved again (the solve was stopped or its time is up): no plan\n"
                result = SolveResult(termination: interrupted ? .interrupted(hasIncumbent: false) : .timeLimit(hasIncumbent: false),
                                     objective: nil, bestBound: result.bestBound, values: nil, rowActivities: nil, duals: nil,
                                     reducedCosts: nil, startAccepted: result.startAccepted, seconds: result.seconds, log: result.log)
                break
            }
            rounds += 1
            notes += "dipnet: the plan breaks row \(row) once its 0–1 variables are rounded (GLPK's tolerances took it as met, bound \(Self.shortest(bound))): that plan cut off, solving again\n"
            current.add("exact_\(rounds)", broken.cut)
            var again = options
            again.start = nil
            again.exchange = nil
            again.onRelaxation = nil
            if let limit = options.timeLimit { again.timeLimit = max(0.001, limit - elapsed) }
            result = try solveOnce(current, options: again, mapNames: validate, attach: attach)
        }
        // GLPK's MIP presolver can return a plan that breaks a row outright: a coalition's
        // individual-rationality row at 0.15 against its bound of 0.1508 (a state 0.78 worse
        // off jointly than alone, reported optimal; `glpsol` does the same, and says the
        // model is infeasible with --nointopt). Such a plan is checked, and the model
        // solved again without the presolver.
        if model.isMixedInteger, options.presolve, let values = result.values,
           let broken = current.brokenRow(at: values, rows: 0..<current.constraintCount) {
            let name = broken.row < model.constraintCount ? current.constraintNames[broken.row] : "exact cut \(broken.row - model.constraintCount + 1)"
            let scale = broken.row < model.constraintCount ? (factors?[broken.row] ?? 1) : 1
            notes += "dipnet: GLPK's MIP presolver returned a plan that breaks row \(name) (activity \(Self.shortest(broken.activity / scale)), "
                + "bound \(Self.shortest(broken.bound / scale))): solving again without the presolver\n"
            var again = options
            again.presolve = false
            again.start = nil
            again.exchange = nil
            again.onRelaxation = nil
            if let limit = options.timeLimit { again.timeLimit = max(0.001, limit - (clock.now - started).inSeconds) }
            result = try solveOnce(current, options: again, mapNames: validate, attach: attach)
        }
        guard !notes.isEmpty || current.constraintCount != model.constraintCount else { return result }
        if options.echoLog, !notes.isEmpty { FileHandle.standardError.write(Data(notes.utf8)) }
        // The rows as given: the cuts dropped, scaled rows divided back (only a model with
        // integer variables is scaled, and a MIP has no duals to scale).
        let rows = result.rowActivities.map { r in model.constraintNames.indices.map { r[$0] / (factors?[$0] ?? 1) } }
        return SolveResult(termination: result.termination, objective: result.objective, bestBound: result.bestBound,
                           values: result.values, rowActivities: rows,
                           duals: result.duals.map { Array($0.prefix(model.constraintCount)) }, reducedCosts: result.reducedCosts,
                           startAccepted: startAccepted, seconds: (clock.now - started).inSeconds,
                           log: notes + result.log)
    }

    /// One GLPK solve of `model` as given (validated by the caller); `mapNames` gives
    /// GLPK names it accepts (tests pass names as they are).
    func solveOnce(_ model: Model, options: SolveOptions, mapNames: Bool, attach: ((GLPKSession) -> Void)?) throws -> SolveResult {
        defer { options.exchange?.finish() }
        let clock = ContinuousClock()
        let started = clock.now
        return try GLPKSession(echo: options.echoLog).run { session in
            attach?(session)
            // Without validation (tests only) GLPK gets the names as they are.
            let names = mapNames ? GLPKNames(model, for: .solver) : GLPKNames(unmapped: model)
            let prob = try session.load(model, names: names)
            defer { session.delete(prob) }
            let isMIP = model.isMixedInteger
            var params = cglpk_solve_params()
            params.is_mip = isMIP ? 1 : 0
            params.presolve = options.presolve ? 1 : 0
            params.msg_lev = GLP_MSG_ON
            params.tm_lim = Self.milliseconds(options.timeLimit)
            params.mip_gap = options.relativeGap ?? 0
            params.cuts = options.cuts.reduce(Int32(0)) { bits, cut in
                switch cut {
                case .mixedIntegerRounding: bits | CGLPK_CUT_MIR
                case .gomory: bits | CGLPK_CUT_GOMORY
                case .cover: bits | CGLPK_CUT_COVER
                case .clique: bits | CGLPK_CUT_CLIQUE
                }
            }
            params.retries = Int32(clamping: max(0, options.retries))
            params.simulated_failures = Int32(clamping: max(0, options.simulatedFailures))
            let integers = model.integerCount
            params.branching = switch options.branching.resolved(integers: integers) {
            case .pseudocost: CGLPK_BRANCH_PSEUDOCOST
            case .product: CGLPK_BRANCH_PRODUCT
            case .solverDefault, .automatic: CGLPK_BRANCH_DEFAULT
            }
            var report = cglpk_solve_report()
            let relaxationSink = options.onRelaxation.map(RelaxationSink.init)
            if let relaxationSink {
                params.relaxation_context = Unmanaged.passUnretained(relaxationSink).toOpaque()
                params.on_relaxation = { context, count, values, objective in
                    guard let context, let values else { return }
                    let sink = Unmanaged<RelaxationSink>.fromOpaque(context).takeUnretainedValue()
                    sink.receive(Array(UnsafeBufferPointer(start: values, count: Int(count))), objective)
                }
            }
            defer { withExtendedLifetime(relaxationSink) {} }
            let exchange = isMIP ? options.exchange : nil
            if let exchange {
                params.exchange_context = Unmanaged.passUnretained(exchange).toOpaque()
                params.exchange_poll = { context, count, values, objective in
                    guard let context, let values, let objective else { return 0 }
                    let exchange = Unmanaged<IncumbentExchange>.fromOpaque(context).takeUnretainedValue()
                    guard let plan = exchange.takeOffer(), plan.values.count == Int(count) else { return 0 }
                    for (k, v) in plan.values.enumerated() { values[k] = v }
                    objective.pointee = plan.objective
                    return 1
                }
                params.exchange_publish = { context, count, values, objective in
                    guard let context, let values else { return }
                    Unmanaged<IncumbentExchange>.fromOpaque(context).takeUnretainedValue().publish(.init(values: Array(UnsafeBufferPointer(start: values, count: Int(count))), objective: objective))
                }
            }
            defer { withExtendedLifetime(exchange) {} }
            // GLPK takes a start as an incumbent without checking it: an infeasible one
            // (a sweep's neighbouring plan under a tighter budget) became "the optimum".
            let checked = options.start.map { model.checkedStart($0) }
            let startNote = checked?.broken.map { "dipnet: starting solution not offered: it breaks \($0)\n" } ?? ""
            if options.echoLog, !startNote.isEmpty { FileHandle.standardError.write(Data(startNote.utf8)) }
            let startBuffer: [Double]? = checked?.values.map { [0] + $0 }
            // Validated like every index GLPK sees: an index outside the model would abort the process.
            let stageCols = Set((options.stagedRoot?.fixed ?? []).map(\.index)).sorted()
            let stageRows = Set((options.stagedRoot?.freed ?? []).map(\.index)).sorted()
            let outside = stageCols.filter { !model.variables.indices.contains($0) }.map { "staged root LP: no variable \($0)" }
                + stageRows.filter { !(0..<model.constraintCount).contains($0) }.map { "staged root LP: no row \($0)" }
            guard outside.isEmpty else { throw GLPKError.invalidModel(outside) }
            let stageColumns = stageCols.map { Int32($0 + 1) }, stageRowIndices = stageRows.map { Int32($0 + 1) }
            try stageColumns.withUnsafeBufferPointer { cols in try stageRowIndices.withUnsafeBufferPointer { rows in
            params.stage_cols = cols.baseAddress
            params.n_stage_cols = Int32(cols.count)
            params.stage_rows = rows.baseAddress
            params.n_stage_rows = Int32(rows.count)
            try startBuffer.withOptionalPointer { start in
                params.start = start
                let solve = { try session.check(cglpk_solve(session.raw, prob, &params, &report)) }
                if let monitor = options.monitor {
                    let probe = ProgressProbe(session.raw)
                    try monitor.whileRunning(probe: { probe.read() }, solve)
                } else {
                    try solve()
                }
            }
            } }
            // The arrays above are gone: no later call may see their pointers.
            params.stage_cols = nil; params.n_stage_cols = 0
            params.stage_rows = nil; params.n_stage_rows = 0
            if session.cancelledBeforeSearch { return Self.interruptedBeforeSearch(log: session.log) }
            var outcome = try Self.interpret(report, isMIP: isMIP, requestedGap: params.mip_gap)
            if !isMIP, report.ret == GLP_ENODFS {
                // The presolver only says "no dual feasible solution": solve
                // again without it to tell unbounded from infeasible.
                params.presolve = 0
                try session.check(cglpk_solve(session.raw, prob, &params, &report))
                if session.cancelledBeforeSearch { return Self.interruptedBeforeSearch(log: session.log) }
                outcome = try Self.interpret(report, isMIP: false, requestedGap: 0)
            }
            var values: [Double]? = nil, rows: [Double]? = nil, duals: [Double]? = nil, reduced: [Double]? = nil
            if outcome.hasSolution {
                var v = [Double](repeating: 0, count: model.variableCount)
                var r = [Double](repeating: 0, count: model.constraintCount)
                var d = [Double](repeating: 0, count: isMIP ? 0 : model.constraintCount)
                var c = [Double](repeating: 0, count: isMIP ? 0 : model.variableCount)
                try v.withUnsafeMutableBufferPointer { vp in
                    try r.withUnsafeMutableBufferPointer { rp in
                        try d.withUnsafeMutableBufferPointer { dp in
                            try c.withUnsafeMutableBufferPointer { cp in
                                try session.check(cglpk_solution(
                                    session.raw, prob, params.is_mip, vp.baseAddress, rp.baseAddress,
                                    isMIP ? nil : dp.baseAddress, isMIP ? nil : cp.baseAddress))
                            }
                        }
                    }
                }
                values = v
                rows = r
                if !isMIP { duals = d; reduced = c }
            }
            let objective = outcome.hasSolution ? report.objective : nil
            var bound: Double? = nil
            if isMIP {
                if case .optimal = outcome { bound = objective }
                else if report.bound_known != 0 { bound = report.best_bound }
            } else if case .optimal = outcome {
                bound = objective
            }
            if isMIP, report.ret == GLP_EMIPGAP || report.saved_incumbent != 0, let obj = objective, let b = bound {
                outcome = .feasible(gap: abs(obj - b) / (abs(obj) + Double.ulpOfOne))
            }
            let elapsed = clock.now - started
            return SolveResult(
                termination: outcome, objective: objective, bestBound: bound,
                values: values, rowActivities: rows, duals: duals, reducedCosts: reduced,
                startAccepted: checked?.broken != nil ? false : report.start_status < 0 ? nil : report.start_status == 1,
                seconds: elapsed.inSeconds,
                log: startNote + session.log)
        }
    }

    static func milliseconds(_ seconds: Double?) -> Int32 {
        guard let s = seconds else { return Int32.max }
        let ms = (s * 1000).rounded(.up)
        return ms >= Double(Int32.max) ? Int32.max : Int32(max(1, ms))
    }

    static func interpret(_ r: cglpk_solve_report, isMIP: Bool, requestedGap: Double) throws -> TerminationStatus {
        let hasIncumbent = isMIP ? (r.status == GLP_OPT || r.status == GLP_FEAS) : r.status == GLP_FEAS || r.status == GLP_OPT
        // Every setting failed numerically, but an earlier attempt had found a plan:
        // keep it (its gap, from the best bound seen, is set by the caller).
        if isMIP, r.saved_incumbent != 0 { return .feasible(gap: .infinity) }
        switch r.ret {
        case 0:
            switch r.status {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            case GLP_FEAS where isMIP: return .feasible(gap: requestedGap)
            default:
                throw GLPKError.solverFailure(code: r.ret, meaning: "finished with undefined solution status \(r.status)")
            }
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        case GLP_EMIPGAP: return .feasible(gap: requestedGap)
        case GLP_ETMLIM: return .timeLimit(hasIncumbent: hasIncumbent)
        case GLP_ESTOP:
            // The shim stops the search at the deadline (GLPK's own check can be late).
            return r.deadline_hit != 0 ? .timeLimit(hasIncumbent: hasIncumbent) : .interrupted(hasIncumbent: hasIncumbent)
        default:
            let tried = r.attempts > 1 ? " with each of \(r.attempts) solver settings (see --verbose), and no plan was found before the failures" : ""
            throw GLPKError.solverFailure(code: r.ret, meaning: Self.meaning(of: r.ret) + tried)
        }
    }

    static func meaning(of code: Int32) -> String {
        switch code {
        case GLP_EBADB: "invalid initial basis"
        case GLP_ESING: "singular basis matrix"
        case GLP_ECOND: "ill-conditioned basis matrix"
        case GLP_EBOUND: "invalid bounds"
        case GLP_EFAIL: "numerical failure"
        case GLP_EITLIM: "iteration limit"
        case GLP_EROOT: "no optimal basis for the LP relaxation"
        default: "GLPK return code \(code)"
        }
    }

    // MARK: Validation

    /// Maximum length of a GLPK row or column name, in bytes (longer names are
    /// shortened, see `GLPKNames`).
    public static let maxNameBytes = GLPKNames.maxBytes

    /// Every number that would make GLPK abort or misread the model, and
    /// options it cannot take. Names are never a problem: `GLPKNames` maps them.
    /// Smallest non-zero coefficient magnitude handed to GLPK (and 1/that the largest).
    public static let smallestCoefficient = 1e-50

    /// Largest objective coefficient magnitude GLPK optimises reliably. Its
    /// tolerances are relative to coefficient sizes: on the Belgian scenario an
    /// unserved-case penalty of 1e9 a case still gave the optimum, 1e10 missed it by
    /// 101 and 1e12 by 619,664 while reporting `optimal` (glpsol alike; HiGHS on the
    /// same exported model found it).
    public static let largestObjectiveCoefficient = 1e9

    /// The widest ratio of coefficients in a row over 0–1 variables that GLPK is given
    /// (`problems(of:)`): hostile checks found rows of 1.5 and 1e-9 diplomats, of 5e8
    /// and 0.01 of money, of 1e12 and 1, solved to a wrong optimum or a broken row by
    /// GLPK and `glpsol` alike.
    public static let largestBinaryRowRatio = 1e9

    /// The widest ratio of coefficients in any other row that GLPK is given: a link row
    /// of a demand of 4e14 cases beside a flow's 1 was declared infeasible by GLPK's
    /// presolver and `glpsol` alike (a hostile pass; the model always has a plan), while
    /// 3e14 solved. Real figures stay far below (a demand of a million cases, a workload of
    /// 0.1 desk hour), and a capacity of 1e12 written for "unlimited" beside a workload of
    /// 0.5 is still taken (a second hostile pass found 1e12 refused).
    public static let largestRowRatio = 1e13

    /// `x` with the fewest significant digits that give it back (for messages).
    static func shortest(_ x: Double) -> String {
        for digits in 1...17 {
            let s = String(format: "%.\(digits)g", x)
            if Double(s) == x { return s }
        }
        return "\(x)"
    }

    public static func problems(of model: Model, options: SolveOptions = SolveOptions()) -> [String] {
        var out = model.problems()
        func note(_ s: String) { if out.count < 50 { out.append(s) } }
        let limit = Int(Int32.max) - 1
        if model.variableCount > limit { note("\(model.variableCount) variables exceed GLPK's limit of \(limit)") }
        if model.constraintCount > limit { note("\(model.constraintCount) constraints exceed GLPK's limit of \(limit)") }
        if model.nonZeroCount > limit { note("\(model.nonZeroCount) non-zeros exceed GLPK's limit of \(limit)") }
        for v in model.variables where v.kind != .continuous {
            for b in [v.lower, v.upper] where b.isFinite && b != b.rounded() {
                note("integer variable \(v.name) has non-integer bound \(b)")
            }
            if v.kind == .binary, v.lower < 0 || v.upper > 1 {
                note("binary variable \(v.name) has bounds [\(v.lower), \(v.upper)] outside [0, 1]")
            }
        }
        let huge = model.objectiveCoefficients.indices.filter { abs(model.objectiveCoefficients[$0]) > Self.largestObjectiveCoefficient }
        if let j = huge.max(by: { abs(model.objectiveCoefficients[$0]) < abs(model.objectiveCoefficients[$1]) }) {
            note("\(huge.count) objective coefficient(s) above 1e9, up to which GLPK resolves the optimum reliably (the largest: "
                 + "\(abs(model.objectiveCoefficients[j])) on \(model.variables[j].name)); beyond it GLPK may report a worse plan as optimal. "
                 + "To forbid what such a number prices (an unserved case, a post), use a rule instead (e.g. min_coverage of 1)")
        }
        for i in 0..<model.constraintCount {
            var previous = -1
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                if model.entryColumns[k] <= previous { note("constraint \(model.constraintNames[i]) has duplicate or unsorted entries") }
                previous = model.entryColumns[k]
                // GLPK's scaling aborts on coefficients whose scale factor it cannot represent.
                let a = abs(model.entryValues[k])
                if a != 0, a < Self.smallestCoefficient || a > 1 / Self.smallestCoefficient {
                    note("constraint \(model.constraintNames[i]) has coefficient \(model.entryValues[k]) for \(model.variables[model.entryColumns[k]].name), outside the magnitudes GLPK can scale (1e-50 to 1e50)")
                }
            }
        }
        for i in 0..<model.constraintCount {
            let range = model.rowStart[i]..<model.rowStart[i + 1]
            guard !range.isEmpty else { continue }
            let magnitudes = range.map { abs(model.entryValues[$0]) }.filter { $0 > 0 }
            guard let small = magnitudes.min(), let large = magnitudes.max() else { continue }
            guard range.allSatisfy({ model.isZeroOne(model.entryColumns[$0]) }) else {
                if large / small > Self.largestRowRatio {
                    note("constraint \(model.constraintNames[i]) has coefficients from \(shortest(small)) to \(shortest(large)), a ratio above 1e13: "
                         + "GLPK loses the row's precision (its presolver may call a model with plans infeasible); bring the figures within 1e13 "
                         + "of each other (a demand or a capacity of that row: for no limit, write the most it could need)")
                }
                continue
            }
            guard large / small > Self.largestBinaryRowRatio else { continue }
            note("constraint \(model.constraintNames[i]) over 0–1 variables has coefficients from \(shortest(small)) to \(shortest(large)), "
                 + "a ratio above 1e9: GLPK cannot hold such a row to its bound (it may report a plan that breaks it, or miss the optimum); "
                 + "bring the figures within 1e9 of each other (a post's diplomats, a cost in a budget of posts alone)")
        }
        if let t = options.timeLimit, !(t.isFinite && t >= 0) { note("time limit \(t) s is not a finite number ≥ 0") }
        if let g = options.relativeGap, !(g.isFinite && g >= 0) { note("relative gap \(g) is not a finite number ≥ 0") }
        if let start = options.start {
            if start.count != model.variableCount {
                note("starting solution has \(start.count) values for \(model.variableCount) variables")
            } else if let j = start.firstIndex(where: { !$0.isFinite }) {
                note("starting value of \(model.variables[j].name) is \(start[j])")
            }
        }
        return out
    }
}

/// Between a caller waiting for a solve and the GLPK thread running it: the
/// canceller raises the session's flag and, when branch-and-bound has not
/// begun, answers the caller at once (the GLPK thread's late result is dropped).
final class CancelBridge: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var session: GLPKSession?
    private var cancelled = false
    private var answered = false
    private var result: Result<SolveResult, Error>?

    /// Called on the GLPK thread once its session exists.
    func attach(_ s: GLPKSession) {
        lock.lock(); defer { lock.unlock() }
        session = s
        if cancelled { cglpk_session_cancel(s.raw) }
    }

    /// Called from any thread (a signal handler's queue).
    func cancel() {
        lock.lock(); defer { lock.unlock() }
        cancelled = true
        if let s = session {
            cglpk_session_cancel(s.raw)
            if cglpk_session_in_tree(s.raw) != 0 { return }  // the callback stops it with its incumbent
        }
        answer(nil)
    }

    /// Called on the GLPK thread when the solve ends.
    func finish(_ r: Result<SolveResult, Error>) {
        lock.lock(); defer { lock.unlock() }
        answer(r)
        session = nil
    }

    private func answer(_ r: Result<SolveResult, Error>?) {
        guard !answered else { return }
        answered = true
        result = r
        done.signal()
    }

    func wait() throws -> SolveResult {
        done.wait()
        lock.lock(); defer { lock.unlock() }
        return try result?.get() ?? GLPKSolver.interruptedBeforeSearch(log: "")
    }
}

extension Optional where Wrapped == [Double] {
    func withOptionalPointer<R>(_ body: (UnsafePointer<Double>?) throws -> R) rethrows -> R {
        switch self {
        case .none: return try body(nil)
        case .some(let array): return try array.withUnsafeBufferPointer { try body($0.baseAddress) }
        }
    }
}

/// Runs `body` on a new OS thread and returns its result to the awaiting task.
func runOnDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// Reads the progress of a session's solve from another thread (the C fields
/// it reads are plain numbers written by the solving thread).
final class ProgressProbe: @unchecked Sendable {
    private let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }

    func read() -> SolveProgress? {
        var p = cglpk_progress()
        cglpk_session_progress(raw, &p)
        guard p.solving != 0 else { return nil }
        return SolveProgress(elapsed: p.elapsed, incumbent: p.has_incumbent != 0 ? p.incumbent : nil,
                             bound: p.bound_known != 0 ? p.bound : nil, inTree: p.in_tree != 0, attempt: Int(p.attempt))
    }
}

/// Carries `SolveOptions.onRelaxation` through the C shim's context pointer.
private final class RelaxationSink {
    let receive: @Sendable ([Double], Double) -> Void
    init(_ receive: @escaping @Sendable ([Double], Double) -> Void) { self.receive = receive }
}
