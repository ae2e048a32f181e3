import Foundation

/// How the columns of one CSV table map onto the keys of its items.
struct TableLayout: Sendable {
    /// Columns named like the item's keys.
    var keys: [String]
    /// Columns holding `;`-separated lists.
    var lists: Set<String> = []
    /// Columns of text, never read as numbers.
    var text: Set<String> = []
    /// Columns of money or case counts, where `30.000` is almost surely a
    /// thousands separator rather than thirty.
    var amounts: Set<String> = []
    /// Columns `PREFIX<name>` gathered into the mapping `key` (`score_geo` →
    /// `scores.geo`); the names are the keys of the top-level mapping `section`.
    var prefixed: [(prefix: String, key: String, section: String)] = []

    /// The tables a scenario or coalition file may read from CSV (version 2
    /// columns included: the decoder refuses them in a version 1 file).
    static let all: [String: TableLayout] = [
        "countries": TableLayout(keys: (ScenarioDecoder.countryKeys + ScenarioDecoder.v2CountryKeys).filter { $0 != "scores" && $0 != "interests" },
                                 lists: ["tags"], text: ["id", "name", "region", "tags", "source"], amounts: ["demand", "interests"],
                                 prefixed: [("score_", "scores", "criteria"), ("demand_", "demand", "services"),
                                            ("interest_", "interests", "interests")]),
        "posts": TableLayout(keys: ScenarioDecoder.coalitionPostKeys + ScenarioDecoder.v2PostKeys, lists: ["covers", "services", "requires"],
                             text: ["id", "country", "city", "kind", "status", "covers", "group", "force", "requires", "services", "presence", "source"],
                             amounts: ["annual_cost", "close_cost", "open_cost", "capacity", "case_cost", "reach_km"],
                             prefixed: [("case_cost_", "case_cost", "services")]),
        "partners": TableLayout(keys: ScenarioDecoder.partnerKeys + ScenarioDecoder.v2PartnerKeys, lists: ["services"],
                                text: ["id", "country", "by", "presence", "services", "source", "only_where_absent"], amounts: ["capacity", "fee"],
                                prefixed: [("fee_", "fee", "services")]),
        // a coalition state's demand and scores per host country
        "demand": TableLayout(keys: ["country", "demand"], text: ["country"], amounts: ["demand"],
                              prefixed: [("score_", "scores", "criteria"), ("demand_", "demand", "services"),
                                         ("interest_", "interests", "interests")]),
    ]

    /// Whether a column or key is one of a coalition state's own (its `demand`
    /// table's, `country` aside: demand, scores, interests, in either form), which
    /// the shared host table may not hold.
    static func isStateOwned(_ name: String) -> Bool {
        let own = all["demand"]!
        return own.prefixed.contains { name == $0.key || (name.hasPrefix($0.prefix) && name.count > $0.prefix.count) }
    }
}

/// The dialect of a CSV file: its separator and decimal mark.
struct CSVDialect: Sendable, Equatable {
    var separator: Unicode.Scalar = ","
    var decimalComma = false

    static let separators: [String: Unicode.Scalar] = [",": ",", ";": ";", "\t": "\t", "tab": "\t"]
}

enum CSVTables {
    /// Replaces `{csv: FILE}` tables by lists of mappings, every value with
    /// the file, line and column of its cell. The reference may declare the
    /// dialect of spreadsheet programs in comma-decimal locales:
    /// `{csv: FILE, separator: ";", decimal: ","}`.
    ///
    /// Rows that are entirely empty and trailing unnamed empty columns (the
    /// padding spreadsheets add) are skipped. A file that looks
    /// semicolon-separated but is not declared so is reported once, not cell
    /// by cell. With a decimal point, amounts such as `30.000` get a warning:
    /// they read as thirty but are almost surely thirty thousand.
    /// `demandElsewhere`: demand, score and interest columns do not belong in these
    /// tables (a coalition's shared host table): each is reported once, at its
    /// header cell, and dropped.
    /// `coalition`: a coalition state's tables, whose posts may have `requires`.
    static func inline(_ root: inout DocNode, directory: String, reading: Reading, hash: inout ContentHash, demandElsewhere: Bool = false,
                       coalition: Bool = false) {
        guard var top = root.mapping else { return }
        for (table, full) in TableLayout.all.sorted(by: { $0.key < $1.key }) {
            guard let node = top[table], let ref = node.mapping else { continue }
            let layout = full
            // A table that cannot be read becomes empty, so that only its cause is reported.
            let empty = DocNode.sequence(.init(items: [], location: ref.location))
            let reference = reference(ref, table: table, directory: directory, reading: reading)
            // `posts: {csv: scenario.yaml}`, or `/dev/stdin` in a file redirected to stdin: the
            // scenario file itself (its YAML read as CSV gave "a quote inside an unquoted field").
            if let path = reference?.1, case .file = ScenarioFile.fileKind(path), FileManager.default.fileExists(atPath: path),
               ScenarioFile.pipeIdentity(path) == ScenarioFile.pipeIdentity(ref.location.file) {
                let name = path == ref.location.file ? path : "\(path) (the scenario file \(ref.location.file) itself)"
                reading.bag.error(Fields(map: ref, path: table, reading: reading).location("csv"), "\(table).csv",
                                  "cannot read \(name) as the \(table) table: it is the scenario file, expected a CSV file")
                reading.bag.unusableTables.insert(table)
                top.set(table, empty, keyLocation: ref.location)
                continue
            }
            guard let (file, path, dialect) = reference,
                  let text = ScenarioFile.readText(path, at: (Fields(map: ref, path: table, reading: reading).location("csv"), "\(table).csv"),
                                                   bag: reading.bag) else {
                reading.bag.unusableTables.insert(table)
                top.set(table, empty, keyLocation: ref.location)
                continue
            }
            hash.add(file: file, bytes: Data(text.utf8))
            let items = rows(of: text, path: path, table: table, layout: layout, dialect: dialect, top: top, reading: reading,
                             demandElsewhere: demandElsewhere)
            if items == nil { reading.bag.unusableTables.insert(table) }
            top.set(table, items ?? empty, keyLocation: top.entry(table)!.keyLocation)
        }
        root = .mapping(top)
    }

    /// The file and dialect a `{csv: FILE, separator, decimal}` reference names.
    /// The file as written, its path and its dialect.
    static func reference(_ ref: DocNode.Mapping, table: String, directory: String, reading: Reading) -> (String, String, CSVDialect)? {
        let fields = Fields(map: ref, path: table, reading: reading)
        fields.checkKeys(["csv", "separator", "decimal"])
        var dialect = CSVDialect()
        var ok = true
        if let sep = fields.string("separator") {
            if let scalar = CSVDialect.separators[sep] { dialect.separator = scalar } else {
                reading.error(fields.node("separator")!, fields.path("separator"),
                              "expected \",\", \";\" or \"\\t\" (a tab), found \(Reading.shown(sep))")
                ok = false
            }
        }
        if let dec = fields.string("decimal") {
            switch dec {
            case ".": dialect.decimalComma = false
            case ",": dialect.decimalComma = true
            default:
                reading.error(fields.node("decimal")!, fields.path("decimal"), "expected \".\" or \",\", found \(Reading.shown(dec))")
                ok = false
            }
        }
        if dialect.decimalComma, dialect.separator == "," {
            reading.error(fields.node("decimal")!, fields.path("decimal"),
                          "a decimal comma needs another separator: declare separator: \";\" (as spreadsheets write it)")
            ok = false
        }
        guard let file = fields.string("csv", required: true), ok else { return nil }
        return (file, file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file), dialect)
    }

    /// Says to declare a semicolon- or tab-separated file that was read as comma-separated.
    static func separatorHint(_ name: String, _ sep: String, table: String, path: String) -> String {
        let declared = sep == ";" ? "separator: \";\", decimal: \",\"" : "separator: \"\\t\""
        return "this looks like a \(name)-separated file (as spreadsheet programs save CSV in locales such as "
            + "Belgium's or France's), not a comma-separated one; declare it: "
            + "\(table): {csv: \((path as NSString).lastPathComponent), \(declared)}"
    }

    /// The rows of one table as a list of mappings; nil when the file cannot be used at all.
    static func rows(of text: String, path: String, table: String, layout: TableLayout, dialect: CSVDialect,
                     top: DocNode.Mapping, reading: Reading, demandElsewhere: Bool = false) -> DocNode? {
        let bag = reading.bag
        let parsed: CSVTable
        do { parsed = try CSVReader.parse(text, separator: dialect.separator) } catch {
            // A semicolon file saved by a spreadsheet quotes its list cells ("SVK;SVN"), which
            // read with commas is "a quote inside an unquoted field": the header tells.
            let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first ?? ""   // "\r\n" is one Character
            if dialect.separator == ",", !first.contains(",") {
                for (name, sep) in [("semicolon", ";"), ("tab", "\t")] where first.contains(Character(sep)) {
                    bag.error(SourceLocation(file: path, line: 1, column: 1), table, separatorHint(name, sep, table: table, path: path))
                    return nil
                }
            }
            bag.error(SourceLocation(file: path, line: error.line, column: error.column), table, "not valid CSV: \(error.message)")
            return nil
        }
        func at(_ cell: CSVTable.Cell) -> SourceLocation { SourceLocation(file: path, line: cell.line, column: cell.column) }

        // Trailing unnamed columns are spreadsheet padding; their cells must then be empty.
        var header = parsed.header
        while let last = header.last, header.count > 1, last.text.trimmingCharacters(in: .whitespaces).isEmpty { header.removeLast() }

        // Undeclared semicolon (or tab) separated files: one clear error instead of one per cell.
        if dialect.separator == ",", header.count == 1 {
            let only = header[0].text
            for (name, sep) in [("semicolon", ";"), ("tab", "\t")] where only.contains(sep) {
                bag.error(at(header[0]), table, separatorHint(name, sep, table: table, path: path))
                return nil
            }
        }

        // A line starting with # is a comment. One that reads like the header (before it) or
        // like a row (as many cells as the header) is said: a row whose first cell starts
        // with # ("#12 of the report") vanished without a word.
        let headerLine = parsed.header.first?.line ?? 1
        for c in parsed.comments {
            let cells = c.text.split(separator: Character(dialect.separator), omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let loc = SourceLocation(file: path, line: c.line, column: 1)
            if c.line < headerLine, cells.count > 1 {
                let names = [String(cells[0].drop { $0 == "#" || $0 == " " })] + cells.dropFirst()
                let known = names.filter { n in layout.keys.contains(n) || layout.prefixed.contains { n.hasPrefix($0.prefix) } }.count
                if known * 2 >= names.count {
                    bag.error(loc, table, "line \(c.line) starts with # and is read as a comment, so line \(headerLine) is taken as the header; "
                              + "if line \(c.line) is the header, remove the #")
                }
            } else if c.line > headerLine, header.count > 1, cells.count >= header.count {
                bag.warning(loc, table, "line \(c.line) starts with # and is skipped as a comment, but it has the header's \(header.count) cells: "
                            + "if it is a row, quote its first cell (\"\(cells[0])\")")
            }
        }

        struct Column { var key: String; var nested: String?; var location: SourceLocation }
        var columns: [Column?] = []
        var seen = Set<String>()
        // The names a prefixed column may carry: the section's keys (a file
        // without `services` has the one service `consular`).
        let knownSections = Dictionary(uniqueKeysWithValues: layout.prefixed.map { p in
            (p.prefix, top[p.section]?.mapping?.entries.map(\.key) ?? (p.section == "services" ? [Service.implicit.id] : []))
        })
        for cell in header {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            let loc = at(cell)
            if name.isEmpty {
                bag.error(loc, table, "a column without a name; name it after a key (\(layout.keys.joined(separator: ", "))) or delete it")
                columns.append(nil)
            } else if !seen.insert(name).inserted {
                bag.error(loc, table, "duplicate column \"\(name)\"")
                columns.append(nil)
            } else if demandElsewhere, TableLayout.isStateOwned(name) {
                bag.error(loc, table, "column \"\(name)\": a host's demand, scores and interests are each state's own: "
                          + "give this column in the states' demand tables (states.STATE.demand), not in the shared countries")
                columns.append(nil)
            } else if let p = layout.prefixed.first(where: { name.hasPrefix($0.prefix) && name.count > $0.prefix.count }) {
                let sub = String(name.dropFirst(p.prefix.count))
                let names = knownSections[p.prefix] ?? []
                if names.contains(sub) {
                    columns.append(Column(key: p.key, nested: sub, location: loc))
                } else {
                    bag.error(loc, table, "column \"\(name)\": no \(singular(p.section)) \"\(sub)\"\(didYouMean(sub, names)); "
                              + (names.isEmpty ? "the file declares no \(p.section)" : "\(p.section) are: \(names.joined(separator: ", "))"))
                    columns.append(nil)
                }
            } else if layout.keys.contains(name) {
                columns.append(Column(key: name, nested: nil, location: loc))
            } else {
                let expected = layout.keys + layout.prefixed.map { "\($0.prefix)<\(singular($0.section))>" }
                bag.error(loc, table, "unknown column \"\(name)\"\(didYouMean(name, layout.keys)); expected: \(expected.joined(separator: ", "))")
                columns.append(nil)
            }
        }

        if let first = header.first { bag.tableHeaders[path] = at(first) }
        for c in columns.compactMap({ $0 }) { bag.columnHeaders[path + "\u{0}." + c.key + (c.nested.map { "." + $0 } ?? "")] = c.location }

        // A plain column beside per-service columns of the same key: `demand`
        // is an error (a plain number means "the single service"); `case_cost`
        // and `fee` give every service the plain number, per-service cells override it.
        let plainKeys = Set(columns.compactMap { $0?.nested == nil ? $0?.key : nil })
        let nestedKeys = Set(columns.compactMap { $0?.nested != nil ? $0?.key : nil })
        if !demandElsewhere, plainKeys.contains("demand"), nestedKeys.contains("demand"), let plain = columns.compactMap({ $0 }).first(where: { $0.key == "demand" && $0.nested == nil }) {
            bag.error(plain.location, table, "a plain demand column beside demand_<service> columns: give the demand of every service in its own column")
            // The rest of the table is still read, so that its other problems are reported
            // too and the variants do not report its rows as missing.
            if let k = columns.firstIndex(where: { $0?.key == "demand" && $0?.nested == nil }) { columns[k] = nil }
        }
        let serviceNames = knownSections["demand_"] ?? knownSections["case_cost_"] ?? knownSections["fee_"] ?? []
        var items: [DocNode] = []
        for row in parsed.rows {
            // A row of empty cells (",,,,") is spreadsheet padding.
            if row.allSatisfy({ $0.text.trimmedOfSpaces.isEmpty }) { continue }
            let rowLoc = SourceLocation(file: path, line: row[0].line, column: 1)
            if row.count < columns.count {
                // A cut row (RFC 4180: every record has the header's number of fields): its
                // missing cells read as empty, i.e. absent keys; said, since a key with a
                // default (a cost of 0) then takes it silently. Other readers accept such
                // rows, so this is a warning, not an error.
                let last = row[row.count - 1]
                // Named as the header writes them (interest_dialog, not the key they fill).
                let missing: [String] = (row.count..<columns.count).compactMap { i in
                    columns[i] == nil ? nil : (i < header.count ? header[i].text.trimmingCharacters(in: .whitespaces) : nil)
                }
                let named = missing.isEmpty ? "" : " (\(missing.joined(separator: ", ")))"
                // Which cells are missing is not known: a cell left out in the middle shifts
                // every later one a column to the left (an analyst's row without its diplomats
                // read 2,400,000 diplomats, and only "covers" was named as missing).
                // (its last filled cell: an empty last cell says nothing of the shift)
                let j = row.indices.last { !row[$0].text.trimmedOfSpaces.isEmpty } ?? row.count - 1
                let lastName = j < header.count ? header[j].text.trimmingCharacters(in: .whitespaces) : ""
                let shifted = lastName.isEmpty ? ""
                    : "; if a cell is missing before the end, every cell after it is read one column to the left: this row's last filled cell, "
                        + "\"\(row[j].text.trimmedOfSpaces)\", is read as \(lastName)"
                bag.warning(SourceLocation(file: path, line: last.line, column: last.column + max(1, last.text.count)), table,
                            "row has \(row.count) cells but the header has \(columns.count) columns: the missing cells\(named) read as empty\(shifted)")
            }
            let filledAt = row.indices.dropFirst(columns.count).first { !row[$0].text.trimmedOfSpaces.isEmpty }
            let filled = filledAt.map { row[$0] }
            // Empty cells under the header's unnamed padding columns are padding too. Empty
            // cells beyond the header are an error: a number written with a thousands
            // separator (1,900) splits into two cells and shifts the rest of the row by one,
            // and when the last column was empty the shift leaves only an empty cell beyond
            // the header, every other cell read under the wrong column.
            if let cell = filled, let k = filledAt, k < parsed.header.count {
                bag.error(at(cell), table, "a cell under an unnamed column holds data: name the column in the header, or empty the cell")
            } else if filled != nil || row.count > parsed.header.count {
                // At the split itself when one is found (a new author's 4,000 was located at the
                // cell it pushed past the header, 17 columns further on), else past the header.
                let split = Self.splitCellIndex(row, header: header, separator: dialect.separator, lists: layout.lists)
                let cell = split.map { row[$0] } ?? filled ?? row[max(columns.count, parsed.header.count)]
                let width = parsed.header.count > columns.count ? "\(parsed.header.count) (\(columns.count) named)" : "\(columns.count)"
                bag.error(at(cell), table, "row has \(row.count) cells but the header has \(width) columns"
                          + Self.splitNumberHint(row, header: header, separator: dialect.separator, extraEmpty: filled == nil, lists: layout.lists)
                          + "; the row's cells are checked once it has the header's width")
                // Its cells stand under the wrong columns from the split on ("no country
                // \"000\"", "no service \"3\""): their problems would only mislead.
                for line in row[0].line...max(row[0].line, row[row.count - 1].line) { bag.shiftedRows.insert("\(path)\u{0}\(line)") }
                // The row is still read (its cells beyond the header ignored): the file is
                // refused all the same, and a row dropped would make every reference to its
                // id (variants, uncertainty, expectations) and the numbering of the rows
                // after it report problems that are not there.
            }
            var entries: [DocNode.Entry] = []
            var nested: [String: (location: SourceLocation, entries: [DocNode.Entry])] = [:]
            var nestedOrder: [String] = []
            var blankCells: [String: SourceLocation] = [:]
            for (cell, column) in zip(row, columns) {
                guard let column else { continue }
                var text = cell.text.trimmedOfSpaces
                if text.isEmpty {
                    if column.nested == nil { blankCells[column.key] = at(cell) }
                    continue
                }
                let loc = at(cell)
                let value: DocNode
                if layout.lists.contains(column.key) {
                    value = .sequence(.init(
                        items: text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                            .filter { !$0.isEmpty }.map { .scalar($0, at: loc, quoted: true) },
                        location: loc))
                } else {
                    if !layout.text.contains(column.key) {
                        if dialect.decimalComma {
                            if let number = commaDecimal(text) {
                                text = number
                            } else if text.contains("."), Double(text) != nil {
                                // 1.500 is 1500 here: 1.5 would be read as one and a half beside it.
                                let name = column.nested.map { "\(column.key).\($0)" } ?? column.key
                                bag.error(loc, "\(table)[\(items.count)].\(name)",
                                          "\(text) is not a number with decimal \",\": a point groups thousands in threes (1.234,5); "
                                          + "write \(text.replacingOccurrences(of: ".", with: ",")) for a decimal fraction")
                            }
                        } else if layout.amounts.contains(column.key), looksLikeThousands(text), Reading.parseNumber(text) != nil {
                            // (1.400.000 is no number at all: its error says to drop the points)
                            let name = column.nested.map { "\(column.key).\($0)" } ?? column.key
                            bag.warning(loc, "\(table)[\(items.count)].\(name)",
                                        "\(text) reads as \(Reading.parseNumber(text).map(Reading.format) ?? text); if it means "
                                        + "\(text.replacingOccurrences(of: ".", with: "")) (a thousands separator), write it without the point")
                        } else if layout.amounts.contains(column.key), text.count == 3, text.first == "0", text.allSatisfy(\.isASCIIDigit) {
                            // `000`: the end of a number a thousands comma split (4,000), in a row one
                            // cell short of its header, which so has the header's width and is read.
                            let name = column.nested.map { "\(column.key).\($0)" } ?? column.key
                            bag.warning(loc, "\(table)[\(items.count)].\(name)",
                                        "\(text) reads as \(Reading.format(Double(text) ?? 0)): the end of a number split by a thousands comma "
                                        + "(4,000 written unquoted)? Check the cells before it, and write the number without the comma")
                        }
                    }
                    value = .scalar(text, at: loc, quoted: true)
                }
                if let sub = column.nested {
                    if nested[column.key] == nil { nested[column.key] = (rowLoc, []); nestedOrder.append(column.key) }
                    nested[column.key]!.entries.append(.init(key: sub, keyLocation: column.location, value: value))
                } else {
                    entries.append(.init(key: column.key, keyLocation: column.location, value: value))
                }
            }
            for key in nestedOrder {
                var n = nested[key]!
                if let i = entries.firstIndex(where: { $0.key == key }), let plain = entries[i].value.scalar {
                    // Expand the plain number to every service (every one the row's `services` cell
                    // names, when it names them), then let the per-service cells override it.
                    let given = Set(n.entries.map(\.key))
                    let taken = entries.first { $0.key == "services" }?.value.sequence.map { Set($0.items.compactMap { $0.scalar?.text }) }
                    n.entries = serviceNames.filter { !given.contains($0) && (taken?.contains($0) ?? true) }.map {
                        DocNode.Entry(key: $0, keyLocation: entries[i].keyLocation, value: .scalar(plain))
                    } + n.entries
                    entries.remove(at: i)
                }
                entries.append(.init(key: key, keyLocation: n.location, value: .mapping(.init(entries: n.entries, location: n.location))))
            }
            items.append(.mapping(.init(entries: entries, location: rowLoc, blankCells: blankCells)))
        }
        return .sequence(.init(items: items, location: SourceLocation(file: path, line: 1, column: 1)))
    }

    /// Whether two neighbouring cells read as one number a thousands comma split: a lead
    /// of one to three digits (not starting with 0, a sign allowed), then a group of three
    /// digits (a decimal part allowed: `1` and `900.5` from `1,900.5`).
    static func splitPair(_ a: String, _ b: String) -> Bool {
        let d = a.hasPrefix("-") ? a.dropFirst() : Substring(a)
        let whole = b.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return (1...3).contains(d.count) && d.allSatisfy(\.isASCIIDigit) && d.first != "0"
            && whole.count == 3 && whole.allSatisfy(\.isASCIIDigit) && Double(b) != nil
    }

    /// The first cell of a row longer than its header that starts a split: a list column
    /// written with commas, or a number written with a thousands comma (`1` then `900`);
    /// nil when none is found or the separator is not a comma.
    static func splitCellIndex(_ row: [CSVTable.Cell], header: [CSVTable.Cell], separator: Unicode.Scalar, lists: Set<String> = []) -> Int? {
        guard separator == ",", row.count > 1 else { return nil }
        let text = row.map { $0.text.trimmingCharacters(in: .whitespaces) }
        let list = header.indices.first { i in
            i + 1 < row.count && lists.contains(header[i].text.trimmingCharacters(in: .whitespaces))
                && !text[i].isEmpty && !text[i + 1].isEmpty && Reading.parseNumber(text[i]) == nil && Reading.parseNumber(text[i + 1]) == nil
        }
        let number = (0..<(row.count - 1)).first { splitPair(text[$0], text[$0 + 1]) }
        // The first split shifts every cell after it: a list "found" beyond a split number
        // is two cells the shift put under a list column (a hostile pass's caribbean,island
        // under tags, after 1,200 split the demand).
        switch (list, number) {
        case let (l?, n?): return min(l, n)
        default: return list ?? number
        }
    }

    /// For a row longer than its header: names the first pair of cells that reads as
    /// one number split by a thousands separator (`1` and `900` from `1,900`), or
    /// says to check for one; the text starts with "; ".
    static func splitNumberHint(_ row: [CSVTable.Cell], header: [CSVTable.Cell], separator: Unicode.Scalar, extraEmpty: Bool = false,
                                lists: Set<String> = []) -> String {
        guard separator == "," else {
            return "; a value holding the separator (\(separator == "\t" ? "a tab" : String(separator))) must be quoted"
        }
        // A list column (covers, services, tags) written with commas, unquoted: JAM,HTI in
        // covers splits into two cells (an analyst's row blamed a diplomats cell "HTI").
        // Not beyond a split number, whose shift put those cells there.
        let first = splitCellIndex(row, header: header, separator: separator, lists: lists)
        for i in header.indices where i + 1 < row.count && lists.contains(header[i].text.trimmingCharacters(in: .whitespaces)) && i == first {
            let a = row[i].text.trimmingCharacters(in: .whitespaces), b = row[i + 1].text.trimmingCharacters(in: .whitespaces)
            if !a.isEmpty, !b.isEmpty, Reading.parseNumber(a) == nil, Reading.parseNumber(b) == nil {
                return "; column \(header[i].text.trimmingCharacters(in: .whitespaces)) looks like a list written with commas (\(a),\(b)), "
                    + "which splits it into cells and shifts the rest of the row: in a CSV cell, separate the items with ; (\(a);\(b))"
            }
        }
        // Splits that account for every extra cell, read left to right, are named with
        // the columns they belong to (a second split was named by the column the first
        // one's shift put it under).
        if let splits = splitNumbers(row, header: header), !splits.isEmpty {
            let named = splits.map { "\($0.text) (column \($0.column))" }
            let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named.last!
            if extraEmpty {
                return "; a separator at the end of the row, or a number written with a thousands separator that split into cells and "
                    + "shifted the row (perhaps \(list)): delete the trailing separator, or write the number without it"
            }
            return "; " + list + (named.count == 1 ? " looks like one number" : " look like numbers") + " written with a thousands separator, "
                + "which splits \(named.count == 1 ? "it" : "each") into cells and shifts the rest of the row: write "
                + (named.count == 1 ? "it" : "them") + " without the comma, or quote " + (named.count == 1 ? "it" : "them")
        }
        // Two numbers side by side may be two columns, so every such pair is named.
        var pairs: [String] = []
        for i in 0..<(row.count - 1) {
            let a = row[i].text.trimmingCharacters(in: .whitespaces), b = row[i + 1].text.trimmingCharacters(in: .whitespaces)
            if splitPair(a, b) {
                pairs.append("\(a),\(b)" + (i < header.count ? " (column \(header[i].text.trimmingCharacters(in: .whitespaces)))" : ""))
            }
        }
        let shown = pairs.prefix(3).joined(separator: ", ") + (pairs.count > 3 ? ", …" : "")
        if extraEmpty {
            // Only empty cells beyond the header: a trailing separator, or a split number
            // whose shift pushed an empty last cell out.
            return "; a separator at the end of the row, or a number written with a thousands separator that split into two cells and "
                + "shifted the row" + (pairs.isEmpty ? "" : " (perhaps \(shown))") + ": delete the trailing separator, or write the number without it"
        }
        if !pairs.isEmpty {
            return "; \(pairs.count == 1 ? "\(shown) looks like" : "one of \(shown) may be") one number written with a thousands separator, "
                + "which splits it into two cells and shifts the rest of the row: write it without the comma, or quote it"
        }
        return "; a value holding the separator must be quoted (\"a,b\"), and a number needs no thousands separator"
    }

    /// The numbers a thousands comma split in a row longer than its header, read left to
    /// right, each with the column it starts in once the splits before it are undone
    /// (`1,100,000` in annual_cost and `2,500` in capacity, from twelve cells under nine
    /// columns); nil unless they account for every extra cell, so that the rest of the row
    /// lines up with the header, and use every pair of cells that could be a split (else
    /// the row has another reading). A split takes the most groups of three digits it can
    /// while cells remain to account for.
    static func splitNumbers(_ row: [CSVTable.Cell], header: [CSVTable.Cell]) -> [(text: String, column: String)]? {
        let excess = row.count - header.count
        guard excess > 0 else { return nil }
        let text = row.map { $0.text.trimmingCharacters(in: .whitespaces) }
        func group(_ t: String) -> Bool { t.count == 3 && t.allSatisfy(\.isASCIIDigit) }
        // Two cells that may join: a lead and a group (`1`, `900`), or two groups (`000`,
        // `600`: the middle of `1,000,600`, or `…,000` then `600,…`).
        func joins(_ a: String, _ b: String) -> Bool { splitPair(a, b) || (group(a) && splitPair("1", b)) }
        var out: [(text: String, column: String)] = []
        var shift = 0, i = 0
        while i + 1 < row.count, shift < excess {
            guard splitPair(text[i], text[i + 1]) else { i += 1; continue }
            var last = i + 1
            while shift + (last - i) < excess, last + 1 < row.count, group(text[last]), splitPair("1", text[last + 1]) { last += 1 }
            guard i - shift < header.count else { return nil }
            out.append((text[i...last].joined(separator: ","), header[i - shift].text.trimmingCharacters(in: .whitespaces)))
            shift += last - i
            i = last + 1
        }
        // Every pair of cells that could be a split is one of these: else another reading
        // exists (`1,900,4,000` under diplomats, annual_cost, close_cost is 1 and 900 and
        // 4,000 as well as 1,900 and 4 and 000), and none is named as the one.
        let candidates = (0..<(row.count - 1)).filter { joins(text[$0], text[$0 + 1]) }.count
        return shift == excess && candidates == shift ? out : nil
    }

    /// `1.234,5` or `30,5` in a comma-decimal locale, as `1234.5` and `30.5`;
    /// nil when the text is not such a number.
    static func commaDecimal(_ text: String) -> String? {
        var t = text
        var sign = ""
        if let f = t.first, f == "-" || f == "+" { sign = String(f); t.removeFirst() }
        let parts = t.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy(\.isASCIIDigit) { return nil }
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1, !(groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }) { return nil }
        return sign + groups.joined() + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// `30.000`, `2.500`, `1.250.000`: a decimal point followed by exactly three
    /// digits (and at most three before it), as thousands are grouped in
    /// comma-decimal locales.
    static func looksLikeThousands(_ text: String) -> Bool { Reading.ungrouped(text, separator: ".") != nil }

    static func singular(_ section: String) -> String {
        switch section {
        case "criteria": "criterion"
        case "services": "service"
        case "interests": "interest"
        default: section
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The text without the spaces around it, as `trimmingCharacters(in: .whitespaces)`
    /// (Unicode's spaces and the tab): ASCII text byte by byte, the text itself when
    /// neither end is a space (most cells), other text through Foundation, whose trimming
    /// took 17% of `validate` on 107,066 posts.
    var trimmedOfSpaces: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        // A byte of 0x80 or more at an end may belong to a Unicode space.
        if first < 0x80, last < 0x80, !space(first), !space(last) { return self }
        guard u.allSatisfy({ $0 < 0x80 }) else { return trimmingCharacters(in: .whitespaces) }
        var (lo, hi) = (u.startIndex, u.endIndex)
        while lo < hi, space(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, space(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        return String(self[lo..<hi])
    }
}
