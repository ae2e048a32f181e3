import ArgumentParser
import DiplomaticNetwork
import FileSupport
import Foundation
import LinearProgramming
import Reports

/// The command line: parses arguments into library calls and prints what
/// they return. Exit status: 0 success, 1 failed expectations or solver
/// failure, 2 invalid input (scenario or command line), 130 Ctrl-C.
struct Dipnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dipnet",
        abstract: "Plan a diplomatic network: solve scenarios, compare variants, test expectations.",
        discussion: """
            Exit status: 0 success, 1 failed expectations or solver failure, 2 invalid input, 130 interrupted.
            Scenario format: docs/scenario-format.md in the repository.
            """,
        version: dipnetVersion,
        subcommands: [ValidateCommand.self, SolveCommand.self, CompareCommand.self, TestCommand.self, ExportModelCommand.self,
                      SweepCommand.self, TippingCommand.self, MarginsCommand.self, AttributeCommand.self, AlternativesCommand.self, RobustCommand.self, SimulateCommand.self, ExplainCommand.self, MergeCommand.self,
                      DiffCommand.self, ReportCommand.self, GenerateCommand.self, CoalitionCommand.self]
    )
}

let dipnetVersion = DipnetVersion.string

/// Options of every command that solves.
struct SolverOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Stop each solve after this many seconds (reports the best plan found and its gap).")
    var timeLimit: Double?

    @Option(parsing: .unconditional, help: "Stop once the relative MIP gap is below this value (default: prove optimality).")
    var gap: Double?

    @Flag(name: .shortAndLong, help: "Print nothing but the result.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Show GLPK's log on standard error.")
    var verbose = false

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Solves to run at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Branching rule of GLPK's branch-and-bound: auto (product from 300 integer variables), product (pseudocosts with the product score), pseudocost (GLPK's hybrid pseudocost) or default (README, Benchmarks).", valueName: "auto|product|pseudocost|default"))
    var branching: Branching = .automatic

    @Flag(help: "Do not search for plans on a second core while GLPK branches (the search runs on single solves of networks with 300 or more posts when there are two cores; README, Benchmarks).")
    var noSearch = false

    func validate() throws {
        quietRun = quiet
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a number of seconds > 0") }
        if let g = gap, !(g.isFinite && g >= 0) { throw ValidationError("--gap must be a number ≥ 0") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The planner of the command's solves; Ctrl-C stops them (see `Interrupts`).
    var planner: Planner {
        Interrupts.shared.install()
        let showProgress = !quiet && !verbose && isatty(2) == 1
        if showProgress { ProgressLine.shared.start() }
        var options = SolveOptions(timeLimit: timeLimit, relativeGap: gap, echoLog: verbose,
                                   cancellation: Interrupts.shared.cancellation,
                                   monitor: showProgress ? ProgressLine.shared.monitor : nil)
        options.branching = branching
        return Planner(options: options,
                       parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                       neighbourhoodSearch: !noSearch)
    }

    /// For single plans and comparisons: infeasible variants are diagnosed.
    var diagnosingPlanner: Planner {
        var p = planner
        p.diagnoseInfeasible = true
        return p
    }

    func note(_ s: String) { if !quiet { dipnet.note(s) } }

    /// Exits 130 when Ctrl-C stopped the command's solves (after it wrote what it had).
    func exitIfInterrupted() throws {
        if Interrupts.shared.requested { throw ExitCode(130) }
    }

    /// For an answer built from several solves (regrets, a tipping point, margins, a
    /// simulation's summary): after Ctrl-C some rest on solves cut short, so nothing is
    /// written (an existing --out keeps what it held) and the exit status is 130.
    func refuseIfInterrupted(_ what: String) throws {
        guard Interrupts.shared.requested else { return }
        dipnet.note("interrupted: \(what) would rest on solves cut short; nothing written")
        throw ExitCode(130)
    }

    /// For a file (`--out`) after Ctrl-C: a comparison or report some of whose solves were
    /// cut short, or a plan with none at all (`partial`), does not replace what the file held
    /// (a hostile test's `solve -o s.json` lost its old plan to `"has_solution": false`);
    /// printed on the terminal it is shown, marked interrupted.
    func refuseOutIfInterrupted(_ what: String, out: String?, partial: Bool) throws {
        guard Interrupts.shared.requested, out != nil, partial else { return }
        dipnet.note("interrupted: \(what); \(out!) not written")
        throw ExitCode(130)
    }
}

/// Inputs changed on the command line, after the variant's own changes.
struct ChangeOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Change one input after the variant's own changes (repeatable; any path a variant may set, e.g. posts.HAV.annual_cost=900000).",
        valueName: "path=value"))
    var changes: [String] = []
}

/// Where and how a command writes its result.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("format")],
            help: "Output format (default: the --out file's, from its extension .txt, .md, .csv, .json or .xlsx; else table).")
    var formatOption: OutputFormat?

    /// The format written: `-f`'s, else the `--out` file's by its extension (`-o m.json`
    /// wrote the text table to m.json, and `-o m.xlsx` a text file named .xlsx, while
    /// `--also m.json` wrote JSON: a hostile pass), else the table.
    var format: OutputFormat {
        get { formatOption ?? out.flatMap { Self.format(ofFile: $0) } ?? .table }
        set { formatOption = newValue }
    }

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file (atomically) instead of standard output; a folder for datapackage.", valueName: "path"),
            completion: .file())
    var out: String?

    @Option(help: ArgumentHelp("Only this table (csv: default the first; the command's table names are in the error for a wrong one).", valueName: "name"))
    var table: String?

    @Option(help: "CSV for scripts (standard: `,` and `.`) or for Excel in a comma-decimal locale (excel: UTF-8 BOM, `;`, `,`).")
    var csvDialect: CSVDialect = .standard

    @Option(name: .customLong("also"), help: ArgumentHelp(
        "Also write the result to this file, in the format its name ends in: .txt (table), .md, .csv, .json or .xlsx. "
            + "Repeat for several: one run writes them all, where each -f run would solve again. --table and --csv-dialect apply to them too "
            + "(JSON is always whole).", valueName: "path"), completion: .file())
    var also: [String] = []

    /// Every file this output writes: `--out`, then the `--also` files.
    var files: [String] { (out.map { [$0] } ?? []) + also }

    /// Claims `--out` and every `--also` file (`OutputGuard`), before anything is solved.
    func claim() throws {
        if let out { try OutputGuard.shared.claim(out, as: "--out", folder: format == .datapackage) }
        try claimAlso()
    }

    /// Claims every `--also` file: before any is written, so that none is written when
    /// one cannot be (again where the command claimed them before solving).
    func claimAlso() throws {
        for path in also { try OutputGuard.shared.claim(path, as: "--also") }
    }

    /// Refuses an `--also` file in a format this result is not written in (`what` says
    /// which result: "--margins"), before anything is solved.
    func refuseAlso(beyond allowed: [OutputFormat], _ what: String) throws {
        for o in alsoOutputs where !allowed.contains(o.format) {
            throw UserError("--also \(o.out ?? ""): \(what) is written as " + allowed.map(\.rawValue).joined(separator: ", ")
                            + " only; give a file ending in " + allowed.map { $0 == .table ? ".txt" : $0 == .markdown ? ".md" : ".\($0.rawValue)" }.joined(separator: ", "))
        }
    }

    /// The format a file named `path` is written in for `--also`: its extension's, nil
    /// for one `--also` does not know.
    static func format(ofFile path: String) -> OutputFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "txt", "text": .table
        case "md", "markdown": .markdown
        case "csv": .csv
        case "json": .json
        case "xlsx": .xlsx
        default: nil
        }
    }

    /// `--also`'s files, each as the options that write it: its format from its extension,
    /// `--table` (left out of JSON, which is always the whole result) and `--csv-dialect`
    /// as given, no further `--also`.
    var alsoOutputs: [OutputOptions] {
        also.compactMap { path in
            guard let format = Self.format(ofFile: path) else { return nil }
            var o = self
            (o.format, o.out, o.also) = (format, path, [])
            if format == .json { o.table = nil }
            if format != .csv { o.csvDialect = .standard }
            return o
        }
    }

    mutating func validate() throws {
        for (i, path) in also.enumerated() {
            guard Self.format(ofFile: path) != nil else {
                throw ValidationError("--also \(path): the format is read from the file's extension: .txt, .md, .csv, .json or .xlsx")
            }
            if also[..<i].contains(path) { throw ValidationError("--also names \(path) twice") }
            if path == out { throw ValidationError("--also \(path) is --out's file too: give another path") }
        }
        // `-o -` is standard output, as in most tools (it wrote a file named "-").
        if out == "-" {
            guard format.isText else { throw ValidationError("--format \(format.rawValue) writes files: give --out a path, not -") }
            out = nil
        }
        if !format.isText && out == nil {
            throw ValidationError("--format \(format.rawValue) writes \(format == .xlsx ? "a workbook" : "a folder"): give --out \(format == .xlsx ? "FILE.xlsx" : "FOLDER")")
        }
        if csvDialect != .standard && format != .csv && !alsoOutputs.contains(where: { $0.format == .csv }) {
            throw ValidationError("--csv-dialect applies to --format csv (or an --also FILE.csv)")
        }
    }
}

/// Bad input found while running (a parameter path, a records file): printed
/// as one error line, exit status 2, without the usage text.
struct UserError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A solver that failed, or the machine (an output the disk had no room for): printed
/// as one error line, exit status 1.
struct SolverFailure: Error {
    var message: String
}

/// An output that could not be written, as the command line reports it: the machine's
/// failure (no space left, a quota, an I/O error) exits 1 like a solver's; a path that
/// cannot take the file (no such folder, no permission) is bad input and exits 2.
func writeFailure(_ error: Error, _ label: String = "") -> Error {
    if let e = error as? FileWriteError, e.outOfResources { return SolverFailure(message: label + e.description) }
    return UserError(label + "\(error)")
}

/// Invalid scenarios: printed as located diagnostics, exit status 2.
struct ScenarioProblems: Error, CustomStringConvertible {
    var errors: [ScenarioError]
    var description: String {
        let all = errors.flatMap(\.diagnostics)
        let text = errors.map(\.description).filter { !$0.isEmpty }.joined(separator: "\n")
        return text + "\n\(all.count) problem\(all.count == 1 ? "" : "s") found."
    }
}

/// Maps library errors to the command line's: invalid input exits 2, solver failures 1.
func userFacing(_ body: () throws -> Void) throws {
    do { try body() }
    catch let e as ScenarioError { throw ScenarioProblems(errors: [e]) }
    catch let e as ParameterError { throw UserError(e.description) }
    catch let e as NoPlanError { throw SolverFailure(message: e.description) }
    catch let e as RunError { throw UserError(e.description) }
    catch let e as FileWriteError { throw writeFailure(e) }
}

/// Prints warnings about input (legal, but almost surely unintended) on standard error.
func printWarnings(_ warnings: [Diagnostic]) {
    guard !warnings.isEmpty else { return }
    note(warnings.map(\.description).joined(separator: "\n"))
}

/// Loads a scenario file with the command line's `--set` changes, printing
/// its warnings (each once in a run: `margins --across` loads the file again for each
/// value); invalid input exits 2. `origin` renames where a warning comes from (its
/// description's prefix: a value of `--across`, passed as one more change, is not a
/// `--set` the analyst gave).
func loadScenario(_ path: String, set changes: [String] = [], variants: [String] = [], comparison: String? = nil,
                  origin: (from: String, to: String)? = nil) throws -> ScenarioFile {
    do {
        let file = try ScenarioFile.load(path, set: changes, variants: variants, comparison: comparison)
        let said = file.warnings.map { w in
            origin.map { w.description.hasPrefix($0.from) ? $0.to + w.description.dropFirst($0.from.count) : w.description } ?? w.description
        }
        let new = said.filter { warnedAlready.insert($0).inserted }
        if !new.isEmpty { note(new.joined(separator: "\n")) }
        OutputGuard.shared.read(file.inputFiles + [path])
        if origin == nil {
            loadedSource = provenance(path, file.content, changes: changes)
            loadedHash = file.content.hex
        }
        loadedWarnings += new
        return file
    } catch {
        // Only a file that failed is read again, to tell a coalition given by mistake.
        if DipnetFileKind.of(path) == .coalition {
            throw UserError("\(path) is a coalition file (it has `states:`): plan it with dipnet coalition \(path)"
                            + " (with --simulate for its uncertainty section, --tipping for a flip)")
        }
        throw ScenarioProblems(errors: [error])
    }
}

/// The warnings printed already in this run, as printed (a file's, `ScenarioFile.outsideStated`'s,
/// an analysis's): each is printed and kept once, though `margins --across` loads the file
/// again for each value.
nonisolated(unsafe) var warnedAlready = Set<String>()

/// Warns once of the inputs the variants a run uses put outside their stated ranges, and
/// of the `--set` changes that replace what those variants set themselves
/// (`ScenarioFile.overriddenChanges`), and keeps the warnings for the exports' footers
/// (`loadedWarnings`).
func warnOutsideStated(_ file: ScenarioFile, _ names: [String]) {
    let new = (file.compositionWarnings(names) + file.overriddenChanges(names) + file.outsideStated(names))
        .filter { warnedAlready.insert($0.description).inserted }
    guard !new.isEmpty else { return }
    printWarnings(new)
    loadedWarnings += new.map(\.description)
}

/// Warns once where a sweep or a tipping search sets an input the variant sets or scales
/// itself (`ScenarioFile.replacedByAnalysis`), and keeps the warnings for the exports'
/// footers. `paths` are the analysis's parsed paths; called once they parse, so that a
/// refused command gives its error alone.
func warnReplaced(_ file: ScenarioFile, _ variant: String, paths: [String], analysis: String, each: String, includingSet: Bool = true) {
    let new = file.replacedByAnalysis(variant, paths: paths, analysis: analysis, each: each, includingSet: includingSet)
        .filter { warnedAlready.insert($0.description).inserted }
    guard !new.isEmpty else { return }
    printWarnings(new)
    loadedWarnings += new.map(\.description)
}

/// The names of a comma-separated `--variants` list (none when absent).
func variantList(_ list: String?) -> [String] {
    (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// Loads a scenario file and one of its variants (or `a+b`); invalid input exits 2.
func loadVariant(_ path: String, _ variant: String, set changes: [String] = []) throws -> (ScenarioFile, Scenario) {
    let file = try loadScenario(path, set: changes, variants: [variant])
    warnOutsideStated(file, [variant])
    do { return (file, try file.scenario(variant)) } catch { throw ScenarioProblems(errors: [error]) }
}

/// Writes text to `--out` atomically, or to standard output.
func emit(_ text: String, to out: String?, role: String = "--out") throws {
    guard let out else {
        // A progress line on the same terminal is cleared first, so the result starts on a clean row.
        ProgressLine.shared.clear()
        // The throwing write: a full disk or a closed pipe is an error, not a crash.
        do { try FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) } catch {
            throw SolverFailure(message: "cannot write to standard output: \((error as NSError).localizedDescription)")
        }
        return
    }
    try OutputGuard.shared.claim(out, as: role)
    do { try AtomicFile.write(Data(text.utf8), to: out) } catch { throw writeFailure(error, "\(role): ") }
    noteWrote(out)
}

/// Writes a result that renders itself as text (`render` takes the format) to `--out` or
/// standard output, then to each `--also` file; every `--also` path is claimed before
/// anything is written.
///
/// - Throws: `UserError` for an `--also` in a format the result has no text for (xlsx).
func emit(_ render: (OutputFormat) -> String, _ output: OutputOptions) throws {
    let extra = output.alsoOutputs
    if let e = extra.first(where: { !$0.format.isText }) {
        throw UserError("--also \(e.out ?? ""): this output is written as text only: give .txt, .md, .csv or .json")
    }
    try output.claimAlso()
    func text(_ format: OutputFormat, _ out: String?) -> String {
        switch format {
        case .json: withRunWarnings(render(format))
        case .markdown: withReadingWarnings(render(format))
        case .table: withTableWarnings(render(format), out: out)
        default: render(format)
        }
    }
    try emit(text(output.format, output.out), to: output.out)
    for e in extra { try emit(text(e.format, e.out), to: e.out, role: "--also") }
}

/// A text table written to a file (`-o`, `--also FILE.txt`) with the run's warnings as a
/// footer, as markdown carries them; on standard output the text is unchanged (the
/// terminal showed them on standard error).
func withTableWarnings(_ text: String, out: String?) -> String {
    guard out != nil else { return text }
    var text = runCommand.isEmpty ? text : text + (text.hasSuffix("\n") ? "" : "\n") + "\nCommand: \(runCommand)\n"
    // (on one line: a file name's line breaks put the hash on another line)
    if let source = loadedSource { text += (text.hasSuffix("\n") ? "" : "\n") + "From: \(source.replacingOccurrences(of: "\n", with: " "))\n" }
    guard !loadedWarnings.isEmpty else { return text }
    return text + "\nWarnings (printed on standard error as the run went):\n"
        + loadedWarnings.map { "- " + $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
}

/// JSON with the warnings this run printed (`loadedWarnings`: reading the scenario, inputs
/// outside their stated ranges, a variant's value an analysis replaces) as its last key,
/// `warnings`, each warning as printed; the JSON unchanged when there were none.
/// A pipeline that keeps only the JSON keeps what the terminal said.
func withRunWarnings(_ json: String) -> String {
    // The scenario's content hash and the command that wrote it, so that a file sent on
    // says what it came from and how to make it again (a coalition's output names its own
    // file's hash already).
    var json = json
    if let hash = loadedHash, !json.contains("\n  \"content_hash\": ") {
        json = JSONValue.adding("content_hash", .string(hash), toSerialized: json)
    }
    if !runCommand.isEmpty { json = JSONValue.adding("command", .string(runCommand), toSerialized: json) }
    // A summary of a run cut short says so itself (`interrupted: true`, before `warnings`):
    // a pipeline reading standard output took 944 of 20,000 draws for the whole run.
    if runInterrupted { json = JSONValue.adding("interrupted", .bool(true), toSerialized: json) }
    guard !loadedWarnings.isEmpty else { return json }
    return JSONValue.adding("warnings", .array(loadedWarnings.map { .string($0) }), toSerialized: json)
}

/// Set when Ctrl-C stopped a batch (sweep, simulation, alternatives) whose partial summary
/// is printed: its JSON gains `interrupted: true` and its markdown a line saying so.
nonisolated(unsafe) var runInterrupted = false

/// Set from `--quiet` (`SolverOptions.validate`): notes on standard error are left out.
nonisolated(unsafe) var quietRun = false

/// "wrote PATH" on standard error, after an output file is in place (not with --quiet).
func noteWrote(_ path: String) { if !quietRun { note("wrote \(path)") } }

/// Markdown with the run's warnings as a footer (`loadedWarnings`: reading the scenario, and
/// those of the analysis, as printed), each a code
/// span that holds it as printed (backticks in it fenced by longer runs), so that a memo
/// built from the export keeps what the terminal said.
func withReadingWarnings(_ markdown: String) -> String {
    func span(_ s: String) -> String {
        var fence = "`"
        while s.contains(fence) { fence += "`" }
        let pad = s.hasPrefix("`") || s.hasSuffix("`") ? " " : ""
        return fence + pad + s + pad + fence
    }
    var markdown = runInterrupted
        ? markdown + "\n**Interrupted**: the run was stopped; this summary covers only the records finished before the stop.\n" : markdown
    // The command and the data as code: a code span, or a fenced block for text with a line
    // break, which a span cannot hold (the lines after it read as markdown blocks, a hostile
    // pass found, and a file name's backticks broke the line).
    func code(_ label: String, _ text: String, info: String = "") -> String {
        guard text.contains(where: \.isNewline) else { return "\n**\(label)**: " + span(text) + "\n" }
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return "\n**\(label)**:\n\n\(fence)\(info)\n\(text)\n\(fence)\n"
    }
    if !runCommand.isEmpty { markdown += code("Command", runCommand, info: "sh") }
    if let source = loadedSource { markdown += code("From", source) }
    guard !loadedWarnings.isEmpty else { return markdown }
    return markdown + "\n**Warnings** (printed on standard error as the run went; `dipnet validate` lists those of the file itself):\n\n"
        + loadedWarnings.map { "- " + span($0.replacingOccurrences(of: "\n", with: " ")) }.joined(separator: "\n") + "\n"
}

/// Writes a report in the chosen format to `--out` or standard output:
/// text formats through `Report.render`, `--table` picking one table;
/// csv through `Report.csv` in the chosen dialect; xlsx and datapackage as
/// files (atomically). `source` says what produced the output (for a data
/// package's description).
///
/// Then writes each `--also` file, in the format its name ends in.
func emit(_ report: Report, _ output: OutputOptions, source: String = "") throws {
    try output.claimAlso()
    try emitOne(report, output, source: source, role: "--out")
    for e in output.alsoOutputs { try emitOne(report, e, source: source, role: "--also") }
}

/// `emit` for one output; `role` names it in errors (`--out`, `--also`).
func emitOne(_ report: Report, _ output: OutputOptions, source: String, role: String) throws {
    // Where the tables come from: given, else the scenario this run read.
    let source = source.isEmpty ? (loadedSource ?? "") : source
    if let out = output.out { try OutputGuard.shared.claim(out, as: role, folder: output.format == .datapackage) }
    do {
        switch output.format {
        case .csv:
            try emit(try report.csv(table: output.table, dialect: output.csvDialect), to: output.out, role: role)
            // The rows cannot say what they leave out (a variant without a plan): standard error does.
            for n in report.rowlessNotes(table: output.table, all: false) { note("note: " + n) }
        case .xlsx:
            guard let out = output.out else { throw UserError("--format xlsx needs --out FILE.xlsx") }
            do { try AtomicFile.write(try report.xlsx(table: output.table, description: source, warnings: loadedWarnings, command: runCommand), to: out) }
            catch let e as FileWriteError { throw writeFailure(e, "\(role): ") }
            noteWrote(out)
        case .datapackage:
            guard let out = output.out else { throw UserError("--format datapackage needs --out FOLDER") }
            let description = "Written by dipnet \(dipnetVersion)" + (source.isEmpty ? "." : " from \(source).")
                + (loadedWarnings.isEmpty ? "" : " Warnings: " + loadedWarnings.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " "))
            do { try AtomicDirectory.write(try report.dataPackage(table: output.table, description: description, command: runCommand), to: out, marker: "datapackage.json") }
            catch let e as FileWriteError { throw writeFailure(e, "\(role): ") }
            noteWrote(out)
        case .table, .markdown:
            if let name = output.table {
                // One table alone: what its rows leave out (a simulation's ranges not drawn)
                // under it, as the whole report says it in place.
                var t = try report.dataTable(named: name).displayTable()
                t.notes += report.rowlessNotes(table: name, all: false).map { output.format == .markdown ? $0 : TextRenderer.wrapNote($0, width: 100) }
                try emit(output.format == .markdown ? withReadingWarnings(MarkdownRenderer.render(t))
                         : withTableWarnings(TextRenderer.render(t, width: 140), out: output.out), to: output.out, role: role)
            } else {
                let text = report.render(as: output.format, tone: output.out == nil ? Style.tone : .plain)
                try emit(output.format == .markdown ? withReadingWarnings(text) : withTableWarnings(text, out: output.out), to: output.out, role: role)
            }
        case .json:
            if output.table != nil { throw UserError("--table applies to table, markdown, csv, xlsx and datapackage output") }
            try emit(withRunWarnings(report.render(as: .json)), to: output.out, role: role)
        }
    } catch let e as ReportError { throw UserError(e.description) }
}

extension OutputFormat: ExpressibleByArgument {}
extension CSVDialect: ExpressibleByArgument {}

extension Branching: ExpressibleByArgument {}

/// The files this run reads and the files it writes: no output may replace an
/// input (the scenario or coalition file, the tables it reads, records being
/// merged or charted) or another output of the same run, and a folder output
/// (a data package) may not hold an input. Paths are compared after following
/// symbolic links. Outputs are claimed before they are written, most of them
/// before any solve.
final class OutputGuard: @unchecked Sendable {
    static let shared = OutputGuard()
    private let lock = NSLock()
    private var inputs: [String: String] = [:]        // canonical path → as given
    private var outputs: [String: (given: String, role: String, folder: Bool)] = [:]

    /// The absolute path with symbolic links followed (those of its folder, for a file not yet written).
    static func canonical(_ path: String) -> String {
        let url = fileURL(path).standardizedFileURL
        if FileManager.default.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().path }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }

    /// Registers files this run reads.
    func read(_ paths: [String]) {
        lock.lock(); defer { lock.unlock() }
        for p in paths { inputs[Self.canonical(p)] = p }
    }

    /// Claims `path` as the output `role` (e.g. "--out", "--records"); claiming
    /// it again in the same role is allowed.
    ///
    /// - Throws: `UserError` when `path` is an input of this run, another output's
    ///   path, or (with `folder`) a folder that holds an input.
    func claim(_ path: String, as role: String, folder: Bool = false) throws {
        lock.lock(); defer { lock.unlock() }
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw UserError("\(role) needs a path; it was given an empty one") }
        // A name the file system cannot hold is refused now, not after a long run.
        let name = fileURL(path).lastPathComponent
        if name.utf8.count > 255 {
            throw UserError("cannot write \(path.prefix(60))… (\(role)): its name has \(name.utf8.count) bytes, and file systems hold at most 255; give a shorter name")
        }
        let key = Self.canonical(path)
        if let input = inputs[key] {
            throw UserError("cannot write \(path) (\(role)): it is \(input), an input of this run; give another path")
        }
        if folder, let input = inputs.first(where: { $0.key.hasPrefix(key.hasSuffix("/") ? key : key + "/") })?.value {
            throw UserError("cannot write the folder \(path) (\(role)): it holds \(input), an input of this run; give another folder")
        }
        if let other = outputs[key], other.role != role {
            throw UserError("cannot write \(path) (\(role)): \(other.role) \(other.given) names the same file; give another path")
        }
        // A file inside a folder output (a data package) would replace one of its files, or
        // be replaced by the folder (an --also in it overwrote the package's descriptor).
        if let other = outputs.first(where: { $0.value.folder && $0.key != key && key.hasPrefix($0.key.hasSuffix("/") ? $0.key : $0.key + "/") })?.value {
            throw UserError("cannot write \(path) (\(role)): it is inside the folder \(other.given) that \(other.role) writes; give a path outside it")
        }
        if folder, let inside = outputs.first(where: { $0.key != key && $0.key.hasPrefix(key.hasSuffix("/") ? key : key + "/") })?.value {
            throw UserError("cannot write the folder \(path) (\(role)): \(inside.role) \(inside.given) is inside it; give a path outside it")
        }
        // Before any solve: what would only fail at the end of a long run.
        var isDirectory: ObjCBool = false
        if !folder, FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UserError("cannot write \(path) (\(role)): it is a folder, expected a file")
        }
        let parent = fileURL(path).standardizedFileURL.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) {
            throw UserError("cannot write \(path) (\(role)): the folder \(parent) does not exist; create it first or give another path")
        }
        if !isFolder.boolValue { throw UserError("cannot write \(path) (\(role)): \(parent) is a file, not a folder") }
        // Written atomically: a temporary file in the same folder, then a rename, so the
        // folder itself must be writable (checked now, not after a long run).
        if access(parent, W_OK) != 0 {
            throw UserError("cannot write \(path) (\(role)): the folder \(parent) is not writable; give another path")
        }
        outputs[key] = (path, role, folder)
    }
}

/// The command line of this run as a shell would take it back (`dipnet` for the program's
/// path, each argument quoted where a POSIX shell needs it): written into what the run
/// writes for a reader to repeat it (JSON `command`, a markdown or file table's footer,
/// xlsx `about`, a data package's `command`, the HTML report). Set in `main.swift`.
nonisolated(unsafe) var runCommand = ""
/// The arguments of this run (without the program), as given: a resume hint repeats them.
nonisolated(unsafe) var runArguments: [String] = []

/// `arguments` (without the program) as one line a POSIX shell reads back as the same
/// words, after `dipnet`: a word of safe characters as it is, any other in single quotes
/// (a quote in it as `'\''`), an empty word as `''`.
func shellCommand(_ arguments: [String]) -> String {
    (["dipnet"] + arguments.map(shellQuoted)).joined(separator: " ")
}

/// `word` as a POSIX shell reads it back: as it is when made of safe characters only, else
/// in single quotes (a quote in it as `'\''`; an empty word `''`).
func shellQuoted(_ word: String) -> String {
    let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-")
    if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The scenario file this run read and its content hash, for the provenance of
/// spreadsheets and data packages (one scenario a run; set by `loadScenario`).
nonisolated(unsafe) var loadedSource: String? = nil
/// The content hash (`ContentHash.hex`) of the scenario this run read, or of the run whose
/// records it merges: JSON outputs carry it (`content_hash`; `command` names the file), so
/// that a result sent on says which data it came from, not only the scenario's title. Set
/// by `loadScenario` and `merge`.
nonisolated(unsafe) var loadedHash: String? = nil
/// The warnings of the scenario this run read (`loadScenario`), as printed: a markdown or
/// xlsx output carries them, so that a memo built from it does not lose what the terminal
/// said (an analyst's percent-as-factor draws were warned of there, and the export was silent).
nonisolated(unsafe) var loadedWarnings: [String] = []

/// What a spreadsheet or data package says it was made from: the file, its content
/// hash (the SHA-256 of the file's and its tables' SHA-256 lines, with the command
/// that recomputes it in the file's folder), the variant or comparison, and `--set`.
func provenance(_ path: String, _ content: ContentHash, changes: [String] = [], what: String? = nil) -> String {
    "\(path) (content hash \(content.hex), the SHA-256 of `\(content.verificationCommand)` in its folder)"
        + (what.map { ", \($0)" } ?? "") + (changes.isEmpty ? "" : ", --set " + changes.joined(separator: " --set "))
}
