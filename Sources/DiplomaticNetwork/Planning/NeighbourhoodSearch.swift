import Foundation
import GLPKSolver
import LinearProgramming
import Synchronization

/// A large-neighbourhood search for better plans of one network, run on a second
/// core while GLPK's branch-and-cut runs on the first, its plans handed to the
/// tree through an `IncumbentExchange` (docs/benchmarks.md: "A second core
/// searching for plans").
///
/// Neighbourhoods: the posts are grouped by the region of their country (by
/// bands of longitude when the scenario has fewer than three regions); each
/// neighbourhood is a pair of groups. Around the best plan known (the tree's
/// first, then the better of the tree's and the search's own), a sub-MIP frees
/// the open/closed decisions of the posts in the pair and fixes every other
/// integer variable; the flows, presence and unserved cases stay free. A plan
/// better than the best known is offered to the tree, which checks it against
/// its rows and bounds and prunes by it. Rounds over every pair go on while one
/// improves; the search stops when a round improves nothing, when the tree has
/// ended, or at the time limit.
struct NeighbourhoodSearch: Sendable {
    /// Integer variables from which `Planner` runs the search (with a second core).
    static let threshold = Branching.automaticThreshold
    /// Time limit of one sub-MIP, seconds.
    static let subproblemSeconds = 20.0

    let model: Model
    /// Variable indices freed by each neighbourhood.
    let neighbourhoods: [(label: String, variables: [Int])]
    let options: SolveOptions
    let exchange: IncumbentExchange
    /// The network as it stands (existing posts open, candidates closed): the
    /// search's own first plan, with the flows optimised, when it is feasible.
    let statusQuo: [(variable: Int, open: Double)]

    /// The search for a formulation, or nil when its posts fall into fewer than
    /// three groups (a pair of groups would free most of the network).
    init?(_ f: NetworkFormulation, options: SolveOptions, exchange: IncumbentExchange) {
        let s = f.scenario
        var countryIndex: [String: Int] = [:]
        for (i, c) in s.countries.enumerated() where countryIndex[c.id] == nil { countryIndex[c.id] = i }
        var groups: [String: [Int]] = [:]
        let regions = Set(s.countries.compactMap(\.region))
        if regions.count >= 3 {
            for (p, post) in s.posts.enumerated() {
                let region = countryIndex[post.country].flatMap { s.countries[$0].region } ?? "(no region)"
                groups[region, default: []].append(f.open[p].index)
            }
        } else {
            // Eight bands of longitude with equal numbers of posts.
            let lon = s.posts.map { post in post.lon ?? countryIndex[post.country].flatMap { s.countries[$0].lon } ?? 0 }
            let order = s.posts.indices.sorted { lon[$0] < lon[$1] }
            let bands = 8, size = max(1, (order.count + bands - 1) / bands)
            for (k, start) in stride(from: 0, to: order.count, by: size).enumerated() {
                let chunk = order[start..<min(order.count, start + size)]
                let label = String(format: "longitudes %.0f to %.0f (band %d)", lon[chunk.first!], lon[chunk.last!], k + 1)
                groups[label] = chunk.map { f.open[$0].index }
            }
        }
        guard groups.count >= 3 else { return nil }
        let labels = groups.keys.sorted()
        var pairs: [(String, [Int])] = []
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] { pairs.append(("\(a) + \(b)", groups[a]! + groups[b]!)) }
        }
        self.model = f.model
        self.neighbourhoods = pairs
        self.statusQuo = s.posts.indices.map { (f.open[$0].index, s.posts[$0].status == .existing ? 1 : 0) }
        var o = options.subproblem(gap: nil, timeLimit: Self.subproblemSeconds)
        o.echoLog = false
        o.branching = .pseudocost
        // Every sub-solve of the search stops when the tree's solve ends.
        let stop = SolveCancellation()
        exchange.onFinish { stop.cancel() }
        o.cancellation = stop
        self.options = o
        self.exchange = exchange
    }

    /// The network as it stands with every other integer variable at the model's
    /// own bounds (a post the scenario forces keeps its forced value), solved for
    /// the flows; nil when that is infeasible (a budget or a rule it breaks) or
    /// leaves other integer variables to decide.
    func statusQuoPlan(timeLimit: Double = NeighbourhoodSearch.subproblemSeconds) -> IncumbentExchange.Plan? {
        var sub = model
        for (j, v) in statusQuo {
            let info = model.variables[j]
            if info.lower == info.upper { continue }
            sub.fix(Variable(index: j), to: min(max(v, info.lower), info.upper))
        }
        guard sub.variables.allSatisfy({ $0.kind == .continuous || $0.lower == $0.upper }) else { return nil }
        var o = options
        o.timeLimit = max(0.5, min(timeLimit, Self.subproblemSeconds))
        guard let r = try? GLPKSolver().solve(sub, options: o), r.termination == .optimal,
              let values = r.values, let obj = r.objective else { return nil }
        return .init(values: values, objective: obj)
    }

    /// Runs until the tree ends, a round improves nothing, or the time limit;
    /// `note` receives one line per event (on this thread).
    func run(deadline: ContinuousClock.Instant?, cancellation: SolveCancellation?, note: (String) -> Void) {
        let clock = ContinuousClock()
        func stopped() -> Bool {
            exchange.isFinished || (cancellation?.isCancelled ?? false) || deadline.map { clock.now >= $0 } ?? false
        }
        // Start from the network as it stands when that is feasible (the tree's root
        // LP may take many seconds), else from the tree's first plan.
        var best: IncumbentExchange.Plan
        var seen = 0
        var from = "the network as it stands, flows optimised"
        let left = deadline.map { d -> Double in
            let t = clock.now.duration(to: d)
            return t.inSeconds
        }
        if let start = statusQuoPlan(timeLimit: left ?? Self.subproblemSeconds) {
            best = start
            exchange.offer(best)
        } else {
            from = "the tree's first plan"
            while true {
                if stopped() { return }
                if let (plan, version) = exchange.published(after: 0) { best = plan; seen = version; break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let integer = model.variables.indices.filter { model.variables[$0].kind != .continuous }
        note("neighbourhood search: \(neighbourhoods.count) neighbourhoods (pairs of post groups) around \(from), \(Fmt.money(best.objective))")
        var round = 0, improved = true
        while improved {
            improved = false
            round += 1
            for area in neighbourhoods {
                if stopped() { return }
                if let (plan, version) = exchange.published(after: seen) {
                    seen = version
                    if exchange.isBetter(plan.objective, than: best.objective) { best = plan }
                }
                var sub = model
                var free = [Bool](repeating: false, count: model.variableCount)
                for j in area.variables { free[j] = true }
                for j in integer where !free[j] {
                    let v = best.values[j]
                    if v.isFinite { sub.fix(Variable(index: j), to: v.rounded()) }
                }
                var o = options
                var limit = Self.subproblemSeconds
                if let deadline {
                    let left = clock.now.duration(to: deadline)
                    limit = min(limit, left.inSeconds)
                    if limit < 0.5 { return }
                }
                o.timeLimit = limit
                guard let r = try? GLPKSolver().solve(sub, options: o), let values = r.values, let obj = r.objective,
                      exchange.isBetter(obj, than: best.objective) else { continue }
                best = .init(values: values, objective: obj)
                improved = true
                exchange.offer(best)
                note("neighbourhood search, round \(round), \(area.label): \(Fmt.money(obj)), offered to the tree")
            }
        }
        note("neighbourhood search: round \(round) improved nothing; the tree goes on alone")
    }
}
