import LinearProgramming

/// Textbook instances with known answers, shared by the conformance suite.
enum Instances {
    /// Wyndor Glass (Hillier & Lieberman): max 3x + 5y; x ≤ 4; 2y ≤ 12; 3x + 2y ≤ 18.
    /// Optimum 36 at (2, 6); duals (0, 1.5, 1).
    static func wyndor() -> (Model, [Variable], [Constraint]) {
        var m = Model(name: "wyndor")
        let x = m.addVariable("x"), y = m.addVariable("y")
        let c1 = m.add("plant1", x <= 4)
        let c2 = m.add("plant2", 2 * y <= 12)
        let c3 = m.add("plant3", 3 * x + 2 * y <= 18)
        m.maximize(3 * x + 5 * y)
        return (m, [x, y], [c1, c2, c3])
    }

    /// min 2x + 3y; x + y ≥ 4; x + 3y ≥ 6. Optimum 9 at (3, 1); duals (1.5, 0.5).
    static func covering() -> (Model, [Variable], [Constraint]) {
        var m = Model(name: "covering")
        let x = m.addVariable("x"), y = m.addVariable("y")
        let a = m.add("a", x + y >= 4)
        let b = m.add("b", x + 3 * y >= 6)
        m.minimize(2 * x + 3 * y)
        return (m, [x, y], [a, b])
    }

    /// Knapsack: values 10 13 7 8 12, weights 5 6 3 4 6, capacity 14.
    /// Optimum 30 with items 0, 1, 2 (checked by enumeration in the test too).
    static let knapsackValues: [Double] = [10, 13, 7, 8, 12]
    static let knapsackWeights: [Double] = [5, 6, 3, 4, 6]
    static func knapsack() -> (Model, [Variable]) {
        var m = Model(name: "knapsack")
        let xs = (0..<5).map { m.addVariable("take[\($0)]", .binary) }
        m.add("capacity", LinearExpression.sum(0..<5) { xs[$0] * knapsackWeights[$0] } <= 14)
        m.maximize(LinearExpression.sum(0..<5) { xs[$0] * knapsackValues[$0] })
        return (m, xs)
    }

    /// Uncapacitated facility location: 3 sites, 4 customers. Enumerating the
    /// 7 non-empty site sets by hand gives 126 with sites 0 and 1 open.
    static let facilityFixed: [Double] = [20, 16, 18]
    static let facilityAssign: [[Double]] = [[4, 8, 9], [7, 3, 8], [9, 6, 3], [5, 7, 6]].map { $0.map { $0 * 5 } }
    static func facilityLocation() -> (Model, open: [Variable]) {
        var m = Model(name: "ufl")
        let open = (0..<3).map { m.addVariable("open[\($0)]", .binary) }
        var x: [[Variable]] = []
        for i in 0..<4 {
            x.append((0..<3).map { m.addVariable("assign[\(i),\($0)]") })
            m.add("serve[\(i)]", .equal(LinearExpression.sum(x[i]), 1))
            for j in 0..<3 { m.add("link[\(i),\(j)]", x[i][j] <= open[j]) }
        }
        m.minimize(
            LinearExpression.sum(0..<3) { open[$0] * facilityFixed[$0] }
                + LinearExpression.sum(0..<4) { i in LinearExpression.sum(0..<3) { x[i][$0] * facilityAssign[i][$0] } })
        return (m, open)
    }

    /// A random capacitated facility location MIP of a given size (for the
    /// concurrency test): deterministic for a seed.
    static func randomFacilityLocation(sites: Int, customers: Int, seed: UInt64) -> Model {
        var rng = LCG(seed: seed)
        var m = Model(name: "cfl-\(seed)")
        let open = (0..<sites).map { m.addVariable("open[\($0)]", .binary) }
        let demand = (0..<customers).map { _ in 5 + 20 * rng.next() }
        let total = demand.reduce(0, +)
        var objective = LinearExpression()
        var load = Array(repeating: LinearExpression(), count: sites)
        for i in 0..<customers {
            var served = LinearExpression()
            for j in 0..<sites {
                let x = m.addVariable("x[\(i),\(j)]")
                served.add(x)
                load[j].add(x, demand[i])
                objective.add(x, demand[i] * (1 + 10 * rng.next()))
                m.add("link[\(i),\(j)]", x <= open[j])
            }
            m.add("serve[\(i)]", .equal(served, 1))
        }
        for j in 0..<sites {
            let capacity = total * (0.15 + 0.2 * rng.next())
            m.add("cap[\(j)]", load[j] <= capacity * open[j])
            objective.add(open[j], 200 + 300 * rng.next())
        }
        m.minimize(objective)
        return m
    }

    /// An 80-item, 5-constraint multidimensional knapsack that GLPK cannot prove
    /// optimal in 30 s but for which it finds incumbents at once.
    static func hardKnapsack() -> Model {
        let n = 80, rows = 5
        var state: UInt64 = 1
        func rnd() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 33) / Double(1 << 31)
        }
        let w = (0..<rows).map { _ in (0..<n).map { _ in Double(1 + Int(rnd() * 100)) } }
        let p = (0..<n).map { j in Double(Int((0..<rows).reduce(0) { $0 + w[$1][j] }) / rows + Int(rnd() * 10)) }
        var m = Model(name: "mkp")
        let x = (0..<n).map { m.addVariable("x\($0)", .binary) }
        for i in 0..<rows {
            let cap = Double(Int(w[i].reduce(0, +)) / 2)
            m.add("c\(i)", LinearExpression.sum(0..<n) { x[$0] * w[i][$0] } <= cap)
        }
        m.maximize(LinearExpression.sum(0..<n) { x[$0] * p[$0] })
        return m
    }
}

struct LCG {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 2862933555777941757 &+ 3037000493 }
    /// Uniform in [0, 1).
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
