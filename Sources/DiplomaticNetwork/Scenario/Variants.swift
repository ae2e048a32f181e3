/// A named change to the scenario: `extends`, then `set`, then `scale`, then `mode`.
public struct VariantSpec: Sendable {
    public struct Change: Sendable {
        public var path: String
        public var location: SourceLocation
        public var value: DocNode
    }
    public struct Scaling: Sendable {
        public var path: String
        public var location: SourceLocation
        public var factor: Double
    }

    public var name: String
    public var description: String?
    public var extends: String?
    /// Where the `extends` value is written (nil when there is none).
    public var extendsLocation: SourceLocation?
    public var set: [Change] = []
    public var scale: [Scaling] = []
    public var mode: Scenario.Mode?
    public var location: SourceLocation
}

/// Applies `set` and `scale` paths to a scenario document.
struct PathEditor {
    let reading: Reading

    static let listTables = ["countries", "posts"]
    static let keyedSections = ["rules": ScenarioDecoder.ruleKeys, "presence": ScenarioDecoder.presenceKeys,
                                "costs": ScenarioDecoder.costKeys]
    static let topLevelScalars = ["name", "description", "currency", "horizon_years"]

    /// Where a path leads: the chain of mapping keys from the root, with list
    /// items picked by id.
    enum Step { case key(String), item(table: String, index: Int) }

    /// Resolves a dotted path to steps, or reports why it names nothing.
    func resolve(_ path: String, in root: DocNode, at location: SourceLocation, label: String) -> [Step]? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ why: String) -> [Step]? {
            reading.bag.error(location, label, "path \"\(path)\" names nothing: \(why)")
            return nil
        }
        guard let head = parts.first, !head.isEmpty, !parts.contains("") else { return fail("empty part") }
        guard let top = root.mapping else { return nil }
        if Self.listTables.contains(head) {
            guard parts.count >= 3 else { return fail("expected \(head).ID.KEY") }
            let allowed = head == "posts" ? ScenarioDecoder.postKeys : ScenarioDecoder.countryKeys
            let items = top[head]?.sequence?.items ?? []
            let ids = items.compactMap { $0.mapping?["id"]?.scalar?.text }
            guard parts[1] == "*" || ids.contains(parts[1]), let index = parts[1] == "*" ? (items.isEmpty ? nil : 0)
                    : items.firstIndex(where: { $0.mapping?["id"]?.scalar?.text == parts[1] }) else {
                return fail(parts[1] == "*" ? "there are no \(head)" : "no \(head == "posts" ? "post" : "country") with id \"\(parts[1])\"\(didYouMean(parts[1], ids))")
            }
            let key = parts[2]
            guard key != "id", allowed.contains(key) else {
                return fail("\"\(key)\" is not a key of \(head)\(didYouMean(key, allowed.filter { $0 != "id" }))")
            }
            if key == "scores" {
                guard parts.count == 4 else { return fail("expected countries.ID.scores.CRITERION") }
                let criteria = top["criteria"]?.mapping?.entries.map(\.key) ?? []
                guard criteria.contains(parts[3]) else { return fail("no criterion \"\(parts[3])\"\(didYouMean(parts[3], criteria))") }
                return [.item(table: head, index: index), .key("scores"), .key(parts[3])]
            }
            guard parts.count == 3 else { return fail("\"\(key)\" has no parts below it") }
            return [.item(table: head, index: index), .key(key)]
        }
        if head == "criteria" {
            let criteria = top["criteria"]?.mapping?.entries.map(\.key) ?? []
            guard parts.count == 3 else { return fail("expected criteria.ID.weight or criteria.ID.label") }
            guard criteria.contains(parts[1]) else { return fail("no criterion \"\(parts[1])\"\(didYouMean(parts[1], criteria))") }
            guard ScenarioDecoder.criterionKeys.contains(parts[2]) else { return fail("a criterion has weight and label only") }
            return [.key("criteria"), .key(parts[1]), .key(parts[2])]
        }
        if let keys = Self.keyedSections[head] {
            guard parts.count == 2 else { return fail("expected \(head).KEY") }
            guard keys.contains(parts[1]) else { return fail("\"\(parts[1])\" is not a key of \(head)\(didYouMean(parts[1], keys))") }
            return [.key(head), .key(parts[1])]
        }
        if Self.topLevelScalars.contains(head) {
            guard parts.count == 1 else { return fail("\(head) has no parts below it") }
            return [.key(head)]
        }
        if head == "partners" { return fail("partner offers have no ids, so no path can name one") }
        let known = Self.listTables + ["criteria"] + Array(Self.keyedSections.keys) + Self.topLevelScalars
        return fail("\"\(head)\" is not a part of the scenario that variants change\(didYouMean(head, known))")
    }

    /// The current value at the steps, nil when absent.
    func value(at steps: [Step], in root: DocNode) -> DocNode? {
        var node: DocNode? = root
        for step in steps {
            switch step {
            case .key(let k): node = node?.mapping?[k]
            case .item(let table, let index): node = node?.mapping?[table]?.sequence?.items[index]
            }
        }
        return node
    }

    /// Sets (or, for a null value, removes) the value at the steps, creating
    /// mappings on the way.
    func set(_ value: DocNode?, at steps: [Step], in node: inout DocNode, keyLocation: SourceLocation) {
        guard let step = steps.first else {
            if let value { node = value }
            return
        }
        let rest = Array(steps.dropFirst())
        switch step {
        case .item(let table, let index):
            guard var map = node.mapping, var seq = map[table]?.sequence else { return }
            set(value, at: rest, in: &seq.items[index], keyLocation: keyLocation)
            map.set(table, .sequence(seq), keyLocation: keyLocation)
            node = .mapping(map)
        case .key(let k):
            var map = node.mapping ?? DocNode.Mapping(entries: [], location: keyLocation)
            if rest.isEmpty {
                if let value, !value.isNull { map.set(k, value, keyLocation: keyLocation) } else { map.remove(k) }
            } else {
                var child = map[k] ?? .mapping(.init(entries: [], location: keyLocation))
                if child.mapping == nil { child = .mapping(.init(entries: [], location: keyLocation)) }
                set(value, at: rest, in: &child, keyLocation: keyLocation)
                map.set(k, child, keyLocation: keyLocation)
            }
            node = .mapping(map)
        }
    }

    /// Default of a number that may be absent, for `scale`; nil when it has none.
    static func defaultValue(of steps: [Step]) -> Double? {
        guard case .key(let last)? = steps.last else { return nil }
        let onItem: Bool = { if case .item? = steps.first { return true } else { return false } }()
        switch last {
        case "budget", "min_coverage", "max_closures", "max_openings", "lat", "lon", "weight": return nil
        case "case_cost" where onItem: return nil
        case "horizon_years": return 1
        default: return 0
        }
    }

    /// The step lists a path names: one, or one per item for `*` in the id position.
    func expand(_ steps: [Step], _ path: String, in root: DocNode) -> [[Step]] {
        guard case .item(let table, _)? = steps.first, path.split(separator: ".").dropFirst().first == "*" else { return [steps] }
        let count = root.mapping?[table]?.sequence?.items.count ?? 0
        return (0..<count).map { [.item(table: table, index: $0)] + steps.dropFirst() }
    }

    func apply(_ variant: VariantSpec, to root: inout DocNode) {
        for change in variant.set {
            let label = "variants.\(variant.name).set.\(change.path)"
            guard let steps = resolve(change.path, in: root, at: change.location, label: label) else { continue }
            for one in expand(steps, change.path, in: root) { set(change.value, at: one, in: &root, keyLocation: change.location) }
        }
        for s in variant.scale {
            let label = "variants.\(variant.name).scale.\(s.path)"
            guard let resolved = resolve(s.path, in: root, at: s.location, label: label) else { continue }
            for steps in expand(resolved, s.path, in: root) {
            let current: Double
            if let node = value(at: steps, in: root), !node.isNull {
                guard let v = node.scalar.flatMap({ Reading.parseNumber($0.text) }) else {
                    reading.bag.error(s.location, label, "cannot scale \(node.kindDescription) at \(node.location): not a number")
                    continue
                }
                current = v
            } else if let d = Self.defaultValue(of: steps) {
                current = d
            } else {
                reading.bag.error(s.location, label, "\(s.path) is not set, so there is nothing to scale")
                continue
            }
            let scaled = current * s.factor
            set(.scalar(String(scaled), at: s.location), at: steps, in: &root, keyLocation: s.location)
            }
        }
    }
}
