/// A CSV table (RFC 4180: a separator, double quotes, CRLF or LF) with the line
/// and column of every cell.
struct CSVTable {
    struct Cell {
        var text: String
        var line: Int
        var column: Int
    }
    var header: [Cell]
    var rows: [[Cell]]
    /// Lines read as comments (starting with `#`), with their text: a caller may warn of
    /// one that looks like a row or the header.
    var comments: [(line: Int, text: String)] = []
}

enum CSVReader {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// Parses CSV text; the first record is the header. Blank lines and lines that
    /// start with `#` (comments) are skipped.
    /// `separator` is `,` (RFC 4180), or `;` or a tab as spreadsheet programs
    /// write in locales where the comma is the decimal mark.
    static func parse(_ text: String, separator: Unicode.Scalar = ",") throws(Failure) -> CSVTable {
        var records: [[CSVTable.Cell]] = []
        var comments: [(line: Int, text: String)] = []
        var record: [CSVTable.Cell] = []
        var field = ""
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var inQuotes = false, wasQuoted = false, atFieldStart = true
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0

        func endField() {
            record.append(.init(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            wasQuoted = false
            atFieldStart = true
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
            record = []
        }

        while i < chars.count {
            let c = chars[i]
            // A line starting with # is a comment (a note on the table's sources, as YAML
            // writes beside a number); its end of line is read as a blank line's.
            if c == "#", atFieldStart, record.isEmpty, column == 1 {
                var text = ""
                while i < chars.count, chars[i] != "\n", chars[i] != "\r" { text.unicodeScalars.append(chars[i]); i += 1 }
                comments.append((line, text))
                continue
            }
            if atFieldStart {
                fieldLine = line
                fieldColumn = column
                atFieldStart = false
                if c == "\"" {
                    inQuotes = true
                    wasQuoted = true
                    i += 1; column += 1
                    continue
                }
            }
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2; column += 2
                        continue
                    }
                    inQuotes = false
                    i += 1; column += 1
                    if i < chars.count, !(chars[i] == separator || chars[i] == "\n" || chars[i] == "\r") {
                        throw Failure(line: line, column: column, message: "unexpected character after a closing quote")
                    }
                    continue
                }
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
                field.unicodeScalars.append(c)
                i += 1
                continue
            }
            switch c {
            case separator:
                endField()
                atFieldStart = true
                i += 1; column += 1
                // a field starts right after the comma
                fieldLine = line; fieldColumn = column
            case "\r":
                i += 1
                if i < chars.count, chars[i] == "\n" { i += 1 }
                endRecord()
                line += 1; column = 1
            case "\n":
                i += 1
                endRecord()
                line += 1; column = 1
            case "\"":
                throw Failure(line: line, column: column, message: "a quote inside an unquoted field (quote the whole field and double inner quotes)")
            case "\0":
                throw Failure(line: line, column: column, message: "binary data (a NUL byte): not a CSV text file")
            default:
                field.unicodeScalars.append(c)
                i += 1; column += 1
            }
        }
        if inQuotes { throw Failure(line: fieldLine, column: fieldColumn, message: "a quoted field is never closed") }
        if !field.isEmpty || wasQuoted || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw Failure(line: 1, column: 1, message: "the table is empty; expected a header row")
        }
        return CSVTable(header: header, rows: Array(records.dropFirst()), comments: comments)
    }
}
