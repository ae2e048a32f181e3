/// A linear combination of variables plus a constant.
///
/// Terms are kept as written (a variable may appear more than once); they are
/// merged when the expression becomes a constraint or an objective, so building
/// large sums stays linear in their length.
public struct LinearExpression: Sendable, Hashable {
    public var terms: [Term]
    public var constant: Double

    public struct Term: Sendable, Hashable {
        public var variable: Variable
        public var coefficient: Double
        public init(_ variable: Variable, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    public init(terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(_ constant: Double) { self.init(terms: [], constant: constant) }

    public init(_ variable: Variable, coefficient: Double = 1) {
        self.init(terms: [Term(variable, coefficient)], constant: 0)
    }

    public static let zero = LinearExpression()

    /// Builds `Σ body(element)` over a sequence without intermediate copies.
    ///
    ///     let flows = LinearExpression.sum(posts) { p in x[p] * cost[p] }
    public static func sum<S: Sequence>(
        _ elements: S, _ body: (S.Element) throws -> LinearExpression
    ) rethrows -> LinearExpression {
        var total = LinearExpression()
        for element in elements { total += try body(element) }
        return total
    }

    /// `Σ variables`, each with coefficient 1.
    public static func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
        LinearExpression(terms: variables.map { Term($0, 1) })
    }

    /// Adds `coefficient · variable` in place (the fast path for big sums).
    public mutating func add(_ variable: Variable, _ coefficient: Double = 1) {
        terms.append(Term(variable, coefficient))
    }

    public static func += (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.terms.append(contentsOf: rhs.terms)
        lhs.constant += rhs.constant
    }

    public static func -= (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.terms.reserveCapacity(lhs.terms.count + rhs.terms.count)
        for t in rhs.terms { lhs.terms.append(Term(t.variable, -t.coefficient)) }
        lhs.constant -= rhs.constant
    }

    public static func += (lhs: inout LinearExpression, rhs: Variable) { lhs.add(rhs) }
    public static func -= (lhs: inout LinearExpression, rhs: Variable) { lhs.add(rhs, -1) }
    public static func += (lhs: inout LinearExpression, rhs: Double) { lhs.constant += rhs }
    public static func -= (lhs: inout LinearExpression, rhs: Double) { lhs.constant -= rhs }

    /// The expression with every variable appearing once and zero terms dropped,
    /// sorted by variable index.
    public func merged() -> LinearExpression {
        LinearExpression(terms: Self.mergeTerms(terms), constant: constant)
    }

    static func mergeTerms(_ terms: [Term]) -> [Term] {
        if terms.count <= 1 { return terms.filter { $0.coefficient != 0 } }
        let sorted = terms.sorted { $0.variable.index < $1.variable.index }
        var out: [Term] = []
        out.reserveCapacity(sorted.count)
        for t in sorted {
            if let last = out.last, last.variable == t.variable {
                out[out.count - 1].coefficient += t.coefficient
            } else {
                out.append(t)
            }
        }
        out.removeAll { $0.coefficient == 0 }
        return out
    }

    /// Value of the expression for given variable values (indexed by variable).
    public func evaluate(_ values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

/// Anything that reads as a linear expression: a variable or an expression.
public protocol LinearExpressible {
    var linearExpression: LinearExpression { get }
}

extension Variable: LinearExpressible {
    public var linearExpression: LinearExpression { LinearExpression(self) }
}

extension LinearExpression: LinearExpressible {
    public var linearExpression: LinearExpression { self }
}

public func + <L: LinearExpressible, R: LinearExpressible>(lhs: L, rhs: R) -> LinearExpression {
    var e = lhs.linearExpression
    e += rhs.linearExpression
    return e
}

public func - <L: LinearExpressible, R: LinearExpressible>(lhs: L, rhs: R) -> LinearExpression {
    var e = lhs.linearExpression
    e -= rhs.linearExpression
    return e
}

public func + <L: LinearExpressible>(lhs: L, rhs: Double) -> LinearExpression {
    var e = lhs.linearExpression
    e.constant += rhs
    return e
}

public func - <L: LinearExpressible>(lhs: L, rhs: Double) -> LinearExpression {
    var e = lhs.linearExpression
    e.constant -= rhs
    return e
}

public func + <R: LinearExpressible>(lhs: Double, rhs: R) -> LinearExpression { rhs + lhs }

public func - <R: LinearExpressible>(lhs: Double, rhs: R) -> LinearExpression {
    var e = LinearExpression(lhs)
    e -= rhs.linearExpression
    return e
}

public prefix func - <L: LinearExpressible>(operand: L) -> LinearExpression {
    var e = LinearExpression()
    e -= operand.linearExpression
    return e
}

public func * <L: LinearExpressible>(lhs: L, rhs: Double) -> LinearExpression {
    let e = lhs.linearExpression
    return LinearExpression(
        terms: e.terms.map { .init($0.variable, $0.coefficient * rhs) },
        constant: e.constant * rhs)
}

public func * <R: LinearExpressible>(lhs: Double, rhs: R) -> LinearExpression { rhs * lhs }
