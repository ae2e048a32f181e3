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
        ])
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
        states.rows.append(["Total", m(r.standaloneTotal), m(r.jointTotal), r.surplus.map { "+" + Fmt.money($0) } ?? "–", "", "", "", ""])
        states.rawRows!.append(["total", Fmt.plain(r.standaloneTotal), r.jointTotal.map(Fmt.plain) ?? "", r.surplus.map(Fmt.plain) ?? "", "", "", "", ""])
        states.fields = ["state", "alone", "joint", "gain", "fees_paid", "fees_received", "closed", "opened"]
        states.notes = [(r.variant.map { "Variant \($0). " } ?? "") + (r.forced.isEmpty ? "" : "Forced: \(r.forced.joined(separator: ", ")). ")
                        + (r.changes.isEmpty ? "" : "Set: \(r.changes.joined(separator: ", ")). ")
                        + "Status \(r.status)\(r.gap.map { $0 > 0 ? ", gap \(Fmt.percent($0, decimals: 2))" : "" } ?? "")"
                        + (r.components > 1 ? ", \(r.components) independent groups of states solved apart" : "") + ". "
                        + "Closed/Opened: posts whose decision differs from the state's standalone plan."]
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

    public static func render(_ r: CoalitionResult, as format: OutputFormat) -> String {
        switch format {
        case .json: return json(r).stamped("coalition").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(dataTables(r)[0])
        case .markdown: return tables(r).map(MarkdownRenderer.render).joined(separator: "\n")
        case .table: return tables(r).map { TextRenderer.render($0) }.joined(separator: "\n")
        }
    }

    /// `states`, `budgets`, `shared_posts`, `fees`, `surplus_split`.
    public static func dataTables(_ r: CoalitionResult) -> [DataTable] {
        zip(["states", "budgets", "shared_posts", "fees", "surplus_split"], tables(r)).map { $1.data($0) }
    }

    /// `dipnet coalition --tipping`: the sentence, the scan and the bracket, as a table or JSON.
    public static func renderTipping(_ t: CoalitionTippingResult, as format: OutputFormat) -> String {
        func point(_ p: CoalitionTippingResult.Point) -> JSONValue {
            .object([("value", .number(p.value)), ("open", p.open.map(JSONValue.bool) ?? .null), ("joint_total", .num(p.jointTotal)),
                     ("status", .string(p.status))])
        }
        if format == .json {
            return JSONValue.object([
                ("kind", .string("coalition-tipping")), ("coalition", .string(t.coalition)), ("parameter", .string(t.parameter)),
                ("post", .string(t.post)), ("current", .num(t.current)), ("range", .array([.number(t.range.lowerBound), .number(t.range.upperBound)])),
                ("tolerance", .number(t.tolerance)), ("sentence", .string(t.sentence)),
                ("below", t.below.map(point) ?? .null), ("above", t.above.map(point) ?? .null), ("more_flips", .integer(t.moreFlips)),
                ("scan", .array(t.scan.map(point))), ("solves", .integer(t.solves)),
            ]).stamped("coalition-tipping").serialized() + "\n"
        }
        var scan = Table(title: "Scan of \(t.parameter) (value now \(t.current.map { Fmt.grouped($0, decimals: $0 == $0.rounded() ? 0 : 4) } ?? "unset")): \(t.post) in the joint plan",
                         columns: [.init("Value"), .init(t.post, .left), .init("Joint total"), .init("Status", .left)])
        let rows = (t.scan + [t.below, t.above].compactMap { $0 }).sorted { $0.value < $1.value }
        var seen = Set<Double>()
        for p in rows where seen.insert(p.value).inserted {
            let mark = p.value == t.below?.value || p.value == t.above?.value ? " ◂ bracket" : ""
            scan.rows.append([Fmt.grouped(p.value, decimals: p.value == p.value.rounded() ? 0 : abs(p.value) >= 100 ? 1 : 4),
                              (p.open.map { $0 ? "open" : "closed" } ?? "no plan") + mark, p.jointTotal.map(Fmt.money) ?? "–", p.status])
        }
        return t.sentence + "\n\n" + TextRenderer.render(scan) + "\n\(t.solves) joint solves (each with the standalone plans); bracket tolerance \(Fmt.grouped(t.tolerance, decimals: 4)).\n"
    }

    // MARK: Simulation

    /// `dipnet coalition FILE --simulate`: per variant, the surplus and each state's gain
    /// over the draws, how often the file's joint plan holds, and the posts whose joint
    /// decision depends on the draw; CSV gives one row per draw and variant.
    public static func renderSimulation(_ s: CoalitionSimulation, as format: OutputFormat) -> String {
        typealias A = AnalysisReport
        let states = s.variants.first?.gains.map(\.state) ?? []
        switch format {
        case .json:
            return JSONValue.object([
                ("kind", .string("coalition-simulation")), ("coalition", .string(s.coalition)), ("seed", .integer(s.seed)),
                ("draws", .integer(s.draws)), ("parameters", .array(s.parameters.map(JSONValue.string))),
                ("variants", .array(s.variants.map { v in
                    .object([
                        ("variant", .string(v.variant)), ("draws", .integer(v.draws)), ("planned", .integer(v.planned)),
                        ("unproven", .integer(v.unproven)),
                        ("file_plan", v.filePlan.map { r in
                            .object([("status", .string(r.status)), ("joint_total", .num(r.jointTotal)), ("surplus", .num(r.surplus)),
                                     ("open_jointly", .array(r.states.flatMap { st in (st.openJointly ?? []).map { JSONValue.string("\(st.id):\($0)") } }))])
                        } ?? .null),
                        ("file_plan_holds", .integer(v.filePlanHolds)),
                        ("surplus", A.statsJSON(v.surplus)), ("joint_total", A.statsJSON(v.jointTotal)),
                        ("gains", .object(v.gains.map { ($0.state, A.statsJSON($0.stats)) })),
                        ("posts", .array(v.posts.map { p in
                            .object([("post", .string(p.post)), ("open_in_file_plan", p.openInFilePlan.map(JSONValue.bool) ?? .null),
                                     ("share_open", .number(p.shareOpen))])
                        })),
                    ])
                })),
                ("records", .array(s.records.map { d in
                    .object([("draw", .integer(d.draw)), ("variant", .string(d.variant)), ("status", .string(d.status)),
                             ("joint_total", .num(d.jointTotal)), ("standalone_total", .num(d.standaloneTotal)), ("surplus", .num(d.surplus)),
                             ("gains", .object(states.map { ($0, .num(d.gains[$0])) })),
                             ("open_jointly", .array(d.openJointly.map(JSONValue.string))),
                             ("drawn", .object(s.parameters.compactMap { p in d.drawn[p].map { (p, JSONValue.number($0)) } })),
                             ("error", d.error.map(JSONValue.string) ?? .null)])
                })),
            ]).stamped("coalition-simulation").serialized() + "\n"
        case .csv, .xlsx, .datapackage:
            var t = Table(title: "draws", columns: (["draw", "variant", "status", "joint_total", "standalone_total", "surplus"]
                                                    + states.map { "gain_\($0)" } + ["open_jointly"] + s.parameters + ["error"]).map { .init($0) })
            t.rows = s.records.map { d in
                ["\(d.draw)", d.variant, d.status, A.raw(d.jointTotal), A.raw(d.standaloneTotal), A.raw(d.surplus)]
                    + states.map { A.raw(d.gains[$0]) } + [d.openJointly.joined(separator: " ")]
                    + s.parameters.map { A.raw(d.drawn[$0]) } + [d.error ?? ""]
            }
            return CSVRenderer.render(t)
        case .table, .markdown:
            var out = "Simulation of \(s.coalition): \(Fmt.count(s.draws, "draw")) (seed \(s.seed)) of "
                + (s.parameters.isEmpty ? "no parameter" : s.parameters.joined(separator: ", "))
                + "; each draw plans every state alone and the coalition jointly again.\n"
            for v in s.variants {
                out += "\nVariant \(v.variant): \(v.planned) of \(v.draws) draws planned jointly"
                    + (v.unproven > 0 ? " (\(v.unproven) only to a gap)" : "") + ".\n"
                if let f = v.filePlan, f.jointTotal != nil, v.planned > 0 {
                    out += "The joint plan at the file's values (surplus \(m(f.surplus))) holds, every post as it decides, in "
                        + "\(v.filePlanHolds) of \(v.planned) draws (\(Fmt.percent(Double(v.filePlanHolds) / Double(v.planned)))).\n"
                }
                var t = Table(title: "Surplus and each state's gain (joint minus alone), money a year",
                              columns: [.init("", .left), .init("Mean"), .init("P5"), .init("Median"), .init("P95"), .init("Min")])
                func row(_ name: String, _ x: SimulationSummary.Stats?) -> [String] {
                    [name, A.opt(x?.mean, Fmt.money), A.opt(x?.p5, Fmt.money), A.opt(x?.p50, Fmt.money), A.opt(x?.p95, Fmt.money), A.opt(x?.min, Fmt.money)]
                }
                t.rows = [row("Coalition surplus", v.surplus)] + v.gains.map { row("Gain of \($0.state)", $0.stats) }
                // Individual rationality: no gain below zero beyond GLPK's tolerance (about 1e-6 of the figures).
                let worst = v.gains.map(\.stats.min).min() ?? 0
                let scale = max(1, abs(v.jointTotal?.max ?? 0))
                t.notes = [worst >= -1e-3 - 1e-6 * scale
                    ? "No state gains less than zero in any draw: individual rationality holds in every joint plan."
                    : "A state's gain falls to \(Fmt.money(worst)) in some draw: individual rationality does not hold there (see the records, -f json or csv)."]
                out += "\n" + (format == .markdown ? MarkdownRenderer.render(t) : TextRenderer.render(t))
                var p = Table(title: "Posts whose joint decision depends on the draw",
                              columns: [.init("Post", .left), .init("In the file's plan", .left), .init("Open in")])
                p.rows = v.posts.map { [$0.post, $0.openInFilePlan.map { $0 ? "open" : "closed" } ?? "–", Fmt.percent($0.shareOpen)] }
                if p.rows.isEmpty { p.notes = ["Every post is open in all planned draws or in none, as in the file's plan."] }
                out += "\n" + (format == .markdown ? MarkdownRenderer.render(p) : TextRenderer.render(p))
                let failed = v.draws - v.planned
                if failed > 0 {
                    let reasons = Set(s.records.filter { $0.variant == v.variant && $0.jointTotal == nil }.compactMap(\.error)).sorted().prefix(3)
                    out += "\(failed) draw\(failed == 1 ? "" : "s") without a joint plan: \(reasons.joined(separator: "; "))\n"
                }
            }
            return out
        }
    }
}
