import Foundation
import Testing
import DiplomaticNetwork
import LinearProgramming

/// Mutated scenario files (YAML and CSV) must end in located diagnostics or a
/// finished solve: never a crash, a hang or a GLPK abort. The seed files are in
/// Corpus/; mutations are drawn from a fixed seed, so a failure reproduces.
///
/// The time limit guards against a hang, not a slow run. Swift Testing counts it
/// from when a test is started, and on two cores a started test can wait for most
/// of the whole run (about 150 s on CI) before it gets a thread: a two-minute limit
/// failed a test that takes 2 s alone. Every solve here has its own 5 s limit.
@Suite("Fuzz", .timeLimit(.minutes(20))) struct FuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let nasty = ["", "-1", "-0.5", "1e400", "1e300", "nan", ".nan", ".inf", "-.inf", "abc", "[1, 2]", "{a: 1}",
                        "99999999999999999999999", "0x10", "true", "~", "\"\"", "'", "\"", "[", "{", "&a x", "*nope",
                        String(repeating: "z", count: 5000), "1_000", "٣", "NO", "1.5.3", "- x", ": :", "\t", "\u{0}"]

    struct Rng {
        var s: UInt64
        mutating func next(_ n: Int) -> Int {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Int((s >> 33) % UInt64(max(n, 1)))
        }
    }

    /// One text mutation of a YAML or CSV file.
    static func mutate(_ text: String, _ rng: inout Rng, csv: Bool) -> String {
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return text }
        let i = rng.next(lines.count)
        switch rng.next(14) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)                                      // duplicate line (ids, keys)
        case 2:                                                                      // replace a value
            let sep: Character = csv ? "," : ":"
            var parts = lines[i].split(separator: sep, omittingEmptySubsequences: false).map(String.init)
            if parts.count > 1 { parts[1 + rng.next(parts.count - 1)] = (csv ? "" : " ") + nasty[rng.next(nasty.count)] }
            lines[i] = parts.joined(separator: String(sep))
        case 3: if lines.count > 1 { lines.swapAt(i, rng.next(lines.count)) }
        case 4: lines[i] = String(repeating: " ", count: rng.next(7)) + lines[i]   // indentation
        case 5: lines[i] += nasty[rng.next(nasty.count)]
        case 6: return String(text.prefix(rng.next(text.count + 1)))               // truncation
        case 7:                                                                      // a random byte
            var bytes = Array(text.utf8)
            if !bytes.isEmpty { bytes[rng.next(bytes.count)] = UInt8(rng.next(256)) }
            return String(decoding: bytes, as: UTF8.self)
        case 8: lines[i] = lines[i].replacingOccurrences(of: "1", with: "-1")       // negative numbers
        case 9: lines[i] = lines[i].replacingOccurrences(of: "0", with: "e999")
        case 10: lines.insert(csv ? "a,b,\"c" : "extra_key: 1", at: i)
        case 12:                                                                     // names as analysts write them
            if let k = lines.firstIndex(where: { $0.hasPrefix("name:") }) {
                lines[k] = ["name: |\n  two\n  lines", "name: >\n  folded,\n  text", "name: " + String(repeating: "long ", count: 60)][rng.next(3)]
            }
        case 13:                                                                     // ids past GLPK's name limit
            let long = String(repeating: "X", count: 260)
            lines[i] = csv ? lines[i].replacingOccurrences(of: "P", with: "P" + long)
                           : lines[i].replacingOccurrences(of: "id: ", with: "id: " + long)
        default: lines[i] = String(lines[i].reversed())
        }
        return lines.joined(separator: "\n")
    }

    /// Copies the corpus into a scratch directory, mutates one file there, loads
    /// and (if valid) solves every scenario file; returns what happened.
    static func run(seed: UInt64) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        for f in files { try FileManager.default.copyItem(at: corpus.appendingPathComponent(f), to: dir.appendingPathComponent(f)) }
        var rng = Rng(s: seed)
        let target = files[rng.next(files.count)]
        let url = dir.appendingPathComponent(target)
        var text = try String(contentsOf: url, encoding: .utf8)
        for _ in 0...rng.next(3) { text = mutate(text, &rng, csv: target.hasSuffix(".csv")) }
        try text.write(to: url, atomically: true, encoding: .utf8)
        var outcome = ""
        for f in files where f.hasSuffix(".yaml") {
            let path = dir.appendingPathComponent(f).path
            do {
                let file = try ScenarioFile.load(path)
                // What validation accepts must solve: every variant, no error but the model's own status.
                for v in file.variantNames {
                    let plan = try Planner(options: SolveOptions(timeLimit: 5), parallelism: 1).solve(try file.scenario(v))
                    outcome += "\(f)/\(v): \(plan.status); "
                }
            } catch let e as ScenarioError {
                #expect(!e.diagnostics.isEmpty, "seed \(seed): error without diagnostics")
                for d in e.diagnostics {
                    #expect(d.location.line >= 1 && d.location.column >= 1 && !d.location.file.isEmpty && !d.message.isEmpty,
                            "seed \(seed) (\(target)): unlocated diagnostic \(d)")
                }
                outcome += "\(f): \(e.diagnostics.count) problems; "
            }
        }
        return outcome
    }

    @Test(arguments: 0..<12)
    func mutatedScenariosEndInErrorsOrPlans(batch: Int) throws {
        // DIPNET_FUZZ_ROUNDS raises the count for a longer local campaign (CI runs 40 per batch).
        let rounds = Int(ProcessInfo.processInfo.environment["DIPNET_FUZZ_ROUNDS"] ?? "") ?? 40
        for k in 0..<rounds { _ = try Self.run(seed: UInt64(batch * 100_000 + k)) }
    }

    @Test func mutationsReachBothOutcomes() throws {
        // The fuzzer must not only produce broken files (or only valid ones).
        let outcomes = try (0..<60).map { try Self.run(seed: UInt64(50_000 + $0)) }
        #expect(outcomes.contains { $0.contains("problems") })
        #expect(outcomes.contains { $0.contains("optimal") })
    }

    @Test func hugeAndUnreadableFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // 100 MB of YAML-looking text: refused by size before it is read.
        let big = dir.appendingPathComponent("big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let h = try FileHandle(forWritingTo: big)
        let chunk = Data(String(repeating: "a: 1\n", count: 200_000).utf8)
        for _ in 0..<100 { h.write(chunk) }
        try h.close()
        #expect(throws: ScenarioError.self) { try ScenarioFile.load(big.path) }
        do { _ = try ScenarioFile.load(big.path) } catch { #expect(error.diagnostics[0].message.contains("up to 64 MB")) }
        // A path through a file is unreadable even for root.
        do { _ = try ScenarioFile.load(big.path + "/x.yaml") } catch { #expect(error.diagnostics[0].location.line == 1) }
        // A CSV table of binary garbage.
        try "dipnet: 1\ncountries: {csv: g.csv}\n".write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try Data((0..<4096).map { UInt8(($0 * 7919) % 256) }).write(to: dir.appendingPathComponent("g.csv"))
        do { _ = try ScenarioFile.load(dir.appendingPathComponent("s.yaml").path) } catch {
            #expect(error.diagnostics.count == 1 && error.diagnostics[0].message.contains("binary data"))
        }
    }
}
