import DiplomaticNetwork
import Foundation
import ZIPFoundation

/// Writes tables as an Office Open XML workbook (`.xlsx`, ECMA-376): one
/// worksheet per table, named after it, the header row bold and frozen,
/// numbers as numbers, booleans as booleans, text as inline strings (no
/// shared-string table). The bytes are the same for the same tables written by the
/// same build and command (entries carry a fixed date; the `about` sheet names the build
/// and the command), so a workbook can be compared with an earlier one.
public enum XLSXWriter {
    /// - Returns: the workbook's bytes.
    /// - Throws: `FileWriteError`-free: only ZIPFoundation's errors, which an
    ///   in-memory archive does not raise in practice.
    /// - Parameter description: what produced it (scenario file, hash, comparison);
    ///   when given, it goes into the document's properties and a last sheet,
    ///   `about`, so that a spreadsheet sent on still says where it came from.
    /// - Parameter command: the command line that wrote it (`dipnet …`), a `command` row of
    ///   `about`; none when empty.
    /// - Parameter warnings: the scenario's reading warnings, one row each in `about` (at most
    ///   `maxWarningRows`, each cut to Excel's 32,767 characters a cell).
    /// - Parameter notes: what the tables leave out of their rows (`Report.rowlessNotes`),
    ///   one `note` row each in `about`.
    public static func data(_ tables: [DataTable], creator: String = "dipnet", description: String = "", command: String = "",
                            warnings: [String] = [], notes: [String] = []) throws -> Data {
        var tables = tables
        if !description.isEmpty || !notes.isEmpty || !command.isEmpty {
            tables.append(about(creator: creator, description: description, command: command, tables: tables.map(\.name),
                                warnings: warnings, notes: notes))
        }
        let names = sheetNames(tables.map(\.name))
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(tables.count)),
            ("_rels/.rels", rootRelationships),
            ("docProps/core.xml", coreProperties(creator, description: description, title: tables.first?.title ?? "")),
            ("xl/workbook.xml", workbook(names, filters: tables.map(filterRange))),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(tables.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, t) in tables.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet(t))) }
        let archive = try Archive(data: Data(), accessMode: .create)
        let fixedDate = Date(timeIntervalSince1970: 315_532_800) // 1980-01-01, the ZIP epoch
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }

    /// The `about` sheet: who wrote the workbook, from what, its tables and the scenario's
    /// reading warnings, one a row (546 warnings in one cell made 70,960 characters, over
    /// Excel's limit).
    static func about(creator: String, description: String, command: String = "", tables: [String], warnings: [String], notes: [String] = []) -> DataTable {
        var about = DataTable(name: "about", title: "Where these tables come from", fields: [.init("item", .string), .init("value", .string)])
        about.rows = [[.text("written by"), .text("\(creator) \(DipnetVersion.string)")]]
        // The build, as `dipnet --version` prints it, so that a workbook sent on names the
        // executable that wrote it (the same tables from two builds then differ here only).
        if let build = DipnetVersion.buildIdentity { about.rows.append([.text("build"), .text(build)]) }
        // A command (or a file's name) cut or stripped of what a workbook cannot hold would
        // name another: said in the cell (the shell reads it as words dipnet refuses).
        func said(_ text: String, whole: String) -> String {
            let unwritable = !text.unicodeScalars.allSatisfy(isWritable)
            return cell(text + (unwritable ? " [cut: characters a workbook cannot hold were left out; \(whole)]" : ""),
                        mark: " [cut: longer than a cell holds; \(whole)]")
        }
        if !description.isEmpty { about.rows.append([.text("from"), .text(said(description, whole: "the JSON output's content_hash and command name the data"))]) }
        if !command.isEmpty { about.rows.append([.text("command"), .text(said(command, whole: "the JSON output keeps the command whole"))]) }
        about.rows.append([.text("tables"), .text(tables.joined(separator: ", "))])
        for n in notes { about.rows.append([.text("note"), .text(cell(n))]) }
        for w in warnings.prefix(maxWarningRows) { about.rows.append([.text("warning"), .text(cell(w))]) }
        if warnings.count > maxWarningRows {
            about.rows.append([.text("warning"), .text("and \(warnings.count - maxWarningRows) more (dipnet validate lists them all)")])
        }
        return about
    }

    /// The most warnings the `about` sheet lists, one a row.
    static let maxWarningRows = 200
    /// Excel's limit on the characters of one cell, in UTF-16 code units.
    static let maxCellCharacters = 32_767

    /// `s` as one cell holds it: whole when it fits in `maxCellCharacters` UTF-16 units,
    /// else cut at a character's end (a surrogate pair or a combining sequence kept whole)
    /// with `mark` after the cut, the whole within the limit.
    static func cell(_ s: String, mark: String = " …") -> String {
        guard s.utf16.count > maxCellCharacters else { return s }
        let budget = maxCellCharacters - mark.utf16.count
        var out = "", used = 0
        for ch in s {
            let width = ch.utf16.count
            if used + width > budget { break }
            out.append(ch)
            used += width
        }
        return out + mark
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`, unique ignoring case.
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { i, raw in
            var base = String(raw.filter { !"[]:*?/\\'".contains($0) }.prefix(31))
            if base.isEmpty { base = "Sheet\(i + 1)" }
            var name = base
            var k = 2
            while used.contains(name.lowercased()) {
                let suffix = "_\(k)"
                name = String(base.prefix(31 - suffix.count)) + suffix
                k += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(_ sheets: Int) -> String {
        var s = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...max(1, sheets) where i <= sheets {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        s += #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        return s + "</Types>"
    }

    static let rootRelationships = header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + "</Relationships>"

    static func coreProperties(_ creator: String, description: String = "", title: String = "") -> String {
        header + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">"#
            + (title.isEmpty ? "" : "<dc:title>\(escape(title))</dc:title>")
            + (description.isEmpty ? "" : "<dc:description>\(escape(description))</dc:description>")
            + "<dc:creator>\(escape(creator))</dc:creator></cp:coreProperties>"
    }

    /// `filters`: per sheet, the range of its header filter (`filterRange`), declared as the
    /// hidden name `_xlnm._FilterDatabase` Excel keeps for it.
    static func workbook(_ names: [String], filters: [String?] = []) -> String {
        var s = header + #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets>"#
        for (i, n) in names.enumerated() { s += #"<sheet name="\#(escape(n))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }
        s += "</sheets>"
        let defined = zip(names, filters).enumerated().compactMap { i, pair -> String? in
            guard let range = pair.1 else { return nil }
            let absolute = range.split(separator: ":").map { ref in
                "$" + ref.prefix { $0.isLetter } + "$" + ref.drop { $0.isLetter }
            }.joined(separator: ":")
            let sheet = "'" + pair.0.replacingOccurrences(of: "'", with: "''") + "'"
            return #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">\#(escape(sheet))!\#(absolute)</definedName>"#
        }
        if !defined.isEmpty { s += "<definedNames>" + defined.joined() + "</definedNames>" }
        return s + "</workbook>"
    }

    /// The range of a sheet's header filter (`A1:J20`: the header row and every row), nil for
    /// a table without rows.
    static func filterRange(_ t: DataTable) -> String? {
        guard !t.fields.isEmpty, !t.rows.isEmpty else { return nil }
        return "A1:\(column(t.fields.count - 1))\(t.rows.count + 1)"
    }

    static func workbookRelationships(_ sheets: Int) -> String {
        var s = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 0..<sheets {
            s += #"<Relationship Id="rId\#(i + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(sheets + 1)" Type="\#(rel)/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// Style 0: normal; style 1: bold (the header row); style 2: `#,##0` (built-in format 3)
    /// for whole numbers from 1,000; style 3: `#,##0.00` (built-in format 4) for other numbers
    /// from 100: money a year reads 6,126,407.50, not 6126407.50277 (an analyst pasting into a
    /// memo), the cell keeping its 10 significant digits. Money (`DataTable.Field.isMoney`,
    /// `DataTable.moneyRows`) reads whole from 1,000 (17,767,286, not 17,767,285.65) and with
    /// two decimals below (7.90). Smaller numbers keep the general format,
    /// but for a column of fractions (`DataTable.Field.isShare`): style 4, `0.0%` (custom format
    /// 164), so a flip's 0.1234 change reads 12.3%.
    static let styles = header + #"<styleSheet xmlns="\#(main)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func sheet(_ t: DataTable) -> String {
        var s = header + #"<worksheet xmlns="\#(main)">"#
        s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        // Column widths from the longest cell (Excel does not size them itself).
        s += "<cols>"
        for (i, f) in t.fields.enumerated() {
            let longest = t.rows.prefix(500).map { i < $0.count ? width($0[i]) : 0 }.max() ?? 0
            let w = min(60, max(f.name.count, longest) + 2)
            s += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(w)" customWidth="1"/>"#
        }
        s += "</cols><sheetData>"
        s += #"<row r="1">"#
        for (i, f) in t.fields.enumerated() {
            s += #"<c r="\#(column(i))1" t="inlineStr" s="1"><is><t>\#(escape(f.name))</t></is></c>"#
        }
        s += "</row>"
        for (r, row) in t.rows.enumerated() {
            let n = r + 2
            s += #"<row r="\#(n)">"#
            for (i, cell) in row.enumerated() {
                let ref = "\(column(i))\(n)"
                switch cell {
                case .number(let x) where x.isFinite:
                    // Whole numbers from 1,000 with separators; others from 100 with two decimals too
                    // (a sweep's 15,000.25 read 15,000 under #,##0; -349.292169084 beside 1,089).
                    let whole = Fmt.clean(x) == Fmt.clean(x).rounded()
                    let money = (i < t.fields.count && t.fields[i].isMoney) || t.moneyRows.contains(r)
                    let style = (i < t.fields.count && t.fields[i].isShare) || t.shareRows.contains(r) ? #" s="4""#
                        : money ? (abs(x) >= 1000 ? #" s="2""# : whole ? "" : #" s="3""#)
                        : whole ? (abs(x) >= 1000 ? #" s="2""# : "") : (abs(x) >= 100 ? #" s="3""# : "")
                    let input = i < t.fields.count && t.fields[i].isInput
                    s += #"<c r="\#(ref)"\#(style)><v>\#(input ? Fmt.plainValue(x) : Fmt.plain(x))</v></c>"#
                case .number: continue
                case .bool(let b): s += #"<c r="\#(ref)" t="b"><v>\#(b ? 1 : 0)</v></c>"#
                case .text(let text): s += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                case .empty: continue
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        // A filter on the header row: an analyst keeps the rows that matter (the flips sheet's
        // inputs with a flip) without sorting a copy.
        if let range = filterRange(t) { s += #"<autoFilter ref="\#(range)"/>"# }
        return s + "</worksheet>"
    }

    static func width(_ c: DataTable.Cell) -> Int {
        switch c {
        case .number(let x): Fmt.plain(x).count
        case .text(let s): s.count
        case .bool: 5
        case .empty: 0
        }
    }

    /// 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text: `& < > "` escaped; characters XML 1.0 forbids (control
    /// characters other than tab and line breaks) dropped.
    static func escape(_ s: String) -> String {
        var o = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default:
                if isWritable(u) { o.unicodeScalars.append(u) }
            }
        }
        return o
    }

    /// Whether XML 1.0 text can hold `u`: not a control character other than tab and line
    /// breaks, nor U+FFFE or U+FFFF (`escape` drops the others).
    static func isWritable(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x20 || [0x09, 0x0A, 0x0D].contains(u.value)) && !(0xFFFE...0xFFFF).contains(u.value)
    }
}

/// Writes tables as a Frictionless Tabular Data Package: one CSV per table
/// (RFC 4180, UTF-8) and a `datapackage.json` describing each table's fields
/// with their types and units, readable by `frictionless`, pandas, R's
/// `frictionless` package and the Open Knowledge tools.
public enum DataPackageWriter {
    /// The package's files: `datapackage.json` first, then `NAME.csv` per table.
    ///
    /// - Parameters:
    ///   - name: the package name (lowercased, reduced to `a-z0-9._-`).
    ///   - title: what the package holds, for people.
    ///   - description: e.g. the scenario file, its hash and the `--set` changes.
    ///   - command: the command line that wrote it, as `command` after `description` (a
    ///     property of its own, so that nothing after it reads as more of its words); none
    ///     when empty.
    public static func files(_ tables: [DataTable], name: String, title: String, description: String,
                             command: String = "") -> [(name: String, data: Data)] {
        var resources: [JSONValue] = []
        var files: [(name: String, data: Data)] = []
        for t in tables {
            let file = "\(t.name).csv"
            files.append((file, Data(DataTableCSV.render(t).utf8)))
            resources.append(.object([
                ("name", .string(t.name)), ("title", .string(t.title)), ("path", .string(file)),
                ("profile", .string("tabular-data-resource")), ("format", .string("csv")), ("mediatype", .string("text/csv")),
                ("encoding", .string("utf-8")),
                ("schema", .object([
                    ("fields", .array(t.fields.map { f in
                        .object([("name", .string(f.name)), ("type", .string(f.type.rawValue))]
                                + (f.description.map { [("description", JSONValue.string($0))] } ?? []))
                    })),
                    ("missingValues", .array([.string("")])),
                ])),
            ]))
        }
        let package = JSONValue.object([
            ("profile", .string("tabular-data-package")), ("name", .string(packageName(name))), ("title", .string(title)),
            ("description", .string(description)),
        ] + (command.isEmpty ? [] : [("command", JSONValue.string(command))]) + [
            ("format", .string(OutputFormatName.of("datapackage"))), ("dipnet_version", .string(DipnetVersion.string)),
            ("resources", .array(resources)),
        ])
        return [("datapackage.json", Data((package.serialized() + "\n").utf8))] + files
    }

    /// "Belgium 2026: havana" → "belgium-2026-havana".
    static func packageName(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_") { out.append(ch) }
            else if !out.hasSuffix("-") { out.append("-") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "dipnet-output" : trimmed
    }
}
