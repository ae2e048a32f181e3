import FileSupport
import Foundation
import Testing
@testable import DiplomaticNetwork
import LinearProgramming
import Reports

/// The runs machinery as a library: records files, resume, shards and merge,
/// without starting the executable.
@Suite("Runs") struct RunsTests {
    static let uncertain = Fixtures.path("tiny/tiny_uncertain.yaml")
    static let tiny = Fixtures.path("tiny/tiny.yaml")
    let planner = Planner(parallelism: 2)

    /// A sweep's header writes the scenario's currency, for the units in reports (`merge`
    /// prints them too), but does not count it in the run's identity: records written
    /// before the key existed still resume (gaining it) and merge with newer shards.
    /// A bare expected figure is exact to 1e-6 relative (scenario-format.md, rules of
    /// reading). With an absolute floor of 1e-6, a coverage of 0.000124 passed against a
    /// measured 0.00012346 (0.4% apart, a spec audit's finding); an expected 0 keeps a floor
    /// of 1e-6 for the solver's noise (a net benefit of 0 between terms of 1e8 read 1.49e-8).
    @Test func aBareExpectedFigureIsExactToOneMillionthRelative() {
        let at = SourceLocation(file: "t.yaml", line: 1, column: 1)
        func passes(_ expected: Double, _ measured: Double) -> Bool {
            ExpectationSet.figure(variant: "v", what: "coverage", expected: expected, tolerance: nil, measured: measured, missing: "", at: at).passed
        }
        #expect(!passes(0.000124, 100.0 / 810_000))
        #expect(!passes(0.123457, 100.0 / 810))          // 1.7e-6 relative apart
        #expect(passes(0.1234567901, 100.0 / 810))
        #expect(passes(63_169_874.3, 63_169_874.30357764)) // 5.7e-11 relative
        #expect(!passes(63_169_874.3, 63_170_000))
        #expect(passes(0, 1.49e-8) && !passes(0, 2e-6) && !passes(1e-6, 0))
        // What the JSON writes keeps 10 significant digits, down to 1e-12 (at 6 decimals, as
        // before, 100/810,000 read 0.000123), and a difference loses the subtraction's noise.
        for x in [100.0 / 810_000, 100.0 / 810, 1.0 / 3, 2.5e-6 / 3] { #expect(abs(Fmt.clean(x) / x - 1) < 1e-6, "\(x) → \(Fmt.clean(x))") }
        #expect(Fmt.clean(0.09999999999999998) == 0.1 && Fmt.clean(2420.0000000000005) == 2420 && Fmt.clean(4e-13) == 0)
        #expect(Fmt.difference(600.0000000000001, 600) == 0 && Fmt.difference(17_767_285.6546, 17_767_285.654600002) == 0)
        // Measured figures read at 10 digits: 480, not 480.00000000000045.
        #expect(ExpectationSet.show(480.00000000000045) == "480" && ExpectationSet.show(1999.9999999999995) == "2000"
                && ExpectationSet.show(0.12345679012345) == "0.1234567901" && Fmt.clean(7.49999999998) == 7.5)
        // An explicit tolerance is absolute, as before.
        #expect(ExpectationSet.figure(variant: "v", what: "coverage", expected: 0.12, tolerance: 0.01, measured: 0.125, missing: "", at: at).passed)
    }

    @Test func aSweepHeaderKeepsItsCurrencyOutOfTheRunsIdentity() throws {
        let file = try ScenarioFile.load(Self.tiny)
        let run = try SweepRun(file: file, variant: "base", parameters: ["rules.budget=1e4..2e4:2"])
        let header = run.header
        #expect(header.currency == file.base.currency)
        let data = try RecordsCoding.encoder.encode(header)
        #expect(String(decoding: data, as: UTF8.self).contains("\"currency\""))
        let back = try JSONDecoder().decode(SweepHeader.self, from: data)
        #expect(back.currency == header.currency && back == header)
        var old = header
        old.currency = nil
        #expect(old == header && old.filling(from: header).currency == header.currency)
        let notes = AnalysisReport.sweepTable(header, []).notes.joined()
        #expect(notes.contains("rules.budget in \(file.base.currency.isEmpty ? "money" : file.base.currency) a year"), "\(notes)")
        // Where the variant's own value lies on the grid: base has no budget (nothing said);
        // tight's 15,100 lies between the two points.
        #expect(header.current == [nil] && !notes.contains("itself"), "\(notes)")
        let tight = try SweepRun(file: try ScenarioFile.load(Self.uncertain), variant: "tight", parameters: ["rules.budget=1e4..2e4:2"]).header
        let tightNotes = AnalysisReport.sweepTable(tight, []).notes.joined(separator: " ")
        #expect(tight.current == [15_100] && tightNotes.contains("In tight itself: rules.budget = 15,100, between the points 10,000 and 20,000, not itself solved."),
                "\(tightNotes)")
        // A grid's 15,100.000000000002 is the point 15,100.
        var near = tight
        near.values = [[10_000, 15_100.000000000002, 20_000]]
        #expect(AnalysisReport.sweepTable(near, []).notes.joined(separator: " ").contains("rules.budget = 15,100, a point of the grid"))

        // An older shard (no currency) merges with a newer one, and the merge has units.
        let s = try Scratch()
        defer { s.remove() }
        func path(_ n: String) -> String { s.dir.appendingPathComponent(n).path }
        let sweep = RunDescription.Analysis.sweep(variant: "tight", parameters: ["rules.budget=11000..20000:4"])
        for i in 0..<2 {
            _ = try Runs.execute(RunDescription(scenario: Self.tiny, analysis: sweep, shard: Shard(index: i, count: 2),
                                                records: path("part\(i).jsonl")), planner: planner)
        }
        func dropCurrency(_ p: String) throws {
            let text = try String(contentsOfFile: p + ".run.json", encoding: .utf8)
            let kept = text.split(separator: "\n").filter { !$0.contains("\"currency\"") }.joined(separator: "\n")
            try kept.write(toFile: p + ".run.json", atomically: true, encoding: .utf8)
        }
        try dropCurrency(path("part0.jsonl"))
        let merged = try Runs.merge([path("part0.jsonl"), path("part1.jsonl")])
        guard case .sweep(let h, _) = merged.summary else { Issue.record("not a sweep"); return }
        #expect(h.currency == file.base.currency)
        // Resumed, an older file gains the key; the run is the same.
        try dropCurrency(path("part1.jsonl"))
        let resumed = try Runs.execute(RunDescription(scenario: Self.tiny, analysis: sweep, shard: Shard(index: 1, count: 2),
                                                      records: path("part1.jsonl"), resume: true), planner: planner)
        #expect(resumed.jobsToSolve == 0)
        #expect(try String(contentsOfFile: path("part1.jsonl") + ".run.json", encoding: .utf8).contains("\"currency\""))
    }

    @Test func aRunDescriptionRoundTripsThroughJSON() throws {
        let runs = [
            RunDescription(scenario: "s.yaml", analysis: .sweep(variant: "tight", parameters: ["rules.budget=1e4..2e4:5", "costs.case_cost=1,2"]),
                           shard: Shard(index: 2, count: 5), records: "r.jsonl", resume: true, warmStart: true),
            RunDescription(scenario: "s.yaml", analysis: .simulation(variants: nil, draws: 100, seed: 7)),
            RunDescription(scenario: "s.yaml", analysis: .simulation(variants: ["a", "b"], draws: nil, seed: nil)),
        ]
        for d in runs {
            let data = try JSONEncoder().encode(d)
            #expect(try JSONDecoder().decode(RunDescription.self, from: data) == d)
        }
    }

    @Test func aResumedRunEndsAsIfNeverInterrupted() throws {
        let s = try Scratch()
        defer { s.remove() }
        let whole = s.dir.appendingPathComponent("whole.jsonl").path
        let part = s.dir.appendingPathComponent("part.jsonl").path
        let d = RunDescription(scenario: Self.uncertain, analysis: .simulation(variants: nil, draws: 12, seed: 3), records: whole)
        let full = try Runs.execute(d, planner: planner)
        #expect(full.recordCount == 24 && !full.interrupted)
        // Keep the header (beside the records), five whole records and a torn sixth line, as a killed run leaves them.
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let torn = lines.prefix(5).joined(separator: "\n") + "\n" + lines[5].prefix(25)
        try torn.write(toFile: part, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: whole + ".run.json", toPath: part + ".run.json")
        // Every line is a record, stamped with its format and dipnet's version; the header says what run it is.
        #expect(lines.filter { !$0.isEmpty }.allSatisfy { $0.contains("\"format\":\"dipnet/simulation-record-1\"") && $0.contains("\"dipnet_version\"") })
        let header = try String(contentsOfFile: whole + ".run.json", encoding: .utf8)
        #expect(header.contains("\"kind\" : \"simulation\"") && header.contains("\"format\" : \"dipnet/run-1\""))
        var resumed = d
        resumed.records = part
        resumed.resume = true
        let again = try Runs.execute(resumed, planner: planner)
        // The torn line is named by file and line, and why.
        #expect(again.skippedLines == ["\(part):6: not a complete JSON line (an interrupted write?)"], "\(again.skippedLines)")
        // Draws 0 and 1 are whole (two variants each); draw 2 had one record and is solved again.
        #expect(again.resumed == 5 && again.jobsToSolve == 10)
        #expect(try Data(contentsOf: URL(fileURLWithPath: part)) == Data(contentsOf: URL(fileURLWithPath: whole)))
    }

    /// A records file as a hostile test left it: a resume appends after a torn last line
    /// on a line of its own (so a second stop leaves the file resumable); a record
    /// present twice counts once; a record of another seed, or a device given as the
    /// records file, is refused.
    @Test func resumedRecordsAreWholeUniqueAndOfThisSeed() throws {
        let s = try Scratch()
        defer { s.remove() }
        let whole = s.dir.appendingPathComponent("whole.jsonl").path, part = s.dir.appendingPathComponent("part.jsonl").path
        let d = RunDescription(scenario: Self.uncertain, analysis: .simulation(variants: nil, draws: 6, seed: 3), records: whole)
        _ = try Runs.execute(d, planner: planner)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        try FileManager.default.copyItem(atPath: whole + ".run.json", toPath: part + ".run.json")
        // Opened for resuming, a torn tail is cut: what is appended next starts a line.
        try (lines[0] + "\n" + lines[1].prefix(20)).write(toFile: part, atomically: true, encoding: .utf8)
        let header = try RecordsFile<SimulationHeader, SimulationRecord>.read(whole).0
        let (file, kept, skipped) = try RecordsFile<SimulationHeader, SimulationRecord>.open(part, header: header, resume: true)
        #expect(kept.count == 1 && skipped.count == 1)
        try file.append([try RecordsCoding.decoder.decode(SimulationRecord.self, from: Data(lines[1].utf8))])
        #expect(try String(contentsOfFile: part, encoding: .utf8).split(separator: "\n").count == 2)
        #expect(try RecordsFile<SimulationHeader, SimulationRecord>.read(part).1.count == 2)
        // The same record twice counts once: the run ends as the uninterrupted one.
        try ([lines[0], lines[0], lines[1], lines[2]].joined(separator: "\n") + "\n").write(toFile: part, atomically: true, encoding: .utf8)
        var resumed = d
        (resumed.records, resumed.resume) = (part, true)
        let again = try Runs.execute(resumed, planner: planner)
        #expect(again.recordCount == 12, "\(again.recordCount)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: part)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        // A record whose drawn values are not what this run's seed draws (edited, or of
        // another seed; wildcard draws are not listed, so only the listed ones can tell).
        let stranger = lines[1].replacingOccurrences(of: "\"posts.PB.annual_cost\":", with: "\"posts.PB.annual_cost\":1")
        #expect(stranger != lines[1])
        try ([lines[0], stranger].joined(separator: "\n") + "\n").write(toFile: part, atomically: true, encoding: .utf8)
        #expect { try Runs.execute(resumed, planner: planner) } throws: {
            ($0 as? RunError)?.description.contains("but the run's seed draws") == true
        }
        // Two records of one draw and variant that differ: refused, not a silent choice.
        let edited = lines[0].replacingOccurrences(of: "\"status\":\"optimal\"", with: "\"status\":\"feasible\"")
        try ([lines[0], edited].joined(separator: "\n") + "\n").write(toFile: part, atomically: true, encoding: .utf8)
        #expect { try Runs.execute(resumed, planner: planner) } throws: { ($0 as? RunError)?.description.contains("holds two different records") == true }
        // A device is never replaced by a records file.
        var device = d
        device.records = "/dev/null"
        #expect { try Runs.execute(device, planner: planner) } throws: { ($0 as? RunError)?.description.contains("not a regular file") == true }
    }

    @Test func resumingAnotherRunIsRefused() throws {
        let s = try Scratch()
        defer { s.remove() }
        let path = s.dir.appendingPathComponent("r.jsonl").path
        _ = try Runs.execute(RunDescription(scenario: Self.uncertain, analysis: .simulation(variants: nil, draws: 2, seed: 1), records: path),
                             planner: planner)
        let other = RunDescription(scenario: Self.uncertain, analysis: .simulation(variants: nil, draws: 2, seed: 2), records: path, resume: true)
        // The refusal says what differs (it named five things that might).
        #expect { try Runs.execute(other, planner: planner) } throws: {
            ($0 as? RunError)?.description.contains("records another run (seed 1 in the file, 2 in this run)") == true
        }
    }

    /// The same `--set` changes given in another order are the same run when no two touch
    /// the same input (resumed, not refused); when two do, the order changes the scenario,
    /// and the refusal names the two.
    @Test func resumingWithTheSameChangesInAnotherOrder() throws {
        let s = try Scratch()
        defer { s.remove() }
        let path = s.dir.appendingPathComponent("r.jsonl").path
        let analysis = RunDescription.Analysis.simulation(variants: nil, draws: 2, seed: 1)
        _ = try Runs.execute(RunDescription(scenario: Self.uncertain, changes: ["posts.PB.capacity=70", "costs.case_cost=11"],
                                            analysis: analysis, records: path), planner: planner)
        let swapped = try Runs.execute(RunDescription(scenario: Self.uncertain, changes: ["costs.case_cost=11", "posts.PB.capacity=70"],
                                                      analysis: analysis, records: path, resume: true), planner: planner)
        #expect(swapped.jobsToSolve == 0, "\(swapped.jobsToSolve)")
        // a changed value is another run, whatever the order
        #expect { try Runs.execute(RunDescription(scenario: Self.uncertain, changes: ["costs.case_cost=12", "posts.PB.capacity=70"],
                                                  analysis: analysis, records: path, resume: true), planner: planner) } throws: {
            ($0 as? RunError)?.description.contains("records another run") == true
        }
        // two changes that meet through a '*': their order matters
        let overlapping = s.dir.appendingPathComponent("o.jsonl").path
        _ = try Runs.execute(RunDescription(scenario: Self.uncertain, changes: ["posts.*.capacity=90", "posts.PB.capacity=70"],
                                            analysis: analysis, records: overlapping), planner: planner)
        #expect { try Runs.execute(RunDescription(scenario: Self.uncertain, changes: ["posts.PB.capacity=70", "posts.*.capacity=90"],
                                                  analysis: analysis, records: overlapping, resume: true), planner: planner) } throws: {
            ($0 as? RunError)?.description.contains("'posts.*.capacity' and 'posts.PB.capacity' touch the same input, so their order changes the scenario") == true
        }
        #expect(!ChangeTarget("NLD:posts.HAV.annual_cost=1").meets(ChangeTarget("BEL:posts.HAV.annual_cost=2")))
        #expect(ChangeTarget("posts.HAV=x").meets(ChangeTarget("posts.HAV.force=open")) && ChangeTarget("posts.HAV=x").path == "posts.HAV")
    }

    /// A --set that replaces what a variant the run uses sets itself is said at the change,
    /// naming the variant and its own value; with two variants or more also where it
    /// repeats one's value (their difference on the input is gone), with one only where it
    /// changes something (another value, or a scale it undoes).
    @Test func aSetThatReplacesAVariantsOwnChangeIsSaid() throws {
        let f = try ScenarioFile.load(Self.uncertain, set: ["posts.*.force=open", "costs.case_cost=11"])
        let said = f.overriddenChanges(["close-pa", "tight"])
        #expect(said.count == 1 && said[0].path == "posts.*.force" && said[0].location.file.hasPrefix("--set 1"), "\(said)")
        #expect(said.first?.message.hasPrefix("--set posts.*.force=open replaces what the variants set themselves (close-pa's posts.PA.force: closed): "
                                             + "a --set applies to every variant the run uses") == true, "\(said)")
        #expect(f.overriddenChanges(["tight"]).isEmpty)
        // the same value: silent for one variant, said for a pair it makes alike
        let same = try ScenarioFile.load(Self.uncertain, set: ["posts.PA.force=closed"])
        #expect(same.overriddenChanges(["close-pa"]).isEmpty)
        #expect(same.overriddenChanges(["base", "close-pa"]).first?.message.contains("so they no longer differ on this input") == true)
        // Variants that set the same value did not differ on the input: not said they no longer do.
        let alike = try ScenarioFile.load(Self.uncertain, set: ["rules.budget=20000"]).overriddenChanges(["tight", "sq-tight"])
        #expect(alike.first?.message.hasSuffix("after each one's own changes, so each takes 20000 where all set the same value") == true, "\(alike)")
        // through extends, and a null written two ways is the same value
        let budget = try ScenarioFile.load(Self.uncertain, set: ["rules.budget=20000"])
        #expect(budget.overriddenChanges(["sq-tight"]).first?.message.hasPrefix("--set rules.budget=20000 replaces what the variant sets itself (sq-tight's rules.budget: 15100)") == true)
        let null = try ScenarioFile.load(Self.uncertain, set: ["rules.min_resident=null"])
        #expect(null.overriddenChanges(["no-quota"]).count == 1, "[] is not null")
        // a scale the --set undoes is said even where the value is the one the variant sets
        let s = try Scratch()
        defer { s.remove() }
        try s.write("scaled.yaml", String(contentsOfFile: Self.uncertain, encoding: .utf8).replacingOccurrences(of: "variants:\n", with: """
            variants:
              doubled:
                set: {costs.unserved_case_penalty: 100}
                scale: {costs.unserved_case_penalty: 2}

            """))
        let scaled = try ScenarioFile.load(s.dir.appendingPathComponent("scaled.yaml").path, set: ["costs.unserved_case_penalty=100"])
        #expect(scaled.overriddenChanges(["doubled"]).first?.message.contains("doubled's scale costs.unserved_case_penalty: 2") == true,
                "\(scaled.overriddenChanges(["doubled"]))")
        // order of changes: equal changes commute; two that meet keep their order or the run differs
        #expect(orderConflict(["posts.PA.force=closed", "costs.case_cost=12", "posts.PA.force=closed"],
                              ["costs.case_cost=12", "posts.PA.force=closed", "posts.PA.force=closed"]) == nil)
        #expect(orderConflict(["costs.case_cost=12", "posts.PA.force=open", "posts.PA.force=closed"],
                              ["posts.PA.force=open", "costs.case_cost=12", "posts.PA.force=closed"]) == nil)
        #expect(orderConflict(["posts.PA.force=open", "posts.PA.force =closed"], ["posts.PA.force =closed", "posts.PA.force=open"])?.0 == "posts.PA.force")
        #expect(orderConflict(["A:posts.PA.annual_cost=100", "*:posts.*.annual_cost=5000"],
                              ["*:posts.*.annual_cost=5000", "A:posts.PA.annual_cost=100"]) != nil)
        #expect(!ChangeTarget("partners.CUB:ESP.capacity=1").meets(ChangeTarget("partners.CUB:FRA.capacity=2")))
    }

    /// A `--set` of a swept input is taken as `dipnet tipping` takes it (a hostile pass found
    /// the sweep refusing what the search accepts): the sweep runs, its header's `current`
    /// is the --set value, and the warning names the --set the sweep replaces.
    @Test func aSweepTakesASetOfTheSweptInputAsTippingDoes() throws {
        let f = try ScenarioFile.load(Self.uncertain, set: ["rules.budget=12000"])
        let run = try SweepRun(file: f, variant: "tight", parameters: ["rules.budget=1e4..2e4:3"])
        #expect(run.header.current == [12_000] && run.header.set == ["rules.budget=12000"], "\(run.header)")
        let notes = AnalysisReport.sweepTable(run.header, []).notes.joined(separator: " ")
        #expect(notes.contains("In tight itself with --set: rules.budget = 12,000"), "\(notes)")
        let said = f.replacedByAnalysis("tight", paths: ["rules.budget"], analysis: "the sweep", each: "at every point")
        #expect(said.count == 1 && said[0].message.contains("replacing what tight and --set write") && said[0].message.contains("--set rules.budget=12000"),
                "\(said)")
        #expect(!said[0].message.contains("only in part"), "\(said)")
    }

    /// A change the analysis replaces only in part is said to hold beyond the input: a
    /// wildcard of which the swept post is one item, a service's demand a swept total keeps
    /// the share of, a mapping of every service's case cost (hostile pass: the warning said
    /// "replaced" while the other posts kept the --set's 900,000).
    @Test func aChangeReplacedOnlyInPartIsSaid() throws {
        let v2 = try ScenarioFile.load(Fixtures.path("v2/services.yaml"))
        let s = v2.base
        let one = try ParameterPath("posts.PA.annual_cost", in: s), all = try ParameterPath("posts.*.annual_cost", in: s)
        #expect(all.replaces(one, in: s) && !one.replaces(all, in: s) && one.replaces(one, in: s))
        let total = try ParameterPath("countries.A.demand", in: s), visas = try ParameterPath("countries.A.demand.visas", in: s)
        #expect(!total.replaces(visas, in: s) && !visas.replaces(total, in: s))
        let wild = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["posts.*.annual_cost=900"])
        let w = wild.replacedByAnalysis("base", paths: ["posts.PA.annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(w.first?.message.contains("--set posts.*.annual_cost=900 is replaced only in part: what it writes beyond this input") == true, "\(w)")
        // Unless later --sets overwrite the rest: then nothing of the wildcard holds (one
        // later change per other post; a hostile pass found the coalition's warning wrong so).
        let others = s.posts.map(\.id).filter { $0 != "PA" }
        let covered = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["posts.*.annual_cost=900"] + others.map { "posts.\($0).annual_cost=800" })
        let c = covered.replacedByAnalysis("base", paths: ["posts.PA.annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(c.count == 1 && !c[0].message.contains("posts.*.annual_cost=900 is replaced only in part"), "\(c)")
        let before = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: others.map { "posts.\($0).annual_cost=800" } + ["posts.*.annual_cost=900"])
        let b = before.replacedByAnalysis("base", paths: ["posts.PA.annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(b.first?.message.contains("--set posts.*.annual_cost=900 is replaced only in part") == true, "\(b)")
        // A sweep's other axis is among what replaces: two axes and a --set cover a wildcard.
        let axes = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["posts.*.annual_cost=900"] + others.dropFirst().map { "posts.\($0).annual_cost=800" })
        let two = axes.replacedByAnalysis("base", paths: ["posts.PA.annual_cost", "posts.\(others[0]).annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(two.count == 2 && two.allSatisfy { !$0.message.contains("posts.*.annual_cost=900 is replaced only in part") }, "\(two)")
        let whole = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["posts.PA.annual_cost=900"])
        let x = whole.replacedByAnalysis("base", paths: ["posts.*.annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(x.count == 1 && !x[0].message.contains("only in part"), "\(x)")
        let split = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["countries.A.demand.visas=999"])
        let y = split.replacedByAnalysis("base", paths: ["countries.A.demand"], analysis: "the sweep", each: "at every point")
        #expect(y.first?.message.contains("replaced only in part") == true, "\(y)")
        // Counts and a share at 1 are written within their range to probe, so a --set of
        // them is wholly replaced (a second hostile pass: "in part" for max_openings=0).
        let tiny = try ScenarioFile.load(Self.tiny, set: ["rules.max_openings=0", "presence.accredited=1"])
        for path in ["rules.max_openings", "presence.accredited"] {
            let said = tiny.replacedByAnalysis("base", paths: [path], analysis: "the sweep", each: "at every point")
            #expect(said.count == 1 && !said[0].message.contains("only in part"), "\(path): \(said)")
        }
        // A mapping keeps what the number set afterwards does not (the other services, a split).
        let mapping = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["countries.A.demand={documents: 50}"])
        let z = mapping.replacedByAnalysis("base", paths: ["countries.A.demand"], analysis: "the sweep", each: "at every point")
        #expect(z.first?.message.contains("(a mapping) is replaced only in part") == true, "\(z)")
    }

    /// A sweep or tipping search of an input the variant sets (its own or through extends),
    /// scales, or a --set writes, is said: the analysis sets it after every change, so the
    /// variant's value is no longer the one solved. An input nobody sets is silent, and a
    /// wildcard meets the one item a variant sets.
    @Test func anAnalysisOfAnInputTheVariantSetsIsSaid() throws {
        let f = try ScenarioFile.load(Self.uncertain)
        let budget = f.replacedByAnalysis("sq-tight", paths: ["rules.budget"], analysis: "the sweep", each: "at every point")
        #expect(budget.count == 1 && budget[0].severity == .warning && budget[0].path == "rules.budget", "\(budget)")
        #expect(budget.first?.message == "the sweep sets this input at every point, after every other change, replacing what sq-tight sets "
                + "(tight's rules.budget: 15100): that value is solved only where the sweep tries it", "\(budget)")
        #expect(f.replacedByAnalysis("tight", paths: ["costs.case_cost"], analysis: "the sweep", each: "at every point").isEmpty)
        #expect(f.replacedByAnalysis("base", paths: ["rules.budget"], analysis: "the sweep", each: "at every point").isEmpty)
        let scaled = f.replacedByAnalysis("scaled", paths: ["costs.unserved_case_penalty"], analysis: "the tipping search", each: "at every value it tries")
        #expect(scaled.first?.message.contains("(scaled's scale costs.unserved_case_penalty: 2)") == true
                && scaled.first?.message.hasSuffix("and the values tried are taken as written, not scaled") == true, "\(scaled)")
        let set = try ScenarioFile.load(Self.uncertain, set: ["posts.PA.annual_cost=9000"])
        let both = set.replacedByAnalysis("close-pa", paths: ["posts.*.annual_cost"], analysis: "the sweep", each: "at every point")
        #expect(both.first?.message.contains("replacing what --set writes (--set posts.PA.annual_cost=9000)") == true, "\(both)")
        #expect(f.replacedByAnalysis("close-pa", paths: ["posts.*.annual_cost"], analysis: "the sweep", each: "at every point").isEmpty)
        // `margins --across` leaves the --set out after its first value (said once); a value
        // set twice along extends is named once, the one in force.
        #expect(set.replacedByAnalysis("close-pa", paths: ["posts.*.annual_cost"], analysis: "the sweep", each: "at every point", includingSet: false).isEmpty)
        let twice = try load(String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "variants:\n", with: "variants:\n  nobudget: {extends: tight, set: {rules.budget: null}}\n"))
        #expect(twice.replacedByAnalysis("nobudget", paths: ["rules.budget"], analysis: "the sweep", each: "at every point").first?.message
                .contains("(nobudget's rules.budget: null)") == true)
        // A coalition's --set changes, by state (`dipnet coalition --tipping`).
        let sets = ["NLD:posts.HAV.capacity=3000", "BEL:posts.HAV.capacity=1", "*:posts.*.annual_cost=5"]
        #expect(changes(sets, meeting: "NLD:posts.HAV.capacity") == ["NLD:posts.HAV.capacity=3000"])
        #expect(changes(sets, meeting: "NLD:posts.HAV.annual_cost") == ["*:posts.*.annual_cost=5"])
    }

    /// A combination whose parts plan in different modes is said when a part that forces a
    /// post loses its mode (an analyst's close-havana+open-panama-hub evaluated today's
    /// network); a line that only changes numbers takes the combination's mode silently.
    @Test func aCombinationThatChangesAPlansModeIsSaid() throws {
        let f = try ScenarioFile.load(Self.uncertain, variants: ["close-pa+sq-tight", "status-quo+tight"])
        let said = f.compositionWarnings(["close-pa+sq-tight", "status-quo+tight", "close-pa+tight"])
        #expect(said.count == 1 && said[0].path == "close-pa+sq-tight", "\(said)")
        #expect(said.first?.message.hasPrefix("close-pa+sq-tight plans in evaluate mode, which sq-tight brings: every post a part does not force stays as it is today, "
                                              + "where close-pa alone re-optimises the network") == true, "\(said)")
    }

    @Test func shardsMergeIntoTheUnshardedRunByteForByte() throws {
        let s = try Scratch()
        defer { s.remove() }
        func path(_ n: String) -> String { s.dir.appendingPathComponent(n).path }
        let sweep = RunDescription.Analysis.sweep(variant: "tight", parameters: ["rules.budget=11000..20000:7"])
        _ = try Runs.execute(RunDescription(scenario: Self.tiny, analysis: sweep, records: path("all.jsonl")), planner: planner)
        for i in 0..<3 {
            let r = try Runs.execute(RunDescription(scenario: Self.tiny, analysis: sweep, shard: Shard(index: i, count: 3),
                                                    records: path("part\(i).jsonl")), planner: planner)
            #expect(r.jobsToSolve == [3, 2, 2][i])
        }
        let merged = try Runs.merge([path("part2.jsonl"), path("part0.jsonl"), path("part1.jsonl")], into: path("merged.jsonl"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("merged.jsonl"))) == Data(contentsOf: URL(fileURLWithPath: path("all.jsonl"))))
        guard case .sweep(let header, let records) = merged.summary else { Issue.record("not a sweep"); return }
        #expect(header.points == 7 && records.map(\.point) == Array(0..<7))
        // A record that disagrees with another file's is refused.
        var text = try String(contentsOfFile: path("part0.jsonl"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"status\":\"optimal\"", with: "\"status\":\"feasible\"")
        try text.write(toFile: path("bad.jsonl"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: path("part0.jsonl") + ".run.json", toPath: path("bad.jsonl") + ".run.json")
        #expect(throws: RunError.self) { try Runs.merge([path("part0.jsonl"), path("bad.jsonl")]) }
        // A well-formed record with impossible values is refused, and said where.
        var odd = try String(contentsOfFile: path("part0.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        odd[0] = odd[0].replacingOccurrences(of: #""status":"[a-z_]+""#, with: #""status":"weird""#, options: .regularExpression)
        try (odd.joined(separator: "\n") + "\n").write(toFile: path("odd.jsonl"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: path("part0.jsonl") + ".run.json", toPath: path("odd.jsonl") + ".run.json")
        #expect { try Runs.merge([path("odd.jsonl")]) } throws: {
            ($0 as? RunError)?.description.contains("\(path("odd.jsonl")):1: status \"weird\" is none a solve reports") == true
        }
        // So is a line in the middle that is not JSON; a torn last line alone is skipped.
        let lines = try String(contentsOfFile: path("part0.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        try ([lines[0], "garbage", lines[1]].joined(separator: "\n") + "\n").write(toFile: path("odd.jsonl"), atomically: true, encoding: .utf8)
        #expect(throws: RunError.self) { try Runs.merge([path("odd.jsonl")]) }
        try ([lines[0], lines[1], String(lines[2].prefix(10))].joined(separator: "\n")).write(toFile: path("odd.jsonl"), atomically: true, encoding: .utf8)
        #expect(try Runs.merge([path("odd.jsonl")]).skippedLines.count == 1)
    }

    /// Axes that change the same numbers and an empty list item are refused: the values
    /// shown would not be the values solved (hostile review). A --set of a swept number
    /// runs and is warned of, as in `dipnet tipping` (`aSweepTakesASetOfTheSweptInputAsTippingDoes`).
    @Test func aSweepRefusesAxesThatOverrideEachOther() throws {
        let v2 = try ScenarioFile.load(Fixtures.path("v2/services.yaml"))
        for pair in [["countries.A.demand=0,500", "countries.A.demand.visas=1,2"], ["posts.*.annual_cost=1,2", "posts.PA.annual_cost=1,2"],
                     ["posts.PA.annual_cost=1,2", "posts.*.annual_cost=1,2"]] {
            #expect(throws: ParameterError.self, "\(pair)") { try SweepRun(file: v2, variant: "base", parameters: pair) }
        }
        // Inputs that do not overlap sweep together.
        #expect(try SweepRun(file: v2, variant: "base", parameters: ["posts.PA.annual_cost=1,2", "posts.PB.annual_cost=1,2"]).jobCount == 4)
        #expect(try SweepRun(file: v2, variant: "base", parameters: ["countries.A.demand.visas=1,2", "countries.A.demand.documents=1,2"]).jobCount == 4)
        // A rule the variant does not have (an absent budget or cap) overlaps nothing: it
        // read as NaN, unequal to itself, and every pair with it was refused.
        let tiny = try ScenarioFile.load(Self.tiny)
        #expect(tiny.base.rules.budget == nil && tiny.base.rules.maxDiplomats == nil)
        #expect(try SweepRun(file: tiny, variant: "base", parameters: ["rules.budget=15000,20000", "costs.case_cost=5,10"]).jobCount == 4)
        #expect(try SweepRun(file: tiny, variant: "base", parameters: ["costs.case_cost=5,10", "rules.budget=15000,20000"]).jobCount == 4)
        let set = try ScenarioFile.load(Fixtures.path("v2/services.yaml"), set: ["posts.PA.annual_cost=7"])
        #expect(try SweepRun(file: set, variant: "base", parameters: ["posts.PA.annual_cost=0,5"]).header.current == [7])
        #expect(set.replacedByAnalysis("base", paths: ["posts.PA.annual_cost"], analysis: "the sweep", each: "at every point").count == 1)
        #expect(throws: ParameterError.self) { try SweepRun(file: v2, variant: "base", parameters: ["posts.PA.annual_cost=1,2,,3"]) }
    }

    @Test func aSweepPathTheVariantCannotTakeFailsBeforeAnySolve() throws {
        let file = try ScenarioFile.load(Self.tiny)
        // base has no budget: a sweep point creates it, as --set would.
        #expect(try SweepRun(file: file, variant: "base", parameters: ["rules.budget=1..2:2"]).jobCount == 2)
        #expect(throws: ParameterError.self) { try SweepRun(file: file, variant: "base", parameters: ["rules.max_openings=0..1:3"]) }
        #expect(throws: ParameterError.self) { try SweepRun(file: file, variant: "base", parameters: ["presence.accredited=0..2:3"]) }
        // Every bad parameter is named, not only the first.
        #expect { try SweepRun(file: file, variant: "base", parameters: ["costs.nope=1..2:2", "posts.ZZ.annual_cost=1..2:2"]) } throws: {
            "\($0)".contains("costs.nope") && "\($0)".contains("no post \"ZZ\"")
        }
        // The grid is held in memory: at most as many points as a simulation has draws.
        #expect(throws: ParameterError.self) {
            try SweepRun(file: file, variant: "base", parameters: ["costs.case_cost=1..2:100000", "costs.remote_case_cost_per_1000km=1..2:101"])
        }
        #expect(throws: ScenarioError.self) { try SweepRun(file: file, variant: "nope", parameters: ["rules.budget=1..2:2"]) }
        #expect(try SweepRun(file: file, variant: "tight", parameters: ["rules.budget=1..2:2"]).jobCount == 2)
        // Two axes on one input: the second range would silently replace the first.
        #expect(throws: ParameterError.self) {
            try SweepRun(file: file, variant: "base", parameters: ["costs.case_cost=1..2:2", "costs.case_cost=3..4:2"])
        }
    }

    @Test func simulationVariantsFallBackToTheComparison() throws {
        let f = try load(miniYAML + "comparisons:\n  c: {baseline: base, variants: [status-quo]}\nuncertainty:\n  draws: 3\n")
        #expect(SimulationRun.defaultVariants(of: f) == ["base", "status-quo"])
        #expect(try SimulationRun(file: f).header.variants == ["base", "status-quo"])
        #expect(throws: RunError.self) { try SimulationRun(file: try load(miniYAML)) }
    }

    /// An input drawn outright that a variant sets is not drawn in that variant (an analyst's
    /// variant counting no visa demand was given the drawn demand, silently), nor anywhere
    /// when the command line sets it; a relative draw still multiplies the value.
    @Test func aDrawDoesNotOverrideWhatAVariantSets() throws {
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "  close-pa:\n", with: "  cheap-pb:\n    set: {posts.PB.annual_cost: 100}\n  close-pa:\n")
        let s = try Scratch()
        defer { s.remove() }
        let path = try s.write("held.yaml", text)
        let run = try SimulationRun(file: try ScenarioFile.load(path), variants: ["base", "cheap-pb"], draws: 6)
        // posts.PB.annual_cost (outright) is put back in cheap-pb only; countries.*.demand
        // (relative) multiplies both.
        #expect(run.restore.map { $0.map(\.text) } == [[], ["posts.PB.annual_cost"]] && run.heldLabels == [[], ["posts.PB.annual_cost"]]
                && run.header.held == ["posts.PB.annual_cost": ["cheap-pb"]], "\(run.restore) \(String(describing: run.header.held))")
        let records = (0..<6).flatMap { run.run(job: $0, planner: Planner(parallelism: 1), previous: &Self.none) }
        // cheap-pb's records do not claim the drawn cost it was not solved with; base's do.
        #expect(records.allSatisfy { $0.variant == "cheap-pb" ? $0.drawn["posts.PB.annual_cost"] == nil : $0.drawn["posts.PB.annual_cost"] != nil })
        #expect(records.allSatisfy { run.foreign($0) == nil }, "a record of this run is its own")
        // A wildcard drawn outright: only the item the variant sets is held, the others drawn.
        let wild = text.replacingOccurrences(of: "    posts.PB.annual_cost: {distribution: discrete, values: [5000, 7000]}",
                                             with: "    posts.*.annual_cost: {distribution: uniform, min: 1000, max: 9000}")
        let wildRun = try SimulationRun(file: try ScenarioFile.load(try s.write("wild.yaml", wild)), variants: ["base", "cheap-pb"], draws: 2)
        #expect(wildRun.restore[1].map(\.text) == ["posts.PB.annual_cost"] && wildRun.heldLabels[1] == ["posts.*.annual_cost[PB]"],
                "\(wildRun.restore) \(wildRun.heldLabels)")
        let wildRecords = wildRun.run(job: 0, planner: Planner(parallelism: 1), previous: &Self.none)
        #expect(wildRecords[1].drawn["posts.*.annual_cost[PA]"] != nil && wildRecords[1].drawn["posts.*.annual_cost[PB]"] == nil)
        let text2 = AnalysisReport.renderSimulation(run.header, run.summary(of: records), as: .table)
        #expect(text2.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("Not drawn where set, so the value the variant or the command line asks for holds there: posts.PB.annual_cost in cheap-pb."), "\(text2)")
        // --set: not drawn in any variant, and the text says the change.
        let typed = try SimulationRun(file: try ScenarioFile.load(path, set: ["posts.PB.annual_cost=6500"]), variants: ["base", "cheap-pb"], draws: 2)
        #expect(typed.restore.map { $0.map(\.text) } == [["posts.PB.annual_cost"], ["posts.PB.annual_cost"]] && typed.header.held == ["posts.PB.annual_cost": ["--set"]])
        let typedText = Report.simulation(typed.header, typed.summary(of: [])).render(as: .table)
        #expect(typedText.contains("Changed on the command line: posts.PB.annual_cost=6500"), "\(typedText)")
    }
    nonisolated(unsafe) static var none: [Double]? = nil

    /// A range stated `within` some variants (the government's reinforcements: a cap its
    /// reading sets to 372, drawn 362–382 there, while the neutral reading keeps the
    /// sourced 392) is drawn in the variants built on them, around the value they set, and
    /// nowhere else: not applied there, left out of their records, named in the header and
    /// the note; a later step that sets the number again holds it as any variant does;
    /// `margins` states the range only where it holds, and a variant outside it that sets
    /// the number elsewhere is not warned of. Unknown and built-in names are errors.
    @Test func aRangeWithinSomeVariantsIsDrawnOnlyThere() throws {
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "  close-pa:\n", with: """
                  cheap-pb:
                    set: {posts.PB.annual_cost: 100}
                  cheap-pb-closed:
                    extends: cheap-pb
                    set: {posts.PA.force: closed}
                  later:
                    extends: cheap-pb
                    set: {posts.PB.annual_cost: 200}
                  pricey-pb:
                    set: {posts.PB.annual_cost: 50000}
                  close-pa:

                """)
            .replacingOccurrences(of: "    posts.PB.annual_cost: {distribution: discrete, values: [5000, 7000]}",
                                  with: "    posts.PB.annual_cost: {distribution: discrete, values: [90, 110], within: cheap-pb}")
        let s = try Scratch()
        defer { s.remove() }
        let file = try ScenarioFile.load(try s.write("within.yaml", text))
        #expect(file.uncertainty?.parameters.first?.within == ["cheap-pb"])
        // pricey-pb sets 50,000, far outside 90–110, but the range does not hold there
        #expect(!file.warnings.contains { $0.message.contains("pricey-pb") || $0.message.contains("50000") || $0.message.contains("50,000") },
                "\(file.warnings.map(\.message))")
        let names = ["base", "cheap-pb", "cheap-pb-closed", "later"]
        let run = try SimulationRun(file: file, variants: names, draws: 4)
        let label = "posts.PB.annual_cost"
        #expect(run.header.outside == [label: ["base"]] && run.header.held == [label: ["later"]],
                "\(String(describing: run.header.outside)) \(String(describing: run.header.held))")
        // What each variant is solved with: base keeps 7,000; cheap-pb and its extension
        // draw 90 or 110 (the value cheap-pb sets is the range's); later keeps its own 200.
        var seen = Set<Double>()
        for d in 0..<4 {
            var drawn = run.scenarios
            _ = run.spec.apply(draw: d, to: &drawn, steps: run.steps)
            Simulation.putBack(run.restoreValues[3], into: &drawn[3])
            let pb = drawn.map { $0.posts.first { $0.id == "PB" }!.annualCost }
            #expect(pb[0] == 7000 && [90, 110].contains(pb[1]) && pb[2] == pb[1] && pb[3] == 200, "\(pb)")
            seen.insert(pb[1])
        }
        let records = (0..<4).flatMap { run.run(job: $0, planner: Planner(parallelism: 1), previous: &Self.none) }
        #expect(records.allSatisfy { ["cheap-pb", "cheap-pb-closed"].contains($0.variant) == ($0.drawn[label] != nil) })
        #expect(records.allSatisfy { run.foreign($0) == nil }, "a record of this run is its own")
        let json = AnalysisReport.renderSimulation(run.header, run.summary(of: records), as: .json)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["not_drawn_outside"] as? [String: [String]] == [label: ["base"]], "\(json)")
        let table = AnalysisReport.renderSimulation(run.header, run.summary(of: records), as: .table)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(table.contains("Not drawn outside the variants its range is stated within (within:), so the variant's own value (or the command line's) holds there: posts.PB.annual_cost in base."), "\(table)")
        // The draws of the other ranges do not depend on the variants asked for.
        let alone = try SimulationRun(file: file, variants: ["base"], draws: 4)
        let aloneRecords = alone.run(job: 2, planner: Planner(parallelism: 1), previous: &Self.none)
        #expect(aloneRecords[0].drawn == records.first { $0.draw == 2 && $0.variant == "base" }?.drawn)
        // Margins: the range is stated for a comparison of the variants it holds in only.
        #expect(Margins.ranges(file, in: try file.scenario("cheap-pb-closed")).contains { $0.range.path.text == label })
        #expect(!Margins.ranges(file, in: try file.scenario("base")).contains { $0.range.path.text == label })
        #expect(Margins.input(try ParameterPath(label, in: file.base), try file.scenario("cheap-pb"), file, scale: 1000).stated == 90...110)
        #expect(Margins.input(try ParameterPath(label, in: file.base), file.base, file, scale: 1000).stated == nil)
        // ... and where it does not hold, the row says the file states it elsewhere (its "–"
        // read as no range at all), in the note and the JSON.
        #expect(Margins.input(try ParameterPath(label, in: file.base), file.base, file, scale: 1000).statedWithin == ["cheap-pb"])
        #expect(Margins.input(try ParameterPath(label, in: file.base), try file.scenario("cheap-pb"), file, scale: 1000).statedWithin == nil)
        let m = try Margins.run(file, try ComparisonRequest(file: file, variants: ["close-pa"], baseline: "base"), planner: Planner(parallelism: 1), only: [label])
        let row = try #require(m.rows.first { $0.input == label })
        #expect(row.stated == nil && row.statedWithin == ["cheap-pb"] && row.chanceBeyond == nil, "\(row)")
        let notes = AnalysisReport.renderMargins(m, as: .table).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(notes.contains("Stated only within other variants (within:), so no stated range or share here: posts.PB.annual_cost (within cheap-pb)."), "\(notes)")
        let mj = try #require(try JSONSerialization.jsonObject(with: Data(AnalysisReport.renderMargins(m, as: .json).utf8)) as? [String: Any])
        let jrow = try #require((mj["rows"] as? [[String: Any]])?.first { $0["input"] as? String == label })
        #expect(jrow["stated_within"] as? [String] == ["cheap-pb"], "\(jrow)")
        // Errors: a name that is no variant, a built-in one, an empty list; all in one run.
        let bad = text.replacingOccurrences(of: "within: cheap-pb}", with: "within: [cheap-bp, base]}")
            .replacingOccurrences(of: "relative: true}", with: "relative: true, within: []}")
        #expect { try ScenarioFile.load(try s.write("bad.yaml", bad)) } throws: { error in
            let m = "\(error)"
            return m.contains("uncertainty.parameters.posts.PB.annual_cost.within[0]") && m.contains("no variant \"cheap-bp\"")
                && m.contains("did you mean \"cheap-pb\"") && m.contains("base is built in")
                && m.contains("within: an empty list names no variant")
        }
        let twice = text.replacingOccurrences(of: "within: cheap-pb}", with: "within: [cheap-pb, cheap-pb]}")
        #expect { try ScenarioFile.load(try s.write("twice.yaml", twice)) } throws: { "\($0)".contains("names cheap-pb a second time") }
        // A run none of whose variants is built on cheap-pb draws nothing there: refused
        // with the reason (it solved identical draws without a word: a hostile pass).
        let only = text.replacingOccurrences(of: "    countries.*.demand: {distribution: uniform, min: 0.99, max: 1.01, relative: true}\n", with: "")
            .replacingOccurrences(of: "  shocks:\n    - {country: D, multiplier: 2, probability: 0.25}\n", with: "")
        let onlyFile = try ScenarioFile.load(try s.write("only.yaml", only))
        #expect { try SimulationRun(file: onlyFile, variants: ["base", "close-pa"], draws: 2) } throws: {
            "\($0)".contains("draws nothing in base, close-pa: its ranges hold within cheap-pb only")
        }
        #expect(try SimulationRun(file: onlyFile, variants: ["base", "cheap-pb"], draws: 2).header.outside == [label: ["base"]])
        // The warning of a value outside the range names the step that gives it: a variant
        // that scales cheap-pb's 100 (inside 90–110) to 300, not cheap-pb.
        let scaled = text.replacingOccurrences(of: "  pricey-pb:\n", with: "  triple:\n    extends: cheap-pb\n    scale: {posts.PB.annual_cost: 3}\n  pricey-pb:\n")
        let warned = try ScenarioFile.load(try s.write("scaled.yaml", scaled)).outsideStated(["cheap-pb", "triple"])
        #expect(warned.count == 1 && warned[0].message.hasPrefix("triple scales posts.PB.annual_cost to 300"), "\(warned.map(\.message))")
        // A range stated for other variants beside one drawn within cheap-pb is no second
        // range of the same draw (it warned "draws the same number"); one for every variant is.
        func sameNumberWarned(_ within: String) throws -> Bool {
            let two = text.replacingOccurrences(of: "  shocks:\n", with: "    \"posts.*.annual_cost\": {distribution: uniform, min: 1, max: 9000, draw: false\(within)}\n  shocks:\n")
            return try ScenarioFile.load(try s.write("two.yaml", two)).warnings.contains { $0.message.contains("draws the same number") }
        }
        #expect(try !sameNumberWarned(", within: pricey-pb") && sameNumberWarned(""))
        // A coalition's variants change no number: within is refused there, by key path.
        let coalition = try String(contentsOfFile: Fixtures.path("coalition/margins-no-plan.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "min: 0, max: 200}", with: "min: 0, max: 200, within: base}")
        #expect { try CoalitionFile.load(try s.write("coalition.yaml", coalition)) } throws: { error in
            "\(error)".contains("within is for a scenario's variants") && "\(error)".contains("B:posts.PB.capacity")
        }
    }

    /// Beside a relative draw of 0: the share of an interest no country values (it multiplies
    /// 0 in the objective) and a relative draw that an outright draw of the same number later
    /// replaces cannot matter either (a hostile pass found interests.*.represented ranked third
    /// of 143 in the Havana run); with three variants the note says which columns leave an
    /// input out; two versions' headers keep only what both call inert.
    /// A relative draw of a post's case cost, where the post takes the default, gives the post
    /// its own cost: a later outright draw of the default leaves it in force, so it is no
    /// inert input (it was called one, its factor moving the whole answer: a hostile pass);
    /// a later outright wildcard of the post's own number does replace it.
    @Test func aDrawOfTheDefaultAfterAPostsOwnFactorLeavesThatFactorRanked() throws {
        let yaml = """
            dipnet: 2
            criteria: {g: {weight: 1000}}
            services:
              docs: {case_cost: 10, unserved_penalty: 100}
            countries:
              - {id: A, lat: 0, lon: 0, demand: {docs: 100}, scores: {g: 10}}
            posts:
              - {id: PA, country: A, status: existing, annual_cost: 6000, close_cost: 4000, capacity: 200}
            variants:
              close-pa: {set: {posts.PA.force: closed}}
            uncertainty:
              parameters:
                posts.PA.case_cost.docs: {distribution: uniform, min: 0.5, max: 1.5, relative: true}
                services.docs.case_cost: {distribution: discrete, values: [10]}
                posts.PA.annual_cost: {distribution: uniform, min: 0.5, max: 1.5, relative: true}
                posts.*.annual_cost: {distribution: uniform, min: 5000, max: 7000}

            """
        let s = try Scratch()
        defer { s.remove() }
        let run = try SimulationRun(file: try ScenarioFile.load(try s.write("default.yaml", yaml)), variants: ["base", "close-pa"], draws: 2)
        let inert = run.header.inert ?? [:]
        #expect(inert["posts.PA.case_cost.docs"] == nil && inert["posts.PA.annual_cost"] == ["base", "close-pa"], "\(inert)")
    }

    @Test func sharesOfAnInterestNobodyValuesAndReplacedDrawsAreInert() throws {
        let yaml = """
            dipnet: 2
            criteria: {g: {weight: 1000}}
            presence: {accredited: 0.5, represented: 0.25}
            services:
              docs: {case_cost: 10, unserved_penalty: 100}
            interests:
              arg: {accredited: 0.5, represented: 0.1}
            countries:
              - {id: A, lat: 0, lon: 0, demand: {docs: 100}, scores: {g: 10}}
              - {id: B, lat: 0, lon: 9, demand: {docs: 50}, scores: {g: 4}}
            posts:
              - {id: PA, country: A, status: existing, annual_cost: 6000, close_cost: 4000, capacity: 200, covers: [B]}
              - {id: PB, country: B, status: existing, annual_cost: 7000, close_cost: 2000, capacity: 80}
            variants:
              arg-on: {set: {countries.A.interests.arg: 5000}}
              dear-pb: {set: {posts.PB.close_cost: 9000}}
            uncertainty:
              parameters:
                interests.arg.accredited: {distribution: uniform, min: 0.2, max: 0.8}
                countries.B.scores.g: {distribution: uniform, min: 0.5, max: 1.5, relative: true}
                countries.*.scores.g: {distribution: uniform, min: 1, max: 20}
                posts.PB.annual_cost: {distribution: uniform, min: 5000, max: 9000}

            """
        let s = try Scratch()
        defer { s.remove() }
        let run = try SimulationRun(file: try ScenarioFile.load(try s.write("shares.yaml", yaml)), variants: ["base", "arg-on", "dear-pb"], draws: 30)
        let inert = try #require(run.header.inert)
        // The share: inert where no country values arg (base, dear-pb), not where A does.
        #expect(inert["interests.arg.accredited"] == ["base", "dear-pb"], "\(inert)")
        // B's score factor: the outright draw after it replaces it, in every variant.
        #expect(inert["countries.B.scores.g"] == ["base", "arg-on", "dear-pb"] && inert["posts.PB.annual_cost"] == nil, "\(inert)")
        let records = (0..<30).flatMap { run.run(job: $0, planner: Planner(parallelism: 1), previous: &Self.none) }
        let summary = run.summary(of: records)
        let argOn = try #require(summary.differences.first { $0.variant == "arg-on" })
        let dear = try #require(summary.differences.first { $0.variant == "dear-pb" })
        #expect(argOn.drivers.contains { $0.input == "interests.arg.accredited" } && !dear.drivers.contains { $0.input == "interests.arg.accredited" })
        #expect(!argOn.drivers.contains { $0.input == "countries.B.scores.g" } && !dear.drivers.contains { $0.input == "countries.B.scores.g" })
        let shown = AnalysisReport.renderSimulation(run.header, summary, as: .table).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown.contains("Not ranked where they cannot matter: 2 drawn inputs") && shown.contains(": countries.B.scores.g (in every column); "
                                                                                               + "in some columns only (– there): interests.arg.accredited (dear-pb)."), "\(shown)")
        // Two versions' headers: only what both hold, whichever comes first.
        var other = run.header
        other.inert = ["interests.arg.accredited": ["base"], "posts.PB.annual_cost": ["base"]]
        for (a, b) in [(run.header, other), (other, run.header)] {
            #expect(a.filling(from: b).inert == ["interests.arg.accredited": ["base"]], "\(String(describing: a.filling(from: b).inert))")
        }
        // A country's value of the interest drawn outright values it in the draws: the share
        // matters there (a hostile pass's share was called inert beside a 0–3 M draw of Cuba's
        // value); a relative draw of that 0 value does not.
        let drawnValue = try SimulationRun(file: try ScenarioFile.load(try s.write("drawn.yaml", yaml.replacingOccurrences(
            of: "    interests.arg.accredited:", with: "    countries.B.interests.arg: {distribution: uniform, min: 0, max: 3000}\n    interests.arg.accredited:"))),
                                           variants: ["base", "dear-pb"], draws: 5)
        #expect(drawnValue.header.inert?["interests.arg.accredited"] == nil, "\(String(describing: drawnValue.header.inert))")
        let relativeValue = try SimulationRun(file: try ScenarioFile.load(try s.write("relative.yaml", yaml.replacingOccurrences(
            of: "    interests.arg.accredited:", with: "    countries.B.interests.arg: {distribution: uniform, min: 0.5, max: 2, relative: true}\n    interests.arg.accredited:"))),
                                              variants: ["base", "dear-pb"], draws: 5)
        #expect(relativeValue.header.inert?["interests.arg.accredited"] == ["base", "dear-pb"], "\(String(describing: relativeValue.header.inert))")
    }

    /// A relative draw of a value that is 0 in both variants (an argument's line switched
    /// off) cannot move their difference: it is not ranked among the drivers, where its
    /// chance correlation read as a driver and raised the chance level of the others.
    @Test func anInputThatMultipliesZeroOnBothSidesIsNotADriver() throws {
        let text = try String(contentsOfFile: Self.uncertain, encoding: .utf8)
            .replacingOccurrences(of: "  close-pa:\n", with: "  quiet-d:\n    set: {countries.D.demand: 0}\n  quiet-d-dear-pb:\n    extends: quiet-d\n"
                                  + "    set: {posts.PB.close_cost: 9000}\n  close-pa:\n")
        let s = try Scratch()
        defer { s.remove() }
        let file = try ScenarioFile.load(try s.write("inert.yaml", text))
        let label = "countries.*.demand[D]"
        // D's demand is 0 in both: its factor is inert there, and only there.
        let both = try SimulationRun(file: file, variants: ["quiet-d", "quiet-d-dear-pb"], draws: 40)
        #expect(both.header.inert == [label: ["quiet-d", "quiet-d-dear-pb"]], "\(String(describing: both.header.inert))")
        let records = (0..<40).flatMap { both.run(job: $0, planner: Planner(parallelism: 1), previous: &Self.none) }
        let summary = both.summary(of: records)
        #expect(records.allSatisfy { $0.drawn[label] != nil }, "the records still say what was drawn")
        #expect(!summary.differences[0].drivers.contains { $0.input == label } && summary.openDrivers.values.allSatisfy { !$0.drivers.contains { $0.input == label } })
        let shown = AnalysisReport.renderSimulation(both.header, summary, as: .table).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown.contains("Not ranked where they cannot matter: 1 drawn input that cannot move either variant of a difference"), "\(shown)")
        let json = try JSONSerialization.jsonObject(with: Data(AnalysisReport.renderSimulation(both.header, summary, as: .json).utf8)) as? [String: Any]
        #expect((json?["inert"] as? [String: [String]]) == [label: ["quiet-d", "quiet-d-dear-pb"]])
        // Against base, where D has demand, the factor moves one side: it stays a driver.
        let one = try SimulationRun(file: file, variants: ["base", "quiet-d"], draws: 40)
        #expect(one.header.inert == [label: ["quiet-d"]])
        let oneSummary = one.summary(of: (0..<40).flatMap { one.run(job: $0, planner: Planner(parallelism: 1), previous: &Self.none) })
        #expect(oneSummary.differences[0].drivers.contains { $0.input == label }, "\(oneSummary.differences[0].drivers)")
        #expect(!AnalysisReport.renderSimulation(one.header, oneSummary, as: .table).contains("Not ranked"))
        // Derived from the run's identity, so a header written before it was kept is the
        // same run, and takes it when resumed.
        var old = both.header
        old.inert = nil
        #expect(old == both.header && old.filling(from: both.header).inert == both.header.inert)
    }

    @Test func comparisonsAreChosenByNameListOrFirst() throws {
        let f = try load(miniYAML + "variants:\n  v: {}\ncomparisons:\n  first: {variants: [v]}\n  second: {baseline: base, variants: [v, status-quo]}\n")
        #expect(try ComparisonRequest(file: f).allVariants == ["status-quo", "v"])
        #expect(try ComparisonRequest(file: f, comparison: "second").allVariants == ["base", "v", "status-quo"])
        #expect(try ComparisonRequest(file: f, variants: ["v", "base"], baseline: "v").allVariants == ["v", "base"])
        #expect(throws: RunError.self) { try ComparisonRequest(file: f, comparison: "third") }
        #expect(throws: RunError.self) { try ComparisonRequest(file: f, comparison: "first", variants: ["v"]) }
        // An empty list used to compare the baseline alone; a repeated name gave a column twice.
        #expect(throws: RunError.self) { try ComparisonRequest(file: f, variants: []) }
        #expect(throws: RunError.self) { try ComparisonRequest(file: f, variants: ["v", "v"]) }
    }

    @Test func scenarioAndCoalitionFilesAreToldApartByTheirKeys() throws {
        let s = try Scratch()
        defer { s.remove() }
        // Keys in flow style or quoted: no line starts with "states:" or "dipnet:".
        let coalition = try s.write("c.yaml", "{\"dipnet\": 1, \"states\": {}, countries: []}\n")
        let scenario = try s.write("s.yaml", "# states: in a comment only\n\"dipnet\": 1\ncountries: []\n")
        let other = try s.write("o.yaml", "name: not dipnet\n")
        #expect(DipnetFileKind.of(coalition) == .coalition)
        #expect(DipnetFileKind.of(scenario) == .scenario)
        #expect(DipnetFileKind.of(other) == nil)
        // YAML that does not parse: a scenario when a line starts with a scenario's key (it was
        // skipped as another tool's file, a hostile pass's case), another tool's file otherwise.
        let broken = try s.write("b.yaml", "name: x\nposts: [\n")
        let brokenOther = try s.write("x.yaml", "name: x\nsteps: [\n")
        let found = try DipnetFileKind.search(under: [s.dir.path])
        #expect(found.scenarios == [broken, scenario] && found.coalitions == [coalition] && found.others == [other, brokenOther] && found.problems.isEmpty,
                "\(found)")
    }

    /// `beats` pins the conclusion, not its figures: base (1,000) beats close-pa (480)
    /// by 520, so a margin of 500 holds and one of 600 fails, and close-pa does not
    /// beat base; each rival is solved once even when several checks name it.
    @Test func beatsChecksTheConclusion() throws {
        let s = try Scratch()
        defer { s.remove() }
        var text = try String(contentsOfFile: Fixtures.path("tiny/tiny.yaml"), encoding: .utf8)
        let block = text.range(of: "\nexpect:")!.lowerBound
        text = String(text[..<block]) + "\nexpect:\n  base: {beats: {close-pa: 500, status-quo: 0}}\n  no-quota: {beats: [base, close-pa]}\n"
            + "  close-pa: {beats: [base]}\n  tight: {beats: {close-pa: 600}}\n"
        let path = try s.write("t.yaml", text)
        let run = try ExpectationRun.run(paths: [path], planner: Planner(parallelism: 1))
        let outcomes = run.files[0].outcomes
        func passed(_ v: String, _ what: String) -> Bool? { outcomes.first { $0.variant == v && $0.what == what }?.passed }
        #expect(passed("base", "beats close-pa") == true && passed("base", "beats status-quo") == true)
        #expect(passed("no-quota", "beats base") == true && passed("no-quota", "beats close-pa") == true)
        #expect(passed("close-pa", "beats base") == false)
        // tight and close-pa both reach 480: a tie is not a win, let alone by 600.
        #expect(passed("tight", "beats close-pa") == false)
        #expect(outcomes.first { $0.variant == "close-pa" }?.measured == "behind by 520", "\(outcomes.map(\.measured))")
        #expect(run.passed == 4 && run.failed == 2)
        // --only beats runs the conclusions alone: the pinned figures of tiny.yaml's own
        // block are not in this file, so the counts stay; only status leaves none here.
        let only = try ExpectationRun.run(paths: [path], planner: Planner(parallelism: 1), only: ["beats"])
        #expect(only.passed == 4 && only.failed == 2)
        let none = try ExpectationRun.run(paths: [path], planner: Planner(parallelism: 1), only: ["status"])
        #expect(none.files.isEmpty && none.withoutExpectations == [path])
    }

    /// An expect block may pin a combination (`close-pa+no-quota`), as `--variant a+b`
    /// composes it, so that a flip found under a line an analyst switches on is pinned
    /// without writing a variant for each pair; a combination with an unknown, empty or
    /// repeated part is reported where it stands, every one at once.
    @Test func expectationsPinCombinations() throws {
        let s = try Scratch()
        defer { s.remove() }
        var text = try String(contentsOfFile: Fixtures.path("tiny/tiny.yaml"), encoding: .utf8)
        let block = text.range(of: "\nexpect:")!.lowerBound
        text = String(text[..<block]) + "\nexpect:\n  base+no-quota: {beats: [close-pa+no-quota]}\n  close-pa+no-quota: {beats: [base+no-quota]}\n"
        let path = try s.write("c.yaml", text)
        let run = try ExpectationRun.run(paths: [path], planner: Planner(parallelism: 1))
        let outcomes = run.files.first?.outcomes ?? []
        let plain = try ScenarioFile.load(path)
        let (a, b) = (try Planner(parallelism: 1).solve(plain.scenario("base+no-quota")), try Planner(parallelism: 1).solve(plain.scenario("close-pa+no-quota")))
        let winner = a.netBenefit > b.netBenefit ? "base+no-quota" : "close-pa+no-quota"
        #expect(run.passed == 1 && run.failed == 1 && outcomes.first { $0.passed }?.variant == winner, "\(outcomes)")
        let bad = try s.write("bad.yaml", String(text[..<block]) + "\nexpect:\n  base+nope: {status: optimal}\n  base+base: {status: optimal}\n"
                              + "  base+: {status: optimal}\n  no-quota: {beats: [close-pa+nope]}\n")
        do { _ = try ScenarioFile.load(bad); Issue.record("loaded") } catch {
            #expect(error.diagnostics.map(\.message) == [
                "no variant \"nope\" in the combination \"base+nope\"",
                ScenarioFile.namedTwice("base+base", "base"),
                "\"base+\" has an empty part: a combination is variants joined by +, as in keep-havana+other",
                "no variant \"nope\" in the combination \"close-pa+nope\"",
            ], "\(error.diagnostics)")
        }
    }

    /// Ctrl-C during `dipnet test` judged the plans cut short: a coalition's checks
    /// read FAIL ("no standalone plan … (interrupted)"), and a check could even pass on
    /// a plan that was not the answer. Expectations whose solves were interrupted are
    /// now not checked, and counted neither passed nor failed.
    @Test func anInterruptedTestChecksNothingItCouldNotSolve() throws {
        var options = SolveOptions()
        options.cancellation = SolveCancellation()
        options.cancellation?.cancel()
        let path = Fixtures.path("tiny/tiny.yaml")
        // Ctrl-C before a file: it is not read (a large one took seconds), and says so.
        let run = try ExpectationRun.run(paths: [path], planner: Planner(options: options, parallelism: 1))
        #expect(run.files.isEmpty && run.notReached == [path])
        #expect(run.passed == 0 && run.failed == 0 && run.unchecked == 0)
        let text = ExpectationReport.render(run)
        #expect(!text.contains("FAIL") && !text.contains("PASS") && text.hasSuffix("0 passed, 0 failed, 1 file(s) not reached (interrupted)\n"), "\(text)")
        // A file whose solves were cut short is not judged: its expectations are counted apart.
        let plain = try ExpectationRun.run(paths: [path], planner: Planner(parallelism: 1))
        let count = try #require(plain.files.first).expectationCount
        #expect(count > 0 && plain.passed == count && plain.unchecked == 0)
        var cut = plain
        cut.files[0].interrupted = true
        #expect(cut.passed == 0 && cut.failed == 0 && cut.unchecked == count)
        let cutText = ExpectationReport.render(cut)
        #expect(!cutText.contains("PASS") && cutText.hasSuffix("0 passed, 0 failed, \(count) not checked (interrupted)\n"), "\(cutText)")
    }

    /// `dipnet test DIR` skipped every file it could not read or parse, and folders
    /// behind symbolic links, and passed with nothing tested. Now such files are
    /// taken as scenarios (their loading says what is wrong), links are followed
    /// (each real folder once), and a folder without a scenario is an error.
    @Test func aFolderSearchSkipsNothingSilently() throws {
        let s = try Scratch()
        defer { s.remove() }
        let good = try s.write("w/a/good.yaml", "dipnet: 1\ncountries: []\n")
        let broken = try s.write("w/a/broken.yaml", "dipnet: 1\nname: \"unclosed\ncountries: []\n")
        let typo = try s.write("w/b/typo.yaml", "dipnte: 1\ncountries: []\n")
        let stray = try s.write("w/b/stray.yaml", "dipnet: 1\ncountries: []\nstates: []\n")
        try Data([0x64, 0x69, 0xe1, 0x0a]).write(to: URL(fileURLWithPath: s.dir.appendingPathComponent("w/b/latin1.yaml").path))
        _ = try s.write("w/.hidden/skip.yaml", "dipnet: 1\n")
        _ = try s.write("w/ci.yml", "jobs: {}\n")
        _ = try s.write("elsewhere/linked.yaml", "dipnet: 1\ncountries: []\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: s.dir.appendingPathComponent("w/b/link").path, withDestinationPath: s.dir.appendingPathComponent("elsewhere").path)
        try fm.createSymbolicLink(atPath: s.dir.appendingPathComponent("w/b/loop").path, withDestinationPath: s.dir.appendingPathComponent("w").path)
        try fm.createDirectory(atPath: s.dir.appendingPathComponent("empty").path, withIntermediateDirectories: true)
        let found = try DipnetFileKind.search(under: [s.dir.appendingPathComponent("w").path, good])
        #expect(found.scenarios.map { ($0 as NSString).lastPathComponent }.sorted()
                == ["broken.yaml", "good.yaml", "latin1.yaml", "linked.yaml", "stray.yaml", "typo.yaml"], "\(found.scenarios)")
        #expect(found.others.count == 1 && found.problems.isEmpty, "\(found)")
        // A dangling link named .yaml is a problem; another tool's multi-document YAML and
        // a suffix in capitals are read like the rest.
        try fm.createSymbolicLink(atPath: s.dir.appendingPathComponent("w/gone.yaml").path, withDestinationPath: "/nonexistent/x.yaml")
        _ = try s.write("w/k8s.yaml", "kind: a\n---\nkind: b\n")
        _ = try s.write("w/UPPER.YAML", "dipnet: 1\ncountries: []\n")
        let more = try DipnetFileKind.search(under: [s.dir.appendingPathComponent("w").path])
        #expect(more.problems.count == 1 && more.problems[0].description.contains("a link to something that does not exist"), "\(more.problems)")
        #expect(more.others.count == 2 && more.scenarios.contains { $0.hasSuffix("UPPER.YAML") }, "\(more)")
        try fm.removeItem(atPath: s.dir.appendingPathComponent("w/gone.yaml").path)
        try fm.removeItem(atPath: s.dir.appendingPathComponent("w/UPPER.YAML").path)
        _ = (broken, typo, stray)
        // Through a link to the folder itself, and an empty folder.
        try fm.createSymbolicLink(atPath: s.dir.appendingPathComponent("wl").path, withDestinationPath: s.dir.appendingPathComponent("w").path)
        #expect(try DipnetFileKind.search(under: [s.dir.appendingPathComponent("wl").path]).scenarios.count == 6)
        let empty = try DipnetFileKind.search(under: [s.dir.appendingPathComponent("empty").path])
        #expect(empty.scenarios.isEmpty && empty.problems.count == 1 && empty.problems[0].description.contains("no scenario or coalition file"))
        // The run counts the broken files invalid: nothing passes silently.
        let run = try ExpectationRun.run(paths: [s.dir.appendingPathComponent("w").path], planner: Planner(parallelism: 1))
        #expect(run.invalid.count == 4, "\(run.invalid)")
        // A coalition file named is tested as one (its expect block).
        let c = try s.write("c.yaml", "dipnet: 1\nstates: {A: {}}\n")
        let named = try DipnetFileKind.search(under: [c])
        #expect(named.scenarios.isEmpty && named.coalitions == [c] && named.problems.isEmpty)
    }

    @Test func numbersFromTheCommandLineReadAsInScenarioFiles() {
        #expect(NumberSyntax.parse("95_000_000") == 95_000_000 && NumberSyntax.parse("1e6") == 1e6)
        #expect(NumberSyntax.parse("nan") == nil && NumberSyntax.parse("0x10") == nil && NumberSyntax.parse("inf") == nil)
        #expect(NumberSyntax.range("0..1_100_000") == 0...1_100_000)
        #expect(NumberSyntax.range("5..1") == nil)
    }

    @Test func contentHashIsWhatSha256sumGives() throws {
        let f = try ScenarioFile.load(Fixtures.path("tiny/tiny_csv.yaml"))
        #expect(f.content.files.map(\.name) == ["tiny_csv.yaml", "tiny_countries.csv", "tiny_partners.csv", "tiny_posts.csv"])
        #expect(f.content.verificationCommand == "sha256sum tiny_csv.yaml tiny_countries.csv tiny_partners.csv tiny_posts.csv | sha256sum")
        // Recompute with the system's sha256sum when it exists.
        guard let out = try Self.shell(f.content.verificationCommand, in: URL(fileURLWithPath: Fixtures.path("tiny"))) else { return }
        #expect(out.hasPrefix(f.contentHash + "  -"), "\(out) vs \(f.contentHash)")
    }

    /// GNU sha256sum escapes a name with a backslash (and starts its line with one):
    /// the manifest does the same, or the documented command would give another hash.
    @Test func contentHashOfANameWithABackslashIsWhatSha256sumGives() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dipnet-hash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var hash = ContentHash()
        for (name, text) in [("s.yaml", "dipnet: 1\n"), ("odd\\name.csv", "id\n")] {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
            hash.add(file: name, bytes: Data(text.utf8))
        }
        let lines = hash.manifest.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasSuffix("  s.yaml") && !lines[0].hasPrefix("\\") && lines[1].hasPrefix("\\"))
        #expect(hash.manifest.hasSuffix("  odd\\\\name.csv\n"))
        guard let out = try Self.shell(hash.verificationCommand, in: dir) else { return }
        #expect(out.hasPrefix(hash.hex + "  -"), "\(out) vs \(hash.hex)")
    }

    /// `-o /dev/stdout`: a link to a pipe (whose name, `pipe:[…]`, no path resolution
    /// gives) is written through; a rename would have replaced the link by a file.
    @Test func aLinkToAPipeIsWrittenThroughNotReplaced() throws {
        #if os(Linux)
        let s = try Scratch()
        defer { s.remove() }
        let pipe = Pipe()
        let link = s.dir.appendingPathComponent("out").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/self/fd/\(pipe.fileHandleForWriting.fileDescriptor)")
        try AtomicFile.write("hello\n", to: link)
        try pipe.fileHandleForWriting.close()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "hello\n")
        #expect(try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType == .typeSymbolicLink)
        // A link to a regular file: the file is replaced, the link stays.
        let target = try s.write("target.txt", "old\n")
        let other = s.dir.appendingPathComponent("other").path
        try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: target)
        try AtomicFile.write("new\n", to: other)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.type] as? FileAttributeType == .typeSymbolicLink)
        #endif
    }

    /// The standard output of a content hash's recomputing command, run by /bin/sh in
    /// `dir`; nil where the system has no sha256sum.
    static func shell(_ command: String, in dir: URL) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
