import CGLPK
import LinearProgramming

/// One thread's use of GLPK: owns the C session (error trap, captured log) and
/// frees the thread's GLPK environment when `run` ends, whatever happened.
/// Never shared between threads; problem pointers never leave this file's users.
final class GLPKSession {
    let raw: OpaquePointer
    /// False once a trapped fatal error made the shim free the environment
    /// (and with it every problem of this thread).
    private(set) var environmentAlive = true

    init(echo: Bool) {
        guard let s = cglpk_session_create(echo ? 1 : 0) else { fatalError("out of memory creating a GLPK session") }
        raw = s
    }

    deinit { cglpk_session_destroy(raw) }

    /// Runs `body` and frees this thread's GLPK environment afterwards.
    func run<T>(_ body: (GLPKSession) throws -> T) throws -> T {
        defer {
            if environmentAlive { cglpk_free_env() }
        }
        return try body(self)
    }

    var log: String { String(cString: cglpk_session_log(raw)) }

    /// True when a cancellation left GLPK before branch-and-bound (see `check`).
    private(set) var cancelledBeforeSearch = false

    /// Turns a shim return code into a thrown error; a cancellation before
    /// branch-and-bound is not an error but is remembered (`cancelledBeforeSearch`).
    func check(_ code: Int32) throws {
        if code == CGLPK_CANCELLED {
            environmentAlive = false
            cancelledBeforeSearch = true
            return
        }
        if code == CGLPK_FATAL {
            environmentAlive = false
            throw GLPKError.fatal(String(cString: cglpk_session_error(raw)))
        }
        if code != CGLPK_OK { throw GLPKError.io(String(cString: cglpk_session_error(raw))) }
    }

    func delete(_ prob: OpaquePointer) {
        if environmentAlive { cglpk_delete(raw, prob) }
    }

    /// Loads the whole model into a new GLPK problem in one `glp_load_matrix`,
    /// with `names` (already legal and distinct for GLPK or a file format).
    func load(_ model: Model, names: GLPKNames) throws -> OpaquePointer {
        let n = model.variableCount, m = model.constraintCount, nnz = model.nonZeroCount
        var colType = [Int32](repeating: 0, count: n), colLB = [Double](repeating: 0, count: n)
        var colUB = [Double](repeating: 0, count: n), colKind = [Int32](repeating: GLP_CV, count: n)
        for (j, v) in model.variables.enumerated() {
            (colType[j], colLB[j], colUB[j]) = Self.bounds(v.lower, v.upper)
            switch v.kind {
            case .continuous: colKind[j] = GLP_CV
            case .integer: colKind[j] = GLP_IV
            case .binary: colKind[j] = GLP_BV
            }
        }
        var rowType = [Int32](repeating: 0, count: m), rowLB = [Double](repeating: 0, count: m)
        var rowUB = [Double](repeating: 0, count: m)
        for i in 0..<m {
            (rowType[i], rowLB[i], rowUB[i]) = Self.bounds(model.constraintLower[i], model.constraintUpper[i])
        }
        var ia = [Int32](repeating: 0, count: nnz), ja = [Int32](repeating: 0, count: nnz)
        for i in 0..<m {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                ia[k] = Int32(i + 1)
                ja[k] = Int32(model.entryColumns[k] + 1)
            }
        }
        let colNames: NameBlob? = NameBlob(Array(names.columns.prefix(n)))
        let rowNames: NameBlob? = NameBlob(names.rows)
        let problemName = names.problem

        var prob: OpaquePointer? = nil
        let code: Int32 = problemName.withCString { pname in
            model.objectiveCoefficients.withUnsafeBufferPointer { obj in
            model.entryValues.withUnsafeBufferPointer { ar in
            colNames.withBlob { cn, co in
            rowNames.withBlob { rn, ro in
                var d = cglpk_problem_data()
                d.name = pname
                d.sense = model.sense == .maximize ? GLP_MAX : GLP_MIN
                d.obj_constant = model.objectiveConstant
                d.nrows = Int32(m); d.ncols = Int32(n); d.nnz = Int32(nnz)
                d.obj = obj.baseAddress
                d.ar = ar.baseAddress
                d.col_names = cn; d.col_name_offsets = co
                d.row_names = rn; d.row_name_offsets = ro
                return colType.withUnsafeBufferPointer { ct in
                colLB.withUnsafeBufferPointer { cl in
                colUB.withUnsafeBufferPointer { cu in
                colKind.withUnsafeBufferPointer { ck in
                rowType.withUnsafeBufferPointer { rt in
                rowLB.withUnsafeBufferPointer { rl in
                rowUB.withUnsafeBufferPointer { ru in
                ia.withUnsafeBufferPointer { iap in
                ja.withUnsafeBufferPointer { jap in
                    d.col_type = ct.baseAddress; d.col_lb = cl.baseAddress; d.col_ub = cu.baseAddress
                    d.col_kind = ck.baseAddress
                    d.row_type = rt.baseAddress; d.row_lb = rl.baseAddress; d.row_ub = ru.baseAddress
                    d.ia = iap.baseAddress; d.ja = jap.baseAddress
                    return cglpk_load(raw, &d, &prob)
                }}}}}}}}}
            }}}}
        }
        try check(code)
        guard let p = prob else { throw GLPKError.fatal("GLPK returned no problem object") }
        return p
    }

    /// GLPK's bound type for a pair of bounds (validated beforehand).
    static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}

/// Names packed as one buffer of NUL-terminated strings plus byte offsets,
/// so that thousands of names cross into C without one allocation each.
struct NameBlob {
    var bytes: [CChar] = []
    var offsets: [Int32] = []

    init(_ names: [String]) {
        offsets.reserveCapacity(names.count)
        for name in names {
            offsets.append(Int32(bytes.count))
            bytes.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            bytes.append(0)
        }
    }
}

extension Optional where Wrapped == NameBlob {
    func withBlob<R>(_ body: (UnsafePointer<CChar>?, UnsafePointer<Int32>?) -> R) -> R {
        guard let blob = self else { return body(nil, nil) }
        return blob.bytes.withUnsafeBufferPointer { b in
            blob.offsets.withUnsafeBufferPointer { o in body(b.baseAddress, o.baseAddress) }
        }
    }
}
