import Foundation

/// Joint flips of two inputs: the flip of one input (`input`) found again at each of
/// several values of another (`across`), so that the answer's frontier in the plane of
/// the two reads as a table ("closing wins below a visa penalty of 80 with Havana at
/// EUR 1.05 M, below 171 at 1.34 M"). Each point is a `Margins` search of `input`
/// alone with `across` set to the point's value in every variant (as `--set` does).
public struct MarginsFrontier: Sendable {
    /// One value of `across` and what the search of `input` found there.
    public struct Point: Sendable {
        /// The value `across` is set to.
        public var value: Double
        /// The answers at that value, in words (who wins, which posts are open).
        public var now: [String]
        /// One row per answer: the flip of `input` there, or none within its searched range.
        public var rows: [MarginsResult.Row]
        public var solves: Int
        /// What has no plan at that value, so no row there: a variant with its status, or
        /// the whole comparison when the baseline (or every variant) has none. Empty when
        /// every scenario compared has a plan.
        public var withoutPlan: [String] = []
        /// For a point of `crossings`: where `input` is held (its stated low end, its value
        /// now, its stated top); nil for the other points.
        public var held: Held? = nil
    }

    /// Where `input` is held for a point of `crossings`.
    public enum Held: String, Sendable {
        case lowEnd = "low_end", now, top
    }

    public var scenario: String
    public var changes: [String]
    public var comparison: String
    public var baseline: String
    /// The input searched for its flip (a path).
    public var input: String
    /// The input stepped (a path).
    public var across: String
    public var points: [Point]
    public var tolerance: Double
    /// The solves of every point, of `atNow` and of `crossings`.
    public var solves: Int { (points + crossings).reduce(atNow?.solves ?? 0) { $0 + $1.solves } }
    public var seconds: Double

    /// `across` before it is stepped: its value in the baseline (after the command line's
    /// changes), in the unit of its path (`MarginsResult.unit(ofInput:)`), the range the
    /// uncertainty section states for it (as `Margins` reads one: relative to that value
    /// for a relative range; nil where none is stated or it is relative to 0) and its
    /// label ("Havana: running cost").
    public struct Stepped: Sendable {
        public var current: Double
        public var stated: ClosedRange<Double>?
        public var label: String?
        /// The factors of a range stated relative to a value that is 0 here (none at 0);
        /// nil otherwise.
        public var factorsAtZero: ClosedRange<Double>? = nil
        /// The variants a range stated `within:` others holds for, when it does not hold for
        /// the baseline; nil otherwise.
        public var within: [String]? = nil

        /// Whether `value` is the value now (to 1e-12 of it, as margins compares values).
        public func isNow(_ value: Double) -> Bool { Margins.same(current, value) }

        /// Whether `value` lies inside `stated` (within 1e-9 of an end is at it, as
        /// `Distribution.chanceBeyond` reads it); nil without a stated range.
        public func inside(_ value: Double) -> Bool? {
            stated.map { value >= $0.lowerBound - Distribution.edgeBand(value) && value <= $0.upperBound + Distribution.edgeBand(value) }
        }
    }
    /// Nil when `run` was not given the file before the steps (`unmoved`).
    public var stepped: Stepped? = nil
    /// The search at `across`' value now (`stepped.current`), when no value stepped is it;
    /// nil when it is one of them, or `run` was not given `unmoved`. Not in `points`
    /// (its solves are in `solves`).
    public var atNow: Point? = nil
    /// `input` in the scenario's words ("visas: value lost a case left unserved"), nil
    /// for a path without one.
    public var inputLabel: String? = nil
    /// Where the frontier crosses `input`'s stated range and its value now: `across`
    /// searched alone (one-input `margins`), with `input` held at its stated low end, at its
    /// value now and at its stated top (only the value now without a stated range). Each a
    /// point whose `value` is `input`'s value held and whose rows are `across`' flips (rows'
    /// `input` is `across`). Empty when `run` was not given `loadHeld`.
    public var crossings: [Point] = []
    /// The baseline's value of `input` where a variant holds another (the rows' `current`,
    /// the crossings' value now); nil where they are the same.
    public var inputBaseline: Double? = nil
    /// The scenario's currency (the unit of its money inputs), as `MarginsResult.currency`.
    public var currency: String = "EUR"
    /// Whether a post's capacity is in capacity units (format version 2), not cases.
    public var capacityInUnits: Bool = false

    /// Runs `Margins` for `input` at each value of `across`.
    ///
    /// - Parameters:
    ///   - load: the scenario file with `across` set to a value (the caller's loader, so
    ///     that the value is applied as `--set` is, after every variant's own changes).
    ///   - request: the comparison, for a file loaded.
    ///   - answers: the answers to trace (`Margins.run`'s `answers`), or nil for all. A
    ///     post decided otherwise at some values only has rows there; one decided otherwise
    ///     at none is refused (`ParameterError`).
    ///   - unmoved: the file as loaded before `across` is set (the command line's changes
    ///     applied), for `across`' value now and stated range (`stepped`); nil leaves
    ///     `stepped` nil.
    ///   - loadHeld: the file with one more change, `PATH=VALUE`, applied as `--set` is (the
    ///     caller's loader), for `crossings`; nil leaves them empty.
    /// - Throws: what `load`, `request` and `Margins.run` throw (`ParameterError` for a
    ///   path that names nothing or a value outside its range); `NoPlanError` when no value
    ///   has plans to compare (a value where the baseline or every variant has none is a
    ///   point without rows, `Point.withoutPlan`).
    public static func run(input: String, across: SweepAxis, load: (Double) throws -> ScenarioFile,
                           request: (ScenarioFile) throws -> ComparisonRequest, planner: Planner,
                           tolerance: Double = 1e-3, answers: [String]? = nil, unmoved: ScenarioFile? = nil,
                           loadHeld: ((String) throws -> ScenarioFile)? = nil) throws -> MarginsFrontier {
        let start = Date()
        var points: [Point] = []
        var first: MarginsResult? = nil
        for value in across.values {
            let file = try load(value)
            // An answer asked at some values only (a post decided otherwise at the value now
            // but not at another) gives rows where it is asked, as without `answers`.
            let m: MarginsResult
            do {
                m = try Margins.run(file, try request(file), planner: planner, only: [input], tolerance: tolerance, answers: answers,
                                    requireAnswers: false)
            } catch let e as NoPlanError {
                // The baseline (or every variant) without a plan at this value: no answer
                // here, and the other values still searched (the whole run failed, naming no value).
                points.append(Point(value: value, now: [e.description], rows: [], solves: 0, withoutPlan: [e.description]))
                continue
            }
            if first == nil { first = m }
            points.append(point(value, m))
        }
        // Each answer named is asked at one value at least.
        for text in answers ?? [] {
            guard case .post(let id) = Margins.Answer(text),
                  !points.contains(where: { $0.rows.contains { $0.question.kind == .postDecision(id) } }),
                  !(first?.questions.contains { $0.kind == .postDecision(id) } ?? false) else { continue }
            throw ParameterError("--answers \(text): no free optimum decides \(id) otherwise than the baseline at any value of \(across.path.text) "
                                 + "(\(across.values.map(Fmt.plain).joined(separator: ", "))); without --answers the answers at each value are shown")
        }
        // Not one value with an answer: nothing to trace.
        guard first != nil else {
            throw NoPlanError("no value of \(across.path.text) (\(across.values.map(Fmt.plain).joined(separator: ", "))) has plans to compare: "
                              + (points.first?.withoutPlan.first ?? "no plan"))
        }
        // The point at the value now, searched as margins searches it without --across (the
        // row an analyst reads between two values stepped: a new user), unless a value
        // stepped is it. Not once interrupted.
        var atNow: Point? = nil
        var steppedNow: Stepped? = nil
        // The file before the steps, its comparison and its baseline's scenario.
        let before = unmoved.flatMap { u in (try? request(u)).flatMap { r in (try? u.scenario(r.baseline)).map { (file: u, request: r, base: $0) } } }
        if let before, let path = try? ParameterPath(across.path.text, in: before.base) {
            let i = Margins.input(path, before.base, before.file, scale: 1)
            steppedNow = Stepped(current: i.current, stated: i.stated, label: InputLabel.label(across.path.text, in: before.base),
                                 factorsAtZero: i.factorsAtZero, within: i.statedWithin)
            if !across.values.contains(where: { Margins.same($0, i.current) }), !planner.isCancelled {
                do {
                    atNow = point(i.current, try Margins.run(before.file, before.request, planner: planner, only: [input], tolerance: tolerance,
                                                              answers: answers, requireAnswers: false))
                } catch let e as NoPlanError {
                    // (said, as a value stepped without a plan is)
                    atNow = Point(value: i.current, now: [e.description], rows: [], solves: 0, withoutPlan: [e.description])
                } catch {}
            }
        }
        // Where the frontier crosses the searched input's range ends and its value now:
        // the stepped input searched alone with the other held there (a new user read 949,000
        // and 889,545 between rows; the answer's conditions, not an interpolation).
        var crossings: [Point] = []
        var inputBaseline: Double? = nil
        if let before, let loadHeld, let path = try? ParameterPath(input, in: before.base) {
            let i = Margins.input(path, before.base, before.file, scale: 1)
            // As the rows read the input: the value a variant holds and the range around it
            // (an offer only the variant sets, 0 in the baseline: the crossings held 0 and
            // called it the value now; a hostile pass), the baseline's named beside it.
            let row = points.lazy.flatMap(\.rows).first
            let current = row?.current ?? i.current
            if !Margins.same(current, i.current) { inputBaseline = i.current }
            var held: [(Double, Held)] = [(current, .now)]
            if let r = row?.stated ?? i.stated { held = [(r.lowerBound, .lowEnd), (current, .now), (r.upperBound, .top)] }
            // (an end at the value now is searched once, as the value now)
            for (x, role) in held where role == .now || !Margins.same(x, current) {
                guard !planner.isCancelled else { break }
                // The value now is the file as it stands (each variant its own value); an end
                // is set in every variant, as --set does.
                let file: ScenarioFile
                do { file = role == .now ? before.file : try loadHeld("\(input)=\(Fmt.plain(x))") }
                catch { crossings.append(Point(value: x, now: [], rows: [], solves: 0, withoutPlan: ["\(error)"], held: role)); continue }
                do {
                    let m = try Margins.run(file, try request(file), planner: planner, only: [across.path.text], tolerance: tolerance, answers: answers,
                                            requireAnswers: false)
                    var p = point(x, m)
                    p.held = role
                    crossings.append(p)
                } catch let e as NoPlanError {
                    // Said, not dropped (an end where the baseline has no plan left no line; a hostile pass).
                    crossings.append(Point(value: x, now: [e.description], rows: [], solves: 0, withoutPlan: [e.description], held: role))
                } catch {
                    crossings.append(Point(value: x, now: [], rows: [], solves: 0, withoutPlan: ["\(error)"], held: role))
                }
            }
        }
        let prefix = across.path.text + "="
        // The command line's own changes, a --set of the stepped input too (left out with the
        // values stepped, it left `across_current` unexplained: a hostile pass).
        var frontier = MarginsFrontier(scenario: first?.scenario ?? "", changes: unmoved?.changes ?? (first?.changes ?? []).filter { !$0.hasPrefix(prefix) },
                                       comparison: first?.comparison ?? "",
                                       baseline: first?.baseline ?? "", input: input, across: across.path.text, points: points,
                                       tolerance: tolerance, seconds: Date().timeIntervalSince(start))
        frontier.currency = first?.currency ?? "EUR"
        frontier.capacityInUnits = first?.capacityInUnits ?? false
        // The stepped input as it stands, read as `Margins` reads an input it searches (its
        // stated range the same), in the baseline compared (a new user read the summary's
        // count over the values stepped without the value now or its range).
        frontier.stepped = steppedNow
        frontier.atNow = atNow
        frontier.crossings = crossings
        frontier.inputBaseline = inputBaseline
        frontier.inputLabel = first?.rows.first?.label
        return frontier
    }

    /// A point of one margins search: its rows in the order of its answers (margins sorts
    /// them by the nearest flip, so one value listed an answer first and the next another,
    /// and a script pairing `now[i]` with `rows[i]` read them wrong: a new user).
    static func point(_ value: Double, _ m: MarginsResult) -> Point {
        let order = Dictionary(m.questions.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = m.rows.enumerated().sorted { (order[$0.element.question] ?? .max, $0.offset) < (order[$1.element.question] ?? .max, $1.offset) }.map(\.element)
        // A variant without a plan at this value has no rows here: its "now" says why.
        let missing = m.withoutPlan.map { "\($0.variant) (\($0.status))" }
        return Point(value: value, now: m.questions.map(\.now) + m.withoutPlan.map { "\($0.variant) has no plan (\($0.status)): no answer to flip" },
                     rows: rows, solves: m.solves, withoutPlan: missing)
    }
}
