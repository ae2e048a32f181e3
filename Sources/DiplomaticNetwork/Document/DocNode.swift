/// A scenario document as read: YAML and inlined CSV tables alike, every value
/// with the place it came from. Variants are applied to this tree; the decoder
/// turns it into a typed `Scenario`.
public indirect enum DocNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    public struct Scalar: Sendable {
        public var text: String
        /// Quoted in YAML (so never a number, boolean or null by accident).
        public var quoted: Bool
        public var location: SourceLocation
        /// `~`, `null` or nothing at all, unquoted.
        public var isNull: Bool { !quoted && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL") }
    }

    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: DocNode
    }

    public struct Mapping: Sendable {
        public var entries: [Entry]
        public var location: SourceLocation
        /// For a CSV row: where each column left empty stands, by key, so that a missing
        /// required key is reported at its cell rather than at the row's start.
        public var blankCells: [String: SourceLocation] = [:]

        public subscript(key: String) -> DocNode? {
            get { entries.first { $0.key == key }?.value }
        }

        public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

        /// Replaces the value of `key`, or appends it with `keyLocation`.
        public mutating func set(_ key: String, _ value: DocNode, keyLocation: SourceLocation) {
            if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].value = value }
            else { entries.append(Entry(key: key, keyLocation: keyLocation, value: value)) }
        }

        public mutating func remove(_ key: String) { entries.removeAll { $0.key == key } }
    }

    public struct Sequence: Sendable {
        public var items: [DocNode]
        public var location: SourceLocation
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .mapping(let m): m.location
        case .sequence(let s): s.location
        }
    }

    public var mapping: Mapping? { if case .mapping(let m) = self { m } else { nil } }
    public var sequence: Sequence? { if case .sequence(let s) = self { s } else { nil } }
    public var scalar: Scalar? { if case .scalar(let s) = self { s } else { nil } }

    /// Calls `body` with the place of this node and of every node and key below it.
    public func forEachLocation(_ body: (SourceLocation) -> Void) {
        body(location)
        switch self {
        case .scalar: break
        case .mapping(let m): for e in m.entries { body(e.keyLocation); e.value.forEachLocation(body) }
        case .sequence(let s): for i in s.items { i.forEachLocation(body) }
        }
    }

    /// True for a null scalar (`key:` with nothing after it).
    public var isNull: Bool { scalar?.isNull ?? false }

    /// What the value looks like, for messages ("a list", "the text \"abc\"").
    public var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s): s.isNull ? "nothing" : "\"\(s.text.count > 40 ? String(s.text.prefix(40)) + "…" : s.text)\""
        }
    }

    static func scalar(_ text: String, at location: SourceLocation, quoted: Bool = false) -> DocNode {
        .scalar(Scalar(text: text, quoted: quoted, location: location))
    }
}
