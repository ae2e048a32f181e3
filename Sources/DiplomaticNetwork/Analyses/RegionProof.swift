import GLPKSolver
import LinearProgramming

/// The proof by regions of `dipnet robust` and `dipnet coalition --robust`: when no one
/// plan proves a post's class over the whole weight polytope (because other decisions
/// change across it), the box of bounds is halved, again and again, and each region is
/// proven on its own vertices (with the ranking's rows kept, so each region is the
/// polytope cut by the halved bounds).
///
/// A region holds when some plan that decides the post as claimed falls short at none of
/// the region's vertices (the caller's `shortfalls`: of the best reversal there, and of
/// any floor; the concavity argument of `RobustResult` then carries it to the whole
/// region). A region that does not hold is halved along the side where its best
/// candidate's shortfalls differ most between the halves (the widest side, relative to
/// the bounds given, when no candidate says). The class is proven when every region
/// holds; a region's vertex where the optimum decides the post otherwise ends the proof
/// (the post is borderline).
public struct RegionProof: Sendable {
    /// Most varied weights for the proof by pieces (its vertex enumeration grows as the
    /// number of rows to the power of the dimension); beyond, the proof halves the box.
    public static let maxPieceDimension = 3

    enum Outcome: Equatable {
        /// Every region holds: the class is proven (`regions`: the regions that held).
        case proven(regions: Int)
        /// The optimum at a region's vertex `at` decides the post otherwise; `sure` when that
        /// plan and the one it is compared with are proven optimal.
        case reversed(at: [Double], sure: Bool)
        /// The budget ran out; `share` of the box's volume was proven, in `regions` regions.
        case partial(share: Double, regions: Int)
        /// The proof by pieces stopped before its end (the budget ran out, or something it
        /// needed is unknown: a plan not proven optimal); `plans`: the candidates it had.
        case unfinished(plans: Int)
    }

    /// What a region's vertex says: the decision of the optimum there (nil: unknown, no
    /// plan), and whether that plan is proven optimal.
    struct Decision { var open: Bool; var sure: Bool }

    /// The bounds of the whole box (one range a varied weight, money a year per score
    /// point) and the ranking, as `Robust.polytopeVertices` takes it.
    var bounds: [ClosedRange<Double>]
    var order: [[Int]]
    /// Solves a region may ask for in all (the optimum and the reversal each count one).
    var budget: Int

    /// Runs the proof for a post decided `open` everywhere so far.
    ///
    /// - Parameters:
    ///   - unsolved: how many solves the points not known yet need (0 for known points).
    ///   - solve: solves those points (in parallel, as the caller likes).
    ///   - decision: the optimum's decision at a solved point, nil when it has no plan.
    ///   - shortfalls: for a region's vertices, nil when something there is unknown (no
    ///     plan, a reversal not proven optimal); else each candidate's money short at each
    ///     vertex, the candidates being the plans found at those vertices that decide the
    ///     post as claimed (infinite where a candidate is no plan of that vertex).
    /// - Returns: the outcome and the solves used.
    /// - Throws: what `solve` and `Robust.polytopeVertices` throw (Ctrl-C among them).
    func run(open: Bool, unsolved: ([[Double]]) -> Int, solve: ([[Double]]) throws -> Void,
             decision: ([Double]) -> Decision?, shortfalls: ([[Double]]) throws -> [[Double]]?,
             shouldStop: () -> Bool) throws -> (outcome: Outcome, solves: Int) {
        let fullWidth = bounds.map { $0.upperBound - $0.lowerBound }
        func relativeWidth(_ r: [ClosedRange<Double>], _ j: Int) -> Double { (r[j].upperBound - r[j].lowerBound) / max(fullWidth[j], 1e-300) }
        func halves(_ r: [ClosedRange<Double>], along side: Int?) -> [[ClosedRange<Double>]] {
            let j = side ?? r.indices.max { relativeWidth(r, $0) < relativeWidth(r, $1) }!
            let mid = (r[j].lowerBound + r[j].upperBound) / 2
            var a = r, b = r
            a[j] = r[j].lowerBound...mid
            b[j] = mid...r[j].upperBound
            return [a, b]
        }
        var used = 0, held = 0, share = 0.0
        var level = halves(bounds, along: nil).map { ($0, 0.5) }
        while !level.isEmpty {
            let corners = try level.map { try Robust.polytopeVertices($0.0, order: order, shouldStop: shouldStop) }
            var fresh: [[Double]] = []
            for cs in corners { for w in cs where !fresh.contains(w) { fresh.append(w) } }
            let need = unsolved(fresh)
            guard used + need <= budget else { return (.partial(share: share, regions: held), used) }
            if need > 0 { try solve(fresh) }
            used += need
            var next: [([ClosedRange<Double>], Double)] = []
            for ((region, volume), cs) in zip(level, corners) {
                if cs.isEmpty { held += 1; share += volume; continue }
                var sureOther = true
                for w in cs {
                    guard let d = decision(w) else { sureOther = false; continue }
                    if d.open != open { return (.reversed(at: w, sure: d.sure), used) }
                }
                var best: [Double]? = nil
                if sureOther, let table = try shortfalls(cs) {
                    if table.contains(where: { $0.allSatisfy { $0 <= 0 } }) { held += 1; share += volume; continue }
                    best = table.filter { $0.allSatisfy(\.isFinite) }.min { $0.max()! < $1.max()! }
                }
                for h in halves(region, along: best.flatMap { Self.side(region, cs, $0.map { max(0, $0) }) }) { next.append((h, volume / 2)) }
            }
            level = next
        }
        return (.proven(regions: held), used)
    }

    /// The side along which `shortfall` (by vertex of `cs`) differs most between the two
    /// halves of `region`; nil when it does not differ.
    static func side(_ region: [ClosedRange<Double>], _ cs: [[Double]], _ shortfall: [Double]) -> Int? {
        var best: (side: Int, spread: Double)? = nil
        for j in region.indices where region[j].upperBound > region[j].lowerBound {
            let mid = (region[j].lowerBound + region[j].upperBound) / 2
            let upper = cs.indices.filter { cs[$0][j] > mid }, lower = cs.indices.filter { cs[$0][j] <= mid }
            guard !upper.isEmpty, !lower.isEmpty else { continue }
            let spread = abs(upper.reduce(0) { $0 + shortfall[$1] } / Double(upper.count)
                             - lower.reduce(0) { $0 + shortfall[$1] } / Double(lower.count))
            if spread > (best?.spread ?? 0) { best = (j, spread) }
        }
        return best?.side
    }

    /// The proof **by pieces** of a single network (`dipnet robust`), exact where halving
    /// only approaches: the polytope is split into the pieces where each candidate plan `c`
    /// (the optima found, each a linear function `L_c` of the weights, its flows and
    /// presence fixed) is the best of them, and each piece is checked at its own vertices:
    /// there `L_c − NB*_flip` is concave, so `L_c(u) ≥ NB*_flip(u)` at every vertex `u`
    /// proves it on the piece. Where it fails, the optimum at `u` joins the candidates (it
    /// then holds at `u`: `L_opt(u) = NB*(u) ≥ NB*_flip(u)`), or decides the post otherwise
    /// (borderline); the pieces are drawn again. The optimal plans being finitely many, it
    /// ends; `budget` caps its solves.
    ///
    /// - Parameters:
    ///   - start: points solved already, whose optima are the first candidates (one that
    ///     decides the post otherwise ends the proof: the post is borderline).
    ///   - known: whether the optimum and the reversal at a point are solved.
    ///   - solve: solves the optima and the reversals at those points.
    ///   - linear: the optimum at a solved point as `L(w) = constant + perWeight·w`, nil when
    ///     it has no plan proven optimal.
    ///   - reversal: the best reversal at a solved point, nil when unknown (−∞: none).
    /// - Returns: `.proven(regions:)` (the pieces), `.reversed`, or `.unfinished`.
    func runPieces(open: Bool, start: [[Double]], known: ([Double]) -> (optimum: Bool, reversal: Bool),
                   solve: (_ optima: [[Double]], _ reversals: [[Double]]) throws -> Void,
                   decision: ([Double]) -> Decision?, linear: ([Double]) -> (constant: Double, perWeight: [Double])?,
                   reversal: ([Double]) -> Double?, shouldStop: () -> Bool) throws -> (outcome: Outcome, solves: Int) {
        typealias Linear = (constant: Double, perWeight: [Double])
        let d = bounds.count
        let scales = Robust.scales(of: bounds)
        var pairs: [(Int, Int)] = []
        for chain in order { for (x, y) in zip(chain, chain.dropFirst()) where x != y && !pairs.contains(where: { $0 == (x, y) }) { pairs.append((x, y)) } }
        let base = Robust.polytopeRows(bounds, pairs: pairs)
        let corners = try Robust.polytopeVertices(bounds, order: order, shouldStop: shouldStop)
        func value(_ f: Linear, _ w: [Double]) -> Double { f.constant + zip(f.perWeight, w).reduce(0) { $0 + $1.0 * $1.1 } }
        func same(_ f: Linear, _ g: Linear) -> Bool {
            corners.allSatisfy { abs(value(f, $0) - value(g, $0)) <= 1e-9 * max(1, abs(value(f, $0))) }
        }
        var cands: [Linear] = []
        func add(_ f: Linear) -> Bool {
            if cands.contains(where: { same($0, f) }) { return false }
            cands.append(f)
            return true
        }
        // Points solved for other posts' proofs may decide this one otherwise: then it is
        // borderline; only plans that decide it as claimed are candidates.
        for w in start {
            guard let dec = decision(w) else { continue }
            if dec.open != open { return (.reversed(at: w, sure: dec.sure), 0) }
            if let f = linear(w) { _ = add(f) }
        }
        // Reversals known (finite): a reversal infeasible anywhere is infeasible everywhere
        // (the weights move only the objective), and then nothing decides the post otherwise.
        var knownReversals: [([Double], Double)] = []
        for w in start { if let nb = reversal(w) { if nb == -.infinity { return (.proven(regions: 0), 0) }; knownReversals.append((w, nb)) } }
        var used = 0
        while true {
            if shouldStop() { throw ParameterError("interrupted") }
            guard !cands.isEmpty else { return (.unfinished(plans: 0), used) }
            // Each candidate's piece: the polytope where it is at least every other (rows
            // implied at every corner of the polytope are left out; a candidate below
            // another at every corner has no piece of full dimension, but is kept for its
            // faces only when nothing else covers them: the pieces of the others do).
            var pieces: [(c: Int, vertices: [[Double]])] = []
            for c in cands.indices {
                var rows = base
                var empty = false
                for o in cands.indices where o != c {
                    let gaps = corners.map { value(cands[c], $0) - value(cands[o], $0) }
                    if gaps.allSatisfy({ $0 >= 0 }) { continue }
                    if gaps.allSatisfy({ $0 < 0 }) { empty = true; break }
                    // L_c − L_o ≥ 0, scaled to coefficients of magnitude 1
                    let a = zip(cands[c].perWeight, cands[o].perWeight).map { $0 - $1 }
                    let norm = a.map(abs).max() ?? 0
                    guard norm > 0 else { continue }
                    rows.append((a.map { $0 / norm }, (cands[o].constant - cands[c].constant) / norm))
                }
                if empty { continue }
                let vs = try Robust.vertices(of: rows, dimension: d, scales: scales, shouldStop: shouldStop)
                if !vs.isEmpty { pieces.append((c, vs)) }
            }
            // The least candidate value at each piece vertex (a vertex of several pieces
            // must hold for each), and the reversals to solve there: none where the convex
            // interpolation of the reversals known already bounds it below that value.
            var least: [[Double]: Double] = [:]
            for p in pieces { for u in p.vertices { least[u] = min(least[u] ?? .infinity, value(cands[p.c], u)) } }
            var needReversal: [[Double]] = []
            var bounded: Set<[Double]> = []
            for u in least.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !known(u).reversal {
                if let b = Self.interpolationBound(at: u, points: knownReversals.map(\.0), values: knownReversals.map(\.1)),
                   b <= least[u]! - 1e-6 * max(1, abs(b)) {
                    bounded.insert(u)
                } else {
                    needReversal.append(u)
                }
            }
            guard used + needReversal.count <= budget else { return (.unfinished(plans: cands.count), used) }
            if !needReversal.isEmpty { try solve([], needReversal) }
            used += needReversal.count
            for u in needReversal { if let nb = reversal(u), nb.isFinite { knownReversals.append((u, nb)) } }
            var failing: [[Double]] = []
            for p in pieces {
                for u in p.vertices where !bounded.contains(u) {
                    guard let nb = reversal(u) else { return (.unfinished(plans: cands.count), used) }
                    if value(cands[p.c], u) < nb - 1e-6 * max(1, abs(nb)), !failing.contains(u) { failing.append(u) }
                }
            }
            if failing.isEmpty { return (.proven(regions: pieces.count), used) }
            let needOptimum = failing.filter { !known($0).optimum }
            guard used + needOptimum.count <= budget else { return (.unfinished(plans: cands.count), used) }
            if !needOptimum.isEmpty { try solve(needOptimum, []) }
            used += needOptimum.count
            var added = false
            for u in failing {
                guard let dec = decision(u) else { return (.unfinished(plans: cands.count), used) }
                if dec.open != open { return (.reversed(at: u, sure: dec.sure), used) }
                guard let f = linear(u) else { return (.unfinished(plans: cands.count), used) }
                if add(f) { added = true }
            }
            // every failing vertex's optimum is a candidate already: only rounding is left
            if !added { return (.unfinished(plans: cands.count), used) }
        }
    }

    /// An upper bound at `u` of a convex function known at `points` (its `values`): the
    /// least `Σ λ_k values[k]` over convex weights `λ` with `Σ λ_k points[k] = u` (Jensen's
    /// inequality), by a small LP. Nil when `u` is outside the points' hull or the LP fails.
    static func interpolationBound(at u: [Double], points: [[Double]], values: [Double]) -> Double? {
        guard !points.isEmpty else { return nil }
        var m = Model(name: "interpolation")
        let lambda = points.indices.map { m.addVariable("l\($0)", .continuous, lower: 0, upper: 1) }
        m.add("sum", .equal(LinearExpression.sum(lambda.indices) { LinearExpression(lambda[$0]) }, 1))
        // Each weight in its own magnitude: one scale for all (the largest) would leave a
        // weight of 0.5 beside one of 1e9 with rows GLPK's tolerances do not see.
        let scales = u.indices.map { j in max(abs(u[j]), points.map { abs($0[j]) }.max() ?? 0) }
        for j in u.indices where scales[j] > 0 {
            m.add("w\(j)", .equal(LinearExpression.sum(points.indices) { lambda[$0] * (points[$0][j] / scales[j]) }, u[j] / scales[j]))
        }
        let top = max(1, values.map(abs).max() ?? 1)
        m.minimize(LinearExpression.sum(points.indices) { lambda[$0] * (values[$0] / top) })
        guard let r = try? GLPKSolver().solve(m, options: SolveOptions()), case .optimal = r.termination, let x = r.values else { return nil }
        // the bound from the values themselves, so that the LP's scaling does not round it
        guard zip(lambda, x).allSatisfy({ $0.1 >= -1e-9 }) else { return nil }
        let total = lambda.indices.reduce(0.0) { $0 + max(0, x[$1]) }
        let weights = lambda.indices.map { max(0, x[$0]) / total }
        // and only when those weights do combine the points into u, weight by weight
        for j in u.indices {
            let at = points.indices.reduce(0.0) { $0 + weights[$1] * points[$1][j] }
            guard abs(at - u[j]) <= 1e-7 * max(scales[j], 1e-300) else { return nil }
        }
        return points.indices.reduce(0.0) { $0 + weights[$1] * values[$1] }
    }

    /// The method text of an outcome that did not prove the class, for a searched post.
    static func note(_ outcome: Outcome, within budget: String) -> String? {
        if case .unfinished(let plans) = outcome {
            return "the proof by pieces did not end within \(budget) (\(Fmt.count(plans, "plan")) as candidates)"
        }
        guard case .partial(let share, let regions) = outcome else { return nil }
        return share > 0 ? "proven on \(Fmt.percent(share)) of the box (\(Fmt.count(regions, "region"))) within \(budget)"
                         : "no region proven within \(budget)"
    }
}
