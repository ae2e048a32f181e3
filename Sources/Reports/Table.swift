/// A neutral table: what renderers turn into text, Markdown or CSV.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }
    public struct Column: Sendable {
        public var header: String
        public var alignment: Alignment
        public init(_ header: String, _ alignment: Alignment = .right) {
            self.header = header
            self.alignment = alignment
        }
    }
    public var title: String?
    public var columns: [Column]
    /// Display cells (formatted).
    public var rows: [[String]]
    /// Raw cells for CSV (numbers unformatted); defaults to `rows`.
    public var rawRows: [[String]]?
    public var notes: [String] = []
    /// Machine column names (snake_case) when the headers' snake_case would
    /// not do (`DataTable.init(name:_:)`).
    public var fields: [String]? = nil
    /// Machine names of the columns that hold fractions (0.25 for a quarter): a workbook
    /// shows them as percentages (`DataTable.Field.isShare`); the value stays the fraction.
    public var shareFields: Set<String> = []
    /// Machine names of the columns that hold money, and the rows (indices into `rows`)
    /// whose numbers are all money: a workbook shows them whole from 1,000
    /// (`DataTable.Field.isMoney`).
    public var moneyFields: Set<String> = []
    /// Field names (`fields`) whose numbers are an input's values, written to 15
    /// significant digits (`DataTable.Field.isInput`).
    public var inputFields: Set<String> = []
    public var moneyRows: Set<Int> = []

    public init(title: String? = nil, columns: [Column], rows: [[String]] = [], rawRows: [[String]]? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.rawRows = rawRows
    }
}

/// Output formats of the reporting commands.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown
    /// One worksheet per table (`XLSXWriter`); binary, written to a file.
    case xlsx
    /// A folder: every table as CSV plus a Frictionless `datapackage.json` (`DataPackageWriter`).
    case datapackage

    /// Whether the format is text that can go to standard output.
    public var isText: Bool { self != .xlsx && self != .datapackage }
}

public enum TextRenderer {
    /// Aligned columns that fit `width` characters where they can:
    /// - a left-aligned last column wraps its long cells onto the lines below (at spaces,
    ///   a word longer than the column broken), and is narrowed first, to 30 characters
    ///   (or its header) at least;
    /// - headers longer than their cells go on two or three lines, broken after a hyphen
    ///   or at a space ("close-havana-" over "assumed-visa"), the one that saves most
    ///   first and only while the table is too wide;
    /// - then the widest other left-aligned column is narrowed and its long cells cut
    ///   with "…", the row labels (the first column) last and not below 28 characters; a
    ///   table still too wide is left wider than `width`.
    /// The title and the notes are wrapped at 100 characters.
    public static func render(_ t: Table, width: Int = 100) -> String {
        let n = t.columns.count
        var out = ""
        if let title = t.title { out += wrapNote(title, width: 100) + "\n" }
        guard n > 0 else { return out + t.notes.map { wrapNote($0, width: 100) + "\n" }.joined() }
        let cellWidths = (0..<n).map { i in t.rows.map { i < $0.count ? $0[i].columns : 0 }.max() ?? 0 }
        let wrapsLast = n > 1 && t.columns[n - 1].alignment == .left
        var headers = t.columns.map { [$0.header] }
        func floorOfLast() -> Int { max(30, headers[n - 1].map(\.columns).max() ?? 0) }
        func natural(_ i: Int) -> Int {
            let w = max(headers[i].map(\.columns).max() ?? 0, cellWidths[i])
            return wrapsLast && i == n - 1 ? min(w, floorOfLast()) : w
        }
        func tableWidth() -> Int { (0..<n).reduce(0) { $0 + natural($1) } + 2 * (n - 1) }
        // Headers broken while the table (its last column wrapped) is too wide.
        var broken = Set<Int>()
        while tableWidth() > width {
            let savings = (0..<n).filter { !broken.contains($0) }.map { i -> (Int, Int, [String]) in
                let lines = headerLines(t.columns[i].header, cellWidths[i])
                let w = max(lines.map(\.columns).max() ?? 0, cellWidths[i])
                return (i, natural(i) - (wrapsLast && i == n - 1 ? min(w, max(30, lines.map(\.columns).max() ?? 0)) : w), lines)
            }
            guard let best = savings.filter({ $0.1 > 0 }).max(by: { ($0.1, -$0.0) < ($1.1, -$1.0) }) else { break }
            headers[best.0] = best.2
            broken.insert(best.0)
        }
        var widths = (0..<n).map { i in max(headers[i].map(\.columns).max() ?? 0, cellWidths[i]) }
        var total = widths.reduce(0, +) + 2 * (n - 1)
        // A left-aligned last column wraps instead of being cut, so it gives way first.
        let wrapFloor = floorOfLast()
        if wrapsLast, total > width, widths[n - 1] > wrapFloor {
            let cut = min(total - width, widths[n - 1] - wrapFloor)
            widths[n - 1] -= cut
            total -= cut
        }
        // then the widest other left-aligned column, the row labels (the first column) last
        func floor(_ i: Int) -> Int { i == 0 ? min(widths[0], 28) : (wrapsLast && i == n - 1 ? wrapFloor : 12) }
        let floors = (0..<n).map(floor)
        while total > width, let i = (0..<n).filter({ t.columns[$0].alignment == .left && widths[$0] > floors[$0] })
                .max(by: { ($0 == 0 ? 0 : widths[$0]) < ($1 == 0 ? 0 : widths[$1]) }) {
            widths[i] -= 1
            total -= 1
        }
        func cell(_ s: String, _ i: Int) -> String {
            var s = s
            if s.columns > widths[i] { s = s.prefix(columns: max(0, widths[i] - 1)) + "…" }
            let pad = String(repeating: " ", count: max(0, widths[i] - s.columns))
            return t.columns[i].alignment == .left ? s + pad : pad + s
        }
        func line(_ cells: [String]) -> String {
            var s = (0..<n).map { cell($0 < cells.count ? cells[$0] : "", $0) }.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        let headerRows = headers.map(\.count).max() ?? 1
        for k in 0..<headerRows {   // bottom-aligned
            out += line(headers.map { h in k - (headerRows - h.count) >= 0 ? h[k - (headerRows - h.count)] : "" })
        }
        out += line(widths.map { String(repeating: "─", count: $0) })
        for r in t.rows {
            guard wrapsLast, r.count == n, r[n - 1].columns > widths[n - 1] else { out += line(r); continue }
            // the last cell on as many lines as it needs, the other cells on the first
            let pieces = wrapNote(r[n - 1], width: widths[n - 1], breakingWords: true)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            out += line(Array(r.dropLast()) + [pieces[0]])
            for piece in pieces.dropFirst() { out += line(Array(repeating: "", count: n - 1) + [piece]) }
        }
        for note in t.notes { out += wrapNote(note, width: 100) + "\n" }
        return out
    }

    /// A header on up to three lines of at least `cellWidth` characters each, broken after
    /// "-" or at a space; the header as it is when it fits its cells, cannot be broken into
    /// three lines, or is over 300 characters.
    public static func headerLines(_ header: String, _ cellWidth: Int) -> [String] {
        guard header.columns > cellWidth, header.count <= 300 else { return [header] }
        var tokens: [String] = [], current = ""
        for ch in header {
            if ch == " " { if !current.isEmpty { tokens.append(current) }; current = ""; continue }
            current.append(ch)
            if ch == "-" { tokens.append(current); current = "" }
        }
        if !current.isEmpty { tokens.append(current) }
        // the narrowest lines, no narrower than the cells, that take at most three lines
        for target in max(cellWidth, tokens.map(\.columns).max() ?? 0)..<max(header.columns, max(cellWidth, tokens.map(\.columns).max() ?? 0)) {
            var lines: [String] = [], line = ""
            for token in tokens {
                let joined = line.isEmpty ? token : (line.hasSuffix("-") ? line + token : line + " " + token)
                if !line.isEmpty && joined.columns > target { lines.append(line); line = token } else { line = joined }
            }
            if !line.isEmpty { lines.append(line) }
            if lines.count <= 3 { return lines }
        }
        return [header]
    }

    /// A note's lines longer than `width` characters, wrapped at spaces; each piece of a
    /// wrapped line keeps its leading spaces. Lines that fit are left as they are, and so
    /// are words longer than `width` unless `breakingWords` (table cells) cuts them into
    /// pieces of the line's width.
    public static func wrapNote(_ note: String, width: Int, breakingWords: Bool = false) -> String {
        note.split(separator: "\n", omittingEmptySubsequences: false).map { (line: Substring) -> String in
            guard line.columns > width else { return "\(line)" }
            let indent: String = String(line.prefix(while: { $0 == " " }))
            var pieces: [String] = [], current = ""
            var words = line.dropFirst(indent.count).split(separator: " ").map(String.init)
            if breakingWords, width - indent.count >= 1 {
                // a word longer than the line, in pieces of the line's width
                let room = width - indent.count
                words = words.flatMap { w -> [String] in
                    guard w.columns > room else { return [w] }
                    var pieces: [String] = [], rest = Substring(w)
                    while !rest.isEmpty {
                        let piece = rest.prefix(columns: room)
                        let taken = piece.isEmpty ? String(rest.prefix(1)) : piece
                        pieces.append(taken)
                        rest = rest.dropFirst(taken.count)
                    }
                    return pieces
                }
            }
            for word in words {
                if !current.isEmpty, indent.count + current.columns + 1 + word.columns > width { pieces.append(indent + current); current = "" }
                current += (current.isEmpty ? "" : " ") + word
            }
            if !current.isEmpty { pieces.append(indent + current) }
            return pieces.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

public enum MarkdownRenderer {
    public static func render(_ t: Table) -> String {
        // A line break in a cell (a city named on two lines) would end the table's row.
        func esc(_ s: String) -> String {
            inline(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ")
        }
        var out = ""
        if let title = t.title { out += "**\(esc(title))**\n\n" }
        // A table without columns is its title and notes (as in text).
        if !t.columns.isEmpty {
            out += "| " + t.columns.map { esc($0.header.trimmingLeadingSpaces) }.joined(separator: " | ") + " |\n"
            out += "|" + t.columns.map { $0.alignment == .left ? "---|" : "---:|" }.joined() + "\n"
        }
        // A sub-row (its label indented under the row above: "  running" under "Cost") is
        // named with its parent ("Cost: running", "documents: by own posts"): a Markdown
        // renderer drops the indentation, and "by own posts" read three times alike.
        var parent: String?
        for r in t.rows {
            out += "| " + r.enumerated().map { i, c in
                guard i == 0 else { return esc(c) }
                guard c.hasPrefix("  "), let p = parent else {
                    parent = c.isEmpty ? nil : (c.split(separator: ":", maxSplits: 1).first.map(String.init) ?? c)
                    // A mark after the label (`compare --effect`'s ` *`) is the row's own, not its sub-rows'.
                    if let p = parent, p.hasSuffix(" *") { parent = String(p.dropLast(2)) }
                    return esc(c)
                }
                return esc(p + ": " + c.trimmingLeadingSpaces)
            }.joined(separator: " | ") + " |\n"
        }
        for note in t.notes {
            out += "\n" + note.split(separator: "\n", omittingEmptySubsequences: false).map { escapingBlockStart(inline(String($0))) }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// `text` with a backslash before each character that Markdown reads as markup inside a
    /// line, as the answers' summary escapes them: `*` (emphasis: the wildcards of
    /// `posts.*.annual_cost … posts.*.close_cost` in one cell set the text between them in
    /// italics), `<` (an HTML tag), a backtick (a code span), `~` (strikethrough), `&` (an
    /// entity) and the backslash itself; `[` and `]` where the text holds a link's `](`
    /// (a constraint's `min_resident[0]` stays as written). An underscore is escaped only
    /// where it can open or close emphasis (`_it_`): inside a word (`close_cost`) it is text
    /// already and stays as written.
    static func inline(_ text: String) -> String {
        var marks: Set<Character> = ["\\", "*", "`", "<", "~", "&"]
        if text.contains("](") { marks.formUnion(["[", "]"]) }
        guard text.contains(where: { marks.contains($0) || $0 == "_" }) else { return text }
        let chars = Array(text)
        var out = ""
        for (i, ch) in chars.enumerated() {
            if marks.contains(ch) {
                out.append("\\")
            } else if ch == "_" {
                let inWord = i > 0 && i + 1 < chars.count && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                    && (chars[i + 1].isLetter || chars[i + 1].isNumber || chars[i + 1] == "_")
                if !inWord { out.append("\\") }
            }
            out.append(ch)
        }
        return out
    }

    /// `line` with a backslash before a start that Markdown reads as a block rather than text
    /// (`+ `, `* `, `- ` a list item, `#` a heading, `1. ` a numbered item, `>` a quote): a
    /// note "+ where the variant gains…" rendered as a bullet without its sign.
    static func escapingBlockStart(_ line: String) -> String {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let numbered = !digits.isEmpty && digits.count <= 9 && (line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") "))
        if ["+ ", "* ", "- ", "#", ">"].contains(where: line.hasPrefix) { return "\\" + line }
        if numbered { return digits + "\\" + line.dropFirst(digits.count) }
        return line
    }
}

public enum CSVRenderer {
    /// RFC 4180: fields with commas, quotes or line breaks are quoted.
    public static func render(_ t: Table) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = t.columns.map { field($0.header.trimmingLeadingSpaces) }.joined(separator: ",") + "\n"
        for r in t.rawRows ?? t.rows { out += r.map { field($0.trimmingLeadingSpaces) }.joined(separator: ",") + "\n" }
        return out
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

extension StringProtocol {
    /// The columns a terminal gives the text: 2 for each wide character (CJK ideographs,
    /// kana, hangul, fullwidth forms, emoji shown as emoji; Unicode's East Asian Width W
    /// and F), 0 for a lone combining mark or format character, 1 for any other
    /// character (`count` counted 東京 as 2 columns, and tables slid out of line).
    public var columns: Int { reduce(0) { $0 + $1.columns } }

    /// The longest start of the text that fits `width` columns.
    public func prefix(columns width: Int) -> String {
        var out = "", used = 0
        for ch in self {
            let w = ch.columns
            if used + w > width { break }
            out.append(ch)
            used += w
        }
        return out
    }
}

extension Character {
    /// Columns on a terminal (see `StringProtocol.columns`).
    public var columns: Int {
        guard let first = unicodeScalars.first else { return 0 }
        if unicodeScalars.count == 1 {
            switch first.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return 0
            default: break
            }
        }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, unicodeScalars.contains("\u{FE0F}") { return 2 }
        let v = first.value
        for r in Character.wideRanges where r.contains(v) { return 2 }
        return 1
    }

    /// East Asian Width W and F blocks (Unicode 15, by block; emoji are taken by their
    /// presentation property above).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B2FF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
