import Foundation

/// `dipnet test` as a value: every `expect` block of every scenario file
/// found, solved and checked.
public struct ExpectationRun: Sendable {
    public struct FileResult: Sendable {
        public var path: String
        public var outcomes: [ExpectationOutcome]
        /// Set when the solver failed on this file (its expectations count as failed).
        public var solverError: String?
        public var expectationCount: Int
        public var warnings: [Diagnostic]
        /// True when Ctrl-C cut the file's solves short, or came before them: its
        /// expectations were not checked and count neither as passed nor as failed.
        public var interrupted = false
    }
    /// Files with expectations, in path order.
    public var files: [FileResult]
    /// Scenario files without an `expect` block.
    public var withoutExpectations: [String]
    /// Files that are not valid scenarios (every problem of each), coalition files
    /// named, folders that cannot be read or hold no scenario.
    public var invalid: [ScenarioError]
    /// YAML files met in folders that are not dipnet files, skipped.
    public var skippedOthers: [String] = []
    /// Files not read because Ctrl-C came before them (their expectations not counted).
    public var notReached: [String] = []

    public var passed: Int { files.filter { !$0.interrupted }.reduce(0) { $0 + $1.outcomes.filter(\.passed).count } }
    public var failed: Int {
        files.filter { !$0.interrupted }
            .reduce(0) { $0 + ($1.solverError != nil ? $1.expectationCount : $1.outcomes.filter { !$0.passed }.count) }
    }
    /// Expectations not checked because Ctrl-C cut their solves short (a plan cut
    /// short is not the file's answer: judged, it read as FAIL, or even as PASS).
    public var unchecked: Int { files.filter(\.interrupted).reduce(0) { $0 + $1.expectationCount } }

    /// Finds the scenario files under `paths` (by their top-level keys), solves
    /// the variant of every expectation set, and checks it.
    ///
    /// A file that cannot be read or parsed, a coalition file named, a folder that
    /// cannot be read or holds no scenario file are each counted `invalid`, never
    /// skipped silently.
    ///
    /// - Throws: `ScenarioError` when a path does not exist.
    /// - Parameter only: when given, only checks written under these keys run
    ///   (`["beats", "status"]`: the conclusions, not the pinned figures).
    public static func run(paths: [String], planner: Planner, only: Set<String>? = nil) throws(ScenarioError) -> ExpectationRun {
        let found = try DipnetFileKind.search(under: paths)
        var result = ExpectationRun(files: [], withoutExpectations: [], invalid: found.problems,
                                    skippedOthers: found.others)
        for path in found.scenarios {
            // After Ctrl-C the files still to come are not read (a large one took seconds each).
            if planner.isCancelled { result.notReached.append(path); continue }
            let file: ScenarioFile
            do { file = try ScenarioFile.load(path) } catch { result.invalid.append(error); continue }
            let expectations = selected(file.expectations, only, \.checks, ExpectationSet.key)
            guard !expectations.isEmpty else { result.withoutExpectations.append(path); continue }
            let count = expectations.reduce(0) { $0 + $1.checks.count }
            do {
                // Every variant checked or compared against, each solved once.
                var names: [String] = []
                for set in expectations { for v in [set.variant] + set.rivals where !names.contains(v) { names.append(v) } }
                let scenarios = try names.map { v throws(ScenarioError) in try file.scenario(v) }
                let solved = Dictionary(uniqueKeysWithValues: zip(names, try planner.solveAll(scenarios)))
                let outcomes = expectations.flatMap { $0.check(solved[$0.variant]!, plans: solved) }
                // Only a file with a solve cut short is not checked: solves that ended before
                // Ctrl-C are the file's answers (27 of 34 had ended, and all were dropped).
                let cut = solved.values.contains { if case .interrupted = $0.termination { true } else { false } }
                result.files.append(FileResult(path: path, outcomes: outcomes, solverError: nil, expectationCount: count, warnings: file.warnings,
                                               interrupted: cut))
            } catch {
                result.files.append(FileResult(path: path, outcomes: [], solverError: "\(error)", expectationCount: count, warnings: file.warnings,
                                               interrupted: planner.isCancelled))
            }
        }
        // Coalition files: their expect blocks, each variant's joint plan solved once.
        for path in found.coalitions {
            if planner.isCancelled { result.notReached.append(path); continue }
            let c: CoalitionFile
            do { c = try CoalitionFile.load(path) } catch { result.invalid.append(error); continue }
            let expectations = selected(c.expectations, only, \.checks, CoalitionFile.Expectation.key)
            guard !expectations.isEmpty else { result.withoutExpectations.append(path); continue }
            let count = expectations.reduce(0) { $0 + $1.checks.count }
            // Each variant on its own: one that cannot be planned fails its own checks only.
            var outcomes: [ExpectationOutcome] = []
            for e in expectations where !planner.isCancelled {
                do {
                    outcomes += e.check(try CoalitionPlanner(planner: planner).solve(e.variant == "base" ? c : c.applying(variant: e.variant)))
                } catch {
                    outcomes += e.failed(because: "\(error)")
                }
            }
            result.files.append(FileResult(path: path, outcomes: outcomes, solverError: nil, expectationCount: count, warnings: c.warnings,
                                           interrupted: planner.isCancelled))
        }
        return result
    }
}

extension CoalitionFile.Expectation {
    /// The expect key a check was written under.
    public static func key(_ c: Check) -> String {
        switch c {
        case .status: "status"
        case .number(let f, _, _, _): f.rawValue
        case .joint(let open, _, _): open ? "open" : "closed"
        }
    }

    /// The outcomes when the variant has no result: a state without a standalone plan
    /// makes the coalition `infeasible` (so `status: infeasible` passes); every other
    /// check fails, saying why.
    func failed(because why: String) -> [ExpectationOutcome] {
        let infeasible = why.contains("no standalone plan") && why.contains("infeasible")
        return checks.map { check in
            if case .status(let s, let loc) = check {
                return ExpectationOutcome(variant: variant, what: "status", expected: s, measured: infeasible ? "infeasible" : "no result: \(why)",
                                          passed: infeasible && s == "infeasible", location: loc)
            }
            let (what, loc): (String, SourceLocation) = switch check {
            case .status(_, let l): ("status", l)
            case .number(let f, _, _, let l): (f.rawValue, l)
            case .joint(let open, _, let l): (open ? "open jointly" : "closed jointly", l)
            }
            return ExpectationOutcome(variant: variant, what: what, expected: "a joint plan", measured: "no result: \(why)", passed: false, location: loc)
        }
    }

    /// Checks every expectation against a coalition's result.
    public func check(_ r: CoalitionResult) -> [ExpectationOutcome] {
        checks.map { check in
            switch check {
            case .status(let s, let loc):
                return ExpectationOutcome(variant: variant, what: "status", expected: s, measured: r.status, passed: r.status == s, location: loc)
            case .number(let f, let expected, let tolerance, let loc):
                let measured: Double? = switch f {
                case .jointTotal: r.jointTotal
                case .standaloneTotal: r.standaloneTotal
                case .surplus: r.surplus
                }
                return ExpectationSet.figure(variant: variant, what: f.rawValue, expected: expected, tolerance: tolerance, measured: measured,
                                             missing: "no joint plan (\(r.status))", at: loc)
            case .joint(let open, let ids, let loc):
                var wrong: [String] = []
                var planned = true
                for id in ids {
                    let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
                    guard let st = r.states.first(where: { $0.id == parts[0] }), let jointly = st.openJointly else { planned = false; continue }
                    if jointly.contains(parts[1]) != open { wrong.append(id) }
                }
                let what = open ? "open" : "closed"
                return ExpectationOutcome(variant: variant, what: "\(what) jointly", expected: "\(ids.joined(separator: ", ")) \(what)",
                                          measured: !planned ? "no joint plan (\(r.status))" : wrong.isEmpty ? "as expected" : "not \(what): \(wrong.joined(separator: ", "))",
                                          passed: planned && wrong.isEmpty, location: loc)
            }
        }
    }
}

/// The expectation sets with only the checks written under `only`'s keys (all when nil),
/// less the sets left without a check.
func selected<Set, Check>(_ sets: [Set], _ only: Swift.Set<String>?, _ checks: WritableKeyPath<Set, [Check]>,
                          _ key: (Check) -> String) -> [Set] {
    guard let only else { return sets }
    return sets.compactMap { set in
        var kept = set
        kept[keyPath: checks] = set[keyPath: checks].filter { only.contains(key($0)) }
        return kept[keyPath: checks].isEmpty ? nil : kept
    }
}
