import DiplomaticNetwork

/// Everything `dipnet solve` prints, in each format.
public enum PlanReport {
    // MARK: JSON (the spec's result object, plus more)

    public static func json(_ p: Plan, includeTiming: Bool = true) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("scenario", .string(p.scenario)), ("variant", .string(p.variant)), ("mode", .string(p.mode.rawValue)),
            ("status", .string(p.status)), ("gap", .num(p.gap)), ("has_solution", .bool(p.hasSolution)),
        ]
        if !p.changes.isEmpty { o.insert(("set", .array(p.changes.map(JSONValue.string))), at: 2) }
        guard p.hasSolution else {
            // The same keys as with a solution: figures null, lists empty, demand (known without solving) a number.
            o += [("net_benefit", .null), ("value", .null), ("penalty", .null), ("cost", .null), ("demand", .number(p.demand)),
                  ("unserved", .null), ("coverage", .null), ("posts", .null), ("countries", .array([])), ("citizen_burden", .null),
                  ("rules", .array([])), ("violations", .array([])), ("currency", .string(p.currency)), ("solver_objective", .null)]
            if p.formatVersion >= 2 {
                o += [("income", .null), ("diplomats", .object([("used", .null), ("max", .num(p.diplomatsMax)), ("margin", .null)])),
                      ("services", .object([])), ("interests", .object([]))]
            }
            if let d = p.diagnosis {
                o.append(("diagnosis", .array(d.findings.map { f in
                    .object([("kind", .string(f.kind)), ("subject", .string(f.subject)), ("message", .string(f.message)),
                             ("amount", .num(f.amount))])
                })))
            }
            if includeTiming { o.append(("solve_seconds", .number(p.solveSeconds))) }
            return .object(o)
        }
        o += [
            ("net_benefit", .number(p.netBenefit)), ("value", .number(p.value)), ("penalty", .number(p.penalty)),
            ("cost", .object(p.cost.parts.map { ($0.key, .number($0.amount)) } + [("total", .number(p.cost.total))])),
            ("demand", .number(p.demand)), ("unserved", .number(p.unserved)), ("coverage", .number(p.coverage)),
            ("posts", .object([
                ("open", .array(p.open.map(JSONValue.string))), ("closed", .array(p.closed.map(JSONValue.string))),
                ("opened", .array(p.opened.map(JSONValue.string))),
            ])),
            ("countries", .array(p.countries.map { c in
                var o: [(String, JSONValue)] = [
                    ("id", .string(c.id)), ("presence", .string(c.presence.rawValue)), ("demand", .number(c.demand)),
                    ("handled", .object(c.handled.map { ($0.handler, .number($0.cases)) })),
                    ("unserved", .number(c.unserved)), ("value", .number(c.value)),
                ]
                if p.formatVersion >= 2 {
                    o.append(("full_value", .number(c.fullValue)))
                    o.append(("handled_by_service", .object(zip(p.services, c.byService).map { sv, cs in
                        (sv.id, .object(cs.handled.map { ($0.handler, .number($0.cases)) }))
                    })))
                    o.append(("demand_by_service", .object(zip(p.services, c.byService).map { ($0.id, .number($1.demand)) })))
                    o.append(("unserved_by_service", .object(zip(p.services, c.byService).map { ($0.id, .number($1.unserved)) })))
                }
                return .object(o)
            })),
            ("citizen_burden", .object([
                ("cases_from_abroad", .number(p.casesFromAbroad)), ("mean_distance_km", .num(p.meanDistanceKm)),
                ("case_km", .number(p.caseKm)),
                ("cases_to_partners", .number(p.casesToPartners)),
            ])),
            ("rules", .array(p.rules.map { r in
                .object([("rule", .string(r.rule)), ("limit", .number(r.limit)), ("actual", .number(r.actual)),
                         ("satisfied", .bool(r.satisfied)), ("message", .string(r.message))])
            })),
            ("violations", .array(p.violations.map { .string("\($0.rule): \($0.message)") })),
            ("currency", .string(p.currency)), ("solver_objective", .num(p.objective)),
        ]
        if p.formatVersion >= 2 { o += version2(p) }
        if includeTiming { o.append(("solve_seconds", .number(p.solveSeconds))) }
        return .object(o)
    }

    /// The keys format version 2 adds (`scenario-format.md`, "Format version 2").
    static func version2(_ p: Plan) -> [(String, JSONValue)] {
        [
            ("income", .number(p.income)),
            ("diplomats", .object([("used", .number(p.diplomatsUsed)), ("max", .num(p.diplomatsMax)),
                                   ("margin", .num(p.diplomatsMax.map { $0 - p.diplomatsUsed }))])),
            ("services", .object(p.services.map { sv in
                (sv.id, .object([("demand", .number(sv.demand)), ("own", .number(sv.own)), ("partners", .number(sv.partners)),
                                 ("unserved", .number(sv.unserved)), ("coverage", .number(sv.coverage)), ("income", .number(sv.income))]))
            })),
            ("interests", .object(p.interests.map { ($0.id, .number($0.value)) })),
        ]
    }

    // MARK: Tables

    static func money(_ x: Double) -> String { Fmt.money(x) }

    public static func header(_ p: Plan) -> String {
        var s = "\(p.scenario) — variant \(p.variant) (\(p.mode.rawValue))\n"
        if !p.changes.isEmpty { s += "Changed on the command line: \(p.changes.joined(separator: ", "))\n" }
        s += "Status: \(statusLine(p))\n"
        return s
    }

    public static func statusLine(_ p: Plan) -> String {
        var s = p.status
        if let g = p.gap, p.status != "optimal" { s += ", gap \(Fmt.percent(g, decimals: 2))" }
        if p.status == "optimal" { s += " (proven)" }
        s += ", solved in \(String(format: "%.2f", p.solveSeconds)) s"
        if !p.solverName.isEmpty { s += " with \(p.solverName)" }
        return s
    }

    /// Net benefit, value, cost by part, coverage, posts: one figure a row.
    public static func summary(_ p: Plan) -> Table {
        let cur = p.currency.isEmpty ? "" : " (\(p.currency) a year)"
        var t = Table(title: nil, columns: [.init("Figure", .left), .init("Amount\(cur)")])
        guard p.hasSolution else {
            t.rows = [["Status", p.status]]
            t.rawRows = [["status", p.status]]
            return t
        }
        var rows: [(String, String, String)] = [
            ("Net benefit", money(p.netBenefit), raw(p.netBenefit)),
            ("Value", money(p.value), raw(p.value)),
            ("Cost", money(p.cost.total), raw(p.cost.total)),
            ("  running", money(p.cost.running), raw(p.cost.running)),
            ("  closing", money(p.cost.closing), raw(p.cost.closing)),
            ("  opening", money(p.cost.opening), raw(p.cost.opening)),
            ("  consular", money(p.cost.consular), raw(p.cost.consular)),
            ("  partner fees", money(p.cost.partnerFees), raw(p.cost.partnerFees)),
            ("Unserved penalty", money(p.penalty), raw(p.penalty)),
        ]
        if p.formatVersion >= 2 {
            let penalty = rows.firstIndex { $0.0 == "Unserved penalty" } ?? rows.count
            rows.insert(("Cost net of income", money(p.cost.total - p.income), raw(p.cost.total - p.income)), at: penalty)
            rows.insert(("Income (fees earned)", money(p.income), raw(p.income)), at: 2)
            let max = p.diplomatsMax.map { " of \(Fmt.figure($0))" } ?? ""
            rows.append(("Diplomats used", Fmt.figure(p.diplomatsUsed) + max,
                         raw(p.diplomatsUsed)))
        }
        rows += [
            ("Demand (cases)", Fmt.money(p.demand), raw(p.demand)),
            ("Unserved (cases)", Fmt.money(p.unserved), raw(p.unserved)),
            ("Coverage", Fmt.percent(p.coverage), raw(p.coverage)),
            ("Posts open", "\(p.open.count)", "\(p.open.count)"),
            ("Posts closed", "\(p.closed.count)", "\(p.closed.count)"),
            ("Posts opened", "\(p.opened.count)", "\(p.opened.count)"),
            ("Cases from abroad", Fmt.money(p.casesFromAbroad), raw(p.casesFromAbroad)),
            ("  mean distance (km)", p.meanDistanceKm.map(Fmt.money) ?? "–", p.meanDistanceKm.map(raw) ?? ""),
            ("  distance (case-km)", Fmt.money(p.caseKm), raw(p.caseKm)),
            ("Cases handled by partners", Fmt.money(p.casesToPartners), raw(p.casesToPartners)),
        ]
        t.rows = rows.map { [$0.0, $0.1] }
        t.rawRows = rows.map { [$0.0, $0.2] }
        return t
    }

    /// Posts whose decision is a change (closed, opened), then forced ones.
    public static func decisions(_ p: Plan) -> Table {
        // The running cost beside the one-off: a journalist read a closed Havana's "Yearly cost"
        // of 92,000 (its closing cost spread over the horizon) as what the post cost.
        var t = Table(title: "Decisions that change the network", columns: [
            .init("Post", .left), .init("Country", .left), .init("Decision", .left), .init("Cases"), .init("Running cost"),
            .init("One-off a year"),
        ])
        for post in p.posts where post.decision == .closed || post.decision == .opened {
            let forced = post.forced.map { " (forced \($0.rawValue))" } ?? ""
            t.rows.append([post.id, post.country, post.decision.rawValue + forced, Fmt.money(post.cases), money(post.runningCost),
                           money(post.oneOffCost)])
            t.rawRows = (t.rawRows ?? []) + [[post.id, post.country, post.decision.rawValue, raw(post.cases), raw(post.runningCost),
                                              raw(post.oneOffCost)]]
        }
        t.notes = t.rows.isEmpty ? ["No post is closed or opened."]
            : ["Running cost: the post's own, a year (saved by a closure, spent by an opening). One-off a year: its closing or opening "
               + "cost divided by horizon_years (paid once, counted in equal shares over the horizon)."]
        return t
    }

    /// Per country: presence, demand, who handles its cases.
    public static func countries(_ p: Plan) -> Table {
        var t = Table(title: "Countries", columns: [
            .init("Country", .left), .init("Presence", .left), .init("Demand"), .init("Unserved"), .init("Value"),
            .init("Handled by", .left),
        ])
        var raws: [[String]] = []
        for c in p.countries {
            let by = c.handled.map { handlerText($0.handler, $0.cases, c) }.joined(separator: ", ")
            t.rows.append([c.id, c.presence.rawValue, Fmt.money(c.demand), Fmt.money(c.unserved), money(c.value), by])
            raws.append([c.id, c.presence.rawValue, raw(c.demand), raw(c.unserved), raw(c.value),
                         c.handled.map { "\($0.handler)=\(raw($0.cases))" }.joined(separator: ";")])
        }
        t.rawRows = raws
        return t
    }

    /// Per service: demand, cases handled by own posts and partners, unserved,
    /// coverage, fee income (format version 2).
    public static func servicesTable(_ p: Plan) -> Table {
        var t = Table(title: "Services", columns: [
            .init("Service", .left), .init("Demand"), .init("Own posts"), .init("Partners"), .init("Unserved"), .init("Coverage"),
            .init("Income"),
        ])
        t.rows = p.services.map { [$0.id, Fmt.money($0.demand), Fmt.money($0.own), Fmt.money($0.partners), Fmt.money($0.unserved),
                                    Fmt.percent($0.coverage), money($0.income)] }
        t.rawRows = p.services.map { [$0.id, raw($0.demand), raw($0.own), raw($0.partners), raw($0.unserved), raw($0.coverage), raw($0.income)] }
        return t
    }

    /// Per interest: the value its line keeps against its value with resident presence.
    public static func interestsTable(_ p: Plan) -> Table {
        var t = Table(title: "Interests (value kept, a year)", columns: [
            .init("Interest", .left), .init("Value kept"), .init("With resident presence"), .init("Label", .left),
        ])
        t.rows = p.interests.map { [$0.id, money($0.value), money($0.fullValue), $0.label ?? ""] }
        t.rawRows = p.interests.map { [$0.id, raw($0.value), raw($0.fullValue), $0.label ?? ""] }
        if p.interests.isEmpty { t.notes = ["The scenario declares no interests."] }
        return t
    }

    /// "PTY 100 (1,611 km)": a handler and its cases, with the distance when it is a post abroad.
    static func handlerText(_ handler: String, _ cases: Double, _ c: CountryOutcome) -> String {
        "\(handler) \(Fmt.money(cases))" + (c.distanceKm[handler].map { " (\(Fmt.money($0)) km)" } ?? "")
    }

    /// Per country and service: demand, who handles the cases, unserved.
    public static func countryServicesTable(_ p: Plan) -> Table {
        var t = Table(title: "Cases by country and service", columns: [
            .init("Country", .left), .init("Service", .left), .init("Demand"), .init("Unserved"), .init("Handled by", .left),
        ])
        var raws: [[String]] = []
        for c in p.countries {
            for (sv, cs) in zip(p.services, c.byService) where cs.demand > 0 {
                t.rows.append([c.id, sv.id, Fmt.money(cs.demand), Fmt.money(cs.unserved),
                               cs.handled.map { handlerText($0.handler, $0.cases, c) }.joined(separator: ", ")])
                raws.append([c.id, sv.id, raw(cs.demand), raw(cs.unserved), cs.handled.map { "\($0.handler)=\(raw($0.cases))" }.joined(separator: ";")])
            }
        }
        t.rawRows = raws
        return t
    }

    public static func rules(_ p: Plan) -> Table? {
        guard !p.rules.isEmpty else { return nil }
        var t = Table(title: p.mode == .evaluate ? "Rules checked (not imposed in evaluate mode)" : "Rules",
                      columns: [.init("Rule", .left), .init("Holds", .left), .init("Detail", .left)])
        t.rows = p.rules.map { [$0.rule, $0.satisfied ? "yes" : "NO", $0.message] }
        return t
    }

    /// Why a variant is infeasible, one finding a line.
    public static func diagnosisText(_ p: Plan) -> String {
        guard let d = p.diagnosis else { return "" }
        if d.findings.isEmpty { return "No rule, forced decision, group or requirement explains the infeasibility alone (\(Fmt.count(d.solves, "elastic solve"))).\n" }
        return "Why no plan exists:\n" + d.findings.map { "  - \($0.message)" }.joined(separator: "\n") + "\n"
    }

    public static func render(_ p: Plan, as format: OutputFormat, table: PlanTable = .summary) -> String {
        switch format {
        case .json:
            return json(p).stamped("result").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            let tables = TidyTables.plan(p)
            return DataTableCSV.render(tables.first { $0.name == table.rawValue } ?? tables[0])
        case .markdown:
            var s = "### \(p.scenario): \(p.variant)\n\nStatus: \(statusLine(p))\n\n"
            if p.diagnosis != nil { s += diagnosisText(p) + "\n" }
            s += MarkdownRenderer.render(summary(p))
            if p.hasSolution {
                s += "\n" + MarkdownRenderer.render(decisions(p))
                if let n = partnerTieNote(p) { s += "\n" + n + "\n" }
                for t in version2Tables(p, table) { s += "\n" + MarkdownRenderer.render(t) }
                if let r = rules(p) { s += "\n" + MarkdownRenderer.render(r) }
                if table == .countries { s += "\n" + MarkdownRenderer.render(countries(p)) }
                if table == .countries || table == .countryServices, p.formatVersion >= 2 { s += "\n" + MarkdownRenderer.render(countryServicesTable(p)) }
                if table == .posts { s += "\n" + MarkdownRenderer.render(postsTable(p)) }
                if let t = extraTable(p, table) { s += "\n" + MarkdownRenderer.render(t) }
            }
            return s
        case .table:
            var s = header(p) + "\n" + (p.diagnosis != nil ? diagnosisText(p) + "\n" : "") + TextRenderer.render(summary(p))
            if p.hasSolution {
                s += "\n" + TextRenderer.render(decisions(p))
                if let n = partnerTieNote(p) { s += "\n" + TextRenderer.wrapNote(n, width: 100) + "\n" }
                for t in version2Tables(p, table) { s += "\n" + TextRenderer.render(t) }
                if let r = rules(p) { s += "\n" + TextRenderer.render(r) }
                if table == .countries { s += "\n" + TextRenderer.render(countries(p)) }
                if table == .countries || table == .countryServices, p.formatVersion >= 2 { s += "\n" + TextRenderer.render(countryServicesTable(p)) }
                if table == .posts { s += "\n" + TextRenderer.render(postsTable(p)) }
                if let t = extraTable(p, table) { s += "\n" + TextRenderer.render(t) }
            }
            return s
        }
    }

    /// The tables of a plan (`TidyTables.plan` names them the same way).
    public enum PlanTable: String, Sendable, CaseIterable {
        case summary, posts, countries, flows, services, interests, rules
        case countryServices = "country_services"
    }

    /// The partner offers the plan chose among equals (`Plan.partnerTies`), in words: "CUB
    /// assistance: ESP (ITA, FRA or DEU would do as well: the same fee, room for the
    /// cases)"; at most 16, the rest counted. Nil without a tie.
    static func partnerTieNote(_ p: Plan) -> String? {
        guard !p.partnerTies.isEmpty else { return nil }
        let shown = p.partnerTies.prefix(16).map { t in
            "\(t.country) \(t.service): \(t.chosen.joined(separator: ", ")) (\(orList(t.alternatives)) would do as well)"
        }
        let more = p.partnerTies.count > 16 ? "; \(p.partnerTies.count - 16) more in the same case" : ""
        return "Partner choice is a tie, not a finding (another offer there charges the same fee a case and has room for the cases; "
            + "the solver's pick among them is arbitrary): " + shown.joined(separator: "; ") + more + "."
    }

    /// "ITA, FRA or DEU".
    static func orList(_ xs: [String]) -> String { xs.count <= 1 ? xs.joined() : xs.dropLast().joined(separator: ", ") + " or " + xs.last! }

    /// Tables shown in text only when asked for: the tidy table as it is.
    static func extraTable(_ p: Plan, _ table: PlanTable) -> Table? {
        guard [.flows, .rules].contains(table) else { return nil }
        return TidyTables.plan(p).first { $0.name == table.rawValue }.map { $0.displayTable() }
    }

    /// The per-service and per-interest tables of a version 2 plan (the
    /// summary shows both; `--table services|interests` one of them).
    static func version2Tables(_ p: Plan, _ table: PlanTable) -> [Table] {
        guard p.formatVersion >= 2 else { return [] }
        switch table {
        case .services: return [servicesTable(p)]
        case .interests: return [interestsTable(p)]
        default: return [servicesTable(p)] + (p.interests.isEmpty ? [] : [interestsTable(p)])
        }
    }

    public static func postsTable(_ p: Plan) -> Table {
        var t = Table(title: "Posts", columns: [
            .init("Post", .left), .init("Country", .left), .init("Decision", .left), .init("Cases"),
            .init("From abroad"), .init("Capacity"), .init("Yearly cost"),
        ])
        for post in p.posts {
            t.rows.append([post.id, post.country, post.decision.rawValue, Fmt.money(post.cases), Fmt.money(post.casesFromAbroad),
                           Fmt.money(post.capacity), money(post.cost)])
            t.rawRows = (t.rawRows ?? []) + [[post.id, post.country, post.decision.rawValue, raw(post.cases),
                                              raw(post.casesFromAbroad), raw(post.capacity), raw(post.cost)]]
        }
        return t
    }

    /// Numbers for CSV: plain, no separators, shortest exact form.
    public static func raw(_ x: Double) -> String { Fmt.plain(x) }
}
