import DiplomaticNetwork

public enum CoalitionReport {
    static func m(_ x: Double?) -> String { x.map(Fmt.money) ?? "–" }

    public static func json(_ r: CoalitionResult) -> JSONValue {
        .object([
            ("coalition", .string(r.name)), ("content_hash", r.contentHash.isEmpty ? .null : .string(r.contentHash)),
            ("currency", .string(r.currency)), ("variant", r.variant.map(JSONValue.string) ?? .null),
            ("forced", .array(r.forced.map(JSONValue.string))), ("set", .array(r.changes.map(JSONValue.string))),
            ("status", .string(r.status)), ("gap", .num(r.gap)),
            ("states", .array(r.states.map { s in
                .object([("id", .string(s.id)), ("name", .string(s.name)),
                         ("standalone_net_benefit", .number(s.standalone.netBenefit)), ("joint_net_benefit", .num(s.jointNetBenefit)),
                         ("fees_paid", .number(s.feesPaid)), ("fees_received", .number(s.feesReceived)),
                         ("cases_served_by_partners", .number(s.casesServedByPartners)),
                         ("cases_served_for_partners", .number(s.casesServedForPartners)),
                         ("opened_versus_standalone", .array(s.openedVersusStandalone.map(JSONValue.string))),
                         ("closed_versus_standalone", .array(s.closedVersusStandalone.map(JSONValue.string))),
                         ("open_alone", .array(s.standalone.open.map(JSONValue.string))),
                         ("open_jointly", s.openJointly.map { .array($0.map(JSONValue.string)) } ?? .null),
                         ("alone", figures(s.alone)), ("joint", s.joint.map(figures) ?? .null)])
            })),
            ("standalone_total", .number(r.standaloneTotal)), ("joint_total", .num(r.jointTotal)), ("surplus", .num(r.surplus)),
            ("shared_posts", .array(r.services.map { s in
                .object([("provider", .string(s.provider)), ("post", .string(s.post))] + (s.city.map { [("city", JSONValue.string($0))] } ?? [])
                        + [("client", .string(s.client)),
                         ("country", .string(s.country))] + (s.service.map { [("service", JSONValue.string($0))] } ?? [])
                        + [("cases", .number(s.cases)), ("fee_per_case", .number(s.fee))])
            })),
            ("fair_split", .object(CoalitionResult.SplitRule.allCases.map { rule in
                (rule.rawValue, .array(r.fairSplit(rule).map { .object([("state", .string($0.state)), ("target", .number($0.target)),
                                                                        ("transfer", .number($0.transfer))]) }))
            })),
            ("components", .integer(r.components)), ("solve_seconds", .number(r.solveSeconds)),
            ("split", .string(r.splitNote.map { "the solver's: " + $0 } ?? "by rule")),
            ("flows", .array(flowRows(r).map { f in
                .object([("state", .string(f.state)), ("country", .string(f.country)), ("service", f.service.map(JSONValue.string) ?? .null),
                         ("plan", .string(f.plan)), ("handler", .string(f.handler)), ("handler_kind", .string(f.kind)), ("cases", .number(f.cases))])
            })),
        ])
    }

    /// One handler of one state's cases of one service in one country, in one plan.
    struct FlowRow {
        var state: String, country: String, service: String?
        /// `alone` (the state's standalone plan) or `joint`.
        var plan: String
        /// An own post's id, `partner:BY`, another state's post as `STATE:POST`, or `unserved`.
        var handler: String
        /// `post`, `partner`, `state` (another state's post) or `unserved`.
        var kind: String
        /// Cases a year.
        var cases: Double
    }

    /// Who handles each state's cases, alone and jointly (`StateOutcome.jointCases`): one
    /// row per state, country with demand, service, plan and handler, the unserved cases a
    /// row of their own; states in file order, then countries, services, alone before joint.
    static func flowRows(_ r: CoalitionResult) -> [FlowRow] {
        var rows: [FlowRow] = []
        for st in r.states {
            let p = st.standalone
            for (ci, c) in p.countries.enumerated() where c.demand > 0 {
                for (k, alone) in c.byService.enumerated() where alone.demand > 0 {
                    let service = p.formatVersion >= 2 && k < p.services.count ? p.services[k].id : nil
                    let joint = ci < st.jointCases.count && k < st.jointCases[ci].count ? st.jointCases[ci][k] : nil
                    for (plan, cases) in [("alone", alone), ("joint", joint)] {
                        guard let cases else { continue }
                        for h in cases.handled where h.cases > 0 {
                            let kind = h.handler.hasPrefix("partner:") ? "partner" : h.handler.contains(":") ? "state" : "post"
                            rows.append(FlowRow(state: st.id, country: c.id, service: service, plan: plan, handler: h.handler, kind: kind, cases: h.cases))
                        }
                        if cases.unserved > 0 {
                            rows.append(FlowRow(state: st.id, country: c.id, service: service, plan: plan, handler: "unserved", kind: "unserved", cases: cases.unserved))
                        }
                    }
                }
            }
        }
        return rows
    }

    /// `--country`: per state with cases there, per service, who handles them alone and jointly.
    static func countryTable(_ r: CoalitionResult, _ country: String) -> Table {
        let rows = flowRows(r).filter { $0.country == country }
        let name = r.states.lazy.compactMap { $0.standalone.countries.first { $0.id == country }?.name }.first
        var t = Table(title: "Who handles the cases in \(country)\(name.flatMap { $0 == country ? nil : " (\($0))" } ?? ""), each state alone and jointly (cases a year)",
                      columns: [.init("State", .left), .init("Service", .left), .init("Demand"), .init("Alone", .left), .init("Jointly", .left)])
        func cell(_ rs: [FlowRow]) -> String {
            rs.isEmpty ? "–" : rs.map { "\($0.handler) \(Fmt.grouped($0.cases, decimals: abs($0.cases - $0.cases.rounded()) < 1e-6 ? 0 : 1))" }.joined(separator: ", ")
        }
        for st in r.states {
            guard let c = st.standalone.countries.first(where: { $0.id == country }) else { continue }
            for (k, sc) in c.byService.enumerated() where sc.demand > 0 {
                let service = st.standalone.formatVersion >= 2 && k < st.standalone.services.count ? st.standalone.services[k].id : nil
                let mine = rows.filter { $0.state == st.id && $0.service == service }
                t.rows.append([st.id, service ?? "", Fmt.grouped(sc.demand, decimals: sc.demand == sc.demand.rounded() ? 0 : 1),
                               cell(mine.filter { $0.plan == "alone" }), r.jointTotal == nil ? "no joint plan" : cell(mine.filter { $0.plan == "joint" })])
            }
        }
        // Format version 1: one kind of case, no service column.
        if r.states.allSatisfy({ $0.standalone.formatVersion < 2 }) {
            t.columns.remove(at: 1)
            t.rows = t.rows.map { var row = $0; row.remove(at: 1); return row }
        }
        t.notes = [t.rows.isEmpty ? "No state of the coalition has cases in \(country)."
                   : "Handlers: a post of the state, partner:BY (a partner's offer), STATE:POST (another state's post, under an agreement), "
                     + "or unserved. Plans with the same total may route cases differently; every country's rows: -f csv --table flows."]
        return t
    }

    static func figures(_ f: CoalitionResult.StateOutcome.Figures) -> JSONValue {
        .object([("value", .number(f.value)), ("income", .number(f.income)), ("cost", .number(f.cost)), ("penalty", .number(f.penalty)),
                 ("cost_net_of_income", .number(f.costNetOfIncome))])
    }

    public static func tables(_ r: CoalitionResult) -> [Table] {
        let cur = r.currency.isEmpty ? "" : " (\(r.currency) a year)"
        var states = Table(title: "\(r.name): each state alone and in the coalition\(cur)",
                           columns: [.init("State", .left), .init("Alone"), .init("Joint"), .init("Gain"), .init("Fees paid"),
                                     .init("Fees received"), .init("Closed", .left), .init("Opened", .left)])
        for s in r.states {
            let gain = s.jointNetBenefit.map { $0 - s.standalone.netBenefit }
            states.rows.append([s.id, m(s.standalone.netBenefit), m(s.jointNetBenefit), gain.map { ($0 > 0.5 ? "+" : "") + Fmt.money($0) } ?? "–",
                                m(s.feesPaid), m(s.feesReceived), s.closedVersusStandalone.joined(separator: " "),
                                s.openedVersusStandalone.joined(separator: " ")])
            states.rawRows = (states.rawRows ?? []) + [[s.id, Fmt.plain(s.standalone.netBenefit), s.jointNetBenefit.map(Fmt.plain) ?? "",
                                                        gain.map(Fmt.plain) ?? "", Fmt.plain(s.feesPaid), Fmt.plain(s.feesReceived),
                                                        s.closedVersusStandalone.joined(separator: ";"), s.openedVersusStandalone.joined(separator: ";")]]
        }
        states.rows.append(["Total", m(r.standaloneTotal), m(r.jointTotal), r.surplus.map { ($0 > 0.5 ? "+" : "") + Fmt.money($0) } ?? "–", "", "", "", ""])
        states.rawRows!.append(["total", Fmt.plain(r.standaloneTotal), r.jointTotal.map(Fmt.plain) ?? "", r.surplus.map(Fmt.plain) ?? "", "", "", "", ""])
        states.fields = ["state", "alone", "joint", "gain", "fees_paid", "fees_received", "closed", "opened"]
        states.notes = [(r.variant.map { "Variant \($0). " } ?? "") + (r.forced.isEmpty ? "" : "Forced: \(r.forced.joined(separator: ", ")). ")
                        + (r.changes.isEmpty ? "" : "Set: \(r.changes.joined(separator: ", ")). ")
                        + "Status \(r.status)\(r.gap.map { $0 > 0 ? ", gap \(Fmt.percent($0, decimals: 2))" : "" } ?? "")"
                        + (r.components > 1 ? ", \(r.components) independent groups of states solved apart" : "") + ". "
                        + "Closed/Opened: posts whose decision differs from the state's standalone plan."
                        + (r.forced.allSatisfy { $0.hasSuffix(" (joint only)") } ? "" : " A forced decision holds alone as jointly: each state's Alone is its optimum under "
                           + "the forced decisions, so a gain here is not against its plan with those posts free (compare runs "
                           + "by their totals, or give each state's free standalone figure from a run without the force).")
                        + (r.forced.contains { $0.hasSuffix(" (joint only)") } ? " A decision forced jointly only (--force-joint) leaves each "
                           + "state's plan alone free, and individual rationality holds the joint plan to those." : ""),
                       r.jointTotal == nil ? "" : r.splitNote.map { "Joint split between the states: the solver's, not the rule's (\($0)); plans with the same total split it otherwise." }
                        ?? "Joint split between the states: by rule, the fewest cases at another state's post, then the gains as even as the plan allows (docs/coalition-format.md)."]
        states.notes.removeAll { $0.isEmpty }
        // Long lists are cut in the terminal's column: each in full below (markdown and CSV keep them whole).
        for st in r.states {
            for (what, list) in [("closes", st.closedVersusStandalone), ("opens", st.openedVersusStandalone)] where list.joined(separator: " ").count > 20 {
                states.notes.append("\(st.id) \(what) jointly, against its plan alone (\(list.count)): \(list.joined(separator: " ")).")
            }
        }
        // What each state's network costs its budget, alone and in the coalition.
        var budget = Table(title: "Each state's budget: cost, income and value alone and jointly\(cur)",
                           columns: [.init("State", .left), .init("Cost alone"), .init("Cost jointly"), .init("Income alone"), .init("Income jointly"),
                                     .init("Saved"), .init("Value alone"), .init("Value jointly")])
        for s in r.states {
            let a = s.alone, j = s.joint
            let saved = j.map { a.costNetOfIncome - $0.costNetOfIncome }
            budget.rows.append([s.id, m(a.cost), m(j?.cost), m(a.income), m(j?.income), m(saved), m(a.value), m(j?.value)])
            budget.rawRows = (budget.rawRows ?? []) + [[s.id, Fmt.plain(a.cost), j.map { Fmt.plain($0.cost) } ?? "", Fmt.plain(a.income),
                                                        j.map { Fmt.plain($0.income) } ?? "", saved.map(Fmt.plain) ?? "", Fmt.plain(a.value),
                                                        j.map { Fmt.plain($0.value) } ?? ""]]
        }
        budget.fields = ["state", "cost_alone", "cost_joint", "income_alone", "income_joint", "saved", "value_alone", "value_joint"]
        budget.notes = ["Saved: the fall in cost net of income (what the network costs the budget). A state's joint cost includes the fees "
                        + "it pays and the handling of cases its posts take for others; its income, the fees it receives. Alone: the "
                        + "state's own optimum, not the network as it stands."]
        var shared = Table(title: "Where posts are shared", columns: [.init("Post", .left), .init("City", .left), .init("Country", .left), .init("Serves", .left),
                                                                      .init("Cases"), .init("Fee a case"), .init("Fees")])
        // Under half a case a year: a split of an optimum that is not unique, not a shared post (JSON keeps them).
        let tiny = r.services.filter { $0.cases < 0.5 }.count
        for s in r.services.sorted(by: { ($0.country, $0.provider, $0.client) < ($1.country, $1.provider, $1.client) }) {
            if s.cases >= 0.5 {
                shared.rows.append(["\(s.provider):\(s.post)", s.city ?? "", s.country, s.client + (s.service.map { " (\($0))" } ?? ""),
                                    Fmt.money(s.cases), Fmt.money(s.fee), Fmt.money(s.fee * s.cases)])
            }
            // Machine-read tables keep every flow: they add up to the JSON's.
            shared.rawRows = (shared.rawRows ?? []) + [[s.provider, s.post, s.city ?? "", s.country, s.client, s.service ?? "", Fmt.plain(s.cases),
                                                        Fmt.plain(s.fee), Fmt.plain(s.fee * s.cases)]]
        }
        shared.fields = ["provider", "post", "city", "country", "client", "service", "cases", "fee_per_case", "fees"]
        if tiny > 0 { shared.notes = ["\(tiny) flow(s) under half a case a year left out here (kept in the JSON, CSV and spreadsheet outputs)."] }
        if shared.rawRows == nil { shared.rawRows = [] }
        if shared.rows.isEmpty { shared.notes = ["No state handles another's cases in the joint plan."] }
        var flows = Table(title: "Fees between states\(cur)", columns: [.init("Paid by", .left), .init("To", .left), .init("Amount")])
        var pairs: [String: Double] = [:]
        for s in r.services { pairs["\(s.client)→\(s.provider)", default: 0] += s.fee * s.cases }
        for (k, v) in pairs.sorted(by: { $0.key < $1.key }) {
            let p = k.components(separatedBy: "→")
            flows.rows.append([p[0], p[1], Fmt.money(v)])
            flows.rawRows = (flows.rawRows ?? []) + [[p[0], p[1], Fmt.plain(v)]]
        }
        flows.fields = ["paid_by", "paid_to", "amount"]
        if flows.rawRows == nil { flows.rawRows = [] }
        var split = Table(title: "Sharing the surplus: targets and the side payments that reach them",
                          columns: [.init("State", .left), .init("Equal: target"), .init("payment"), .init("By standalone cost: target"), .init("payment")])
        let eq = r.fairSplit(.equal), pc = r.fairSplit(.standaloneCost)
        for (a, b) in zip(eq, pc) {
            split.rows.append([a.state, Fmt.money(a.target), Fmt.money(a.transfer), Fmt.money(b.target), Fmt.money(b.transfer)])
            split.rawRows = (split.rawRows ?? []) + [[a.state, Fmt.plain(a.target), Fmt.plain(a.transfer), Fmt.plain(b.target), Fmt.plain(b.transfer)]]
        }
        split.fields = ["state", "equal_target", "equal_payment", "by_standalone_cost_target", "by_standalone_cost_payment"]
        split.notes = ["A positive payment is received from the other states; payments sum to zero."]
        return [states, budget, shared, flows, split]
    }

    /// The `flows` table (every state's cases, alone and jointly; `flowRows`).
    static func flowsTable(_ r: CoalitionResult) -> DataTable {
        var t = DataTable(name: "flows", title: "Who handles each state's cases, alone and jointly (and how many no one does)", fields: [
            .init("state", .string), .init("country", .string), .init("service", .string, "empty in format version 1 (one kind of case)"),
            .init("plan", .string, "alone (the state's own optimum) or joint"),
            .init("handler", .string, "the state's post id, partner:BY for a partner offer, STATE:POST for another state's post, or unserved"),
            .init("handler_kind", .string, "post, partner, state or unserved"), .init("cases", .number, "cases a year"),
        ])
        t.rows = flowRows(r).map { f in
            [.text(f.state), .text(f.country), f.service.map(DataTable.Cell.text) ?? .empty, .text(f.plan), .text(f.handler), .text(f.kind), .number(f.cases)]
        }
        return t
    }

    public static func render(_ r: CoalitionResult, as format: OutputFormat) -> String {
        switch format {
        case .json: return json(r).stamped("coalition").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(dataTables(r)[0])
        case .markdown: return (tables(r) + r.focusCountries.map { countryTable(r, $0) }).map(MarkdownRenderer.render).joined(separator: "\n")
        case .table: return (tables(r) + r.focusCountries.map { countryTable(r, $0) }).map { TextRenderer.render($0) }.joined(separator: "\n")
        }
    }

    /// `states`, `budgets`, `shared_posts`, `fees`, `surplus_split`, `flows`.
    public static func dataTables(_ r: CoalitionResult) -> [DataTable] {
        zip(["states", "budgets", "shared_posts", "fees", "surplus_split"], tables(r)).map { $1.data($0) } + [flowsTable(r)]
    }

    /// `dipnet coalition --tipping`: the sentence, the scan and the bracket, as a table or JSON.
    public static func renderTipping(_ t: CoalitionTippingResult, as format: OutputFormat) -> String {
        func point(_ p: CoalitionTippingResult.Point) -> JSONValue {
            .object([("value", .value(p.value)), ("open", p.open.map(JSONValue.bool) ?? .null), ("joint_total", .num(p.jointTotal)),
                     ("status", .string(p.status))])
        }
        if format == .json {
            return JSONValue.object([
                ("kind", .string("coalition-tipping")), ("coalition", .string(t.coalition)), ("parameter", .string(t.parameter)),
                ("post", .string(t.post)), ("current", .value(t.current)), ("range", .array([.value(t.range.lowerBound), .value(t.range.upperBound)])),
                ("tolerance", .value(t.tolerance)), ("sentence", .string(t.sentence)),
                ("below", t.below.map(point) ?? .null), ("above", t.above.map(point) ?? .null),
                ("threshold", .value(t.threshold)), ("threshold_method", t.below == nil ? .null : .string(t.crossing != nil ? "crossing" : t.latticeEdge != nil ? "lattice" : "middle")),
                ("more_flips", .integer(t.moreFlips)),
                ("ties", .array(t.ties.map { .object([("value", .value($0.value)), ("lead", .number($0.lead))]) })),
                ("scan", .array(t.scan.map(point))), ("solves", .integer(t.solves)),
            ]).stamped("coalition-tipping").serialized() + "\n"
        }
        let rows = (t.scan + [t.below, t.above].compactMap { $0 }).sorted { $0.value < $1.value }
        var seen = Set<Double>()
        let unique = rows.filter { seen.insert($0.value).inserted }
        // Up to four decimals, as few as write every value (a diplomat lattice's halves read
        // "1.5", not "1.5000").
        let powers: [Double] = [1, 10, 100, 1000, 10000]
        let places = powers.indices.first { k in
            (unique.map(\.value) + [t.tolerance]).allSatisfy { x in let m = x * powers[k]; return abs(m - m.rounded()) <= 1e-9 * max(1, abs(m)) }
        } ?? 4
        func usual(_ x: Double) -> String { Fmt.grouped(x, decimals: x == x.rounded() ? 0 : abs(x) >= 100 ? min(1, places) : places) }
        // Values the usual four decimals cannot tell apart, or show as 0 (a scan of 0..2e-9
        // read "0.0000" on every row), get the significant digits that can.
        func readsZero(_ x: Double, _ text: String) -> Bool { x != 0 && text.allSatisfy { "-0.,".contains($0) } }
        var shown = unique.map { usual($0.value) }
        if Set(shown).count < shown.count || zip(unique, shown).contains(where: { readsZero($0.value, $1) }) {
            shown = Fmt.distinct(unique.map(\.value))
        }
        func current(_ x: Double) -> String { readsZero(x, usual(x)) ? Fmt.distinct([x])[0] : usual(x) }
        var scan = Table(title: "Scan of \(t.parameter) (value now \(t.current.map(current) ?? "unset")): \(t.post) in the joint plan",
                         columns: [.init("Value"), .init(t.post, .left), .init("Joint total"), .init("Status", .left)])
        for (p, text) in zip(unique, shown) {
            let mark = p.value == t.below?.value || p.value == t.above?.value ? " ◂ bracket" : ""
            scan.rows.append([text, (p.open.map { $0 ? "open" : "closed" } ?? "no plan") + mark, p.jointTotal.map(Fmt.money) ?? "–", p.status])
        }
        return t.sentence + "\n\n" + TextRenderer.render(scan) + "\n\(t.solves) joint solves (each with the standalone plans); bracket tolerance \(current(t.tolerance)).\n"
    }

    // MARK: Simulation

    /// `dipnet coalition FILE --simulate`: per variant, how often the file's joint plan
    /// holds, the combinations of the `--posts` decisions, the surplus and each state's
    /// share of it (standalone-cost split), the posts whose joint decision depends on the
    /// draw, and each variant against the first in the same draws; CSV gives one row per
    /// draw and variant.
    static func simulationVariantJSON(_ v: CoalitionSimulation.VariantSummary) -> JSONValue {
        let stats = AnalysisReport.statsJSON
        let failures: [JSONValue] = v.failures.map { .object([("reason", .string($0.reason)), ("draws", .integer($0.draws))]) }
        var filePlan = JSONValue.null
        if let r = v.filePlan {
            let open: [JSONValue] = r.states.flatMap { st in (st.openJointly ?? []).map { JSONValue.string("\(st.id):\($0)") } }
            filePlan = .object([("status", .string(r.status)), ("joint_total", .num(r.jointTotal)), ("surplus", .num(r.surplus)),
                                ("open_jointly", .array(open))])
        }
        let outcomes: [JSONValue] = v.outcomes.map { .object([("open", .array($0.open.map(JSONValue.string))), ("draws", .integer($0.draws))]) }
        let gains: [(String, JSONValue)] = v.gains.map { ($0.state, stats($0.stats)) }
        let posts: [JSONValue] = v.posts.map { p in
            .object([("post", .string(p.post)), ("open_in_file_plan", p.openInFilePlan.map(JSONValue.bool) ?? .null),
                     ("share_open", .number(p.shareOpen)),
                     ("drivers", .array(p.drivers.map { x in .object([("input", .string(x.input)), ("rank_correlation", .number(x.rankCorrelation))]) }))])
        }
        return .object([
            ("variant", .string(v.variant)), ("draws", .integer(v.draws)), ("planned", .integer(v.planned)),
            ("unproven", .integer(v.unproven)), ("failures", .array(failures)), ("file_plan", filePlan),
            ("file_plan_error", v.filePlanError.map(JSONValue.string) ?? .null),
            ("file_plan_holds", .integer(v.filePlanHolds)), ("outcomes", .array(outcomes)),
            ("surplus", stats(v.surplus)), ("joint_total", stats(v.jointTotal)), ("gains", .object(gains)),
            ("least_plan_gain", .num(v.leastPlanGain)), ("posts", .array(posts)),
        ])
    }

    public static func renderSimulation(_ s: CoalitionSimulation, as format: OutputFormat, dialect: CSVDialect = .standard) -> String {
        typealias A = AnalysisReport
        let states = s.states
        let money = s.currency.isEmpty ? "money" : s.currency
        func stats(_ x: SimulationSummary.Stats?) -> JSONValue { A.statsJSON(x) }
        switch format {
        case .json:
            return JSONValue.object([
                ("kind", .string("coalition-simulation")), ("coalition", .string(s.coalition)),
                ("states", .array(s.states.map(JSONValue.string))), ("currency", .string(s.currency)),
                ("content_hash", s.contentHash.isEmpty ? .null : .string(s.contentHash)),
            ] + (s.changes.isEmpty ? [] : [("set", .array(s.changes.map(JSONValue.string)))])
              + (s.held.isEmpty ? [] : [("not_drawn", .object(s.held.map { ($0, .array([.string("--set")])) }))])
              + (s.stated.isEmpty ? [] : [("stated_not_drawn", .array(s.stated.map(JSONValue.string)))])
              + (s.inert.isEmpty ? [] : [("inert", .object(s.inert.sorted { $0.key < $1.key }.map { ($0, .array($1.map(JSONValue.string))) }))]) + [
                ("seed", .integer(s.seed)), ("draws", .integer(s.draws)), ("interrupted", .bool(s.interrupted)),
                ("parameters", .array(zip(s.parameters, s.distributions).map { .object([("name", .string($0)), ("distribution", .string($1))]) })),
                ("posts", .array(s.focus.map(JSONValue.string))),
                ("variants", .array(s.variants.map(simulationVariantJSON))),
                ("differences", .array(s.differences.map { d in
                    .object([("variant", .string(d.variant)), ("against", .string(d.against)), ("paired", .integer(d.paired)),
                             ("joint_total", stats(d.stats)), ("ahead", .number(d.ahead))])
                })),
                ("records", .array(s.records.map { d in
                    .object([("draw", .integer(d.draw)), ("variant", .string(d.variant)), ("status", .string(d.status)),
                             ("joint_total", .num(d.jointTotal)), ("standalone_total", .num(d.standaloneTotal)), ("surplus", .num(d.surplus)),
                             ("gains", .object(states.map { ($0, .num(d.gains[$0])) })),
                             ("plan_gains", .object(states.map { ($0, .num(d.planGains[$0])) })),
                             ("open_jointly", .array(d.openJointly.map(JSONValue.string))),
                             ("drawn", .object(s.parameters.compactMap { p in d.drawn[p].map { (p, JSONValue.number($0)) } })),
                             ("error", d.error.map(JSONValue.string) ?? .null)])
                })),
            ]).stamped("coalition-simulation").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            // One column per drawn value (wildcards draw one per item and are not listed);
            // a factor on the file's value says so.
            let listed = zip(s.parameters, s.distributions).filter { !$1.hasSuffix(", each item on its own") && !s.held.contains($0) }
            let headers = ["draw", "variant", "status", "joint_total", "standalone_total", "surplus"]
                + states.map { "share_\($0)" } + states.map { "plan_gain_\($0)" } + s.focus + ["open_jointly"]
                + listed.map { $1.hasPrefix("× ") && !$0.hasPrefix("shock:") ? "\($0) (factor)" : $0 } + ["error"]
            var t = Table(title: "draws", columns: headers.map { .init($0) })
            t.fields = headers
            t.rows = s.records.map { d in
                ["\(d.draw)", d.variant, d.status, A.raw(d.jointTotal), A.raw(d.standaloneTotal), A.raw(d.surplus)]
                    + states.map { A.raw(d.gains[$0]) } + states.map { A.raw(d.planGains[$0]) }
                    + s.focus.map { p in d.jointTotal == nil ? "" : d.openJointly.contains(p) ? "open" : "closed" }
                    + [d.openJointly.joined(separator: " ")]
                    + listed.map { A.raw(d.drawn[$0.0]) } + [d.error ?? ""]
            }
            return DataTableCSV.render(DataTable(name: "draws", t), dialect: dialect)
        case .table, .markdown:
            func render(_ t: Table, width: Int = 100) -> String { format == .markdown ? MarkdownRenderer.render(t) : TextRenderer.render(t, width: width) }
            var out = "Simulation of \(s.coalition): \(Fmt.count(s.draws, "draw")) (seed \(s.seed))"
                + (s.interrupted ? ", interrupted: \(Fmt.count(s.variants.first?.draws ?? 0, "draw")) solved" : "")
                + "; each draw plans every state alone and the coalition jointly again. Money in \(money) a year.\n"
            if !s.changes.isEmpty { out += "Changed before the draws: --set \(s.changes.joined(separator: " --set ")).\n" }
            var drawn = Table(title: "What was drawn (× : a factor on the file's value)", columns: [.init("Input", .left), .init("Distribution", .left)])
            drawn.rows = zip(s.parameters, s.distributions).map { [$0, $1] }
            if !drawn.rows.isEmpty { out += "\n" + render(drawn) }
            if !s.held.isEmpty {
                out += "Not drawn where --set sets it, so the value set holds in every draw: \(s.held.joined(separator: ", ")). "
                    + "A relative draw still multiplies such a value.\n"
            }
            if !s.stated.isEmpty {
                out += "Stated but not drawn (draw: false): \(s.stated.joined(separator: ", ")). --margins tests flips against these ranges; "
                    + "a coalition's simulation does not draw them.\n"
            }
            for v in s.variants {
                let failed = v.draws - v.planned
                if v.draws == 0 {
                    out += "\nVariant \(v.variant): no draw finished before the stop.\n"
                    continue
                }
                out += "\nVariant \(v.variant): \(v.planned) of \(Fmt.count(v.draws, "draw")) planned jointly"
                    + (v.unproven > 0 ? "; \(v.unproven) only to a gap (a time limit), so their decisions may differ from the optimum's" : "") + ".\n"
                if failed > 0 {
                    out += "\(Fmt.count(failed, "draw")) without a joint plan: "
                        + v.failures.prefix(3).map { "\($0.reason) (\($0.draws))" }.joined(separator: "; ")
                        + (v.failures.count > 3 ? "; …" : "") + (v.planned > 0 ? ". The figures below leave them out.\n" : ".\n")
                }
                guard v.planned > 0 else {
                    if let f = v.filePlan, f.jointTotal != nil { out += "The joint plan at the file's values has a surplus of \(m(f.surplus)).\n" }
                    continue
                }
                if let f = v.filePlan, f.jointTotal != nil {
                    out += "The joint plan at the file's values\(s.changes.isEmpty ? "" : " after --set") (surplus \(m(f.surplus))) holds, every post as it decides, in "
                        + "\(v.filePlanHolds) of \(v.planned) (\(Fmt.percent(Double(v.filePlanHolds) / Double(v.planned)))).\n"
                } else {
                    out += "The file's own values have no joint plan (\(v.filePlanError ?? "no plan")): the draws are not compared with it.\n"
                }
                if !s.focus.isEmpty {
                    var o = Table(title: "Joint decisions on \(s.focus.joined(separator: ", ")) (--posts)",
                                  columns: s.focus.map { .init($0, .left) } + [.init("Draws"), .init("Share")])
                    o.rows = v.outcomes.map { oc in s.focus.map { oc.open.contains($0) ? "open" : "closed" } + ["\(oc.draws)", Fmt.percent(Double(oc.draws) / Double(v.planned))] }
                    out += "\n" + render(o)
                }
                var t = Table(title: "Surplus and each state's share of it (standalone-cost split), \(money) a year",
                              columns: [.init("", .left), .init("Mean"), .init("P5"), .init("Median"), .init("P95"), .init("Min")])
                func row(_ name: String, _ x: SimulationSummary.Stats?) -> [String] {
                    [name, A.opt(x?.mean, Fmt.money), A.opt(x?.p5, Fmt.money), A.opt(x?.p50, Fmt.money), A.opt(x?.p95, Fmt.money), A.opt(x?.min, Fmt.money)]
                }
                t.rows = [row("Coalition surplus", v.surplus)] + v.gains.map { row("Share of \($0.state)", $0.stats) }
                // Individual rationality: no plan gain below zero beyond GLPK's tolerance (about 1e-6 of the figures).
                let least = v.leastPlanGain ?? 0
                let scale = max(1, abs(v.jointTotal?.max ?? 0))
                t.notes = ["Shares: each state's part of the surplus if it is split in proportion to standalone cost (the report's fair split); "
                           + "the joint plan itself may split it otherwise, among plans with the same total (plan_gain in -f csv and json).",
                           least >= -1e-3 - 1e-6 * scale
                           ? "Individual rationality holds in every joint plan: no state's joint net benefit is below its standalone one"
                             + (least <= -0.005 ? " by more than \(Fmt.grouped(-least, decimals: 2)) (the solver's tolerance)." : ".")
                           : "A state's joint net benefit falls \(Fmt.money(-least)) below its standalone one in some draw: individual rationality does not hold there (see -f csv).",
                           "P5, median and P95 interpolate linearly between the sorted draws."]
                out += "\n" + render(t)
                let cap = 25
                if v.posts.isEmpty {
                    out += "\nEvery post is open in all planned draws or in none" + (v.filePlan == nil ? ".\n" : ", as in the file's plan.\n")
                } else {
                    // The most uncertain first: the share open nearest one half.
                    let sorted = v.posts.sorted { (abs($0.shareOpen - 0.5), $0.post) < (abs($1.shareOpen - 0.5), $1.post) }
                    var p = Table(title: "Posts whose joint decision depends on the draw, the most uncertain first",
                                  columns: [.init("Post", .left), .init("In the file's plan", .left), .init("Open in % of planned draws"),
                                            .init("Moves most with (rank correlation with being open)", .left)])
                    p.rows = sorted.prefix(cap).map { [$0.post, $0.openInFilePlan.map { $0 ? "open" : "closed" } ?? "–", Fmt.percent($0.shareOpen),
                                                       $0.drivers.prefix(2).map { "\($0.input) \(String(format: "%+.2f", $0.rankCorrelation))" }.joined(separator: ", ")] }
                    p.notes = ["Moves most with: the drawn inputs most correlated with the post being open jointly (Spearman; > 0: a higher draw keeps it open more often); one input at a time, not a proof of cause."]
                    let inert = s.inert.filter { $0.value.contains(v.variant) }.keys.sorted()
                    if !inert.isEmpty {
                        p.notes.append("Not ranked, as no draw of them can move this variant (a relative draw of a value that is 0, one a later draw replaces, "
                                       + "the share of an interest no country values or draws): " + inert.prefix(6).joined(separator: ", ")
                                       + (inert.count > 6 ? " and \(inert.count - 6) more (every one in -f json, inert)" : "") + ".")
                    }
                    if sorted.count > cap { p.notes.append("… and \(sorted.count - cap) more (-f json or csv lists every post).") }
                    out += "\n" + render(p, width: 160)
                }
            }
            if !s.differences.isEmpty {
                var d = Table(title: "Coalition total against \(s.differences[0].against) in the same draw, \(money) a year",
                              columns: [.init("Variant", .left), .init("Paired draws"), .init("Mean"), .init("P5"), .init("Median"), .init("P95"), .init("Ahead in")])
                d.rows = s.differences.map { x in
                    [x.variant, "\(x.paired)", A.opt(x.stats?.mean, Fmt.money), A.opt(x.stats?.p5, Fmt.money), A.opt(x.stats?.p50, Fmt.money),
                     A.opt(x.stats?.p95, Fmt.money), Fmt.percent(x.ahead)]
                }
                out += "\n" + render(d)
            }
            return out
        }
    }

    // MARK: Margins

    /// `dipnet coalition FILE --margins STATE:POST`: per input of the uncertainty section,
    /// the flip of the post's joint decision nearest the value now, nearest first.
    public static func renderMargins(_ r: CoalitionMarginsResult, as format: OutputFormat) -> String {
        func decision(_ b: Bool?) -> JSONValue { b.map(JSONValue.bool) ?? .null }
        if format == .json {
            return JSONValue.object([
                ("kind", .string("coalition-margins")), ("coalition", .string(r.coalition)), ("post", .string(r.post)),
                ("open_now", decision(r.openNow)),
            ] + (r.changes.isEmpty ? [] : [("set", .array(r.changes.map(JSONValue.string)))]) + [
                ("sentence", .string(r.sentence)),
                ("inputs", .array(r.rows.map { row in
                    .object([("input", .string(row.input)), ("current", .num(row.current)),
                             ("searched", .array([.number(row.searched.lowerBound), .number(row.searched.upperBound)])),
                             ("flips_at", .num(row.flipsAt)),
                             ("bracket", row.bracket.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                             ("relative_change", .num(row.relativeChange)), ("open_above", decision(row.openAbove)),
                             ("chance_beyond", .num(row.chanceBeyond)), ("stated_drawn", row.statedDrawn.map(JSONValue.bool) ?? .null),
                             ("more_flips", .integer(row.moreFlips)), ("ties", .array(row.ties.map(JSONValue.number))),
                             ("solves", .integer(row.solves)),
                             ("without_plan", .array(row.withoutPlan.map(JSONValue.number))),
                             ("from_param", .bool(row.fromParam)),
                             ("error", row.error.map(JSONValue.string) ?? .null)])
                })),
            ]).stamped("coalition-margins").serialized() + "\n"
        }
        let v = CoalitionMarginsResult.shown
        var t = Table(title: "Inputs of the uncertainty section, one at a time: where \(r.post)'s joint decision flips (nearest first)",
                      columns: [.init("Input", .left), .init("Now"), .init("Searched", .left), .init("Flips between", .left), .init("Change"),
                                .init("Above the flip", .left), .init("Share beyond"), .init("Other flips")])
        t.rows = r.rows.map { row -> [String] in
            let now: String = row.current.map(v) ?? "unset"
            let searched = "\(v(row.searched.lowerBound))–\(v(row.searched.upperBound))"
            // ends that round alike get the digits that tell them apart
            let between: String = row.bracket.map { b in
                v(b.lowerBound) == v(b.upperBound) && abs(b.lowerBound) < 1000
                    ? String(format: "%.6g–%.6g", b.lowerBound, b.upperBound) : "\(v(b.lowerBound))–\(v(b.upperBound))"
            }.map { row.ties.isEmpty ? $0 : $0 + " (tie)" } ?? (row.error != nil ? "not scanned" : row.withoutPlan.isEmpty ? "none found" : "none found where planned")
            let change: String = row.relativeChange.map { "\($0 >= 0 ? "+" : "−")\(Fmt.percent(abs($0)))" } ?? "–"
            let above: String = row.openAbove.map { $0 ? "open" : "closed" } ?? "–"
            let beyond: String = row.chanceBeyond.map { Fmt.percent($0) } ?? "–"
            return [row.input, now, searched, between, change, above, beyond, row.moreFlips > 0 ? "\(row.moreFlips)" : ""]
        }
        t.notes = ["Each input is scanned over the range its distribution draws (× the value now for a factor), widened to its value now, the standalone and joint plans solved again at every value "
                   + "(nine evenly spaced values: two flips within one step are not seen, so \"none found\" is not a proof that none exists; a count or a diplomat figure at every value of its lattice when the range holds at most \(Tipping.latticeScanLimit)); "
                   + "the flip nearest the value now is bisected to 1/2000 of the range (on a lattice, to neighbouring values). "
                   + "Change: from the value now to the flip, where the best joint plans with and without the post are worth the same (for a count or a diplomat figure, on its lattice: the bracket's end that decides the values between its two ends). Share beyond: the share of the input's own distribution on the far side of the flip, where the decision differs "
                   + "(a discrete distribution's values only). \(r.rows.map(\.solves).reduce(0, +)) joint solves."]
        for row in r.rows where row.error != nil { t.notes.append("\(row.input): \(row.error!)") }
        let tied = r.rows.filter { !$0.ties.isEmpty }.map(\.input)
        if !tied.isEmpty {
            t.notes.append("(tie): at an end of the bracket a joint plan that decides \(r.post) otherwise earns as much, within the solver's tolerance "
                           + "(1e-7 of the joint total), so a solve there may pick either plan: \(tied.joined(separator: ", ")).")
        }
        let undrawn = r.rows.filter { $0.statedDrawn == false }.map(\.input)
        if !undrawn.isEmpty {
            t.notes.append("Stated but not drawn (draw: false): \(undrawn.joined(separator: ", ")). coalition --simulate leaves them out, so its shares do not count a flip inside their ranges.")
        }
        let given = r.rows.filter(\.fromParam).map(\.input)
        if !given.isEmpty {
            t.notes.append("Given with --param, over the range given and with no distribution (so no share of draws beyond): \(given.joined(separator: ", ")).")
        }
        for row in r.rows where !row.withoutPlan.isEmpty {
            let shown = row.withoutPlan.prefix(4).map(v).joined(separator: ", ") + (row.withoutPlan.count > 4 ? ", …" : "")
            t.notes.append("\(row.input): no joint plan at \(row.withoutPlan.count) of the values scanned (\(shown)); the decision is unknown there, "
                           + "so a flip may lie among them (--tipping \(row.input) --post \(r.post) shows why).")
        }
        let body = format == .markdown ? MarkdownRenderer.render(t) : TextRenderer.render(t, width: 200)
        return "\(r.coalition): " + r.sentence + (r.changes.isEmpty ? "" : " (after --set \(r.changes.joined(separator: " --set ")))") + "\n\n" + body
    }
}
