import Foundation
import Synchronization
import Testing
@testable import DiplomaticNetwork

/// Near-optimal alternatives and robust posts against the enumeration of every
/// plan of the tiny fixture (4 posts: 16 decision patterns).
@Suite("Alternatives and robust posts") struct AlternativesRobustTests {
    let planner = Planner(parallelism: 2)

    /// Every decision pattern of the free posts of `s`, with its best net benefit (nil: infeasible).
    func enumerate(_ s: Scenario) throws -> [(open: Set<String>, net: Double?)] {
        let free = s.posts.indices.filter { s.posts[$0].force == nil }
        var out: [(Set<String>, Double?)] = []
        for mask in 0..<(1 << free.count) {
            var t = s
            for (j, pi) in free.enumerated() { t.posts[pi].force = mask & (1 << j) != 0 ? .open : .closed }
            let p = try planner.solve(t)
            out.append((Set(p.hasSolution ? p.open : []), p.hasSolution ? p.netBenefit : nil))
        }
        return out
    }

    @Test(arguments: [0.0, 0.5, 2.0])
    func alternativesLieWithinTheSlackAndAreAsDifferentAsPossible(slack: Double) throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let plans = try enumerate(s).filter { $0.net != nil }
        let best = plans.map { $0.net! }.max()!
        let floor = best - slack * abs(best) - 1e-6
        let run = try AlternativesRun(s, scenarioHash: "", slack: slack, count: 3, planner: planner)
        var none: [Double]? = nil
        let records = run.run(job: 0, planner: planner, previous: &none)
        let optimum = Set(run.header.optimum_open)
        #expect(abs(run.header.optimum_net_benefit - best) < 1e-6)
        for r in records where r.net_benefit != nil {
            #expect(r.net_benefit! >= floor, Comment(rawValue: r.label + " is below the slack"))
            // It is one of the enumerated networks, reported with that network's best net benefit.
            let match = plans.first { $0.open == Set(r.open) }
            #expect(match != nil && abs(r.net_benefit! - match!.net!) < 1e-6, Comment(rawValue: "\(r.label): \(r.net_benefit!) vs \(match?.net ?? .nan)"))
        }
        // Every alternative is a new network: not the optimum's, not an earlier one's.
        let found = records.filter { $0.net_benefit != nil }.map { Set($0.open) }
        #expect(Set(found.map { $0.sorted() }).count == found.count, "alternatives repeat a network")
        #expect(!found.contains(optimum), "an alternative is the optimum's network")
        // As many as asked, unless fewer networks lie within the slack (then the last record says none is left).
        let available = plans.filter { $0.net! >= floor && $0.open != optimum }.count
        #expect(found.count == min(3, available))
        // The first alternative changes as many decisions as any network within the slack can.
        let within = plans.filter { $0.net! >= floor }
        let most = within.map { $0.open.symmetricDifference(optimum).count }.max()!
        if let first = records.first, first.net_benefit != nil {
            #expect(Set(first.open).symmetricDifference(optimum).count == most)
        }
        let summary = AlternativesSummary(header: run.header, records: records)
        for p in summary.alwaysOpen { #expect(records.allSatisfy { $0.net_benefit == nil || $0.open.contains(p) } && optimum.contains(p)) }
    }

    @Test func aroundAPostGivesTheBestNetworksThatDecideItOtherwise() throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let plans = try enumerate(s).filter { $0.net != nil }
        let run = try AlternativesRun(s, scenarioHash: "", slack: nil, count: 3, around: ["PC"], planner: planner)
        let optimumHasPC = run.header.optimum_open.contains("PC")
        // The optimum's row carries its cost and coverage (it showed blanks).
        let best = try planner.solve(s)
        #expect(run.header.optimum_cost == Fmt.clean(best.cost.total) && run.header.optimum_coverage == Fmt.clean(best.coverage))
        var none: [Double]? = nil
        let records = run.run(job: 0, planner: planner, previous: &none)
        let other = plans.filter { $0.open.contains("PC") != optimumHasPC }.map { $0.net! }.sorted(by: >)
        let found = records.compactMap(\.net_benefit)
        #expect(found.count == min(3, other.count))
        for (a, b) in zip(found, other) { #expect(abs(a - b) < 1e-6) }
        #expect(records.allSatisfy { $0.open.contains("PC") != optimumHasPC })
        // A slack of 0 is a limit too: only networks as good as the optimum (it was read
        // as no limit, and listed networks 334,000 worse).
        let tight = try AlternativesRun(s, scenarioHash: "", slack: 0, count: 3, around: ["PC"], planner: planner)
        let within = tight.run(job: 0, planner: planner, previous: &none)
        #expect(other.first! < best.netBenefit - 1e-6)
        #expect(within.allSatisfy { $0.net_benefit == nil } && within.first?.status == "infeasible", "\(within)")
        // A network scored as it stands has no optimum to be near.
        let scored = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("status-quo")
        #expect(throws: ParameterError.self) { try AlternativesRun(scored, scenarioHash: "", slack: 0.5, count: 3, planner: planner) }
    }

    @Test func robustClassesAgreeWithAFineGridOverTheEnumeration() throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let bounds = [Robust.WeightBound(criterion: "geopolitical", range: 200...3000),
                      Robust.WeightBound(criterion: "economic", range: 100...1500)]
        let r = try Robust.run(s, weights: bounds, orders: [["geopolitical", "economic"]], samples: 6, planner: planner)
        // One criterion given two ranges is refused, not read as two criteria.
        #expect(throws: ParameterError.self) {
            try Robust.run(s, weights: bounds + [Robust.WeightBound(criterion: "economic", range: 5...6)], samples: 2, planner: planner)
        }
        // The enumeration: each pattern's net benefit is linear in the two weights (fixed presence), fitted at three points.
        func at(_ g: Double, _ e: Double) -> Scenario {
            var t = s
            t.criteria[0].weight = g
            t.criteria[1].weight = e
            return t
        }
        let base = try enumerate(at(0, 0)), dg = try enumerate(at(1, 0)), de = try enumerate(at(0, 1))
        var open = Dictionary(uniqueKeysWithValues: s.posts.map { ($0.id, (Bool(false), Bool(false))) })   // (seen open, seen closed)
        let n = 40
        for i in 0...n {
            for j in 0...n {
                let g = 200 + 2800 * Double(i) / Double(n), e = 100 + 1400 * Double(j) / Double(n)
                guard g >= e else { continue }
                var best = -Double.infinity, bestOpen = Set<String>()
                for k in base.indices {
                    guard let b = base[k].net, let x = dg[k].net, let y = de[k].net else { continue }
                    let v = b + (x - b) * g + (y - b) * e
                    if v > best + 1e-9 { (best, bestOpen) = (v, base[k].open) }
                }
                for p in s.posts { if bestOpen.contains(p.id) { open[p.id]!.0 = true } else { open[p.id]!.1 = true } }
            }
        }
        for line in r.posts {
            let seen = open[line.post]!
            let grid: RobustResult.Class = seen.0 && seen.1 ? .borderline : (seen.0 ? .core : .exterior)
            if line.proven || line.classification == .borderline {
                #expect(line.classification == grid || (grid != .borderline && line.classification == .borderline),
                        "\(line.post): robust \(line.classification), grid \(grid)")
            }
            if grid == .borderline { #expect(line.classification == .borderline, "\(line.post): the grid reverses it") }
        }
        #expect(r.vertices.count == 5)   // g ≥ e cuts a corner off the box: (200,100) (3000,100) (3000,1500) (1500,1500) (200,200)
        // Weight vectors count the distinct points where the optimum was solved (the 5
        // vertices, the centroid, 6 samples, and segment points); the solves add the
        // forced ones, so never fewer.
        #expect(r.weightVectors >= 5 + 1 + 6 && r.solves >= r.weightVectors, "\(r.weightVectors) vectors, \(r.solves) solves")
        for line in r.posts where line.method.hasPrefix("searched") {
            #expect(line.method.contains("forced at 5 vertices"), "\(line.method)")
        }
        // A core or exterior post's least loss if reversed: over the vertices, the optimum
        // minus the best plan deciding it otherwise, as the enumeration gives it.
        func value(_ k: Int, _ v: [Double]) -> Double? {
            guard let b = base[k].net, let x = dg[k].net, let y = de[k].net else { return nil }
            return b + (x - b) * v[0] + (y - b) * v[1]
        }
        // Narrow ranges, so that posts are core or exterior.
        let narrow = try Robust.run(s, weights: [Robust.WeightBound(criterion: "geopolitical", range: 900...1100),
                                                 Robust.WeightBound(criterion: "economic", range: 450...550)], samples: 2, planner: planner)
        var checked = 0
        for line in narrow.posts where line.classification != .borderline {
            let loss = try #require(line.leastLoss, "\(line.post)")
            let isOpen = line.classification == .core
            let perVertex = narrow.vertices.map { v in
                let all = base.indices.compactMap { k in value(k, v).map { ($0, base[k].open.contains(line.post)) } }
                return all.map(\.0).max()! - (all.filter { $0.1 != isOpen }.map(\.0).max() ?? -.infinity)
            }
            #expect(abs(loss - perVertex.min()!) <= 1e-6 * max(1, abs(loss)), "\(line.post): \(loss) against \(perVertex)")
            #expect(line.leastLossAt.map { narrow.vertices.contains($0) } == true)
            checked += 1
        }
        #expect(checked > 0)
        #expect(r.forced.isEmpty)
        // A post the rules keep open at every vertex has no reversal to price: said so, with
        // no vertex (the table showed "inf" beside one).
        let repo = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tutorial = try ScenarioFile.load(repo.appendingPathComponent("scenarios/tutorial/caribbean.yaml").path).scenario("base")
        let settled = try Robust.run(tutorial, weights: [Robust.WeightBound(criterion: "geopolitical", range: 15000...25000),
                                                         Robust.WeightBound(criterion: "economic", range: 10000...20000)], samples: 0, planner: planner)
        let mex = try #require(settled.posts.first { $0.post == "MEX" })
        #expect(mex.reversalImpossible && mex.leastLoss == nil && mex.leastLossAt == nil, "\(mex)")
        #expect(settled.posts.allSatisfy { $0.leastLoss?.isFinite ?? true })
    }

    /// The proof by pieces (step 2c of `RobustResult`), on a file whose thresholds are
    /// worked out by hand in its comment: QA is core, but the plan that beats its reversal
    /// changes with PA's decision across the box, so no one plan proves it. The two plans
    /// found (PA closed, PA open) split the box at w = 20/3, where they tie (PA's analytic
    /// threshold); each piece is proven at its ends, with one more solve there. Without
    /// the step the post stays searched.
    @Test func robustProvesByPieces() throws {
        let s = try ScenarioFile.load(Fixtures.path("robust/regions.yaml")).scenario("base")
        let w = [Robust.WeightBound(criterion: "geo", range: 1...20)]
        let r = try Robust.run(s, weights: w, samples: 3, planner: planner)
        let qa = try #require(r.posts.first { $0.post == "QA" })
        #expect(qa.classification == .core && qa.proven && qa.method.contains("2 plans, each best on its piece"), "\(qa)")
        #expect(abs(qa.leastLoss! - 50) < 1e-6 && qa.leastLossAt == [1])
        #expect(r.posts.first { $0.post == "PA" }!.classification == .borderline)
        let off = try Robust.run(s, weights: w, samples: 3, regionSolves: 0, planner: planner)
        let searched = try #require(off.posts.first { $0.post == "QA" })
        #expect(!searched.proven && searched.method.hasPrefix("searched") && !searched.method.contains("pieces"), "\(searched)")
        // 6 optima (2 vertices, the centroid, 3 samples), the reversals at the 2 vertices,
        // and the one at 20/3; no search after a proof.
        #expect(r.weightVectors == 6 && r.solves == 6 + 2 + 1, "\(r.weightVectors) vectors, \(r.solves) solves")
        #expect(throws: ParameterError.self) { try Robust.run(s, weights: w, regionSolves: -1, planner: planner) }
    }

    /// The proofs' total budget (`proofSolves`) is shared by the posts: spent, the posts
    /// left stay searched and say why; the progress callback walks the steps in order with
    /// solves that never fall, and ends each step at its total.
    @Test func robustProofBudgetIsSharedAndProgressIsReported() throws {
        let s = try ScenarioFile.load(Fixtures.path("robust/regions.yaml")).scenario("base")
        let w = [Robust.WeightBound(criterion: "geo", range: 1...20)]
        let seen = Mutex<[RobustProgress]>([])
        let r = try Robust.run(s, weights: w, samples: 3, planner: planner, progress: { p in seen.withLock { $0.append(p) } })
        let events = seen.withLock { $0 }
        let steps = events.map(\.step)
        // Steps in order, each ending at its total; QA's proof is the one proof.
        let firsts = [RobustProgress.Step.optima, .reversals, .proofs].map { s in steps.firstIndex(of: s) }
        #expect(firsts.allSatisfy { $0 != nil } && firsts.map { $0! } == firsts.map { $0! }.sorted(), "\(steps)")
        #expect(events.last { $0.step == .optima } == RobustProgress(step: .optima, done: 6, total: 6, solves: 6))
        #expect(events.last { $0.step == .proofs }.map { $0.done == 1 && $0.total == 1 && $0.solves == r.solves } == true, "\(events)")
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.solves <= $1.solves }, "\(events)")
        // No budget: QA's proof stops at once and says why; one solve is what it takes.
        let none = try Robust.run(s, weights: w, samples: 3, proofSolves: 0, planner: planner)
        let qa0 = try #require(none.posts.first { $0.post == "QA" })
        #expect(!qa0.proven && qa0.method.contains("did not end within --proof-solves 0"), "\(qa0.method)")
        #expect(none.proofSolves == 0 && none.regionSolves == Robust.defaultRegionSolves && !none.interrupted)
        let one = try Robust.run(s, weights: w, samples: 3, proofSolves: 1, planner: planner)
        let qa1 = try #require(one.posts.first { $0.post == "QA" })
        #expect(qa1.proven && one.solves == r.solves, "\(qa1.method), \(one.solves) solves")
        #expect(throws: ParameterError.self) { try Robust.run(s, weights: w, proofSolves: -1, planner: planner) }
    }

    /// Classes do not depend on the units of the scores: scores × k with weights ÷ k is
    /// the same model. The hostile test behind `polytopeVerticesKeepSmallWeightsBesideLargeOnes`
    /// found a false proof with geopolitical scores × 1e-5 beside economic × 1e4; here
    /// every post's class, proof and method kind must match the unscaled run.
    @Test func robustClassesDoNotDependOnTheScoresUnits() throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let bounds = [Robust.WeightBound(criterion: "geopolitical", range: 200...3000),
                      Robust.WeightBound(criterion: "economic", range: 100...1500)]
        var scaled = s
        let factor = ["geopolitical": 1e-5, "economic": 1e4]
        for i in scaled.countries.indices {
            for (c, k) in factor { if let v = scaled.countries[i].scores[c] { scaled.countries[i].scores[c] = v * k } }
        }
        let scaledBounds = bounds.map { b in
            Robust.WeightBound(criterion: b.criterion, range: (b.range.lowerBound / factor[b.criterion]!)...(b.range.upperBound / factor[b.criterion]!))
        }
        let a = try Robust.run(s, weights: bounds, samples: 4, planner: planner)
        let b = try Robust.run(scaled, weights: scaledBounds, samples: 4, planner: planner)
        func kind(_ m: String) -> String { String(m.prefix { $0 != ":" && $0 != "(" }).trimmingCharacters(in: .whitespaces) }
        for (x, y) in zip(a.posts, b.posts) {
            #expect(x.post == y.post && x.classification == y.classification && x.proven == y.proven && kind(x.method) == kind(y.method),
                    "\(x.post): \(x.classification) \(x.method) against \(y.classification) \(y.method)")
            if let l = x.leastLoss { #expect(abs(l - (y.leastLoss ?? .nan)) <= 1e-6 * max(1, abs(l)), "\(x.post): \(l) against \(String(describing: y.leastLoss))") }
        }
        #expect(a.posts.count == b.posts.count && a.vertices.count == b.vertices.count)
    }

    /// Rankings a user mistypes are refused with the syntax, not read as a criterion named
    /// "geopolitical=" (or "economic>development"); bounds and a ranking leaving a single
    /// weight vector are refused rather than "proven at all 1 vertices".
    @Test func robustRefusesMisspeltRankingsAndASinglePoint() throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let both = [Robust.WeightBound(criterion: "geopolitical", range: 200...3000),
                    Robust.WeightBound(criterion: "economic", range: 100...1500)]
        for text in ["geopolitical => economic", "geopolitical >= economic > geopolitical"] {
            let error = #expect(throws: ParameterError.self) { try Robust.run(s, weights: both, orders: [Robust.order(text)], planner: planner) }
            #expect(error?.description.contains("could not read") == true && error?.description.contains("not =>") == true, "\(text): \(String(describing: error))")
        }
        let point = [Robust.WeightBound(criterion: "geopolitical", range: 100...500),
                     Robust.WeightBound(criterion: "economic", range: 500...900)]
        let single = #expect(throws: ParameterError.self) {
            try Robust.run(s, weights: point, orders: [["geopolitical", "economic"]], planner: planner)
        }
        #expect(single?.description.contains("leave one weight vector (geopolitical=500, economic=500)") == true, "\(String(describing: single))")
    }

    /// Counts and weights a run cannot take are refused before any solve (a
    /// negative sample count trapped; negative weights were classified).
    @Test func robustRefusesImpossibleCountsAndWeights() throws {
        let s = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml")).scenario("no-quota")
        let ok = [Robust.WeightBound(criterion: "geopolitical", range: 200...3000)]
        #expect(throws: ParameterError.self) { try Robust.run(s, weights: ok, samples: -1, planner: planner) }
        #expect(throws: ParameterError.self) { try Robust.run(s, weights: ok, samples: 100_000_001, planner: planner) }
        #expect(throws: ParameterError.self) { try Robust.WeightBound("geopolitical=-60000..-1") }
        #expect(throws: ParameterError.self) {
            try Robust.run(s, weights: [Robust.WeightBound(criterion: "geopolitical", range: -5...3000)], samples: 1, planner: planner)
        }
        // A variant that scores the network as it stands has no decision for a weight to
        // move: it read its forced posts' negative regrets as "borderline", open and closed
        // at the same weights.
        let f = try ScenarioFile.load(Fixtures.path("tiny/tiny.yaml"))
        let scored = try f.scenario("status-quo")
        #expect(scored.mode == .evaluate)
        #expect(throws: ParameterError.self) { try Robust.checkWeights(ok, orders: [], in: scored) }
        #expect(throws: ParameterError.self) { try Robust.run(scored, weights: ok, samples: 1, planner: planner) }
    }

    @Test func polytopeVerticesOfBoundsAndARanking() throws {
        let v = try Robust.polytopeVertices([0...10, 0...5, 0...8], order: [[0, 1, 2]])
        // w0 ≥ w1 ≥ w2 within the box: exactly (0,0,0), (5,5,0), (5,5,5), (10,0,0), (10,5,0), (10,5,5).
        #expect(v == [[0, 0, 0], [5, 5, 0], [5, 5, 5], [10, 0, 0], [10, 5, 0], [10, 5, 5]], "\(v)")
        // The same ranking twice, or a pair repeated, changes nothing.
        #expect(try Robust.polytopeVertices([0...10, 0...5, 0...8], order: [[0, 1, 2], [0, 1, 2], [1, 2]]) == v)
        // Without a ranking: the box's corners.
        #expect(try Robust.polytopeVertices([1...2, 3...4], order: []) == [[1, 3], [1, 4], [2, 3], [2, 4]])
    }

    /// The pruned enumeration finds the same vertices as trying every subset of d
    /// constraints, on random boxes and rankings (partial orders included).
    /// Weights of very different magnitudes keep all their corners: one scale for all
    /// (the largest bound) merged the corners of economic 0.45..1.4 beside a weight of
    /// 1e9..2e9 into two, and a post was "proven" exterior from them while the optimum
    /// opened it at economic 1.4 (found by a hostile test on scaled scores).
    @Test func polytopeVerticesKeepSmallWeightsBesideLargeOnes() throws {
        let box = try Robust.polytopeVertices([1e9...2e9, 0.45...1.4], order: [])
        #expect(box.count == 4, "\(box)")
        let ranked = try Robust.polytopeVertices([1e9...2e9, 0.45...1.4, 0.5...1.2], order: [[1, 2]])
        #expect(ranked.count == 8 && ranked.contains([1e9, 0.5, 0.5]) && ranked.contains([2e9, 1.4, 1.2]), "\(ranked)")
    }

    /// A piece's row in mixed magnitudes, 1e-9·w₁ + w₂ ≥ 2.9 with w₁ in 1e9..2e9 and w₂ in
    /// 0.5..1.4, cuts the box at (1.5e9, 1.4) and (2e9, 0.9). The enumeration took its
    /// remainder beside w₂'s bound (1e-9) for zero and lost the first vertex, so a piece
    /// could be "proven" at fewer vertices than it has.
    @Test func pieceVerticesKeepRowsOfMixedMagnitudes() throws {
        let rows = Robust.polytopeRows([1e9...2e9, 0.5...1.4], pairs: []) + [([1e-9, 1], 2.9)]
        let v = try Robust.vertices(of: rows, dimension: 2, scales: [2e9, 1.4])
        let expected: [[Double]] = [[1.5e9, 1.4], [2e9, 0.9], [2e9, 1.4]]
        #expect(v.count == 3 && zip(v, expected).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) } }, "\(v)")
        // a ranking no point meets: none; bounds and ranked ties come out exactly, as given
        #expect(try Robust.vertices(of: Robust.polytopeRows([13995...22742, 0.45...1.4], pairs: [(1, 0)]), dimension: 2, scales: [22742, 1.4]).isEmpty)
        #expect(try Robust.polytopeVertices([13995...22742, 21124...34327], order: [[1, 0]])
                == [[13995, 21124], [13995, 34327], [21124, 21124], [22742, 22742], [22742, 34327]])
    }

    /// The Jensen bound that spares reversal solves: a convex combination of the points
    /// known, weight by weight; with weights of very different magnitudes the small one's
    /// row must still bind (else the combination of the cheap bottom points would "bound"
    /// a top point by 0 instead of 100), and a point outside their hull has no bound.
    @Test func interpolationBoundCombinesEveryWeight() throws {
        let points: [[Double]] = [[1e9, 0.5], [2e9, 0.5], [1e9, 1.4], [2e9, 1.4]]
        let values: [Double] = [0, 0, 100, 100]
        let top = try #require(RegionProof.interpolationBound(at: [1.5e9, 1.4], points: points, values: values))
        #expect(abs(top - 100) < 1e-6, "\(top)")
        let middle = try #require(RegionProof.interpolationBound(at: [1.2e9, 0.95], points: points, values: values))
        #expect(abs(middle - 50) < 1e-6, "\(middle)")
        #expect(RegionProof.interpolationBound(at: [1.5e9, 1.6], points: points, values: values) == nil)
        #expect(RegionProof.interpolationBound(at: [2.5e9, 1.0], points: points, values: values) == nil)
    }

    @Test func polytopeVerticesAgreeWithEverySubset() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<60 {
            let d = 2 + Int(rng.unit() * 3)
            let bounds: [ClosedRange<Double>] = (0..<d).map { _ in
                let lo = (rng.unit() * 10).rounded(); return lo...(lo + 1 + (rng.unit() * 10).rounded())
            }
            var order: [[Int]] = []
            for _ in 0..<Int(rng.unit() * 3) {
                var ids = Array(0..<d)
                for i in stride(from: d - 1, to: 0, by: -1) { ids.swapAt(i, Int(rng.unit() * Double(i + 1))) }
                let chain = Array(ids.prefix(2 + Int(rng.unit() * Double(d - 1))))
                order.append(chain)
            }
            // Rankings that contradict each other (a cycle) leave only the diagonal, or nothing.
            let fast = try Robust.polytopeVertices(bounds, order: order)
            let slow = bruteForceVertices(bounds, order: order)
            #expect(fast.count == slow.count && zip(fast, slow).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 1e-9 } },
                    "bounds \(bounds) order \(order): \(fast) against \(slow)")
        }
    }

    @Test func polytopeVerticesStopWhenAskedOrWhenTooMany() {
        let ten = Array(repeating: 0.0...1.0, count: 10)
        #expect(throws: ParameterError.self) { try Robust.polytopeVertices(ten, order: [Array(0..<10)], maxSystems: 1000) }
        #expect(throws: ParameterError.self) { try Robust.polytopeVertices(ten, order: [Array(0..<10)], shouldStop: { true }) }
    }

    /// Every subset of d rows, as the first version enumerated them.
    private func bruteForceVertices(_ bounds: [ClosedRange<Double>], order: [[Int]]) -> [[Double]] {
        let d = bounds.count
        var rows: [([Double], Double)] = []
        for k in 0..<d {
            var a = Array(repeating: 0.0, count: d); a[k] = 1; rows.append((a, bounds[k].lowerBound))
            var b = Array(repeating: 0.0, count: d); b[k] = -1; rows.append((b, -bounds[k].upperBound))
        }
        for chain in order { for (x, y) in zip(chain, chain.dropFirst()) {
            var a = Array(repeating: 0.0, count: d); a[x] = 1; a[y] = -1; rows.append((a, 0))
        } }
        var out: [[Double]] = []
        func choose(_ start: Int, _ picked: [Int]) {
            if picked.count == d {
                guard let w = Robust.solve(picked.map { rows[$0] }) else { return }
                guard rows.allSatisfy({ zip($0.0, w).reduce(0) { $0 + $1.0 * $1.1 } >= $0.1 - 1e-9 * 100 }) else { return }
                if !out.contains(where: { zip($0, w).allSatisfy { abs($0 - $1) <= 1e-9 * 100 } }) { out.append(w) }
                return
            }
            guard start < rows.count else { return }
            for i in start..<rows.count { choose(i + 1, picked + [i]) }
        }
        choose(0, [])
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
