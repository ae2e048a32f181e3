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
    }
    /// Files with expectations, in path order.
    public var files: [FileResult]
    /// Scenario files without an `expect` block.
    public var withoutExpectations: [String]
    /// Files that are not valid scenarios (every problem of each), coalition files
    /// named, folders that cannot be read or hold no scenario.
    public var invalid: [ScenarioError]
    /// Files met in folders and skipped: coalition files, and YAML files that are
    /// not dipnet files.
    public var skippedCoalitions: [String] = []
    public var skippedOthers: [String] = []

    public var passed: Int { files.reduce(0) { $0 + $1.outcomes.filter(\.passed).count } }
    public var failed: Int {
        files.reduce(0) { $0 + ($1.solverError != nil ? $1.expectationCount : $1.outcomes.filter { !$0.passed }.count) }
    }

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
                                    skippedCoalitions: found.coalitions, skippedOthers: found.others)
        for path in found.scenarios {
            let file: ScenarioFile
            do { file = try ScenarioFile.load(path) } catch { result.invalid.append(error); continue }
            let expectations = file.expectations.compactMap { set -> ExpectationSet? in
                guard let only else { return set }
                var kept = set
                kept.checks = set.checks.filter { only.contains(ExpectationSet.key($0)) }
                return kept.checks.isEmpty ? nil : kept
            }
            guard !expectations.isEmpty else { result.withoutExpectations.append(path); continue }
            let count = expectations.reduce(0) { $0 + $1.checks.count }
            do {
                // Every variant checked or compared against, each solved once.
                var names: [String] = []
                for set in expectations { for v in [set.variant] + set.rivals where !names.contains(v) { names.append(v) } }
                let scenarios = try names.map { v throws(ScenarioError) in try file.scenario(v) }
                let solved = Dictionary(uniqueKeysWithValues: zip(names, try planner.solveAll(scenarios)))
                let outcomes = expectations.flatMap { $0.check(solved[$0.variant]!, plans: solved) }
                result.files.append(FileResult(path: path, outcomes: outcomes, solverError: nil, expectationCount: count, warnings: file.warnings))
            } catch {
                result.files.append(FileResult(path: path, outcomes: [], solverError: "\(error)", expectationCount: count, warnings: file.warnings))
            }
        }
        return result
    }
}
