import Foundation
import Testing

/// `--set`, `a+b`, short flags, `--table`, `--csv-dialect`, xlsx and data
/// packages as a user types them.
@Suite("Command-line habits and output formats") struct FormatsCLITests {
    @Test func setChangesOneNumberAndSaysSo() throws {
        let r = try CLI.run(["solve", CLI.tiny, "--set", "posts.PA.force=closed", "-f", "json", "-q"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["net_benefit"] as? Double == 480)
        #expect(json["set"] as? [String] == ["posts.PA.force=closed"])
        let text = try CLI.run(["solve", CLI.tiny, "--set", "posts.PA.force=closed", "-q"])
        #expect(text.out.contains("Changed on the command line: posts.PA.force=closed"))
    }

    @Test func badSetExitsTwoNamingTheChange() throws {
        let r = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "--set", "posts.XX.annual_cost=1"])
        #expect(r.status == 2)
        #expect(r.err.contains("--set 1") && r.err.contains("no post with id \"XX\""), "\(r.err)")
    }

    @Test func variantsCombineWithPlus() throws {
        let r = try CLI.run(["solve", CLI.tiny, "--variant", "no-quota+close-pa", "-f", "json", "-q"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["variant"] as? String == "no-quota+close-pa")
        let same = try CLI.run(["solve", CLI.tiny, "--variant", "no-quota", "--set", "posts.PA.force=closed", "-f", "json", "-q"])
        let other = try #require(try JSONSerialization.jsonObject(with: Data(same.out.utf8)) as? [String: Any])
        #expect(json["net_benefit"] as? Double == other["net_benefit"] as? Double)
    }

    @Test func shortFlagsAndTables() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let out = d.appendingPathComponent("flows.csv").path
        let r = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "-f", "csv", "--table", "flows", "-o", out, "-q"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty, "-q prints nothing: \(r.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("country,service,handler,handler_kind,cases,distance_km\n"), "\(text.prefix(80))")
        // Without -q every command that writes a file says so, once (coalitions and analyses too).
        let pair = d.appendingPathComponent("robust.csv").path
        let loud = try CLI.run(["robust", CLI.tiny, "--weight", "geopolitical=200..3000", "--samples", "0", "-f", "csv", "-o", pair])
        #expect(loud.status == 0 && loud.err.components(separatedBy: "wrote \(pair)").count == 2, "\(loud.err)")
        let bad = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "csv", "--table", "flows"])
        #expect(bad.status == 2)
        // refused before any solve, with what a comparison's tables can be
        #expect(bad.err.contains("its tables can be: figures, decisions, presence, side_by_side, flips") && !bad.err.contains("solving"), "\(bad.err)")
        let v1 = try CLI.run(["solve", CLI.tiny, "-f", "csv", "--table", "services"])
        #expect(v1.status == 2 && v1.err.contains("a format version 1 file has no services or interests") && !v1.err.contains("solving"), "\(v1.err)")
        let near = try CLI.run(["solve", CLI.tiny, "-f", "csv", "--table", "post"])
        #expect(near.status == 2 && near.err.contains("no table \"post\" in this output (did you mean \"posts\"?)") && !near.err.contains("solving"), "\(near.err)")
        // Every plan table named in the terminal follows the summary, the per-service one included.
        let v2 = CLI.repo.appendingPathComponent("scenarios/belgium-2026/scenario.yaml").path
        for (table, title) in [("country_services", "Cases by country and service"), ("countries", "Countries"), ("flows", "Who handles the cases (and how many no one does)")] {
            let t = try CLI.run(["solve", v2, "--variant", "close-havana", "--table", table, "-q"])
            #expect(t.status == 0 && t.out.contains("\n" + title + "\n"), "--table \(table): \(t.out.suffix(300))")
        }
        // Who serves Cuba's visa applicants after a closure: no one, and the flows say so.
        let flows = try CLI.run(["solve", v2, "--variant", "close-havana", "--table", "flows", "-f", "csv", "-q"])
        #expect(flows.out.contains("\nCUB,visas,unserved,unserved,1978,\n"), "\(flows.out.prefix(200))")
    }

    /// No output replaces an input of the run (the scenario, a table it reads) or
    /// another output of the run; a data package may not be written over a folder
    /// holding an input. Each refusal leaves the file as it was.
    @Test func outputsNeverReplaceInputs() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let src = CLI.repo.appendingPathComponent("Tests/DiplomaticNetworkTests/Fixtures/tiny")
        for f in ["tiny_csv.yaml", "tiny_countries.csv", "tiny_posts.csv", "tiny_partners.csv", "tiny_uncertain.yaml"] {
            try FileManager.default.copyItem(at: src.appendingPathComponent(f), to: d.appendingPathComponent(f))
        }
        let scenario = d.appendingPathComponent("tiny_csv.yaml").path
        let posts = d.appendingPathComponent("tiny_posts.csv").path
        let before = try Data(contentsOf: URL(fileURLWithPath: posts))
        let cases: [([String], String)] = [
            (["solve", scenario, "-f", "json", "-o", scenario], "tiny_csv.yaml"),
            (["compare", scenario, "--variants", "base", "-f", "csv", "-o", posts], "tiny_posts.csv"),
            (["sweep", scenario, "--param", "costs.case_cost=1..2:2", "--records", posts], "tiny_posts.csv"),
            (["solve", scenario, "-f", "datapackage", "-o", d.path], "holds"),
        ]
        for (args, named) in cases {
            let r = try CLI.run(args + ["-q"])
            #expect(r.status == 2 && r.err.contains("an input of this run") && r.err.contains(named), "\(args): \(r.err)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: posts)) == before)
        #expect(try String(contentsOfFile: scenario, encoding: .utf8).hasPrefix("#") || (try String(contentsOfFile: scenario, encoding: .utf8)).contains("dipnet:"))
        let records = d.appendingPathComponent("x.jsonl").path
        let both = try CLI.run(["sweep", scenario, "--param", "costs.case_cost=1..2:2", "--records", records, "-f", "json", "-o", records, "-q"])
        #expect(both.status == 2 && both.err.contains("--records") && !FileManager.default.fileExists(atPath: records), "\(both.err)")
    }

    /// A model without a variable is not exported: glpsol and cbc refuse such files.
    @Test func anEmptyModelIsNotExported() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let scenario = d.appendingPathComponent("empty.yaml")
        try "dipnet: 1\ncountries: []\n".write(to: scenario, atomically: true, encoding: .utf8)
        let lp = d.appendingPathComponent("m.lp").path
        let r = try CLI.run(["export-model", scenario.path, "--lp", lp])
        #expect(r.status == 2 && r.err.contains("no variable") && !FileManager.default.fileExists(atPath: lp), "\(r.err)")
    }

    @Test func binaryFormatsNeedAFileAndDialectsNeedCSV() throws {
        let a = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "xlsx"])
        #expect(a.status == 2 && a.err.contains("--out FILE.xlsx"), "\(a.err)")
        let b = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "json", "--csv-dialect", "excel"])
        #expect(b.status == 2 && b.err.contains("--csv-dialect applies to --format csv"), "\(b.err)")
        let c = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "csv", "--csv-dialect", "excel", "-q"])
        #expect(c.status == 0)
        #expect(c.out.hasPrefix("\u{FEFF}figure;variant;baseline;status;value;delta;unit;money;effect\r\n"))
    }

    /// `--also FILE` writes the same result in the format of each file's extension from one
    /// run (each export ran the whole search again): the same figures as `-f` gives; bad
    /// names are refused before any solve, and a text-only result refuses a workbook.
    @Test func oneRunWritesSeveralFormats() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func path(_ name: String) -> String { d.appendingPathComponent(name).path }
        let r = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "--also", path("c.json"), "--also", path("c.csv"),
                             "--also", path("c.md"), "--also", path("c.xlsx"), "--also", path("c.txt"), "--csv-dialect", "excel"])
        #expect(r.status == 0, "\(r.err)")
        let json = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "json", "-q"])
        let csv = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "csv", "--csv-dialect", "excel", "-q"])
        let md = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "markdown", "-q"])
        // The same output as -f gives, but for the command line, which each names as it ran.
        #expect(CLI.withoutCommand(try String(contentsOfFile: path("c.json"), encoding: .utf8)) == CLI.withoutCommand(json.out))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("c.csv"))) == Data(csv.out.utf8) && csv.out.hasPrefix("\u{FEFF}figure;"))
        #expect(CLI.withoutCommand(try String(contentsOfFile: path("c.md"), encoding: .utf8)) == CLI.withoutCommand(md.out))
        // The text file is what the terminal showed, then the command that wrote both and the data it read.
        #expect(try String(contentsOfFile: path("c.txt"), encoding: .utf8).hasPrefix(r.out + "\nCommand: dipnet compare \(CLI.tiny) --variants base,tight --also "
                + String(["c.json", "c.csv", "c.md", "c.xlsx", "c.txt"].map { path($0) + " --also " }.joined().dropLast(8)) + " --csv-dialect excel\n"
                + "From: \(CLI.tiny) (content hash "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("c.xlsx"))).prefix(2) == Data("PK".utf8))
        // Refused before anything is solved or written.
        let unknown = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "--also", path("c.html")])
        #expect(unknown.status == 2 && unknown.err.contains("the format is read from the file's extension: .txt, .md, .csv, .json or .xlsx"), "\(unknown.err)")
        let missing = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "--also", path("none/c.md")])
        #expect(missing.status == 2 && missing.err.contains("(--also): the folder") && !missing.err.contains("solving"), "\(missing.err)")
        // Nothing inside a folder output (a data package's descriptor was replaced).
        let inside = try CLI.run(["solve", CLI.tiny, "-f", "datapackage", "-o", path("dp"), "--also", path("dp/datapackage.json")])
        #expect(inside.status == 2 && inside.err.contains("it is inside the folder"), "\(inside.err)")
        // With --table, a text file holds what -f gives: the plan's summary, then the table.
        let tabled = try CLI.run(["solve", CLI.tiny, "--table", "posts", "--also", path("p.md"), "--also", path("p.txt"), "-q"])
        let markdown = try CLI.run(["solve", CLI.tiny, "--table", "posts", "-f", "markdown", "-q"])
        #expect(CLI.withoutCommand(try String(contentsOfFile: path("p.md"), encoding: .utf8)) == CLI.withoutCommand(markdown.out) && markdown.out.contains("Status"))
        #expect(CLI.withoutCommand(try String(contentsOfFile: path("p.txt"), encoding: .utf8)) == tabled.out)
        let same = try CLI.run(["solve", CLI.tiny, "-o", path("s.md"), "--also", path("s.md")])
        #expect(same.status == 2 && same.err.contains("--also \(path("s.md")) is --out's file too"), "\(same.err)")
    }

    /// An output says the command that wrote it, quoted so that a POSIX shell reads back
    /// the same words (a space, a quote, `$`): run again through `sh`, the
    /// recorded command writes the same plan. Standard output's table is left as it was.
    /// Without -f, `-o`'s file is written in the format its name ends in, as `--also`'s are:
    /// `-o m.json` wrote the text table, and `-o m.xlsx` a text file named .xlsx (a hostile
    /// pass). `-f` still decides where given; an ending it does not know is the table.
    @Test func anOutFilesEndingChoosesItsFormatWithoutF() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func written(_ name: String, _ extra: [String] = []) throws -> Data {
            let r = try CLI.run(["solve", CLI.tiny, "-q", "-o", d.appendingPathComponent(name).path] + extra)
            #expect(r.status == 0, "\(r.err)")
            return try Data(contentsOf: d.appendingPathComponent(name))
        }
        #expect(try JSONSerialization.jsonObject(with: written("p.json")) is [String: Any])
        #expect(try written("p.xlsx").prefix(2) == Data("PK".utf8))
        #expect(try String(decoding: written("p.md"), as: UTF8.self).contains("\n**Command**: `dipnet solve"))
        #expect(try String(decoding: written("p.csv"), as: UTF8.self).hasPrefix("variant,status,figure,value"))
        #expect(try String(decoding: written("p.txt"), as: UTF8.self).contains("\nCommand: dipnet solve"))
        #expect(try String(decoding: written("p.out"), as: UTF8.self).contains("\nCommand: dipnet solve"))
        #expect(try String(decoding: written("q.json", ["-f", "table"]), as: UTF8.self).hasPrefix("Tiny hand-checked network"))
    }

    @Test func anOutputSaysTheCommandThatWroteIt() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        try FileManager.default.copyItem(atPath: CLI.tiny, toPath: d.appendingPathComponent("my $cenario's.yaml").path)
        let args = ["solve", "my $cenario's.yaml", "--variant", "tight", "--set", "posts.PA.annual_cost=6100", "-f", "json", "-o", "it's.json", "-q"]
        let r = try CLI.run(args, in: d)
        #expect(r.status == 0, "\(r.err)")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: d.appendingPathComponent("it's.json"))) as? [String: Any])
        let command = try #require(first["command"] as? String)
        #expect(command == #"dipnet solve 'my $cenario'\''s.yaml' --variant tight --set posts.PA.annual_cost=6100 -f json -o 'it'\''s.json' -q"#, "\(command)")
        // The same words through the shell (the program's path for dipnet): the same plan, the same command.
        try FileManager.default.removeItem(at: d.appendingPathComponent("it's.json"))
        let again = try CLI.run(["-c", "exec \"$0\" " + command.dropFirst("dipnet ".count), CLI.binary], in: d, executable: "/bin/sh")
        #expect(again.status == 0, "\(again.err)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: d.appendingPathComponent("it's.json"))) as? [String: Any])
        #expect(second["command"] as? String == command && second["net_benefit"] as? Double == first["net_benefit"] as? Double
                && (second["posts"] as? [String: [String]]) == (first["posts"] as? [String: [String]]) && second["set"] != nil)
        // Markdown and a text file end with the command; the terminal's table does not.
        // With the content hash of the data read (its files' names and bytes).
        #expect((first["content_hash"] as? String)?.count == 64 && second["content_hash"] as? String == first["content_hash"] as? String)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CLI.run(["solve", CLI.tiny, "--variant", "tight", "-f", "json", "-q"]).out.utf8)) as? [String: Any])
        let hash = try #require(json["content_hash"] as? String)
        #expect(hash != first["content_hash"] as? String)   // another file name, another manifest
        // `dipnet validate` gives the same hash, to compare an output with the file now.
        #expect(try CLI.run(["validate", CLI.tiny]).out.hasSuffix("; content hash \(hash)\n"))
        let md = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "-f", "markdown", "-q"])
        #expect(md.out.hasSuffix("\n**Command**: `dipnet solve \(CLI.tiny) --variant tight -f markdown -q`\n\n**From**: ``\(CLI.tiny) (content hash \(hash), "
                                 + "the SHA-256 of `sha256sum tiny.yaml | sha256sum` in its folder)``\n"), "\(md.out)")
        // A word with a line break: markdown holds the command in a fenced block, not a span
        // the break would end (the lines after it read as headings and lists).
        try FileManager.default.copyItem(atPath: CLI.tiny, toPath: d.appendingPathComponent("two\n# lines.yaml").path)
        let broken = try CLI.run(["solve", "two\n# lines.yaml", "-f", "markdown", "-q"], in: d)
        #expect(broken.status == 0 && broken.out.contains("\n**Command**:\n\n```sh\ndipnet solve 'two\n# lines.yaml' -f markdown -q\n```\n"), "\(broken.out)")
        // A path beginning with ~ (quoted, so the shell left it) names ./~…, as an input's
        // does; Foundation's URL expanded it to the home folder (a hostile pass).
        try FileManager.default.createDirectory(at: d.appendingPathComponent("~"), withIntermediateDirectories: true)
        let tilde = try CLI.run(["solve", "my $cenario's.yaml", "-f", "json", "-o", "~/t.json", "--also", "~/t.xlsx", "-q"], in: d)
        #expect(tilde.status == 0, "\(tilde.err)")
        #expect(FileManager.default.fileExists(atPath: d.appendingPathComponent("~/t.json").path)
                && FileManager.default.fileExists(atPath: d.appendingPathComponent("~/t.xlsx").path))
        let table = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "-q"])
        #expect(!table.out.contains("Command:") && table.status == 0)
        let file = try CLI.run(["solve", CLI.tiny, "--variant", "tight", "-o", d.appendingPathComponent("t.txt").path, "-q"])
        #expect(file.status == 0)
        // (the solve's time, "solved in 0.00 s", can differ between the two runs on a busy machine)
        func untimed(_ t: String) -> String { t.replacing(/solved in [0-9.]+ s/, with: "solved in – s") }
        #expect(untimed(try String(contentsOf: d.appendingPathComponent("t.txt"), encoding: .utf8))
                == untimed(table.out) + "\nCommand: dipnet solve \(CLI.tiny) --variant tight -o \(d.appendingPathComponent("t.txt").path) -q\n"
                + "From: \(CLI.tiny) (content hash \(hash), the SHA-256 of `sha256sum tiny.yaml | sha256sum` in its folder)\n")
    }

    /// A table sent on says what it came from: the file, its content hash with the
    /// command that recomputes it, and the --set changes (margins' lost them).
    @Test func exportsNameTheirSourceAndChanges() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let pkg = d.appendingPathComponent("pkg")
        let r = try CLI.run(["explain", CLI.tiny, "--set", "posts.PA.annual_cost=6100", "-f", "datapackage", "-o", pkg.path, "-q"])
        #expect(r.status == 0, "\(r.err)")
        let meta = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: pkg.appendingPathComponent("datapackage.json"))) as? [String: Any])
        let description = meta["description"] as? String ?? ""
        #expect(description.contains("content hash ") && description.contains("| sha256sum` in its folder")
                && description.hasSuffix("--set posts.PA.annual_cost=6100."), "\(description)")
        #expect(meta["command"] as? String == "dipnet explain \(CLI.tiny) --set posts.PA.annual_cost=6100 -f datapackage -o \(pkg.path) -q")
    }

    @Test func dataPackagesNeverOverwriteOtherFolders() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let folder = d.appendingPathComponent("pkg")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "keep me".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "datapackage", "-o", folder.path, "-q"])
        #expect(refused.status == 2 && refused.err.contains("holds other files"), "\(refused.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")

        let fresh = d.appendingPathComponent("fresh")
        for _ in 0..<2 {  // the second run replaces the first package
            let r = try CLI.run(["compare", CLI.tiny, "--variants", "base,tight", "-f", "datapackage", "-o", fresh.path, "-q"])
            #expect(r.status == 0, "\(r.err)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted()
        #expect(names == ["datapackage.json", "decisions.csv", "figures.csv", "presence.csv", "side_by_side.csv"])
        // no staging folders left behind
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.path).sorted() == ["fresh", "pkg"])
    }

    @Test func everySolvingCommandTakesSet() throws {
        for args in [["explain", CLI.tiny], ["export-model", CLI.tiny, "--lp", "/dev/null"],
                     ["sweep", CLI.tiny, "--variant", "tight", "--param", "rules.budget=15000,16000"],
                     ["tipping", CLI.tiny, "--post", "PB", "--param", "posts.PB.annual_cost"]] {
            let r = try CLI.run(args + ["--set", "posts.NOPE.annual_cost=1", "-q"].filter { args[0] != "export-model" || $0 != "-q" })
            #expect(r.status == 2, "\(args[0]): \(r.err)")
            #expect(r.err.contains("no post with id \"NOPE\""), "\(args[0]): \(r.err)")
        }
    }
}
