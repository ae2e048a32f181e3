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
struct RegionProof {
    enum Outcome: Equatable {
        /// Every region holds: the class is proven (`regions`: the regions that held).
        case proven(regions: Int)
        /// The optimum at a region's vertex `at` decides the post otherwise; `sure` when that
        /// plan and the one it is compared with are proven optimal.
        case reversed(at: [Double], sure: Bool)
        /// The budget ran out; `share` of the box's volume was proven, in `regions` regions.
        case partial(share: Double, regions: Int)
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

    /// The method text of an outcome that did not prove the class, for a searched post.
    static func note(_ outcome: Outcome, budget: Int) -> String? {
        guard case .partial(let share, let regions) = outcome else { return nil }
        return share > 0 ? "proven on \(Fmt.percent(share)) of the box (\(Fmt.count(regions, "region"))) within --region-solves \(budget)"
                         : "no region proven within --region-solves \(budget)"
    }
}
