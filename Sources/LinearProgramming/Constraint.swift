/// `lower ≤ expression ≤ upper`, the form every linear constraint takes.
///
/// Built with `<=` and `>=` between expressions and numbers, or with
/// `LinearRelation.equal`. (`==` is deliberately not overloaded: it must keep
/// meaning equality of values.)
public struct LinearRelation: Sendable {
    public var expression: LinearExpression
    public var lower: Double
    public var upper: Double

    public init(_ expression: LinearExpression, lower: Double, upper: Double) {
        self.expression = expression
        self.lower = lower
        self.upper = upper
    }

    /// `lhs = rhs`.
    public static func equal<L: LinearExpressible>(_ lhs: L, _ rhs: Double) -> LinearRelation {
        LinearRelation(lhs.linearExpression, lower: rhs, upper: rhs)
    }

    /// `lhs = rhs` between two expressions.
    public static func equal<L: LinearExpressible, R: LinearExpressible>(_ lhs: L, _ rhs: R) -> LinearRelation {
        LinearRelation(lhs - rhs, lower: 0, upper: 0)
    }

    /// `range.lowerBound ≤ lhs ≤ range.upperBound`.
    public static func within<L: LinearExpressible>(_ lhs: L, _ range: ClosedRange<Double>) -> LinearRelation {
        LinearRelation(lhs.linearExpression, lower: range.lowerBound, upper: range.upperBound)
    }
}

public func <= <L: LinearExpressible>(lhs: L, rhs: Double) -> LinearRelation {
    LinearRelation(lhs.linearExpression, lower: -.infinity, upper: rhs)
}

public func >= <L: LinearExpressible>(lhs: L, rhs: Double) -> LinearRelation {
    LinearRelation(lhs.linearExpression, lower: rhs, upper: .infinity)
}

public func <= <L: LinearExpressible, R: LinearExpressible>(lhs: L, rhs: R) -> LinearRelation {
    LinearRelation(lhs - rhs, lower: -.infinity, upper: 0)
}

public func >= <L: LinearExpressible, R: LinearExpressible>(lhs: L, rhs: R) -> LinearRelation {
    LinearRelation(lhs - rhs, lower: 0, upper: .infinity)
}

/// A constraint of one `Model`: a handle to its row.
public struct Constraint: Hashable, Sendable {
    /// Position in the model's rows, 0-based.
    public let index: Int
    public init(index: Int) { self.index = index }
}

/// Direction of optimisation.
public enum ObjectiveSense: String, Sendable {
    case minimize, maximize
}
