import LinearProgramming

/// Turns the modelling layer's names into names GLPK and its file formats accept.
///
/// Names are labels: a model must never fail because of one. GLPK aborts on a
/// name longer than 255 bytes or holding a control character, CPLEX LP allows
/// only some ASCII characters, free MPS no blanks; and two names that map to the
/// same text would make an exported file ambiguous (an LP reader merges them).
/// So every name is mapped, in this order:
/// 1. characters the target cannot hold are replaced (`ModelFileFormat.exportName`,
///    or for GLPK itself control characters by `_`);
/// 2. a name longer than 255 bytes (100 in free MPS, whose lines CBC reads into a
///    fixed buffer: names of 180 bytes made it crash) is cut to 17 bytes less plus
///    `~` and 16 hex digits of a hash of the whole original name, so that long
///    names stay distinct;
/// 3. a name already taken gets `~2`, `~3`, … (first come, first served).
/// The mapping is deterministic: the same model always gets the same names.
public struct GLPKNames: Sendable {
    /// The target of the names: GLPK's own problem object, or a file format.
    public enum Target: Sendable, Hashable {
        case solver
        case file(ModelFileFormat)
    }

    /// Longest name GLPK accepts, in bytes.
    public static let maxBytes = 255
    /// Longest name written to a free MPS file, in bytes (a line holds two names and a number).
    public static let maxMPSBytes = 100

    /// The longest name for a target, in bytes.
    static func limit(_ target: Target) -> Int { target == .file(.freeMPS) ? maxMPSBytes : maxBytes }

    /// Mapped column names, by variable index.
    public let columns: [String]
    /// Mapped row names, by constraint index.
    public let rows: [String]
    /// Mapped problem name.
    public let problem: String

    /// Maps every name of `model` for `target`; `extraColumns` are names of
    /// columns appended after the model's own (e.g. a constant carrier).
    public init(_ model: Model, for target: Target, extraColumns: [String] = []) {
        columns = Self.unique((model.variables.map(\.name) + extraColumns).map { Self.legal($0, target) }, limit: Self.limit(target))
        rows = Self.unique(model.constraintNames.map { Self.legal($0, target) }, limit: Self.limit(target))
        problem = Self.legal(model.name, target)
    }

    /// The names exactly as the model has them, for tests that give GLPK what
    /// it would otherwise never see.
    init(unmapped model: Model) {
        columns = model.variables.map(\.name)
        rows = model.constraintNames
        problem = model.name
    }

    /// One name made legal for the target (not yet made unique).
    public static func legal(_ name: String, _ target: Target) -> String {
        let mapped: String
        switch target {
        case .solver:
            // Most names hold no control character: kept as they are without rebuilding
            // them (a profile of `margins` spent 7% of its time mapping names).
            if !name.isEmpty, !name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
                mapped = name
            } else {
                let s = String(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "_" : Character($0) })
                mapped = s.isEmpty ? "_" : s
            }
        case .file(let format):
            mapped = format.exportName(name)
        }
        return shortened(mapped, original: name, limit: limit(target))
    }

    /// Cuts a name to `limit` bytes, keeping it distinct through a hash of the original.
    static func shortened(_ name: String, original: String, limit maxBytes: Int = maxBytes) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var hash: UInt64 = 0xcbf29ce484222325
        for b in original.utf8 { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        let hex = String(hash, radix: 16)
        let suffix = "~" + String(repeating: "0", count: 16 - hex.count) + hex
        var prefix = ""
        var bytes = 0
        for ch in name {
            let n = String(ch).utf8.count
            if bytes + n > maxBytes - 3 - suffix.utf8.count { break }
            prefix.append(ch)
            bytes += n
        }
        return prefix + suffix
    }

    /// Makes names distinct: a repeated name gets `~2`, `~3`, … (still within `limit` bytes).
    static func unique(_ names: [String], limit maxBytes: Int = maxBytes) -> [String] {
        var seen = Set<String>()
        seen.reserveCapacity(names.count)
        var out: [String] = []
        out.reserveCapacity(names.count)
        for name in names {
            var candidate = name
            var k = 2
            while seen.contains(candidate) {
                let tag = "~\(k)"
                var stem = name
                while stem.utf8.count + tag.utf8.count > maxBytes { stem.removeLast() }
                candidate = stem + tag
                k += 1
            }
            seen.insert(candidate)
            out.append(candidate)
        }
        return out
    }
}
