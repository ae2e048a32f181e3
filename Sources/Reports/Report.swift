import DiplomaticNetwork

/// Everything dipnet reports, ready to be written in any `OutputFormat` to any
/// `TextOutputStream` (standard output, a file, a string, a notebook cell).
/// Front ends compute a result with `DiplomaticNetwork`, wrap it here and
/// write it; nothing in the libraries prints.
public enum Report: Sendable {
    /// One solved variant; `table` picks the table of text, Markdown and CSV.
    case plan(Plan, table: PlanReport.PlanTable)
    case comparison(Comparison)
    case sweep(SweepHeader, [SweepRecord])
    case simulation(SimulationHeader, SimulationSummary)
    case tipping(TippingResult)
    case explanation(Explanation)
    case coalition(CoalitionResult)
    case diff(PlanDiff)
    case expectations(ExpectationRun)
    case margins(MarginsResult)
    case alternatives(AlternativesRun.Header, [AlternativesRun.Record])
    case robust(RobustResult)

    /// The summary of a batch run.
    public init(_ summary: RunReport.Summary) {
        switch summary {
        case .sweep(let h, let rs): self = .sweep(h, rs)
        case .simulation(let h, let s): self = .simulation(h, s)
        case .alternatives(let h, let rs): self = .alternatives(h, rs)
        }
    }

    /// The report as text in `format`.
    public func render(as format: OutputFormat, tone: Tone = .plain) -> String {
        switch self {
        case .plan(let p, let table): PlanReport.render(p, as: format, table: table)
        case .comparison(let c): ComparisonReport.render(c, as: format)
        case .sweep(let h, let rs): AnalysisReport.renderSweep(h, rs, as: format)
        case .simulation(let h, let s): AnalysisReport.renderSimulation(h, s, as: format)
        case .tipping(let r): AnalysisReport.renderTipping(r, as: format)
        case .explanation(let e): AnalysisReport.renderExplain(e, as: format)
        case .coalition(let r): CoalitionReport.render(r, as: format)
        case .diff(let d): d.render(as: format)
        case .expectations(let run): ExpectationReport.render(run, tone: tone)
        case .margins(let m): AnalysisReport.renderMargins(m, as: format)
        case .alternatives(let h, let rs): AnalysisReport.renderAlternatives(h, rs, as: format)
        case .robust(let r): AnalysisReport.renderRobust(r, as: format)
        }
    }

    /// Writes the report in `format` to `target`.
    public func write<Target: TextOutputStream>(as format: OutputFormat, tone: Tone = .plain, to target: inout Target) {
        target.write(render(as: format, tone: tone))
    }
}

/// How a terminal may emphasise words (colour is the front end's business:
/// the default leaves text plain).
public struct Tone: Sendable {
    public var good: @Sendable (String) -> String
    public var bad: @Sendable (String) -> String
    public var strong: @Sendable (String) -> String
    public init(good: @escaping @Sendable (String) -> String, bad: @escaping @Sendable (String) -> String,
                strong: @escaping @Sendable (String) -> String) {
        self.good = good
        self.bad = bad
        self.strong = strong
    }
    public static let plain = Tone(good: { $0 }, bad: { $0 }, strong: { $0 })
}

/// The PASS/FAIL lines of `dipnet test`.
public enum ExpectationReport {
    public static func render(_ run: ExpectationRun, tone: Tone = .plain) -> String {
        var out = ""
        for file in run.files {
            out += tone.strong(file.path) + "\n"
            if let e = file.solverError { out += "  \(tone.bad("FAIL"))  solver failed: \(e)\n"; continue }
            for o in file.outcomes {
                let mark = o.passed ? tone.good("PASS") : tone.bad("FAIL")
                let loc = o.passed ? "" : "  (\(o.location))"
                out += "  \(mark)  \(o.variant.padding(toLength: 16, withPad: " ", startingAt: 0)) \(o.what.padding(toLength: 12, withPad: " ", startingAt: 0)) expected \(o.expected), measured \(o.measured)\(loc)\n"
            }
        }
        return out + "\(run.passed) passed, \(run.failed) failed\n"
    }
}

/// The one-line summaries of `dipnet validate`.
public enum ValidationReport {
    public static func line(_ path: String, _ f: ScenarioFile) -> String {
        let b = f.base
        return "\(path): ok — \(b.countries.count) countries, \(b.posts.count) posts "
            + "(\(b.posts.filter { $0.status == .existing }.count) existing, \(b.posts.filter { $0.status == .candidate }.count) candidates), "
            + "\(b.partners.count) partner offers, \(f.variantNames.count) variants, \(f.comparisons.count) comparisons, "
            + "\(f.expectations.count) expectation sets"
    }

    public static func line(_ path: String, _ c: CoalitionFile) -> String {
        "\(path): ok — coalition of \(c.states.count) states (\(c.states.map { "\($0.id): \($0.scenario.posts.count) posts" }.joined(separator: ", "))), "
            + "\(c.states.first?.scenario.countries.count ?? 0) host countries, \(c.agreements.count) agreements"
    }
}
