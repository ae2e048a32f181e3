import Foundation

/// How much of a comparison's margin each argument of a debate carries: the margin
/// `NB(first) − NB(second)` (money a year) solved with every subset of the named
/// **lines** (variants of the file, each one argument: a value, a weight, a rule)
/// applied on top of both, and each line's **Shapley value** (Shapley, 1953): its
/// marginal contribution `m(S ∪ {i}) − m(S)` averaged over every order in which the
/// lines could be switched on,
///
///     φ_i = Σ_{S ⊆ N∖{i}} |S|! (k − |S| − 1)! / k! · (m(S ∪ {i}) − m(S)).
///
/// The values add up to `m(all) − m(none)` whatever the interactions, so no line's
/// share depends on the order an analyst happens to switch them off in; the least and
/// most marginal contributions show how much that order would have mattered. The
/// subsets where the margin's sign differs from the margin without lines are the
/// combinations of arguments that flip the answer.
public struct AttributionResult: Sendable {
    public struct Line: Sendable {
        public var name: String
        public var description: String?
        /// The Shapley value (money a year).
        public var shapley: Double
        /// The marginal contribution added first (to no line) and last (to all others).
        public var first: Double
        public var last: Double
        /// The least and the most marginal contribution over every subset of the others.
        public var least: Double
        public var most: Double
    }

    /// The scenario's name and the command-line changes applied (`Scenario.changes`).
    public var scenario = ""
    public var changes: [String] = []
    /// The variants compared: the margin is `first`'s net benefit minus `second`'s.
    public var first: String
    public var second: String
    public var lines: [Line]
    /// Every subset's margin, by the names of the lines on (in the order given), from
    /// none to all; `subsets[0]` is none, the last is all.
    public var subsets: [(lines: [String], margin: Double)]
    public var solves: Int
    public var seconds: Double
    /// Whether a line sets an interest's value (`….interests.NAME`): its share is then less
    /// than the value it sets where presence stays, which the report says.
    public var setsInterests = false

    /// The margin with no line and with every line.
    public var none: Double { subsets.first!.margin }
    public var all: Double { subsets.last!.margin }
    /// Who is ahead at a margin: +1 `first`, −1 `second`, 0 a tie (within 1e-6 of the
    /// largest margin, so that rounding does not make a tie a winner).
    public func leader(_ margin: Double) -> Int {
        let tolerance = 1e-6 * max(1, subsets.map { abs($0.margin) }.max() ?? 1)
        return margin > tolerance ? 1 : margin < -tolerance ? -1 : 0
    }
    /// The smallest subsets where another variant is ahead (or a tie) than without lines
    /// (no subset of one of them is such): the combinations of arguments that change the
    /// answer. Larger combinations that also change it are among `subsets`.
    public var flips: [[String]] {
        let now = leader(none)
        let flipping = subsets.filter { leader($0.margin) != now }.map { Set($0.lines) }
        return subsets.filter { s in
            let set = Set(s.lines)
            return flipping.contains(set) && !flipping.contains { $0 != set && $0.isSubset(of: set) }
        }.map(\.lines)
    }
}

public enum Attribution {
    /// Most lines: 2^k subsets, each solved for both variants.
    public static let maxLines = 10

    /// Solves `first` and `second` with every subset of `lines` applied after them
    /// (`first+line+…`, as `--variant a+b` composes; lines should change different
    /// inputs, since a later line overrides an earlier one on the same path), in parallel.
    ///
    /// - Throws: `ParameterError` for fewer than one or more than `maxLines` lines, a
    ///   line named twice, equal to a compared variant, built in, evaluating instead of
    ///   optimising, or changing an input another line changes, and after Ctrl-C
    ///   ("interrupted"); `ScenarioError` for an unknown
    ///   variant or a composition the file refuses; `NoPlanError` when a subset has no
    ///   plan for either variant (its lines named); the solver's errors.
    /// The subsets of `k` lines as bit masks, smallest subsets first.
    static func masks(_ k: Int) -> [Int] {
        Array(0..<(1 << k)).sorted { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
    }

    /// The lines of subset `mask`, in the order given.
    static func subset(_ mask: Int, of lines: [String]) -> [String] {
        lines.indices.filter { mask & (1 << $0) != 0 }.map { lines[$0] }
    }

    /// The combinations `run` solves, in its order (`first`, `second`, `first+a`,
    /// `second+a`, …), read together once its checks pass (`ScenarioFile.scenarios`).
    /// Empty when `run` would refuse the lines anyway (too many, one twice, one compared).
    public static func combinations(first: String, second: String, lines: [String]) -> [String] {
        guard (1...maxLines).contains(lines.count), Set(lines).count == lines.count, first != second,
              !lines.contains(first), !lines.contains(second) else { return [] }
        return masks(lines.count).flatMap { mask in
            [first, second].map { v in ([v] + subset(mask, of: lines)).joined(separator: "+") }
        }
    }

    /// - Parameter starting: called with the number of combinations once every check has
    ///   passed, before the first solve (for a front end's progress note).
    public static func run(_ file: ScenarioFile, first: String, second: String, lines: [String], planner: Planner,
                           starting: ((Int) -> Void)? = nil) throws -> AttributionResult {
        let clock = ContinuousClock(), started = clock.now
        guard (1...maxLines).contains(lines.count) else {
            throw ParameterError("--lines takes 1 to \(maxLines) variants (2^k subsets are solved), found \(lines.count)")
        }
        if let twice = lines.enumerated().first(where: { lines[..<$0.offset].contains($0.element) })?.element {
            throw ParameterError("--lines names \(twice) twice")
        }
        if let same = lines.first(where: { $0 == first || $0 == second }) {
            throw ParameterError("\(same) is compared and a line at once: a line is applied on top of both variants")
        }
        guard first != second else { throw ParameterError("compare two different variants, found \(first) twice") }
        // A line is an argument: declared, optimising as the compared variants do, and
        // changing inputs no other line changes (else the later would override the earlier,
        // and the shares would depend on the order of --lines).
        let specs = Dictionary(file.declaredVariants.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func chain(_ name: String) -> [VariantSpec] {
            var out: [VariantSpec] = [], next: String? = name
            while let n = next, let v = specs[n], !out.contains(where: { $0.name == n }) { out.append(v); next = v.extends }
            return out
        }
        var owner: [String: String] = [:]
        for line in lines {
            if ScenarioFile.builtInVariants.contains(line) {
                throw ParameterError("\(line) is a built-in variant, not an argument: a line is a variant of the file that switches one argument on")
            }
            guard specs[line] != nil else { throw ParameterError("no variant \(line)\(didYouMean(line, file.declaredVariants.map(\.name)))") }
            let own = chain(line)
            if let m = own.compactMap(\.mode).first, m == .evaluate {
                throw ParameterError("\(line) evaluates the network instead of optimising it: as a line it would change the method, not an argument")
            }
            for path in Set(own.flatMap { $0.set.map(\.path) + $0.scale.map(\.path) }) {
                if let other = owner[path] {
                    throw ParameterError("\(other) and \(line) both change \(path): the later would override the earlier, so the shares would depend "
                                         + "on the order of --lines; give each input to one line")
                }
                owner[path] = line
            }
        }
        // A command-line change comes after every variant's: one that changes what a line
        // sets leaves the line nothing to switch (a hostile test's `--set criteria.e.weight=0`
        // gave its line a share of 0 without a word). As `sweep` refuses it for its axes.
        let base = file.base
        for change in file.changes {
            guard let set = try? ParameterPath(String(change.prefix { $0 != "=" }), in: base) else { continue }
            for (path, line) in owner.sorted(by: { $0.key < $1.key }) {
                guard let own = try? ParameterPath(path, in: base) else { continue }
                if own.overlaps(set, in: base) || set.overlaps(own, in: base) {
                    throw ParameterError("--set \(change) changes what the line \(line) sets (\(path)), and the command line's changes come after "
                                         + "the lines': the line would count for nothing; drop the --set or the line")
                }
            }
        }
        let k = lines.count
        let masks = Self.masks(k)
        func names(_ mask: Int) -> [String] { Self.subset(mask, of: lines) }
        // Every combination is read before any is solved: all those the file refuses come together.
        let scenarios = try file.scenarios(Self.combinations(first: first, second: second, lines: lines))
        starting?(masks.count)
        let plans = try planner.solveAll(scenarios)
        if planner.isCancelled { throw ParameterError("interrupted") }
        var margin: [Int: Double] = [:]
        for (j, mask) in masks.enumerated() {
            let a = plans[2 * j], b = plans[2 * j + 1]
            guard a.hasSolution, b.hasSolution else {
                let on = names(mask)
                throw NoPlanError("no plan for \(a.hasSolution ? second : first) with \(on.isEmpty ? "no line" : on.joined(separator: ", ")) "
                                  + "(\(a.hasSolution ? b.status : a.status)): its margin is undefined")
            }
            margin[mask] = a.netBenefit - b.netBenefit
        }
        var factorial = [1.0]
        for n in 1...k { factorial.append(factorial[n - 1] * Double(n)) }
        // a line's description, or the nearest one up its `extends`
        let described = Dictionary(uniqueKeysWithValues: lines.map { ($0, chain($0).compactMap(\.description).first) })
        let result = (0..<k).map { i -> AttributionResult.Line in
            var shapley = 0.0, least = Double.infinity, most = -Double.infinity
            for s in 0..<(1 << k) where s & (1 << i) == 0 {
                let gain = margin[s | (1 << i)]! - margin[s]!
                shapley += factorial[s.nonzeroBitCount] * factorial[k - s.nonzeroBitCount - 1] / factorial[k] * gain
                (least, most) = (min(least, gain), max(most, gain))
            }
            let full = (1 << k) - 1
            return .init(name: lines[i], description: described[lines[i]]!, shapley: shapley,
                         first: margin[1 << i]! - margin[0]!, last: margin[full]! - margin[full & ~(1 << i)]!, least: least, most: most)
        }
        // Rounding noise of the solver (2.98e-8 for a contribution of 0 beside margins of
        // 400,000) is 0: below 1e-9 of the largest margin.
        let noise = 1e-9 * max(1, margin.values.map(abs).max() ?? 1)
        func clean(_ x: Double) -> Double { abs(x) < noise ? 0 : x }
        let cleaned = result.map { l in
            var l = l
            (l.shapley, l.first, l.last, l.least, l.most) = (clean(l.shapley), clean(l.first), clean(l.last), clean(l.least), clean(l.most))
            return l
        }
        var r = AttributionResult(first: first, second: second, lines: cleaned,
                                  subsets: masks.map { (names($0), margin[$0]!) }, solves: scenarios.count,
                                  seconds: (clock.now - started).inSeconds)
        (r.scenario, r.changes) = (file.base.name, file.changes)
        r.setsInterests = owner.keys.contains { $0.contains(".interests.") }
        return r
    }
}
