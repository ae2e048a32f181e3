/// A decision variable of one `Model`: a handle, cheap to copy and hash.
public struct Variable: Hashable, Sendable, Comparable {
    /// Position in `Model.variables`, 0-based.
    public let index: Int

    public init(index: Int) { self.index = index }

    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

/// The domain of a variable.
public enum VariableKind: String, Sendable, Hashable {
    case continuous, integer, binary
}

/// Everything a model knows about one variable.
public struct VariableInfo: Sendable, Hashable {
    public var name: String
    public var kind: VariableKind
    /// Lower bound; `-Double.infinity` for none.
    public var lower: Double
    /// Upper bound; `Double.infinity` for none.
    public var upper: Double
}
