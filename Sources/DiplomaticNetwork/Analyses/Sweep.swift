import Foundation

/// One swept parameter: a path and the values it takes.
public struct SweepAxis: Sendable {
    public var path: ParameterPath
    public var values: [Double]

    /// Parses `path=lo..hi:n` (n evenly spaced values, ends included), or
    /// `path=a,b,c` (listed values).
    public init(_ text: String, in s: Scenario) throws(ParameterError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ParameterError("expected PATH=LO..HI:N or PATH=A,B,C, found \"\(text)\"")
        }
        path = try ParameterPath(String(text[..<eq]), in: s)
        let spec = String(text[text.index(after: eq)...])
        if let dots = spec.range(of: "..") {
            let lo = String(spec[..<dots.lowerBound])
            let rest = spec[dots.upperBound...].split(separator: ":", maxSplits: 1).map(String.init)
            guard rest.count == 2, let a = Reading.parseNumber(lo), let b = Reading.parseNumber(rest[0]),
                  let n = Int(rest[1]), n >= 2, n <= 100_000 else {
                throw ParameterError("expected \(path)=LO..HI:N with numbers LO and HI and N from 2 to 100000, found \"\(spec)\"")
            }
            // The ends named, not N (inf..1:2 blamed N).
            guard a.isFinite, b.isFinite else {
                throw ParameterError("\(path)=\(spec): LO and HI must be finite numbers, found \(Reading.format(a)) and \(Reading.format(b))")
            }
            values = evenlySpaced(from: a, to: b, count: n)
        } else {
            // `900,000,1,100,000`: the commas of thousands made the points 900, 0, 1, 100, 0. A
            // later item of three digits that starts with 0 is the end of such a number.
            let texts = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if let k = texts.indices.dropFirst().first(where: { texts[$0].count == 3 && texts[$0].hasPrefix("0") && texts[$0].allSatisfy(\.isASCIIDigit) }) {
                throw ParameterError("\(path)=\(spec): \(texts[k - 1]),\(texts[k]) looks like one number written with a thousands separator, "
                                     + "but commas separate the values of A,B,C: write the numbers without it (\(texts[k - 1])\(texts[k]))")
            }
            // An empty item (1,2,,3) is a typo, not a value to drop.
            let items = texts.map(Reading.parseNumber)
            guard !items.isEmpty, items.allSatisfy({ $0?.isFinite == true }) else {
                throw ParameterError("expected \(path)=A,B,C with numbers, found \"\(spec)\"")
            }
            values = items.map { $0! }
        }
        for v in values where !path.range.contains(v) {
            throw ParameterError("\(path) = \(Reading.format(v)) is outside \(Reading.format(path.range.lowerBound))…\(Reading.format(path.range.upperBound))")
        }
        for v in values { try path.requireMeaningful(v) }
        if path.isInteger, let v = values.first(where: { $0 != $0.rounded() }) {
            throw ParameterError("\(path) takes whole numbers, but the grid has \(Reading.format(v)): choose LO..HI:N so that the steps are whole")
        }
        // A value the scenario refuses (a horizon of 0) is named with its axis, before any
        // solve (the sweep said only "horizon_years must be > 0"); the ends bound the rest.
        if let (v, error) = path.refusal(of: [values.min()!, values.max()!], in: s) {
            throw ParameterError("\(text): \(path) cannot be \(Reading.format(v)): \(error)")
        }
    }
}

/// What a sweep records for one point: enough to tabulate and to merge shards.
public struct SweepRecord: Codable, Sendable, Equatable {
    public var point: Int
    public var values: [Double]
    public var status: String
    public var net_benefit: Double?
    public var value: Double?
    public var cost: Double?
    public var coverage: Double?
    /// Existing posts closed and candidates opened (the rest of the network is as it stands).
    public var closed: [String]
    public var opened: [String]
    public var error: String?
}

public struct SweepHeader: RunHeader {
    public var kind = "sweep"
    public var scenario: String
    public var scenario_hash: String
    public var variant: String
    /// Command-line changes (`--set PATH=VALUE`) applied after the variant; absent when none.
    public var set: [String]? = nil
    public var parameters: [String]
    public var values: [[Double]]
    public var points: Int
    public var existing_posts: Int
    /// The scenario's currency ("" when it names none), for the units in reports
    /// (`MarginsResult.unit`), so that `dipnet merge` prints them too. Written to the
    /// records file but not part of the run's identity (`==`): a run resumes, and its
    /// shards merge, with records written before the key existed (nil there).
    public var currency: String? = nil
    /// Whether a post's capacity is in capacity units (format version 2), for its unit in
    /// reports; like the currency, written but not part of the run's identity (nil in
    /// records written before 2026-12-05: the unit is then said both ways).
    public var capacity_in_units: Bool? = nil
    /// Per parameter, its value in the variant itself (after `--set`; null for a wildcard
    /// whose items differ or an absent rule), so that a table says where the variant's own
    /// value lies on the grid; written but not part of the run's identity (nil in records
    /// written before 2026-12-05).
    public var current: [Double?]? = nil
    /// The warnings the run printed about its input before the first solve (the scenario's,
    /// a `--set` that replaces a variant's value, …), as printed, so that `dipnet merge`
    /// keeps them in its outputs as the run did; not part of the run's identity (`==`).
    public var warnings: [String]? = nil

    private enum CodingKeys: String, CodingKey {
        case kind, scenario, scenario_hash, variant, set, parameters, values, points, existing_posts, currency, capacity_in_units, current, warnings
    }

    /// Equal when they name the same run (`--resume`, `dipnet merge`): every key written
    /// but the currency, which the scenario's hash settles (and older files lack).
    public static func == (a: SweepHeader, b: SweepHeader) -> Bool {
        a.kind == b.kind && a.scenario == b.scenario && a.scenario_hash == b.scenario_hash && a.variant == b.variant
            && a.set == b.set && a.parameters == b.parameters && a.values == b.values && a.points == b.points
            && a.existing_posts == b.existing_posts
    }

    /// The currency from `other` when this header has none.
    public func filling(from other: SweepHeader) -> SweepHeader {
        var out = self
        out.currency = currency ?? other.currency
        out.capacity_in_units = capacity_in_units ?? other.capacity_in_units
        out.current = current ?? other.current
        out.warnings = warnings ?? other.warnings
        return out
    }

    public init(scenario: String, scenario_hash: String, variant: String, parameters: [String], values: [[Double]],
                points: Int, existing_posts: Int) {
        self.scenario = scenario
        self.scenario_hash = scenario_hash
        self.variant = variant
        self.parameters = parameters
        self.values = values
        self.points = points
        self.existing_posts = existing_posts
    }
}

/// `n` evenly spaced values from `a` to `b` (either order), both ends exact and every value
/// between them: `a + (b − a)·i/(n − 1)` alone rounds past `b` (0.2..1 in 7 steps ended at
/// 1.0000000000000002, and a share's sweep was refused as outside 0…1: a hostile pass).
public func evenlySpaced(from a: Double, to b: Double, count n: Int) -> [Double] {
    guard n > 1 else { return [a] }
    let (lo, hi) = (min(a, b), max(a, b))
    return (0..<n).map { i in i == n - 1 ? b : min(hi, max(lo, a + (b - a) * Double(i) / Double(n - 1))) }
}

/// `v`, or, when it lies in the band the file and `--set` refuse (0 < |v| < 1e-9), the
/// nearer of 0 and ±1e-9: the values a tipping search scans are values a user could have
/// written (a scan of 0..1.5e-9 solved 5e-10).
public func meaningful(_ v: Double) -> Double {
    guard v != 0, abs(v) < Reading.smallest else { return v }
    return abs(v) < Reading.smallest / 2 ? 0 : (v < 0 ? -Reading.smallest : Reading.smallest)
}

/// A value strictly between `lo` and `hi` (`lo` < `hi`) near their midpoint `mid` that the
/// file would take: `mid` itself, or, inside the band of `meaningful`, 0 or ±1e-9 when one
/// lies strictly inside; nil when none does (the bracket cannot narrow further).
public func meaningfulMidpoint(_ mid: Double, between lo: Double, and hi: Double) -> Double? {
    guard mid != 0, abs(mid) < Reading.smallest else { return mid > lo && mid < hi ? mid : nil }
    return [meaningful(mid), 0, Reading.smallest, -Reading.smallest].first { $0 > lo && $0 < hi }
}

public enum Sweep {
    /// Grid points, the last axis varying fastest.
    public static func solve(_ base: Scenario, axes: [SweepAxis], point: Int, values: [Double], planner: Planner) -> SweepRecord {
        var none: [Double]? = nil
        return solve(base, axes: axes, point: point, values: values, planner: planner, start: &none)
    }

    public static func grid(_ axes: [SweepAxis]) -> [[Double]] {
        axes.reduce([[]]) { acc, axis in acc.flatMap { prefix in axis.values.map { prefix + [$0] } } }
    }

    /// Solves one point; `start` carries a neighbouring point's solution in
    /// (warm start) and out (this point's solution).
    public static func solve(_ base: Scenario, axes: [SweepAxis], point: Int, values: [Double], planner: Planner,
                             start: inout [Double]?) -> SweepRecord {
        var s = base
        do {
            for (axis, v) in zip(axes, values) { try axis.path.set(&s, to: v) }
            let plan = try planner.solve(s, start: start)
            start = plan.solution ?? start
            return SweepRecord(point: point, values: values, status: plan.status,
                               net_benefit: plan.hasSolution ? Fmt.clean(plan.netBenefit) : nil,
                               value: plan.hasSolution ? Fmt.clean(plan.value) : nil,
                               cost: plan.hasSolution ? Fmt.clean(plan.cost.total) : nil,
                               coverage: plan.hasSolution ? Fmt.clean(plan.coverage) : nil,
                               closed: plan.hasSolution ? plan.closed : [], opened: plan.hasSolution ? plan.opened : [], error: nil)
        } catch {
            return SweepRecord(point: point, values: values, status: "error", closed: [], opened: [], error: "\(error)")
        }
    }

    /// A post's place in the closure order.
    public struct ClosureStep: Sendable {
        public var rank: Int
        public var post: String
        /// The parameter value at which the post is first closed, walking from
        /// the loose end of the range to the tight end.
        public var value: Double
        /// True when the post is open again somewhere further along (the order is not monotone there).
        public var reopens: Bool
    }

    /// Which post goes first, second, … as a one-parameter sweep tightens.
    /// The loose end is the end with fewer closures; posts closed there already
    /// have rank 0. Posts that close at the same value share a rank.
    public static func closureOrder(_ records: [SweepRecord]) -> (steps: [ClosureStep], looseEnd: Double?) {
        let solved = records.filter { $0.net_benefit != nil && $0.values.count == 1 }.sorted { $0.values[0] < $1.values[0] }
        guard let first = solved.first, let last = solved.last else { return ([], nil) }
        let walk = first.closed.count <= last.closed.count ? solved : solved.reversed()
        // Rank 0: closed already at the loose end, with no pressure from the parameter.
        var steps = walk[0].closed.sorted().map { ClosureStep(rank: 0, post: $0, value: walk[0].values[0], reopens: false) }
        var closedBefore = Set(walk[0].closed)
        var rank = 0
        for r in walk.dropFirst() {
            let now = Set(r.closed)
            let newly = now.subtracting(closedBefore).sorted().filter { p in !steps.contains { $0.post == p } }
            if !newly.isEmpty {
                rank += 1
                for p in newly { steps.append(ClosureStep(rank: rank, post: p, value: r.values[0], reopens: false)) }
            }
            for i in steps.indices where !now.contains(steps[i].post) { steps[i].reopens = true }
            closedBefore = now
        }
        return (steps, walk[0].values[0])
    }
}

/// A sweep as a batch analysis: one job per grid point of one variant.
public struct SweepRun: BatchAnalysis {
    public let scenario: Scenario
    public let axes: [SweepAxis]
    public let grid: [[Double]]
    public internal(set) var header: SweepHeader

    /// Builds the grid of `parameters` (`PATH=LO..HI:N` or `PATH=A,B,C`, one or two).
    ///
    /// - Throws: `ScenarioError` for an unknown variant; `ParameterError` for a
    ///   path that names nothing or that the variant cannot take (a budget it has not),
    ///   or two axes that change the same numbers. A `--set` of a swept number is not
    ///   refused: it is replaced at every point and gives the header's `current`.
    public init(file: ScenarioFile, variant: String, parameters: [String]) throws {
        let base = try file.scenario(variant)
        let axes = try Self.checkedAxes(file: file, base: base, parameters: parameters)
        scenario = base
        self.axes = axes
        grid = Sweep.grid(axes)
        var header = SweepHeader(scenario: base.name, scenario_hash: file.contentHash, variant: variant,
                             parameters: axes.map(\.path.text), values: axes.map(\.values), points: grid.count,
                             existing_posts: base.posts.filter { $0.status == .existing }.count)
        header.set = file.changes.isEmpty ? nil : file.changes
        header.currency = base.currency
        header.capacity_in_units = base.formatVersion >= 2
        header.current = axes.map { $0.path.singleValue(in: base) }
        self.header = header
    }

    /// The axes of `parameters` on `base` (the variant's scenario), checked as a run
    /// needs them, without building the grid: what `init` throws, it throws.
    public static func checkedAxes(file: ScenarioFile, base: Scenario, parameters: [String]) throws -> [SweepAxis] {
        guard (1...2).contains(parameters.count) else { throw ParameterError("a sweep takes one or two parameters, found \(parameters.count)") }
        // Every bad parameter at once, one line each.
        var problems: [String] = []
        let axes = parameters.compactMap { text -> SweepAxis? in
            do { return try SweepAxis(text, in: base) } catch { problems.append("\(error)"); return nil }
        }
        if !problems.isEmpty { throw ParameterError(problems.joined(separator: "\nerror: ")) }
        if axes.count == 2, axes[0].path.text == axes[1].path.text {
            throw ParameterError("both parameters name \(axes[0].path.text): the two axes of a sweep must be different inputs")
        }
        // Two axes that change one number (a country's demand and one service's, every post's
        // cost and one post's): the later would override the earlier, so the values the
        // first axis shows would not be the values solved.
        if axes.count == 2, axes[0].path.overlaps(axes[1].path, in: base) || axes[1].path.overlaps(axes[0].path, in: base) {
            throw ParameterError("\(axes[0].path.text) and \(axes[1].path.text) change the same numbers: the second axis would override "
                                 + "the first, so its values would not be the ones solved; sweep inputs that do not overlap")
        }
        // A --set of a swept number is replaced at every point; the command warns of it, as
        // `dipnet tipping` does (`ScenarioFile.replacedByAnalysis`), and it still places the
        // header's `current` marker.
        // The grid is held in memory: as many points as a simulation may have draws.
        let points = axes.reduce(1.0) { $0 * Double($1.values.count) }
        guard points <= 10_000_000 else {
            throw ParameterError("the grid has \(Fmt.grouped(points, decimals: 0)) points; a sweep takes at most 10,000,000 (shard a larger study into several sweeps)")
        }
        // A path the variant cannot take is bad input, found before any solve.
        var probe = base
        for a in axes { try a.path.set(&probe, to: a.values[0]) }
        return axes
    }

    public var jobCount: Int { grid.count }
    public var recordsPerJob: Int { 1 }
    public func job(of record: SweepRecord) -> Int { record.point }
    public func key(of record: SweepRecord) -> String { "\(record.point)" }
    public func precedes(_ a: SweepRecord, _ b: SweepRecord) -> Bool { a.point < b.point }
    public func outcome(of r: SweepRecord) -> (status: String, error: String?) { (r.status, r.error) }
    public func run(job index: Int, planner: Planner, previous: inout [Double]?) -> [SweepRecord] {
        [Sweep.solve(scenario, axes: axes, point: index, values: grid[index], planner: planner, start: &previous)]
    }
}
