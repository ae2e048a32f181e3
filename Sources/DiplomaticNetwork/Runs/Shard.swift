/// Part `index` of `count` of a run (`--shard i/n`): the jobs whose index is
/// `index` modulo `count`. Parts run anywhere (array jobs, GNU parallel) and
/// merge into the unsharded run byte for byte.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "i/n" with 0 ≤ i < n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public func owns(_ job: Int) -> Bool { job % count == index }
    public var description: String { "\(index)/\(count)" }
}
