/// A linear or mixed-integer program: variables, constraints, objective.
///
/// A value type with no solver behind it: build it, hand it to any
/// `LinearSolver`, read the immutable `SolveResult`. Constraint rows are stored
/// compressed (merged, sorted, zeros dropped) as they are added, so memory
/// stays proportional to the non-zeros.
public struct Model: Sendable {
    public var name: String
    public private(set) var variables: [VariableInfo] = []
    public private(set) var sense: ObjectiveSense = .minimize
    /// Objective coefficient of each variable (dense, by variable index).
    public private(set) var objectiveCoefficients: [Double] = []
    public private(set) var objectiveConstant: Double = 0

    public private(set) var constraintNames: [String] = []
    public private(set) var constraintLower: [Double] = []
    public private(set) var constraintUpper: [Double] = []
    /// Row `i` holds entries `rowStart[i] ..< rowStart[i+1]` of the two arrays below.
    public private(set) var rowStart: [Int] = [0]
    public private(set) var entryColumns: [Int] = []
    public private(set) var entryValues: [Double] = []

    public init(name: String = "model") { self.name = name }

    public var variableCount: Int { variables.count }
    public var constraintCount: Int { constraintNames.count }
    public var nonZeroCount: Int { entryValues.count }
    /// True when some variable must take integer values.
    public var isMixedInteger: Bool { variables.contains { $0.kind != .continuous } }
    /// Integer and binary variables.
    public var integerCount: Int { variables.reduce(0) { $0 + ($1.kind == .continuous ? 0 : 1) } }

    // MARK: Variables

    /// Adds a variable; bounds default to `[0, +∞)` (binary: `[0, 1]`).
    @discardableResult
    public mutating func addVariable(
        _ name: String, _ kind: VariableKind = .continuous,
        lower: Double = 0, upper: Double? = nil
    ) -> Variable {
        let up = upper ?? (kind == .binary ? 1 : .infinity)
        variables.append(VariableInfo(name: name, kind: kind, lower: lower, upper: up))
        objectiveCoefficients.append(0)
        return Variable(index: variables.count - 1)
    }

    public func info(_ v: Variable) -> VariableInfo { variables[v.index] }

    /// Changes the bounds of a variable (e.g. to fix a decision).
    public mutating func setBounds(_ v: Variable, lower: Double, upper: Double) {
        variables[v.index].lower = lower
        variables[v.index].upper = upper
    }

    /// Changes the domain of a variable (e.g. to relax integrality).
    public mutating func setKind(_ v: Variable, _ kind: VariableKind) { variables[v.index].kind = kind }

    /// Fixes a variable to one value.
    public mutating func fix(_ v: Variable, to value: Double) { setBounds(v, lower: value, upper: value) }

    // MARK: Constraints

    /// Adds `relation` as a named row; the expression's constant moves to the bounds.
    @discardableResult
    public mutating func add(_ name: String, _ relation: LinearRelation) -> Constraint {
        let terms = LinearExpression.mergeTerms(relation.expression.terms)
        let c = relation.expression.constant
        for t in terms {
            entryColumns.append(t.variable.index)
            entryValues.append(t.coefficient)
        }
        rowStart.append(entryValues.count)
        constraintNames.append(name)
        constraintLower.append(relation.lower - c)
        constraintUpper.append(relation.upper - c)
        return Constraint(index: constraintNames.count - 1)
    }

    /// The left-hand side of a row (merged, without constant).
    public func row(_ c: Constraint) -> LinearExpression {
        let range = rowStart[c.index]..<rowStart[c.index + 1]
        return LinearExpression(terms: range.map { .init(Variable(index: entryColumns[$0]), entryValues[$0]) })
    }

    /// Copies another model's variables and rows into this one, names prefixed,
    /// adding `extraTerms[row]` (over this model's variables) to the copied rows.
    /// Returns the offsets of the copied variables and rows. The other model's
    /// objective is not copied (see `objectiveCoefficients` to combine them).
    @discardableResult
    public mutating func append(_ other: Model, prefix: String,
                                extraTerms: [Int: [LinearExpression.Term]] = [:]) -> (variables: Int, rows: Int) {
        let vOffset = variableCount, rOffset = constraintCount
        for v in other.variables {
            addVariable(prefix + v.name, v.kind, lower: v.lower, upper: v.upper)
        }
        for i in 0..<other.constraintCount {
            var terms: [LinearExpression.Term] = []
            for k in other.rowStart[i]..<other.rowStart[i + 1] {
                terms.append(.init(Variable(index: other.entryColumns[k] + vOffset), other.entryValues[k]))
            }
            terms += extraTerms[i] ?? []
            add(prefix + other.constraintNames[i],
                LinearRelation(LinearExpression(terms: terms), lower: other.constraintLower[i], upper: other.constraintUpper[i]))
        }
        return (vOffset, rOffset)
    }

    // MARK: Objective

    public mutating func maximize<L: LinearExpressible>(_ objective: L) { setObjective(objective, .maximize) }
    public mutating func minimize<L: LinearExpressible>(_ objective: L) { setObjective(objective, .minimize) }

    public mutating func setObjective<L: LinearExpressible>(_ objective: L, _ sense: ObjectiveSense) {
        let e = objective.linearExpression
        self.sense = sense
        objectiveCoefficients = Array(repeating: 0, count: variables.count)
        for t in e.terms { objectiveCoefficients[t.variable.index] += t.coefficient }
        objectiveConstant = e.constant
    }

    public var objective: LinearExpression {
        LinearExpression(
            terms: objectiveCoefficients.indices.compactMap {
                objectiveCoefficients[$0] == 0 ? nil : .init(Variable(index: $0), objectiveCoefficients[$0])
            },
            constant: objectiveConstant)
    }

    /// A hash of the variables (kinds and bounds) and the rows (coefficients and bounds):
    /// models with the same feasible set have the same fingerprint within one process
    /// (Swift's hashing is seeded per process, so it is never stored).
    public var feasibleSetFingerprint: Int {
        var h = Hasher()
        h.combine(variables.count)
        for v in variables { h.combine(v.kind); h.combine(v.lower); h.combine(v.upper) }
        h.combine(constraintLower); h.combine(constraintUpper)
        h.combine(rowStart); h.combine(entryColumns); h.combine(entryValues)
        return h.finalize()
    }

    /// A hash of the variables' kinds and the rows' coefficients, every bound left out: two
    /// models with the same structure differ at most in their variables' and rows' bounds,
    /// so one's feasible set holds the other's when each bound is at least as wide
    /// (`feasibleSetFingerprint` includes the bounds). Seeded per process, never stored.
    public var structureFingerprint: Int {
        var h = Hasher()
        h.combine(variables.count)
        for v in variables { h.combine(v.kind) }
        h.combine(constraintCount)
        h.combine(rowStart); h.combine(entryColumns); h.combine(entryValues)
        return h.finalize()
    }

    // MARK: Checking

    /// Every numeric problem of the model (NaN, infinite coefficients,
    /// contradictory bounds); empty when the model is well formed.
    public func problems(limit: Int = 20) -> [String] {
        var out: [String] = []
        func note(_ s: String) { if out.count < limit { out.append(s) } }
        for (j, v) in variables.enumerated() {
            if v.lower.isNaN || v.upper.isNaN { note("variable \(v.name) (#\(j)) has a NaN bound") }
            else if v.lower == .infinity || v.upper == -.infinity { note("variable \(v.name) (#\(j)) has bounds [\(v.lower), \(v.upper)] that no value satisfies") }
            else if v.lower > v.upper { note("variable \(v.name) (#\(j)) has lower bound \(v.lower) above upper bound \(v.upper)") }
            if !objectiveCoefficients[j].isFinite { note("objective coefficient of \(v.name) is \(objectiveCoefficients[j])") }
        }
        if !objectiveConstant.isFinite { note("objective constant is \(objectiveConstant)") }
        for i in 0..<constraintCount {
            let (lo, up) = (constraintLower[i], constraintUpper[i])
            if lo.isNaN || up.isNaN { note("constraint \(constraintNames[i]) has a NaN bound") }
            else if lo == .infinity || up == -.infinity { note("constraint \(constraintNames[i]) has bounds [\(lo), \(up)] that no value satisfies") }
            else if lo > up { note("constraint \(constraintNames[i]) has lower bound \(lo) above upper bound \(up)") }
            for k in rowStart[i]..<rowStart[i + 1] where !entryValues[k].isFinite {
                note("constraint \(constraintNames[i]) has coefficient \(entryValues[k]) on \(variables[entryColumns[k]].name)")
            }
        }
        return out
    }

    /// Row `i`'s left-hand side at `values` (one value per variable).
    private func activity(ofRow i: Int, at values: [Double]) -> Double {
        var a = 0.0
        for k in rowStart[i]..<rowStart[i + 1] { a += entryValues[k] * values[entryColumns[k]] }
        return a
    }

    /// `values` as a starting solution: its integer variables rounded, when the result
    /// meets every bound and row within `relativeTolerance` of the bound's magnitude
    /// (and at least 1e-7); otherwise nil and the first bound or row it breaks, in words.
    ///
    /// A solver that takes a start as an incumbent without checking it (GLPK's
    /// `glp_ios_heur_sol`) would otherwise report an infeasible start as the optimum: a
    /// sweep's warm start from a looser budget kept the looser plan at every tighter one.
    ///
    /// - Parameter values: one value per variable, in the model's order.
    public func checkedStart(_ values: [Double], relativeTolerance: Double = 1e-9) -> (values: [Double]?, broken: String?) {
        guard values.count == variables.count else { return (nil, "\(values.count) values for \(variables.count) variables") }
        var x = values
        // At least 1e-7 (GLPK's own bound tolerance): a solve's plan keeps flows of 1e-9 at
        // a closed post, and such a start was refused for nothing.
        func slack(_ bound: Double) -> Double { max(1e-7, relativeTolerance * abs(bound)) }
        for (j, v) in variables.enumerated() {
            if v.kind != .continuous { x[j] = x[j].rounded() }
            guard x[j].isFinite else { return (nil, "\(v.name) = \(x[j])") }
            if x[j] < v.lower - slack(v.lower) || x[j] > v.upper + slack(v.upper) {
                return (nil, "\(v.name) = \(x[j]) outside its bounds [\(v.lower), \(v.upper)]")
            }
        }
        for i in 0..<constraintCount {
            let a = activity(ofRow: i, at: x)
            let (lo, up) = (constraintLower[i], constraintUpper[i])
            if a < lo - slack(lo) || a > up + slack(up) {
                return (nil, "row \(constraintNames[i]) at \(a), outside [\(lo), \(up)]")
            }
        }
        return (x, nil)
    }

    /// Whether variable `j` (an index) is integer with bounds within [0, 1]: a 0–1 decision.
    public func isZeroOne(_ j: Int) -> Bool {
        let v = variables[j]
        return v.kind != .continuous && v.lower >= 0 && v.upper <= 1
    }

    /// A row over 0–1 variables only that `values` break once those variables are
    /// rounded, and the inequality that cuts off what makes it break; nil when every
    /// such row is met (within `relativeTolerance` of its bound's magnitude, at least
    /// 1e-9).
    ///
    /// A solver takes a value within its integrality tolerance of a whole number as
    /// whole and a row within its feasibility tolerance as met: a post open at
    /// 0.99999992 counted as open under a diplomat cap of 1.99999996 that only
    /// 0.99999992 of its 0.5 diplomats kept. Rounded, such a plan breaks the row. Every
    /// plan that agrees with it on the row's variables at 1 that push the row past its
    /// bound (`S1`) and at 0 that would pull it back (`S0`) breaks the row by as much,
    /// so `Σ_{S1} x − Σ_{S0} x ≤ |S1| − 1` is valid for every plan of the model and cuts
    /// off this one (a no-good on the row's support).
    ///
    /// - Parameters:
    ///   - values: one value per variable.
    ///   - rows: the rows to check (indices below `constraintCount`).
    /// - Returns: the row's index, its activity at the rounded values, the bound it
    ///   breaks and the cut; nil when none is broken.
    public func brokenBinaryRow(at values: [Double], rows: Range<Int>, relativeTolerance: Double = 1e-9)
        -> (row: Int, activity: Double, bound: Double, cut: LinearRelation)? {
        guard values.count == variables.count else { return nil }
        rowLoop: for i in rows where i < constraintCount {
            let range = rowStart[i]..<rowStart[i + 1]
            guard !range.isEmpty else { continue }
            var a = 0.0
            for k in range {
                let j = entryColumns[k]
                guard isZeroOne(j) else { continue rowLoop }
                if values[j] >= 0.5 { a += entryValues[k] }
            }
            for (sign, bound) in [(1.0, constraintUpper[i]), (-1.0, constraintLower[i])] where bound.isFinite {
                guard sign * (a - bound) > max(1e-9, relativeTolerance * abs(bound)) else { continue }
                var cut = LinearExpression()
                var ones = 0
                for k in range {
                    let j = entryColumns[k], c = sign * entryValues[k], atOne = values[j] >= 0.5
                    if c > 0, atOne { cut.add(Variable(index: j), 1); ones += 1 }
                    else if c < 0, !atOne { cut.add(Variable(index: j), -1) }
                }
                return (i, a, bound, cut <= Double(ones - 1))
            }
        }
        return nil
    }

    /// The first row of `rows` that `values` break by more than `relativeTolerance` of the
    /// larger of 1, the row's bound and the sum of its terms' magnitudes (so that a row of
    /// large terms that cancel is not judged on rounding): its index, activity and the
    /// bound broken. For a solver's plan, whose rows should hold within its own tolerances
    /// (about 1e-7); nil when every row holds or `values` does not fit the model.
    public func brokenRow(at values: [Double], rows: Range<Int>, relativeTolerance: Double = 1e-6) -> (row: Int, activity: Double, bound: Double)? {
        guard values.count == variables.count else { return nil }
        for i in rows where i < constraintCount {
            var a = 0.0, magnitude = 0.0
            for k in rowStart[i]..<rowStart[i + 1] {
                let t = entryValues[k] * values[entryColumns[k]]
                a += t
                magnitude += abs(t)
            }
            for (sign, bound) in [(1.0, constraintUpper[i]), (-1.0, constraintLower[i])] where bound.isFinite {
                if sign * (a - bound) > relativeTolerance * max(1, abs(bound), magnitude) { return (i, a, bound) }
            }
        }
        return nil
    }

    /// The model with each row whose smallest nonzero coefficient on an integer or 0–1
    /// variable is below `threshold` in magnitude multiplied (with its bounds) by a
    /// power of two that brings that coefficient to at least `threshold`, and the
    /// factor of each row (1 where unchanged); nil when no row needs it.
    ///
    /// The same plans and the same optimum: a power of two scales a row exactly. It is
    /// for GLPK's MIP presolver, which mistreats coefficients of about 1e-9 and less on
    /// 0–1 columns: a post needing 1e-9 diplomats in a cap's row made it cut off the
    /// optimum (32,037 instead of 32,511, GLPK 5.0 and `glpsol` alike), while the same
    /// row multiplied by 1,000 is solved right. A row is not scaled past `maximum` for
    /// its largest coefficient or bound.
    public func scalingTinyRows(threshold: Double = 1e-7, maximum: Double = 1e12) -> (model: Model, factors: [Double])? {
        var factors = [Double](repeating: 1, count: constraintCount)
        var any = false
        for i in 0..<constraintCount {
            let range = rowStart[i]..<rowStart[i + 1]
            var smallest = Double.infinity, largest = 0.0
            for k in range where entryValues[k] != 0 {
                if variables[entryColumns[k]].kind != .continuous { smallest = min(smallest, abs(entryValues[k])) }
                largest = max(largest, abs(entryValues[k]))
            }
            guard smallest < threshold, smallest > 0 else { continue }
            for b in [constraintLower[i], constraintUpper[i]] where b.isFinite { largest = max(largest, abs(b)) }
            var f = 1.0
            while smallest * f < threshold, largest * f * 2 <= maximum { f *= 2 }
            if f > 1 { factors[i] = f; any = true }
        }
        guard any else { return nil }
        var m = self
        for i in 0..<constraintCount where factors[i] != 1 {
            let f = factors[i]
            for k in rowStart[i]..<rowStart[i + 1] { m.entryValues[k] *= f }
            m.constraintLower[i] *= f
            m.constraintUpper[i] *= f
        }
        return (m, factors)
    }

    /// Largest violation of any bound or row by the given values, and whether
    /// integer variables hold integers (within `tolerance`).
    public func violation(of values: [Double], tolerance: Double = 1e-6) -> (maxViolation: Double, integral: Bool) {
        var worst = 0.0
        var integral = true
        for (j, v) in variables.enumerated() {
            let x = values[j]
            worst = max(worst, v.lower - x, x - v.upper)
            if v.kind != .continuous, abs(x - x.rounded()) > tolerance { integral = false }
        }
        for i in 0..<constraintCount {
            let a = activity(ofRow: i, at: values)
            worst = max(worst, constraintLower[i] - a, a - constraintUpper[i])
        }
        return (worst, integral)
    }
}
