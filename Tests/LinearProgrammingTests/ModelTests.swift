import Testing
@testable import LinearProgramming

@Suite struct ModelBuildingTests {
    @Test func constraintsMergeDuplicateTermsAndMoveConstants() {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let c = m.add("c", x + 2 * y + x - y + 3 <= 10)
        #expect(m.row(c) == LinearExpression(terms: [.init(x, 2), .init(y, 1)]))
        #expect(m.constraintUpper[c.index] == 7)
        #expect(m.constraintLower[c.index] == -.infinity)
    }

    /// A plan's broken row is found on continuous terms too (GLPK's MIP presolver returned
    /// a coalition plan whose rationality row read 0.15 against 0.1508), judged relative to
    /// the row's own magnitude so that large terms that cancel are not flagged for rounding.
    @Test func aBrokenRowIsFoundRelativeToItsMagnitude() {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        _ = m.add("floor", 0.5 * x + 0.5 * y >= 0.1508)
        _ = m.add("cancel", 1e9 * x - 1e9 * y <= 0)
        #expect(m.brokenRow(at: [0.15, 0.15], rows: 0..<2)?.row == 0)
        #expect(m.brokenRow(at: [0.1508, 0.1508], rows: 0..<2) == nil)
        // 1e9·(x − y) = 1e-7 against terms of 3e8: rounding, not a broken row
        #expect(m.brokenRow(at: [0.3 + 1e-16, 0.3], rows: 0..<2) == nil)
        #expect(m.brokenRow(at: [0.31, 0.3], rows: 0..<2)?.row == 1)
        #expect(m.brokenRow(at: [0.15], rows: 0..<2) == nil)
    }

    /// Two models that differ only in bounds share a structure fingerprint (margins then
    /// compare their bounds to tell nested feasible sets), not a feasible-set fingerprint;
    /// a changed coefficient or kind changes both.
    @Test func structureLeavesOutTheBoundsAndFeasibleSetKeepsThem() {
        func model(cap: Double, coefficient: Double = 2, kind: VariableKind = .continuous) -> Model {
            var m = Model()
            let x = m.addVariable("x", kind, upper: cap), y = m.addVariable("y")
            m.add("row", x + coefficient * y <= cap * 3)
            return m
        }
        let base = model(cap: 10)
        #expect(base.structureFingerprint == model(cap: 20).structureFingerprint)
        #expect(base.feasibleSetFingerprint != model(cap: 20).feasibleSetFingerprint)
        #expect(base.feasibleSetFingerprint == model(cap: 10).feasibleSetFingerprint)
        #expect(base.structureFingerprint != model(cap: 10, coefficient: 3).structureFingerprint)
        #expect(base.structureFingerprint != model(cap: 10, kind: .integer).structureFingerprint)
    }

    @Test func zeroCoefficientsAreDropped() {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let c = m.add("c", x + y - y >= 1)
        #expect(m.row(c).terms.map(\.variable) == [x])
        #expect(m.nonZeroCount == 1)
    }

    @Test func expressionBetweenTwoSidesMovesEverythingLeft() {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let c = m.add("link", x <= 5 * y)
        #expect(m.row(c).terms == [.init(x, 1), .init(y, -5)])
        #expect(m.constraintUpper[c.index] == 0)
        let e = m.add("eq", .equal(x + 1, y))
        #expect(m.constraintLower[e.index] == -1 && m.constraintUpper[e.index] == -1)
    }

    @Test func sumBuildsWithClosures() {
        var m = Model()
        let xs = (0..<5).map { m.addVariable("x[\($0)]") }
        let e = LinearExpression.sum(xs.indices) { i in xs[i] * Double(i) }
        #expect(e.evaluate([1, 1, 1, 1, 1]) == 10)
        #expect(LinearExpression.sum(xs).evaluate([1, 2, 3, 4, 5]) == 15)
    }

    @Test func objectiveAccumulatesRepeatedVariables() {
        var m = Model()
        let x = m.addVariable("x")
        m.maximize(x * 2 + x + 4)
        #expect(m.objectiveCoefficients == [3])
        #expect(m.objectiveConstant == 4)
        #expect(m.sense == .maximize)
    }

    @Test func binaryDefaultsToUnitBounds() {
        var m = Model()
        let b = m.addVariable("b", .binary)
        #expect(m.info(b).lower == 0 && m.info(b).upper == 1)
        #expect(m.isMixedInteger)
    }

    @Test func problemsAreListed() {
        var m = Model()
        let x = m.addVariable("x", lower: 3, upper: 1)
        m.add("bad", x * .nan <= 1)
        m.add("nan-rhs", x <= .nan)
        let p = m.problems()
        // bounds, the NaN coefficient, the NaN constant (0·NaN) and the NaN right-hand side
        #expect(p.count == 4)
        #expect(p.contains { $0.contains("lower bound 3.0 above upper bound 1.0") })
        #expect(p.contains { $0.contains("bad") && $0.contains("nan") })
    }

    @Test func violationMeasuresRowsBoundsAndIntegrality() {
        var m = Model()
        let x = m.addVariable("x", .integer, upper: 4)
        let y = m.addVariable("y")
        m.add("c", x + y <= 3)
        let ok = m.violation(of: [1, 2])
        #expect(ok.maxViolation <= 0 && ok.integral)
        let bad = m.violation(of: [2.5, 2])
        #expect(abs(bad.maxViolation - 1.5) < 1e-12)
        #expect(!bad.integral)
    }
}

@Suite struct TerminationStatusTests {
    @Test func solutionPresenceIsApartFromWhyItStopped() {
        #expect(TerminationStatus.optimal.hasSolution)
        #expect(TerminationStatus.timeLimit(hasIncumbent: true).hasSolution)
        #expect(!TerminationStatus.timeLimit(hasIncumbent: false).hasSolution)
        #expect(!TerminationStatus.infeasible.hasSolution)
        #expect(TerminationStatus.timeLimit(hasIncumbent: true).name == "time_limit")
    }
}

@Suite struct ModelCompositionTests {
    @Test func appendCopiesVariablesRowsAndExtraTerms() {
        var a = Model()
        let x = a.addVariable("x", upper: 4)
        a.add("cap", x <= 3)
        var joint = Model()
        let w = joint.addVariable("w")
        let (vo, ro) = joint.append(a, prefix: "A:", extraTerms: [0: [.init(w, 2)]])
        #expect(vo == 1 && ro == 0)
        #expect(joint.variables.map(\.name) == ["w", "A:x"] && joint.info(Variable(index: 1)).upper == 4)
        #expect(joint.constraintNames == ["A:cap"])
        #expect(joint.row(Constraint(index: 0)).terms == [.init(w, 2), .init(Variable(index: 1), 1)])
        #expect(joint.constraintUpper[0] == 3)
    }
}
