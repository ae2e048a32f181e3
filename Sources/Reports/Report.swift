import DiplomaticNetwork
import Foundation

/// Everything dipnet reports, ready to be written in any `OutputFormat` to any
/// `TextOutputStream` (standard output, a file, a string, a notebook cell).
/// Front ends compute a result with `DiplomaticNetwork`, wrap it here and
/// write it; nothing in the libraries prints.
public enum Report: Sendable {
    /// One solved variant; `table` picks the table of text, Markdown and CSV.
    case plan(Plan, table: PlanReport.PlanTable)
    case comparison(Comparison)
    /// A comparison followed by what flips its answer (`compare --flips`): the margins
    /// of each input, as `dipnet margins` finds them (JSON `flips`, table `flips`).
    case comparisonWithFlips(Comparison, MarginsResult)
    case sweep(SweepHeader, [SweepRecord])
    case simulation(SimulationHeader, SimulationSummary)
    case tipping(TippingResult)
    case explanation(Explanation)
    case coalition(CoalitionResult)
    case diff(PlanDiff)
    case expectations(ExpectationRun)
    case margins(MarginsResult)
    case marginsFrontier(MarginsFrontier)
    case marginsPairs(MarginsPairs)
    case alternatives(AlternativesRun.Header, [AlternativesRun.Record])
    case robust(RobustResult)
    case attribution(AttributionResult)

    /// The summary of a batch run.
    public init(_ summary: RunReport.Summary) {
        switch summary {
        case .sweep(let h, let rs): self = .sweep(h, rs)
        case .simulation(let h, let s): self = .simulation(h, s)
        case .alternatives(let h, let rs): self = .alternatives(h, rs)
        }
    }

    /// The command line's changes (`--set`) an analysis ran with, which its text would
    /// otherwise not show (its JSON has them as `set`); nil for the reports that print
    /// them themselves.
    var analysisChanges: [String]? {
        switch self {
        case .tipping(let r): r.changes
        case .explanation(let e): e.plan.changes
        case .margins(let m): m.changes
        case .marginsFrontier(let f): f.changes
        case .marginsPairs(let m): m.changes
        case .robust(let r): r.changes
        case .attribution(let r): r.changes
        case .simulation(let h, _): h.set ?? []
        default: nil
        }
    }

    /// The report as text in `format`.
    public func render(as format: OutputFormat, tone: Tone = .plain) -> String {
        let text = renderBody(as: format, tone: tone)
        // A margins run under --set printed "Now: … beats … by 158,455" without a word of the change.
        guard format == .table || format == .markdown, let changes = analysisChanges, !changes.isEmpty else { return text }
        return text + (format == .markdown ? "\n" : "") + "Changed on the command line: " + changes.joined(separator: ", ") + ".\n"
    }

    private func renderBody(as format: OutputFormat, tone: Tone) -> String {
        switch self {
        case .plan(let p, let table): PlanReport.render(p, as: format, table: table)
        case .comparison(let c): ComparisonReport.render(c, as: format)
        case .comparisonWithFlips(let c, let m):
            switch format {
            case .json:
                ComparisonReport.json(c, adding: [("flips", AnalysisReport.marginsJSON(m).stamped("margins"))]).stamped("comparison").serialized() + "\n"
            case .table, .markdown:
                AnalysisReport.withAnswerSummary(ComparisonReport.render(c, as: format) + "\n"
                                                 + AnalysisReport.renderMargins(m, as: format, compact: true), m, as: format)
            case .csv, .xlsx, .datapackage:
                ComparisonReport.render(c, as: format)
            }
        case .sweep(let h, let rs): AnalysisReport.renderSweep(h, rs, as: format)
        case .simulation(let h, let s): AnalysisReport.renderSimulation(h, s, as: format)
        case .tipping(let r): AnalysisReport.renderTipping(r, as: format)
        case .explanation(let e): AnalysisReport.renderExplain(e, as: format)
        case .coalition(let r): CoalitionReport.render(r, as: format)
        case .diff(let d): d.render(as: format)
        case .expectations(let run): ExpectationReport.render(run, tone: tone)
        case .margins(let m): AnalysisReport.withAnswerSummary(AnalysisReport.renderMargins(m, as: format), m, as: format)
        case .marginsFrontier(let f): AnalysisReport.withFrontierSummary(AnalysisReport.renderMarginsFrontier(f, as: format), f, as: format)
        case .marginsPairs(let m): AnalysisReport.withPairsSummary(AnalysisReport.renderMarginsPairs(m, as: format), m, as: format)
        case .alternatives(let h, let rs): AnalysisReport.renderAlternatives(h, rs, as: format)
        case .robust(let r): AnalysisReport.renderRobust(r, as: format)
        case .attribution(let r): AnalysisReport.renderAttribution(r, as: format)
        }
    }

    /// The report's tables as data (`DataTable`), in the order text output
    /// shows them; what `csv`, `xlsx` and `datapackage` write.
    public var dataTables: [DataTable] {
        switch self {
        case .plan(let p, _): TidyTables.plan(p)
        case .comparison(let c): TidyTables.comparison(c)
        case .comparisonWithFlips(let c, let m): TidyTables.comparison(c) + [AnalysisReport.marginsTable(m).data("flips"), AnalysisReport.answersTable(m)]
        case .sweep(let h, let rs): AnalysisReport.sweepDataTables(h, rs)
        case .simulation(let h, let s): AnalysisReport.simulationDataTables(h, s)
        case .tipping(let r): [AnalysisReport.tippingScan(r).data("scan")]
        case .explanation(let e): AnalysisReport.explainDataTables(e)
        case .coalition(let r): CoalitionReport.dataTables(r)
        case .diff(let d): d.dataTables()
        case .expectations(let run): [ExpectationReport.dataTable(run)]
        case .margins(let m): [AnalysisReport.marginsTable(m).data("margins"), AnalysisReport.answersTable(m)]
        case .marginsFrontier(let f): [AnalysisReport.marginsFrontierTable(f).data("frontier"), AnalysisReport.frontierAnswersTable(f)]
        case .marginsPairs(let m): [AnalysisReport.marginsPairsTable(m).data("pairs"), AnalysisReport.pairsAnswersTable(m)]
        case .alternatives(let h, let rs): AnalysisReport.alternativesDataTables(h, rs)
        case .robust(let r): [AnalysisReport.robustTable(r).data("posts")]
        case .attribution(let r): [AnalysisReport.attributionTable(r).data("lines"), AnalysisReport.attributionSubsets(r).data("subsets")]
        }
    }

    /// What the report's tables cannot hold: facts about what was left out of their rows
    /// (a variant compared without a plan, a value of `--across` where the baseline has
    /// none). Text, Markdown, JSON and HTML say them in place; the tidy exports only
    /// through this: CSV on standard error, xlsx in its `about` sheet, a data package in
    /// its description. Empty when every row is there.
    ///
    /// Each note with the table it is about (a comparison's `flips` leaves out a variant
    /// that its `figures` show as infeasible), or `*` when it is about every table (a
    /// simulation's inputs not drawn).
    public var rowlessNotes: [(table: String, note: String)] {
        switch self {
        case .margins(let m):
            (m.withoutPlan.isEmpty ? [] : [("margins", AnalysisReport.withoutPlanNote(m))])
                + (AnalysisReport.unaskedNote(m).map { [("margins", $0)] } ?? [])
        case .comparisonWithFlips(_, let m):
            (m.withoutPlan.isEmpty ? [] : [("flips", AnalysisReport.withoutPlanNote(m))])
                + (AnalysisReport.unaskedNote(m).map { [("flips", $0)] } ?? [])
        case .marginsPairs(let m):
            m.withoutPlan.isEmpty ? [] : [("pairs", AnalysisReport.pairsWithoutPlanNote(m))]
        case .marginsFrontier(let f):
            AnalysisReport.frontierWithoutPlanNote(f).map { [("frontier", $0)] } ?? []
        case .simulation(let h, _):
            // What was not drawn holds for every table of the run ("*"): the draws' inputs
            // a variant or --set holds, and the ranges stated with draw: false.
            [AnalysisReport.heldNote(h), AnalysisReport.statedNote(h)].compactMap { $0.map { ("*", $0) } }
        default: []
        }
    }

    /// The `rowlessNotes` of the tables written: one table (`--table`, or the first), or
    /// every one, each note then prefixed with its table's name when there are several.
    public func rowlessNotes(table: String?, all: Bool) -> [String] {
        let names = dataTables.map(\.name)
        if all { return rowlessNotes.map { names.count > 1 && $0.table != "*" ? "\($0.table): \($0.note)" : $0.note } }
        let written = table ?? ((try? dataTable(named: nil))?.name ?? "")
        return rowlessNotes.filter { $0.table == written || $0.table == "*" }.map(\.note)
    }

    /// What the report is, in the words of its JSON `format` (`result`, `comparison`, …).
    public var kind: String {
        switch self {
        case .plan: "result"
        case .comparison, .comparisonWithFlips: "comparison"
        case .sweep: "sweep"
        case .simulation: "simulation"
        case .tipping: "tipping"
        case .explanation: "explanation"
        case .coalition: "coalition"
        case .diff: "diff"
        case .expectations: "expectations"
        case .margins: "margins"
        case .marginsFrontier: "margins-frontier"
        case .marginsPairs: "margins-pairs"
        case .alternatives: "alternatives"
        case .robust: "robust"
        case .attribution: "attribution"
        }
    }

    /// The table names of the reports whose tables do not depend on the result, by `kind`:
    /// a long analysis checks `--table` against them before its first solve (a wrong name
    /// was found only after a 14-second `attribute`). `AnalysesTests
    /// .fixedTableNamesAreTheTablesThereAre` checks them against `dataTables`.
    public static let fixedTableNames: [String: [String]] = [
        "margins": ["margins", "answers"], "margins-frontier": ["frontier", "answers"], "margins-pairs": ["pairs", "answers"], "tipping": ["scan"],
        "explanation": ["posts", "countries"], "robust": ["posts"], "attribution": ["lines", "subsets"],
    ]

    /// The tables a report of a batch run may hold, by `kind`: which of them it has depends
    /// on the result (a simulation of one variant has no `differences`), but a name
    /// outside these is wrong before any solve (it was found after 1,000 draws).
    public static let possibleTableNames: [String: [String]] = [
        "simulation": ["variants", "differences", "drivers", "open_share", "answers"], "sweep": ["points", "closure_order"],
        "alternatives": ["networks", "service_coverage", "summary"],
        // a version 1 plan has no services or interests; a comparison's flips come with --flips
        "result": ["summary", "posts", "countries", "flows", "country_services", "services", "interests", "rules"],
        "comparison": ["figures", "decisions", "presence", "services", "side_by_side", "flips", "answers"],
    ]

    /// Checks `--table NAME` against a report kind's fixed (or possible) table names,
    /// before any solve.
    ///
    /// - Throws: `ReportError` naming the tables there are (the same message as
    ///   `dataTable(named:)`); nothing for a nil name or a kind without fixed names.
    public static func checkTable(_ name: String?, kind: String) throws(ReportError) {
        guard let name, let names = fixedTableNames[kind] ?? possibleTableNames[kind], !names.contains(name) else { return }
        let which = fixedTableNames[kind] == nil ? "its tables can be" : "its tables"
        throw ReportError("no table \"\(name)\" in this output\(didYouMean(name, names)); \(which): \(names.joined(separator: ", "))")
    }

    /// The table named `name`, or the report's first (for a plan: the table
    /// it was made for) when `name` is nil.
    ///
    /// - Throws: `ReportError` naming the tables there are.
    public func dataTable(named name: String?) throws(ReportError) -> DataTable {
        let all = dataTables
        guard let name else {
            if case .plan(_, let table) = self, let t = all.first(where: { $0.name == table.rawValue }) { return t }
            guard let first = all.first else { throw ReportError("this output has no tables") }
            return first
        }
        guard let t = all.first(where: { $0.name == name }) else {
            throw ReportError("no table \"\(name)\" in this output\(didYouMean(name, all.map(\.name))); its tables: \(all.map(\.name).joined(separator: ", "))")
        }
        return t
    }

    /// One table as CSV in `dialect` (see `DataTableCSV`).
    ///
    /// - Throws: `ReportError` for an unknown table name.
    public func csv(table: String? = nil, dialect: CSVDialect = .standard) throws(ReportError) -> String {
        DataTableCSV.render(try dataTable(named: table), dialect: dialect)
    }

    /// Every table (or only `table`) as an xlsx workbook, one sheet each.
    ///
    /// - Throws: `ReportError` for an unknown table name or a workbook that
    ///   cannot be assembled.
    /// - Parameter description: what produced it (scenario file, hash, comparison),
    ///   kept in the workbook's properties and its last sheet, `about`.
    /// - Parameter command: the command line that wrote it, a `command` row of `about`
    ///   (none when empty).
    public func xlsx(table: String? = nil, description: String = "", warnings: [String] = [], command: String = "") throws(ReportError) -> Data {
        var tables = table == nil ? dataTables : [try dataTable(named: table)]
        // A comparison's workbook opens on the table as printed (side by side), the long
        // tables after it; CSV's default stays `figures`.
        if let k = tables.firstIndex(where: { $0.name == "side_by_side" }), k > 0 { tables.insert(tables.remove(at: k), at: 0) }
        guard !tables.isEmpty else { throw ReportError("this output has no tables") }
        do { return try XLSXWriter.data(tables, description: description, command: command, warnings: warnings, notes: rowlessNotes(table: table, all: table == nil)) } catch { throw ReportError("cannot assemble the workbook: \(error)") }
    }

    /// Every table (or only `table`) as a Frictionless data package's files.
    ///
    /// - Parameter description: what produced it (scenario file, hash, `--set` changes).
    /// - Parameter command: the command line that wrote it (`command` in datapackage.json).
    /// - Throws: `ReportError` for an unknown table name.
    public func dataPackage(table: String? = nil, description: String, command: String = "") throws(ReportError) -> [(name: String, data: Data)] {
        let tables = table == nil ? dataTables : [try dataTable(named: table)]
        guard !tables.isEmpty else { throw ReportError("this output has no tables") }
        let title = tables.first?.title ?? kind
        let written = rowlessNotes(table: table, all: table == nil)
        let notes = written.isEmpty ? "" : " " + written.joined(separator: " ")
        return DataPackageWriter.files(tables, name: "dipnet-\(kind)-\(title)", title: title, description: description + notes, command: command)
    }

    /// Writes the report in `format` to `target`.
    public func write<Target: TextOutputStream>(as format: OutputFormat, tone: Tone = .plain, to target: inout Target) {
        target.write(render(as: format, tone: tone))
    }
}

/// A report that cannot be given as asked (an unknown table, no tables).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
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
            if file.interrupted {
                out += "  ----  \(file.expectationCount) expectation(s) not checked: interrupted (Ctrl-C) before the solves ended\n"
                continue
            }
            if let e = file.solverError { out += "  \(tone.bad("FAIL"))  solver failed: \(e)\n"; continue }
            // Columns as wide as the longest name of the file: a cut name could read as another variant.
            let vw = max(16, file.outcomes.map(\.variant.count).max() ?? 0), ww = max(12, file.outcomes.map(\.what.count).max() ?? 0)
            for o in file.outcomes {
                let mark = o.passed ? tone.good("PASS") : tone.bad("FAIL")
                let loc = o.passed ? "" : "  (\(o.location))"
                out += "  \(mark)  \(o.variant.padding(toLength: vw, withPad: " ", startingAt: 0)) \(o.what.padding(toLength: ww, withPad: " ", startingAt: 0)) expected \(o.expected), measured \(o.measured)\(loc)\n"
            }
        }
        let invalid = run.invalid.isEmpty ? "" : ", \(run.invalid.count) invalid file(s) or folder(s) (below)"
        let unchecked = (run.unchecked == 0 ? "" : ", \(run.unchecked) not checked (interrupted)")
            + (run.notReached.isEmpty ? "" : ", \(run.notReached.count) file(s) not reached (interrupted)")
        return out + "\(run.passed) passed, \(run.failed) failed\(unchecked)\(invalid)\n"
    }

    /// One row per expectation: file, variant, what, expected, measured, passed.
    public static func dataTable(_ run: ExpectationRun) -> DataTable {
        var t = DataTable(name: "expectations", title: "Expectations", fields: [
            .init("file", .string), .init("variant", .string), .init("what", .string), .init("expected", .string),
            .init("measured", .string), .init("passed", .boolean), .init("location", .string),
        ])
        for file in run.files {
            for o in file.outcomes {
                t.rows.append([.text(file.path), .text(o.variant), .text(o.what), .text(o.expected),
                               .text(file.interrupted ? "not checked (interrupted)" : o.measured), .bool(o.passed && !file.interrupted),
                               .text("\(o.location)")])
            }
        }
        return t
    }
}

/// The one-line summaries of `dipnet validate`.
public enum ValidationReport {
    /// `PATH: ok — …` with what the file holds, then its content hash, the one every
    /// output made from it carries (JSON `content_hash`, a `From:` line).
    public static func line(_ path: String, _ f: ScenarioFile) -> String {
        let b = f.base
        let candidates = b.posts.filter { $0.status == .candidate }.count
        return "\(path): ok — \(Fmt.count(b.countries.count, "country", plural: "countries")), "
            + "\(Fmt.count(b.posts.count, "post")) "
            + "(\(Fmt.money(Double(b.posts.filter { $0.status == .existing }.count))) existing, \(Fmt.count(candidates, "candidate"))), "
            + "\(Fmt.count(b.partners.count, "partner offer")), \(Fmt.count(f.variantNames.count, "variant")), "
            + "\(Fmt.count(f.comparisons.count, "comparison")), \(Fmt.count(f.expectations.count, "expectation set"))"
            + "; content hash \(f.contentHash)"
    }

    /// `text` starting at `column` and wrapped to end by column 100, its lines after the
    /// first indented by `column` spaces; past column 60 it starts on the next line,
    /// indented by 8 (a long name would leave it too little room).
    static func hanging(_ text: String, at column: Int) -> String {
        let indent = column > 60 ? 8 : column
        let pad = String(repeating: " ", count: indent)
        let lines = TextRenderer.wrapNote(text, width: 100 - indent).split(separator: "\n").map(String.init)
        if column > 60 { return "\n" + lines.map { pad + $0 }.joined(separator: "\n") }
        return lines.enumerated().map { $0.offset == 0 ? $0.element : pad + $0.element }.joined(separator: "\n")
    }

    /// The variants a file offers (built-in first, then each declared one with its
    /// `extends` and description) and its comparisons (baseline, then the variants),
    /// one per line under the summary line: what `--variant` and `compare` accept.
    public static func listing(_ f: ScenarioFile) -> String {
        var out = "  variants:\n"
        let width = f.variantNames.map(\.count).max() ?? 0
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        for name in ScenarioFile.builtInVariants {
            out += "    \(pad(name))  (built in)\n"
        }
        for v in f.declaredVariants {
            let from = v.extends.map { "extends \($0)" }
            let text = [from, v.description.map(oneLine)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
            out += "    " + (text.isEmpty ? oneLine(v.name) : "\(pad(oneLine(v.name)))  \(hanging(text, at: 4 + width + 2))") + "\n"
        }
        let unnamed = f.declaredVariants.map(\.name).filter { $0.contains(",") || $0.contains("+") }
        if !unnamed.isEmpty {
            out += "  (a name holding \",\" or \"+\" cannot be given to --variants or composed with +: "
                + unnamed.map(oneLine).joined(separator: ", ") + ")\n"
        }
        if !f.comparisons.isEmpty {
            out += "  comparisons:\n"
            let cw = f.comparisons.map(\.name.count).max() ?? 0
            for c in f.comparisons {
                out += "    \(c.name + String(repeating: " ", count: cw - c.name.count))  "
                    + hanging("\(c.baseline) against \(c.variants.joined(separator: ", "))", at: 4 + cw + 2) + "\n"
            }
        }
        // a description moved to the next line leaves the name's padding behind
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// The states and variants of a coalition file, one variant per line with its
    /// description (`--list`).
    public static func listing(_ c: CoalitionFile) -> String {
        var out = "  states: " + c.states.map { oneLine($0.id) }.joined(separator: ", ") + "\n"
        if !c.variants.isEmpty {
            out += "  variants:\n"
            let width = c.variants.map { oneLine($0.name).count }.max() ?? 0
            for v in c.variants {
                let name = oneLine(v.name), text = v.description.map(oneLine) ?? ""
                out += "    " + (text.isEmpty ? name : name + String(repeating: " ", count: width - name.count) + "  " + text) + "\n"
            }
        }
        return out
    }

    /// A file's text on one line of a listing: runs of white space as one blank, control
    /// characters (a terminal's escape codes among them) as `?`.
    static func oneLine(_ text: String) -> String {
        let shown = String(text.unicodeScalars.map { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" ? "?" : Character($0) })
        return shown.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func line(_ path: String, _ c: CoalitionFile) -> String {
        "\(path): ok — coalition of \(Fmt.count(c.states.count, "state")) (\(c.states.map { "\($0.id): \(Fmt.count($0.scenario.posts.count, "post"))" }.joined(separator: ", "))), "
            + "\(Fmt.count(c.states.first?.scenario.countries.count ?? 0, "host country", plural: "host countries")), \(Fmt.count(c.agreements.count, "agreement")), "
            + "\(Fmt.count(c.variants.count, "variant")); content hash \(c.contentHash)"
    }
}
