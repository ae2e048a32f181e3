import FileSupport
import Foundation

/// A run's records on disk, as JSON lines with one record per line and
/// nothing else, so that JSON-lines readers (`pandas.read_json(lines=True)`)
/// get uniform rows; every row carries `format` and `dipnet_version`. The run's
/// header (scenario, content hash, variants, parameters, seed) sits beside it
/// in `PATH.run.json` (`RecordsFile.headerPath`). Every record is one whole
/// `write`, so a killed run leaves every finished record intact and at worst a
/// torn last line, which readers skip. A finished run rewrites the file sorted
/// (atomically), so the same run always gives the same bytes, sharded or not.
public final class RecordsFile<Header: RunHeader, Record: Codable & Sendable>: @unchecked Sendable {
    public let path: String
    /// `dipnet/<kind>-record-1`, stamped on every line.
    let format: String
    private let handle: FileHandle
    private let lock = NSLock()

    /// The header file of a records file: `PATH.run.json`.
    public static func headerPath(_ path: String) -> String { path + ".run.json" }

    /// A device or a folder is never replaced by a records file, nor given a header beside
    /// it (as root, /dev/null would be replaced, and `merge --into /dev/null` wrote
    /// /dev/null.run.json).
    /// - Throws: `RunError` when `path` or its header path exists and is not a regular file.
    static func refuseSpecialFiles(_ path: String) throws {
        for p in [path, headerPath(path)] {
            if let type = (try? FileManager.default.attributesOfItem(atPath: p))?[.type] as? FileAttributeType, type != .typeRegular {
                throw RunError("cannot write records to \(p): it is not a regular file; give a file path")
            }
        }
    }

    /// Opens the file for a run: a fresh file (and header) for `header`, or with
    /// `resume` an existing file of the same run, whose complete records are returned.
    ///
    /// - Throws: `RunError` when the file records another run or cannot be written.
    public static func open(_ path: String, header: Header, resume: Bool) throws -> (RecordsFile, [Record], skipped: [String]) {
        try refuseSpecialFiles(path)
        if resume, FileManager.default.fileExists(atPath: path) {
            let (found, records, skipped) = try read(path)
            guard found.isSameRun(as: header) else {
                throw RunError("\(path) records another run (\(found.notSameRun(header, "in the file", "in this run"))); use another file or drop --resume")
            }
            // A torn last line (skipped) is cut off, so the records appended next start a
            // line of their own and a second stop leaves the file resumable.
            try cutTornTail(path)
            // The same run, but the file may lack what this version writes beside its
            // identity (a sweep's currency): its header gains it.
            let filled = found.filling(from: header)
            if (try? RecordsCoding.header(filled)) != (try? RecordsCoding.header(found)) { try writeHeader(filled, for: path) }
            return (try RecordsFile(path: path, truncate: false, kind: header.kind), records, skipped)
        }
        try writeHeader(header, for: path)
        return (try RecordsFile(path: path, truncate: true, kind: header.kind), [], [])
    }

    static func writeHeader(_ header: Header, for path: String) throws {
        try AtomicFile.write(try RecordsCoding.header(header), to: headerPath(path))
    }

    private init(path: String, truncate: Bool, kind: String) throws {
        self.path = path
        format = OutputFormatName.of("\(kind)-record")
        if truncate || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: literalPath(path), contents: nil) else { throw RunError("cannot create \(path)") }
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw RunError("cannot write \(path)") }
        handle = h
        handle.seekToEndOfFile()
    }

    deinit { try? handle.close() }

    /// Truncates `path` after its last line break (nothing when it ends with one).
    static func cutTornTail(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let last = data.last, last != 0x0A else { return }
        let keep = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        guard let h = FileHandle(forWritingAtPath: path) else { throw RunError("cannot write \(path)") }
        defer { try? h.close() }
        do { try h.truncate(atOffset: UInt64(keep)) } catch { throw RunError("cannot cut the torn last line of \(path): \(error.localizedDescription)") }
    }

    /// Appends records, each as one whole line (thread-safe).
    public func append(_ records: [Record]) throws {
        var data = Data()
        for r in records { data += try RecordsCoding.line(r, format: format) }
        lock.lock()
        defer { lock.unlock() }
        do { try handle.write(contentsOf: data) } catch { throw RunError("cannot write records to \(path): \(error.localizedDescription)") }
    }

    /// Rewrites `path` (and its header) with the records in the given order, atomically.
    public static func finalize(_ path: String, header: Header, records: [Record]) throws {
        try refuseSpecialFiles(path)
        var data = Data()
        for r in records { data += try RecordsCoding.line(r, format: OutputFormatName.of("\(header.kind)-record")) }
        try writeHeader(header, for: path)
        try AtomicFile.write(data, to: path)
    }

    /// Reads a records file: its header, the complete records, and the lines
    /// skipped, each as `path:line: why`: only a last line cut short (an
    /// interrupted write) is skipped. A file of dipnet 0.4 or earlier, with the
    /// header as its first line, is read too.
    ///
    /// - Throws: `RunError` naming the file and line of any other line that is not
    ///   a record, or a record with impossible values (a status no solve reports,
    ///   a net benefit beside "infeasible", …): merged or resumed, it would make the
    ///   summary wrong without a word.
    public static func read(_ path: String) throws -> (Header, [Record], skipped: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RunError("cannot read \(path)") }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map { (number: $0 + 1, text: $1) }
            .filter { !$0.text.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        let header: Header
        if let sidecar = FileManager.default.contents(atPath: headerPath(path)) {
            guard let h = try? RecordsCoding.decoder.decode(Header.self, from: sidecar) else {
                throw RunError("\(headerPath(path)) is not the header of this kind of run")
            }
            header = h
        } else if let first = lines.first, let h = try? RecordsCoding.decoder.decode(Header.self, from: Data(first.text)) {
            header = h
            lines.removeFirst()
        } else {
            throw RunError("\(path) has no run header: expected \(headerPath(path)) beside it")
        }
        var out: [Record] = []
        var skipped: [String] = []
        var bad: [String] = []
        for (k, line) in lines.enumerated() {
            do {
                let r = try RecordsCoding.decoder.decode(Record.self, from: Data(line.text))
                // Well-formed but impossible (a status no solve reports, a coverage of 7): refused.
                if let problem = (r as? any CheckedRecord)?.recordProblem { bad.append("\(path):\(line.number): \(problem)") } else { out.append(r) }
            } catch {
                let cut = (try? JSONSerialization.jsonObject(with: Data(line.text))) == nil
                let why = "\(path):\(line.number): \(Self.why(error, Data(line.text)))"
                // Only the last line may be cut short: that is how a killed run ends.
                if cut && k == lines.count - 1 { skipped.append(why) } else { bad.append(why) }
            }
        }
        if !bad.isEmpty {
            throw RunError("\(bad.count) line(s) are not records of this run: " + bad.prefix(5).joined(separator: "; ")
                           + (bad.count > 5 ? "; …" : "") + " (remove or repair them; a torn last line alone is skipped)")
        }
        return (header, out, skipped)
    }

    /// Why a line is not a record, in a few words.
    static func why(_ error: Error, _ line: Data) -> String {
        guard (try? JSONSerialization.jsonObject(with: line)) != nil else { return "not a complete JSON line (an interrupted write?)" }
        func key(_ path: [CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error as? DecodingError {
        case .keyNotFound(let k, let c)?: return "a JSON line without \(key(c.codingPath + [k])), not a record of this run"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?: return "\(key(c.codingPath)) has the wrong type for a record of this run"
        case .dataCorrupted(let c)?: return "\(key(c.codingPath)): \(c.debugDescription)"
        default: return "not a record of this run"
        }
    }

    /// Merges the records of several files of one run (shards, resumed parts):
    /// headers must be equal, a record present twice must be the same.
    ///
    /// - Parameters:
    ///   - key: what identifies a record (a point, a draw and variant).
    ///   - reconcile: the one record two copies of it make, nil when they disagree
    ///     (equal copies by default; a simulation record of an older version, without
    ///     keys added since, agrees with a newer copy that has them).
    /// - Throws: `RunError` naming the file that records another run or disagrees.
    public static func merge(_ paths: [String], key: (Record) -> String,
                             reconcile: (Record, Record) -> Record? = { $0 == $1 ? $0 : nil }) throws -> (Header, [Record], skipped: [String]) where Record: Equatable {
        guard let firstPath = paths.first else { throw RunError("no records files to merge") }
        var header: Header? = nil
        var byKey: [String: Record] = [:]
        var order: [String] = []
        var skipped: [String] = []
        for path in paths {
            let (h, records, s) = try read(path)
            skipped += s
            if let h0 = header, !h0.isSameRun(as: h) { throw RunError("\(path) records another run than \(firstPath) (\(h.notSameRun(h0, "here", "there")))") }
            header = header?.filling(from: h) ?? h
            for r in records {
                let k = key(r)
                if let old = byKey[k] {
                    guard let one = reconcile(old, r) else { throw RunError("\(path): record \(k) differs from the same record in another file") }
                    byKey[k] = one
                } else {
                    byKey[k] = r
                    order.append(k)
                }
            }
        }
        return (header!, order.map { byKey[$0]! }, skipped)
    }
}

/// The header of a run of `draws` draws, each solved under every one of `variants`
/// (a simulation, a coalition simulation).
public protocol DrawRunHeader: RunHeader {
    var draws: Int { get }
    var variants: [String] { get }
}

/// One variant's solve of one draw of a `DrawRunHeader` run.
public protocol DrawRecord: Codable, Sendable, Equatable {
    /// The one record two copies of this draw and variant make, nil when they disagree
    /// (`merge(_:key:reconcile:)`); by default equal copies.
    func reconciled(with other: Self) -> Self?
    var draw: Int { get }
    var variant: String { get }
}

extension DrawRecord {
    public func reconciled(with other: Self) -> Self? { self == other ? self : nil }
}

extension RecordsFile where Header: DrawRunHeader, Record: DrawRecord {
    /// Merges the records files of one draw-by-variant run (`merge(_:key:)`), checks
    /// that every record lies inside the run, and sorts them by draw, then by the
    /// header's order of variants: the order an unsharded run writes.
    ///
    /// - Parameter keep: which records the merged file keeps (all by default).
    /// - Throws: `RunError` as `merge(_:key:)`, and for a record of a draw beyond the
    ///   run's count or of a variant it does not solve (an edited file or another run's).
    public static func mergeDraws(_ paths: [String], keep: (Record) -> Bool = { _ in true })
        throws -> (header: Header, records: [Record], skipped: [String]) {
        let (h, rs, skipped) = try merge(paths, key: { "\($0.draw)|\($0.variant)" }, reconcile: { $0.reconciled(with: $1) })
        if let r = rs.first(where: { !(0..<h.draws).contains($0.draw) || !h.variants.contains($0.variant) }) {
            throw RunError("a record of draw \(r.draw), variant \(r.variant), outside the run (draws 0…\(h.draws - 1) of "
                           + "\(h.variants.joined(separator: ", "))): a file was edited or belongs to another run")
        }
        let rank = { (r: Record) in (r.draw, h.variants.firstIndex(of: r.variant) ?? 0) }
        return (h, rs.filter(keep).sorted { rank($0) < rank($1) }, skipped)
    }
}

/// The JSON coding of records files: sorted keys and shortest numbers, so the
/// same records give the same bytes.
public enum RecordsCoding {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()

    /// The `kind` of a records file (`sweep`, `simulation`, …) from its header
    /// (`PATH.run.json`, or the first line of an older file).
    public static func kind(of path: String) throws -> String {
        var head = FileManager.default.contents(atPath: path + ".run.json")
        if head == nil {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RunError("cannot read \(path)") }
            defer { try? handle.close() }
            head = ((try? handle.read(upToCount: 1 << 20)) ?? Data()).split(separator: 0x0A).first.map { Data($0) }
        }
        guard let data = head, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let kind = object["kind"] as? String else {
            throw RunError("\(path) is not a dipnet records file (no run header beside it: \(path).run.json)")
        }
        return kind
    }

    /// A record as one line: its fields plus `format` and `dipnet_version`.
    static func line<R: Encodable>(_ record: R, format: String) throws -> Data {
        try encoder.encode(Stamped(record: record, format: format)) + Data([0x0A])
    }

    /// A header as pretty JSON with `format` and `dipnet_version`.
    static func header<H: Encodable>(_ header: H) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = encoder.nonConformingFloatEncodingStrategy
        return try e.encode(Stamped(record: header, format: OutputFormatName.of("run"))) + Data([0x0A])
    }

    /// A value's own keys plus `format` and `dipnet_version`, in one object.
    struct Stamped<R: Encodable>: Encodable {
        var record: R
        var format: String
        enum Keys: String, CodingKey { case format, dipnet_version }
        func encode(to encoder: Encoder) throws {
            try record.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(format, forKey: .format)
            try c.encode(DipnetVersion.string, forKey: .dipnet_version)
        }
    }
}

/// A run that cannot go on: a records file of another run, a file that cannot
/// be written, an analysis that cannot start. The message is for the user.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The header of a run's records: what identifies the run (equal headers: the
/// same run) and its `kind` (`sweep`, `simulation`, `alternatives`).
public protocol RunHeader: Codable, Sendable, Equatable {
    var kind: String { get }
    /// Command-line changes (`--set PATH=VALUE`; a coalition's `STATE:PATH=VALUE`) in the
    /// order given; nil when none.
    var set: [String]? { get set }
    /// This header with what it lacks beside the run's identity taken from `other`, a
    /// header of the same run (`==`): a sweep's currency, absent from records written
    /// before it was kept. The default takes nothing.
    func filling(from other: Self) -> Self
}

extension RunHeader {
    public func filling(from other: Self) -> Self { self }

    /// Whether `other` is a header of the same run: equal, or equal but for the order of
    /// its `--set` changes where every two that touch the same input keep their order
    /// (`orderConflict`), since those give the same scenario.
    public func isSameRun(as other: Self) -> Bool {
        if self == other { return true }
        guard let a = set, let b = other.set, sameChanges(a, b) else { return false }
        var x = self, y = other
        x.set = a.sorted()
        y.set = b.sorted()
        return x == y
    }

    /// Why `other` is not a header of the same run, in a few words (`differences`), and,
    /// when the two hold the same `--set` changes in another order, which two of them
    /// make the order matter.
    func notSameRun(_ other: Self, _ hereLabel: String, _ thereLabel: String) -> String {
        var text = differences(self, other, hereLabel, thereLabel)
        if let a = set, let b = other.set, a != b, a.sorted() == b.sorted(), let (p, q) = orderConflict(a, b) {
            text += "; the same --set changes in another order, and '\(p)' and '\(q)' touch the same input, so their order changes the scenario"
        }
        return text
    }
}

/// A `--set` change read for its order: its state (a coalition's `STATE:` or `*:`; nil in
/// a scenario file, whose partner ids may hold a `:` after a dot) and its path's parts,
/// trimmed as the change is applied.
struct ChangeTarget: Equatable {
    var state: String?
    var parts: [String]
    var path: String { (state.map { $0 + ":" } ?? "") + parts.joined(separator: ".") }

    init(_ change: String) {
        var lhs = (change.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(change))
            .trimmingCharacters(in: .whitespaces)
        if let colon = lhs.firstIndex(of: ":"), !lhs[..<colon].contains(".") {
            state = lhs[..<colon].trimmingCharacters(in: .whitespaces)
            lhs = lhs[lhs.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        parts = lhs.split(separator: ".", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether the two touch the same input: the same state (or `*:`), and paths equal,
    /// one inside the other, or meeting through a `*` part.
    func meets(_ other: ChangeTarget) -> Bool {
        let states = (state == nil && other.state == nil)
            || (state != nil && other.state != nil && (state == other.state || state == "*" || other.state == "*"))
        return states && zip(parts, other.parts).allSatisfy { x, y in x == y || x == "*" || y == "*" }
    }
}

/// The command-line changes (`STATE:PATH=VALUE` or `PATH=VALUE`) among `changes` that touch
/// the input `path` names (equal, one inside the other, or through a `*`), in order: an
/// analysis that sets that input replaces them.
public func changes(_ changes: [String], meeting path: String) -> [String] {
    let target = ChangeTarget(path)
    return changes.filter { ChangeTarget($0).meets(target) }
}

/// Whether two lists of `--set` changes give the same scenario: equal, or the same changes
/// in an order where every two that touch the same input keep theirs (`orderConflict`).
public func sameChanges(_ a: [String], _ b: [String]) -> Bool {
    a == b || (a.sorted() == b.sorted() && orderConflict(a, b) == nil)
}

/// For `a` and `b`, the same changes in two orders: the first two that touch the same
/// input and come in another order in `b` than in `a`, by their paths; nil when every
/// such two keep their order (and equal changes, which commute), so that both orders give
/// the same scenario.
public func orderConflict(_ a: [String], _ b: [String]) -> (String, String)? {
    var distinct: [String] = []
    for c in a where !distinct.contains(c) { distinct.append(c) }
    let targets = distinct.map(ChangeTarget.init)
    for i in distinct.indices {
        for j in distinct.indices where j > i && targets[i].meets(targets[j]) {
            let pair: Set<String> = [distinct[i], distinct[j]]
            if a.filter(pair.contains) != b.filter(pair.contains) { return (targets[i].path, targets[j].path) }
        }
    }
    return nil
}

/// The keys in which two run headers differ, with both values, in a few words:
/// `seed 99 here, 3 there; draws 12 here, 40 there`.
func differences<H: RunHeader>(_ here: H, _ there: H, _ hereLabel: String, _ thereLabel: String) -> String {
    func object(_ h: H) -> [String: Any] {
        (try? RecordsCoding.encoder.encode(h)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }
    func shown(_ v: Any?) -> String {
        guard let v else { return "absent" }
        let text = (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)"
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
    let a = object(here), b = object(there)
    // The warnings a run printed are not part of its identity.
    let keys = Set(a.keys).union(b.keys).subtracting(["warnings"]).sorted().filter { k in
        shown(a[k]) != shown(b[k]) || ((a[k] as? NSObject) != (b[k] as? NSObject))
    }
    guard !keys.isEmpty else { return "its header differs" }
    // Lists (the --set changes, the parameters, the posts) that differ show their first
    // differing item, not a cut-off prefix that may be the same on both sides.
    func difference(_ k: String) -> String {
        if let x = a[k] as? [Any], let y = b[k] as? [Any] {
            if let i = (0..<max(x.count, y.count)).first(where: { i in
                i >= x.count || i >= y.count || shown(x[i]) != shown(y[i]) }) {
                return "\(k)[\(i)] \(i < x.count ? shown(x[i]) : "absent") \(hereLabel), \(i < y.count ? shown(y[i]) : "absent") \(thereLabel)"
            }
        }
        return "\(k) \(shown(a[k])) \(hereLabel), \(shown(b[k])) \(thereLabel)"
    }
    return keys.prefix(4).map(difference).joined(separator: "; ") + (keys.count > 4 ? "; …" : "")
}

/// A record that can tell when its values are impossible for a solve to have written.
protocol CheckedRecord {
    var recordProblem: String? { get }
}

/// The statuses a record may carry: a solve's, or `error` for one that could not run.
let recordStatuses: Set<String> = ["optimal", "feasible", "infeasible", "unbounded", "time_limit", "interrupted", "error"]

func recordProblem(status: String, netBenefit: Double?, coverage: Double?) -> String? {
    if !recordStatuses.contains(status) { return "status \"\(status)\" is none a solve reports" }
    // optimal and feasible carry a plan's figures; the others none (a time limit may or may not).
    if ["optimal", "feasible"].contains(status), netBenefit == nil { return "status \(status) without a net_benefit" }
    if ["infeasible", "unbounded", "error"].contains(status), netBenefit != nil { return "status \(status) with a net_benefit" }
    if let c = coverage, !(0...1 + 1e-9).contains(c) { return "coverage \(c) is outside 0…1" }
    if let n = netBenefit, !n.isFinite { return "net_benefit is not a finite number" }
    return nil
}

extension SimulationRecord: CheckedRecord {
    var recordProblem: String? { draw < 0 ? "draw \(draw) is negative" : DiplomaticNetwork.recordProblem(status: status, netBenefit: net_benefit, coverage: coverage) }
}
extension SweepRecord: CheckedRecord {
    var recordProblem: String? { point < 0 ? "point \(point) is negative" : DiplomaticNetwork.recordProblem(status: status, netBenefit: net_benefit, coverage: coverage) }
}
/// Whether `found` is what draw `draw` of the run draws (`expected`): a record of another
/// seed, or one edited, is not. nil when it is; else why not.
func drawnProblem(draw: Int, found: [String: Double], expected: [String: Double]) -> String? {
    guard Set(found.keys) == Set(expected.keys) else {
        return "draw \(draw) names \(found.keys.sorted().joined(separator: ", ")), not the run's \(expected.keys.sorted().joined(separator: ", "))"
    }
    for (k, v) in expected {
        let f = found[k]!
        if !(abs(f - v) <= 1e-12 * max(1, abs(v))) { return "draw \(draw) holds \(k) = \(Reading.format(f)), but the run's seed draws \(Reading.format(v))" }
    }
    return nil
}

extension CoalitionSimulation.Draw: CheckedRecord {
    var recordProblem: String? {
        if draw < 0 { return "draw \(draw) is negative" }
        // A run never writes the records of a stopped draw.
        if status == "interrupted" || !recordStatuses.contains(status) { return "status \"\(status)\" is none a finished draw reports" }
        if ["optimal", "feasible"].contains(status), jointTotal == nil { return "status \(status) without a joint_total" }
        if status == "error", jointTotal != nil { return "status error with a joint_total" }
        if (jointTotal == nil) != (standaloneTotal == nil) || (jointTotal == nil) != (surplus == nil) {
            return "joint_total, standalone_total and surplus go together"
        }
        if let j = jointTotal, let a = standaloneTotal, let s = surplus, !(abs(j - a - s) <= 1e-6 * max(1, abs(j))) {
            return "surplus \(Reading.format(s)) is not joint_total − standalone_total"
        }
        if ([jointTotal, standaloneTotal, surplus].compactMap { $0 } + Array(gains.values) + Array(planGains.values)).contains(where: { !$0.isFinite }) {
            return "a figure is not a finite number"
        }
        return nil
    }
}

extension AlternativesRun.Record: CheckedRecord {
    var recordProblem: String? { DiplomaticNetwork.recordProblem(status: status, netBenefit: net_benefit, coverage: coverage) }
}
