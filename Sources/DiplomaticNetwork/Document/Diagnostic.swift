/// A place in an input file. Lines and columns count from 1.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a scenario: where, at which key path, and what was expected.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Errors make a file unusable; warnings point at something almost surely
    /// unintended but legal, and never change an exit status.
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// A problem in all but the variant it appears in: where, which key, what.
    /// A problem as compared between two readings (with and without the command line's
    /// changes, a variant and its base). A column's problem collapsed at its table's header
    /// (`posts[*].annual_cost`) is the same problem whatever its count of rows: a `--set`
    /// that mends one row does not make it the change's.
    struct Problem: Hashable {
        let location: SourceLocation, path: String, message: String
        init(_ d: Diagnostic) {
            (location, path) = (d.location, d.path)
            message = d.path.contains("[*]") ? "" : d.message
        }
    }

    public var location: SourceLocation
    /// Key path such as `posts[3].capacity` (empty for the whole file).
    public var path: String
    public var message: String
    /// The variant in which the problem appears, when it is specific to one.
    public var variant: String?
    public var severity: Severity

    public init(_ location: SourceLocation, path: String, _ message: String, variant: String? = nil, severity: Severity = .error) {
        self.location = location
        self.path = path
        self.message = message
        self.variant = variant
        self.severity = severity
    }

    public var description: String {
        var s = "\(location): \(severity.rawValue): "
        if let v = variant { s += v.hasPrefix("state ") || v.hasPrefix("with --set ") ? "\(v): " : v.contains(", ") ? "variants \(v): " : "variant \(v): " }
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.path, a.message, a.variant ?? "") < (b.location, b.path, b.message, b.variant ?? "")
    }
}

/// Thrown when a scenario cannot be used: every problem of the file at once.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The errors, sorted by place.
    public var diagnostics: [Diagnostic]
    /// Warnings found on the way (they alone would not have stopped the file).
    public var warnings: [Diagnostic]
    public init(_ diagnostics: [Diagnostic], warnings: [Diagnostic] = []) {
        self.diagnostics = diagnostics
        self.warnings = warnings
    }
    public var description: String { (warnings + diagnostics).sorted().map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while reading; order of discovery is kept, duplicates dropped.
final class DiagnosticBag {
    private(set) var items: [Diagnostic] = []
    private(set) var warnings: [Diagnostic] = []
    private var seen = Set<Diagnostic>()
    var variant: String?
    /// Tables (`countries`, …) whose file could not be used: references into
    /// them are not reported again, only the table's own problem.
    var unusableTables: Set<String> = []
    /// Items a table lists that could not be read, as `table.id` ("posts.HAV": a post whose
    /// country names nothing): a path into one is not reported again as naming nothing
    /// (an analyst's misspelt country also read "no post HAV" under `uncertainty:`).
    var unreadItems: Set<String> = []
    /// Problems every row of a CSV table shared, reported once at its header (`file`, table,
    /// the path below the row, message): a variant that reads the table again finds them
    /// again in the rows it leaves as they were, and they are not news.
    var collapsedRows: Set<[String]> = []
    /// The cells' own problems that a column's problem replaced: a reading with a `--set` that
    /// mends a few rows may report them cell by cell again, and they stay the file's.
    var collapsedCells: Set<Diagnostic.Problem> = []
    /// Where each CSV file's header starts, and where each of its columns is named (by file
    /// and the key path below a row, `.annual_cost`): a problem of a whole column is
    /// reported at its name, one of the whole table at the header.
    var tableHeaders: [String: SourceLocation] = [:]
    var columnHeaders: [String: SourceLocation] = [:]
    /// CSV rows with more cells than their header (`file` NUL `line`): a number written
    /// with a thousands separator shifted every cell after it, so the row's own
    /// problem is reported and the cells' (read under the wrong columns) are not.
    var shiftedRows: Set<String> = []
    /// Key paths whose numbers are factors, not amounts (a relative draw's `min`, `max`,
    /// …): a `1.667` there is no thousands slip.
    var factorPaths: Set<String> = []
    /// Ids containing `=`, warned of once each (`Reading.identifier`).
    var idsWithEquals: Set<String> = []

    private func muted(_ location: SourceLocation) -> Bool {
        !shiftedRows.isEmpty && shiftedRows.contains("\(location.file)\u{0}\(location.line)")
    }

    /// How many errors were reported, repeats included: a reader that found one
    /// has failed even when the bag kept an identical one from before.
    private(set) var errorReports = 0

    func error(_ location: SourceLocation, _ path: String, _ message: String) {
        errorReports += 1
        guard !muted(location) else { return }
        let d = Diagnostic(location, path: path, message, variant: variant)
        if seen.insert(d).inserted { items.append(d) }
    }

    func warning(_ location: SourceLocation, _ path: String, _ message: String) {
        guard !muted(location) else { return }
        let d = Diagnostic(location, path: path, message, variant: variant, severity: .warning)
        if seen.insert(d).inserted { warnings.append(d) }
    }

    /// A warning about the file's own text, given once: a variant that reads the same
    /// node again (every variant reads the base's posts) finds nothing new there.
    func warningOnce(_ location: SourceLocation, _ path: String, _ message: String) {
        guard !warnings.contains(where: { $0.location == location && $0.message == message }) else { return }
        warning(location, path, message)
    }

    /// Takes back the errors found since `mark` (an `items.count`; `reports`, the
    /// `errorReports` then) and returns them: for a reading tried and abandoned.
    /// Drops the errors found since `mark` (an `items.count`) that `matches`.
    func drop(since mark: Int, where matches: (Diagnostic) -> Bool) {
        guard mark < items.count else { return }
        let removed = items[mark...].filter(matches)
        items = Array(items[..<mark]) + items[mark...].filter { !matches($0) }
        for d in removed { seen.remove(d) }
    }

    func retract(since mark: Int, reports: Int) -> [Diagnostic] {
        let removed = Array(items[mark...])
        items.removeLast(items.count - mark)
        for d in removed { seen.remove(d) }
        errorReports = reports
        return removed
    }

    /// Labels the errors found since `mark` (an `items.count`) with `label`, printed
    /// before the path as a variant's name is: for problems a command-line change made.
    /// Those in `kept` (the file's own) keep their place unlabelled.
    func relabel(since mark: Int, as label: String, except kept: Set<Diagnostic.Problem> = []) {
        // One located at the change itself (`--set 1 (…)`) says so already.
        for i in mark..<items.count where !items[i].location.file.hasPrefix("--set ") && !kept.contains(Diagnostic.Problem(items[i])) {
            seen.remove(items[i])
            items[i].variant = label
            seen.insert(items[i])
        }
    }

    /// Rewrites the errors found since `mark` (an `items.count`) that `change`
    /// returns a new form of (the others stay as they are).
    func rewrite(since mark: Int, _ change: (Diagnostic) -> Diagnostic?) {
        for i in mark..<items.count {
            guard let d = change(items[i]) else { continue }
            seen.remove(items[i])
            items[i] = d
            seen.insert(d)
        }
    }

    /// True when no error was found (warnings do not count).
    var isEmpty: Bool { items.isEmpty }

    /// Drops the errors found since `mark` (an `items.count`) that repeat, in all but
    /// the variant, one found in `repeating` (ranges of `items` before `mark`): a
    /// variant read over an invalid base finds the base's problems again, and only its
    /// own are news. Another variant's problem is not among them: found again, it is
    /// kept and reported once with both variants named (dropped, a root's problem over
    /// an invalid base named the root alone, not the variants extending it).
    func dropRepeatedErrors(since mark: Int, repeating ranges: [Range<Int>]) {
        var earlier = Set<Diagnostic.Problem>()
        for r in ranges { for d in items[r.clamped(to: 0..<mark)] { earlier.insert(Diagnostic.Problem(d)) } }
        items = Array(items[..<mark]) + items[mark...].filter { !earlier.contains(Diagnostic.Problem($0)) }
    }

    /// How many errors and warnings have been found so far (for `rewritePaths`).
    var mark: (errors: Int, warnings: Int) { (items.count, warnings.count) }

    /// Rewrites the key paths of the errors and warnings found since `mark`: a
    /// document read as part of another (a coalition state as a scenario) names
    /// its keys as they stand in the file. A path that is `owner` or starts with
    /// `owner.` names its part by itself, so those lose their `variant` label;
    /// so does any other non-empty path, which names a part the documents share
    /// (`costs`, `services`, a host's `lat`): such a problem is kept once, not
    /// once per document.
    func rewritePaths(since mark: (errors: Int, warnings: Int), owner: String, _ rewrite: (String) -> String) {
        func apply(_ list: inout [Diagnostic], from start: Int) {
            var kept = Array(list[..<start])
            for d0 in list[start...] {
                var d = d0
                seen.remove(d)
                d.path = rewrite(d.path)
                if !d.path.isEmpty { d.variant = nil }
                if seen.insert(d).inserted { kept.append(d) }
            }
            list = kept
        }
        apply(&items, from: mark.errors)
        apply(&warnings, from: mark.warnings)
    }

    /// The errors and warnings as a thrown error.
    var failure: ScenarioError {
        ScenarioError(Self.mergingVariants(Self.once(items.map(asTyped))).sorted(),
                      warnings: Self.mergingVariants(Self.once(warnings.map(asTyped))).sorted())
    }

    /// Each diagnostic once, in order: a value written once through `*` (a variant's
    /// `posts.*.annual_cost: -5`) is one problem, not one per post it reached.
    static func once(_ list: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return list.filter { seen.insert($0).inserted }
    }

    /// Where each value a file variant's `set` writes stands (every node of it), with the
    /// path of the change as typed: `prefix` `variants.V.set.`, `path` `posts.HAV.force`.
    /// A problem the decoder finds in such a value names the key as the file writes it,
    /// as a misspelt key of the change is named, not by the decoder's `posts[0].force`.
    var changeValuePaths: [SourceLocation: (prefix: String, path: String)] = [:]

    /// `d` with its key path as the change that wrote the value typed it: a `--set`'s
    /// (`posts.HAV.annual_cost`) or a variant's (`variants.V.set.posts.HAV.annual_cost`).
    /// Any other problem is returned as it is.
    func asTyped(_ d: Diagnostic) -> Diagnostic {
        if let path = Self.typedPath(inSetLabel: d.location.file) { return Self.retyped(d, as: path, prefix: "") }
        if let change = changeValuePaths[d.location] { return Self.retyped(d, as: change.path[...], prefix: change.prefix) }
        return d
    }

    /// Where the N-th `--set PATH=VALUE` is located: "--set 2 (posts.HAV.capacity=900)",
    /// so that a problem in it repeats what was typed.
    static func setLabel(_ n: Int, _ text: String) -> String { "--set \(n) (\(text))" }

    /// The PATH of a `setLabel`; nil for any other file label.
    static func typedPath(inSetLabel label: String) -> Substring? {
        guard label.hasPrefix("--set "), let open = label.firstIndex(of: "("), let eq = label[open...].firstIndex(of: "=") else { return nil }
        return label[label.index(after: open)..<eq]
    }

    /// A problem in a changed value names the item as the change typed it
    /// (`posts.HAV.annual_cost`, not the decoder's `posts[48].annual_cost`), after
    /// `prefix` (a variant's `variants.V.set.`, empty for `--set`); a change through `*`
    /// is named with its `*` (`variants.V.set.posts.*.annual_cost`), the value being the
    /// one written for every item (`failure` keeps one of the items' identical problems).
    /// A key outside the tables (`rules.budget`) reads the same either way and only gains
    /// the prefix.
    static func retyped(_ d: Diagnostic, as path: Substring, prefix: String) -> Diagnostic {
        /// Whether the typed parts pick the decoder's, part by part (`*` picks any).
        func picks(_ typed: some Sequence<Substring>, _ parts: some Sequence<Substring>) -> Bool {
            zip(typed, parts).allSatisfy { $0 == $1 || $0 == "*" }
        }
        var out = d
        guard let bracket = d.path.firstIndex(of: "[") else {
            // A mapping's key through `*` (`criteria.*.weight`, `services.*.workload`,
            // `countries.*.demand.*` past the list): named as typed, so that the items'
            // identical problems are one.
            let typedParts = path.split(separator: ".", omittingEmptySubsequences: false)
            let parts = d.path.split(separator: ".", omittingEmptySubsequences: false)
            if typedParts.contains("*"), parts.count >= typedParts.count, picks(typedParts, parts) {
                out.path = prefix + path + (parts.count > typedParts.count ? "." + parts[typedParts.count...].joined(separator: ".") : "")
                return out
            }
            guard !prefix.isEmpty, d.path == path || d.path.hasPrefix(path + ".") else { return d }
            out.path = prefix + d.path
            return out
        }
        let typed = path.split(separator: ".", omittingEmptySubsequences: false)
        guard typed.count >= 2, !typed[1].isEmpty,
              d.path[..<bracket] == typed[0], let close = d.path[bracket...].firstIndex(of: "]") else { return d }
        // The rest past the item through `*` too (`countries.*.demand.*`: one problem).
        let rest = d.path[d.path.index(after: close)...].split(separator: ".", omittingEmptySubsequences: false)
        let typedRest = typed.dropFirst(2)
        if typedRest.contains("*"), rest.count == typedRest.count + 1, picks(typedRest, rest.dropFirst()) {
            out.path = prefix + path
            return out
        }
        out.path = prefix + "\(typed[0]).\(typed[1])" + d.path[d.path.index(after: close)...]
        return out
    }

    /// One problem found the same in several variants (a variant's mistake that the
    /// variants extending it inherit) is one diagnostic naming them all: "variants
    /// government-case, keep-havana-government, …", not one line each.
    static func mergingVariants(_ list: [Diagnostic]) -> [Diagnostic] {
        struct Key: Hashable { let location: SourceLocation, path: String, message: String, severity: Diagnostic.Severity }
        var order: [Key] = []
        var byKey: [Key: [Diagnostic]] = [:]
        for d in list {
            let k = Key(location: d.location, path: d.path, message: d.message, severity: d.severity)
            if byKey[k] == nil { order.append(k) }
            byKey[k, default: []].append(d)
        }
        return order.flatMap { k -> [Diagnostic] in
            let group = byKey[k]!
            let names = group.compactMap(\.variant).filter { !$0.hasPrefix("state ") }
            guard names.count > 1, names.count == group.count else { return group }
            var d = group[0]
            let sorted = Array(Set(names)).sorted()
            d.variant = sorted.count > 6 ? sorted.prefix(6).joined(separator: ", ") + " and \(sorted.count - 6) more"
                                         : sorted.joined(separator: ", ")
            return [d]
        }
    }
}

/// Closest candidate by edit distance, for "did you mean" hints.
func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
    let candidates = Array(candidates)
    // The same name in another case (`h` for `H`) is meant, however short.
    if let same = candidates.first(where: { $0 != word && $0.lowercased() == word.lowercased() }) { return same }
    guard word.count > 1 else { return nil }
    let w = Array(word.lowercased())
    var best: (String, Int)? = nil
    for c in candidates where c.count > 1 {
        let d = editDistance(w, Array(c.lowercased()))
        if d <= max(1, w.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    if let best { return best.0 }
    // A stem or an abbreviation of one name ("triangle" for "triangular", "fee" for
    // "fee_income"): the word the start of a longer name (at least 3 letters), or sharing
    // its first 5 letters and 70% of the word. Not a name that is the start of the word:
    // AUS is not what "AUSTRIA" meant.
    let stems = candidates.filter { c in
        let cl = Array(c.lowercased())
        let common = zip(cl, w).prefix { $0 == $1 }.count
        return c != word && ((w.count >= 3 && w.count < cl.count && common == w.count) || (common >= 5 && Double(common) >= 0.7 * Double(w.count)))
    }
    return stems.count == 1 ? stems[0] : nil
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours each count 1 (so "opne" is one step from "open").
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// ` (did you mean "X"?)` for the candidate nearest `word` (`suggestion`), or "" when none
/// is near: for messages that name what was not found.
public func didYouMean(_ word: String, _ candidates: some Sequence<String>) -> String {
    suggestion(for: word, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
}

/// `didYouMean`, or when nothing is close, the ids there are (`; the posts are: HAV, PTY, …`,
/// the first 30): an id on the command line (`--post HAVANA` for HAV) got no hint at all.
public func didYouMeanOrList(_ word: String, _ candidates: [String], noun: String) -> String {
    let near = didYouMean(word, candidates)
    guard near.isEmpty, !candidates.isEmpty else { return near }
    return "; the \(noun) are: " + candidates.prefix(30).joined(separator: ", ") + (candidates.count > 30 ? " and \(candidates.count - 30) more" : "")
}
