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
    public var solves: Int { points.reduce(0) { $0 + $1.solves } }
    public var seconds: Double

    /// Runs `Margins` for `input` at each value of `across`.
    ///
    /// - Parameters:
    ///   - load: the scenario file with `across` set to a value (the caller's loader, so
    ///     that the value is applied as `--set` is, after every variant's own changes).
    ///   - request: the comparison, for a file loaded.
    ///   - answers: the answers to trace (`Margins.run`'s `answers`), or nil for all. A
    ///     post decided otherwise at some values only has rows there; one decided otherwise
    ///     at none is refused (`ParameterError`).
    /// - Throws: what `load`, `request` and `Margins.run` throw (`ParameterError` for a
    ///   path that names nothing or a value outside its range); `NoPlanError` when no value
    ///   has plans to compare (a value where the baseline or every variant has none is a
    ///   point without rows, `Point.withoutPlan`).
    public static func run(input: String, across: SweepAxis, load: (Double) throws -> ScenarioFile,
                           request: (ScenarioFile) throws -> ComparisonRequest, planner: Planner,
                           tolerance: Double = 1e-3, answers: [String]? = nil) throws -> MarginsFrontier {
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
            // A variant without a plan at this value has no rows here: its "now" says why.
            let missing = m.withoutPlan.map { "\($0.variant) (\($0.status))" }
            points.append(Point(value: value, now: m.questions.map(\.now) + m.withoutPlan.map { "\($0.variant) has no plan (\($0.status)): no answer to flip" },
                                rows: m.rows, solves: m.solves, withoutPlan: missing))
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
        let prefix = across.path.text + "="
        return MarginsFrontier(scenario: first?.scenario ?? "", changes: (first?.changes ?? []).filter { !$0.hasPrefix(prefix) }, comparison: first?.comparison ?? "",
                               baseline: first?.baseline ?? "", input: input, across: across.path.text, points: points,
                               tolerance: tolerance, seconds: Date().timeIntervalSince(start))
    }
}
