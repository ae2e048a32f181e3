import DiplomaticNetwork

/// The tidy tables of a plan and of a comparison: one row per observation
/// (a figure of a variant, a post in a variant, a country in a variant, a flow
/// of cases), machine names, numbers as numbers. What `--format csv`, `xlsx`
/// and `datapackage` write.
public enum TidyTables {
    static func unit(_ u: Comparison.Metric.Unit, _ currency: String) -> String {
        switch u {
        case .money: currency.isEmpty ? "money a year" : "\(currency) a year"
        case .share: "share"
        case .cases: "cases a year"
        case .count: "count"
        case .km: "km"
        case .caseKm: "case-km a year"
        }
    }

    static func num(_ x: Double?) -> DataTable.Cell { x.map { .number(Fmt.clean($0)) } ?? .empty }

    /// What kind of money a figure is, so that a script does not quote a calibrated value
    /// as a saving: `budget` (costs and fees earned, as the scenario's cost inputs state
    /// them), `calibrated` (presence value, interests, the unserved penalty: valued by the
    /// scenario's weights, not cash), `net` (net benefit: both), empty for other units.
    static func money(_ m: Comparison.Metric) -> DataTable.Cell {
        guard m.unit == .money else { return .empty }
        if m.key == "net_benefit" { return .text("net") }
        if m.key == "income" || m.key.hasPrefix("cost") || m.key.hasSuffix(".income") { return .text("budget") }
        return .text("calibrated")
    }
    static let moneyField = DataTable.Field("money", .string,
                                            "budget (costs, fees earned), calibrated (value, interests, unserved penalty: not cash), net (net benefit), empty when not money")

    // MARK: Plan

    /// `summary` (figure, value, unit), `posts`, `countries`, `flows` (who
    /// handles which cases), and for format version 2 `country_services`,
    /// `services`, `interests`; then `rules`.
    public static func plan(_ p: Plan) -> [DataTable] {
        let metrics = Comparison.all(for: [p])
        var summary = DataTable(name: "summary", title: "\(p.scenario) — \(p.variant): figures", fields: [
            .init("variant", .string), .init("status", .string), .init("figure", .string), .init("value", .number),
            .init("unit", .string, "money a year in the scenario's currency, cases a year, share in [0, 1], count or km"), moneyField,
        ])
        summary.rows = metrics.map { m in [.text(p.variant), .text(p.status), .text(m.key), num(m.get(p)), .text(unit(m.unit, p.currency)), money(m)] }
        summary.rows.append([.text(p.variant), .text(p.status), .text("gap"), num(p.gap), .text("share"), .empty])
        summary.shareRows = Set(metrics.indices.filter { metrics[$0].unit == .share } + [metrics.count])
        summary.moneyRows = Set(metrics.indices.filter { metrics[$0].unit == .money })

        var posts = DataTable(name: "posts", title: "Posts", fields: [
            .init("post", .string), .init("country", .string), .init("decision", .string, "kept, closed, opened or not_opened"),
            .init("open", .boolean), .init("forced", .string, "open or closed when the variant forces it"),
            .init("cases", .number, "cases a year handled"), .init("cases_from_abroad", .number, "cases a year from other countries"),
            .init("capacity", .number, "capacity a year: cases (format version 1) or capacity units (version 2)"),
            .init("capacity_used", .number, "of the capacity, what the plan's cases take: cases a year, or cases times their service's workload"),
            .init("cost", .number, "money a year counted in the plan"),
        ])
        posts.rows = p.posts.map { o in
            [.text(o.id), .text(o.country), .text(o.decision.rawValue), .bool(o.isOpen), o.forced.map { .text($0.rawValue) } ?? .empty,
             num(o.cases), num(o.casesFromAbroad), num(o.capacity), num(o.capacityUsed), num(o.cost)]
        }

        var countries = DataTable(name: "countries", title: "Countries", fields: [
            .init("country", .string), .init("presence", .string, "resident, accredited, represented or none"),
            .init("demand", .number, "cases a year"), .init("unserved", .number, "cases a year"),
            .init("value", .number, "money a year kept"), .init("full_value", .number, "money a year with resident presence"),
        ])
        countries.rows = p.countries.map { c in
            [.text(c.id), .text(c.presence.rawValue), num(c.demand), num(c.unserved), num(c.value), num(c.fullValue)]
        }

        // The cases no one handles are a row too (handler `unserved`): an analyst filtering
        // a country's rows saw Cuba's 1,978 unserved visa files nowhere.
        var flows = DataTable(name: "flows", title: "Who handles the cases (and how many no one does)", fields: [
            .init("country", .string), .init("service", .string, "empty in format version 1 (one kind of case)"),
            .init("handler", .string, "post id, partner:BY for a partner offer (BY: the partner state), or unserved for the cases no one handles"),
            .init("handler_kind", .string, "post, partner or unserved"), .init("cases", .number, "cases a year"),
            .init("distance_km", .number, "km from the country's capital to the post (model.md dist(c,p)); 0 at home, empty for a partner or unserved"),
        ])
        func flow(_ c: CountryOutcome, _ service: DataTable.Cell, _ h: (handler: String, cases: Double)) -> [DataTable.Cell] {
            let partner = h.handler.hasPrefix("partner:")
            return [.text(c.id), service, .text(h.handler), .text(partner ? "partner" : "post"), num(h.cases),
                    partner ? .empty : num(c.distanceKm[h.handler] ?? 0)]
        }
        func unserved(_ c: CountryOutcome, _ service: DataTable.Cell, _ cases: Double) -> [DataTable.Cell] {
            [.text(c.id), service, .text("unserved"), .text("unserved"), num(cases), .empty]
        }
        for c in p.countries {
            if p.formatVersion >= 2 {
                for (sv, cs) in zip(p.services, c.byService) {
                    for h in cs.handled where h.cases > 0 { flows.rows.append(flow(c, .text(sv.id), h)) }
                    if cs.unserved > 0 { flows.rows.append(unserved(c, .text(sv.id), cs.unserved)) }
                }
            } else {
                for h in c.handled where h.cases > 0 { flows.rows.append(flow(c, .empty, h)) }
                if c.unserved > 0 { flows.rows.append(unserved(c, .empty, c.unserved)) }
            }
        }
        var out = [summary, posts, countries, flows]

        if p.formatVersion >= 2 {
            var cs = DataTable(name: "country_services", title: "Cases by country and service", fields: [
                .init("country", .string), .init("service", .string), .init("demand", .number, "cases a year"),
                .init("unserved", .number, "cases a year"),
            ])
            for c in p.countries {
                for (sv, x) in zip(p.services, c.byService) where x.demand > 0 {
                    cs.rows.append([.text(c.id), .text(sv.id), num(x.demand), num(x.unserved)])
                }
            }
            var services = DataTable(name: "services", title: "Services", fields: [
                .init("service", .string), .init("demand", .number, "cases a year"), .init("own", .number, "cases a year handled by own posts"),
                .init("partners", .number, "cases a year handled by partners"), .init("unserved", .number, "cases a year"),
                .init("coverage", .number, "share of demand handled", isShare: true), .init("income", .number, "fees earned, money a year"),
            ])
            services.rows = p.services.map { [.text($0.id), num($0.demand), num($0.own), num($0.partners), num($0.unserved), num($0.coverage), num($0.income)] }
            var interests = DataTable(name: "interests", title: "Interests", fields: [
                .init("interest", .string), .init("value", .number, "money a year kept"),
                .init("full_value", .number, "money a year with resident presence"), .init("label", .string),
            ])
            interests.rows = p.interests.map { [.text($0.id), num($0.value), num($0.fullValue), $0.label.map(DataTable.Cell.text) ?? .empty] }
            out += [cs, services, interests]
        }
        var rules = DataTable(name: "rules", title: "Rules", fields: [
            .init("rule", .string), .init("limit", .number), .init("actual", .number), .init("satisfied", .boolean), .init("message", .string),
        ])
        rules.rows = p.rules.map { [.text($0.rule), num($0.limit), num($0.actual), .bool($0.satisfied), .text($0.message)] }
        out.append(rules)
        return out
    }

    // MARK: Comparison

    /// `figures` (figure, variant, value, delta to the baseline, unit),
    /// `decisions` (every post in every variant, `differs` when not all
    /// variants agree), `presence` (every country in every variant), and for
    /// format version 2 `services` (per service and variant).
    public static func comparison(_ c: Comparison) -> [DataTable] {
        var figures = DataTable(name: "figures", title: "\(c.scenario) — comparison \(c.name)", fields: [
            .init("figure", .string), .init("variant", .string), .init("baseline", .boolean), .init("status", .string),
            .init("value", .number), .init("delta", .number, "value minus the baseline's"),
            .init("unit", .string, "money a year in the scenario's currency, cases a year, share in [0, 1], count or km"), moneyField,
            .init("effect", .number, "the delta with one sign, + in the variant's favour (a cost, penalty or unserved count that falls; "
                  + "a value, income or coverage that rises; fewer rules broken) and − against it; empty for a figure with no better side "
                  + "(posts, diplomats, cases handled by own posts, from abroad or by partners, distance) and where a variant has no plan"),
        ])
        for m in c.metrics {
            let base = m.get(c.baseline)
            for (i, p) in c.plans.enumerated() {
                let v = m.get(p)
                if m.unit == .share { figures.shareRows.insert(figures.rows.count) }
                if m.unit == .money { figures.moneyRows.insert(figures.rows.count) }
                figures.rows.append([.text(m.key), .text(p.variant), .bool(i == 0), .text(p.status), num(v),
                                     num(v.flatMap { x in base.map { Fmt.difference(x, $0) } }), .text(unit(m.unit, c.currency)), money(m),
                                     num(m.effect(v, against: base))])
            }
        }
        let differing = Set(c.differingDecisions.map(\.post))
        var decisions = DataTable(name: "decisions", title: "Decisions", fields: [
            .init("post", .string), .init("country", .string), .init("variant", .string),
            .init("decision", .string, "kept, closed, opened or not_opened; empty when the variant has no plan"),
            .init("open", .boolean), .init("differs", .boolean, "true when not every variant takes the same decision"),
        ])
        let postOrder = c.plans.first(where: \.hasSolution)?.posts.map { ($0.id, $0.country) } ?? []
        for (post, country) in postOrder {
            for p in c.plans {
                let o = p.hasSolution ? p.posts.first { $0.id == post } : nil
                decisions.rows.append([.text(post), .text(country), .text(p.variant), o.map { .text($0.decision.rawValue) } ?? .empty,
                                       o.map { .bool($0.isOpen) } ?? .empty, .bool(differing.contains(post))])
            }
        }
        let differingCountries = Set(c.differingPresence.map(\.country))
        var presence = DataTable(name: "presence", title: "Presence", fields: [
            .init("country", .string), .init("variant", .string),
            .init("presence", .string, "resident, accredited, represented or none; empty when the variant has no plan"),
            .init("value", .number, "money a year kept"), .init("unserved", .number, "cases a year"),
            .init("differs", .boolean, "true when not every variant gives the same presence"),
        ])
        let countryOrder = c.plans.first(where: \.hasSolution)?.countries.map(\.id) ?? []
        for country in countryOrder {
            for p in c.plans {
                let o = p.hasSolution ? p.countries.first { $0.id == country } : nil
                presence.rows.append([.text(country), .text(p.variant), o.map { .text($0.presence.rawValue) } ?? .empty,
                                      num(o?.value), num(o?.unserved), .bool(differingCountries.contains(country))])
            }
        }
        // The comparison as the terminal prints it, for a spreadsheet's reader: one row per
        // figure, one column per variant, then one per difference to the baseline (a new
        // analyst's workbook opened on the long `figures` table and had to pivot it).
        let baseName = c.baseline.variant
        let others = c.plans.filter { $0.variant != baseName }
        // Columns named by the variants in snake_case, as every table's (`keep_havana`,
        // `close_havana_minus_keep_havana`); a name taken already gets `_2`, `_3`.
        var taken: Set<String> = ["figure", "label", "unit", "money"]
        func column(_ text: String) -> String {
            let base = DataTable.snakeCase(text).isEmpty ? "variant" : DataTable.snakeCase(text)
            var name = taken.contains(base) ? "variant_\(base)" : base
            var n = 2
            while taken.contains(name) { name = "\(base)_\(n)"; n += 1 }
            taken.insert(name)
            return name
        }
        let variantColumns = c.plans.map { DataTable.Field(column($0.variant), .number, "the figure in variant \($0.variant)") }
        let differenceColumns = others.map { DataTable.Field(column("\($0.variant) minus \(baseName)"), .number,
                                                             "\($0.variant)'s figure minus the baseline's (\(baseName))") }
        let effectColumns = others.map { DataTable.Field(column("\($0.variant) effect against \(baseName)"), .number,
                                                         "\($0.variant)'s effect against the baseline (\(baseName)), + in its favour and − against it; "
                                                         + "empty for a figure with no better side and where a variant has no plan") }
        var wide = DataTable(name: "side_by_side", title: "\(c.scenario) — comparison \(c.name), side by side", fields:
            [.init("figure", .string), .init("label", .string)] + variantColumns + differenceColumns + effectColumns
            + [.init("unit", .string, "money a year in the scenario's currency, cases a year, share in [0, 1], count or km"), moneyField])
        for m in c.metrics {
            let base = m.get(c.baseline)
            if m.unit == .share { wide.shareRows.insert(wide.rows.count) }
            if m.unit == .money { wide.moneyRows.insert(wide.rows.count) }
            wide.rows.append([.text(m.key), .text(m.label.trimmingCharacters(in: .whitespaces))]
                             + c.plans.map { num(m.get($0)) }
                             + others.map { p in num(m.get(p).flatMap { x in base.map { Fmt.difference(x, $0) } }) }
                             + others.map { p in num(m.effect(m.get(p), against: base)) }
                             + [.text(unit(m.unit, c.currency)), money(m)])
        }
        var out = [figures, decisions, presence]
        if c.plans.contains(where: { $0.formatVersion >= 2 }) {
            var services = DataTable(name: "services", title: "Services", fields: [
                .init("service", .string), .init("variant", .string), .init("demand", .number, "cases a year"),
                .init("own", .number, "cases a year handled by own posts"), .init("partners", .number, "cases a year handled by partners"),
                .init("unserved", .number, "cases a year"), .init("coverage", .number, "share of demand handled", isShare: true),
                .init("income", .number, "fees earned, money a year"),
            ])
            let ids = c.plans.first(where: { $0.hasSolution && $0.formatVersion >= 2 })?.services.map(\.id) ?? []
            for sv in ids {
                for p in c.plans {
                    let o = p.hasSolution ? p.services.first { $0.id == sv } : nil
                    services.rows.append([.text(sv), .text(p.variant), num(o?.demand), num(o?.own), num(o?.partners), num(o?.unserved),
                                          num(o?.coverage), num(o?.income)])
                }
            }
            out.append(services)
        }
        return out + [wide]
    }
}
