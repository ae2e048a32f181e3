import DiplomaticNetwork
import Foundation

/// A table as data, for the tools analysts read tables with (pandas, R,
/// Excel, Frictionless): a machine name, snake_case column names, typed cells,
/// one row per observation. Every `Report` gives its tables as `DataTable`s
/// (`Report.dataTables`); the CSV, Excel-CSV, xlsx and data-package writers
/// work on them alone.
public struct DataTable: Sendable {
    /// Column types, named as Frictionless Table Schema names them.
    public enum FieldType: String, Sendable { case string, number, integer, boolean }

    public struct Field: Sendable {
        /// snake_case, unique in the table (a comparison's `side_by_side` names its columns by
        /// its variants, in snake_case).
        public var name: String
        public var type: FieldType
        /// What the column holds, with its unit (e.g. "money a year, EUR").
        public var description: String?
        /// A fraction (0.25 for a quarter): the xlsx writer formats it as a percentage
        /// (`0.0%`), CSV and JSON keep the fraction.
        public var isShare = false
        /// Money: the xlsx writer shows it whole with thousands separators from 1,000
        /// (`#,##0`: 17,767,286 for 17,767,285.65) and with two decimals below (`7.90`);
        /// CSV and JSON keep every digit. True by default when the description says
        /// "money a year".
        public var isMoney = false
        /// An input's values (a sweep's points, a tipping scan's values): CSV and the
        /// workbook write them to 15 significant digits (`Fmt.plainValue`), not to the 10 and
        /// 12 decimals that clean the solver's results (1.500097e-9 read 1.5e-9; 1e12 + 3
        /// read 1e12).
        public var isInput = false
        public init(_ name: String, _ type: FieldType, _ description: String? = nil, isShare: Bool = false, isMoney: Bool? = nil) {
            self.name = name
            self.type = type
            self.description = description
            self.isShare = isShare
            self.isMoney = isMoney ?? (description?.contains("money a year") ?? false)
        }
    }

    public enum Cell: Sendable, Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        /// No value (an infeasible variant's figures, a missing mode).
        case empty
    }

    /// Machine name (`[a-z0-9_]+`), unique among a report's tables: the sheet
    /// name in xlsx, the resource name and file stem in a data package.
    public var name: String
    /// What the table shows, for people.
    public var title: String
    public var fields: [Field]
    public var rows: [[Cell]]
    /// Rows (indices into `rows`) whose numbers are all fractions: a long table's row whose
    /// unit is a share (`figures`' coverage row), which the xlsx writer formats as a
    /// percentage like a share column (`Field.isShare`).
    public var shareRows: Set<Int> = []
    /// Rows whose numbers are all money (a long table's row whose unit is money), formatted
    /// as a money column (`Field.isMoney`).
    public var moneyRows: Set<Int> = []

    public init(name: String, title: String, fields: [Field], rows: [[Cell]] = []) {
        self.name = name
        self.title = title
        self.fields = fields
        self.rows = rows
    }

    /// A display table read as data: its `fields` (else its headers in
    /// snake_case) name the columns; its raw cells (else its display cells)
    /// are typed per column: a column whose every non-empty cell is a number
    /// is a number column (integer when all are whole), `true`/`false` a
    /// boolean column, anything else text.
    public init(name: String, _ table: Table) {
        let names = table.fields ?? table.columns.map { DataTable.snakeCase($0.header) }
        let raw = table.rawRows ?? table.rows
        var fields: [Field] = []
        var used: Set<String> = []
        for (i, n) in names.enumerated() {
            var unique = n.isEmpty ? "column_\(i + 1)" : n
            var k = 2
            while used.contains(unique) { unique = "\(n)_\(k)"; k += 1 }
            used.insert(unique)
            let cells = raw.map { i < $0.count ? $0[i].trimmingCharacters(in: .whitespaces) : "" }.filter { !$0.isEmpty }
            let type: FieldType
            if !cells.isEmpty, cells.allSatisfy({ $0 == "true" || $0 == "false" }) { type = .boolean }
            else if !cells.isEmpty, cells.allSatisfy({ DataTable.number($0) != nil }) {
                type = cells.allSatisfy { DataTable.number($0).map { $0 == $0.rounded() && abs($0) < 1e15 } ?? false } ? .integer : .number
            } else { type = .string }
            var field = Field(unique, type, isShare: table.shareFields.contains(n) && type != .string,
                              isMoney: table.moneyFields.contains(n) && type != .string)
            field.isInput = table.inputFields.contains(n) && type != .string
            fields.append(field)
        }
        self.name = name
        self.title = table.title ?? name
        self.fields = fields
        self.moneyRows = table.moneyRows
        self.rows = raw.map { row in
            fields.indices.map { i in
                let s = i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : ""
                if s.isEmpty { return .empty }
                switch fields[i].type {
                case .number, .integer: return DataTable.number(s).map(Cell.number) ?? .text(s)
                case .boolean: return .bool(s == "true")
                case .string: return .text(s)
                }
            }
        }
    }

    /// A finite number written plainly (`12`, `-3.5`, `1e6`); nil otherwise.
    static func number(_ s: String) -> Double? {
        guard let first = s.first, first.isNumber || first == "-" || first == "+" || first == ".",
              let v = Double(s), v.isFinite else { return nil }
        return v
    }

    /// "Net benefit (EUR)" → "net_benefit_eur".
    public static func snakeCase(_ s: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for ch in s.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) && ch.isASCII {
                if pendingUnderscore && !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.unicodeScalars.append(ch)
            } else if ch == "%" {
                if !out.isEmpty { out.append("_") }
                out += "pct"
                pendingUnderscore = true
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }
}

extension Table {
    /// The table as data named `name` (see `DataTable.init(name:_:)`).
    public func data(_ name: String) -> DataTable { DataTable(name: name, self) }
}

extension DataTable {
    /// The data for people: field names as headers, numbers grouped, text left.
    public func displayTable() -> Table {
        var t = Table(title: title, columns: fields.map { Table.Column($0.name, $0.type == .string ? .left : .right) })
        t.rows = rows.map { row in
            row.map { cell in
                switch cell {
                case .number(let x): abs(x) >= 1000 ? Fmt.money(x) : Fmt.plain(x)
                case .text(let s): s
                case .bool(let b): b ? "yes" : "no"
                case .empty: "–"
                }
            }
        }
        t.rawRows = rows.map { row in
            row.map { cell in
                switch cell {
                case .number(let x): Fmt.plain(x)
                case .text(let s): s
                case .bool(let b): b ? "true" : "false"
                case .empty: ""
                }
            }
        }
        t.fields = fields.map(\.name)
        return t
    }
}

// MARK: CSV

/// How CSV is written: the RFC 4180 shape scripts read, or what Excel in a
/// comma-decimal locale (Belgium, France, Germany…) opens as columns.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// `,` between fields, `.` decimals, LF line ends, no byte-order mark.
    case standard
    /// UTF-8 byte-order mark, `;` between fields, `,` decimals, CRLF line ends.
    case excel

    var separator: Character { self == .excel ? ";" : "," }
}

public enum DataTableCSV {
    /// One table as CSV: a header row of field names, then one line a row.
    /// Numbers are written in full (no thousands separators), booleans as
    /// `true`/`false`, empty cells as nothing.
    public static func render(_ t: DataTable, dialect: CSVDialect = .standard) -> String {
        let sep = dialect.separator
        let eol = dialect == .excel ? "\r\n" : "\n"
        func field(_ s: String) -> String {
            s.contains(where: { $0 == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func cell(_ c: DataTable.Cell, _ input: Bool) -> String {
            switch c {
            case .number(let x):
                let s = input ? Fmt.plainValue(x) : Fmt.plain(x)
                return dialect == .excel ? s.replacingOccurrences(of: ".", with: ",") : s
            case .text(let s): return field(s)
            case .bool(let b): return b ? "true" : "false"
            case .empty: return ""
            }
        }
        var out = dialect == .excel ? "\u{FEFF}" : ""
        out += t.fields.map { field($0.name) }.joined(separator: String(sep)) + eol
        for r in t.rows { out += r.enumerated().map { cell($1, $0 < t.fields.count && t.fields[$0].isInput) }.joined(separator: String(sep)) + eol }
        return out
    }
}
