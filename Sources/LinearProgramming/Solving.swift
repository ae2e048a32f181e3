/// Why a solve stopped; what solution exists is told apart by `hasSolution`.
public enum TerminationStatus: Sendable, Hashable, CustomStringConvertible {
    /// Proven optimal (for a MIP: within GLPK's integrality tolerances, gap 0).
    case optimal
    /// A feasible solution within the requested relative gap, not proven optimal.
    case feasible(gap: Double)
    case infeasible
    /// The objective can improve without limit (for a MIP: its LP relaxation is
    /// unbounded, so the MIP is unbounded or infeasible).
    case unbounded
    /// The time limit was reached; with or without an incumbent solution.
    case timeLimit(hasIncumbent: Bool)
    /// The solve was cancelled before it finished.
    case interrupted(hasIncumbent: Bool)

    public var hasSolution: Bool {
        switch self {
        case .optimal, .feasible: true
        case .timeLimit(let h), .interrupted(let h): h
        case .infeasible, .unbounded: false
        }
    }

    /// Short lowercase name, as in reports (`optimal`, `time_limit`, …).
    public var name: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .timeLimit: "time_limit"
        case .interrupted: "interrupted"
        }
    }

    public var description: String {
        switch self {
        case .feasible(let gap):
            // In percent to two decimals (no Foundation here): 0.0056738797 reads 0.57%.
            (gap * 1e4).rounded() == 0 ? "feasible (gap < 0.01%)" : "feasible (gap \((gap * 1e4).rounded() / 100)%)"
        case .timeLimit(let h): "time limit (\(h ? "with" : "no") incumbent)"
        case .interrupted(let h): "interrupted (\(h ? "with" : "no") incumbent)"
        default: name
        }
    }
}

/// Families of cutting planes a MIP solver may add.
public enum CutFamily: String, Sendable, CaseIterable, Hashable {
    case mixedIntegerRounding = "mir", gomory, cover, clique
}

/// How branch-and-bound picks the variable to branch on.
public enum Branching: String, Sendable, CaseIterable {
    /// `product` from `automaticThreshold` integer variables on, else the solver's default.
    case automatic = "auto"
    /// The solver's default (GLPK: Driebeek and Tomlin's heuristic).
    case solverDefault = "default"
    /// Hybrid pseudocost branching (GLPK's `GLP_BR_PCH`): strong branching starts
    /// each candidate's pseudocosts, and the candidate with the largest estimated
    /// degradation on either side, max(d₋, d₊), is chosen.
    case pseudocost
    /// Pseudocost branching with the product score max(d₋, ε)·max(d₊, ε)
    /// (Achterberg, *Constraint Integer Programming*, 2007, §5.3), started by
    /// strong branching like `pseudocost`, in dipnet's GLPK shim: it prefers
    /// candidates that move the bound on both sides. On generated networks it
    /// proves optimality in half to two thirds of `pseudocost`'s time
    /// (docs/benchmarks.md).
    case product

    /// Integer variables from which `automatic` picks `product`: it proves large
    /// generated networks optimal several times faster than GLPK's default, but
    /// pseudocost rules made the Belgian scenario's 1,000-draw simulation (119
    /// binaries a solve) twice as slow.
    public static let automaticThreshold = 300

    /// The rule used for a model with `integers` integer variables.
    public func resolved(integers: Int) -> Branching {
        self == .automatic ? (integers >= Self.automaticThreshold ? .product : .solverDefault) : self
    }
}

/// What a solve is allowed to do.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimit: Double?
    /// Relative MIP gap at which to stop; nil or 0 proves optimality.
    public var relativeGap: Double?
    public var presolve: Bool
    /// A starting incumbent for a MIP, by variable index (all variables).
    public var start: [Double]?
    /// Forward the solver's log to standard error while it runs.
    public var echoLog: Bool
    /// Cutting planes for MIPs. Mixed-integer rounding by default: on the
    /// network models it cuts branch-and-bound nodes by an order of magnitude.
    public var cuts: Set<CutFamily>
    /// Stops the solve when cancelled (e.g. on Ctrl-C); it then returns its
    /// best solution so far as `.interrupted`.
    public var cancellation: SolveCancellation?
    /// Receives the solve's progress while it runs (incumbent, bound, elapsed time).
    public var monitor: SolveMonitor?
    /// Other solver settings to try, in turn, after a numerical failure (GLPK: up
    /// to 3: rescaled with the dual simplex, unscaled with the primal simplex, the
    /// MIP presolver without cuts). Each retry starts from the best plan so far;
    /// when all fail, that plan is returned as `.feasible`. 0 gives up at once.
    public var retries: Int
    /// Tests only: the first N attempts report a numerical failure after running.
    public var simulatedFailures: Int
    /// Branching rule of MIPs; `.automatic` by default: `product` on large MIPs
    /// (docs/benchmarks.md).
    public var branching: Branching
    /// MIPs solved without the presolver (`presolve == false` or a `start`): called
    /// once on the solving thread when the root LP relaxation is optimal, with its
    /// values by variable index and its objective, before branch-and-cut starts
    /// (the decomposed coalition solve hands it to RINS). Must return quickly.
    public var onRelaxation: (@Sendable (_ values: [Double], _ objective: Double) -> Void)?
    /// MIPs solved without the presolver: a staged root LP. It is first solved with
    /// `fixed` at their lower bound (0 when none) and `freed` rows without bounds,
    /// then, from that optimal basis, with every bound restored. When the fixed
    /// columns and freed rows are what links otherwise separate blocks (a
    /// coalition's shared services and individual-rationality rows), the first
    /// stage is the blocks' own LPs, and the second starts from their optimum
    /// instead of from scratch (the EU-27 fully connected LP, seed 2: 182 s against
    /// 543 s; docs/coalition-format.md). First attempt only; nil for none.
    public var stagedRoot: (fixed: [Variable], freed: [Constraint])?
    /// MIPs solved with the presolver and no `start`: plans exchanged with a
    /// primal heuristic running on another thread while the tree runs (see
    /// `IncumbentExchange`); the solver calls its `finish()` when it returns.
    /// nil for none.
    public var exchange: IncumbentExchange?

    public init(timeLimit: Double? = nil, relativeGap: Double? = nil, presolve: Bool = true,
                start: [Double]? = nil, echoLog: Bool = false, cuts: Set<CutFamily> = [.mixedIntegerRounding],
                cancellation: SolveCancellation? = nil, monitor: SolveMonitor? = nil, retries: Int = 3) {
        self.monitor = monitor
        self.retries = retries
        self.branching = .automatic
        self.onRelaxation = nil
        self.stagedRoot = nil
        self.exchange = nil
        self.simulatedFailures = 0
        self.cuts = cuts
        self.cancellation = cancellation
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.start = start
        self.echoLog = echoLog
    }
}

/// The immutable outcome of one solve.
public struct SolveResult: Sendable {
    public let termination: TerminationStatus
    /// Objective of the returned solution; nil when there is none.
    public let objective: Double?
    /// Best proven bound on the optimum (MIP), if known.
    public let bestBound: Double?
    /// Variable values by index; nil when there is no solution.
    public let values: [Double]?
    /// Row activities by constraint index; nil when there is no solution.
    public let rowActivities: [Double]?
    /// LP only: dual value of each row (change of the objective per unit increase of its bound).
    public let duals: [Double]?
    /// LP only: reduced cost of each variable.
    public let reducedCosts: [Double]?
    /// Whether a given starting incumbent was accepted (nil when none was given).
    public let startAccepted: Bool?
    public let seconds: Double
    /// What the solver printed.
    public let log: String

    public init(termination: TerminationStatus, objective: Double?, bestBound: Double?,
                values: [Double]?, rowActivities: [Double]?, duals: [Double]?, reducedCosts: [Double]?,
                startAccepted: Bool?, seconds: Double, log: String) {
        self.termination = termination
        self.objective = objective
        self.bestBound = bestBound
        self.values = values
        self.rowActivities = rowActivities
        self.duals = duals
        self.reducedCosts = reducedCosts
        self.startAccepted = startAccepted
        self.seconds = seconds
        self.log = log
    }

    public var hasSolution: Bool { values != nil }

    /// Value of a variable in the solution (nil when there is no solution).
    public subscript(_ v: Variable) -> Double? { values?[v.index] }

    /// Value of an expression in the solution.
    public func value<L: LinearExpressible>(of e: L) -> Double? { values.map { e.linearExpression.evaluate($0) } }

    public func dual(_ c: Constraint) -> Double? { duals?[c.index] }
    public func reducedCost(_ v: Variable) -> Double? { reducedCosts?[v.index] }

    /// Relative gap between the objective and the best bound, as GLPK defines it:
    /// |objective − bound| / (|objective| + ε); 0 when proven optimal.
    public var relativeGap: Double? {
        if termination == .optimal { return 0 }
        guard let obj = objective, let bound = bestBound else { return nil }
        return abs(obj - bound) / (abs(obj) + Double.ulpOfOne)
    }
}

/// A backend that solves `Model`s. Infeasible or unbounded models are results,
/// not errors; `solve` throws only when the model cannot be handed to the solver
/// or the solver itself fails.
public protocol LinearSolver: Sendable {
    var name: String { get }
    func solve(_ model: Model, options: SolveOptions) throws -> SolveResult
}

extension LinearSolver {
    public func solve(_ model: Model) throws -> SolveResult { try solve(model, options: SolveOptions()) }
}
