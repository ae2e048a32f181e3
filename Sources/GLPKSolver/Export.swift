import CGLPK
import FileSupport
import Foundation
import LinearProgramming

/// File formats GLPK's writers produce.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP, readable by most solvers and by people.
    case cplexLP = "lp"
    /// Free MPS.
    case freeMPS = "mps"
}

extension GLPKSolver {
    /// Writes the model as CPLEX LP or free MPS through GLPK's own writers,
    /// keeping the modelling layer's names. The file appears atomically
    /// (written beside the target, flushed to disk, then renamed), so a failed
    /// export leaves nothing half-written.
    ///
    /// Every reader (glpsol, CBC, HiGHS, CPLEX) gets the model's optimum:
    /// - the objective constant is carried by a column `objective_constant`
    ///   fixed at 1, because LP has no constant and MPS readers disagree on the
    ///   sign of a constant written as the objective row's right-hand side;
    /// - free MPS has no objective sense every reader takes, so a maximisation
    ///   is written as the minimisation of its negated objective;
    /// - names are mapped to what the format allows and kept distinct (`GLPKNames`):
    ///   `open[HAV]` is written `open(HAV)` in LP.
    /// A comment at the top of the file says all this.
    ///
    /// - Throws: `GLPKError.invalidModel` for numbers GLPK cannot take,
    ///   `GLPKError.io` when the file cannot be written or names a compressed file
    ///   (`exportPathProblem`).
    public func write(_ model: Model, as format: ModelFileFormat, to path: String) throws {
        if let problem = Self.exportPathProblem(path) { throw GLPKError.io(problem) }
        let problems = Self.problems(of: model)
        if !problems.isEmpty { throw GLPKError.invalidModel(problems) }
        let negate = format == .freeMPS && model.sense == .maximize
        var written = model
        var objective = model.objective
        let constant = objective.constant
        objective.constant = 0
        if constant != 0 {
            let one = written.addVariable("objective_constant", lower: 1, upper: 1)
            objective.add(one, constant)
        }
        written.setObjective(negate ? -objective : objective, negate ? .minimize : model.sense)
        let names = GLPKNames(written, for: .file(format))
        var renamed: [(written: String, original: String)] = []
        let pairs = Array(zip(names.columns, written.variables.map(\.name))) + Array(zip(names.rows, written.constraintNames))
        for (written, original) in pairs where written != format.exportName(original) {
            renamed.append((written, original))
        }
        // A name told apart (`e_f~2` for the model's e_f) leaves the first comer under the
        // plain name (`e_f` for the model's e<f): list that one too, first, or a reader
        // takes e_f for the model's e_f.
        let contested = Set(renamed.map { format.exportName($0.original) })
        let firstComers = pairs.filter { contested.contains($0.0) && $0.0 != $0.1 }
        renamed = firstComers.map { (written: $0.0, original: $0.1) } + renamed
        let header = Self.exportHeader(format: format, negated: negate, constantColumn: constant != 0 ? names.columns.last : nil,
                                       renamed: renamed)
        do { try writeAtomically(written, names: names, header: header, format: format, to: path) }
        catch let e as FileWriteError { throw GLPKError.io(e.description) }
    }

    /// Writes each model to its path (`write`), all files or none: after a failure the
    /// files this call wrote are removed. Check the targets first (`checkExportTargets`).
    ///
    /// - Throws: the first error of `write`.
    public func writeAll(_ files: [(model: Model, format: ModelFileFormat, path: String)]) throws {
        var written: [String] = []
        do {
            for f in files {
                try write(f.model, as: f.format, to: f.path)
                written.append(f.path)
            }
        } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }

    /// Checks, before any work, the files an export is about to write: none may
    /// have a compressed name (`exportPathProblem`), be named twice, be one of
    /// `inputs` (the scenario or coalition file and the tables it reads), or be a
    /// folder, a device or anything else than a regular file, or lie in a folder
    /// that does not exist. Symbolic links are followed.
    ///
    /// - Throws: `GLPKError.io` naming the first such target.
    public static func checkExportTargets(_ targets: [String], inputs: [String]) throws {
        func canonical(_ p: String) -> String { fileURL(p).standardizedFileURL.resolvingSymlinksInPath().path }
        let protected = Dictionary(inputs.map { (canonical($0), $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: String] = [:]
        for target in targets {
            if let problem = exportPathProblem(target) { throw GLPKError.io(problem) }
            // Numbered files (a coalition's groups, `NAME-2.lp`) add a few bytes: a name
            // the file system cannot hold is refused now, before the standalone solves.
            let name = (target as NSString).lastPathComponent
            if name.utf8.count > 240 {
                throw GLPKError.io("cannot write \(target.prefix(60))…: its name has \(name.utf8.count) bytes; keep it under 240 "
                                   + "(file systems hold 255, and numbered files add a suffix)")
            }
            let key = canonical(target)
            if let input = protected[key] { throw GLPKError.io("cannot write \(target): it is \(input), an input of this run; give another path") }
            if let other = seen[key] { throw GLPKError.io("cannot write \(target): \(other) names the same file") }
            seen[key] = target
            if target.hasSuffix("/") { throw GLPKError.io("cannot write \(target): it names a folder") }
            let parent = (key as NSString).deletingLastPathComponent
            var parentIsFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &parentIsFolder) || !parentIsFolder.boolValue {
                throw GLPKError.io("cannot write \(target): no folder \((target as NSString).deletingLastPathComponent)")
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) {
                if isFolder.boolValue { throw GLPKError.io("cannot write \(target): it is a folder") }
                if let type = try? FileManager.default.attributesOfItem(atPath: key)[.type] as? FileAttributeType, type != .typeRegular {
                    throw GLPKError.io("cannot write \(target): it is not a regular file")
                }
            }
        }
    }

    /// Why `path` cannot take an exported model, or nil: exports are plain text, and a
    /// name ending in `.gz`, `.bz2`, `.xz` or `.zst` would promise a compressed file
    /// (GLPK compresses `.gz` itself only when built with zlib, and dipnet adds a
    /// plain-text header in any case).
    public static func exportPathProblem(_ path: String) -> String? {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["gz", "bz2", "xz", "zst"].contains(ext) else { return nil }
        return "\(path): dipnet writes the model as plain text, not .\(ext); write it without .\(ext) and compress it afterwards"
    }

    private func writeAtomically(_ written: Model, names: GLPKNames, header: String, format: ModelFileFormat, to path: String) throws {
        try AtomicFile.write(to: path) { temporary in
            try GLPKSession(echo: false).run { session in
                let prob = try session.load(written, names: names)
                defer { session.delete(prob) }
                let code = temporary.withCString { cglpk_write(session.raw, prob, format == .cplexLP ? 0 : 1, $0) }
                if code == 1 { throw GLPKError.io("GLPK could not write \(path): \(session.log.trimmingCharacters(in: .whitespacesAndNewlines))") }
                try session.check(code)
            }
            guard let body = FileManager.default.contents(atPath: temporary) else {
                throw GLPKError.io("cannot read back \(temporary)")
            }
            do { try (Data(header.utf8) + body).write(to: fileURL(temporary)) } catch {
                throw GLPKError.io("cannot write \(path): \(error.localizedDescription)")
            }
        }
    }

    /// The comment that opens an exported file: how to read it and get the model's optimum.
    static func exportHeader(format: ModelFileFormat, negated: Bool, constantColumn: String?,
                             renamed: [(written: String, original: String)] = []) -> String {
        var lines: [String] = []
        switch format {
        case .freeMPS:
            lines.append("Free MPS written by dipnet. Read it with `glpsol --freemps FILE`, `cbc FILE` or `highs FILE`.")
            if negated {
                lines.append("The model maximises; free MPS has no objective sense every reader takes, so this file")
                lines.append("minimises the NEGATED objective: the model's optimum is MINUS the optimum of this file.")
            }
        case .cplexLP:
            lines.append("CPLEX LP written by dipnet. Read it with `glpsol --lp FILE`, `cbc FILE` or `highs FILE`.")
        }
        if let c = constantColumn {
            lines.append("The objective's constant term is the coefficient of column \(c), fixed at 1, so that")
            lines.append("every reader reports the same optimum.")
        }
        if !renamed.isEmpty {
            lines.append("Names shortened or told apart for this format (as written = name in the model):")
            for r in renamed.prefix(50) {
                let original = r.original.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : String($0) }.joined()
                lines.append("  \(r.written) = \(original)")
            }
            if renamed.count > 50 { lines.append("  and \(renamed.count - 50) more") }
        }
        switch format {
        case .freeMPS: return lines.map { "* " + $0 + "\n" }.joined()
        case .cplexLP: return lines.map { "\\* " + $0 + " *\\\n" }.joined() + "\n"
        }
    }

    /// The model as text in the given format.
    public func text(of model: Model, as format: ModelFileFormat) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dipnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("model.\(format.rawValue)").path
        try write(model, as: format, to: path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}

extension ModelFileFormat {
    /// The name as written in this format, before `GLPKNames` shortens and
    /// separates names. CPLEX LP allows letters, digits and
    /// ``!"#$%&()/,.;?@_`'{}|~``, not starting with a digit or a period;
    /// brackets become parentheses, anything else `_`. MPS names lose blanks
    /// and control characters.
    public func exportName(_ name: String) -> String {
        switch self {
        case .freeMPS:
            let mapped = String(name.unicodeScalars.map { $0.value <= 0x20 || $0.value == 0x7f ? "_" : Character($0) })
            return mapped.isEmpty ? "_" : mapped
        case .cplexLP:
            let allowed = Set("!\"#$%&()/,.;?@_`'{}|~")
            var out = ""
            for ch in name {
                if ch == "[" { out.append("(") }
                else if ch == "]" { out.append(")") }
                else if ch.isASCII && (ch.isLetter || ch.isNumber || allowed.contains(ch)) { out.append(ch) }
                else { out.append("_") }
            }
            if let first = out.first, first.isNumber || first == "." || first == "e" || first == "E" { out = "_" + out }
            return out.isEmpty ? "_" : out
        }
    }
}

extension GLPKSolver {
    /// Reads a CPLEX LP or free MPS file with GLPK and solves it (branch-and-cut
    /// when it has integer columns); returns the objective. For round-trip checks.
    @_spi(Testing)
    public static func solveFile(_ path: String, format: ModelFileFormat) throws -> Double {
        try GLPKSession(echo: false).run { session in
            var prob: OpaquePointer? = nil
            let code = path.withCString { cglpk_read(session.raw, format == .cplexLP ? 0 : 1, $0, &prob) }
            if code == 1 { throw GLPKError.io("GLPK could not read \(path)") }
            try session.check(code)
            guard let p = prob else { throw GLPKError.io("GLPK could not read \(path)") }
            defer { session.delete(p) }
            var params = cglpk_solve_params()
            params.is_mip = 1
            params.presolve = 1
            params.msg_lev = GLP_MSG_ERR
            params.tm_lim = Int32.max
            var report = cglpk_solve_report()
            try session.check(cglpk_solve(session.raw, p, &params, &report))
            return report.objective
        }
    }
}
