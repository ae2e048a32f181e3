/// Typed reading of `DocNode` values: each helper reports what was expected,
/// where, and returns nil so reading can go on and find every problem.
struct Reading {
    let bag: DiagnosticBag

    /// Largest magnitude accepted: beyond it a model is numerically meaningless
    /// (and sums of money a year never get there).
    static let largest = 1e15
    /// Smallest non-zero magnitude a scenario number may have.
    static let smallest = 1e-9

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ node: DocNode, _ path: String, _ message: String) { bag.error(node.location, path, message) }

    /// Reports a reference that resolves to nothing in `table`, unless that
    /// table could not be read at all (then only the table's own problem is
    /// reported). A CSV row longer than its header is reported and still read, so
    /// references to its id resolve.
    func unresolved(_ node: DocNode, _ path: String, _ message: String, in table: String = "countries") {
        if bag.unusableTables.contains(table) { return }
        error(node, path, message)
    }

    func mapping(_ node: DocNode, _ path: String, expected: String = "a mapping") -> Fields? {
        guard let m = node.mapping else {
            error(node, path, "expected \(expected), found \(node.kindDescription)")
            return nil
        }
        return Fields(map: m, path: path, reading: self)
    }

    func sequence(_ node: DocNode, _ path: String, expected: String = "a list") -> [DocNode]? {
        guard let s = node.sequence else {
            error(node, path, "expected \(expected), found \(node.kindDescription)")
            return nil
        }
        return s.items
    }

    func string(_ node: DocNode, _ path: String, what: String = "a text") -> String? {
        guard let s = node.scalar, !s.isNull else {
            error(node, path, "expected \(what), found \(node.kindDescription)")
            return nil
        }
        return s.text
    }

    /// An identifier: non-empty text without blanks, control characters or
    /// dots (dots separate the parts of variant paths), and not `*` (which
    /// stands for every id in a path).
    func identifier(_ node: DocNode, _ path: String) -> String? {
        guard let s = string(node, path, what: "an id") else { return nil }
        // Invisible characters (zero-width space, byte-order mark, direction marks: the
        // format category) would make two ids that print alike differ.
        // ASCII ids byte by byte (the scalars' properties took 9% of `validate` on 107,066
        // posts): ASCII's blanks are all at or below 0x20, and it has no format characters.
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        if s.isEmpty || s == "*" || (ascii ? s.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7f || $0 == 0x2E }) : s.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f || $0 == "." || $0.properties.generalCategory == .format
        })) {
            error(node, path, "expected an id without blanks, invisible or control characters or dots (and not *), found \(Self.shown(s))")
            return nil
        }
        // `--set PATH=VALUE` (and a sweep's or tipping's PATH=…) ends the path at its first
        // `=`: such an id can be named in a variant's `set:` only. Said once per id.
        if s.utf8.contains(0x3D), bag.idsWithEquals.insert(s).inserted {
            bag.warning(node.location, path, "the id \(Self.shown(s)) contains \"=\": --set, sweep, tipping and margins paths on the command line "
                        + "end at the first \"=\", so they cannot name it (a variant's set: can); an id without \"=\" can be named everywhere")
        }
        return s
    }

    /// For a number written with thousands separators (`1.400.000`, `1,400,000`,
    /// `1 400 000`, `1'400'000`), "; write it without thousands separators: 1400000";
    /// else "".
    static func thousandsHint(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        for sep: Character in [".", ",", " ", "'", "\u{a0}", "\u{202f}"] {
            // one point or comma before three digits may be a decimal mark (1,400 in Belgium)
            guard let digits = ungrouped(t, separator: sep), sep != "." && sep != "," || t.filter({ $0 == sep }).count > 1 else { continue }
            return "; write it without thousands separators: \(digits)"
        }
        return ""
    }

    /// For a number written with a unit or currency (`1817000 EUR`, `€1,817,000`,
    /// `450 km`, `4 years`), "; write the number alone, without "EUR": 1817000" (the unit
    /// is the field's, as docs/scenario-format.md gives it); else "". Only currencies
    /// (a symbol, or a code of three capitals) and the units of a scenario's fields are
    /// taken off: a letter that changes the number (`1.8M`, `450k`, `82.37 W`, `Q1 500`), a
    /// sign or bracket outside the digits (`−5`, `(1000)`), a percent sign (the share's own
    /// hint) or one separator before three digits (`1.100` may be 1.1 or 1100) gives none.
    static func unitHint(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        func isAffix(_ c: Character) -> Bool { !(c.isASCII && (c.isNumber || "+-.,".contains(c))) }
        let head = t.prefix(while: isAffix), tail = String(t.reversed().prefix(while: isAffix).reversed())
        guard head.count + tail.count < t.count else { return "" }
        let words = (head + " " + tail).split(whereSeparator: { $0.isWhitespace || $0 == "/" }).map(String.init)
        guard !words.isEmpty, words.allSatisfy(isUnit) else { return "" }
        let core = String(t.dropFirst(head.count).dropLast(tail.count)).trimmingCharacters(in: .whitespaces)
        // One point or comma before exactly three digits: a decimal mark or a thousands one.
        let marks = core.filter { $0 == "." || $0 == "," }
        if marks.count == 1, let i = core.firstIndex(where: { $0 == "." || $0 == "," }),
           core[core.index(after: i)...].count == 3, core[core.index(after: i)...].allSatisfy(\.isASCIIDigit) { return "" }
        let number = parseNumber(core).map { _ in core }
            ?? [",", ".", " ", "'", "\u{a0}", "\u{202f}"].lazy.compactMap { ungrouped(core, separator: $0) }.first
        guard let number else { return "" }
        return "; write the number alone, without \"\(words.joined(separator: " "))\": \(number)"
    }

    /// Currencies and the units of a scenario's fields, as written beside a number.
    static func isUnit(_ word: String) -> Bool {
        if word.count == 1, word.unicodeScalars.first?.properties.generalCategory == .currencySymbol { return true }
        if word.count == 3, word.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
        return unitWords.contains(word.lowercased())
    }
    static let unitWords: Set<String> = ["eur", "euro", "euros", "usd", "km", "kms", "year", "years", "yr", "yrs", "a",
                                         "per", "case", "cases", "hour", "hours", "h", "diplomat", "diplomats", "point", "points"]

    /// The digits of `text` when it is a whole number grouped in thousands by
    /// `separator` (`1.400.000` by "."); nil when it is not such a grouping.
    static func ungrouped(_ text: String, separator: Character) -> String? {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count), groups[0] != "0", groups[0].allSatisfy(\.isASCIIDigit),
              groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return groups.joined()
    }

    /// Text quoted for a message, control characters escaped.
    static func shown(_ s: String) -> String {
        let short = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "\"" + short.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7f || $0.properties.generalCategory == .format || ($0.properties.isWhitespace && $0 != " ")
                ? "\\u{\(String($0.value, radix: 16))}" : String($0)
        }.joined() + "\""
    }

    /// A finite number within bounds; `integer` demands a whole number.
    func number(_ node: DocNode, _ path: String, min: Double? = 0, max: Double? = nil,
                integer: Bool = false, what: String? = nil) -> Double? {
        let expectation = what ?? describeRange(min: min, max: max, integer: integer)
        guard let s = node.scalar, !s.isNull, let value = Self.parseNumber(s.text) else {
            // "35%" for a share: say how to write it.
            let percent = node.scalar.flatMap { sc -> String? in
                let t = sc.text.trimmingCharacters(in: .whitespaces)
                guard min == 0, max == 1, t.hasSuffix("%"), let v = Self.parseNumber(String(t.dropLast())), v >= 0, v <= 100 else { return nil }
                return "; a share is written as a fraction: \(Self.format(Fmt.clean(v / 100))) for \(t)"
            } ?? ""
            // A hint's number must be one the field takes (`35 pct` in a share is no 35).
            let hint = node.scalar.map { sc in Self.thousandsHint(sc.text).isEmpty ? Self.unitHint(sc.text) : Self.thousandsHint(sc.text) } ?? ""
            let suggested = hint.split(separator: ":").last.flatMap { Self.parseNumber(String($0)) }
            let fits = suggested.map { v in !(min.map { v < $0 } ?? false) && !(max.map { v > $0 } ?? false) && (!integer || v == v.rounded()) } ?? false
            // "20,5" (a decimal comma, quoted so that it stays one CSV cell or one YAML value):
            // say how to write it, and for a CSV table how to declare the comma.
            var comma = ""
            if hint.isEmpty, percent.isEmpty, let sc = node.scalar, let advice = Self.commaAdvice(sc.text.trimmingCharacters(in: .whitespaces), min: min) {
                comma = "; " + advice + (sc.location.file.lowercased().hasSuffix(".csv")
                    ? ", or declare the table's decimal comma where it is named ({csv: FILE, separator: \";\", decimal: \",\"})" : "")
            }
            error(node, path, "expected \(expectation), found \(node.kindDescription)" + (fits ? hint : "") + percent + comma)
            return nil
        }
        // 1e400 parses as infinity: say it is too large rather than "not a number".
        if value.isInfinite, !s.text.lowercased().contains("inf") {
            error(node, path, "\(s.text) is too large to be meaningful here (at most 1e15); expected \(expectation)")
            return nil
        }
        // 1e-400 parses as 0: it is not 0, and as small as that it means nothing here.
        if value == 0, s.text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) {
            error(node, path, "\(s.text) is too small to be meaningful here (0, or at least 1e-9 in magnitude); expected \(expectation)")
            return nil
        }
        if !value.isFinite || (min.map { value < $0 } ?? false) || (max.map { value > $0 } ?? false)
            || (integer && value != value.rounded()) {
            // A share written in percent (35 for 0.35) is the likely mistake above 1.
            // (From 2: a share of 1.5 is more likely a slip than 1.5%.)
            let percent = min == 0 && max == 1 && value >= 2 && value <= 100 ? " (a share: \(Self.format(value / 100)) for \(Self.format(value))%?)" : ""
            error(node, path, "expected \(expectation), found \(s.text)\(percent)")
            return nil
        }
        if abs(value) > Self.largest {
            error(node, path, "\(s.text) is too large to be meaningful here (at most 1e15); expected \(expectation)")
            return nil
        }
        // Magnitudes GLPK's scaling cannot represent (it aborts on them): no money,
        // case count, distance or share of a scenario is that small.
        if value != 0, abs(value) < Self.smallest {
            error(node, path, "\(s.text) is too small to be meaningful here (0, or at least 1e-9 in magnitude); expected \(expectation)")
            return nil
        }
        // `400.000` for four hundred thousand (a thousands point, as Dutch, Belgian and German
        // analysts write it) is a valid number a thousand times too small: said, as a CSV
        // cell's is (a quoted scalar is a CSV cell, warned of there).
        // (Cheap tests first: every number of a file passes here; most have no point or fewer
        // than five characters, and a CSV cell is quoted.)
        // A quoted YAML value too (`"400.000"`): only a CSV cell, quoted as every cell is,
        // is warned of by the table's reader.
        if s.text.utf8.count >= 5, s.text.utf8.contains(UInt8(ascii: ".")), !s.quoted || bag.tableHeaders[s.location.file] == nil,
           Self.ungrouped(s.text, separator: ".") != nil, Self.holdsAmount(path),
           !bag.factorPaths.contains(where: { path.hasPrefix($0 + ".") }) {
            bag.warningOnce(node.location, path, "\(s.text) reads as \(Self.format(value)); if it means \(s.text.replacingOccurrences(of: ".", with: "")) "
                        + "(a thousands separator), write it without the point")
        }
        return value
    }

    /// For entry `i` of a `{ }` mapping, a key of digits with no value right after an entry
    /// whose value is a plain whole number (`{accredited: 0,35}`, `{lon: -82,37}`, `{geo: 3,5}`):
    /// the message that says it was a decimal (or thousands) comma; nil otherwise.
    ///
    /// - Parameter min: the least value the entry's key takes, when known: a reading below it
    ///   is said to be refused too (`{annual_cost: -20,5}` was advised "write -20.5").
    static func commaSplit(_ entries: [DocNode.Entry], at i: Int, min: Double? = nil) -> String? {
        let e = entries[i]
        guard i > 0, !e.key.isEmpty, e.key.allSatisfy(\.isASCIIDigit), e.value.scalar?.isNull ?? false,
              let prev = entries[i - 1].value.scalar, !prev.quoted else { return nil }
        let digits = prev.text.hasPrefix("-") ? String(prev.text.dropFirst()) : prev.text
        let least = min ?? leastValue(ofKey: entries[i - 1].key)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let advice = commaAdvice("\(prev.text),\(e.key)", min: least) else { return nil }
        return "\(prev.text),\(e.key) reads as \(prev.text) and a key \"\(e.key)\" (a comma separates the entries of { }): " + advice
    }

    /// The least value a key takes, as far as its name tells (the last part of a path
    /// such as `posts.HAV.capacity`): 0 for amounts (not an expectation's `value`, which
    /// may be negative) and for presence shares; nil when the name does not tell.
    static func leastValue(ofKey key: String) -> Double? {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        return (amountKeys.contains(last) && last != "value") || ["accredited", "represented"].contains(last) ? 0 : nil
    }

    /// How to write a number written with one comma: "write 1200 if the comma groups
    /// thousands, 1.2 if it is a decimal comma" for `1,200` (three digits after it: either
    /// reading is as likely), else "a decimal comma: write 20.5" for `20,5`; nil when the
    /// text is no such number.
    ///
    /// With `min`, the least value the key takes, a reading below it is not advised as
    /// something to write: "-20,5 … a decimal comma reads -20.5, and this key takes no
    /// number below 0".
    static func commaAdvice(_ text: String, min: Double? = nil) -> String? {
        guard text.contains(","), let n = CSVTables.commaDecimal(text) else { return nil }
        let decimal = parseNumber(n).map(format) ?? n
        let sign = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.prefix(1)) : ""
        let refused = min.flatMap { least in parseNumber(n).map { $0 < least } } ?? false
        let below = min.map { "this key takes no number below \(format($0))" } ?? ""
        if let grouped = ungrouped(String(text.dropFirst(sign.count)), separator: ",") {
            return refused ? "read as thousands (\(sign)\(grouped)) or a decimal comma (\(decimal)), it is below the least value: \(below)"
                : "write \(sign)\(grouped) if the comma groups thousands, \(decimal) if it is a decimal comma"
        }
        return refused ? "a decimal comma reads \(decimal), and \(below)" : "a decimal comma: write \(decimal)"
    }

    /// For a `[ ]` list of plain numbers on one line that separates some items with "," and
    /// others with ", " (`[1,1, 0,9]`): the first pair written without a space, as a decimal
    /// comma that split one number into two ("1,1 reads as two numbers 1 and 1; …"); nil
    /// when every separator is alike (`[1,2,3]` and `[1, 2, 3]` are lists as written).
    static func mixedCommaList(_ items: [DocNode]) -> (node: DocNode, message: String)? {
        let scalars = items.compactMap(\.scalar)
        guard scalars.count == items.count, scalars.count >= 2, scalars.allSatisfy({ !$0.quoted && parseNumber($0.text) != nil }) else { return nil }
        var tight: Int? = nil, spaced = false
        for k in 1..<scalars.count {
            let (a, b) = (scalars[k - 1], scalars[k])
            guard a.location.line == b.location.line, a.location.file == b.location.file else { return nil }
            let gap = b.location.column - (a.location.column + a.text.count)
            if gap == 1 { tight = tight ?? k } else if gap >= 2 { spaced = true }
        }
        guard let k = tight, spaced else { return nil }
        let (a, b) = (scalars[k - 1].text, scalars[k].text)
        return (items[k - 1], "\(a),\(b) reads as two numbers, \(a) and \(b), while other items are separated by \", \": "
                + (commaAdvice("\(a),\(b)").map { "if it is one number, " + $0 } ?? "check it"))
    }

    /// The keys whose numbers are amounts (money, cases, capacities, weights), where a
    /// value written `1.500` is more likely fifteen hundred than one and a half.
    static let amountKeys: Set<String> = ["annual_cost", "close_cost", "open_cost", "capacity", "case_cost", "demand", "fee", "fee_income",
                                          "budget", "unserved_case_penalty", "unserved_penalty", "remote_case_cost_per_1000km", "weight",
                                          "interests", "value", "reach_km"]

    /// Whether a key path (`posts[3].close_cost`, `countries[0].demand.visas`,
    /// `uncertainty.parameters.posts.HAV.annual_cost.max`) holds an amount.
    /// A variant's `scale:` holds factors, not amounts, and an interest's `accredited` and
    /// `represented` are shares.
    static func holdsAmount(_ path: String) -> Bool {
        let parts = path.split(separator: ".").map { String($0.prefix { $0 != "[" }) }
        let share = parts.count >= 3 && parts[parts.count - 3] == "interests" && ["accredited", "represented"].contains(parts[parts.count - 1])
            || parts.count >= 4 && parts[parts.count - 4] == "interests" && ["accredited", "represented"].contains(parts[parts.count - 2])
        return !share && !parts.contains("scale") && parts.contains(where: amountKeys.contains)
    }

    func describeRange(min: Double?, max: Double?, integer: Bool) -> String {
        let noun = integer ? "a whole number" : "a number"
        switch (min, max) {
        case let (lo?, hi?): return "\(noun) from \(Self.format(lo)) to \(Self.format(hi))"
        case let (lo?, nil): return "\(noun) ≥ \(Self.format(lo))"
        case let (nil, hi?): return "\(noun) ≤ \(Self.format(hi))"
        default: return noun
        }
    }

    /// A number in a message as written: whole, or to 15 significant digits (a range end of
    /// 1e-5 / 100 read 1.0000000000000001e-07).
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) <= 1e15 ? String(Int(x)) : String(Fmt.cleanValue(x))
    }

    /// Decimal numbers as people write them (`1200`, `-3.5`, `1e6`, `95_000_000`);
    /// no hexadecimal, no `nan` or `inf`.
    static func parseNumber(_ text: String) -> Double? {
        // ASCII text (every number a file holds, in practice) is read byte by byte: trimming
        // and Characters through Foundation took 27% of `validate` on 107,066 posts. The same
        // rules as below (`trimmedOfSpaces` trims as `.whitespaces` does): underscores only
        // between digits, only digits, signs, points and exponents.
        let trimmed = text.trimmedOfSpaces
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            var bytes = Array(trimmed.utf8)
            if bytes.contains(0x5F) {
                for (i, b) in bytes.enumerated() where b == 0x5F {
                    guard i > 0, i < bytes.count - 1, isDigit(bytes[i - 1]), isDigit(bytes[i + 1]) else { return nil }
                }
                bytes.removeAll { $0 == 0x5F }
            }
            // + - . e E
            guard !bytes.isEmpty, bytes.allSatisfy({ isDigit($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }),
                  bytes.contains(where: isDigit) else { return nil }
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        return parseNumberAnyText(text)
    }

    /// `parseNumber` for any text (Unicode spaces trimmed too): the rules, read through
    /// Characters.
    static func parseNumberAnyText(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.contains("_") {
            // underscores only between digits
            let chars = Array(t)
            for (i, c) in chars.enumerated() where c == "_" {
                guard i > 0, i < chars.count - 1, chars[i - 1].isNumber, chars[i + 1].isNumber else { return nil }
            }
            t.removeAll { $0 == "_" }
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              t.contains(where: \.isNumber) else { return nil }
        return Double(t)
    }

    func bool(_ node: DocNode, _ path: String) -> Bool? {
        if let s = node.scalar, !s.isNull {
            switch s.text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: break
            }
        }
        error(node, path, "expected true or false, found \(node.kindDescription)")
        return nil
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: DocNode, _ path: String, _: T.Type) -> T? where T.RawValue == String {
        let options = T.allCases.map(\.rawValue)
        guard let s = string(node, path, what: "one of \(options.joined(separator: ", "))") else { return nil }
        guard let v = T(rawValue: s) else {
            error(node, path, "expected one of \(options.joined(separator: ", ")), found \"\(s)\"\(didYouMean(s, options))")
            return nil
        }
        return v
    }

    /// A list of texts; a single scalar is read as a one-element list.
    func strings(_ node: DocNode, _ path: String) -> [String]? {
        if let s = node.scalar, !s.isNull { return [s.text] }
        guard let items = sequence(node, path, expected: "a list of ids") else { return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(i)]") { out.append(s) }
        }
        return out
    }
}

/// The keys of one mapping being read; reports unknown keys on `finish`.
struct Fields {
    let map: DocNode.Mapping
    let path: String
    let reading: Reading

    func path(_ key: String) -> String { Reading.join(path, key) }

    /// The value of `key`, nil when absent or null. A key written with no value
    /// (`capacity:`, `capacity: null`) in the file itself is read as absent, with a
    /// warning, since its default then applies silently (a capacity of 0); variants
    /// unset a key with `null` on purpose and are not warned about.
    func node(_ key: String) -> DocNode? {
        guard let e = map.entry(key) else { return nil }
        if e.value.isNull {
            if reading.bag.variant == nil {
                reading.bag.warning(e.keyLocation, path(key), "no value: read as absent, so the key's default applies; give a value, or remove the key")
            }
            return nil
        }
        return e.value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    func requireNode(_ key: String, _ expected: String) -> DocNode? {
        if let n = node(key) { return n }
        if let e = map.entry(key) {
            reading.bag.error(e.keyLocation, path(key), "expected \(expected), found nothing")
        } else if let cell = map.blankCells[key] {
            reading.bag.error(cell, path(key), "the cell is empty: expected \(expected)")
        } else {
            reading.bag.error(map.location, path, "missing key \"\(key)\": expected \(expected)")
        }
        return nil
    }

    /// Reports every key not in `allowed`. `csvForms` lists the CSV column prefixes
    /// of this mapping's nested keys (`demand_` for `demand`, in a version 2 file):
    /// such a key written in YAML gets advice to write the nested mapping.
    func checkKeys(_ allowed: [String], csvForms: [(prefix: String, key: String)] = []) {
        for (i, e) in map.entries.enumerated() where !allowed.contains(e.key) {
            // `{accredited: 0,35}`: in a flow mapping the comma ends the entry, so a decimal
            // comma leaves a whole number and a key of digits (a new author's case).
            // A draw's bounds and centre are ≥ 0 (a factor, or a value the input takes).
            let drawn = path.hasPrefix("uncertainty") && i > 0 && ["min", "max", "mode", "mean"].contains(map.entries[i - 1].key)
            if let message = Reading.commaSplit(map.entries, at: i, min: drawn ? 0 : nil) {
                reading.bag.error(e.keyLocation, path(map.entries[i - 1].key), message)
                continue
            }
            if let form = csvForms.first(where: { e.key.hasPrefix($0.prefix) && e.key.count > $0.prefix.count && allowed.contains($0.key) }) {
                let inner = String(e.key.dropFirst(form.prefix.count))
                reading.bag.error(e.keyLocation, path(e.key),
                                  "unknown key \"\(e.key)\": \(form.prefix)<name> is the CSV column form; in YAML write \(form.key): {\(inner): …}")
                continue
            }
            // A YAML merge key: anchors and aliases are read, `<<` merges are not.
            if e.key == "<<" {
                reading.bag.error(e.keyLocation, path(e.key), "YAML merge keys (<<) are not supported: write the keys out")
                continue
            }
            reading.bag.error(e.keyLocation, path(e.key),
                              "unknown key \"\(e.key)\"\(didYouMean(e.key, allowed)); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let n = required ? requireNode(key, "a text") : node(key) else { return nil }
        return reading.string(n, path(key))
    }

    func identifier(_ key: String, required: Bool = false) -> String? {
        guard let n = required ? requireNode(key, "an id") : node(key) else { return nil }
        return reading.identifier(n, path(key))
    }

    func number(_ key: String, required: Bool = false, min: Double? = 0, max: Double? = nil, integer: Bool = false) -> Double? {
        guard let n = required ? requireNode(key, reading.describeRange(min: min, max: max, integer: integer)) : node(key) else { return nil }
        return reading.number(n, path(key), min: min, max: max, integer: integer)
    }

    func bool(_ key: String) -> Bool? { node(key).flatMap { reading.bool($0, path(key)) } }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = false) -> T? where T.RawValue == String {
        guard let n = required ? requireNode(key, "one of \(T.allCases.map(\.rawValue).joined(separator: ", "))") : node(key) else { return nil }
        return reading.choice(n, path(key), type)
    }

    func strings(_ key: String) -> [String]? { node(key).flatMap { reading.strings($0, path(key)) } }

    func location(_ key: String) -> SourceLocation { map.entry(key)?.value.location ?? map.location }
}

import Foundation

/// Numbers as scenario files write them (`1200`, `-3.5`, `1e6`, `95_000_000`;
/// no `nan`, `inf` or hexadecimal), for front ends that take numbers from
/// users: `--param PATH=LO..HI:N`, `--range LO..HI`, `--set PATH=VALUE`.
public enum NumberSyntax {
    public static func parse(_ text: String) -> Double? {
        Reading.parseNumber(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// `LO..HI` with LO < HI.
    public static func range(_ text: String) -> ClosedRange<Double>? {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let a = parse(parts[0]), let b = parse(parts[1]), a < b else { return nil }
        return a...b
    }
}
