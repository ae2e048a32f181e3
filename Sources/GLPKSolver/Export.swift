import CGLPK
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
    /// (written beside the target, then renamed), so a failed export leaves
    /// nothing half-written.
    ///
    /// Characters a format does not allow in names are replaced
    /// (`ModelFileFormat.exportName`): `open[HAV]` is written `open(HAV)` in LP.
    public func write(_ model: Model, as format: ModelFileFormat, to path: String) throws {
        var problems = Self.problems(of: model)
        let columns = model.variables.map { format.exportName($0.name) }
        let rows = model.constraintNames.map { format.exportName($0) }
        for (kind, names) in [("variable", columns), ("constraint", rows)] {
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                problems.append("two \(kind)s are both written as \(name) in \(format.rawValue) format")
                break
            }
        }
        if !problems.isEmpty { throw GLPKError.invalidModel(problems) }
        // Free MPS has no objective sense and GLPK reads every MPS file as a
        // minimisation, so a maximisation is written as min −f, and said so.
        let negate = format == .freeMPS && model.sense == .maximize
        var written = model
        if negate { written.setObjective(-model.objective, .minimize) }
        // CPLEX LP has no objective constant (GLPK writes it as a comment that
        // every reader ignores): carry it on a variable fixed at 1.
        if format == .cplexLP, model.objectiveConstant != 0 {
            let names = Set(model.variables.map(\.name))
            var name = "objective_constant"
            while names.contains(name) { name += "_" }
            let one = written.addVariable(name, lower: 1, upper: 1)
            written.setObjective(model.objective - model.objectiveConstant + model.objectiveConstant * one, model.sense)
        }
        try AtomicFile.write(to: path) { temporary in
            try GLPKSession(echo: false).run { session in
                let prob = try session.load(written, names: true, nameMap: format.exportName)
                defer { session.delete(prob) }
                let code = temporary.withCString { cglpk_write(session.raw, prob, format == .cplexLP ? 0 : 1, $0) }
                if code == 1 { throw GLPKError.io("GLPK could not write \(path): \(session.log.trimmingCharacters(in: .whitespacesAndNewlines))") }
                try session.check(code)
            }
            if negate {
                let note = "* dipnet: this maximisation is written as the minimisation of its negated objective;\n"
                    + "* the optimum of the model is minus the optimum of this file.\n"
                guard let body = FileManager.default.contents(atPath: temporary) else {
                    throw GLPKError.io("cannot read back \(temporary)")
                }
                try (Data(note.utf8) + body).write(to: URL(fileURLWithPath: temporary))
            }
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
    /// The name as written in this format. CPLEX LP allows letters, digits and
    /// ``!"#$%&()/,.;?@_`'{}|~``, not starting with a digit or a period;
    /// brackets become parentheses, anything else `_`. MPS names only lose blanks.
    public func exportName(_ name: String) -> String {
        switch self {
        case .freeMPS:
            let mapped = String(name.map { $0 == " " || $0 == "\t" ? "_" : $0 })
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

/// Writes files so that readers see either the old file or the whole new one.
public enum AtomicFile {
    /// Calls `body` with a temporary path in the target's directory, then
    /// renames it onto `path`; on any error the temporary file is removed.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw GLPKError.io("cannot write \(path): directory \(dir.path) does not exist")
        }
        let temporary = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            try body(temporary)
            guard rename(temporary, path) == 0 else {
                throw GLPKError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes bytes atomically.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { temporary in
            do { try data.write(to: URL(fileURLWithPath: temporary)) }
            catch { throw GLPKError.io("cannot write \(path): \(error.localizedDescription)") }
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
