import DiplomaticNetwork

/// The side-by-side table of `dipnet compare`.
public enum ComparisonReport {
    static func show(_ x: Double?, _ unit: Comparison.Metric.Unit, delta: Bool = false) -> String {
        guard let x else { return "–" }
        let shown: String = switch unit {
        case .money, .cases, .km, .caseKm: Fmt.money(x)
        case .share: delta ? String(format: "%.1f pt", x * 100) : Fmt.percent(x)
        // A count of diplomats may hold fractions (a diplomat shared part time: 3.5 read "4").
        case .count: Fmt.figure(x)
        }
        // The sign follows what is shown: solver noise of 1e-13 is 0, not +0.
        let isZero = !shown.contains(where: { ("1"..."9").contains($0) })
        if isZero { return shown.hasPrefix("-") ? String(shown.dropFirst()) : shown }
        return delta && x > 0 ? "+" + shown : shown
    }

    /// Values: one row per figure, one column per variant (baseline first).
    public static func values(_ c: Comparison) -> Table {
        let cur = c.currency.isEmpty ? "" : " (money: \(c.currency) a year)"
        var t = Table(title: "\(c.scenario) — comparison \(c.name)\(cur)",
                      columns: [.init("Figure", .left)] + c.plans.map { .init($0.variant) })
        // An interest worth 0 in every plan compared (the letter's Cuban arguments in a
        // comparison of Bamako) is one line under the table, not a row of zeros each.
        var idle: [String] = []
        for m in c.metrics {
            if isIdle(m, c) {
                idle.append(String(m.key.dropFirst("interests.".count)))
                continue
            }
            t.rows.append([m.label] + c.plans.map { show(m.get($0), m.unit) })
            t.rawRows = (t.rawRows ?? []) + [[m.key] + c.plans.map { m.get($0).map(PlanReport.raw) ?? "" }]
        }
        t.rows.insert(["Status"] + c.plans.map { $0.status }, at: 0)
        t.rawRows!.insert(["status"] + c.plans.map { $0.status }, at: 0)
        if !idle.isEmpty {
            t.notes.append("Worth 0 in every variant compared (not shown): the interests " + idle.joined(separator: ", ") + "."
                           + (c.plans.contains { !$0.hasSolution } ? " A variant without a plan has no value." : ""))
        }
        t.notes += interestNotes(c, leaving: Set(idle))
        // Coverage and unserved cases add every service (an analyst read 2,400 unserved visa
        // applicants as citizens left without help).
        if let services = c.plans.first(where: \.hasSolution)?.services, services.count > 1 {
            t.notes.append("Coverage, unserved cases and cases served from abroad add every service together ("
                           + services.map(\.id).joined(separator: ", ") + "): the rows per service tell them apart.")
        }
        t.notes.append(moneyNote)
        return t
    }

    /// Which money rows are budget money and which are calibrated values: analysts quote
    /// the first as savings and must not quote the second as cash.
    /// (Short lines, so that text tables keep within 100 columns.)
    public static let moneyNote = """
        Budget money, as the scenario's cost inputs state it (as good as the sources the scenario
        gives for them): Cost (running; closing and opening costs spread over the horizon; consular;
        partner fees), Income (fees earned), Cost net of income, the same without one-off costs
        (each year after the horizon, once closing and opening are paid). Calibrated values, not
        cash: Value (presence valued by the criteria's weights and the interests), Unserved
        penalty (cases not served, valued per case). Net benefit = Value + Income − Cost −
        Unserved penalty; its level depends on what the file values, so read the differences
        between variants (below).
        Each figure is rounded on its own, so a total may differ by 1 from the sum of its
        rounded parts.
        """

    /// An interest worth 0 in every plan compared: shown as one note, not as rows.
    static func isIdle(_ m: Comparison.Metric, _ c: Comparison) -> Bool {
        // only plans with a value count (an infeasible variant has none); one must have it
        m.key.hasPrefix("interests.") && c.plans.contains { m.get($0) != nil } && c.plans.allSatisfy { (m.get($0) ?? 0) == 0 }
    }

    /// Each interest's label in full, for the rows that name it by id.
    static func interestNotes(_ c: Comparison, leaving idle: Set<String> = []) -> [String] {
        let labelled = (c.plans.first?.interests ?? []).filter { $0.label != nil && !idle.contains($0.id) }
        guard !labelled.isEmpty else { return [] }
        return ["Interests: " + labelled.map { "\($0.id) = \($0.label!)" }.joined(separator: "; ") + "."]
    }

    /// Differences to the baseline.
    public static func differences(_ c: Comparison) -> Table {
        var t = Table(title: "Difference to \(c.baseline.variant) (each variant minus \(c.baseline.variant))",
                      columns: [.init("Figure", .left)] + c.plans.dropFirst().map { .init($0.variant) })
        let base = c.baseline
        for m in c.metrics where !isIdle(m, c) {
            let b = m.get(base)
            t.rows.append([m.label] + c.plans.dropFirst().map { p in show(m.get(p).flatMap { v in b.map { Fmt.difference(v, $0) } }, m.unit, delta: true) })
            t.rawRows = (t.rawRows ?? []) + [[m.key] + c.plans.dropFirst().map { p in m.get(p).flatMap { v in b.map { PlanReport.raw(v - $0) } } ?? "" }]
        }
        // "−0.5 pt" read as an unknown unit to a fresh analyst.
        if c.metrics.contains(where: { $0.unit == .share && !isIdle($0, c) }) {
            t.notes.append("A share's difference (coverage) is in percentage points (pt).")
        }
        return t
    }

    /// Each variant's effect against the baseline (`compare --effect`), one sign throughout:
    /// + in the variant's favour (money saved, value, income or coverage gained, fewer
    /// cases unserved or rules broken) and − against it (`Comparison.Metric.effect`), so
    /// that a closure's saving reads +, not as a cost that fell. Rows with no better side
    /// (posts, diplomats, cases handled by own posts, from abroad or by partners, distance) keep each
    /// variant minus the baseline and are marked `*`. Money a year, cases a year, shares
    /// in percentage points.
    public static func effects(_ c: Comparison) -> Table {
        let b = c.baseline.variant
        var t = Table(title: "Effect against \(b) (+ in each variant's favour, − against it)",
                      columns: [.init("Figure", .left)] + c.plans.dropFirst().map { .init($0.variant) })
        var unsigned = false
        for m in c.metrics where !isIdle(m, c) {
            let base = m.get(c.baseline)
            let signed = m.better != .none
            unsigned = unsigned || !signed
            t.rows.append([m.label + (signed ? "" : " *")] + c.plans.dropFirst().map { p in
                let v = m.get(p)
                return show(signed ? m.effect(v, against: base) : v.flatMap { x in base.map { Fmt.difference(x, $0) } }, m.unit, delta: true)
            })
            t.rawRows = (t.rawRows ?? []) + [[m.key] + c.plans.dropFirst().map { p in
                let v = m.get(p)
                return (signed ? m.effect(v, against: base) : v.flatMap { x in base.map { x - $0 } }).map(PlanReport.raw) ?? ""
            }]
        }
        let income = c.metrics.contains { $0.key == "income" }
        t.notes.append("+ where the variant gains against \(b): a cost, a penalty, a count of unserved cases or of rules broken that falls; "
                       + "a value\(income ? ", income" : "") or coverage that rises. − where it loses. The rows add up as the figures do, to rounding "
                       + "(each is rounded on its own): net benefit = value\(income ? " + income" : "") − cost − penalty becomes "
                       + "effect on net benefit = effect on value\(income ? " + on income" : "") + on cost + on penalty. "
                       + "Without --effect, compare gives each variant minus \(b) (a cost that falls is negative there).")
        if unsigned {
            t.notes.append("Marked *: no better side (posts, diplomats, cases handled by own posts, from abroad or by partners, distance); "
                           + "each variant minus \(b).")
        }
        if c.metrics.contains(where: { $0.unit == .share && !isIdle($0, c) }) {
            t.notes.append("A share's effect (coverage) is in percentage points (pt).")
        }
        return t
    }

    /// Posts whose decision differs between variants.
    public static func decisions(_ c: Comparison) -> Table {
        var t = Table(title: "Decisions that differ", columns: [.init("Post", .left)] + c.plans.map { .init($0.variant, .left) })
        for (post, ds) in c.differingDecisions {
            t.rows.append([post] + ds.map { $0.map(label) ?? "–" })
        }
        let withPlans = c.plans.contains { !$0.hasSolution } ? "Every variant with a plan" : "Every variant"
        if t.rows.isEmpty { t.notes = ["\(withPlans) takes the same decisions."] }
        // What every variant changes alike is in no row: an analyst read a "keep Havana"
        // that closed two other posts as today's network (only "Posts closed 2" said so).
        let solved = c.plans.filter(\.hasSolution)
        if let first = solved.first {
            func alike(_ d: PostOutcome.Decision) -> [String] {
                first.posts.filter { p in p.decision == d && solved.allSatisfy { $0.posts.first { $0.id == p.id }?.decision == d } }.map(\.id)
            }
            let (closed, opened) = (alike(.closed), alike(.opened))
            func listed(_ ids: [String]) -> String { ids.count <= 20 ? ids.joined(separator: ", ") : ids.prefix(20).joined(separator: ", ") + " and \(ids.count - 20) more" }
            if !closed.isEmpty || !opened.isEmpty {
                t.notes.append("Changed alike in every variant \(solved.count < c.plans.count ? "with a plan" : "compared"), so in no row: "
                               + [closed.isEmpty ? nil : "closed \(listed(closed))", opened.isEmpty ? nil : "opened \(listed(opened))"]
                                   .compactMap { $0 }.joined(separator: "; ") + " (against the network as it stands).")
            }
        }
        return t
    }

    static func label(_ d: PostOutcome.Decision) -> String {
        switch d {
        case .kept: "open"
        case .closed: "closed"
        case .opened: "opened"
        case .notOpened: "not opened"
        }
    }

    /// `compare --country`: in one country, per service, who handles its cases in each plan
    /// (a post with its distance when abroad, `partner:BY`, unserved), and the presence: the
    /// question "who serves the citizens afterwards" in one table.
    public static func countryTable(_ c: Comparison, _ country: String) -> Table {
        let outcomes = c.plans.map { p in p.countries.first { $0.id == country } }
        let name = outcomes.lazy.compactMap { $0?.name }.first
        var t = Table(title: "Who handles the cases in \(country)\(name.flatMap { $0 == country ? nil : " (\($0))" } ?? ""), in each plan (cases a year)",
                      columns: [.init("Service", .left), .init("Demand")] + c.plans.map { .init($0.variant, .left) })
        func cell(_ handled: [(handler: String, cases: Double)], _ unserved: Double, _ o: CountryOutcome) -> String {
            // A few cases keep their decimal (7.9 cases of help read 8).
            func n(_ x: Double) -> String { x < 10 ? Fmt.figure(x, maxDecimals: 1) : Fmt.money(x) }
            let parts = handled.filter { $0.cases > 1e-9 }.map { h in
                "\(h.handler) \(n(h.cases))" + (o.distanceKm[h.handler].map { " (\(Fmt.money($0)) km)" } ?? "")
            } + (unserved > 1e-9 ? ["unserved \(n(unserved))"] : [])
            return parts.isEmpty ? "–" : parts.joined(separator: ", ")
        }
        let first = c.plans.firstIndex { $0.hasSolution }
        let services = first.map { c.plans[$0].services.map(\.id) } ?? []
        if let k = first, let base = outcomes[k] {
            if base.byService.count == services.count, !services.isEmpty {
                for (j, sv) in services.enumerated() where base.byService[j].demand > 0 {
                    t.rows.append([sv, Fmt.figure(base.byService[j].demand, maxDecimals: 1)] + zip(c.plans, outcomes).map { p, o in
                        guard p.hasSolution, let o, j < o.byService.count else { return "no plan" }
                        return cell(o.byService[j].handled, o.byService[j].unserved, o)
                    })
                }
            } else if base.demand > 0 {
                t.rows.append(["cases", Fmt.figure(base.demand, maxDecimals: 1)] + zip(c.plans, outcomes).map { p, o in
                    guard p.hasSolution, let o else { return "no plan" }
                    return cell(o.handled, o.unserved, o)
                })
            }
        }
        t.rows.append(["presence", ""] + zip(c.plans, outcomes).map { p, o in p.hasSolution ? (o?.presence.rawValue ?? "–") : "no plan" })
        t.notes = ["Handlers: a post (its distance from the country's capital when abroad), partner:BY (a partner's offer, e.g. an EU "
                   + "member state's embassy under Directive 2015/637), or unserved. Plans with the same total may route cases "
                   + "differently; every country's rows: dipnet solve FILE --variant V --table flows -f csv."]
        // Which partner is a tie, plan by plan (the same words as `solve`).
        for p in c.plans {
            let ties = p.partnerTies.filter { $0.country == country }
            guard !ties.isEmpty else { continue }
            t.notes.append("In \(p.variant) the partner is a tie, not a finding: " + ties.map { "\($0.service) \($0.chosen.joined(separator: ", ")) "
                + "(\(PlanReport.orList($0.alternatives)) would do as well)" }.joined(separator: "; ") + ".")
        }
        return t
    }

    public static func presence(_ c: Comparison) -> Table {
        var t = Table(title: "Presence that differs", columns: [.init("Country", .left)] + c.plans.map { .init($0.variant, .left) })
        for (country, modes) in c.differingPresence { t.rows.append([country] + modes.map { $0?.rawValue ?? "–" }) }
        if t.rows.isEmpty { t.notes = [c.plans.contains { !$0.hasSolution } ? "Every country keeps the same presence in every variant with a plan." : "Every country keeps the same presence."] }
        return t
    }

    /// The comparison as JSON, with `extra` members at its end (`flips`).
    public static func json(_ c: Comparison, adding extra: [(String, JSONValue)]) -> JSONValue {
        guard case .object(let pairs) = json(c) else { return json(c) }
        return .object(pairs + extra)
    }

    public static func json(_ c: Comparison) -> JSONValue {
        .object([
            ("comparison", .string(c.name)), ("scenario", .string(c.scenario)), ("baseline", .string(c.baseline.variant)),
        ] + (c.baseline.changes.isEmpty ? [] : [("set", .array(c.baseline.changes.map(JSONValue.string)))]) + [
            // The unit of every money figure below (a year, as the plan's JSON says it).
            ("currency", .string(c.baseline.currency)),
            ("variants", .array(c.plans.map { p in
                var o: [(String, JSONValue)] = [("variant", .string(p.variant)), ("status", .string(p.status)), ("gap", .num(p.gap))]
                for m in c.metrics { o.append((m.key, .num(m.get(p)))) }
                o.append(("delta", .object(c.metrics.map { m in
                    (m.key, .num(m.get(p).flatMap { v in m.get(c.baseline).map { Fmt.difference(v, $0) } }))
                })))
                // The same, + in the variant's favour (`Comparison.Metric.effect`), for the
                // figures that have a better side: what `compare --effect` prints.
                o.append(("effect", .object(c.metrics.filter { $0.better != .none }.map { m in
                    (m.key, .num(m.effect(m.get(p), against: m.get(c.baseline))))
                })))
                o.append(("closed", .array(p.closed.map(JSONValue.string))))
                o.append(("opened", .array(p.opened.map(JSONValue.string))))
                // The rules it breaks by name (`rules_violated` counts them): a rule of the
                // file, or a requirement `requires[POST]`, with the plan's sentence; null
                // without a plan, as the count is.
                o.append(("rules_broken", p.hasSolution ? .array(p.violations.map { .object([("rule", .string($0.rule)), ("message", .string($0.message))]) }) : .null))
                return .object(o)
            })),
            // Decisions as the result names them (kept, closed, opened, not_opened), keyed by variant.
            ("decisions_that_differ", .array(c.differingDecisions.map { d in
                .object([("post", .string(d.post)),
                         ("decisions", .object(zip(c.plans, d.decisions).map { ($0.variant, $1.map { .string($0.rawValue) } ?? .null) }))])
            })),
            ("presence_that_differs", .array(c.differingPresence.map { d in
                .object([("country", .string(d.country)),
                         ("presence", .object(zip(c.plans, d.presence).map { ($0.variant, $1.map { .string($0.rawValue) } ?? .null) }))])
            })),
        ])
    }

    public static func render(_ c: Comparison, as format: OutputFormat) -> String {
        switch format {
        case .json: return json(c).stamped("comparison").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            return DataTableCSV.render(TidyTables.comparison(c)[0])
        case .markdown:
            var s = MarkdownRenderer.render(values(c)) + "\n" + MarkdownRenderer.render(c.showsEffects ? effects(c) : differences(c))
            s += "\n" + MarkdownRenderer.render(decisions(c)) + "\n" + MarkdownRenderer.render(presence(c))
            s += c.focusCountries.map { "\n" + MarkdownRenderer.render(countryTable(c, $0)) }.joined()
            return s + "\n" + footnote(c) + "\n"
        case .table:
            var s = TextRenderer.render(values(c)) + "\n" + TextRenderer.render(c.showsEffects ? effects(c) : differences(c))
            s += "\n" + TextRenderer.render(decisions(c)) + "\n" + TextRenderer.render(presence(c))
            s += c.focusCountries.map { "\n" + TextRenderer.render(countryTable(c, $0)) }.joined()
            return s + "\n" + TextRenderer.wrapNote(footnote(c), width: 100) + "\n"
        }
    }

    static func footnote(_ c: Comparison) -> String {
        let statuses = c.plans.map { "\($0.variant): \($0.status)\($0.gap.map { $0 > 0 ? " (gap \(Fmt.percent($0, decimals: 2)))" : "" } ?? "")" }
        var lines = ["Solver status — " + statuses.joined(separator: "; ") + "."]
        if !c.baseline.changes.isEmpty { lines.append("Changed on the command line for every variant: " + c.baseline.changes.joined(separator: ", ") + ".") }
        for p in c.plans where p.diagnosis != nil {
            // Findings are sentences (some end with a full stop): one after the other.
            let sentences = p.diagnosis!.findings.map { m -> String in
                let t = m.message.trimmingCharacters(in: .whitespaces)
                return t.hasSuffix(".") ? t : t + "."
            }
            lines.append("\(p.variant) is infeasible: " + sentences.joined(separator: " "))
        }
        for p in c.plans where !p.violations.isEmpty {
            lines.append("Rules \(p.variant) breaks (\(p.mode == .evaluate ? "checked, not imposed" : "imposed")): "
                         + p.violations.map(\.message).joined(separator: "; ") + ".")
        }
        return lines.joined(separator: "\n")
    }
}
