import DiplomaticNetwork
import Foundation

/// Tables of the analyses: sweeps, tipping points, simulations, explanations.
public enum AnalysisReport {
    static func v(_ x: Double) -> String { abs(x) >= 1000 ? Fmt.money(x) : String(format: "%.4g", x) }
    static func opt(_ x: Double?, _ f: (Double) -> String) -> String { x.map(f) ?? "–" }
    /// A number for the tidy tables (CSV, xlsx, data package): empty when missing, never a dash.
    static func raw(_ x: Double?) -> String { x.map(Fmt.plain) ?? "" }
    /// A distribution's summary as JSON (null without values).
    static func statsJSON(_ x: SimulationSummary.Stats?) -> JSONValue {
        guard let x else { return .null }
        return .object([("mean", .number(x.mean)), ("sd", .number(x.sd)), ("p5", .number(x.p5)), ("p50", .number(x.p50)),
                        ("p95", .number(x.p95)), ("min", .number(x.min)), ("max", .number(x.max))])
    }

    /// `("set", [...])` when command-line changes were applied, else nothing.
    static func changes(_ c: [String]?) -> [(String, JSONValue)] {
        guard let c, !c.isEmpty else { return [] }
        return [("set", .array(c.map(JSONValue.string)))]
    }

    static func list(_ ids: [String], max: Int = 8) -> String {
        ids.isEmpty ? "–" : ids.prefix(max).joined(separator: " ") + (ids.count > max ? " +\(ids.count - max)" : "")
    }

    // MARK: Sweep

    public static func sweepTable(_ header: SweepHeader, _ records: [SweepRecord]) -> Table {
        var t = Table(title: "Sweep of \(header.parameters.joined(separator: " × ")) — \(header.scenario), variant \(header.variant)",
                      columns: header.parameters.map { .init($0) } + [.init("Status", .left), .init("Net benefit"), .init("Coverage"),
                                                                      .init("Open"), .init("Closed", .left), .init("Opened", .left)])
        var raws: [[String]] = []
        let sorted = records.sorted(by: { $0.point < $1.point })
        // Each axis at the precision that tells its points apart (Fmt.distinct).
        let axes: [[String]] = header.parameters.indices.map { k in Fmt.distinct(sorted.map { k < $0.values.count ? $0.values[k] : .nan }) }
        for (n, r) in sorted.enumerated() {
            let open = r.net_benefit == nil ? "–" : "\(header.values.isEmpty ? 0 : openCount(header, r))"
            t.rows.append(r.values.indices.map { k in k < axes.count ? axes[k][n] : v(r.values[k]) } + [r.status, opt(r.net_benefit, Fmt.money), opt(r.coverage) { Fmt.percent($0) }, open,
                                             list(r.closed), list(r.opened)])
            raws.append(r.values.map(Fmt.plainValue) + [r.status, raw(r.net_benefit), raw(r.coverage), r.net_benefit == nil ? "" : open,
                                                   r.closed.joined(separator: ";"), r.opened.joined(separator: ";")])
        }
        t.rawRows = raws
        t.fields = header.parameters.map(DataTable.snakeCase) + ["status", "net_benefit", "coverage", "open", "closed", "opened"]
        t.shareFields = ["coverage"]
        t.moneyFields = ["net_benefit"]
        t.inputFields = Set(header.parameters.map(DataTable.snakeCase))
        // Units, when the scenario is at hand (a header read back from records has no currency).
        if let currency = header.currency {
            let money = currency.isEmpty ? "money" : currency
            let units = header.parameters.compactMap { p in MarginsResult.unit(ofInput: p, currency: currency, capacityInUnits: header.capacity_in_units).map { "\(p) in \($0)" } }
            t.notes.append((units.isEmpty ? "" : units.joined(separator: "; ") + "; ") + "net benefit in \(money) a year.")
        }
        // Where the variant's own value lies on the grid (a sweep replaces it at every point).
        if let current = header.current {
            let said = zip(header.parameters, zip(current, header.values)).compactMap { p, pair -> String? in
                guard let c = pair.0 else { return nil }
                let grid = pair.1.sorted()
                func near(_ x: Double) -> Bool { abs(x - c) <= 1e-9 * max(1, abs(c)) }
                // A grid point within rounding of the value is the value (not told apart from it).
                let shown = Fmt.distinct([c] + grid.map { near($0) ? c : $0 })
                let place: String
                // A grid's 0.9500000000000001 is the point 0.95 (a hostile pass's case).
                if grid.contains(where: near) { place = "a point of the grid" }
                else if let hi = grid.firstIndex(where: { $0 > c }), hi > 0 {
                    place = "between the points \(shown[1 + hi - 1]) and \(shown[1 + hi]), not itself solved"
                } else { place = "outside the grid, not solved" }
                return "\(p) = \(shown[0]), \(place)"
            }
            if !said.isEmpty { t.notes.append("In \(header.variant) itself\(header.set == nil ? "" : " with --set"): " + said.joined(separator: "; ") + ".") }
        }
        return t
    }

    static func openCount(_ h: SweepHeader, _ r: SweepRecord) -> Int { h.existingPosts - r.closed.count + r.opened.count }

    public static func closureTable(_ header: SweepHeader, _ records: [SweepRecord]) -> Table? {
        guard header.parameters.count == 1 else { return nil }
        // Points without a plan (infeasible, failed) close nothing and are not an end of the
        // order: it read "from 5,000,000 to 4,000,000" where 4 M had no plan and 6 M was
        // left out, and "from –" when no point had one.
        let solved = records.filter { $0.net_benefit != nil }
        guard !solved.isEmpty else { return nil }
        let (steps, loose) = Sweep.closureOrder(solved)
        // "Tightens" read as "falls" for a budget and "rises" for a cost, and a penalty that
        // falls closes posts too: the title names both ends instead.
        let ends = solved.compactMap(\.values.first)
        let far = loose.flatMap { l in ends.max(by: { abs($0 - l) < abs($1 - l) }) }
        var t = Table(title: "Closure order as \(header.parameters[0]) moves from \(loose.map(v) ?? "–") (where the fewest posts close)"
                          + (far.map { " to \(v($0))" } ?? ""),
                      columns: [.init("Rank"), .init("Post", .left), .init("Closed from", .right), .init("Note", .left)])
        t.rows = steps.map { ["\($0.rank)", $0.post, v($0.value), [$0.rank == 0 ? "closed already at the loose end" : "", $0.reopens ? "open again further on" : ""].filter { !$0.isEmpty }.joined(separator: "; ")] }
        t.rawRows = steps.map { ["\($0.rank)", $0.post, Fmt.plain($0.value), $0.reopens ? "true" : "false"] }
        t.fields = ["rank", "post", "closed_from", "reopens"]
        if steps.isEmpty { t.notes = ["No post closes over this range."] }
        return t
    }

    public static func renderSweep(_ header: SweepHeader, _ records: [SweepRecord], as format: OutputFormat) -> String {
        let main = sweepTable(header, records), order = closureTable(header, records)
        switch format {
        case .json:
            let steps = Sweep.closureOrder(records).steps
            let json = JSONValue.object([
                ("kind", .string("sweep")), ("scenario", .string(header.scenario)), ("variant", .string(header.variant)),
            ] + changes(header.set) + [
                ("parameters", .array(header.parameters.map(JSONValue.string))),
                ("points", .array(records.sorted { $0.point < $1.point }.map { r in
                    // values exactly as in the records file, so the two join on them
                    .object([("values", .array(r.values.map(JSONValue.exact))), ("status", .string(r.status)),
                             ("net_benefit", .num(r.net_benefit)), ("coverage", .num(r.coverage)),
                             ("closed", .array(r.closed.map(JSONValue.string))), ("opened", .array(r.opened.map(JSONValue.string)))])
                })),
                ("closure_order", .array(steps.map { .object([("rank", .integer($0.rank)), ("post", .string($0.post)),
                                                              ("value", .exact($0.value)), ("reopens", .bool($0.reopens))]) })),
            ])
            return json.stamped("sweep").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(main.data("points"))
        case .markdown: return MarkdownRenderer.render(main) + (order.map { "\n" + MarkdownRenderer.render($0) } ?? "")
        case .table: return TextRenderer.render(main) + (order.map { "\n" + TextRenderer.render($0) } ?? "")
        }
    }

    /// `points` and, for one parameter, `closure_order`.
    public static func sweepDataTables(_ header: SweepHeader, _ records: [SweepRecord]) -> [DataTable] {
        [sweepTable(header, records).data("points")] + (closureTable(header, records).map { [$0.data("closure_order")] } ?? [])
    }

    // MARK: Tipping

    /// The scanned values and the post's decision at each.
    public static func tippingScan(_ r: TippingResult) -> Table {
        var scan = Table(title: "Scan of \(r.path)" + (r.unit.map { " (\($0))" } ?? ""), columns: [.init(r.path), .init(r.post, .left)])
        scan.rows = r.scan.map { [v($0.value), $0.open.map { r.word($0) } ?? "no solution"] }
        scan.rawRows = r.scan.map { [Fmt.plainValue($0.value), $0.open.map { $0 ? "true" : "false" } ?? ""] }
        scan.fields = ["value", "open"]
        scan.inputFields = ["value"]
        return scan
    }

    public static func renderTipping(_ r: TippingResult, as format: OutputFormat) -> String {
        let scan = tippingScan(r)
        var sides: Table? = nil
        if var pb = r.planBelow, var pa = r.planAbove, let lo = r.below, let hi = r.above {
            pb.variant = "at \(v(lo))"
            pa.variant = "at \(v(hi))"
            let c = Comparison(name: "tipping", scenario: pb.scenario, currency: pb.currency, baseline: pb, variants: [pa])
            var t = Table(title: "The plans on either side", columns: [.init("", .left), .init("at \(v(lo))"), .init("at \(v(hi))")])
            // Every term of the net benefit (Value + Income − Cost − Unserved penalty), so that
            // the rows add up (without income and penalty they did not).
            t.rows = [["Net benefit", Fmt.money(pb.netBenefit), Fmt.money(pa.netBenefit)],
                      ["Value", Fmt.money(pb.value), Fmt.money(pa.value)]]
            if pb.income != 0 || pa.income != 0 { t.rows.append(["Income (fees earned)", Fmt.money(pb.income), Fmt.money(pa.income)]) }
            t.rows += [["Cost", Fmt.money(pb.cost.total), Fmt.money(pa.cost.total)],
                       ["Unserved penalty", Fmt.money(pb.penalty), Fmt.money(pa.penalty)],
                       ["Coverage", Fmt.percent(pb.coverage), Fmt.percent(pa.coverage)]]
            t.notes = ["Money \(pb.currency.isEmpty ? "" : "in \(pb.currency) ")a year; net benefit = value + income − cost − unserved penalty."]
            for (post, d) in c.differingDecisions {
                t.rows.append([post] + d.map { $0.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "–" })
            }
            sides = t
        }
        switch format {
        case .json:
            return JSONValue.object([
                ("scenario", .string(r.scenario)), ("variant", .string(r.variant)),
            ] + changes(r.changes) + [
                ("post", .string(r.post)), ("parameter", .string(r.path)), ("unit", r.unit.map(JSONValue.string) ?? .null),
                ("current", .value(r.current)), ("found", .bool(r.found)),
                ("below", .value(r.below)), ("above", .value(r.above)), ("threshold", .value(r.threshold)),
                ("threshold_method", r.found ? .string(r.crossing != nil ? "crossing" : r.latticeEdge != nil ? "lattice" : "middle") : .null),
                ("tolerance", .value(r.tolerance)), ("open_above", r.planAbove.map { .bool($0.open.contains(r.post)) } ?? .null),
                ("more_flips", .integer(r.moreFlips)), ("solves", .integer(r.solves)), ("sentence", .string(r.sentence)),
                ("scan", .array(r.scan.map { .object([("value", .value($0.value)), ("open", $0.open.map(JSONValue.bool) ?? .null)]) })),
            ]).stamped("tipping").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(scan.data("scan"))
        case .markdown: return r.sentence + "\n\n" + MarkdownRenderer.render(scan) + (sides.map { "\n" + MarkdownRenderer.render($0) } ?? "")
        case .table:
            return r.sentence + "\n\n" + TextRenderer.render(scan) + (sides.map { "\n" + TextRenderer.render($0) } ?? "")
                + "\n\(Fmt.count(r.solves, "solve")); bracket tolerance \(v(r.tolerance)).\n"
        }
    }

    // MARK: Simulation

    public static func simulationTables(_ h: SimulationHeader, _ s: SimulationSummary) -> [Table] {
        var t = Table(title: "Simulation of \(h.scenario): \(Fmt.count(s.draws, "draw")) (seed \(h.seed))",
                      columns: [.init("Variant", .left), .init("Solved"), .init("Mean net benefit"), .init("P5"), .init("Median"),
                                .init("P95"), .init("Mean coverage"), .init("Wins")])
        t.rows = s.variants.map { x in
            [x.variant, "\(Fmt.money(Double(x.solved)))/\(Fmt.money(Double(x.draws)))", opt(x.netBenefit?.mean, Fmt.money), opt(x.netBenefit?.p5, Fmt.money),
             opt(x.netBenefit?.p50, Fmt.money), opt(x.netBenefit?.p95, Fmt.money), opt(x.coverage?.mean) { Fmt.percent($0) },
             s.draws == 0 || x.solved == 0 ? "–" : Fmt.percent(x.wins)]
        }
        t.rawRows = s.variants.map { x in
            [x.variant, "\(x.solved)", raw(x.netBenefit?.mean), raw(x.netBenefit?.p5),
             raw(x.netBenefit?.p50), raw(x.netBenefit?.p95), raw(x.coverage?.mean), Fmt.plain(x.wins),
             "\(x.draws)", x.unsolved.map { "\($0.status):\($0.count)" }.joined(separator: ";")]
        }
        // draws and the unsolved ones by status (`infeasible:4;error:1`), as the text's note says them
        t.fields = ["variant", "solved", "net_benefit_mean", "net_benefit_p5", "net_benefit_p50", "net_benefit_p95", "coverage_mean", "wins",
                    "draws", "unsolved"]
        t.shareFields = ["coverage_mean", "wins"]
        t.moneyFields = ["net_benefit_mean", "net_benefit_p5", "net_benefit_p50", "net_benefit_p95"]
        // An analyst saw a mean of 26.1 M beside the 17.8 M `compare` prints and found no reason given.
        t.notes.append("The mean is over the draws, not the net benefit at the scenario's own values (`dipnet compare`): the two differ when "
                       + "the drawn ranges are not centred on those values (a triangular range whose mode is the value now and whose upper "
                       + "tail is longer draws above it on average). The difference below, draw by draw, is the answer's uncertainty.")
        // "Wins" is against every variant at once; a README sentence such as "closing wins in
        // 64% of the draws" is the pairwise "Ahead in" below (an analyst read "Wins 0.0%" as
        // "closing never wins" beside "Ahead in 48.7%").
        if s.variants.count > 2 {
            t.notes.append("Wins: the share of draws in which the variant has the best net benefit of all \(s.variants.count) variants "
                           + "(ties shared); each variant against \(h.variants.first ?? "the first"), draw by draw, is \"Ahead in\" below.")
        }
        // A plan scored in evaluate mode may break a rule it was not held to: its wins say so.
        for x in s.variants where x.breaksRules > 0 {
            t.notes.append("\(x.variant) breaks a rule (evaluate mode checks rules, it does not impose them) in \(x.breaksRules) of its \(x.solved) "
                           + "solved draws" + (x.winsBreakingRules > 0 ? ", \(Fmt.percent(x.winsBreakingRules)) of all draws among its wins" : "")
                           + ": compare its wins with the variants that keep the rules.")
        }
        // Draws without a plan are counted in "Solved" only: an analyst whose ranges left every
        // draw infeasible read "0/50" and empty tables with no reason (the status was in --records).
        let unsolved = s.variants.filter { !$0.unsolved.isEmpty }
        if !unsolved.isEmpty {
            let each = unsolved.map { x in
                "\(x.variant) \(Fmt.money(Double(x.draws - x.solved))) of \(Fmt.money(Double(x.draws))) ("
                    + x.unsolved.map { "\($0.status): \(Fmt.money(Double($0.count)))" }.joined(separator: ", ") + ")"
            }
            t.notes.append("Draws without a plan: " + each.joined(separator: "; ") + "."
                           + (unsolved.contains { $0.unsolved.contains { $0.status == "infeasible" } }
                              ? " Infeasible: no plan keeps the scenario's rules (a budget, coverage, limits) at the values drawn; check the rules "
                                + "and the uncertainty section's ranges (a relative draw multiplies the value: ±20% is min 0.8, max 1.2)." : "")
                           + " --records FILE keeps each draw's values and status.")
        }
        // An input a variant (or --set) sets is not drawn there: said, since its draws (in
        // --records) are then not what that variant was solved with.
        if let note = heldNote(h) { t.notes.append(note) }
        if let note = statedNote(h) { t.notes.append(note) }
        var diff = Table(title: "Difference to \(h.variants.first ?? "") in the same draw (each variant minus \(h.variants.first ?? ""); net benefit, money a year)",
                         columns: [.init("Variant", .left), .init("Paired draws"), .init("Mean"), .init("P5"), .init("Median"),
                                   .init("P95"), .init("Ahead in")])
        diff.rows = s.differences.map { d in
            [d.variant, "\(d.paired)", opt(d.netBenefit?.mean, Fmt.money), opt(d.netBenefit?.p5, Fmt.money),
             opt(d.netBenefit?.p50, Fmt.money), opt(d.netBenefit?.p95, Fmt.money), d.paired == 0 ? "–" : Fmt.percent(d.ahead)]
        }
        diff.rawRows = s.differences.map { d in
            [d.variant, d.against, "\(d.paired)", raw(d.netBenefit?.mean), raw(d.netBenefit?.p5),
             raw(d.netBenefit?.p50), raw(d.netBenefit?.p95), Fmt.plain(d.ahead)]
                + [d.costNetOfIncome, d.recurringNetOfIncome].flatMap { x in [raw(x?.mean), raw(x?.p5), raw(x?.p50), raw(x?.p95)] }
                + [d.saves.map(Fmt.plain) ?? "", d.savesRecurring.map(Fmt.plain) ?? ""]
        }
        diff.fields = ["variant", "against", "paired", "difference_mean", "difference_p5", "difference_p50", "difference_p95", "ahead"]
            + ["cost_net_of_income", "recurring_net_of_income"].flatMap { f in ["mean", "p5", "p50", "p95"].map { "\(f)_difference_\($0)" } }
            + ["saves", "saves_recurring"]
        diff.shareFields = ["ahead", "saves", "saves_recurring"]
        diff.moneyFields = Set((diff.fields ?? []).filter { $0.hasPrefix("difference_") || $0.hasPrefix("cost_net_of_income") || $0.hasPrefix("recurring_net_of_income") })
        diff.notes = ["Each draw solves every variant with the same drawn inputs; the difference's spread is the uncertainty of the answer."]
        if let d = s.differences.first(where: { $0.budgetMissing > 0 }) {
            diff.notes.append("No budget table: \(Fmt.count(d.budgetMissing, "paired draw")) of \(d.paired) (\(d.variant)) come from records without "
                              + "budget figures (written by an earlier dipnet); a new run gives them.")
        }
        var drivers = driversTable(s)
        if let note = inertNote(h), !s.differences.isEmpty { drivers.notes.append(note) }
        var posts = Table(title: "How often each post is open (posts whose fate depends on the draw)",
                          columns: [.init("Post", .left)] + h.variants.map { .init($0) } + [.init("Moves most with (rank correlation with being open)", .left)])
        for (post, shares) in s.openShare where shares.contains(where: { $0 > 0 && $0 < 1 }) {
            let d = s.openDrivers[post]
            let top = (d?.drivers ?? []).prefix(2)
            let shown = top.map { "\($0.input) \(String(format: "%+.2f", $0.rankCorrelation))" }.joined(separator: ", ")
                + (d.map { h.variants.count > 1 ? " (\($0.variant))" : "" } ?? "")
            posts.rows.append([post] + shares.map { $0.isNaN ? "–" : Fmt.percent($0) } + [shown])
            let raw = (0..<2).flatMap { i in i < top.count ? [top[top.startIndex + i].input, Fmt.plain(top[top.startIndex + i].rankCorrelation)] : ["", ""] }
            posts.rawRows = (posts.rawRows ?? []) + [[post] + shares.map { $0.isNaN ? "" : Fmt.plain($0) } + [d?.variant ?? ""] + raw]
        }
        posts.fields = ["post"] + h.variants.map { "open_share_" + DataTable.snakeCase($0) }
            + ["driver_variant", "driver_1", "driver_1_rank_correlation", "driver_2", "driver_2_rank_correlation"]
        posts.shareFields = Set(h.variants.map { "open_share_" + DataTable.snakeCase($0) })
        posts.notes = [wrapped("Moves most with: the drawn inputs most correlated with the post being open (Spearman; > 0: a higher draw keeps it open "
                               + "more often), in the first variant where its fate varies; one input at a time, not a proof of cause.", width: 100)]
        if posts.rawRows == nil { posts.rawRows = [] }
        if posts.rows.isEmpty { posts.notes = ["Every post is open in all draws or in none."] }
        return s.differences.isEmpty ? [t, posts] : [t, diff, drivers, posts] + (budgetTable(h, s).map { [$0] } ?? [])
    }

    /// What each variant saves the budget against the first, draw by draw (text and
    /// Markdown only: the data exports carry the same figures as columns of the
    /// differences table); nil when no record holds budget figures.
    ///
    /// With `SimulationSummary.showsEffects` (`simulate --effect`) the figures are the
    /// budget saved, + in the variant's favour, as `compare --effect` gives them: each
    /// sign turned, so that the P5 column holds the turned P95 and the other way round.
    static func budgetTable(_ h: SimulationHeader, _ s: SimulationSummary) -> Table? {
        guard s.differences.contains(where: { $0.costNetOfIncome != nil }) else { return nil }
        let first = h.variants.first ?? ""
        let saved = s.showsEffects
        var t = Table(title: saved ? "Budget saved: \(first)'s cost net of income minus the variant's in the same draw (money a year; + the variant saves)"
                                   : "Budget: cost net of income minus \(first)'s in the same draw (money a year; < 0: the variant saves)",
                      columns: [.init("Variant", .left), .init("Figure", .left), .init("Mean"), .init("P5"), .init("Median"), .init("P95"),
                                .init("Saves in")])
        for d in s.differences {
            for (label, x, saves) in [("over the horizon", d.costNetOfIncome, d.saves), ("after it (no one-off costs)", d.recurringNetOfIncome, d.savesRecurring)] {
                guard let x else { continue }
                let (mean, p5, p50, p95) = saved ? (-x.mean, -x.p95, -x.p50, -x.p5) : (x.mean, x.p5, x.p50, x.p95)
                t.rows.append([d.variant, label, Fmt.money(mean), Fmt.money(p5), Fmt.money(p50), Fmt.money(p95),
                               saves.map { Fmt.percent($0) } ?? "–"])
            }
        }
        t.notes = [wrapped("Budget money as the scenario's cost inputs state it, not the calibrated values of the net benefit. Over the "
                           + "horizon: one-off closing and opening costs spread over horizon_years (drawn when the uncertainty section draws it); "
                           + "after it: each year once they are paid. Inputs not drawn hold their values, so the spread is as wide as the "
                           + "section's ranges allow, no wider."
                           + (saved ? " With --effect each figure is the saving (its sign turned, P5 and P95 swapped); JSON and CSV keep "
                                      + "cost_net_of_income as each variant minus the first." : ""), width: 100)]
        return t
    }

    /// The largest |ρ| that chance alone gives among `inputs` independent inputs with
    /// no effect over `draws` pairs: ρ is about normal with sd 1/√(n−1), and the
    /// largest of k such |ρ| lies near √(2 ln 2k)/√(n−1) (the expected maximum of 2k
    /// half-normal tails; 0.10 for 111 inputs and 1,000 draws).
    static func chanceRho(inputs: Int, draws: Int) -> Double {
        (2 * log(2 * Double(max(1, inputs)))).squareRoot() / Double(max(2, draws) - 1).squareRoot()
    }

    /// Above this many, the text and markdown tables of drivers show only the strongest.
    static let shownDrivers = 10

    /// What drives each difference: the drawn inputs by their rank correlation with it,
    /// one column per difference, strongest first; in text the `shownDrivers` strongest
    /// of any column, in the data table every input.
    static func driversTable(_ s: SimulationSummary) -> Table {
        var t = Table(title: "What drives the difference: rank correlation of each drawn input with it (Spearman, over the paired draws)",
                      columns: [.init("Input", .left)] + s.differences.map { .init("\($0.variant) − \($0.against)") })
        var strongest: [String: Double] = [:]
        for d in s.differences { for x in d.drivers { strongest[x.input] = max(strongest[x.input] ?? 0, abs(x.rankCorrelation)) } }
        let inputs = strongest.keys.sorted { (strongest[$0]!, $1) > (strongest[$1]!, $0) }
        let paired = s.differences.map(\.paired).filter { $0 >= 3 }.min() ?? 0
        let rho = s.differences.map { d in Dictionary(d.drivers.map { ($0.input, $0.rankCorrelation) }, uniquingKeysWith: { a, _ in a }) }
        t.rows = inputs.prefix(shownDrivers).map { i in [i] + rho.map { $0[i].map { String(format: "%+.2f", $0) } ?? "–" } }
        t.rawRows = inputs.map { i in [i] + rho.map { $0[i].map(Fmt.plain) ?? "" } }
        t.fields = ["input"] + s.differences.map { "rank_correlation_" + DataTable.snakeCase($0.variant) }
        t.notes = ["A sign > 0: a higher draw of the input favours the variant. One input at a time: what moves with the answer across the draws, "
                   + "not a proof of cause. With \(inputs.count) inputs and \(Fmt.grouped(Double(paired), decimals: 0)) paired draws, "
                   + "the largest |ρ| of inputs that do not matter at all is about \(String(format: "%.2f", chanceRho(inputs: inputs.count, draws: paired))): "
                   + "an |ρ| near or below it can be chance (a typical maximum, not a cut-off: an input just above it may still not matter)."
                   + (inputs.count > shownDrivers ? " The \(shownDrivers) strongest of \(inputs.count) inputs; every one in -f json or datapackage." : "")]
        if paired < 3 { t.notes = ["Too few paired draws to rank the inputs."] }
        t.notes = t.notes.map { wrapped($0, width: 100) }
        if inputs.isEmpty { t.notes = ["No drawn input varies with the difference."] }
        return t
    }

    /// The drawn inputs left out of the drivers because they cannot move either variant of
    /// a difference (`SimulationHeader.inert`; text, markdown and HTML; JSON `inert`), per
    /// column when they differ; nil when none.
    static func inertNote(_ h: SimulationHeader) -> String? {
        guard let first = h.variants.first else { return nil }
        let others = Array(h.variants.dropFirst())
        // Per input, the differences (columns) it is not ranked in: inert on both sides.
        var columns: [String: [String]] = [:]
        for (label, vs) in h.inert ?? [:] where vs.contains(first) {
            let cs = others.filter(vs.contains)
            if !cs.isEmpty { columns[label] = cs }
        }
        guard !columns.isEmpty else { return nil }
        func listed(_ xs: [String], _ each: (String) -> String) -> String {
            xs.prefix(6).map(each).joined(separator: ", ") + (xs.count > 6 ? " and \(xs.count - 6) more (every one in -f json, inert)" : "")
        }
        let everywhere = columns.filter { $0.value.count == others.count }.keys.sorted()
        let some = columns.filter { $0.value.count < others.count }.keys.sorted()
        var text = "Not ranked where they cannot matter: \(Fmt.count(columns.count, "drawn input")) that cannot move either variant of a "
            + "difference (a relative draw of a value that is 0 there, such as an argument's line switched off, or the share of an interest "
            + "no country values there or draws), so that no draw of them moves it"
        if !everywhere.isEmpty { text += ": " + listed(everywhere) { $0 } + (others.count > 1 ? " (in every column)" : "") }
        if !some.isEmpty {
            text += (everywhere.isEmpty ? ": " : "; ") + "in some columns only (– there): " + listed(some) { "\($0) (\(columns[$0]!.joined(separator: ", ")))" }
        }
        return wrapped(text + ".", width: 100)
    }

    /// The inputs a variant or the command line holds at its own value instead of the draw
    /// (text and HTML); nil when none.
    static func heldNote(_ h: SimulationHeader) -> String? {
        var notes: [String] = []
        if let held = h.held, !held.isEmpty {
            let each = held.sorted { $0.key < $1.key }.map { input, vs in
                vs == ["--set"] ? "\(input) (set on the command line, in every variant it is drawn in)" : "\(input) in \(vs.joined(separator: ", "))"
            }
            notes.append("Not drawn where set, so the value the variant or the command line asks for holds there: "
                         + each.joined(separator: "; ") + ". A relative draw still multiplies such a value.")
        }
        if let outside = h.outside, !outside.isEmpty {
            // grouped by the variants left out, so that a wildcard's items read as one list
            var byVariants: [[String]: [String]] = [:]
            for (input, vs) in outside { byVariants[vs, default: []].append(input) }
            let each = byVariants.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { vs, inputs in
                "\(inputs.sorted().joined(separator: ", ")) in \(vs.joined(separator: ", "))"
            }
            notes.append("Not drawn outside the variants its range is stated within (within:), so the variant's own value (or the command line's) holds there: "
                         + each.joined(separator: "; ") + ".")
        }
        return notes.isEmpty ? nil : notes.joined(separator: " ")
    }

    /// The ranges the uncertainty section states but the run did not draw (`draw: false`),
    /// text and HTML; nil when none.
    static func statedNote(_ h: SimulationHeader) -> String? {
        if let drew = h.drew_stated, !drew.isEmpty {
            return "Drawn too (--draw-stated), though the uncertainty section states them with draw: false: " + drew.joined(separator: ", ")
                + ". Without --draw-stated this run's figures would hold them at the file's values; each draw's other samples are the same either way."
        }
        guard let stated = h.stated, !stated.isEmpty else { return nil }
        return "Stated but not drawn (draw: false): " + stated.joined(separator: ", ")
            + ". margins and compare --flips test flips against these ranges; --draw-stated draws them too."
    }

    /// A header's map of drawn inputs to variants (`held`, `inert`) as one JSON key, inputs
    /// in order; nothing when absent.
    static func variantsByInput(_ key: String, _ map: [String: [String]]?) -> [(String, JSONValue)] {
        map.map { m in [(key, JSONValue.object(m.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) }))] } ?? []
    }

    public static func renderSimulation(_ h: SimulationHeader, _ s: SimulationSummary, as format: OutputFormat) -> String {
        let tables = simulationTables(h, s)
        switch format {
        case .json:
            let stats = statsJSON
            return JSONValue.object([
                ("kind", .string("simulation")), ("scenario", .string(h.scenario)),
            ] + changes(h.set) + variantsByInput("not_drawn", h.held) + variantsByInput("not_drawn_outside", h.outside) + variantsByInput("inert", h.inert)
              + (h.stated.map { [("stated_not_drawn", JSONValue.array($0.map(JSONValue.string)))] } ?? [])
              + (h.drew_stated.map { [("drew_stated", JSONValue.array($0.map(JSONValue.string)))] } ?? []) + [
                ("seed", .integer(h.seed)), ("draws", .integer(s.draws)),
                ("variants", .array(s.variants.map { x in
                    .object([("variant", .string(x.variant)), ("solved", .integer(x.solved)),
                             ("net_benefit", stats(x.netBenefit)), ("coverage", stats(x.coverage)), ("wins", .number(x.wins)),
                             ("breaks_rules", .integer(x.breaksRules)), ("wins_breaking_rules", .number(x.winsBreakingRules)),
                             ("unsolved", .object(x.unsolved.map { ($0.status, .integer($0.count)) }))])
                })),
                ("differences", .array(s.differences.map { d in
                    .object([("variant", .string(d.variant)), ("against", .string(d.against)), ("paired", .integer(d.paired)),
                             ("net_benefit", stats(d.netBenefit)), ("ahead", .number(d.ahead)),
                             ("cost_net_of_income", stats(d.costNetOfIncome)), ("recurring_net_of_income", stats(d.recurringNetOfIncome)),
                             ("saves", .num(d.saves)), ("saves_recurring", .num(d.savesRecurring)),
                             ("budget_missing", .integer(d.budgetMissing)),
                             ("drivers", .array(d.drivers.map { x in
                                 .object([("input", .string(x.input)), ("rank_correlation", .number(x.rankCorrelation))]) }))])
                })),
                ("open_share", .object(s.openShare.map { ($0.post, .object(zip(h.variants, $0.shares).map { ($0, .num($1.isNaN ? nil : $1)) })) })),
                ("open_drivers", .object(s.openShare.compactMap { x in s.openDrivers[x.post].map { d in
                    (x.post, .object([("variant", .string(d.variant)), ("drivers", .array(d.drivers.map { v in
                        .object([("input", .string(v.input)), ("rank_correlation", .number(v.rankCorrelation))]) }))])) } })),
            ]).stamped("simulation").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(tables[0].data("variants"))
        case .markdown, .table:
            let body = format == .markdown ? tables.map(MarkdownRenderer.render).joined(separator: "\n")
                : tables.map { TextRenderer.render($0, width: 140) }.joined(separator: "\n")
            return withSummary(body, heading: simulationSummaryHeading, lead: simulationSummaryLead, entries: simulationSummaryEntries(s),
                               notes: [], as: format)
        }
    }

    /// The heading of a simulation's summary.
    static let simulationSummaryHeading = "The answer over the draws"
    /// What a simulation's summary says, and what its shares are not.
    static let simulationSummaryLead = "Each draw sets every drawn input at once, each from the range the scenario's uncertainty section "
        + "states for it and independently of the others, and solves every variant with them: a share is of the draws, as plausible as "
        + "those ranges are, not a probability the sources give. The inputs listed move the difference most (rank correlation over the "
        + "draws, one input at a time, not a proof of cause); dipnet margins gives the value at which each alone reverses the answer, "
        + "margins --pairs two together."

    /// A simulation's answers in words, one per difference (each variant against the first,
    /// draw by draw): who is ahead in how many of the paired draws, the difference's mean
    /// and P5–P95, the share of draws in which the variant costs the budget less, and the
    /// drawn inputs that move the difference most. What the text ends with and Markdown
    /// begins with, as margins' summary does; empty with one variant (nothing compared).
    static func simulationSummaryEntries(_ s: SimulationSummary) -> [SummaryEntry] {
        s.differences.map { d in
            var entry = SummaryEntry(answer: "\(d.variant) vs \(d.against)", now: "", groups: [], rest: nil)
            guard d.paired > 0, let nb = d.netBenefit else {
                entry.now = "no draw in which both have a plan, so no difference"
                return entry
            }
            let unpaired = s.draws - d.paired
            // Tied in every draw (within a cent): "ahead in 0.0%" and "0 a year less" read as a loss (a hostile pass).
            if abs(nb.min) < 0.005, abs(nb.max) < 0.005 {
                entry.now = "\(d.variant) and \(d.against) tie in net benefit in every one of the \(Fmt.count(d.paired, "draw")) in which both have a plan"
                    + (unpaired > 0 ? " (\(Fmt.count(unpaired, "draw")) without a plan for one of them left out)" : "")
                    + ((d.costNetOfIncome.map { abs($0.min) < 0.005 && abs($0.max) < 0.005 } ?? false) ? ", at the same cost to the budget" : "")
                return entry
            }
            entry.now = "\(d.variant) is ahead in net benefit in \(Fmt.percent(d.ahead)) of the \(Fmt.count(d.paired, "draw")) in which both have a plan"
                + (unpaired > 0 ? " (\(Fmt.count(unpaired, "draw")) without a plan for one of them left out)" : "")
                + "; \(d.variant) minus \(d.against): mean \(Fmt.money(nb.mean)), P5 \(Fmt.money(nb.p5)) to P95 \(Fmt.money(nb.p95)) a year "
                + "(value of presence and fees less cost and the penalty for cases left unserved, as the scenario values them: not cash)"
            if let saves = d.saves, let cost = d.costNetOfIncome {
                entry.now += ". It costs the budget less in \(Fmt.percent(saves)) of those draws (cost net of income with one-off costs spread over the horizon; "
                    + "\(Fmt.money(abs(cost.mean))) a year \(Fmt.clean(cost.mean) <= 0 ? "less" : "more") on average"
                    + (d.savesRecurring.map { r in Fmt.percent(r) == Fmt.percent(saves) ? "" : "; once one-off costs are paid, in \(Fmt.percent(r))" } ?? "")
                    + ")"
            }
            // Only above the |ρ| chance alone reaches (the drivers table's note): over 50 draws the
            // horizon, which cannot matter there, was listed at -0.21 (a hostile pass).
            let level = chanceRho(inputs: d.drivers.count, draws: d.paired)
            let drivers = d.drivers.filter { abs($0.rankCorrelation) > level }.prefix(3)
            if !d.drivers.isEmpty, d.paired >= 3 {
                // The level to three decimals, and an input within a tenth of it said to be near it:
                // "above 0.24" then "-0.24" read as a contradiction, and the level is a typical
                // maximum, not a cut-off (the drivers table's note; a new user).
                entry.groups.append(("Moves most with (rank correlation with the difference; + a higher draw favours \(d.variant); above "
                                     + "\(String(format: "%.3f", level)), about the largest |ρ| chance alone gives among \(Fmt.count(d.drivers.count, "input"))"
                                     + " and \(Fmt.count(d.paired, "draw")))",
                                     drivers.isEmpty ? ["no input above that level: none stands out from chance"]
                                        : drivers.map { "\($0.input) \(String(format: "%+.2f", $0.rankCorrelation))"
                                            + (abs($0.rankCorrelation) < 1.1 * level ? " (near that level: may be chance)" : "") }))
            }
            return entry
        }
    }

    /// `variants` (distribution of each variant's figures), `differences`
    /// (each variant against the first, paired by draw; only with two variants
    /// or more), `drivers` (each drawn input's rank correlation with each
    /// difference; with `differences`) and `open_share`; then `answers` (its summary in
    /// words, `summaryDataTable`) when it has one (a comparison: each variant against the
    /// one it is paired with).
    public static func simulationDataTables(_ h: SimulationHeader, _ s: SimulationSummary) -> [DataTable] {
        let entries = simulationSummaryEntries(s)
        return zip(["variants"] + (s.differences.isEmpty ? [] : ["differences", "drivers"]) + ["open_share"], simulationTables(h, s)).map { $1.data($0) }
            + (entries.isEmpty ? [] : [summaryDataTable(title: simulationSummaryHeading, lead: simulationSummaryLead, entries: entries, notes: [])])
    }

    // MARK: Explain

    /// `posts` (the most marginal first) and `countries`.
    public static func explainDataTables(_ e: Explanation) -> [DataTable] {
        zip(["posts", "countries"], explainTables(e)).map { $1.data($0) }
    }

    public static func explainTables(_ e: Explanation) -> [Table] {
        // Forced posts have no regret: they come last, by id (an analyst read "the most marginal
        // first" over a list of forced posts in id order).
        let order = e.posts.allSatisfy { $0.forced != nil } ? "every decision forced, so none ranked: by id"
            : e.posts.contains { $0.forced != nil } ? "the most marginal first (smallest regret; forced posts last)" : "the most marginal first"
        var posts = Table(title: "Posts of \(e.plan.scenario), variant \(e.plan.variant), \(order)",
                          columns: [.init("Post", .left), .init("Where", .left), .init("Decision", .left), .init("Yearly cost"), .init("Cases"),
                                    .init("From abroad"), .init("Value carried"), .init("Regret")])
        let sorted = e.posts.sorted { ($0.regret ?? .infinity, $0.id) < ($1.regret ?? .infinity, $1.id) }
        for p in sorted {
            let infeasible = "infeasible" + (p.infeasibleBecause.isEmpty ? "" : " (\(p.infeasibleBecause.joined(separator: ", ")))")
            let regret = p.forced.map { "forced \($0.rawValue)" } ?? (p.regret.map { $0.isInfinite ? infeasible : Fmt.money($0) } ?? (p.regretUnproven ? "not proven" : "–"))
            posts.rows.append([p.id, [p.city, p.country].compactMap { $0 }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: ", "),
                               p.decision.rawValue.replacingOccurrences(of: "_", with: " "), Fmt.money(p.cost), Fmt.money(p.cases), Fmt.money(p.casesFromAbroad),
                               Fmt.money(p.valueCarried), regret])
        }
        posts.rawRows = sorted.map { p in
            [p.id, p.decision.rawValue, Fmt.plain(p.cost), Fmt.plain(p.cases), Fmt.plain(p.casesFromAbroad), Fmt.plain(p.valueCarried),
             p.forced != nil ? "" : (p.regret.map { $0.isInfinite ? "" : Fmt.plain($0) } ?? ""),
             p.forced == nil && (p.regret?.isInfinite ?? false) ? "true" : "false", p.city ?? "", p.country, p.regretUnproven ? "true" : "false",
             p.infeasibleBecause.joined(separator: ";")]
        }
        posts.notes = ["Regret: how much the net benefit drops if the decision were forced the other way (one re-solve per post; \(Fmt.count(e.solves, "solve")))"
                       + (e.posts.contains { $0.forced == nil && ($0.regret?.isInfinite ?? false) }
                          ? "; \"infeasible\": no plan keeps the rules with the post decided the other way (for example a post of a group "
                            + "whose other post is forced open, or one the budget or a coverage rule needs); in brackets, the rules the smallest "
                            + "relaxation breaks with the post decided the other way (one re-solve with every rule violable at a price and "
                            + "the post's decision kept, counted here)." : ".")
                       + (e.posts.contains(where: \.regretUnproven)
                          ? " \"Not proven\": the re-solve stopped (time limit, --gap) before proving its optimum: \(Fmt.count(e.posts.filter(\.regretUnproven).count, "post")) without a regret; give each solve more time." : ""),
                       "Yearly cost: what the post costs the plan a year: running (and, when opened, opening) costs for a post open, "
                       + "its closing cost spread over the horizon for a post closed, nothing for a candidate not opened."]
        // A variant that forces every post has no regret to give (an analyst asked it what
        // Havana was worth): say where to ask.
        if !e.posts.isEmpty, e.posts.allSatisfy({ $0.forced != nil }) {
            posts.notes[0] = "Every decision of \(e.plan.variant)\(e.plan.changes.isEmpty ? "" : " (with the command-line changes)") is forced, so none "
                + "has a regret: explain a variant that leaves the posts free (one forcing only the post in question\(e.plan.changes.isEmpty ? "" : ", without the --set that forces the others")) "
                + "to see what each decision is worth, or compare the variants that force it each way."
        }
        var countries = Table(title: "Why each country has its presence", columns: [
            .init("Country", .left), .init("Presence", .left), .init("Value"), .init("of full"), .init("Why", .left)])
        countries.rows = e.countries.map { [$0.id, $0.presence.rawValue, Fmt.money($0.value), Fmt.money($0.fullValue), $0.reason] }
        countries.rawRows = e.countries.map { [$0.id, $0.presence.rawValue, Fmt.plain($0.value), Fmt.plain($0.fullValue), $0.reason] }
        posts.fields = ["post", "decision", "cost", "cases", "cases_from_abroad", "value_carried", "regret", "forcing_infeasible", "city", "country", "regret_unproven",
                        "infeasible_because"]
        countries.fields = ["country", "presence", "value", "full_value", "reason"]
        posts.moneyFields = ["cost", "value_carried", "regret"]
        countries.moneyFields = ["value", "full_value"]
        return [posts, countries]
    }

    public static func renderExplain(_ e: Explanation, as format: OutputFormat) -> String {
        let all = explainTables(e)
        let (posts, countries) = (all[0], all[1])
        let sorted = e.posts.sorted { ($0.regret ?? .infinity, $0.id) < ($1.regret ?? .infinity, $1.id) }
        switch format {
        case .json:
            return JSONValue.object([
                ("scenario", .string(e.plan.scenario)), ("variant", .string(e.plan.variant)),
            ] + changes(e.plan.changes) + [
                ("currency", .string(e.plan.currency)), ("net_benefit", .number(e.plan.netBenefit)),
                ("posts", .array(sorted.map { p in
                    .object([("id", .string(p.id)), ("city", p.city.map(JSONValue.string) ?? .null), ("country", .string(p.country)),
                             ("decision", .string(p.decision.rawValue)), ("cost", .number(p.cost)),
                             ("cases", .number(p.cases)), ("cases_from_abroad", .number(p.casesFromAbroad)),
                             ("value_carried", .number(p.valueCarried)),
                             // regret: the loss if forced the other way; null when forced, or when the other way is infeasible (then forcing_infeasible)
                             ("regret", p.forced != nil ? .null : (p.regret.map { $0.isInfinite ? .null : .number($0) } ?? .null)),
                             ("forcing_infeasible", .bool(p.forced == nil && (p.regret?.isInfinite ?? false))),
                             ("infeasible_because", .array(p.infeasibleBecause.map(JSONValue.string))),
                             ("regret_unproven", .bool(p.regretUnproven)),
                             ("forced", p.forced.map { .string($0.rawValue) } ?? .null)])
                })),
                ("countries", .array(e.countries.map { .object([("id", .string($0.id)), ("presence", .string($0.presence.rawValue)),
                                                                ("value", .number($0.value)), ("reason", .string($0.reason))]) })),
            ]).stamped("explanation").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(posts.data("posts"))
        case .markdown: return MarkdownRenderer.render(posts) + "\n" + MarkdownRenderer.render(countries)
        case .table: return TextRenderer.render(posts) + "\n" + TextRenderer.render(countries)
        }
    }
}

extension SweepHeader {
    /// Number of existing posts (open count = existing − closed + opened).
    var existingPosts: Int { existing_posts }
}

// MARK: Margins

extension AnalysisReport {
    /// A figure for the tables: grouped whole money from 1,000, four significant digits
    /// below; −0 (a file's `-0`) as 0 ("Value now -0", "no flip in -0–300": a hostile pass).
    static func number(_ x: Double) -> String { x == 0 ? "0" : abs(x) >= 1000 ? Fmt.money(x) : String(format: "%.4g", x) }

    /// A margins row's stated range as the tables and the summary show it, "low–high": each
    /// end as `number` gives it, with more digits where that rounding would put a point the
    /// row names (the value now, the flip, the reversal on the other side, a tie's break) on
    /// the end or across it. A discrete range from 1,000.4 beside a flip at 1,000.2 read
    /// "1,000–…" with "flip outside": ends of 1,000 and more were rounded to whole money.
    /// Nil without a stated range.
    static func statedRange(_ r: MarginsResult.Row) -> String? {
        guard let s = r.stated else { return nil }
        let points = [r.current, r.flipsAt, r.flipsOtherSide, r.tieBreaksAt, r.tieBreaksOtherSide].compactMap { $0 }
        return "\(rangeEnd(s.lowerBound, beside: points))–\(rangeEnd(s.upperBound, beside: points))"
    }

    /// A margins row's value now as the tables and the summary show it: `number`, with the
    /// digits `rangeEnd(_:beside:)` adds where a flip, a break or a stated end would read on it.
    static func valueNow(_ r: MarginsResult.Row) -> String {
        rangeEnd(r.current, beside: [r.flipsAt, r.flipsOtherSide, r.tieBreaksAt, r.tieBreaksOtherSide, r.stated?.lowerBound, r.stated?.upperBound].compactMap { $0 })
    }

    /// `end` as `number` shows it, or with as many more digits (up to six decimals, or ten
    /// significant below 1,000) as it takes for no point of `points` other than `end` itself
    /// to lie between `end` and the value shown, or on it.
    static func rangeEnd(_ end: Double, beside points: [Double]) -> String {
        if end == 0 { return "0" }   // −0 too
        func hides(_ shown: Double) -> Bool {
            shown != end && points.contains { $0 != end && min(end, shown) <= $0 && $0 <= max(end, shown) }
        }
        if abs(end) >= 1000 {
            for d in 0...6 {
                let k = pow(10, Double(d)), shown = (end * k).rounded() / k
                guard hides(shown), d < 6 else {
                    if d == 0 { return number(end) }
                    var t = Fmt.grouped(end, decimals: d)
                    while t.hasSuffix("0") { t.removeLast() }
                    if t.hasSuffix(".") { t.removeLast() }
                    return t
                }
            }
        }
        for digits in 4...10 {
            let t = String(format: "%.\(digits)g", end)
            if digits == 10 || !hides(Double(t) ?? end) { return t }
        }
        return number(end)
    }

    /// A flip point and its change, shown to the precision the search has (it brackets
    /// each flip to 0.1% of the larger of the value now and the flip): both rounded to
    /// the same decimals, so that "flips at" minus "value now" reads as the change (an
    /// analyst saw a cap of 372 "flip at 368" beside a change of −3.966).
    /// `outward`: the flip is the first value found with the other answer (a budget's flip,
    /// where a tie breaks), so it is rounded away from the value now, never onto a value on
    /// the near side that still gives the old answer (a tie breaking at 1,000.02 read "breaks
    /// at 1,000", where the two still tie: a hostile pass).
    static func flipPoint(_ x: Double, current: Double, outward: Bool = false) -> (flip: String, change: String) {
        let resolution = 0.001 * max(abs(current), abs(x))
        var decimals = resolution > 0 ? max(0, min(6, -Int(floor(log10(resolution))))) : 0
        func rounded(_ v: Double) -> Double { let k = pow(10, Double(decimals)); return (v * k).rounded() / k }
        func away(_ v: Double) -> Double {
            let k = pow(10, Double(decimals)), scaled = v * k
            // (a value already at the rounding stays: 7,000 is not pushed to 7,001)
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return scaled.rounded() / k }
            return (v > current ? scaled.rounded(.up) : scaled.rounded(.down)) / k
        }
        // A flip within the rounding of the value now keeps its direction: more decimals.
        while decimals < 6, x != current, rounded(x) == rounded(current) { decimals += 1 }
        let flip = outward ? away(x) : rounded(x), change = flip - rounded(current)
        func text(_ v: Double) -> String {
            if decimals == 0 || v == v.rounded() { return number(v.rounded()) }
            var t = Fmt.grouped(v, decimals: decimals)
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }   // 8.0000001 at 2 decimals: "8", not "8."
            return t
        }
        return (text(flip), (change > 0 ? "+" : "") + text(change))
    }

    /// A comparison as a title names it: its name, or for `--variants` (named "variants") the
    /// variants compared ("(variants, against keep-havana-government)" read as if "variants"
    /// were a comparison: a new user).
    static func comparisonTitle(_ name: String, _ variants: [String]) -> String {
        guard name == "variants", !variants.isEmpty else { return name }
        var seen = Set<String>()
        return variants.filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    public static func marginsTable(_ m: MarginsResult) -> Table {
        var t = Table(title: "What flips the answer (\(comparisonTitle(m.comparison, m.rows.map(\.question.variant))), against \(m.baseline)): one input at a time, "
                      + (m.order == .chance ? "likeliest flip first (by the share of the input's own stated distribution beyond it; then flips of inputs without one; then those whose draws do not reach it; each by the change in %)"
                                            : "nearest flip first (by the change in %)"),
                      columns: [.init("Answer", .left), .init("Input", .left), .init("Unit", .left), .init("Value now"), .init("Flips at"),
                                .init("Change"), .init("Change %"), .init("Stated range", .left), .init("Share beyond"), .init("What", .left)])
        var raws: [[String]] = []
        var held: [String] = []
        for r in m.rows {
            let q = label(r.question)
            let baseline = r.baselineValue.map(number) ?? (r.baselineUnset ? "none" : nil)
            if let v = baseline {
                held.append("\(r.input): \(r.question.variant) assumes \(number(r.current)), \(m.baseline) \(v)")
            }
            let now = valueNow(r) + (baseline.map { " (baseline \($0))" } ?? "")
            let stated = statedRange(r).map { $0 + statedVerdict(r) } ?? "–"
            let unit = MarginsResult.unit(ofInput: r.input, currency: m.currency, capacityInUnits: m.capacityInUnits)
            // A row of money (EUR a year, EUR a case, EUR once) reads as money in a workbook.
            let cur = m.currency.trimmingCharacters(in: .whitespaces).isEmpty ? "money" : m.currency
            if let u = unit, u.hasPrefix(cur + " ") || u.hasPrefix(cur + ",") { t.moneyRows.insert(t.rows.count) }
            t.rows.append([q, r.input, unit ?? "", now] + flipCells(r) + [stated, (r.flipsAt != nil || r.tieBreaksAt != nil) && r.change != nil ? r.chanceBeyond.map { Fmt.percent($0) } ?? "–" : "",
                                                                          r.label ?? ""])
            raws.append([q, r.input, Fmt.plain(r.current), r.flipsAt.map(Fmt.plain) ?? "", r.change.map(Fmt.plain) ?? "",
                         r.relativeChange.map(Fmt.plain) ?? "", r.stated.map { Fmt.plain($0.lowerBound) } ?? "",
                         r.stated.map { Fmt.plain($0.upperBound) } ?? "", r.withinStated.map { $0 ? "true" : "false" } ?? "",
                         r.chanceBeyond.map(Fmt.plain) ?? "", r.chanceNoPlan.map(Fmt.plain) ?? "", Fmt.plain(r.searched.lowerBound), Fmt.plain(r.searched.upperBound),
                         r.baselineValue.map(Fmt.plain) ?? "", r.flipsAt == nil ? "" : (r.tie ? "true" : "false"), r.tiedNow ? "true" : "false",
                         r.baselineUnset ? "true" : "false", r.source ?? "", unit ?? "",
                         r.bounded ? "true" : "false", r.unsettled.map { Fmt.plain($0.lowerBound) } ?? "", r.unsettled.map { Fmt.plain($0.upperBound) } ?? "",
                         r.whole ? "true" : "false", r.step.map(Fmt.plain) ?? "", r.tiedFrom.map(Fmt.plain) ?? "", r.flipsPast.map(Fmt.plain) ?? "",
                         r.statedDrawn.map { $0 ? "true" : "false" } ?? "", r.flipsOtherSide.map(Fmt.plain) ?? "",
                         r.tieBreaksAt.map(Fmt.plain) ?? "", r.tieBreaksBy.map(Fmt.plain) ?? "", r.flipsOtherSidePast.map(Fmt.plain) ?? "",
                         r.tieBreaksPast.map(Fmt.plain) ?? "", r.tieBreaksOtherSide.map(Fmt.plain) ?? "", r.tieBreaksOtherSideBy.map(Fmt.plain) ?? "",
                         r.tieBreaksOtherSidePast.map(Fmt.plain) ?? "", r.statedFactors.map { Fmt.plain($0.lowerBound) } ?? "",
                         r.statedFactors.map { Fmt.plain($0.upperBound) } ?? "", r.label ?? ""])
        }
        t.rawRows = raws
        // bounded: proven between the values solved (else known only at them); unsettled:
        // the nearest stretch where a nearer flip is not ruled out (the text's caveats).
        t.fields = ["answer", "input", "current", "flips_at", "change", "relative_change", "stated_low", "stated_high",
                    "within_stated", "chance_beyond", "chance_no_plan", "searched_low", "searched_high", "baseline_value", "tie", "tied_now",
                    "baseline_unset", "source", "unit", "bounded", "unsettled_low", "unsettled_high", "whole", "step", "tied_from", "flips_past", "stated_drawn", "flips_other_side",
                    "tie_breaks_at", "tie_breaks_by", "flips_other_side_past", "tie_breaks_past", "tie_breaks_other_side", "tie_breaks_other_side_by",
                    "tie_breaks_other_side_past", "stated_factor_low", "stated_factor_high", "label"]
        t.shareFields = ["relative_change", "chance_beyond", "chance_no_plan"]
        t.notes = (m.withoutPlan.isEmpty ? [] : [Self.withoutPlanNote(m)]) + ["Now: " + m.questions.map(\.now).joined(separator: "; ") + ".",
                   "Each flip is bracketed to \(Fmt.percent(m.tolerance, decimals: 1)) of the input's value (or of the flip, if larger); \(Fmt.count(m.solves, "solve")) in \(String(format: "%.1f", m.seconds)) s. "
                   + (m.rows.contains { $0.whole && $0.flipsAt != nil } ? "A count (diplomats, closures, openings) is solved at whole values only: it flips at the first whole value with the other answer. " : "")
                   + (m.rows.first { $0.step != nil && !$0.whole && $0.flipsAt != nil }.map { r in "The diplomat figures are multiples of \(Fmt.written(r.step!)): the diplomat cap and a post's diplomats are solved at those multiples only, and flip at the first one with the other answer. " } ?? "")
                   + (m.rows.first { $0.flipsPast != nil && $0.flipsAt != nil }.map { r in
                       let (e, x) = (r.flipsPast!, r.flipsAt!)
                       return "Diplomats between two of those values answer as one of them: a cap as the lower (it leaves that room), a post's figure as the higher (it needs that room); "
                           + "so \(r.input), for one, flips at \(Fmt.figure(x)) and at every value between it and \(Fmt.figure(e)) "
                           + "(\"from \(x < e ? "below" : "above") \(Fmt.figure(e))\"; JSON and CSV flips_past \(Fmt.figure(e))); "
                           + "farther out the answer may come back. " } ?? "")
                   + "Stated range: the scenario's uncertainty section, drawn or not. Share beyond: the share of the input's stated distribution at which the answer is reversed"
                   + (m.rows.contains { $0.tieBreaksAt != nil } ? " (for a tie now, at which the tie is broken, either side winning)" : "") + ", one input at a time: "
                   + "of a discrete distribution, its values solved one by one; of a continuous one, read off the values solved in its range (the value now, the search's, the range's ends), "
                   + "each change between two of them bisected to 0.1% of the draws, so that a reversal on either side and a return seen by the search count (a reversal and return between "
                   + "two values solved is not seen); for a count or a diplomat figure with a continuous distribution, each of its values the draws reach solved "
                   + "and weighted by the draws that take its room (the share past the flip when they are more than 64)."
                   // An analyst read "no flip in 0–0.75" as "never"; the answer flipped at 0.79.
                   + (m.rows.contains { $0.flipsAt == nil && !$0.tiedNow } ? " \"No flip in LO–HI\": none in the range searched; a flip beyond it is not looked for "
                      + "(dipnet tipping --param PATH --range LO..HI searches any range)." : "")]
        // Where each flipping input's stated range comes from: the row an analyst quotes
        // carries its source (the full list is in -f csv or json, column `source`).
        var sourced: [String] = [], named = Set<String>()
        for r in m.rows where r.flipsAt != nil {
            guard let s = r.source, named.insert(r.input).inserted else { continue }
            sourced.append("\(r.input): \(s)")
        }
        // An input that reverses the answer on both sides of the value now: the nearer is the
        // row's flip; the other is said, since "Share beyond" counts the share past both.
        var both: [String] = [], bothSeen = Set<String>()
        for r in m.rows {
            guard let x = r.flipsAt, let y = r.flipsOtherSide, bothSeen.insert("\(label(r.question)) \(r.input)").inserted else { continue }
            let outward = r.question.kind == .savesBudget
            both.append("\(r.input) at \(flipPoint(x, current: r.current, outward: outward).flip) and at \(flipPoint(y, current: r.current, outward: outward).flip) (\(label(r.question)))")
        }
        if !both.isEmpty {
            t.notes.append("Reversed on both sides of the value now: " + both.joined(separator: "; ")
                           + ". Share beyond counts the share past either (JSON and CSV flips_other_side).")
        }
        // Values drawn at which a variant compared has no plan: how much of the input's
        // distribution they are, and how the share beyond read them.
        var noPlan: [String] = [], noPlanSeen = Set<String>()
        for r in m.rows {
            guard let c = r.chanceNoPlan, noPlanSeen.insert("\(label(r.question)) \(r.input)").inserted else { continue }
            noPlan.append("\(r.input) (\(label(r.question))) \(c < 0.001 ? "under 0.1%" : "about " + Fmt.percent(c))")
        }
        if !noPlan.isEmpty {
            t.notes.append("A variant compared has no plan at some values of the stated distribution, so no answer there: "
                           + noPlan.joined(separator: "; ") + " of it, read off the values solved. Share beyond counts those "
                           + "values as not reversed (JSON and CSV chance_no_plan).")
        }
        // A range the file states only within other variants (`within:`) holds in none
        // compared here: the row's "–" would read as no range at all.
        var elsewhere: [String: [String]] = [:]
        for r in m.rows { if let w = r.statedWithin, elsewhere[r.input] == nil { elsewhere[r.input] = w } }
        if !elsewhere.isEmpty {
            t.notes.append("Stated only within other variants (within:), so no stated range or share here: "
                           + elsewhere.sorted { $0.key < $1.key }.map { "\($0.key) (within \($0.value.joined(separator: ", ")))" }.joined(separator: "; ")
                           + ". A comparison of those variants tests the flips against it.")
        }
        // A range stated with `draw: false` is tested here but moves no simulation: said, so
        // that a flip inside it is not read as one the simulation's chance already counts.
        var listed = Set<String>()
        let undrawn = m.rows.filter { $0.statedDrawn == false }.map(\.input).filter { listed.insert($0).inserted }
        if !undrawn.isEmpty {
            t.notes.append("Stated but not drawn (draw: false): " + undrawn.joined(separator: ", ")
                           + ". simulate leaves them out, so its chances do not count a flip inside their ranges; simulate --draw-stated draws them too.")
        }
        if !sourced.isEmpty {
            t.notes.append("Sources of the stated ranges of the inputs that flip an answer, in the uncertainty section's words (its families, grades and sections refer to the scenario's own sources): " + sourced.joined(separator: "; ") + ".")
        }
        // A relative range read as the sources' own: 0.192–0.64 for an accredited share the
        // sources put at 0.12–0.40 (the government's 0.40 × 0.48–1.6).
        var factors: [String] = [], atZero: [String] = [], told = Set<String>()
        for r in m.rows where r.flipsAt != nil || r.tieBreaksAt != nil {
            guard let f = r.statedFactors, told.insert("\(r.input) \(r.current)").inserted else { continue }
            let times = "×\(number(f.lowerBound))–\(number(f.upperBound))"
            if r.stated == nil { atZero.append("\(r.input) (\(times))") }
            else { factors.append("\(r.input) \(times) of \(number(r.current))") }
        }
        if !factors.isEmpty {
            t.notes.append("Stated relative to the value now (the uncertainty section's factors times the value the variant holds, "
                           + "which may differ from the sources' own range): " + factors.joined(separator: "; ") + ".")
        }
        // (the Spanish desk's capacity read "no range" under one answer and 1,200–3,600 under
        // another: a new user)
        if !atZero.isEmpty {
            t.notes.append("Stated relative to the value, which is 0 here, so with no range: " + atZero.joined(separator: "; ")
                           + ". A variant that sets the input has the factors' range around its own value.")
        }
        if !held.isEmpty {
            t.notes.append("Held otherwise by the variant than by the baseline (only the variant's value is moved; the baseline keeps its own): "
                           + Array(Set(held)).sorted().joined(separator: "; ") + ".")
        }
        // Where a flip was not ruled out: inputs of the objective whose bounds the probes
        // did not settle (named with the stretch), and inputs of the constraints, known only
        // at the values tried (named together).
        let open = m.rows.filter { $0.unsettled != nil && $0.bounded }
        if !open.isEmpty {
            t.notes.append("Not ruled out, the nearest stretch on either side where a flip nearer than the one shown (or any flip, where none was found) may lie; others may lie farther: "
                           + open.map { r in "\(r.input) (\(label(r.question))) " + (r.unsettledSides.isEmpty ? [r.unsettled!] : r.unsettledSides)
                                 .map { "between \(number($0.lowerBound)) and \(number($0.upperBound))" }.joined(separator: " and ") }
                               .joined(separator: "; ") + ".")
        }
        let sampled = m.rows.filter { $0.unsettled != nil && !$0.bounded }
        if !sampled.isEmpty {
            let withFlip = Array(Set(sampled.filter { $0.flipsAt != nil }.map(\.input))).sorted()
            let without = Array(Set(sampled.filter { $0.flipsAt == nil }.map(\.input))).sorted()
            var parts: [String] = []
            if !without.isEmpty { parts.append("\"none found\" is not \"no flip\" for " + without.joined(separator: ", ")) }
            if !withFlip.isEmpty { parts.append("the flip shown is the nearest found, and a nearer one between the values tried is not ruled out, for "
                                                + withFlip.joined(separator: ", ")) }
            let budgetOnly = sampled.allSatisfy { $0.question.kind == .savesBudget }
            t.notes.append("Known only at the values tried (no bound between two values solved covers "
                           + (budgetOnly ? "the budget of an optimum" : "an input such as a demand under a min_coverage rule, whose right-hand side moves with it, "
                              + "nor the budget of an optimum") + "): " + parts.joined(separator: "; ") + ".")
        }
        // The budget answers: what they read, and why no bound holds for them.
        if m.questions.contains(where: { $0.kind == .savesBudget }) { t.notes.append(budgetNote) }
        if m.rows.contains(where: { $0.tie && $0.flipsAt != nil }) {
            t.notes.append(tieNote)
        }
        let tiedOnTheWay = m.rows.compactMap { r in tiedOnTheWayItem(r).map { "\(r.input) (\(label(r.question))) \($0)" } }
        if !tiedOnTheWay.isEmpty { t.notes.append(tiedOnTheWayNote(tiedOnTheWay)) }
        if m.rows.contains(where: \.tiedNow) {
            t.notes.append(tiedNowNote)
        }
        if let note = unaskedNote(m) { t.notes.append(note) }
        if !m.limitsWithRoom.isEmpty {
            t.notes.append("Not searched, since every plan compared leaves room under them: "
                           + m.limitsWithRoom.map { "\($0.path) (\($0.room))" }.joined(separator: "; ")
                           + ". A limit lowered below what the plans use can still change the answer (and a post's diplomats move it only "
                           + "through the cap): " + m.limitsWithRoom.map { "--param \($0.path)" }.joined(separator: " ") + " searches "
                           + (m.limitsWithRoom.count == 1 ? "it" : "them") + ".")
        }
        let refused = m.rows.compactMap { r in r.refused.map { "\(r.input) (\(label(r.question))): \($0)" } }
        if !refused.isEmpty {
            t.notes.append("Values a variant refuses were not searched: the search of these inputs stops there, and a \"no flip\" or a flip holds up to it: " + refused.joined(separator: "; ") + ".")
        }
        return t
    }

    /// "Not asked: what flips the decisions of the 14 posts a free optimum decides otherwise
    /// than … (…); --answers all asks them too …", or nil when every such decision was asked.
    static func unaskedNote(_ m: MarginsResult) -> String? {
        guard !m.unaskedDecisions.isEmpty else { return nil }
        let n = m.unaskedDecisions.count
        // As --answers takes them: a post whose id is an answer's name as post:ID.
        let givable = m.unaskedDecisions.map { Margins.reservedAnswers.contains($0) ? "post:\($0)" : $0 }
        let listed = n <= 40 ? givable.joined(separator: ", ") : givable.prefix(40).joined(separator: ", ") + " and \(n - 40) more (JSON decisions_not_asked lists every one)"
        return "Not asked: what flips the decision\(n == 1 ? " of the post" : "s of the \(n) posts") a free optimum decides otherwise than "
            + "\(m.baseline) (\(listed)); --answers all asks \(n == 1 ? "it" : "them") too (a longer search), --answers with \(n == 1 ? "its id" : "one of these") "
            + "\(n == 1 ? "that one" : "that one alone")."
    }

    /// What a budget answer reads (`--answers budget`), under a margins table or section
    /// that holds one.
    public static let budgetNote = "Budget (\"VARIANT budget vs baseline\", --answers budget): whether the variant's optimum still costs the budget less than the baseline's, "
        + "in cost net of income, one-off costs spread over the horizon (compare's \"Cost net of income\", its \"Cost\" in a format version 1 file, "
        + "which has no income; + saved). It is the budget of the plan "
        + "of best net benefit the solver returns, which among plans of equal net benefit may be any, and no bound holds for it: "
        + "its flips are those found at the values solved (each the first value found with the other answer), and \"none found\" is not \"no flip\". "
        + "compare VARIANTS --effect --set PATH=VALUE reads it at any value moved in every variant alike (a row whose variant holds its own "
        + "value, \"Held otherwise\" below, moves that variant's alone)."

    static func label(_ q: MarginsResult.Question) -> String {
        switch q.kind {
        case .beatsBaseline: "\(q.variant) vs baseline"
        case .savesBudget: "\(q.variant) budget vs baseline"
        case .postDecision(let p): "\(p) in \(q.variant)"
        }
    }

    /// A margins row's flip, change and relative change as shown, or "no flip in LO–HI"
    /// and two blanks.
    static func flipCells(_ r: MarginsResult.Row) -> [String] {
        if let x = r.tieBreaksAt, let by = r.tieBreaksBy {
            let shown = flipPoint(x, current: r.current, outward: true)
            return ["tie now; breaks at \(shown.flip) (" + (fromPast(x, r.tieBreaksPast).map { "\($0); " } ?? "") + "\(winner(r.question, by)))",
                    shown.change, r.relativeChange.map(changePercent) ?? "–"]
        }
        guard let x = r.flipsAt, r.change != nil else {
            return [noFlip(r), "", ""]
        }
        let shown = flipPoint(x, current: r.current, outward: r.question.kind == .savesBudget)
        return [shown.flip + flipSuffix(r), shown.change, r.relativeChange.map(changePercent) ?? "–"]
    }

    /// What a row's stated range says of its flip: " (flip inside)", " (flip outside)",
    /// " (flip outside; reversed inside at 8.011)" when only the reversal on the other side of
    /// the value now lies inside (the row read "(flip inside)" beside a flip outside it),
    /// " (flip inside; also reversed inside at 2, from above 1.5)" when both do, " (range past
    /// the flip)" or " (flip outside, reversed in part of it)" when only the share beyond
    /// finds it reversed there (`sharedOnly`); for a tie now the same with "break" and
    /// "broken"; empty without a verdict.
    static func statedVerdict(_ r: MarginsResult.Row) -> String {
        guard let inside = r.withinStated else { return "" }
        let own = r.ownWithinStated
        let word = r.flipsAt == nil ? "break" : "flip"
        guard let other = otherSideInside(r) else {
            // Reversed in the range by its share, the flip itself outside it.
            if inside, !own { return " (\(sharedOnly(r)))" }
            return inside ? " (\(word) inside)" : " (\(word) outside)"
        }
        // The other side's reversal (or break) is named whenever the range reaches it, the
        // share beyond counting it: "58.3% beyond" a flip at the range's very end read as a
        // share of nothing (a hostile pass).
        return own ? " (\(word) inside; also \(other))" : " (\(word) outside; \(other))"
    }

    /// A row reversed inside its stated range by its share alone, the flip (or break) and the
    /// other side's outside it: "range past the flip" when the range lies wholly past it (a
    /// value now outside its own range), else "flip outside, reversed in part of it" (a flip
    /// known to its bracket, just outside a range the bisected share finds reversed in).
    static func sharedOnly(_ r: MarginsResult.Row) -> String {
        let tie = r.flipsAt == nil
        let word = tie ? "break" : "flip"
        if let st = r.stated, let x = r.flipsAt ?? r.tieBreaksAt, MarginsResult.Row.liesPast(st, x, current: r.current) { return "range past the \(word)" }
        return "\(word) outside, \(tie ? "broken" : "reversed") in part of it"
    }

    /// The reversal on the other side of the value now (or, for a tie now, the break there)
    /// when the stated range reaches it: "reversed inside at 3, from below 4", "broken beyond
    /// 7,995, baseline ahead" (a range wholly past it); else nil.
    static func otherSideInside(_ r: MarginsResult.Row) -> String? {
        guard let st = r.stated, r.withinStated == true else { return nil }
        let tie = r.flipsAt == nil
        guard let o = tie ? r.tieBreaksOtherSide : r.flipsOtherSide else { return nil }
        // Held (as `otherSideWithinStated` reads it), or the range wholly past it with a share
        // reversed (a tie broken throughout 7,000–7,990 from 7,995).
        let past = tie ? r.tieBreaksOtherSidePast : r.flipsOtherSidePast
        let held = r.otherSideWithinStated
        guard held || (MarginsResult.Row.liesPast(st, o, current: r.current) && (r.chanceBeyond ?? 0) > 0) else { return nil }
        return (tie ? "broken " : "reversed ") + (held ? "inside at " : "beyond ")
            + flipPoint(o, current: r.current, outward: tie || r.question.kind == .savesBudget).flip + (fromPast(o, past).map { ", \($0)" } ?? "")
            + (tie ? r.tieBreaksOtherSideBy.map { ", \(winner(r.question, $0))" } ?? "" : "")
    }

    /// A relative change (a fraction) as a signed percentage to one decimal, or to two
    /// significant digits under 0.05% ("+0.012%": a flip 0.01% away read "+0.0%").
    public static func changePercent(_ fraction: Double) -> String {
        let pct = fraction * 100
        guard pct != 0, abs(pct) < 0.05 else { return String(format: "%+.1f%%", pct) }
        let decimals = min(8, 1 - Int(floor(log10(abs(pct)))))
        return String(format: "%+.\(decimals)f%%", pct)
    }

    /// What follows a flip in its cell (text table and HTML report): " (tie)", or a tie met
    /// on the way, " (ties at 11.5 first)" (a new user read "Flips at 3" and found the tie
    /// at 4 only in the note below the table).
    /// A diplomat figure flipping past a lattice value (`flipsPast`) says from where:
    /// "293 (from below 294)", since a cap of 293.5 leaves the room of 293 (an analyst would
    /// otherwise quote 293 as the nearest flip; "293 (293.5 too)" read as noise to a new
    /// user). From below 294, not at every value below it: the answer may come back farther
    /// out (the Havana cap flips at 237 and keeping leads again at 220–221; a new user's
    /// check). The parts share one bracket.
    static func flipSuffix(_ r: MarginsResult.Row) -> String {
        let parts = (r.tie ? ["tie"] : [])
            + (r.flipsAt.flatMap { fromPast($0, r.flipsPast) }.map { [$0] } ?? [])
            + (r.tiedFrom.map { ["ties at \(flipPoint($0, current: r.current).flip) first"] } ?? [])
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// "from below 294" for a diplomat figure answering at `x` and at every value between it
    /// and its lattice edge `e` (`Row.flipsPast`, `tieBreaksPast`, `flipsOtherSidePast`), or
    /// nil without an edge.
    static func fromPast(_ x: Double, _ e: Double?) -> String? {
        e.map { "from \(x < $0 ? "below" : "above") \(Fmt.figure($0))" }
    }

    /// "ties at T, flips at F" for a row with a tie met on the way (`tiedFrom`), else nil.
    static func tiedOnTheWayItem(_ r: MarginsResult.Row) -> String? {
        guard let t = r.tiedFrom, let x = r.flipsAt else { return nil }
        return "ties at \(flipPoint(t, current: r.current).flip), flips at \(flipPoint(x, current: r.current).flip)"
    }

    /// The note under a table with ties met on the way, naming them (`items`).
    static func tiedOnTheWayNote(_ items: [String]) -> String {
        "A tie on the way to the flip (the two answers equally good within the solver's tolerance, 1e-7 of the net benefit, "
            + "nearest the value now; the other side wins only from the flip, and in between the answer may come back): "
            + items.joined(separator: "; ") + "."
    }

    /// A row without a flip: "no flip in LO–HI" when every stretch of the range was shown
    /// to keep the answer, "none found in LO–HI" when a stretch was left open (`unsettled`).
    static func noFlip(_ r: MarginsResult.Row) -> String {
        let range = "\(number(r.searched.lowerBound))–\(number(r.searched.upperBound))"
        switch noFlipKind(r) {
        case .notSearched: return tiedNowCell
        case .tiedThroughout: return tiedThroughoutPrefix + range
        case .proved: return "no flip in " + range
        case .noneFound: return "none found in " + range
        }
    }

    /// How the search left a row without a flip: proved free of one over the range searched,
    /// none found at the values tried (a flip between them not ruled out), a tie now and at
    /// every value tried, or a tie now not searched (no plan to search from).
    enum NoFlipKind { case proved, noneFound, tiedThroughout, notSearched }

    /// The kind of a row without a flip (`noFlip`'s cell, the summary's counts).
    static func noFlipKind(_ r: MarginsResult.Row) -> NoFlipKind {
        if r.tiedNow { return r.searched.lowerBound == r.searched.upperBound ? .notSearched : .tiedThroughout }
        return r.unsettled == nil ? .proved : .noneFound
    }

    /// The cell of a row whose answer is a tie now with no plan to search from (nothing searched).
    static let tiedNowCell = "tie now: not searched"
    /// The start of the cell of a row whose answer is a tie now and at every value tried.
    static let tiedThroughoutPrefix = "tie now: a tie at every value tried in "

    /// Who wins where a tie breaks, from the answer's sign there (`Row.tieBreaksBy`): the
    /// variant or the baseline ahead, the variant saving or costing the budget more, the post
    /// opened or closed.
    static func winner(_ q: MarginsResult.Question, _ by: Double) -> String {
        switch q.kind {
        case .beatsBaseline: by > 0 ? "\(q.variant) ahead" : "baseline ahead"
        case .savesBudget: by > 0 ? "\(q.variant) saves" : "\(q.variant) costs more"
        case .postDecision: by > 0 ? "opens" : "closes"
        }
    }

    /// Whether a text cell says the row has no flip (proved, not found, a tie throughout, or
    /// not searched). A tie now that breaks is not counted: its row says where.
    static func isNoFlip(_ cell: String) -> Bool {
        cell.hasPrefix("no flip in ") || cell.hasPrefix("none found in ") || cell == tiedNowCell || cell.hasPrefix(tiedThroughoutPrefix)
    }

    /// The note under a table with a "(tie)" flip.
    static let tieNote = "(tie): there the answer becomes a tie within the solver's tolerance (1e-7 of the net benefit): a lead falls "
        + "within it, or, for a post's decision, a plan that decides the post otherwise is as good. At the values solved beyond it, "
        + "up to the end of the range searched, the other side never wins outright: the answer becomes a tie, not the other side's "
        + "win, and which of the equally good plans the solver returns there is arbitrary; its share beyond is of the values at "
        + "the tie or past it. (An answer reversed beyond the band of ties is a flip, shown where the lead crosses 0 or the decision changes.)"
    /// The note under a table with an answer that is a tie now.
    static let tiedNowNote = "Tie now: the answer is a tie within the solver's tolerance (1e-7 of the net benefit), between the "
        + "variants' net benefits or, for a post's decision, between the best plans that open and close it (for a budget answer, "
        + "1e-7 of the baseline's cost net of income: the two cost the budget the same, as when a rule only the variant sets does not "
        + "bind yet); so there is no answer to flip. Where the tie breaks is searched instead: \"breaks at X (who)\" is the value "
        + "nearest the value now found where one side wins outright (on each side, values tried nearest first at fixed fractions of "
        + "the way to the range's end, then bisected; known only at the values tried, a break between two ties not seen); \"a tie at "
        + "every value tried\" means none was found. (\"Not searched\": no plan now to search from.)"

    /// Above this many inputs without a flip, the text table names them in a note
    /// instead of a row each.
    static let maxNoFlipRows = 12

    /// Words wrapped to lines of at most `width` characters.
    static func wrapped(_ text: String, width: Int) -> String { TextRenderer.wrapNote(text, width: width) }

    /// The variants compared without a plan now, which have no answer to flip.
    static func withoutPlanNote(_ m: MarginsResult) -> String {
        "Without a plan now, so with no answer to flip and no row: " + listedWithoutPlan(m.withoutPlan)
            + " (`dipnet solve FILE --variant NAME` says which rules cannot be met)."
    }

    /// The pairs' note on the variants left out for want of a plan (text and HTML).
    static func pairsWithoutPlanNote(_ m: MarginsPairs) -> String {
        "Without a plan now, so with no answer to flip: " + listedWithoutPlan(m.withoutPlan) + "."
    }

    /// The variants without a plan now, with their status: "nob (infeasible), …" (margins and pairs).
    static func listedWithoutPlan(_ list: [(variant: String, status: String)]) -> String {
        list.map { "\($0.variant) (\($0.status))" }.joined(separator: ", ")
    }

    /// The margins as the JSON `dipnet margins -f json` writes (before its stamp).
    public static func marginsJSON(_ m: MarginsResult) -> JSONValue {
            JSONValue.object([
                ("kind", .string("margins")), ("scenario", .string(m.scenario)),
            ] + changes(m.changes) + [
                ("comparison", .string(m.comparison)), ("baseline", .string(m.baseline)),
                ("now", .array(m.questions.map { .string($0.now) })), ("tolerance", .number(m.tolerance)), ("order", .string(m.order.rawValue)),
                ("answers", .array(answerSummaries(m).map(answerJSON))),
                ("rows", .array(m.rows.map { r in
                    .object([("answer", .string(label(r.question))), ("input", .string(r.input)), ("label", r.label.map(JSONValue.string) ?? .null),
                             ("unit", MarginsResult.unit(ofInput: r.input, currency: m.currency, capacityInUnits: m.capacityInUnits).map(JSONValue.string) ?? .null), ("current", .number(r.current)),
                             ("flips_at", .num(r.flipsAt)), ("flips_past", .num(r.flipsPast)), ("flips_other_side", .num(r.flipsOtherSide)),
                             ("flips_other_side_past", .num(r.flipsOtherSidePast)),
                             ("change", .num(r.change)), ("relative_change", .num(r.relativeChange)),
                             ("bracket", r.bracket.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                             ("searched", .array([.number(r.searched.lowerBound), .number(r.searched.upperBound)])),
                             ("stated", r.stated.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                             ("stated_factors", r.statedFactors.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                             ("source", r.source.map(JSONValue.string) ?? .null), ("stated_drawn", r.statedDrawn.map(JSONValue.bool) ?? .null),
                             ("stated_within", r.statedWithin.map { .array($0.map(JSONValue.string)) } ?? .null),
                             ("within_stated", r.withinStated.map(JSONValue.bool) ?? .null), ("chance_beyond", .num(r.chanceBeyond)),
                             ("chance_no_plan", .num(r.chanceNoPlan)), ("baseline_value", .num(r.baselineValue)), ("baseline_unset", .bool(r.baselineUnset)), ("refused", r.refused.map(JSONValue.string) ?? .null),
                             ("unsettled", r.unsettled.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                             ("unsettled_sides", .array(r.unsettledSides.map { .array([.number($0.lowerBound), .number($0.upperBound)]) })),
                             ("bounded", .bool(r.bounded)), ("tie", .bool(r.tie)), ("tied_from", .num(r.tiedFrom)), ("tied_now", .bool(r.tiedNow)),
                             ("tie_breaks_at", .num(r.tieBreaksAt)), ("tie_breaks_by", .num(r.tieBreaksBy)), ("tie_breaks_past", .num(r.tieBreaksPast)),
                             ("tie_breaks_other_side", .num(r.tieBreaksOtherSide)), ("tie_breaks_other_side_by", .num(r.tieBreaksOtherSideBy)),
                             ("tie_breaks_other_side_past", .num(r.tieBreaksOtherSidePast)),
                             ("whole", .bool(r.whole)), ("step", .num(r.step)),
                             ("solves", .integer(r.solves))])
                })),
                ("solves", .integer(m.solves)),
            ] + (m.withoutPlan.isEmpty ? [] : [("without_plan", .array(m.withoutPlan.map {
                .object([("variant", .string($0.variant)), ("status", .string($0.status))]) }))])
              + (m.limitsWithRoom.isEmpty ? [] : [("limits_not_searched", .array(m.limitsWithRoom.map {
                .object([("input", .string($0.path)), ("variant", .string($0.variant)), ("used", .number($0.used)), ("limit", .number($0.limit)),
                         ("room", .string($0.room))]) }))])
              + (m.unaskedDecisions.isEmpty ? [] : [("decisions_not_asked", .array(m.unaskedDecisions.map(JSONValue.string)))]))
    }

    /// One answer's summary as the JSON's `answers` holds it: the words of the text's
    /// summary with each input's path, so that a script can find its row (the row of the same
    /// `answer` and `input`) and quote the summary without parsing the text.
    static func answerJSON(_ s: AnswerSummary) -> JSONValue {
        let (asks, post): (String, String?) = switch s.question.kind {
        case .beatsBaseline: ("lead", nil)
        case .savesBudget: ("budget", nil)
        case .postDecision(let p): ("post", p)
        }
        func items(_ list: [AnswerSummary.Item]) -> JSONValue {
            .array(list.map { .object([("input", .string($0.input)), ("text", .string($0.text))]) })
        }
        return .object([
            ("answer", .string(s.answer)), ("variant", .string(s.question.variant)), ("asks", .string(asks)),
            ("post", post.map(JSONValue.string) ?? .null), ("now", .string(s.now)), ("tied_now", .bool(s.tiedNow)),
            ("budget_saved", .num(s.question.budgetSaved)), ("recurring_saved", .num(s.question.recurringSaved)),
            ("flips_inside_stated", items(s.inside)), ("flips_outside_stated", items(s.outside)),
            ("flips_no_range_stated", items(s.unstated)), ("flips_into_tie", items(s.tied)),
            ("no_flip", .integer(s.noFlip)), ("none_found", .integer(s.noneFound)),
            ("tied_throughout", .integer(s.tiedThroughout)), ("not_searched", .integer(s.notSearched)),
        ])
    }

    /// The summary (`answerSummaries`) as a tidy table, `answers`: for the workbook, the data
    /// package and `--table answers`, which had the rows but not the answer in words (JSON
    /// has it as `answers`). One row per answer's state now (`part` "now", with the budget
    /// figures), one per input of each group (`part` as JSON's group keys:
    /// `flips_inside_stated`, `flips_outside_stated`, `flips_no_range_stated`,
    /// `flips_into_tie`; every input, not the first six; `input` with `answer` names its row
    /// of the `margins` or `flips` table), and one for the inputs without a flip, counted
    /// (`part` "without_flip"). Money a year in the scenario's currency.
    public static func answersTable(_ m: MarginsResult) -> DataTable {
        let money = moneyAYear(m.currency)
        var t = DataTable(name: "answers", title: summaryHeading, fields: [
            .init("answer", .string, "the answer, as the tables name it"), .init("variant", .string),
            .init("asks", .string, "lead (who is ahead in net benefit), budget (whether the variant costs the budget less) or post (a post's decision)"),
            .init("post", .string, "the post whose decision, for asks = post"),
            .init("part", .string, "now (the answer in words); flips_inside_stated, flips_outside_stated, flips_no_range_stated, "
                  + "flips_into_tie (an input that reverses it, by its stated range; breaks_tie_… for an answer tied now, whose inputs "
                  + "break the tie); without_flip (the inputs without one, counted); no_plan (a variant compared without a plan now)"),
            .init("input", .string, "the input's path, for a flip (with answer, its row in the margins or flips table)"),
            .init("text", .string, "in words, as the text output's summary gives it"),
            .init("now_brief", .string, "on the now row, the answer in one cell as the tables give it: the lead (+ the variant ahead), "
                  + "the budget saved, or the post's decision"),
            .init("flips_at", .number, "for an input: where it reverses the answer (or breaks a tie now), as its row gives it"),
            .init("share_beyond", .number, "for an input flipping inside its stated range: the share of its stated distribution beyond the flip", isShare: true),
            .init("tied_now", .boolean, "whether the answer is a tie now (its inputs break the tie)"),
            .init("budget_saved", .number, "\(money): what the variant's optimum costs the budget less than the baseline's, on the now row of a lead", isMoney: true),
            .init("recurring_saved", .number, "\(money): the same once the one-off closing and opening costs are paid", isMoney: true),
        ])
        for s in answerSummaries(m) {
            let (asks, post): (String, String?) = switch s.question.kind {
            case .beatsBaseline: ("lead", nil)
            case .savesBudget: ("budget", nil)
            case .postDecision(let p): ("post", p)
            }
            func row(_ part: String, _ input: String?, _ text: String, budget: Bool = false) -> [DataTable.Cell] {
                // (the input's row, for its figures: a script had to join the flips table on answer and input)
                let r = input.flatMap { i in m.rows.first { $0.question == s.question && $0.input == i } }
                return [.text(s.answer), .text(s.question.variant), .text(asks), post.map(DataTable.Cell.text) ?? .empty, .text(part),
                 input.map(DataTable.Cell.text) ?? .empty, .text(text),
                 budget ? .text(s.question.brief) : .empty,
                 (r.flatMap { $0.flipsAt ?? $0.tieBreaksAt }).map(DataTable.Cell.number) ?? .empty,
                 (r.flatMap { $0.withinStated == true ? $0.chanceBeyond : nil }).map(DataTable.Cell.number) ?? .empty,
                 .bool(s.tiedNow),
                 budget ? s.question.budgetSaved.map(DataTable.Cell.number) ?? .empty : .empty,
                 budget ? s.question.recurringSaved.map(DataTable.Cell.number) ?? .empty : .empty]
            }
            t.rows.append(row("now", nil, s.now, budget: true))
            // An answer tied now has its inputs break the tie, not flip it: its parts say so
            // (filtered on part alone, the breaks read as flips: a hostile pass).
            let verb = s.tiedNow ? "breaks_tie" : "flips"
            for (part, items) in [("inside_stated", s.inside), ("outside_stated", s.outside),
                                  ("no_range_stated", s.unstated), ("into_tie", s.tied)] {
                for item in items { t.rows.append(row("\(verb)_\(part)", item.input, item.text)) }
            }
            if let rest = summaryRest(s) { t.rows.append(row("without_flip", nil, rest)) }
        }
        // A variant compared without a plan now has no answer: a row says so (the table
        // dropped it without a word where the other formats named it: a hostile pass).
        for w in m.withoutPlan {
            t.rows.append([.text("\(w.variant) vs baseline"), .text(w.variant), .empty, .empty, .text("no_plan"), .empty,
                           .text("\(w.variant) has no plan now (\(w.status)), so no answer to flip"), .empty, .empty, .empty, .bool(false), .empty, .empty])
        }
        return t
    }

    /// The margins in `format`; `compact` (after a comparison, `compare --flips`) counts
    /// the inputs with no flip instead of naming each (`dipnet margins` names them).
    public static func renderMargins(_ m: MarginsResult, as format: OutputFormat, compact: Bool = false) -> String {
        let t = marginsTable(m)
        switch format {
        case .json: return marginsJSON(m).stamped("margins").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(t.data("margins"))
        case .markdown:
            guard compact, let flipColumn = t.columns.firstIndex(where: { $0.header.contains("Flips at") }) else { return MarkdownRenderer.render(t) }
            // After a comparison, the rows without a flip are counted, not listed (an analyst's
            // memo export ran to 150 rows, most of them "no flip" or "none found").
            var shown = t
            shown.rows = t.rows.filter { !isNoFlip($0[flipColumn]) }
            let left = t.rows.count - shown.rows.count
            if left > 0 {
                shown.notes.insert("\(left) more row\(left == 1 ? "" : "s") without a flip in the range searched (\"no flip\", \"none found\" or a tie now) "
                                   + "are left out here: `dipnet margins` lists every row, and `-f csv --table flips` gives them as data.", at: 0)
            }
            return MarkdownRenderer.render(shown)
        case .table:
            // One table per answer, so that neither the answer nor the input is cut.
            let answers = m.questions.map(label)
            var out = t.title.map { TextRenderer.wrapNote($0, width: 100) + "\n" } ?? "\n"
            // The inputs' words ("What") under each table, not as a column: at a terminal's
            // width the column cut the stated ranges.
            for a in answers {
                var part = Table(title: "\n" + a, columns: Array(t.columns.dropFirst().dropLast()))
                let mine = t.rows.filter { $0.first == a }
                part.rows = mine.map { Array($0.dropFirst().dropLast()) }
                let words = Dictionary(mine.map { ($0[1], $0.last ?? "") }, uniquingKeysWith: { x, _ in x })
                // Many inputs that cannot flip the answer (an uncertainty section drawn for
                // other questions) are listed by name under the flips, not a row each.
                let still = part.rows.filter { isNoFlip($0[3]) }
                if still.count > maxNoFlipRows {
                    part.rows.removeAll { isNoFlip($0[3]) }
                    // Proved flip-free, not found at the values tried, and not searched are
                    // named apart: one sentence for all read as proof of the other two.
                    let groups: [(String, (String) -> Bool)] = [
                        ("No flip anywhere in the range searched (given for each; bounded between the values solved)",
                         { $0.hasPrefix("no flip in ") }),
                        ("None found at the values tried in the searched range (a flip between them not ruled out)", { $0.hasPrefix("none found in ") }),
                        ("A tie now and at every value tried", { $0.hasPrefix(tiedThroughoutPrefix) }),
                        ("Not searched (a tie now, no plan to search from)", { $0 == tiedNowCell }),
                    ]
                    // Each with the range it was searched over: one cut short (no plan, a value
                    // refused) read as searched over 0–3× the value now.
                    let more = part.rows.isEmpty ? "" : "more "
                    part.notes = groups.compactMap { title, matches in
                        let names = still.filter { matches($0[3]) }.map { r in
                            r[3] == tiedNowCell ? r[0] : "\(r[0]) (\(r[3].replacingOccurrences(of: "no flip in ", with: "").replacingOccurrences(of: "none found in ", with: "").replacingOccurrences(of: tiedThroughoutPrefix, with: "")))"
                        }
                        if compact, !names.isEmpty {
                            return wrapped("\(title): \(names.count) \(more)input\(names.count == 1 ? "" : "s") (dipnet margins names them).", width: 100)
                        }
                        return names.isEmpty ? nil : wrapped("\(title), \(names.count) \(more)input\(names.count == 1 ? "" : "s"): "
                                                             + names.joined(separator: ", ") + ".", width: 100)
                    } + (compact ? [] : [wrapped("Each alone with --param; every row in -f markdown, csv or json.", width: 100)])
                }
                let named = part.rows.compactMap { r in words[r[0]].flatMap { $0.isEmpty ? nil : "\(r[0]) = \($0)" } }
                if !named.isEmpty { part.notes.insert(wrapped("What they are: " + named.joined(separator: "; ") + ".", width: 100), at: 0) }
                if !part.rows.isEmpty { out += TextRenderer.render(part, width: 160) }
                else if !part.notes.isEmpty { out += (part.title ?? "") + "\n" + part.notes.joined(separator: "\n") + "\n" }
            }
            return out + "\n" + t.notes.map { TextRenderer.wrapNote($0, width: 100) }.joined(separator: "\n") + "\n"
        }
    }
}

// MARK: Alternatives and robust posts

extension AnalysisReport {
    public static func alternativesTables(_ h: AlternativesRun.Header, _ records: [AlternativesRun.Record]) -> [Table] {
        var t = Table(title: h.around.isEmpty
                        ? "Networks within \(Fmt.percent(h.slack ?? 0, decimals: 1)) of the optimum (\(h.explore)), variant \(h.variant)"
                        : "The best networks that decide \(h.around.joined(separator: ", ")) otherwise, variant \(h.variant)",
                      columns: [.init("Network", .left), .init("Net benefit"), .init("Against optimum"), .init("Cost"), .init("Coverage"),
                                .init("Changes", .left)])
        t.rows.append(["optimum", Fmt.money(h.optimum_net_benefit), "0", h.optimum_cost.map(Fmt.money) ?? "",
                       h.optimum_coverage.map { Fmt.percent($0) } ?? "", "–"])
        var raws: [[String]] = [["optimum", Fmt.plain(h.optimum_net_benefit), "0", h.optimum_cost.map(Fmt.plain) ?? "",
                                 h.optimum_coverage.map(Fmt.plain) ?? "", "", ""]]
        for r in records {
            guard let nb = r.net_benefit else {
                // Infeasible under the slack row: no such network is that close to the optimum.
                let slack = r.status == "infeasible" ? h.slack : nil
                let withinSlack = slack != nil
                let why = slack.map { "none within \(Fmt.percent($0, decimals: 1)) (\(Fmt.money($0 * abs(h.optimum_net_benefit))) a year)" } ?? "no network"
                t.rows.append([r.label, withinSlack ? "–" : r.status, "", "", "", r.error ?? why])
                raws.append([r.label, "", "", "", "", "", r.status])
                continue
            }
            let changes = r.changed.map { r.open.contains($0) ? "+\($0)" : "−\($0)" }
            t.rows.append([r.label, Fmt.money(nb), Fmt.money(nb - h.optimum_net_benefit), r.cost.map(Fmt.money) ?? "",
                           r.coverage.map { Fmt.percent($0) } ?? "", list(changes, max: 10)])
            raws.append([r.label, Fmt.plain(nb), Fmt.plain(nb - h.optimum_net_benefit), r.cost.map(Fmt.plain) ?? "",
                         r.coverage.map(Fmt.plain) ?? "", changes.joined(separator: ";"), r.status])
        }
        t.rawRows = raws
        t.fields = ["network", "net_benefit", "against_optimum", "cost", "coverage", "changes", "status"]
        t.shareFields = ["coverage"]
        t.moneyFields = ["net_benefit", "against_optimum", "cost"]
        // "+POS" read as an opening to a new author, for an existing post the optimum closes.
        if records.contains(where: { !$0.changed.isEmpty && $0.net_benefit != nil }) {
            t.notes.append("Changes against the optimum: +ID open in that network and closed in the optimum (an existing post kept, or a "
                           + "candidate opened), −ID closed there and open in the optimum.")
        }
        // One sentence per post asked about (it named the first only).
        for (job, post) in h.around.enumerated() {
            let own = records.filter { $0.job == job }
            if let best = own.first(where: { $0.net_benefit != nil }) {
                t.notes.append("Deciding \(post) otherwise costs at least \(Fmt.money(h.optimum_net_benefit - best.net_benefit!)) a year against the optimum.")
            } else if let slack = h.slack, let first = own.first, first.status == "infeasible", first.error == nil {
                t.notes.append("Deciding \(post) otherwise costs more than \(Fmt.money(slack * abs(h.optimum_net_benefit))) a year "
                               + "(\(Fmt.percent(slack, decimals: 1)) of the optimum's net benefit) against the optimum; without --slack the best such network is found at any loss.")
            } else if let first = own.first {
                t.notes.append("No network decides \(post) otherwise (\(first.error ?? first.status)).")
            }
        }
        let services = records.first { !$0.service_coverage.isEmpty }?.service_coverage.keys.sorted() ?? []
        var cov = Table(title: "Coverage by service", columns: [.init("Network", .left)] + services.map { .init($0) })
        for r in records where r.net_benefit != nil {
            cov.rows.append([r.label] + services.map { r.service_coverage[$0].map { Fmt.percent($0) } ?? "–" })
            cov.rawRows = (cov.rawRows ?? []) + [[r.label] + services.map { r.service_coverage[$0].map(Fmt.plain) ?? "" }]
        }
        cov.fields = ["network"] + services.map { "coverage_" + DataTable.snakeCase($0) }
        cov.shareFields = Set(services.map { "coverage_" + DataTable.snakeCase($0) })
        if cov.rawRows == nil { cov.rawRows = [] }
        let summary = AlternativesSummary(header: h, records: records)
        var s = Table(title: summary.networks == 1 ? "The one network found" : "What the \(summary.networks) networks found share", columns: [.init("Posts", .left), .init("Count"), .init("Ids", .left)])
        s.rows = [["open in every network (the data decide them)", "\(summary.alwaysOpen.count)", list(summary.alwaysOpen, max: 12)],
                  ["closed in every network", "\(summary.alwaysClosed.count)", list(summary.alwaysClosed, max: 12)],
                  ["open in some, closed in others (free)", "\(summary.free.count)", list(summary.free, max: 12)]]
        s.rawRows = [["always_open", "\(summary.alwaysOpen.count)", summary.alwaysOpen.joined(separator: ";")],
                     ["always_closed", "\(summary.alwaysClosed.count)", summary.alwaysClosed.joined(separator: ";")],
                     ["free", "\(summary.free.count)", summary.free.joined(separator: ";")]]
        s.fields = ["posts", "count", "ids"]
        return services.count > 1 ? [t, cov, s] : [t, s]
    }

    public static func renderAlternatives(_ h: AlternativesRun.Header, _ records: [AlternativesRun.Record], as format: OutputFormat) -> String {
        let tables = alternativesTables(h, records)
        switch format {
        case .json:
            let summary = AlternativesSummary(header: h, records: records)
            return JSONValue.object([
                ("kind", .string("alternatives")), ("scenario", .string(h.scenario)), ("variant", .string(h.variant)),
            ] + changes(h.set) + [
                ("slack", .num(h.slack)), ("explore", .string(h.explore)), ("around", .array(h.around.map(JSONValue.string))),
                ("optimum", .object([("net_benefit", .number(h.optimum_net_benefit)), ("open", .array(h.optimum_open.map(JSONValue.string)))]
                                    + (h.optimum_cost.map { [("cost", JSONValue.number($0))] } ?? [])
                                    + (h.optimum_coverage.map { [("coverage", JSONValue.number($0))] } ?? []))),
                ("alternatives", .array(records.map { r in
                    .object([("label", .string(r.label)), ("status", .string(r.status)), ("net_benefit", .num(r.net_benefit)),
                             ("cost", .num(r.cost)), ("coverage", .num(r.coverage)),
                             ("service_coverage", .object(r.service_coverage.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
                             ("changed", .array(r.changed.map(JSONValue.string))), ("open", .array(r.open.map(JSONValue.string)))])
                })),
                ("always_open", .array(summary.alwaysOpen.map(JSONValue.string))),
                ("always_closed", .array(summary.alwaysClosed.map(JSONValue.string))),
                ("free", .array(summary.free.map(JSONValue.string))),
            ]).stamped("alternatives").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(tables[0].data("networks"))
        case .markdown: return tables.map(MarkdownRenderer.render).joined(separator: "\n")
        case .table: return tables.map { TextRenderer.render($0) }.joined(separator: "\n")
        }
    }

    /// `networks`, `service_coverage` (several services only), `summary`.
    public static func alternativesDataTables(_ h: AlternativesRun.Header, _ records: [AlternativesRun.Record]) -> [DataTable] {
        let t = alternativesTables(h, records)
        let names = t.count == 3 ? ["networks", "service_coverage", "summary"] : ["networks", "summary"]
        return zip(names, t).map { $1.data($0) }
    }

    public static func robustTable(_ r: RobustResult) -> Table {
        // Weights as money when they are (≥ 100), else with the digits that tell them apart.
        func weight(_ x: Double) -> String { abs(x) >= 100 || x == 0 ? Fmt.money(x) : String(format: "%.4g", x) }
        let bounds = zip(r.criteria, r.bounds).map { "\($0) \(weight($1.lowerBound))–\(weight($1.upperBound))" }.joined(separator: ", ")
        var t = Table(title: "Core, borderline and exterior posts\(r.coalition ? " in the joint plan" : ""), variant \(r.variant): weights \(bounds)"
                        + (r.order.isEmpty ? "" : "; ranking " + r.order.map { $0.joined(separator: " ≥ ") }.joined(separator: "; ")),
                      columns: [.init("Post", .left), .init("Class", .left), .init("Proven", .left),
                                .init("Open at (\(r.criteria.joined(separator: "/")))", .left),
                                .init("Closed at", .left), .init("Least loss at a vertex"), .init("at", .left), .init("How", .left)])
        func w(_ v: [Double]?) -> String { v.map { $0.map(weight).joined(separator: "/") } ?? "" }
        let order: [RobustResult.Class: Int] = [.borderline: 0, .core: 1, .exterior: 2]
        // The posts named with --posts first (in their order), then by class.
        func rank(_ p: RobustResult.PostLine) -> Int { r.named.firstIndex(of: p.post) ?? r.named.count }
        let posts = r.posts.sorted { (rank($0), order[$0.classification]!, $0.post) < (rank($1), order[$1.classification]!, $1.post) }
        t.rows = posts.map { [$0.post, $0.classification.rawValue, $0.proven ? "yes" : "searched", w($0.openAt), w($0.closedAt),
                              $0.leastLoss.map(Fmt.money) ?? ($0.reversalImpossible ? "no such plan" : ""), w($0.leastLossAt), $0.method] }
        t.rawRows = posts.map { [$0.post, $0.classification.rawValue, $0.proven ? "true" : "false",
                                  $0.openAt.map { $0.map(Fmt.plain).joined(separator: ";") } ?? "",
                                  $0.closedAt.map { $0.map(Fmt.plain).joined(separator: ";") } ?? "",
                                  $0.leastLoss.map(Fmt.plain) ?? "", $0.leastLossAt.map { $0.map(Fmt.plain).joined(separator: ";") } ?? "",
                                  // an empty least_loss is either no reversal solved or none possible: the method says which
                                  $0.method + ($0.reversalImpossible ? "; no plan decides it otherwise at any vertex" : "")] }
        t.fields = ["post", "class", "proven", "open_at", "closed_at", "least_loss", "least_loss_at", "method"]
        let counts = [RobustResult.Class.core, .borderline, .exterior].map { c in "\(r.posts.filter { $0.classification == c }.count) \(c.rawValue)" }
        t.notes = ["\(counts.joined(separator: ", ")); \(r.posts.filter { !$0.proven }.count) only searched. Weight vectors: \(r.criteria.joined(separator: "/")). "
                   + "\(r.vertices.count) vertices; the optimum solved at \(r.weightVectors) weight vectors (vertices, centroid, interior and segment points, regions' vertices); "
                   + "\(Fmt.count(r.solves, "solve")) in all (those, then the solves with a post forced the other way) in \(String(format: "%.1f", r.seconds)) s.",
                   "Least loss at a vertex: over the vertices only, the least by which the best plan with the post forced the other way falls short "
                   + "of the optimum there (money a year); between the vertices the loss can be smaller (a proven class holds there all the same). Proven: one plan with the post as decided "
                   + "beats, at every vertex, every plan that decides it otherwise (the class then holds on the whole weight region); "
                   + "\"proven by pieces\" (up to \(RegionProof.maxPieceDimension) weights) and \"by regions\": the same, piece by piece of the polytope "
                   + "(\"N plans\": the pieces where each plan found is the best of them, each proven at its own vertices) or box by box of the weight box "
                   + "halved again and again (\"N boxes\"), with each one's own plans. "
                   + "Searched: the optimum kept the decision at every vector tried."]
        if r.coalition {
            t.notes[1] = "Least loss at a vertex: over the vertices only, the least by which the best joint plan with the post decided the other way "
                + "(jointly; no state below its own optimum alone, unless its group is the state alone) falls short of the joint optimum there (money a year, the post's group of states); "
                + "\"no such plan\": no joint plan that leaves every state at least as well off as alone decides it otherwise. "
                + "Proven: one joint plan with the post as decided is individually rational at every vertex and beats there every plan of the group "
                + "that decides it otherwise, rational or not (the class then holds on the whole weight region); \"proven by regions\": the same, "
                + "box by box of the weight box halved again and again (\"N boxes\"), with each box's own plans. Searched: the joint optimum kept the decision "
                + "at every vector tried."
        }
        if !r.combinations.isEmpty {
            let total = r.combinations.reduce(0) { $0 + $1.vectors }
            // Each vector is counted once, under exactly the named posts open there.
            func openSet(_ open: [String]) -> String {
                switch open.count {
                case 0: return "none of them open"
                case 1: return "only \(open[0]) open"
                default: return open.dropLast().joined(separator: ", ") + " and \(open.last!) open"
                }
            }
            t.notes.append("The named posts together, at the \(total) weight vectors of the first step (each vector counted once, "
                           + "by which of them are open there; not proven between vectors): "
                           + r.combinations.map { "\(openSet($0.open)) at \($0.vectors)" }.joined(separator: "; ") + ".")
        }
        t.notes += r.notes
        if !r.forced.isEmpty {
            t.notes.append("Not classified, the scenario forces them: \(r.forced.joined(separator: ", ")).")
        }
        // "Proven" was quoted as "robust": it holds over the weights only (an analyst saw the
        // visa penalty flip a "proven core" post inside its own range, in margins).
        t.notes.append("Proven over the weights only: every other input (costs, demand, penalties, shares) is held at its value; "
                       + "`dipnet margins` and `dipnet simulate` move those.")
        return t
    }

    public static func renderRobust(_ r: RobustResult, as format: OutputFormat) -> String {
        let t = robustTable(r)
        switch format {
        case .json:
            let kind = r.coalition ? "coalition-robust" : "robust"
            return JSONValue.object([
                ("kind", .string(kind)), (r.coalition ? "coalition" : "scenario", .string(r.scenario)), ("variant", .string(r.variant)),
            ] + changes(r.changes) + [
                // the order of every weight vector below (vertices, open_at, closed_at)
                ("criteria", .array(r.criteria.map(JSONValue.string))),
                ("weights", .object(zip(r.criteria, r.bounds).map { ($0, .array([.number($1.lowerBound), .number($1.upperBound)])) })),
                ("order", .array(r.order.map { .array($0.map(JSONValue.string)) })),
                ("samples", .integer(r.samples)), ("seed", .string(String(r.seed))),
                ("region_solves", r.regionSolves.map { .integer($0) } ?? .null), ("proof_solves", r.proofSolves.map { .integer($0) } ?? .null),
                ("interrupted", .bool(r.interrupted)),
                ("vertices", .array(r.vertices.map { .array($0.map { .number($0) }) })),
                ("posts", .array(r.posts.map { p in
                    .object([("post", .string(p.post)), ("class", .string(p.classification.rawValue)), ("proven", .bool(p.proven)),
                             ("open_at", p.openAt.map { .array($0.map { .number($0) }) } ?? .null),
                             ("closed_at", p.closedAt.map { .array($0.map { .number($0) }) } ?? .null), ("method", .string(p.method)),
                             ("least_loss", .num(p.leastLoss)), ("least_loss_at", p.leastLossAt.map { .array($0.map { .number($0) }) } ?? .null),
                             ("reversal_impossible", .bool(p.reversalImpossible))])
                })),
                ("forced", .array(r.forced.map(JSONValue.string))),
                ("weight_vectors", .integer(r.weightVectors)), ("solves", .integer(r.solves)),
            ] + (r.coalition || !r.notes.isEmpty ? [("notes", .array(r.notes.map(JSONValue.string)))] : [])
              + (r.coalition ? [("combinations", .array(r.combinations.map { c in
                                   .object([("open", .array(c.open.map(JSONValue.string))), ("vectors", .integer(c.vectors))]) }))] : []))
                .stamped(kind).serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(t.data("posts"))
        case .markdown: return MarkdownRenderer.render(t)
        case .table:
            // With --posts the terminal lists those and the borderline posts: the Benelux
            // analyst's two-post question came back as 523 lines of every post's class.
            guard !r.named.isEmpty else { return TextRenderer.render(t, width: 200) }
            var short = t
            let keep = t.rows.indices.filter { i in r.named.contains(t.rows[i][0]) || t.rows[i][1] == RobustResult.Class.borderline.rawValue }
            short.rows = keep.map { t.rows[$0] }
            short.rawRows = t.rawRows.map { raw in keep.map { raw[$0] } }
            let left = t.rows.count - keep.count
            if left > 0 {
                let core = t.rows.indices.filter { !keep.contains($0) && t.rows[$0][1] == RobustResult.Class.core.rawValue }.count
                short.notes.insert("Listed: the posts of --posts and every borderline post; not listed here, \(core) core and "
                                   + "\(left - core) exterior posts (every post: -f markdown, json or csv).", at: 0)
            }
            return TextRenderer.render(short, width: 200)
        }
    }
}

// MARK: Attribution of a margin to argument lines

extension AnalysisReport {
    /// `dipnet attribute`: one row per line (its Shapley share of the margin, and its
    /// marginal contribution first, last, least and most), with the margins and the
    /// flipping combinations in the notes.
    public static func attributionTable(_ r: AttributionResult) -> Table {
        var t = Table(title: "What each argument line carries of the margin \(r.first) − \(r.second) (money a year)",
                      columns: [.init("Line", .left), .init("Shapley share"), .init("Added first"), .init("Added last"),
                                .init("Least"), .init("Most"), .init("What it switches on", .left)])
        t.rows = r.lines.map { l in
            [l.name, Fmt.money(l.shapley), Fmt.money(l.first), Fmt.money(l.last), Fmt.money(l.least), Fmt.money(l.most), l.description ?? ""]
        }
        t.rawRows = r.lines.map { l in
            [l.name, Fmt.plain(l.shapley), Fmt.plain(l.first), Fmt.plain(l.last), Fmt.plain(l.least), Fmt.plain(l.most), l.description ?? ""]
        }
        t.fields = ["line", "shapley", "added_first", "added_last", "least", "most", "description"]
        t.moneyFields = ["shapley", "added_first", "added_last", "least", "most"]
        let sum = r.lines.reduce(0) { $0 + $1.shapley }
        let winner = { (m: Double) in
            switch r.leader(m) {
            case 1: "\(r.first) ahead by \(Fmt.money(m))"
            case -1: "\(r.second) ahead by \(Fmt.money(-m))"
            default: "a tie (neither ahead)"
            }
        }
        let flips = r.flips
        t.notes = [
            "Without the lines: \(winner(r.none)); \(r.lines.count == 1 ? "with the line" : "with all \(r.lines.count)"): \(winner(r.all)). The Shapley shares add up to the difference, "
                + "\(Fmt.money(sum)) (each line's marginal contribution averaged over every order of switching the lines on; 'least' and 'most' "
                + "show how much the order would change it). \(r.subsets.count) combinations, \(Fmt.count(r.solves, "solve")) in \(String(format: "%.1f", r.seconds)) s.",
            flips.isEmpty
                ? "No combination of the lines changes who is ahead (\(r.subsets.count) combinations solved)."
                : "The smallest combinations that change who is ahead (a tie counts as a change; the larger ones are among the "
                    + "combinations, every one in -f markdown or json): "
                    + flips.map { $0.joined(separator: " + ") }.joined(separator: "; ") + ".",
        ]
        // A share is a line's within this game: the same line took −632,960, −429,226 and
        // −248,569 in three analysts' runs with four, five and six lines.
        if r.lines.count > 1 {
            t.notes.append("A share depends on which lines are in the game (here \(r.lines.map(\.name).joined(separator: ", "))): "
                           + "quote it with them; 'added first' is the line alone.")
        }
        // An analyst read "120000 a year" in a line's description beside its share of 84,000.
        if r.setsInterests {
            t.notes.append("A share is what the line moves in the margin, not the value it sets: an interest valued at a resident post still "
                           + "counts at its own accredited or represented share where the country keeps that presence (each interest states "
                           + "its shares, apart from the presence shares of the scenario's value: 120,000 at an interest's accredited "
                           + "share of 0.3 moves a closure's margin by 84,000).")
        }
        return t
    }

    /// The combinations and their margins, as data.
    static func attributionSubsets(_ r: AttributionResult) -> Table {
        var t = Table(title: "Margin \(r.first) − \(r.second) with each combination of lines",
                      columns: [.init("Lines on", .left), .init("Margin")])
        t.rows = r.subsets.map { [subsetLabel($0.lines, of: r.lines.map(\.name)), Fmt.money($0.margin)] }
        t.rawRows = r.subsets.map { [$0.lines.joined(separator: ";"), Fmt.plain($0.margin)] }
        t.fields = ["lines", "margin"]
        t.moneyFields = ["margin"]
        return t
    }

    /// A combination as read: "(none)", "all 8", "all but a, b" when it leaves out fewer
    /// lines than it holds (listed, seven of eight long names were cut at the table's
    /// width, so the rows "each left out" could not be told apart), else its lines.
    static func subsetLabel(_ on: [String], of all: [String]) -> String {
        if on.isEmpty { return "(none)" }
        if on.count == all.count, all.count > 1 { return "all \(all.count)" }
        let off = all.filter { !on.contains($0) }
        return !off.isEmpty && off.count < on.count ? "all but " + off.joined(separator: ", ") : on.joined(separator: " + ")
    }

    /// Above this many combinations the terminal shows only those an analyst reads first.
    static let maxSubsetRows = 32

    /// The combinations for a terminal: all of them up to `maxSubsetRows`; beyond, none and
    /// all, each line alone and each left out, and every combination whose leader differs
    /// from the margin without lines (256 rows of eight lines ran off an analyst's screen).
    static func attributionSubsetsShown(_ r: AttributionResult) -> Table {
        var t = attributionSubsets(r)
        guard r.subsets.count > maxSubsetRows else { return t }
        let n = r.lines.count
        let leaderNow = r.leader(r.none)
        let flipping = r.subsets.indices.filter { r.leader(r.subsets[$0].margin) != leaderNow }
        // Past half as many, the combinations that put another ahead are the smallest ones only
        // (a line that alone reverses the answer made 256 of 512 rows).
        let smallest = Set(r.flips.map { Set($0) })
        let onlySmallest = flipping.count > maxSubsetRows / 2
        let keep = r.subsets.indices.filter { k in
            let c = r.subsets[k].lines.count
            return c <= 1 || c >= n - 1 || (flipping.contains(k) && (!onlySmallest || smallest.contains(Set(r.subsets[k].lines))))
        }
        guard keep.count < r.subsets.count else { return t }
        t.rows = keep.map { t.rows[$0] }
        t.rawRows = keep.map { t.rawRows![$0] }
        t.notes.append("\(keep.count) of the \(r.subsets.count) combinations: none and all, each line alone and each left out, and "
                       + (onlySmallest ? "the smallest of the \(flipping.count) where " : "those where ")
                       + "another is ahead than without lines; every one in -f markdown or json, or -f csv --table subsets.")
        return t
    }

    public static func renderAttribution(_ r: AttributionResult, as format: OutputFormat) -> String {
        let t = attributionTable(r)
        switch format {
        case .json:
            return JSONValue.object([("kind", .string("attribution")), ("scenario", .string(r.scenario))] + changes(r.changes) + [
                ("first", .string(r.first)), ("second", .string(r.second)),
                ("margin_without_lines", .number(r.none)), ("margin_with_all_lines", .number(r.all)),
                ("lines", .array(r.lines.map { l in
                    .object([("line", .string(l.name)), ("description", l.description.map(JSONValue.string) ?? .null),
                             ("shapley", .number(l.shapley)), ("added_first", .number(l.first)), ("added_last", .number(l.last)),
                             ("least", .number(l.least)), ("most", .number(l.most))])
                })),
                ("subsets", .array(r.subsets.map { s in
                    .object([("lines", .array(s.lines.map(JSONValue.string))), ("margin", .number(s.margin))])
                })),
                ("flips", .array(r.flips.map { .array($0.map(JSONValue.string)) })),
                ("solves", .integer(r.solves)),
            ]).stamped("attribution").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(t.data("lines"))
        case .markdown: return MarkdownRenderer.render(t) + "\n" + MarkdownRenderer.render(attributionSubsets(r))
        case .table: return TextRenderer.render(t, width: 160) + "\n" + TextRenderer.render(attributionSubsetsShown(r), width: 160)
        }
    }
}

// MARK: Margins frontier

extension AnalysisReport {
    /// `margins --param A --across B=LO..HI:N`: one row per value of B and answer, with
    /// A's flip there.
    public static func marginsFrontierTable(_ f: MarginsFrontier) -> Table {
        var t = Table(title: "Where the answer flips in \(f.input) as \(f.across) moves (\(f.comparison), against \(f.baseline))",
                      columns: [.init(f.across), .init("Answer", .left), .init("There"), .init("\(f.input) now"), .init("Flips at"),
                                .init("Change"), .init("Change %")])
        var raws: [[String]] = []
        for p in f.points {
            for r in p.rows {
                let q = label(r.question)
                // (two values 109.999 and 109.9999999 both read "110": a hostile pass)
                t.rows.append([rangeEnd(p.value, beside: f.points.map(\.value) + (f.stepped?.stated.map { [$0.lowerBound, $0.upperBound] } ?? [])),
                               q, r.question.brief, number(r.current)] + flipCells(r))
                raws.append([Fmt.plain(p.value), q, r.question.now, Fmt.plain(r.current), r.flipsAt.map(Fmt.plain) ?? "", r.change.map(Fmt.plain) ?? "",
                             r.relativeChange.map(Fmt.plain) ?? "", Fmt.plain(r.searched.lowerBound), Fmt.plain(r.searched.upperBound),
                             r.refused ?? "", r.flipsAt == nil ? "" : (r.tie ? "true" : "false"), r.tiedNow ? "true" : "false",
                             r.tiedFrom.map(Fmt.plain) ?? "", r.flipsPast.map(Fmt.plain) ?? "", r.tieBreaksAt.map(Fmt.plain) ?? "", r.tieBreaksBy.map(Fmt.plain) ?? ""])
            }
        }
        t.rawRows = raws
        t.fields = ["across_value", "answer", "now", "current", "flips_at", "change", "relative_change", "searched_low", "searched_high", "refused",
                    "tie", "tied_now", "tied_from", "flips_past", "tie_breaks_at", "tie_breaks_by"]
        t.shareFields = ["relative_change"]
        let money = moneyAYear(f.currency)
        t.notes = [wrapped("There: the answer at that value of \(f.across) before \(f.input) moves: the variant's net benefit minus the "
                           + "baseline's (\(money); + the variant leads), the budget it saves for a budget answer (\(money), + saved), or the post's decision. "
                           + "Each row: \(f.across) set to its value in every variant (as --set does), then \(f.input) searched alone for the "
                           + "nearest flip, bracketed to \(Fmt.percent(f.tolerance, decimals: 1)); \(Fmt.count(f.solves, "solve")) in \(String(format: "%.1f", f.seconds)) s. "
                           + "The rows trace the frontier where the answer turns in the plane of the two inputs: on one side of it the answer "
                           + "stands, on the other it flips.", width: 100)]
        if let st = f.stepped { t.notes.insert(wrapped(steppedSentence(f, st) + ".", width: 100), at: 0) }
        if f.points.contains(where: { $0.rows.contains { $0.flipsAt == nil && $0.unsettled != nil } }) {
            t.notes.append(wrapped("\"None found\": no flip at the values tried, but one was not ruled out between them (an input of the "
                                   + "constraints, or bounds the probes did not settle; JSON gives the nearest such stretch, `unsettled`); "
                                   + "\"no flip\": none anywhere in the range searched.", width: 100))
        }
        if f.points.contains(where: { $0.rows.contains { $0.tie && $0.flipsAt != nil } }) { t.notes.append(wrapped(tieNote, width: 100)) }
        if f.points.contains(where: { $0.rows.contains(where: \.tiedNow) }) { t.notes.append(wrapped(tiedNowNote, width: 100)) }
        let tiedOnTheWay = f.points.flatMap { p in p.rows.compactMap { r in tiedOnTheWayItem(r).map { "at \(number(p.value)), \(label(r.question)) \($0)" } } }
        if !tiedOnTheWay.isEmpty { t.notes.append(wrapped(tiedOnTheWayNote(tiedOnTheWay), width: 100)) }
        let refused = Set(f.points.flatMap { $0.rows.compactMap(\.refused) })
        if !refused.isEmpty { t.notes.append(wrapped("Not searched beyond: " + refused.sorted().joined(separator: "; ") + ".", width: 100)) }
        if let missing = frontierWithoutPlanNote(f) { t.notes.append(wrapped(missing, width: 100)) }
        return t
    }

    /// Who is ahead just past a flip of `q`'s answer, the other side of the answer now
    /// (`Question.brief`): "close-havana ahead", "keep-havana ahead", "close-havana costs
    /// the budget more", "HAV closes"; nil for an answer tied now.
    static func aheadPast(_ q: MarginsResult.Question, baseline: String) -> String? {
        switch q.kind {
        case .beatsBaseline: q.brief.hasPrefix("-") ? "\(q.variant) ahead" : q.brief.hasPrefix("+") ? "\(baseline) ahead" : nil
        case .savesBudget: q.brief.hasPrefix("-") ? "\(q.variant) saves the budget" : q.brief.hasPrefix("+") ? "\(q.variant) costs the budget more" : nil
        case .postDecision(let post): q.brief == "open" ? "\(post) closes" : q.brief == "closed" ? "\(post) opens" : nil
        }
    }

    /// "posts.HAV.annual_cost (Havana (HAV): running cost) is 1,048,000 EUR a year now in
    /// keep-havana, its stated range 568,000–1,423,000 EUR a year; 3 of the 4 values stepped
    /// lie inside it": the stepped input as it stands, beside the count over its values stepped.
    static func steppedSentence(_ f: MarginsFrontier, _ st: MarginsFrontier.Stepped) -> String {
        let unit = frontierUnit(f.across, f), values = f.points.map(\.value)
        var text = f.across + (st.label.map { " (\($0))" } ?? "") + " is \(number(st.current))\(unit) now in \(f.baseline)"
        if let r = st.stated {
            let inside = values.filter { st.inside($0) == true }.count
            text += ", its stated range \(steppedRange(f) ?? "")\(unit); "
                + (values.count == 1 ? "the value stepped lies \(inside == 1 ? "inside" : "outside") it"
                   : inside == values.count ? "every value stepped lies inside it"
                   : "\(inside) of the \(values.count) values stepped lie\(inside == 1 ? "s" : "") inside it")
                + (values.contains { st.inside($0) == true && !r.contains($0) } ? " (a value within 1e-9 of an end is at it)" : "")
        } else if let x = st.factorsAtZero {
            // (read "no range stated" of a range stated relative to a value of 0: a hostile pass)
            text += ", its range stated as ×\(number(x.lowerBound))–\(number(x.upperBound)) of its value, none at \(number(st.current))"
        } else if let within = st.within {
            text += ", its range stated within \(within.joined(separator: ", ")) only, not for \(f.baseline)"
        } else {
            text += ", no range stated for it"
        }
        return text
    }

    /// An input's unit after a value in the frontier's words, with its space (" EUR a
    /// year"), a one-off cost's "EUR, once" as " EUR (one-off)" ("is 0 once now", "4,000 EUR,
    /// once now": a hostile pass); empty for a share or a path of no known unit.
    static func frontierUnit(_ path: String, _ f: MarginsFrontier) -> String {
        guard let u = summaryUnit(path, currency: f.currency, capacityInUnits: f.capacityInUnits) else { return "" }
        if u == "once" { return " (one-off)" }
        return " " + (u.hasSuffix(", once") ? String(u.dropLast(6)) + " (one-off)" : u)
    }

    /// A value stepped as the summary shows it: `number`, with the digits `rangeEnd` adds
    /// where an end of the stepped input's stated range would read on it ("at 110 points
    /// (outside 110–150)" of 109.999: a hostile pass).
    static func steppedValue(_ f: MarginsFrontier, _ v: Double) -> String {
        rangeEnd(v, beside: f.stepped?.stated.map { [$0.lowerBound, $0.upperBound] } ?? [])
    }

    /// The stepped input's stated range as the summary shows it, each end with the digits
    /// that tell it from a value stepped or the value now ("13,645 (outside 13,645–23,442)"
    /// of an end at 13,645.32: a new user); nil without one.
    static func steppedRange(_ f: MarginsFrontier) -> String? {
        guard let st = f.stepped, let r = st.stated else { return nil }
        let points = f.points.map(\.value) + [st.current]
        return "\(rangeEnd(r.lowerBound, beside: points))–\(rangeEnd(r.upperBound, beside: points))"
    }

    /// The heading of `margins --across`' summary.
    static let frontierSummaryHeading = "Where the answer flips as the other input moves"

    /// `margins --across`' answers in words: for each answer, at how many of the values of
    /// the input stepped the input searched reverses it, how many of those flips lie inside
    /// its stated range, and the flip at each value (the first six when there are more than
    /// twelve). What the text ends with and Markdown begins with, as margins' summary does.
    static func frontierSummaryEntries(_ f: MarginsFrontier, every: Bool = false) -> [SummaryEntry] {
        var order: [String] = [], byAnswer: [String: [(value: Double, row: MarginsResult.Row)]] = [:]
        // (the baseline named, as --pairs names it: "vs baseline" is the table's row key; a hostile pass)
        func key(_ r: MarginsResult.Row) -> String { r.question.kind == .beatsBaseline ? "\(r.question.variant) vs \(f.baseline)" : label(r.question) }
        for p in f.points {
            for r in p.rows {
                let q = key(r)
                if byAnswer[q] == nil { order.append(q) }
                byAnswer[q, default: []].append((p.value, r))
            }
        }
        // An answer asked only with the searched input held (a post decided otherwise at a
        // range end only) has its own entry: it was in JSON only (a hostile pass).
        for r in (f.atNow.map { [$0] } ?? []).flatMap(\.rows) + f.crossings.flatMap(\.rows) where byAnswer[key(r)] == nil && !order.contains(key(r)) {
            order.append(key(r))
        }
        // (every row of the searched input carries its label: the frontier keeps it once)
        let name = f.inputLabel.map { "\($0) (\(f.input))" } ?? f.input
        let acrossUnit = frontierUnit(f.across, f), inputUnit = frontierUnit(f.input, f)
        /// One value's line: the answer there, then where the input searched reverses it and
        /// who is ahead just past that, each value and flip in its unit, a value outside the
        /// stepped input's stated range marked, and each range named by its input (a new
        /// user read "its stated range" of the other input).
        func line(_ v: Double, _ r: MarginsResult.Row, isNow: Bool, besides: Bool = false) -> String {
            let outside = f.stepped?.inside(v) == false ? " (outside its stated range, \(steppedRange(f) ?? ""))" : ""
            let now = isNow ? (besides ? ", its value now (searched besides the values stepped)" : ", its value now") : ""
            return line("\(f.across) at \(steppedValue(f, v))\(acrossUnit)\(now)\(outside)", r, moving: f.input, unit: inputUnit)
        }
        /// `at`, the answer there, then the flip of `moving` (the row's input) in `unit`.
        func line(_ at: String, _ r: MarginsResult.Row, moving: String, unit inputUnit: String) -> String {
            var item = "\(at): \(r.question.now); "
            if let x = r.flipsAt {
                // (shown as the table and margins' summary show it: the words read 10.34 beside
                // the table's 10.3, and the README quotes margins' 80.1; a new user)
                item += (r.tie ? "into a tie at " : "flips at ") + flipPoint(x, current: r.current, outward: r.question.kind == .savesBudget).flip + inputUnit
                    + (r.relativeChange.map { " (\(changePercent($0)))" } ?? "")
                // (margins' "from below 2" and "ties at 262 first": a hostile pass)
                let notes = (fromPast(x, r.flipsPast).map { [$0] } ?? []) + (r.tiedFrom.map { ["ties at \(flipPoint($0, current: r.current).flip) first"] } ?? [])
                if !notes.isEmpty { item += " (" + notes.joined(separator: "; ") + ")" }
                if !r.tie, let w = aheadPast(r.question, baseline: f.baseline) { item += ", \(w) just \(x < r.current ? "below" : "above") it" }
                // As margins' table says it: a flip outside with a reversal inside on the other
                // side read "inside its stated range" (a hostile pass).
                let verdict = statedVerdict(r)
                if verdict.hasPrefix(" (") {
                    item += "; against the range stated for \(moving), \(statedRange(r) ?? ""): " + verdict.dropFirst(2).dropLast()
                }
            } else if r.tiedNow, r.tieBreaksAt == nil {
                // As the table: a tie at every value tried (the text read "no flip"; a hostile pass).
                item += noFlip(r) + inputUnit
            } else if let x = r.tieBreaksAt {
                // (who wins there, as the table says: a hostile pass)
                // (with its change and margins' verdict, as the flips: a hostile pass)
                item += "the tie breaks at \(flipPoint(x, current: r.current, outward: true).flip)\(inputUnit)"
                    + (r.relativeChange.map { " (\(changePercent($0)))" } ?? "") + (r.tieBreaksBy.map { ", \(winner(r.question, $0))" } ?? "")
                let verdict = statedVerdict(r)
                if verdict.hasPrefix(" (") {
                    item += "; against the range stated for \(moving), \(statedRange(r) ?? ""): " + verdict.dropFirst(2).dropLast()
                }
            } else if r.unsettled != nil {
                // "none found", as the table: a flip between the values tried is not ruled out
                // ("no flip" claimed none anywhere; a hostile pass)
                item += "none found in \(number(r.searched.lowerBound))–\(number(r.searched.upperBound))\(inputUnit) (one between the values tried is not ruled out)"
            } else {
                item += "no flip in \(number(r.searched.lowerBound))–\(number(r.searched.upperBound))\(inputUnit)"
            }
            return item
        }
        return order.map { q in
            let list = byAnswer[q] ?? []
            // A flip into a tie is not a reversal: counted apart, as margins' groups do (a hostile pass).
            let flips = list.filter { $0.row.flipsAt != nil && !$0.row.tie }
            let ties = list.filter { $0.row.flipsAt != nil && $0.row.tie }.count
            // Of the values stepped (the value now, searched besides them, is not counted: a new
            // user read "4 of the 6 values" above seven lines), and of those where the answer is
            // asked when it is not asked at every one (a post decided otherwise at some only;
            // "at 1 of the 1 value … at 1 of it" read oddly).
            let stepped = f.points.count
            let values = list.count == stepped ? "of \(f.across) stepped" : "of \(f.across) where it is asked (of the \(stepped) stepped)"
            var now = name + (list.first.map { ", \(valueNow($0.row))\(inputUnit) now," } ?? "")
                + (list.isEmpty ? ": the answer is asked at none of the values of \(f.across) stepped (no free optimum decides it otherwise there)"
                   : list.count == 1 ? (flips.isEmpty ? " does not reverse it at" : " reverses it at") + " the one value \(values)"
                   : " reverses it at \(flips.count) of the \(list.count) values \(values)")
                + (ties == 0 ? "" : " (and into a tie at \(ties))")
            // (no "inside its stated range nowhere" where nothing flips: a new user)
            if let st = list.first?.row, let range = statedRange(st), !flips.isEmpty {
                let inside = flips.filter { $0.row.withinStated == true }.count
                // ("at 0 of it": a hostile pass; "reversed", since a reversal on the other side of
                // the value now counts, as margins counts it: "inside … at 3" stood over three
                // lines saying "flip outside; reversed inside at 9", a hostile pass)
                now += "; reversed inside its stated range (\(range)\(inputUnit)) " + (flips.count == 1 ? (inside == 1 ? "there" : "not there")
                    : inside == 0 ? "at none of them" : "at \(inside) of them")
            }
            // (over every value stepped, as the table's note: one without a plan was left out
            // of one count and not the other; a hostile pass)
            if let st = f.stepped { now += ". " + steppedSentence(f, st) }
            // The answer and its flip at the stepped input's value now first: the row an
            // analyst reads between two values stepped (a new user).
            let atNow: [String] = f.atNow.map { p in
                if let r = p.rows.first(where: { key($0) == q }) { return [line(p.value, r, isNow: true, besides: true)] }
                // (no plan at the value now: said, as at a value stepped)
                return p.withoutPlan.isEmpty ? [] : ["\(f.across) at \(steppedValue(f, p.value))\(acrossUnit), its value now: " + p.withoutPlan.joined(separator: "; ")]
            } ?? []
            let items = atNow
                + list.map { v, r in line(v, r, isNow: f.atNow == nil && f.stepped?.isNow(v) == true) }
            let shown = items.count > 12 && !every ? Array(items.prefix(summaryItems)) + ["and \(items.count - summaryItems) more (the table lists every one)"] : items
            var groups = shown.isEmpty ? [] : [("At each value: the answer there, then where \(f.input) reverses it", shown)]
            // Where the frontier crosses the searched input's range and its value now: the
            // stepped input searched alone with the other held there.
            let crossing: [String] = f.crossings.map { p in
                let role = p.held == .lowEnd ? ", its stated low end" : p.held == .top ? ", its stated top"
                    : ", its value now" + (f.inputBaseline.map { " (\(f.baseline)'s \(number($0)))" } ?? "")
                let at = "\(f.input) at \(number(p.value))\(inputUnit)\(role)"
                if let r = p.rows.first(where: { key($0) == q }) { return line(at, r, moving: f.across, unit: acrossUnit) }
                // Said, not left out (a range end where a scenario has no plan, or an answer not
                // asked there: a hostile pass).
                if !p.withoutPlan.isEmpty {
                    // (the whole comparison's reason as NoPlanError gives it, or the variants without one)
                    let w = p.withoutPlan.joined(separator: "; ")
                    return "\(at): " + (p.rows.isEmpty && w.hasPrefix("no ") ? w : "no plan for \(w), so no answer there")
                }
                return "\(at): the answer is not asked there (no free optimum decides it otherwise)"
            }
            if !crossing.isEmpty {
                let ends = f.crossings.contains { $0.held != .now }
                groups.append(("With \(f.input) held at \(ends ? "its stated ends and its value now" : "its value now")"
                               + "\(ends ? " (an end set in every variant, as --set does)" : ""): the answer there, then where \(f.across) alone reverses it", crossing))
            }
            return SummaryEntry(answer: q, now: now, groups: groups, rest: nil)
        }
    }

    /// `body` (the frontier table) with its summary: last in text, first in Markdown, not in
    /// the other formats, whose rows hold every figure.
    static func withFrontierSummary(_ body: String, _ f: MarginsFrontier, as format: OutputFormat) -> String {
        let (entries, notes) = frontierSummary(f)
        return withSummary(body, heading: frontierSummaryHeading, lead: frontierSummaryLead(f), entries: entries, notes: notes, as: format)
    }

    /// What the frontier summary's lines are.
    static func frontierSummaryLead(_ f: MarginsFrontier) -> String {
        // (the currency and what a lead is: a new user found them only under the table)
        moneyLead(f.currency) + "A lead is in net benefit, not cash. "
            + "\(f.input) searched alone for its nearest flip at each value of \(f.across), set in every variant as --set does. "
            + "A flip that moves little as \(f.across) moves does not hang on it; one that crosses into or out of the stated range does."
    }

    /// The frontier summary's entries and notes: the values without a plan are noted only
    /// when some answer is stated (else the table's own note says why, without a summary).
    static func frontierSummary(_ f: MarginsFrontier, every: Bool = false) -> (entries: [SummaryEntry], notes: [String]) {
        let entries = frontierSummaryEntries(f, every: every)
        return (entries, entries.isEmpty ? [] : frontierWithoutPlanNote(f).map { [$0] } ?? [])
    }

    /// The frontier's summary as the table `answers` (`summaryDataTable`).
    public static func frontierAnswersTable(_ f: MarginsFrontier) -> DataTable {
        // (every value a row: "and 8 more" is the text's, not a row of a table; a hostile pass)
        let (entries, notes) = frontierSummary(f, every: true)
        return summaryDataTable(title: frontierSummaryHeading, lead: frontierSummaryLead(f), entries: entries, notes: notes)
    }

    /// The values of `--across` where a variant has no plan, so with no row (or fewer rows) there; nil when there are none.
    static func frontierWithoutPlanNote(_ f: MarginsFrontier) -> String? {
        // (in its unit and marked outside the stepped input's range, as the summary's lines: a hostile pass)
        let unit = frontierUnit(f.across, f)
        let missing = f.points.filter { !$0.withoutPlan.isEmpty }.map { p in
            "at \(steppedValue(f, p.value))\(unit)" + (f.stepped?.inside(p.value) == false ? " (outside its stated range)" : "") + ", \(p.withoutPlan.joined(separator: ", "))"
        }
        return missing.isEmpty ? nil : "Without a plan, so with no row there: " + missing.joined(separator: "; ") + "."
    }

    public static func renderMarginsFrontier(_ f: MarginsFrontier, as format: OutputFormat) -> String {
        let t = marginsFrontierTable(f)
        switch format {
        case .json:
            return JSONValue.object([
                ("kind", .string("margins-frontier")), ("scenario", .string(f.scenario)),
            ] + changes(f.changes) + [
                ("comparison", .string(f.comparison)), ("baseline", .string(f.baseline)),
                ("input", .string(f.input)), ("across", .string(f.across)),
                ("input_unit", MarginsResult.unit(ofInput: f.input, currency: f.currency, capacityInUnits: f.capacityInUnits).map(JSONValue.string) ?? .null),
                ("across_unit", MarginsResult.unit(ofInput: f.across, currency: f.currency, capacityInUnits: f.capacityInUnits).map(JSONValue.string) ?? .null),
                ("input_label", f.inputLabel.map(JSONValue.string) ?? .null), ("input_baseline", .num(f.inputBaseline)),
                ("input_stated", f.points.lazy.flatMap(\.rows).first?.stated.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("across_label", f.stepped?.label.map(JSONValue.string) ?? .null), ("across_current", .num(f.stepped?.current)),
                ("across_stated", f.stepped?.stated.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("across_stated_factors", f.stepped?.factorsAtZero.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                ("across_stated_within", f.stepped?.within.map { .array($0.map(JSONValue.string)) } ?? .null),
                ("tolerance", .number(f.tolerance)),
                ("points", .array(f.points.map(frontierPointJSON))),
                ("at_now", f.atNow.map(frontierPointJSON) ?? .null),
                ("crossings", .array(f.crossings.map(frontierPointJSON))),
                ("solves", .integer(f.solves)),
            ]).stamped("margins-frontier").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(t.data("frontier"))
        case .markdown: return MarkdownRenderer.render(t)
        case .table: return TextRenderer.render(t, width: 160)
        }
    }

    /// One point of a frontier in JSON: the value, the answers there in words, and one row
    /// per answer (in the answers' order).
    static func frontierPointJSON(_ p: MarginsFrontier.Point) -> JSONValue {
        .object([("value", .number(p.value))] + (p.held.map { [("held", JSONValue.string($0.rawValue))] } ?? []) + [
            ("now", .array(p.now.map { .string($0) })),
            ("rows", .array(p.rows.map { r in
                .object([("answer", .string(label(r.question))), ("current", .number(r.current)),
                         ("flips_at", .num(r.flipsAt)), ("flips_past", .num(r.flipsPast)), ("change", .num(r.change)),
                         ("within_stated", r.withinStated.map(JSONValue.bool) ?? .null),
                         ("searched", .array([.number(r.searched.lowerBound), .number(r.searched.upperBound)])),
                         ("refused", r.refused.map(JSONValue.string) ?? .null),
                         ("unsettled", r.unsettled.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
                         ("tie", .bool(r.tie)), ("tied_now", .bool(r.tiedNow)), ("tied_from", .num(r.tiedFrom)),
                         ("tie_breaks_at", .num(r.tieBreaksAt)), ("tie_breaks_by", .num(r.tieBreaksBy))])
            })),
            ("solves", .integer(p.solves)),
        ] + (p.withoutPlan.isEmpty ? [] : [("without_plan", .array(p.withoutPlan.map(JSONValue.string)))]))
    }
}

// MARK: Margins pairs

extension AnalysisReport {
    /// `margins --pairs`: one row per pair of inputs that flips an answer together inside
    /// their stated ranges, the likeliest first.
    public static func marginsPairsTable(_ m: MarginsPairs) -> Table {
        var t = Table(title: "Pairs of inputs that flip the answer together inside their stated ranges (\(comparisonTitle(m.comparison, m.answers.map(\.variant))), against \(m.baseline))",
                      columns: [.init("Variant", .left), .init("First input", .left), .init("now → flips at"),
                                .init("Second input", .left), .init("now → flips at"), .init("Way"),
                                .init("Chance"), .init("At the corner")])
        var raws: [[String]] = []
        // ° marks a range stated with draw: false (tested here, not drawn by simulate).
        let undrawn = Set(m.statedNotDrawn)
        func named(_ input: String, alone: Bool) -> String { input + (undrawn.contains(input) ? " °" : "") + (alone ? " *" : "") }
        for p in m.pairs {
            t.rows.append([p.variant, named(p.first, alone: p.firstFlipsAlone), "\(number(p.firstCurrent)) → \(number(p.firstAt))",
                           named(p.second, alone: p.secondFlipsAlone),
                           "\(number(p.secondCurrent)) → \(number(p.secondAt))", Fmt.percent(p.fraction, decimals: 0),
                           p.chance.map { $0 > 0 && $0 < 0.0005 ? "<0.1%" : Fmt.percent($0, decimals: 1) } ?? "–",
                           p.tie ? "0 (tie)" : (Fmt.clean(p.difference) > 0 ? "+" : "") + Fmt.money(p.difference)])
            raws.append([p.variant, p.first, Fmt.plain(p.firstCurrent), Fmt.plain(p.firstEnd), Fmt.plain(p.firstAt), p.second,
                         Fmt.plain(p.secondCurrent), Fmt.plain(p.secondEnd), Fmt.plain(p.secondAt), Fmt.plain(p.fraction),
                         p.chance.map(Fmt.plain) ?? "", Fmt.plain(p.difference), Fmt.plain(p.predicted),
                         undrawn.contains(p.first) ? "false" : "true", undrawn.contains(p.second) ? "false" : "true"])
        }
        t.rawRows = raws
        t.fields = ["variant", "first", "first_current", "first_end", "first_flips_at", "second", "second_current", "second_end",
                    "second_flips_at", "fraction", "chance", "difference_at_corner", "additive_prediction",
                    "first_stated_drawn", "second_stated_drawn"]
        t.notes = m.answers.map { "Now: \($0.now)." }
        if !m.tied.isEmpty { t.notes.append("Tie now, no answer to flip: " + m.tied.joined(separator: ", ") + ".") }
        if !m.withoutPlan.isEmpty {
            t.notes.append(pairsWithoutPlanNote(m))
        }
        let capped = m.qualified > m.solvedCorners
        if m.pairs.isEmpty {
            t.notes.append("No pair flips an answer at the \(Fmt.count(m.solvedCorners, "corner")) solved"
                           + (capped ? " (\(m.qualified) qualified; raise --max-corners)" : "")
                           + "; a corner the additive prediction screened out may still flip (raise --screen).")
        }
        if !m.alone.isEmpty {
            // (the ° held to its input by a no-break space: wrapped, it began a line and read as the note's own mark)
            let alone = m.alone.map { s in
                // (signed as the corner column: "+99,115" where the variant leads; "of its stated
                // distribution", not "of its draws": a range stated with draw: false is not drawn; a new user)
                "\(named(s.input, alone: false).replacingOccurrences(of: " °", with: "\u{00A0}°")) at \(number(s.end)) (\(s.variant): \(s.tie ? "a tie, " : s.difference > 0 ? "+" : "")\(Fmt.money(s.difference))"
                    + (s.flipsAt.map { "; alone it first flips it at \(flipPoint($0, current: s.current).flip)"
                        + (fromPast($0, s.flipsPast).map { " (\($0))" } ?? "") + (s.chance.map { ", \(pairsChance($0)) of its stated distribution beyond" } ?? "") } ?? "") + ")"
            }
            let ties = m.alone.contains { $0.tie }
            t.notes.append(wrapped("Inputs that flip an answer alone at an end of their stated range (with where each first flips it alone and the share of "
                                   + "its stated distribution beyond, margins' own search of it)"
                                   + (ties ? ", or bring it to a tie there (a difference within 1e-7 of the net benefit, the solver's tolerance: "
                                      + "not to the other side; paired as the inputs that flip alone)" : "") + ": "
                                   + alone.joined(separator: "; ") + ". Such an input"
                                   + (m.pairs.contains { $0.firstFlipsAlone || $0.secondFlipsAlone } ? " (* above)" : "") + " is paired only where the other "
                                   + "input carries at least a quarter of the move: the pair flips with it at most 3/4 of the way to its "
                                   + "own flip (read linearly between now and its end).", width: 100))
        }
        if !undrawn.isEmpty {
            t.notes.append(wrapped("° Stated but not drawn (draw: false): " + m.statedNotDrawn.joined(separator: ", ")
                                   + ". Paired within their stated ranges as the others are, but simulate leaves them out, so its chances "
                                   + "do not count these pairs; simulate --draw-stated draws them too.", width: 100))
        }
        if !m.shortened.isEmpty {
            t.notes.append(wrapped("Range ends without a plan for a compared variant: " + m.shortened.joined(separator: "; ") + ".", width: 100))
        }
        if m.noPlanCorners > 0 {
            t.notes.append("\(Fmt.count(m.noPlanCorners, "corner")) solved had no plan for a compared variant and could not be read.")
        }
        t.notes.append(wrapped("Method: each of the \(m.inputs.count) inputs with a stated range alone at each end of it; every pair of them "
                               + "screened by the additive prediction at each corner of their ranges "
                               + "(\(Fmt.count(m.screened, "pair"))); \(Fmt.count(m.qualified, "corner")) predicted to flip or to come within "
                               + "\(Fmt.percent(m.screen, decimals: 0)) of the margin now (with an input that flips alone there: where the other carries a "
                               + "quarter of the move), \(Fmt.money(Double(m.solvedCorners))) of them solved with both inputs set"
                               + (capped ? " (the most promising; --max-corners \(m.maxSolved))" : "")
                               + "; each that flips traced back on the straight line from the values now to the corner (both inputs moved "
                               + "in proportion), to 1% of the way on the flipping side, each eighth of the way there probed for an earlier flip. "
                               + "\"Way\": how far along that line the answer first flips, where both inputs stand at the values shown; \"chance\": "
                               + "the product of the two inputs' chances of a draw at least that far out (their draws are independent); \"at the "
                               + "corner\": the variant's net benefit minus the baseline's with both at their range ends (+: the variant leads there). Strong interaction can "
                               + "screen out a corner that flips, and an input that flips alone only inside its range is not seen as flipping "
                               + "alone. \(Fmt.money(Double(m.solves))) solves in \(String(format: "%.1f", m.seconds)) s.", width: 100))
        if !m.leftOut.isEmpty {
            // (the baseline or the variant may be the one that sets it: "the variant sets" was said
            // of an input only the baseline sets; a hostile pass)
            t.notes.append(wrapped("Left out (\(m.answers.count == 1 ? "the compared variant holds" : "every compared variant holds") another value of "
                                   + (m.leftOut.count == 1 ? "it" : "each") + " than \(m.baseline), one of them setting it): "
                                   + m.leftOut.joined(separator: ", ") + ".", width: 100))
        }
        for (v, inputs) in m.leftOutFor {
            t.notes.append(wrapped("Left out of \(v)'s answer only (\(v) holds another value of " + (inputs.count == 1 ? "it" : "each")
                                   + " than \(m.baseline), one of them setting it; paired for the others'): " + inputs.joined(separator: ", ") + ".", width: 100))
        }
        return t
    }

    public static func renderMarginsPairs(_ m: MarginsPairs, as format: OutputFormat) -> String {
        let t = marginsPairsTable(m)
        switch format {
        case .json:
            return JSONValue.object([
                ("kind", .string("margins-pairs")), ("scenario", .string(m.scenario)),
            ] + changes(m.changes) + [
                ("comparison", .string(m.comparison)), ("baseline", .string(m.baseline)),
                ("answers", .array(m.answers.map { .object([("variant", .string($0.variant)), ("now", .string($0.now)),
                                                              ("difference", .number($0.difference))]) })),
                ("inputs", .array(m.inputs.map { .string($0) })), ("left_out", .array(m.leftOut.map { .string($0) })),
                ("left_out_for", .array(m.leftOutFor.map { .object([("variant", .string($0.variant)), ("inputs", .array($0.inputs.map { .string($0) }))]) })),
            ] + (m.statedNotDrawn.isEmpty ? [] : [("stated_not_drawn", .array(m.statedNotDrawn.map { .string($0) }))])
              + (m.zeroRelative.isEmpty ? [] : [("zero_relative", .array(m.zeroRelative.map { .string($0) })),
                                                ("zero_relative_flips", .array(m.zeroRelativeFlips.map { z in
                                                    .object([("variant", .string(z.variant)), ("input", .string(z.input)), ("current", .number(z.current)),
                                                             ("flips_at", .number(z.flipsAt)), ("inside_stated", .bool(z.inside)), ("chance", .num(z.chance))])
                                                }))]) + [
                ("alone", .array(m.alone.map { s in
                    .object([("variant", .string(s.variant)), ("input", .string(s.input)), ("current", .number(s.current)),
                             ("end", .number(s.end)), ("difference", .number(s.difference)), ("tie", .bool(s.tie)),
                             ("flips_at", .num(s.flipsAt)), ("chance", .num(s.chance))])
                })),
                ("pairs", .array(m.pairs.map { p in
                    .object([("variant", .string(p.variant)),
                             ("first", .object([("input", .string(p.first)), ("current", .number(p.firstCurrent)), ("end", .number(p.firstEnd)),
                                                ("stated_end", .num(p.firstStatedEnd)),
                                                ("flips_at", .number(p.firstAt)), ("flips_alone", .bool(p.firstFlipsAlone))])),
                             ("second", .object([("input", .string(p.second)), ("current", .number(p.secondCurrent)), ("end", .number(p.secondEnd)),
                                                 ("stated_end", .num(p.secondStatedEnd)),
                                                 ("flips_at", .number(p.secondAt)), ("flips_alone", .bool(p.secondFlipsAlone))])),
                             ("fraction", .number(p.fraction)), ("chance", .num(p.chance)),
                             ("difference_at_corner", .number(p.difference)), ("additive_prediction", .number(p.predicted)), ("tie", .bool(p.tie))])
                })),
                ("shortened", .array(m.shortened.map { .string($0) })), ("tied", .array(m.tied.map { .string($0) })),
            ] + (m.withoutPlan.isEmpty ? [] : [("without_plan", .array(m.withoutPlan.map {
                .object([("variant", .string($0.variant)), ("status", .string($0.status))]) }))]) + [
                ("screened", .integer(m.screened)), ("qualified_corners", .integer(m.qualified)), ("solved_corners", .integer(m.solvedCorners)),
                ("no_plan_corners", .integer(m.noPlanCorners)),
                ("screen", .number(m.screen)), ("max_solved", .integer(m.maxSolved)), ("solves", .integer(m.solves)),
            ]).stamped("margins-pairs").serialized() + "\n"
        case .csv, .xlsx, .datapackage: return DataTableCSV.render(t.data("pairs"))
        case .markdown, .table:
            // No pair flips: the title and the notes, without an empty table's header.
            var shown = t
            if t.rows.isEmpty { shown.columns = [] }
            return format == .markdown ? MarkdownRenderer.render(shown)
                : TextRenderer.render(shown, width: 176)   // two input paths and two value pairs a row
        }
    }
}

// MARK: The answer and what pairs of inputs would flip it

extension AnalysisReport {
    /// The heading of `margins --pairs`' summary.
    static let pairsSummaryHeading = "The answer and what pairs of inputs would flip it"

    /// What the pairs summary's lists are.
    static func pairsSummaryLead(_ m: MarginsPairs) -> String {
        return moneyLead(m.currency)
            + "Two inputs at a time, each inside the range the scenario's uncertainty section states for it, moved together on the "
            + "straight line from their values now toward a corner of their ranges, where neither flips the answer alone (or one does, and "
            + "the pair flips it with that input at most 3/4 of the way to its own flip); each pair at "
            + "its first flip on that line (the change in % is each input's to there). The chance is that of independent draws from the "
            + "two stated distributions reaching both values at once: how far out the pair lies, not the chance that the answer is wrong. "
            + "A single input's flip can be likelier than any pair's: the inputs that flip the answer alone at an end of their range are "
            + "named here, each with where it first flips it alone and the share of its stated distribution beyond (margins' own search "
            + "of it, the other inputs at their values now), to weigh against the pairs' chances. The two are different measures, and "
            + "neither is the chance that the answer flips (simulate gives that, every input drawn at once)."
    }

    /// A chance or share as the pairs summary gives it: one decimal, "less than 0.1%" for a
    /// share above 0 that one decimal would show as 0.
    static func pairsChance(_ c: Double) -> String { c > 0 && c < 0.0005 ? "less than 0.1%" : Fmt.percent(c, decimals: 1) }

    /// An input of a pair or a single as the summary names it: its words, or its path.
    static func pairsInputName(_ m: MarginsPairs, _ input: String) -> String { m.labels[input] ?? input }

    /// `x` against the value now `current` as a signed % (nil when the value now is 0).
    static func pairsChange(_ x: Double, from current: Double) -> String? {
        current == 0 ? nil : changePercent((x - current) / abs(current))
    }

    /// One answer of `margins --pairs` in words: the answer now, each pair that flips it
    /// (the table's order, likeliest first) and each input that flips it alone at a range
    /// end, with its line, and the closing line when no pair flips it. What the summary and
    /// the `answers` table are made of.
    struct PairsAnswer {
        var variant: String
        var answer: String
        var now: String
        /// The variant's net benefit minus the baseline's now, money a year.
        var difference: Double
        var tied: Bool
        var pairs: [(pair: MarginsPairs.Pair, text: String)] = []
        var alone: [(single: MarginsPairs.Single, text: String)] = []
        var rest: String? = nil
    }

    /// `margins --pairs`' answers in words (`PairsAnswer`), in the order of `m.answers`.
    static func pairsAnswers(_ m: MarginsPairs) -> [PairsAnswer] {
        let undrawn = Set(m.statedNotDrawn), tied = Set(m.tied)
        func unit(_ input: String) -> String {
            summaryUnit(input, currency: m.currency, capacityInUnits: m.capacityInUnits).map { " " + $0 } ?? ""
        }
        func at(_ input: String, _ x: Double, _ now: Double) -> String {
            "\(pairsInputName(m, input)) at \(number(x))\(unit(input)) (now \(number(now))" + (pairsChange(x, from: now).map { ", \($0)" } ?? "") + ")"
        }
        return m.answers.map { a in
            var now = a.now
            if !tied.contains(a.variant) {
                // A lead is net benefit, not cash (as margins' summary says it).
                now += " in net benefit (value of presence and fees less cost and the penalty for cases left unserved, "
                    + "as the scenario values them: not cash)"
            }
            // (the baseline named: "vs baseline" is the margins table's row key, and this one has none)
            var out = PairsAnswer(variant: a.variant, answer: "\(a.variant) vs \(m.baseline)", now: now, difference: a.difference,
                                  tied: tied.contains(a.variant))
            if out.tied {
                out.rest = "A tie now: no answer to flip, no pair searched"
                return out
            }
            let pairs = m.pairs.filter { $0.variant == a.variant }
            // an input that alone brings the answer to a tie at its end, not to the other side
            let tiesAlone = Set(m.alone.filter { $0.variant == a.variant && $0.tie }.map(\.input))
            out.pairs = pairs.map { p in
                var item = at(p.first, p.firstAt, p.firstCurrent) + " with " + at(p.second, p.secondAt, p.secondCurrent)
                // An end pulled in where a compared scenario has no plan is said so: "their range
                // ends (110,000, …)" of a range stated to 120,000 (a hostile pass).
                if p.firstStatedEnd == nil && p.secondStatedEnd == nil {
                    item += ": \(Fmt.percent(p.fraction, decimals: 0)) of the way to their range ends (\(number(p.firstEnd)), \(number(p.secondEnd)))"
                } else {
                    func end(_ e: Double, _ stated: Double?) -> String {
                        number(e) + (stated.map { " (its range's end, \(number($0)), has no plan for a compared scenario)" } ?? "")
                    }
                    item += ": \(Fmt.percent(p.fraction, decimals: 0)) of the way to the ends searched (\(end(p.firstEnd, p.firstStatedEnd)), "
                        + "\(end(p.secondEnd, p.secondStatedEnd)))"
                }
                if p.tie { item += ", a tie there rather than the other side ahead" }
                if let c = p.chance {
                    item += "; independent draws reach both that far in " + pairsChance(c)
                }
                let notDrawn = [p.first, p.second].filter(undrawn.contains)
                if !notDrawn.isEmpty {
                    item += "; " + notDrawn.map { pairsInputName(m, $0) }.joined(separator: " and ")
                        + (notDrawn.count == 1 ? " is" : " are") + " stated but not drawn by simulate (draw: false)"
                }
                if p.firstFlipsAlone || p.secondFlipsAlone {
                    let lone = [(p.first, p.firstFlipsAlone), (p.second, p.secondFlipsAlone)].filter(\.1).map(\.0)
                    // (listed though one flips alone: the pair needs at most 3/4 of its move; a new
                    // user read the verbless "the pair with it at most 3/4 of the way" twice)
                    func does(_ input: String) -> String { tiesAlone.contains(input) ? "brings it to a tie" : "flips it" }
                    let verb = p.tie ? "ties" : "flips"
                    if lone.count == 1 {
                        item += "; \(pairsInputName(m, lone[0])) alone \(does(lone[0])) at an end of its range, and is paired because the pair \(verb) it with under 3/4 of that move"
                    } else if does(lone[0]) == does(lone[1]) {
                        item += "; each alone \(does(lone[0])) at an end of its range, and they are paired because the pair \(verb) it with under 3/4 of either's move"
                    } else {
                        // (one flips, the other only ties: "each alone flips it" said of a tie; a hostile pass)
                        item += "; \(pairsInputName(m, lone[0])) alone \(does(lone[0])) and \(pairsInputName(m, lone[1])) alone \(does(lone[1])) at an end of "
                            + "its range, and they are paired because the pair \(verb) it with under 3/4 of either's move"
                    }
                }
                return (p, item)
            }
            // The likeliest first, as the pairs (a share unknown last, in the order found).
            let mine = m.alone.filter { $0.variant == a.variant }
            let order = mine.indices.sorted { (-(mine[$0].chance ?? -1), $0) < (-(mine[$1].chance ?? -1), $1) }
            out.alone = order.map { mine[$0] }.map { s in
                var text = "\(pairsInputName(m, s.input)) at \(number(s.end))\(unit(s.input)), an end of its stated range (now \(number(s.current))): "
                    + (s.tie ? "a tie there" : "\(a.variant) \(s.difference > 0 ? "leads by" : "trails by") \(Fmt.money(abs(s.difference))) there")
                if let f = s.flipsAt {
                    // ("3 diplomats (from above 2)": a figure of 2.5 answers as 3; "at 3" beside a
                    // range end of 2.5 where it already flips read as a contradiction: a hostile pass)
                    // (the edge said with or without a change in %: an input at 0 has none)
                    let said = [pairsChange(f, from: s.current), fromPast(f, s.flipsPast)].compactMap { $0 }
                    text += "; alone it first flips it at \(flipPoint(f, current: s.current).flip)\(unit(s.input))"
                        + (said.isEmpty ? "" : " (" + said.joined(separator: "; ") + ")")
                        + (s.chance.map { ", with \(pairsChance($0)) of its stated distribution beyond" } ?? "")
                } else if !s.tie {
                    // (the line lost its flip without a word: a new user)
                    text += "; one-input margins found no flip between its value now and that end to quote"
                }
                // (a pair's line says it; a lone input's did not: a new user)
                if undrawn.contains(s.input) { text += "; stated but not drawn by simulate (draw: false)" }
                return (s, text)
            }
            if pairs.isEmpty {
                // Its own counts, not the run's: a variant that sets every input but one read "at
                // the 1 corner solved" of another variant's corner (a hostile pass).
                let solved = m.solvedFor[a.variant] ?? m.solvedCorners, noPlan = m.noPlanFor[a.variant] ?? 0
                if (m.pairableFor[a.variant] ?? m.inputs.count) < 2 {
                    out.rest = "No pair searched: fewer than two inputs are left to pair for it (it sets the others to its own values)"
                } else {
                    out.rest = "No pair flips it at the \(Fmt.count(solved, "corner")) solved for it"
                        + (noPlan > 0 ? " (\(noPlan) of them without a plan for a compared scenario, so unread)" : "")
                        + (m.qualified > m.solvedCorners ? " (\(m.qualified) qualified in all; raise --max-corners)" : "")
                        + "; a corner the additive prediction screened out may still flip (raise --screen)"
                }
            }
            return out
        }
    }

    /// `margins --pairs`' answers as a summary's entries: what the text ends with and
    /// Markdown begins with, as margins' own summary.
    static func pairsSummaryEntries(_ m: MarginsPairs) -> [SummaryEntry] {
        pairsAnswers(m).map { a in
            var entry = SummaryEntry(answer: a.answer, now: a.now, groups: [], rest: a.rest)
            // A pair that brings the answer to a tie (the other side never ahead at the corner)
            // is its own group: read as "flips", it was taken for a reversal (a hostile pass).
            for (items, verb) in [(a.pairs.filter { !$0.pair.tie }, "flip"), (a.pairs.filter(\.pair.tie), "bring")] where !items.isEmpty {
                let shown = items.prefix(summaryItems).map(\.text)
                let what = verb == "flip" ? "\(items.count == 1 ? "flips" : "flip") it together inside their stated ranges"
                    : "\(items.count == 1 ? "brings" : "bring") it to a tie together inside their stated ranges, the other side never ahead"
                entry.groups.append(("\(Fmt.count(items.count, "pair")) " + what + (items.count == 1 ? "" : ", likeliest first"),
                                     shown + (items.count > shown.count ? ["and \(items.count - shown.count) more (the table lists every one)"] : [])))
            }
            for (items, tie) in [(a.alone.filter { !$0.single.tie }, false), (a.alone.filter(\.single.tie), true)] where !items.isEmpty {
                // (one input at both ends of its range is one input: "2 inputs" listed the same
                // input twice; a hostile pass)
                let count = Set(items.map(\.single.input)).count
                let one = count == 1
                entry.groups.append(("\(Fmt.count(count, "input")) " + (tie ? (one ? "brings" : "bring") + " it to a tie" : (one ? "flips" : "flip") + " it")
                                     + " alone at an end of \(one ? "its" : "their") stated range"
                                     + (tie ? " (dipnet margins gives where)" : (one ? "" : ", likeliest first") + (pairsWeighed(a).map { "; " + $0 } ?? "")),
                                     items.map(\.text)))
            }
            return entry
        }
    }

    /// How the likeliest input that flips an answer alone weighs against the likeliest pair
    /// ("its share beyond its flip (1.0%) is above the likeliest pair's chance (0.9%)"), for
    /// the title of its group and the `answers` table's `weighed`; nil when either has no
    /// chance to weigh.
    static func pairsWeighed(_ a: PairsAnswer) -> String? {
        let one = Set(a.alone.filter { !$0.single.tie }.map(\.single.input)).count == 1
        // Of pairs that flip it (a pair that only ties it is another group), as a lone input
        // that only ties is not weighed; compared as shown, so that "9.5% against 9.5%" is not
        // called larger (a new user).
        guard let c = a.alone.compactMap({ $0.single.tie ? nil : $0.single.chance }).max(),
              let pair = a.pairs.compactMap({ $0.pair.tie ? nil : $0.pair.chance }).max() else { return nil }
        let (shownLone, shownPair) = (pairsChance(c), pairsChance(pair))
        let who = one ? "its" : "the likeliest one's"
        if shownLone == shownPair { return "\(who) share beyond its flip is about the likeliest pair's chance (\(shownLone))" }
        return "\(who) share beyond its flip (\(shownLone)) is \(c > pair ? "above" : "below") the likeliest pair's chance (\(shownPair))"
    }

    /// The pairs summary as a tidy table, `answers` (the workbook's sheet, `--table answers`):
    /// one row per answer now (`part` "now", with `difference`), per pair that flips it
    /// (`part` "pair": `input` and `second_input`, `way` and `chance` as the `pairs` table
    /// gives them), per input that flips it alone at a range end (`part` "alone", `end` the
    /// value there and `difference` there), and one when no pair flips it (`part` "no_pair").
    public static func pairsAnswersTable(_ m: MarginsPairs) -> DataTable {
        let money = moneyAYear(m.currency)
        var t = DataTable(name: "answers", title: pairsSummaryHeading, fields: [
            .init("answer", .string, "the variant against the baseline"), .init("variant", .string),
            .init("part", .string, "now (the answer in words); pair (two inputs that flip it together inside their stated ranges); "
                  + "pair_to_tie (two that bring it only to a tie there); alone (an input that flips it alone at an end of its stated range); "
                  + "alone_to_tie (one that brings it only to a tie there); no_pair (none flips it at the corners solved); "
                  + "tie (a tie now: nothing to flip); no_plan (a variant compared without a plan now); note (what the answers leave out)"),
            .init("input", .string, "the input's path (a pair's first)"), .init("second_input", .string, "a pair's second input's path"),
            .init("text", .string, "in words, as the text output's summary gives it"),
            .init("way", .number, "how far along the line from the values now to the corner the pair first flips it (0-1)", isShare: true),
            .init("chance", .number, "for pair: the share of independent draws from the two stated distributions reaching both values at once; "
                  + "for alone: the share of the input's stated distribution at which it alone reverses the answer (margins' share_beyond)", isShare: true),
            .init("end", .number, "for alone: the end of the input's stated range where it flips the answer"),
            .init("flips_at", .number, "for alone: where the input alone first reverses the answer from its value now (margins' flips_at)"),
            .init("difference", .number, "\(money): the variant's net benefit minus the baseline's, now (now) or with the input at its end (alone)", isMoney: true),
            .init("weighed", .string, "for alone: the likeliest lone input's share beyond its flip beside the likeliest pair's chance, as the summary's heading gives it"),
        ])
        for a in pairsAnswers(m) {
            func row(_ part: String, _ input: String?, _ second: String?, _ text: String, way: Double? = nil, chance: Double? = nil,
                     end: Double? = nil, flipsAt: Double? = nil, difference: Double? = nil, weighed: String? = nil) -> [DataTable.Cell] {
                [.text(a.answer), .text(a.variant), .text(part), input.map(DataTable.Cell.text) ?? .empty, second.map(DataTable.Cell.text) ?? .empty,
                 .text(text), way.map(DataTable.Cell.number) ?? .empty, chance.map(DataTable.Cell.number) ?? .empty,
                 end.map(DataTable.Cell.number) ?? .empty, flipsAt.map(DataTable.Cell.number) ?? .empty, difference.map(DataTable.Cell.number) ?? .empty,
                 weighed.map(DataTable.Cell.text) ?? .empty]
            }
            t.rows.append(row("now", nil, nil, a.now, difference: a.difference))
            // (a pair or lone input that only ties read as a flip in the sheet: a hostile pass)
            for (p, text) in a.pairs { t.rows.append(row(p.tie ? "pair_to_tie" : "pair", p.first, p.second, text, way: p.fraction, chance: p.chance)) }
            let weighed = pairsWeighed(a)
            for (x, text) in a.alone {
                t.rows.append(row(x.tie ? "alone_to_tie" : "alone", x.input, nil, text, chance: x.chance, end: x.end, flipsAt: x.flipsAt, difference: x.difference,
                                  weighed: x.tie ? nil : weighed))
            }
            if let rest = a.rest { t.rows.append(row(a.tied ? "tie" : "no_pair", nil, nil, rest)) }
        }
        for w in m.withoutPlan {
            t.rows.append([.text("\(w.variant) vs \(m.baseline)"), .text(w.variant), .text("no_plan"), .empty, .empty,
                           .text("\(w.variant) has no plan now (\(w.status)), so no answer to flip"), .empty, .empty, .empty, .empty, .empty, .empty])
        }
        // What the answers leave out, as the summary's closing notes (the variants without a
        // plan have their rows above).
        for note in pairsSummaryNotes(m) where m.withoutPlan.isEmpty || note != pairsWithoutPlanNote(m) {
            t.rows.append([.empty, .empty, .text("note"), .empty, .empty, .text(note), .empty, .empty, .empty, .empty, .empty, .empty])
        }
        return t
    }

    /// What the pairs summary's answers leave out: the variants without a plan now, and the
    /// inputs a compared variant sets to its own value (not paired: a new user missed the
    /// Spanish desk's capacity, which flips the assumed-offer answer alone).
    static func pairsSummaryNotes(_ m: MarginsPairs) -> [String] {
        (m.withoutPlan.isEmpty ? [] : [pairsWithoutPlanNote(m)])
            + (m.leftOut.isEmpty ? [] : ["Not paired, since \(m.answers.count == 1 ? "the compared variant holds" : "every compared variant holds") "
                                          + "another value of " + (m.leftOut.count == 1 ? "it" : "each") + " than \(m.baseline), one of them setting it: "
                                          + m.leftOut.map { pairsInputName(m, $0) }.joined(separator: "; ")
                                          + " (dipnet margins searches " + (m.leftOut.count == 1 ? "it" : "them") + " one at a time)."])
            + m.leftOutFor.map { v, inputs in
                "Left out of \(v) vs \(m.baseline) only, since the two hold different values of " + (inputs.count == 1 ? "it" : "each")
                    + " (one of them sets it), and paired for the other answers: " + inputs.map { pairsInputName(m, $0) }.joined(separator: "; ") + "."
            }
            // A capped search can miss a pair: the Method note said so, the summary did not (a hostile pass).
            + (m.qualified > m.solvedCorners && !m.pairs.isEmpty
               ? ["The search solved \(Fmt.count(m.solvedCorners, "corner")) of the \(Fmt.money(Double(m.qualified))) that qualified (--max-corners "
                  + "\(m.maxSolved), the most promising first): a pair may be missing from the lists above."] : [])
            + (m.zeroRelative.isEmpty ? [] : ["Not paired, since " + (m.zeroRelative.count == 1 ? "its range is" : "their ranges are")
                                              + " stated relative to a value that is 0 in \(m.baseline), so empty: "
                                              + m.zeroRelative.map { pairsInputName(m, $0) }.joined(separator: "; ")
                                              + " (dipnet margins searches " + (m.zeroRelative.count == 1 ? "it" : "them")
                                              + " one at a time, around the value a variant sets"
                                              + (m.zeroRelativeFlips.isEmpty ? "" : "; so searched, " + m.zeroRelativeFlips.map { z in
                                                  let unit = summaryUnit(z.input, currency: m.currency, capacityInUnits: m.capacityInUnits).map { " " + $0 } ?? ""
                                                  let change = [pairsChange(z.flipsAt, from: z.current), fromPast(z.flipsAt, z.flipsPast)].compactMap { $0 }
                                                      .map { ", \($0)" }.joined()
                                                  return "\(pairsInputName(m, z.input)) alone flips \(z.variant) vs \(m.baseline) at "
                                                      + "\(flipPoint(z.flipsAt, current: z.current).flip)\(unit) (from \(number(z.current))\(change)), "
                                                      + (z.inside ? "inside its stated range" + (z.chance.map { ", with \(pairsChance($0)) of its stated distribution beyond" } ?? "")
                                                         // (from 0 the relative range is empty: "outside its stated range" read as if one were stated)
                                                         : z.current == 0 ? "where no range is stated (it is 0 in both)" : "outside its stated range")
                                              }.joined(separator: "; ")) + ")."])
    }

    /// `body` (the pairs table) with its summary: last in text, first in Markdown, not in
    /// the other formats, whose rows hold every figure.
    static func withPairsSummary(_ body: String, _ m: MarginsPairs, as format: OutputFormat) -> String {
        withSummary(body, heading: pairsSummaryHeading, lead: pairsSummaryLead(m), entries: pairsSummaryEntries(m), notes: pairsSummaryNotes(m), as: format)
    }
}

// MARK: The answer and what would flip it

extension AnalysisReport {
    /// One answer of a margins search in words, with the inputs that reverse it grouped by
    /// their stated range (the uncertainty section): what `compare --flips` and `margins`
    /// print next to the answer, so that the conditions under which it flips are read with
    /// it, not found in a table of 180 rows (a new analyst's reading of the Havana answer).
    public struct AnswerSummary: Sendable {
        /// One input of a group: its path (the rows' `input`, which with the answer names
        /// its row) and its line in words.
        public struct Item: Sendable, Equatable {
            public var input: String
            public var text: String
        }
        /// The answer's name as the tables give it ("close-havana vs baseline").
        public var answer: String
        /// The question it answers (variant and kind, and for a lead the budget saved).
        public var question: MarginsResult.Question
        /// The answer now in words (`Question.now`), a lead said to be net benefit, with the
        /// budget the variant's optimum saves against the baseline's
        /// (`Question.budgetSaved`) unless the budget is an answer searched itself.
        public var now: String
        /// Inputs reversing the answer (or breaking a tie now) inside their stated range, a
        /// reversal on either side of the value now counted; in the tables' order (nearest
        /// flip first, or likeliest with `--order chance`). Each in the scenario's words with
        /// its flip and unit, its value now (and the baseline's, when the variant holds its
        /// own), the change in %, the range and the share of its distribution beyond.
        public var inside: [Item] = []
        /// Inputs reversing it only outside their stated range.
        public var outside: [Item] = []
        /// Inputs reversing it with no range stated.
        public var unstated: [Item] = []
        /// Inputs that turn it into a tie, the other side never winning outright in the range
        /// searched (the tables' "(tie)"), inside their stated range or not.
        public var tied: [Item] = []
        /// The inputs without a reversal, counted by how the search left them: proved free of
        /// a flip in the range searched, none found at the values tried (a flip between them
        /// not ruled out), a tie at every value tried, not searched.
        public var noFlip = 0, noneFound = 0, tiedThroughout = 0, notSearched = 0
        /// Whether the answer is a tie now, so that its inputs break the tie rather than flip it.
        public var tiedNow = false
    }

    /// At most this many inputs are named in each group of a summary (three of those flipping
    /// only outside their ranges); the rest are counted.
    static let summaryItems = 6

    /// The summaries of `m`'s answers, in its order of questions.
    public static func answerSummaries(_ m: MarginsResult) -> [AnswerSummary] {
        m.questions.map { q in
            var s = AnswerSummary(answer: label(q), question: q, now: q.now)
            // (an answer tied now whose inputs break nothing read tied_now false: a hostile pass)
            s.tiedNow = q.brief == "tie"
            if q.kind == .beatsBaseline, q.brief != "tie" {
                // A lead is net benefit, not cash (a new user's reading: "does worse by 474,505"
                // beside "costs the budget 817,761 less" was quoted as the closure's cost).
                s.now += " in net benefit (value of presence and fees less cost and the penalty for cases left unserved, "
                    + "as the scenario values them: not cash)"
            }
            let budgetAsked = m.questions.contains { $0.variant == q.variant && $0.kind == .savesBudget }
            if let saved = q.budgetSaved, !budgetAsked {
                let base = m.baseline, by = Fmt.money(abs(saved))
                s.now += by == "0" ? ". Its optimum costs the budget as much as \(base)'s"
                    : ". Its optimum costs the budget \(by) a year \(saved > 0 ? "less" : "more") than \(base)'s"
                if let r = q.recurringSaved, Fmt.money(r) != Fmt.money(saved) {
                    s.now += " (" + (Fmt.money(abs(r)) == "0" ? "as much" : "\(Fmt.money(abs(r))) a year \(r > 0 ? "less" : "more")")
                        + " once the one-off closing and opening costs are paid)"
                }
                s.now += ", cost net of fee income as the scenario prices it; --answers lead,budget searches what turns that"
            }
            for r in m.rows where r.question == q {
                guard (r.flipsAt != nil || r.tieBreaksAt != nil), r.change != nil else {
                    switch noFlipKind(r) {
                    case .proved: s.noFlip += 1
                    case .noneFound: s.noneFound += 1
                    case .tiedThroughout: s.tiedThroughout += 1
                    case .notSearched: s.notSearched += 1
                    }
                    continue
                }
                // The flip with its unit ("at 80.1 EUR a case", "at 293 diplomats (from below
                // 294)"); a share or a factor without one. A tie now that breaks: where, and
                // who wins there ("at 134 EUR a case, baseline ahead").
                // (without a currency, money reads "a year", "once", "a case": "at 500 money a
                // year" read oddly)
                let unit = summaryUnit(r.input, currency: m.currency, capacityInUnits: m.capacityInUnits)
                let outward = r.flipsAt == nil || q.kind == .savesBudget
                let x = r.flipsAt ?? r.tieBreaksAt!
                let at = flipPoint(x, current: r.current, outward: outward).flip
                // ("at 1 diplomats": a hostile pass)
                var flip = "at \(at)" + (unit.map { " \(at == "1" && $0 == "diplomats" ? "diplomat" : $0)" } ?? "")
                if r.flipsAt == nil {
                    flip += (fromPast(x, r.tieBreaksPast).map { " (\($0))" } ?? "") + (r.tieBreaksBy.map { ", \(winner(q, $0))" } ?? "")
                } else {
                    flip += flipSuffix(r)
                }
                let baseline = r.baselineValue.map(number) ?? (r.baselineUnset ? "none" : nil)
                var item = "\(r.label ?? r.input), \(flip) (now \(valueNow(r))" + (baseline.map { ", baseline \($0)" } ?? "")
                    + (r.relativeChange.map { ", \(changePercent($0))" } ?? "")
                if let st = statedRange(r) {
                    item += "; stated \(st)" + (r.statedDrawn == false ? ", not drawn by simulate" : "")
                    if let other = otherSideInside(r) {
                        item += "; \(r.ownWithinStated ? "also " : "")\(other)"
                    } else if r.withinStated == true, !r.ownWithinStated {
                        item += "; \(sharedOnly(r))"
                    }
                    // (outside its range, 0% of it lies beyond: not said). A flip into a tie is
                    // not reversed: its share is of the values at the tie or past it.
                    if r.withinStated == true, let share = r.chanceBeyond {
                        item += r.tie ? "; \(Fmt.percent(share)) of its stated distribution at the tie or past it"
                            : "; \(Fmt.percent(share)) of its stated distribution beyond"
                    }
                }
                if r.stated == nil, let f = r.statedFactors {
                    item += "; its range is stated as ×\(number(f.lowerBound))–\(number(f.upperBound)) of its value, none at 0"
                }
                item += ")"
                // A flip into a tie (the other side never wins outright) is its own group: read
                // as "Flips" beside a share, it was taken for a reversal (a hostile pass).
                let entry = AnswerSummary.Item(input: r.input, text: item)
                if r.tie, r.flipsAt != nil { s.tied.append(entry) }
                else if r.stated == nil { s.unstated.append(entry) }
                else if r.withinStated == true { s.inside.append(entry) }
                else { s.outside.append(entry) }
            }
            return s
        }
    }

    /// An input's unit as a summary says it after a value ("EUR a year", "cases a year"),
    /// nil for a share or a factor, and without "money" where the scenario names no
    /// currency ("at 500 money a year" read oddly).
    static func summaryUnit(_ input: String, currency: String, capacityInUnits: Bool?) -> String? {
        MarginsResult.unit(ofInput: input, currency: currency, capacityInUnits: capacityInUnits)
            .flatMap { ["share", "factor"].contains($0) ? nil : $0 }
            .map { $0.hasPrefix("money, ") ? String($0.dropFirst(7)) : $0.hasPrefix("money ") ? String($0.dropFirst(6)) : $0 }
    }

    /// The groups of a summary that hold inputs, each as its heading and its items (the
    /// first `summaryItems`, then "and N more").
    static func summaryGroups(_ s: AnswerSummary) -> [(heading: String, items: [String])] {
        // Outside their ranges, the nearest three: those are the ones an analyst weighs.
        let groups = [(s.inside, summaryItems, "inside its stated range", "inside their stated ranges"),
                      (s.outside, 3, "only outside its stated range", "only outside their stated ranges"),
                      (s.unstated, summaryItems, "with no range stated", "with no range stated"),
                      (s.tied, summaryItems, "into a tie, never reversed in the range searched", "into a tie, never reversed in the range searched")]
        return groups.compactMap { items, most, one, many in
            guard !items.isEmpty else { return nil }
            let verb = s.tiedNow ? (items.count == 1 ? "Breaks the tie" : "Break the tie") : (items.count == 1 ? "Flips" : "Flip")
            let shown = items.prefix(most).map(\.text)
            return ("\(verb) \(items.count == 1 ? one : many) (\(items.count))",
                    shown + (items.count > shown.count ? ["and \(items.count - shown.count) more (the tables list every one)"] : []))
        }
    }

    /// The inputs without a reversal, in words, or nil when every input reverses the answer.
    static func summaryRest(_ s: AnswerSummary) -> String? {
        func n(_ k: Int) -> String { Fmt.count(k, "input") }
        // ("1 input reverse it nowhere": a hostile pass)
        func verb(_ k: Int, _ many: String, _ one: String) -> String { k == 1 ? one : many }
        let parts = [(s.noFlip, "\(n(s.noFlip)) \(verb(s.noFlip, "reverse", "reverses")) it nowhere in the range each was searched over (one at a time; dipnet margins names each with its range)"),
                     (s.noneFound, "\(n(s.noneFound)) at none of the values tried, though a flip between them is not ruled out"),
                     (s.tiedThroughout, "\(n(s.tiedThroughout)) \(verb(s.tiedThroughout, "leave", "leaves")) a tie at every value tried"),
                     (s.notSearched, "\(n(s.notSearched)) not searched (no plan now)")]
            .filter { $0.0 > 0 }.map(\.1)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// What the summary's answers leave out: the variants compared without a plan now (in
    /// Markdown and HTML the summary comes first, and they were named only 100 lines below:
    /// a hostile pass), the limits with room under them and the decisions not asked.
    static func summaryNotes(_ m: MarginsResult) -> [String] {
        (m.withoutPlan.isEmpty ? [] : ["No plan now, so no answer to flip: " + listedWithoutPlan(m.withoutPlan)
                                        + " (dipnet solve FILE --variant NAME says which rules cannot be met)."])
            + (summaryLeftOut(m).map { [$0] } ?? [])
    }

    /// What the search left out of every answer: limits with room under them and the
    /// decisions not asked, or nil.
    static func summaryLeftOut(_ m: MarginsResult) -> String? {
        var parts: [String] = []
        if !m.limitsWithRoom.isEmpty {
            parts.append(m.limitsWithRoom.map(\.path).joined(separator: ", ") + ", since every plan compared leaves room under "
                         + (m.limitsWithRoom.count == 1 ? "it" : "them") + " (" + m.limitsWithRoom.map { "--param \($0.path)" }.joined(separator: " ")
                         + " searches " + (m.limitsWithRoom.count == 1 ? "it" : "them") + ")")
        }
        if !m.unaskedDecisions.isEmpty {
            parts.append("what flips the decision\(m.unaskedDecisions.count == 1 ? " of one post" : "s of \(m.unaskedDecisions.count) posts") "
                         + "a free optimum decides otherwise (--answers all asks)")
        }
        return parts.isEmpty ? nil : "Not searched: " + parts.joined(separator: "; ") + "."
    }

    /// A data column's unit for money a year, with the scenario's currency when it names one.
    static func moneyAYear(_ currency: String) -> String {
        let cur = currency.trimmingCharacters(in: .whitespaces)
        return "money a year" + (cur.isEmpty ? "" : ", \(cur)")
    }

    /// A summary lead's first sentence on money ("Money in EUR a year. "), empty without a currency.
    static func moneyLead(_ currency: String) -> String {
        let cur = currency.trimmingCharacters(in: .whitespaces)
        return cur.isEmpty ? "" : "Money in \(cur) a year. "
    }

    /// The heading of the summary, and what its lists are.
    static let summaryHeading = "The answer and what would flip it"
    static func summaryLead(_ m: MarginsResult) -> String {
        return moneyLead(m.currency)
            + "One input at a time, each at its nearest flip as the tables give it (the change in % is to the flip; its sign says which way). "
            + "A stated range is the plausible range the scenario's uncertainty section gives the input (an estimate's, or a factor on its value now); "
            + "the share beyond is the share of that range's distribution past the flip, this input alone varied: how far out the flip lies, "
            + "not the chance that the answer is wrong (simulate draws the inputs together)."
    }

    /// `body` (a margins table, or a comparison and its flips) with the answer's summary in
    /// `format`: last in text, where a terminal leaves it in view; first in Markdown, a note's
    /// summary; not in the other formats, whose rows hold every figure.
    static func withAnswerSummary(_ body: String, _ m: MarginsResult, as format: OutputFormat) -> String {
        withSummary(body, heading: summaryHeading, lead: summaryLead(m), entries: summaryEntries(m), notes: summaryNotes(m), as: format)
    }

    /// `body` with a summary in `format`: last in text, where a terminal leaves it in view;
    /// first in Markdown, a note's summary; not in the other formats, whose rows hold every
    /// figure. Nothing is added when the summary has neither entries nor notes. The one
    /// placement of every analysis's summary (margins, pairs, frontier, simulation).
    static func withSummary(_ body: String, heading: String, lead: String, entries: [SummaryEntry], notes: [String],
                            as format: OutputFormat) -> String {
        guard !entries.isEmpty || !notes.isEmpty else { return body }
        return switch format {
        case .table: body + summaryText(heading: heading, lead: lead, entries: entries, notes: notes)
        case .markdown: summaryMarkdown(heading: heading, lead: lead, entries: entries, notes: notes) + body
        default: body
        }
    }

    /// A summary as a tidy table, `answers` (the workbook's sheet, `--table answers`, the data
    /// package), for the analyses whose figures are in their other tables (`simulate`,
    /// `margins --across`): one row per answer now (`part` "now"), per item of each group
    /// (`part` "item", with the group's heading in `group`), per closing line ("rest") and per
    /// note ("note"), each in the text output's words, so that the answer travels with the
    /// spreadsheet (it was in the text and Markdown only).
    static func summaryDataTable(title: String, lead: String, entries: [SummaryEntry], notes: [String]) -> DataTable {
        var t = DataTable(name: "answers", title: title, fields: [
            .init("answer", .string, "the answer (a variant against the baseline, or a post's decision); empty for a note"),
            .init("part", .string, "lead (what the answers are, and what they are not); now (the answer in words); item (one line of a group); "
                  + "rest (a closing line); note (what the answers leave out)"),
            .init("group", .string, "for item: the heading of its group"),
            .init("text", .string, "in words, as the text output's summary gives it"),
        ])
        // (the lead's caveats travel too: a share of draws is not a probability the sources
        // give; a newcomer sent the sheet alone lost them)
        t.rows.append([.empty, .text("lead"), .empty, .text(lead)])
        for e in entries {
            t.rows.append([.text(e.answer), .text("now"), .empty, .text(e.now)])
            for g in e.groups { for item in g.items { t.rows.append([.text(e.answer), .text("item"), .text(g.heading), .text(item)]) } }
            if let rest = e.rest { t.rows.append([.text(e.answer), .text("rest"), .empty, .text(rest)]) }
        }
        for note in notes { t.rows.append([.empty, .text("note"), .empty, .text(note)]) }
        return t
    }

    /// One answer of a summary as the renderers take it: its name, the answer now in words,
    /// its groups of inputs (heading and items) and a closing line on the rest, in words.
    struct SummaryEntry {
        var answer: String
        var now: String
        var groups: [(heading: String, items: [String])]
        var rest: String?
    }

    /// The entries of margins' summary.
    static func summaryEntries(_ m: MarginsResult) -> [SummaryEntry] {
        answerSummaries(m).map { s in
            SummaryEntry(answer: s.answer, now: s.now, groups: summaryGroups(s), rest: summaryRest(s).map { "Without a flip: \($0)" })
        }
    }

    /// A summary as text: its heading and lead, each answer with one input a line, the notes.
    static func summaryText(heading: String, lead: String, entries: [SummaryEntry], notes: [String]) -> String {
        var out = "\n" + heading + "\n" + wrapped(lead, width: 100) + "\n"
        for s in entries {
            out += "\n" + wrapped("\(s.answer): \(s.now).", width: 100) + "\n"
            // One input a line: read down, not along a paragraph of semicolons.
            for g in s.groups {
                // (a hanging indent, so that an item's end is seen)
                // (a heading that weighs the lone inputs against the pairs runs past a line)
                out += wrapped("  \(g.heading):", width: 100).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .map { $0.offset == 0 ? String($0.element) : "    " + $0.element }.joined(separator: "\n") + "\n" + g.items.map { item in
                    wrapped("    \(item)", width: 98).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                        .map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n") + "\n"
                }.joined()
            }
            if let rest = s.rest { out += wrapped("  \(rest).", width: 100) + "\n" }
        }
        for note in notes { out += "\n" + wrapped(note, width: 100) + "\n" }
        return out
    }

    /// Names and labels are the scenario's: every character Markdown reads as markup is
    /// escaped (an id "_it_" read as italics, a city "# Head" as a heading, "1. x" as a
    /// list, "<i>" as HTML: a hostile pass, rendered with CommonMark).
    static func summaryEscape(_ s: String) -> String {
        let marks: Set<Character> = ["\\", "|", "*", "_", "`", "<", ">", "[", "]", "#", "&", "~", "!", "+", "-", "="]
        var out = ""
        for (i, ch) in s.enumerated() {
            // a list or heading mark only opens a line: "-" and "+" elsewhere stay plain
            if marks.contains(ch), !"-+=!".contains(ch) || i == 0 { out.append("\\") }
            out.append(ch)
        }
        // "1. " or "1) " at the start opens an ordered list
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, ".)".contains(out[dot]) {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// A summary as Markdown: a section, each answer an item and its inputs under it.
    static func summaryMarkdown(heading: String, lead: String, entries: [SummaryEntry], notes: [String]) -> String {
        let esc = summaryEscape
        // (the lead escaped too: a currency "€|<i>" or an input's path with "_" in it; a hostile pass)
        var out = "## \(heading)\n\n\(esc(lead))\n\n"
        for s in entries {
            out += "- **\(esc(s.answer))**: \(esc(s.now)).\n"
            for g in s.groups {
                // (a heading may hold a variant's name: "+ a higher draw favours _x_")
                out += "  - \(esc(g.heading)):\n" + g.items.map { "    - \(esc($0))\n" }.joined()
            }
            if let rest = s.rest { out += "  - \(esc(rest)).\n" }
        }
        for note in notes { out += "\n\(esc(note))\n" }
        return out + "\n"
    }
}
