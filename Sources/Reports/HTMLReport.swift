import DiplomaticNetwork
import Foundation

/// One self-contained HTML page (inline CSS and SVG, nothing fetched) with the
/// comparison, charts, maps and, when given, sweep curves and simulation histograms.
public struct HTMLReport {
    public var comparison: Comparison
    public var scenario: Scenario
    public var scenarioPath: String
    public var scenarioHash: String
    /// The shell line that recomputes the hash (`ContentHash.verificationCommand`).
    public var hashCommand: String? = nil
    public var toolVersion: String
    /// The command line that made the report (`dipnet report …`), shown under the title so
    /// that a reader can make it again; none when nil.
    public var command: String? = nil
    public var sweep: (SweepHeader, [SweepRecord])? = nil
    public var simulation: (SimulationHeader, [SimulationRecord])? = nil
    /// What flips the comparison's answer (`dipnet margins`).
    public var margins: MarginsResult? = nil
    /// Pairs of inputs that flip it together inside their stated ranges (`dipnet margins --pairs`).
    public var pairs: MarginsPairs? = nil
    /// Near-optimal networks (`dipnet alternatives --records`), shown as a decision grid.
    public var alternatives: (AlternativesRun.Header, [AlternativesRun.Record])? = nil
    /// Core, borderline and exterior posts (`dipnet robust`), shown as a table and a map.
    public var robust: RobustResult? = nil
    /// Each argument line's share of a margin (`dipnet attribute`).
    public var attribution: AttributionResult? = nil
    /// What the run warned of about its input (on standard error, as printed), shown
    /// under the report's heading so that the page keeps what the terminal said; none: no section.
    public var warnings: [String] = []

    public init(comparison: Comparison, scenario: Scenario, scenarioPath: String, scenarioHash: String, toolVersion: String) {
        self.comparison = comparison
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.scenarioHash = scenarioHash
        self.toolVersion = toolVersion
    }

    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    static func esc(_ s: String) -> String {
        var o = ""
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    var currency: String { scenario.currency.isEmpty ? "" : " \(scenario.currency)" }

    public func render() -> String {
        let c = comparison
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.esc(c.scenario)) — \(Self.esc(c.name))</title>
        <style>
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;padding:0 12px;color:#1b1b1b;line-height:1.4}
        svg{max-width:100%;height:auto}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ccc;padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}
        .meta{color:#555;font-size:13px}.meta code{background:#f3f3f3;padding:1px 4px;overflow-wrap:anywhere;white-space:pre-wrap}
        table{border-collapse:collapse;font-size:13px;margin:8px 0;display:block;max-width:100%;overflow-x:auto}p,li,.note{overflow-wrap:anywhere}th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3}
        th{text-align:left;background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .ok{color:#00703c;font-weight:bold}.warn{color:#b35900;font-weight:bold}.bad{color:#b00020;font-weight:bold}
        .note{font-size:12px;color:#555;max-width:900px}svg text{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif}
        .legend span{display:inline-block;margin-right:14px;font-size:12px}.sw{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
        </style></head><body>

        """
        h += "<h1>\(Self.esc(c.scenario))</h1>\n"
        h += "<p class=\"meta\">Comparison <b>\(Self.esc(c.name))</b>, baseline <b>\(Self.esc(c.baseline.variant))</b>. "
        h += "Scenario file <code>\(Self.esc(scenarioPath))</code>, content hash <code>\(scenarioHash)</code>"
        if let cmd = hashCommand { h += " (SHA-256; check it with <code>\(Self.esc(cmd))</code> in the scenario's folder)" }
        h += ". "
        h += "dipnet \(Self.esc(toolVersion)), solver \(Self.esc(c.plans.first?.solverName ?? "")). Money in\(Self.esc(currency)) a year."
        if let command { h += " Made with <code>\(Self.esc(command))</code>." }
        h += "</p>\n"
        if !warnings.isEmpty {
            h += "<p class=\"note\"><b class=\"warn\">Warnings</b> (printed on standard error as the report was made):</p>\n<ul class=\"note\">"
                + warnings.map { "<li><code>\(Self.esc($0))</code></li>" }.joined() + "</ul>\n"
        }
        // The answer and what would flip it, first: the report's reader needs them together.
        if let m = margins { h += answerSection(m) }
        h += trustSection()
        h += "<h2>Comparison</h2>\n" + comparisonTable()
        // The text table's notes a reader needs here too: coverage adds every service, and
        // what every variant changes alike is in no row (a hostile pass found them missing).
        for note in ComparisonReport.values(c).notes where note.hasPrefix("Coverage, unserved cases") {
            h += "<p class=\"note\">\(Self.esc(note))</p>\n"
        }
        h += "<p class=\"note\">\(Self.esc(ComparisonReport.moneyNote.replacingOccurrences(of: "\n", with: " ")))</p>\n"
        h += "<h2>Net benefit and cost</h2>\n" + netBenefitChart() + differencePartsChart() + costChart()
        h += "<h2>Decisions that differ</h2>\n" + decisionChart()
        for note in ComparisonReport.decisions(c).notes where note.hasPrefix("Changed alike") {
            h += "<p class=\"note\">\(Self.esc(note))</p>\n"
        }
        if c.plans.contains(where: { $0.formatVersion >= 2 && $0.hasSolution }) {
            h += "<h2>Services: who handles the cases</h2>\n" + serviceCoverageChart()
            if c.plans.contains(where: { !$0.interests.isEmpty }) {
                h += "<h2>Interests: the value each argument keeps</h2>\n" + interestsChart()
            }
        }
        h += "<h2>Maps</h2>\n<p class=\"note\">Countries coloured by the presence each plan gives them (outlines: Natural Earth 1:110m, public domain; "
        h += "states too small for that scale are dots), posts by decision, Europe enlarged in the inset. "
        h += "Lines join a post to the countries whose cases it handles from abroad, thicker for more cases. Hover a country or post for its figures.</p>\n"
        for p in c.plans where p.hasSolution { h += map(p) }
        if let m = margins { h += "<h2>What flips the answer</h2>\n" + marginsSection(m) }
        if let p = pairs {
            h += "<h2>Two inputs at once</h2>\n"
                + summarySection(heading: AnalysisReport.pairsSummaryHeading, lead: AnalysisReport.pairsSummaryLead(p),
                                 entries: AnalysisReport.pairsSummaryEntries(p), notes: [], level: 3)
                + pairsSection(p)
        }
        if let a = attribution { h += "<h2>What each argument carries</h2>\n" + attributionSection(a) }
        if let (ah, ar) = alternatives { h += "<h2>Networks almost as good</h2>\n" + alternativesSection(ah, ar) }
        if let r = robust { h += "<h2>Robust posts: what the weights do not decide</h2>\n" + robustSection(r) }
        if let (sh, sr) = sweep { h += "<h2>Sweep of \(Self.esc(sh.parameters.joined(separator: " × ")))</h2>\n" + sweepChart(sh, sr) }
        if let (mh, mr) = simulation {
            h += "<h2>Simulation: \(Fmt.count(Set(mr.map(\.draw)).count, "draw"))</h2>\n"
            // The answer over the draws in words first, as the text ends and Markdown begins with it.
            // (one summary of the records, for the words and the histograms: it was built twice)
            let summary = SimulationSummary(records: mr, variants: mh.variants, existing: mh.existing_posts, candidates: mh.candidate_posts,
                                            inert: mh.inert ?? [:])
            let entries = AnalysisReport.simulationSummaryEntries(summary)
            if !entries.isEmpty {
                h += summarySection(heading: AnalysisReport.simulationSummaryHeading, lead: AnalysisReport.simulationSummaryLead,
                                    entries: entries, notes: [], level: 3)
            }
            h += histograms(mh, mr, summary)
        }
        h += "<h2>How to read this report</h2>\n<p class=\"note\">Net benefit = value of presence + fees earned (format version 2) − cost − penalty for unserved consular cases; "
        h += "cost net of income is what the network costs the budget. "
        h += "Status <b>optimal</b> means the solver proved that no better plan exists; <b>feasible</b> and <b>time_limit</b> give a gap, the most "
        h += "the true optimum may be better. In <b>evaluate</b> mode (the status quo) the network is scored as it stands and rules are checked, not imposed. "
        h += "Figures are as good as the scenario's data: see its sources file for what is sourced and what is estimated.</p>\n"
        h += "</body></html>\n"
        return h
    }

    func trustSection() -> String {
        var t = "<h2>How far to trust these numbers</h2>\n<table><tr><th>Variant</th><th>Mode</th><th>Status</th><th>Gap</th><th>Solve time</th><th>Rules broken</th></tr>\n"
        for p in comparison.plans {
            let cls = p.status == "optimal" ? "ok" : (p.hasSolution ? "warn" : "bad")
            let gap = p.gap.map { Fmt.percent($0, decimals: 2) } ?? "–"
            let broken = p.violations.isEmpty ? "none" : p.violations.map { Self.esc($0.message) }.joined(separator: "<br>")
            t += "<tr><td>\(Self.esc(p.variant))</td><td>\(p.mode.rawValue)</td><td class=\"\(cls)\">\(p.status)</td><td class=\"n\">\(gap)</td>"
            t += "<td class=\"n\">\(String(format: "%.2f s", p.solveSeconds))</td><td>\(broken)</td></tr>\n"
        }
        t += "</table>\n"
        for p in comparison.plans where p.diagnosis != nil {
            t += "<p class=\"note\"><b>\(Self.esc(p.variant)) has no feasible plan.</b> "
            t += p.diagnosis!.findings.map { Self.esc($0.message) }.joined(separator: " ") + "</p>\n"
        }
        return t
    }

    func comparisonTable() -> String {
        // `report --effect`: the last columns give each variant's effect, + in its favour
        // (rows with no better side stay the difference, marked *), as `compare --effect`.
        let effects = comparison.showsEffects
        let v = ComparisonReport.values(comparison), d = effects ? ComparisonReport.effects(comparison) : ComparisonReport.differences(comparison)
        var t = "<table><tr><th>Figure</th>"
        for p in comparison.plans { t += "<th>\(Self.esc(p.variant))</th>" }
        for p in comparison.plans.dropFirst() {
            t += effects ? "<th>effect of \(Self.esc(p.variant)) (+ in its favour)</th>" : "<th>Δ \(Self.esc(p.variant))</th>"
        }
        t += "</tr>\n"
        for (i, row) in v.rows.enumerated() {
            // A figure with no better side keeps its difference under --effect, marked * as in the text.
            let mark = effects && i > 0 && d.rows[i - 1][0].hasSuffix(" *") ? " *" : ""
            t += "<tr><td>\(Self.esc(row[0]).replacingOccurrences(of: "  ", with: "&nbsp;&nbsp;&nbsp;"))\(mark)</td>"
            for cell in row.dropFirst() { t += "<td class=\"n\">\(Self.esc(cell))</td>" }
            if i == 0 { t += String(repeating: "<td></td>", count: comparison.plans.count - 1) }
            else { for cell in d.rows[i - 1].dropFirst() { t += "<td class=\"n\">\(Self.esc(cell))</td>" } }
            t += "</tr>\n"
        }
        t += "</table>\n"
        if effects { t += d.notes.map { "<p class=\"note\">\(Self.esc($0))</p>\n" }.joined() }
        return t
    }

    /// Width in pixels of `text` at `size` in the report's font (DejaVu Sans:
    /// about 0.62 em a character; digits and capitals a little wider).
    static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.64 }

    /// `text` cut with "…" to fit `width` pixels at `size` (the whole text stays in a hover title).
    static func fit(_ text: String, width: Double, size: Double) -> String {
        let n = Int(width / (size * 0.64))
        return text.count <= n ? esc(text) : "<title>\(esc(text))</title>" + esc(String(text.prefix(max(1, n - 1)))) + "…"
    }

    /// Horizontal bars of the net benefit's difference to the baseline; each
    /// label sits beyond its bar's end, with room kept for the longest.
    func netBenefitChart() -> String {
        let plans = comparison.plans.dropFirst().filter(\.hasSolution)
        let base = comparison.baseline
        guard base.hasSolution, !plans.isEmpty else { return "<p class=\"note\">No net benefit to chart.</p>\n" }
        let deltas = plans.map { $0.netBenefit - base.netBenefit }
        let labels = zip(plans, deltas).map { p, d in (d > 0 ? "+" : "") + Fmt.money(d) + "  (net \(Fmt.money(p.netBenefit)))" }
        let room = (labels.map { Self.textWidth($0, size: 11) }.max() ?? 0) + 10
        let w = 900.0, barH = 26.0, top = 30.0
        let left = min(260, max(120, (plans.map { Self.textWidth($0.variant, size: 12) }.max() ?? 0) + 16))
        let pos = max(deltas.max() ?? 0, 0), neg = max(-(deltas.min() ?? 0), 0)
        let span = max(pos + neg, 1)
        // Negative bars carry their label on the left, positive ones on the right.
        let scale = (w - left - (pos > 0 ? room : 0) - (neg > 0 ? room : 0)) / span
        let zero = left + (neg > 0 ? room : 0) + neg * scale
        let height = top + Double(plans.count) * (barH + 8) + 20
        var s = "<svg width=\"\(Int(w))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"net benefit difference\">\n"
        s += "<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">Net benefit: difference to \(Self.esc(base.variant))\(Self.esc(currency)) a year</text>\n"
        s += "<line x1=\"\(Self.f(zero))\" y1=\"\(Self.f(top - 4))\" x2=\"\(Self.f(zero))\" y2=\"\(Self.f(height - 14))\" stroke=\"#444\"/>\n"
        for (i, (p, dlt)) in zip(plans, deltas).enumerated() {
            let y = top + Double(i) * (barH + 8)
            let x0 = dlt >= 0 ? zero : zero + dlt * scale
            let color = dlt >= 0 ? Self.palette[2] : Self.palette[3]
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + barH * 0.68))\" font-size=\"12\" text-anchor=\"end\">\(Self.fit(p.variant, width: left - 12, size: 12))</text>\n"
            s += "<rect x=\"\(Self.f(x0))\" y=\"\(Self.f(y))\" width=\"\(Self.f(max(1, abs(dlt) * scale)))\" height=\"\(Self.f(barH))\" fill=\"\(color)\"/>\n"
            if dlt >= 0 {
                s += "<text x=\"\(Self.f(zero + dlt * scale + 6))\" y=\"\(Self.f(y + barH * 0.68))\" font-size=\"11\">\(Self.esc(labels[i]))</text>\n"
            } else {
                s += "<text x=\"\(Self.f(x0 - 6))\" y=\"\(Self.f(y + barH * 0.68))\" font-size=\"11\" text-anchor=\"end\">\(Self.esc(labels[i]))</text>\n"
            }
        }
        return s + "</svg>\n"
    }

    /// Stacked bars of cost by part for every variant.
    /// Per variant, what its net-benefit difference to the baseline is made of:
    /// value and income (+), each cost part and the penalty (−), as diverging bars.
    /// Their sum is the difference (net = value + income − cost − penalty).
    func differencePartsChart() -> String {
        let base = comparison.baseline
        let plans = comparison.plans.dropFirst().filter(\.hasSolution)
        guard base.hasSolution, !plans.isEmpty else { return "" }
        func parts(_ p: Plan) -> [(String, Double)] {
            var out: [(String, Double)] = [("value", p.value - base.value)]
            if p.formatVersion >= 2 { out.append(("income (fees earned)", p.income - base.income)) }
            out += zip(p.cost.parts, base.cost.parts).map { ("cost: " + $0.key.replacingOccurrences(of: "_", with: " "), -($0.amount - $1.amount)) }
            out.append(("unserved penalty", -(p.penalty - base.penalty)))
            return out.filter { abs($0.1) >= 0.5 }
        }
        var s = ""
        for p in plans {
            let rows = parts(p)
            guard !rows.isEmpty else { continue }
            let labels = rows.map { ($0.1 > 0 ? "+" : "") + Fmt.money($0.1) }
            let room = (labels.map { Self.textWidth($0, size: 11) }.max() ?? 0) + 10
            let w = 900.0, barH = 18.0, top = 30.0, left = 200.0
            let pos = max(rows.map(\.1).max() ?? 0, 0), neg = max(-(rows.map(\.1).min() ?? 0), 0)
            let scale = (w - left - (pos > 0 ? room : 0) - (neg > 0 ? room : 0)) / max(pos + neg, 1)
            let zero = left + (neg > 0 ? room : 0) + neg * scale
            let height = top + Double(rows.count) * (barH + 6) + 10
            let total = p.netBenefit - base.netBenefit
            s += "<svg width=\"\(Int(w))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"difference by part \(Self.esc(p.variant))\">\n"
            s += "<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(Self.fit(p.variant + " − " + base.variant, width: 520, size: 13)): "
            s += "\((total > 0 ? "+" : "") + Fmt.money(total))\(Self.esc(currency)) a year, made of</text>\n"
            s += "<line x1=\"\(Self.f(zero))\" y1=\"\(Self.f(top - 4))\" x2=\"\(Self.f(zero))\" y2=\"\(Self.f(height - 6))\" stroke=\"#444\"/>\n"
            for (i, (name, d)) in rows.enumerated() {
                let y = top + Double(i) * (barH + 6)
                let x0 = d >= 0 ? zero : zero + d * scale
                s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + barH * 0.72))\" font-size=\"12\" text-anchor=\"end\">\(Self.fit(name, width: left - 12, size: 12))</text>\n"
                s += "<rect x=\"\(Self.f(x0))\" y=\"\(Self.f(y))\" width=\"\(Self.f(max(1, abs(d) * scale)))\" height=\"\(Self.f(barH))\" fill=\"\(d >= 0 ? Self.palette[2] : Self.palette[3])\"/>\n"
                let lx = d >= 0 ? zero + d * scale + 6 : x0 - 6
                s += "<text x=\"\(Self.f(lx))\" y=\"\(Self.f(y + barH * 0.72))\" font-size=\"11\"\(d >= 0 ? "" : " text-anchor=\"end\"")>\(Self.esc(labels[i]))</text>\n"
            }
            s += "</svg>\n"
        }
        return s.isEmpty ? "" : s + "<p class=\"note\">Each bar is one part's contribution to the difference in net benefit "
            + "(value + income − cost − penalty): a cost that falls counts as a gain.</p>\n"
    }

    func costChart() -> String {
        let plans = comparison.plans.filter(\.hasSolution)
        guard !plans.isEmpty else { return "" }
        let parts = ["running", "closing", "opening", "consular", "partner fees"]
        let maxTotal = max(plans.map { $0.cost.total }.max() ?? 1, 1)
        let w = 900.0, barH = 24.0, top = 30.0
        let left = min(260, max(120, (plans.map { Self.textWidth($0.variant, size: 12) }.max() ?? 0) + 16))
        let room = (plans.map { Self.textWidth(Fmt.money($0.cost.total), size: 11) }.max() ?? 0) + 12
        let scale = (w - left - room) / maxTotal
        let height = top + Double(plans.count) * (barH + 8) + 10
        var s = "<svg width=\"\(Int(w))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"cost by part\">\n"
        s += "<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">Cost by part\(Self.esc(currency)) a year</text>\n"
        for (i, p) in plans.enumerated() {
            let y = top + Double(i) * (barH + 8)
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + barH * 0.68))\" font-size=\"12\" text-anchor=\"end\">\(Self.fit(p.variant, width: left - 12, size: 12))</text>\n"
            var x = left
            for (k, part) in p.cost.parts.enumerated() {
                let width = part.amount * scale
                if width > 0 {
                    s += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(width))\" height=\"\(Self.f(barH))\" fill=\"\(Self.palette[k])\"><title>\(parts[k]): \(Fmt.money(part.amount))</title></rect>\n"
                }
                x += width
            }
            s += "<text x=\"\(Self.f(x + 6))\" y=\"\(Self.f(y + barH * 0.68))\" font-size=\"11\">\(Fmt.money(p.cost.total))</text>\n"
        }
        s += "</svg>\n<div class=\"legend\">"
        for (k, part) in parts.enumerated() { s += "<span><i class=\"sw\" style=\"background:\(Self.palette[k])\"></i>\(part)</span>" }
        return s + "</div>\n"
    }

    /// Per service and variant, a bar split into cases handled by own posts,
    /// by partners and unserved, labelled with the coverage (format version 2).
    func serviceCoverageChart() -> String {
        let plans = comparison.plans.filter(\.hasSolution)
        guard let first = plans.first, !first.services.isEmpty else { return "" }
        let w = 900.0, left = 260.0, barH = 18.0, top = 30.0, right = 70.0
        let rows = first.services.flatMap { sv in plans.map { (sv.id, $0) } }
        let height = top + Double(rows.count) * (barH + 6) + Double(first.services.count) * 10 + 10
        let colors = [Self.palette[2], Self.palette[0], Self.palette[3]]
        var s = "<svg width=\"\(Int(w))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"coverage by service\">\n"
        s += "<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">Cases by service: own posts, partners, unserved (share of demand)</text>\n"
        var y = top
        var last = ""
        for (service, p) in rows {
            if service != last, !last.isEmpty { y += 10 }
            last = service
            guard let o = p.services.first(where: { $0.id == service }) else { continue }
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + barH * 0.75))\" font-size=\"12\" text-anchor=\"end\">\(Self.fit("\(service) · \(p.variant)", width: left - 12, size: 12))</text>\n"
            var x = left
            let scale = (w - left - right) / max(o.demand, 1e-9)
            for (k, part) in [("own posts", o.own), ("partners", o.partners), ("unserved", o.unserved)].enumerated() where part.1 > 0 {
                let width = part.1 * scale
                s += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(width))\" height=\"\(Self.f(barH))\" fill=\"\(colors[k])\"><title>\(part.0): \(Fmt.money(part.1)) cases</title></rect>\n"
                x += width
            }
            s += "<text x=\"\(Self.f(w - right + 6))\" y=\"\(Self.f(y + barH * 0.75))\" font-size=\"11\">\(Fmt.percent(o.coverage))</text>\n"
            y += barH + 6
        }
        s += "</svg>\n<div class=\"legend\">"
        for (k, part) in ["own posts", "partners", "unserved"].enumerated() { s += "<span><i class=\"sw\" style=\"background:\(colors[k])\"></i>\(part)</span>" }
        return s + "</div>\n"
    }

    /// Per interest and variant: the value its line keeps against its value with resident presence.
    func interestsChart() -> String {
        let plans = comparison.plans.filter(\.hasSolution)
        guard let first = plans.first, !first.interests.isEmpty else { return "" }
        let w = 900.0, left = 300.0, barH = 18.0, top = 30.0, right = 140.0
        // An interest worth 0 in every plan compared is named under the chart, not drawn as
        // a row of zeros per variant (as the comparison table does).
        let idle = first.interests.filter { i in plans.allSatisfy { p in (p.interests.first { $0.id == i.id }?.value ?? 0) == 0 } }
        let shown = first.interests.filter { i in !idle.contains { $0.id == i.id } }
        let note = idle.isEmpty ? "" : "<p class=\"note\">Worth 0 in every variant compared (not shown): "
            + Self.esc(idle.map { $0.label ?? $0.id }.joined(separator: ", ")) + ".</p>\n"
        guard !shown.isEmpty else { return note }
        let maxFull = max(plans.flatMap { $0.interests.filter { i in shown.contains { $0.id == i.id } }.map(\.fullValue) }.max() ?? 1, 1)
        let scale = (w - left - right) / maxFull
        let rows = shown.flatMap { i in plans.map { (i, $0) } }
        let height = top + Double(rows.count) * (barH + 6) + Double(shown.count) * 10 + 10
        var s = "<svg width=\"\(Int(w))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"value per interest\">\n"
        s += "<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">Value kept per interest\(Self.esc(currency)) a year (outline: with resident presence)</text>\n"
        var y = top
        var last = ""
        for (interest, p) in rows {
            if interest.id != last, !last.isEmpty { y += 10 }
            last = interest.id
            guard let o = p.interests.first(where: { $0.id == interest.id }) else { continue }
            let label = "\(o.label ?? o.id) · \(p.variant)"
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + barH * 0.75))\" font-size=\"12\" text-anchor=\"end\">\(Self.fit(label, width: left - 12, size: 12))</text>\n"
            s += "<rect x=\"\(Self.f(left))\" y=\"\(Self.f(y))\" width=\"\(Self.f(max(1, o.fullValue * scale)))\" height=\"\(Self.f(barH))\" fill=\"none\" stroke=\"#888\"/>\n"
            if o.value > 0 {
                s += "<rect x=\"\(Self.f(left))\" y=\"\(Self.f(y))\" width=\"\(Self.f(o.value * scale))\" height=\"\(Self.f(barH))\" fill=\"\(Self.palette[4])\"/>\n"
            }
            s += "<text x=\"\(Self.f(left + max(1, o.fullValue * scale) + 6))\" y=\"\(Self.f(y + barH * 0.75))\" font-size=\"11\">\(Fmt.money(o.value))</text>\n"
            y += barH + 6
        }
        return s + "</svg>\n" + note
    }

    /// The margins table: each input's value now and where the answer flips,
    /// nearest first, with a bar of the change needed (log scale of the %).
    /// The lines' Shapley shares as a table with bars, the margins without and with them,
    /// and the combinations that change who is ahead.
    func attributionSection(_ a: AttributionResult) -> String {
        func who(_ m: Double) -> String {
            switch a.leader(m) {
            case 1: "\(Self.esc(a.first)) ahead by \(Fmt.money(m))"
            case -1: "\(Self.esc(a.second)) ahead by \(Fmt.money(-m))"
            default: "a tie"
            }
        }
        var s = "<p class=\"note\">The margin \(Self.esc(a.first)) − \(Self.esc(a.second)) solved under all \(a.subsets.count) combinations of the "
        s += "argument lines, each applied on top of both variants. A line's share is its contribution averaged over every order of switching "
        s += "the lines on (its Shapley value), so it does not depend on the order one happens to take; least and most show how much that order "
        s += "would change it. Without the lines: \(who(a.none)); with all: \(who(a.all)).</p>\n"
        let top = max(1, a.lines.map { max(abs($0.least), abs($0.most)) }.max() ?? 1)
        s += "<table><tr><th>Line</th><th>Share</th><th></th><th>Least</th><th>Most</th><th>What it switches on</th></tr>\n"
        for l in a.lines {
            let width = 60 * abs(l.shapley) / top
            let x = l.shapley < 0 ? 60 - width : 60
            s += "<tr><td><code>\(Self.esc(l.name))</code></td><td class=\"n\">\((l.shapley > 0 ? "+" : "") + Fmt.money(l.shapley))</td>"
            s += "<td><svg width=\"124\" height=\"12\"><line x1=\"60\" y1=\"0\" x2=\"60\" y2=\"12\" stroke=\"#888\"/>"
            s += "<rect x=\"\(Self.f(x))\" y=\"2\" width=\"\(Self.f(width))\" height=\"8\" fill=\"\(Self.palette[l.shapley < 0 ? 3 : 1])\"/></svg></td>"
            s += "<td class=\"n\">\(Fmt.money(l.least))</td><td class=\"n\">\(Fmt.money(l.most))</td><td>\(Self.esc(l.description ?? ""))</td></tr>\n"
        }
        s += "</table>\n"
        let flips = a.flips
        s += "<p class=\"note\">" + (flips.isEmpty
            ? "No combination of the lines changes who is ahead; the margin runs from \(Fmt.money(a.subsets.map(\.margin).min()!)) to \(Fmt.money(a.subsets.map(\.margin).max()!))."
            : "The smallest combinations that change who is ahead: " + flips.map { Self.esc($0.joined(separator: " + ")) }.joined(separator: "; ") + ".") + "</p>\n"
        return s
    }

    /// Each answer in words and the inputs that flip it, grouped by their stated range
    /// (`AnalysisReport.answerSummaries`), as the text output ends with.
    func answerSection(_ m: MarginsResult) -> String {
        summarySection(heading: AnalysisReport.summaryHeading, lead: AnalysisReport.summaryLead(m),
                       entries: AnalysisReport.summaryEntries(m), notes: AnalysisReport.summaryNotes(m))
    }

    /// A summary (`AnalysisReport.SummaryEntry`) as a heading, its lead, a list of answers
    /// with their groups of inputs, one input an item as the text gives one a line, and notes.
    func summarySection(heading: String, lead: String, entries: [AnalysisReport.SummaryEntry], notes: [String], level: Int = 2) -> String {
        var t = "<h\(level)>\(Self.esc(heading))</h\(level)>\n<p class=\"note\">\(Self.esc(lead))</p>\n<ul>\n"
        for s in entries {
            t += "<li><b>\(Self.esc(s.answer))</b>: \(Self.esc(s.now)).<ul>"
            for g in s.groups {
                t += "<li>\(Self.esc(g.heading)):<ul>" + g.items.map { "<li>\(Self.esc($0))</li>" }.joined() + "</ul></li>"
            }
            if let rest = s.rest { t += "<li>\(Self.esc(rest)).</li>" }
            t += "</ul></li>\n"
        }
        t += "</ul>\n"
        for note in notes { t += "<p class=\"note\">\(Self.esc(note))</p>\n" }
        return t
    }

    func marginsSection(_ m: MarginsResult) -> String {
        var t = "<p class=\"note\">One input at a time, one table per answer, nearest flip first (by the change in %); "
        t += "each flip bracketed to \(Fmt.percent(m.tolerance, decimals: 1)) of the input's value (or of the flip, if larger). The stated range is the scenario's uncertainty section. "
        t += "\u{201C}No flip\u{201D}: none anywhere in the range searched (bounded between the values solved); \u{201C}none found\u{201D}: none at the values tried, "
        t += "but one is not ruled out between them (an input of the constraints, such as a demand or a capacity, or bounds the probes did not settle). "
        t += "\u{201C}(tie)\u{201D}: there the answer becomes a tie within the solver's tolerance (1e-7 of the net benefit): a lead falls within it, or a plan that decides the post otherwise is as good, and it is not reversed beyond; which of the equally good plans the solver returns there is arbitrary, and its share beyond is of the values at the tie or past it.</p>\n"
        if !m.withoutPlan.isEmpty { t += "<p class=\"note\">\(Self.esc(AnalysisReport.withoutPlanNote(m)))</p>\n" }
        if let note = AnalysisReport.unaskedNote(m) { t += "<p class=\"note\">\(Self.esc(note))</p>\n" }
        if m.questions.contains(where: { $0.kind == .savesBudget }) { t += "<p class=\"note\">\(Self.esc(AnalysisReport.budgetNote))</p>\n" }
        // What "tie now; breaks at" and "a tie at every value tried" mean, as under the text table.
        if m.rows.contains(where: \.tiedNow) { t += "<p class=\"note\">\(Self.esc(AnalysisReport.tiedNowNote))</p>\n" }
        // One table per answer: a flip of one answer is not a flip of another.
        for question in m.questions {
            t += "<h3>\(Self.esc(question.now))</h3>\n"
            t += marginsTable(m.rows.filter { $0.question == question }, currency: m.currency, capacityInUnits: m.capacityInUnits)
        }
        return t
    }

    /// The pairs that flip an answer together inside their stated ranges, the likeliest first.
    func pairsSection(_ m: MarginsPairs) -> String {
        var t = "<p class=\"note\">Pairs of inputs with a stated range (the uncertainty section) that flip an answer together at a corner "
        t += "of their ranges where neither does alone: \(Fmt.count(m.screened, "pair")) screened by the additive prediction, "
        t += "\(m.solvedCorners) corners solved, each flip traced back on the straight line from the values now to the corner. "
        t += "Way: how far along that line the answer first flips; chance: the product of the two inputs' chances of a draw that far out. "
        t += "Corners only: an effect that turns inside a range is missed.</p>\n"
        if !m.withoutPlan.isEmpty {
            t += "<p class=\"note\">\(Self.esc(AnalysisReport.pairsWithoutPlanNote(m)))</p>\n"
        }
        if !m.alone.isEmpty {
            t += "<p class=\"note\">Flip an answer alone at an end of their stated range (see the table above): "
            t += m.alone.map { "<code>\(Self.esc($0.input))</code> at \(AnalysisReport.number($0.end)) (\(Self.esc($0.variant))\($0.tie ? ": a tie, 0" : ""))" }.joined(separator: "; ")
            t += ". Such an input" + (m.pairs.contains { $0.firstFlipsAlone || $0.secondFlipsAlone } ? " (* below)" : "")
                + " is paired only where the other input carries at least a quarter of the move.</p>\n"
        }
        if !m.shortened.isEmpty {
            t += "<p class=\"note\">Range ends without a plan for a compared variant: " + Self.esc(m.shortened.joined(separator: "; ")) + ".</p>\n"
        }
        guard !m.pairs.isEmpty else { return t + "<p>No pair of the inputs searched flips an answer at a corner of their stated ranges.</p>\n" }
        // ° marks a range stated with draw: false, as margins --pairs does.
        let undrawn = Set(m.statedNotDrawn)
        if !undrawn.isEmpty {
            t += "<p class=\"note\">° Stated but not drawn (draw: false): " + m.statedNotDrawn.map { "<code>\(Self.esc($0))</code>" }.joined(separator: ", ")
            t += ". Paired within their stated ranges as the others are, but the simulation leaves them out, so its chances do not count these pairs.</p>\n"
        }
        t += "<table><tr><th>Variant</th><th>First input</th><th>Now → flips at</th><th>Second input</th><th>Now → flips at</th>"
        t += "<th>Way</th><th>Chance</th><th>At the corner</th></tr>\n"
        for p in m.pairs {
            let marks = (first: (undrawn.contains(p.first) ? " °" : "") + (p.firstFlipsAlone ? " *" : ""),
                         second: (undrawn.contains(p.second) ? " °" : "") + (p.secondFlipsAlone ? " *" : ""))
            t += "<tr><td>\(Self.esc(p.variant))</td><td><code>\(Self.esc(p.first))</code>\(marks.first)</td>"
            t += "<td class=\"n\">\(AnalysisReport.number(p.firstCurrent)) → \(AnalysisReport.number(p.firstAt))</td>"
            t += "<td><code>\(Self.esc(p.second))</code>\(marks.second)</td>"
            t += "<td class=\"n\">\(AnalysisReport.number(p.secondCurrent)) → \(AnalysisReport.number(p.secondAt))</td>"
            t += "<td class=\"n\">\(Fmt.percent(p.fraction, decimals: 0))</td><td class=\"n\">\(p.chance.map { Fmt.percent($0, decimals: 1) } ?? "–")</td>"
            // (signed as the text and Markdown give it: "+10,000" read "10,000" here, a hostile pass)
            t += "<td class=\"n\">\(p.tie ? "0 (tie)" : (Fmt.clean(p.difference) > 0 ? "+" : "") + Fmt.money(p.difference))</td></tr>\n"
        }
        return t + "</table>\n"
    }

    /// One answer's margins rows as an HTML table, each input with its unit
    /// (`MarginsResult.unit(ofInput:currency:capacityInUnits:)`, money in `currency`).
    func marginsTable(_ rows: [MarginsResult.Row], currency: String, capacityInUnits: Bool) -> String {
        var t = "<table><tr><th>Input</th><th>Unit</th><th>Value now</th><th>Flips at</th><th>Change</th><th></th><th>Stated range</th><th>Share beyond</th><th>What</th></tr>\n"
        for r in rows {
            let stated = AnalysisReport.statedRange(r).map { $0 + (r.statedDrawn == false ? " (not drawn)" : "") } ?? "–"
            let inside = r.withinStated.map { $0 ? " class=\"warn\"" : "" } ?? ""
            let held = r.baselineValue.map { " (baseline \(AnalysisReport.number($0)))" } ?? (r.baselineUnset ? " (baseline none)" : "")
            t += "<tr><td><code>\(Self.esc(r.input))</code></td><td>\(Self.esc(MarginsResult.unit(ofInput: r.input, currency: currency, capacityInUnits: capacityInUnits) ?? "–"))</td>"
            t += "<td class=\"n\">\(AnalysisReport.valueNow(r))\(held)</td>"
            if let x = r.flipsAt, r.change != nil {
                let pct = r.relativeChange.map(AnalysisReport.changePercent) ?? "–"
                let width = r.relativeChange.map { min(120, 30 * log10(1 + 100 * abs($0))) } ?? 0
                let shown = AnalysisReport.flipPoint(x, current: r.current, outward: r.question.kind == .savesBudget)
                t += "<td class=\"n\">\(shown.flip)\(AnalysisReport.flipSuffix(r))</td><td class=\"n\">\(shown.change) (\(pct))</td>"
                t += "<td><svg width=\"124\" height=\"12\"><rect x=\"0\" y=\"2\" width=\"\(Self.f(width))\" height=\"8\" fill=\"\(Self.palette[1])\"/></svg></td>"
            } else if r.tieBreaksAt != nil {
                // A tie now that breaks: where, and who wins there (no bar: not a flip).
                let cells = AnalysisReport.flipCells(r)
                t += "<td class=\"n\">\(Self.esc(cells[0]))</td><td class=\"n\">\(cells[1]) (\(cells[2]))</td><td></td>"
            } else {
                t += "<td class=\"n\" colspan=\"3\">\(AnalysisReport.noFlip(r))</td>"
            }
            t += "<td\(inside)>\(stated)\(Self.esc(AnalysisReport.statedVerdict(r)))</td>"
            // The share of the input's distribution beyond the flip, as the text table gives it.
            t += "<td class=\"n\">\((r.flipsAt != nil || r.tieBreaksAt != nil) && r.change != nil ? r.chanceBeyond.map { Fmt.percent($0) } ?? "–" : "")</td>"
            // The input in the scenario's words, as Markdown's column gives it (docs/margins.md).
            t += "<td>\(Self.esc(r.label ?? ""))</td></tr>\n"
        }
        return t + "</table>\n"
    }

    static func decisionColor(_ d: PostOutcome.Decision?) -> (String, String) {
        switch d {
        case .kept?: ("#009E73", "open")
        case .closed?: ("#D55E00", "closed")
        case .opened?: ("#0072B2", "opened")
        case .notOpened?: ("#d9d9d9", "not opened")
        case nil: ("#ffffff", "no plan")
        }
    }

    /// A grid: posts whose decision differs, one column per variant.
    func decisionChart() -> String {
        let rows = comparison.differingDecisions
        guard !rows.isEmpty else { return "<p class=\"note\">Every variant takes the same decisions.</p>\n" }
        let cell = 22.0, colW = 120.0, left = 110.0, top = 60.0
        let width = left + Double(comparison.plans.count) * colW + 10
        let height = top + Double(rows.count) * cell + 10
        var s = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"decisions that differ\">\n"
        for (j, p) in comparison.plans.enumerated() {
            let x = left + Double(j) * colW + colW / 2
            s += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(top - 10))\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\">\(Self.fit(p.variant, width: colW - 6, size: 11.5))</text>\n"
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * cell
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + cell * 0.7))\" font-size=\"12\" text-anchor=\"end\">\(Self.esc(row.post))</text>\n"
            for (j, d) in row.decisions.enumerated() {
                let (color, label) = Self.decisionColor(d)
                let x = left + Double(j) * colW
                s += "<rect x=\"\(Self.f(x + 2))\" y=\"\(Self.f(y + 2))\" width=\"\(Self.f(colW - 4))\" height=\"\(Self.f(cell - 4))\" fill=\"\(color)\"/>"
                s += "<text x=\"\(Self.f(x + colW / 2))\" y=\"\(Self.f(y + cell * 0.7))\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(d == .notOpened ? "#333" : "#fff")\">\(label)</text>\n"
            }
        }
        return s + "</svg>\n"
    }

    /// The world map of one plan (country shapes by presence, posts by
    /// decision, cases served from abroad, an inset of Europe).
    func map(_ p: Plan) -> String {
        var s = "<figure style=\"margin:12px 0\"><figcaption><b>\(Self.esc(p.variant))</b> — \(p.open.count) posts open, \(p.closed.count) closed, \(p.opened.count) opened; "
        s += "\(Fmt.money(p.casesFromAbroad)) cases served from abroad, \(Fmt.money(p.casesToPartners)) by partners</figcaption>\n"
        let m = WorldMap(scenario: scenario)
        s += m.svg(m.content(p), label: "map of \(p.variant)")
        return s + WorldMap.legend(classes: false) + "</figure>\n"
    }

    /// Core, borderline and exterior posts: counts, the borderline posts with
    /// a weight vector on each side, and a map of the classes.
    func robustSection(_ r: RobustResult) -> String {
        let bounds = zip(r.criteria, r.bounds).map { "\($0) \(Fmt.money($1.lowerBound))–\(Fmt.money($1.upperBound))" }.joined(separator: ", ")
        var s = "<p class=\"note\">Variant <b>\(Self.esc(r.variant))</b>, weights (money a year per score point) \(Self.esc(bounds))"
        if !r.order.isEmpty { s += ", ranking " + Self.esc(r.order.map { $0.joined(separator: " ≥ ") }.joined(separator: "; ")) }
        let count = { (c: RobustResult.Class) in r.posts.filter { $0.classification == c }.count }
        s += ". <b>\(count(.core))</b> core (open for every admissible weight vector), <b>\(count(.borderline))</b> borderline, "
        s += "<b>\(count(.exterior))</b> exterior (closed for all); \(r.posts.filter { !$0.proven }.count) classes only searched, not proven; "
        s += "\(r.weightVectors) weight vectors, \(Fmt.count(r.solves, "solve")).</p>\n"
        let borderline = r.posts.filter { $0.classification == .borderline }
        if !borderline.isEmpty {
            s += "<table><tr><th>Borderline post</th><th>Open at (\(Self.esc(r.criteria.joined(separator: " / "))))</th><th>Closed at</th></tr>\n"
            for p in borderline.prefix(40) {
                func w(_ v: [Double]?) -> String { v.map { $0.map(Fmt.money).joined(separator: " / ") } ?? "–" }
                s += "<tr><td>\(Self.esc(p.post))</td><td class=\"n\">\(w(p.openAt))</td><td class=\"n\">\(w(p.closedAt))</td></tr>\n"
            }
            s += "</table>\n"
        }
        // The posts the comparison is about (decided differently by its variants) and the
        // core or exterior posts closest to reversal, with the least a reversal costs.
        let solved = comparison.plans.filter(\.hasSolution)
        let inQuestion = Set(solved.flatMap(\.open)).subtracting(solved.dropFirst().reduce(Set(solved.first?.open ?? [])) { $0.intersection($1.open) })
        let settled = r.posts.filter { $0.classification != .borderline && $0.leastLoss != nil }
        let shown = (settled.filter { inQuestion.contains($0.post) }.sorted { $0.post < $1.post }
                     + settled.filter { !inQuestion.contains($0.post) }.sorted { $0.leastLoss! < $1.leastLoss! }.prefix(12))
        if !shown.isEmpty {
            s += "<table><tr><th>Post</th><th>Class</th><th>Least loss at a vertex</th><th>at (\(Self.esc(r.criteria.joined(separator: " / "))))</th></tr>\n"
            for p in shown {
                let mark = inQuestion.contains(p.post) ? " (in this comparison)" : ""
                s += "<tr><td>\(Self.esc(p.post))\(mark)</td><td>\(p.classification.rawValue), \(p.proven ? "proven" : "searched")</td>"
                    + "<td class=\"n\">\(Fmt.money(p.leastLoss!))</td><td class=\"n\">\(p.leastLossAt.map { $0.map(Fmt.money).joined(separator: " / ") } ?? "–")</td></tr>\n"
            }
            s += "</table>\n<p class=\"note\">Least loss at a vertex: over the vertices of the weight region only, the least by which the best plan "
                + "deciding the post otherwise falls short of the optimum (money a year); between the vertices it can be smaller. Posts decided differently by this comparison's "
                + "variants first, then the twelve closest to reversal.</p>\n"
        }
        let plan = comparison.plans.first { $0.variant == r.variant && $0.hasSolution } ?? comparison.plans.first(where: \.hasSolution)
        if let plan {
            let m = WorldMap(scenario: scenario)
            let classes = Dictionary(uniqueKeysWithValues: r.posts.map { ($0.post, ($0.classification, $0.proven ? "proven" : "searched")) })
            s += "<figure style=\"margin:12px 0\"><figcaption>Posts by class; countries coloured by their presence in <b>\(Self.esc(plan.variant))</b></figcaption>\n"
            s += m.svg(m.content(plan, classes: classes), label: "robust classes") + WorldMap.legend(classes: true) + "</figure>\n"
        }
        return s
    }

    /// A decision grid of near-optimal networks: posts that differ between
    /// them, one column per network (the optimum first), net benefit on top.
    func alternativesSection(_ h: AlternativesRun.Header, _ records: [AlternativesRun.Record]) -> String {
        let solved = records.filter { $0.net_benefit != nil }
        guard !solved.isEmpty else { return "<p class=\"note\">No alternative network was found within the slack.</p>\n" }
        let networks: [(String, Double, Set<String>)] = [("optimum", h.optimum_net_benefit, Set(h.optimum_open))]
            + solved.map { ($0.label, $0.net_benefit!, Set($0.open)) }
        let posts = h.free_posts.filter { p in Set(networks.map { $0.2.contains(p) }).count > 1 }
        let summary = AlternativesSummary(header: h, records: records)
        var s = "<p class=\"note\">" + (h.around.isEmpty
            ? "Networks within \(Fmt.percent(h.slack ?? 0, decimals: 1)) of the optimal net benefit, each as different from the earlier ones as the slack allows (\(Self.esc(h.explore)))."
            : "The best networks that decide \(Self.esc(h.around.joined(separator: ", "))) otherwise.")
        s += " Of \(h.free_posts.count) free posts, \(summary.alwaysOpen.count) are open in every network found, \(summary.alwaysClosed.count) closed in every one, \(summary.free.count) differ.</p>\n"
        let cell = 20.0, colW = 96.0, left = 110.0, top = 52.0
        let width = left + Double(networks.count) * colW + 10
        let height = top + Double(posts.count) * cell + 10
        s += "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"decision grid of the alternatives\" style=\"max-width:100%;height:auto\">\n"
        for (j, n) in networks.enumerated() {
            let x = left + Double(j) * colW + colW / 2
            let name = n.0.replacingOccurrences(of: "alternative ", with: "alt. ")
            s += "<text x=\"\(Self.f(x))\" y=\"16\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\">\(Self.esc(name))</text>"
            let d = n.1 - h.optimum_net_benefit
            s += "<text x=\"\(Self.f(x))\" y=\"32\" font-size=\"10\" text-anchor=\"middle\">\(j == 0 ? Fmt.money(n.1) : (d >= 0 ? "+" : "") + Fmt.money(d))</text>\n"
        }
        for (i, post) in posts.enumerated() {
            let y = top + Double(i) * cell
            s += "<text x=\"\(Self.f(left - 8))\" y=\"\(Self.f(y + cell * 0.7))\" font-size=\"11\" text-anchor=\"end\">\(Self.esc(post))</text>"
            for (j, n) in networks.enumerated() {
                let open = n.2.contains(post)
                let x = left + Double(j) * colW
                s += "<rect x=\"\(Self.f(x + 2))\" y=\"\(Self.f(y + 2))\" width=\"\(Self.f(colW - 4))\" height=\"\(Self.f(cell - 4))\" fill=\"\(open ? "#009E73" : "#e4e4e4")\"><title>\(Self.esc(post)) \(open ? "open" : "closed") in \(Self.esc(n.0))</title></rect>"
                s += "<text x=\"\(Self.f(x + colW / 2))\" y=\"\(Self.f(y + cell * 0.7))\" font-size=\"10\" text-anchor=\"middle\" fill=\"\(open ? "#fff" : "#333")\">\(open ? "open" : "closed")</text>"
            }
            s += "\n"
        }
        s += "</svg>\n<p class=\"note\">Second row: net benefit of the optimum, then each network's difference to it (money a year).</p>\n"
        return s
    }

    func sweepChart(_ h: SweepHeader, _ records: [SweepRecord]) -> String {
        let ok = records.filter { $0.net_benefit != nil }.sorted { $0.point < $1.point }
        // Records of a run cut short, or of one shard, hold part of the grid: said above the chart.
        let present = Set(records.map(\.point)).count
        let partial = present < h.points
            ? "<p class=\"note\">The records hold \(present) of the sweep's \(Fmt.count(h.points, "point")) (a run cut short or one shard: "
              + "<code>dipnet sweep … --records FILE --resume</code> or <code>dipnet merge</code> completes them); the chart shows the points present.</p>\n" : ""
        guard !ok.isEmpty else { return partial + "<p class=\"note\">No solved point.</p>\n" }
        let xs = ok.map { $0.values[0] }, ys = ok.map { $0.net_benefit! }
        let (x0, x1) = (xs.min()!, xs.max()!), (y0, y1) = (ys.min()!, ys.max()!)
        let W = 900.0, H = 330.0, l = 110.0, r = 60.0, t = 34.0, b = 40.0
        func px(_ v: Double) -> Double { l + (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5) * (W - l - r) }
        func py(_ v: Double) -> Double { t + (y1 > y0 ? (y1 - v) / (y1 - y0) : 0.5) * (H - t - b) }
        var s = "<svg width=\"\(Int(W))\" height=\"\(Int(H))\" role=\"img\" aria-label=\"sweep\">\n"
        s += "<line x1=\"\(l)\" y1=\"\(H - b)\" x2=\"\(W - r)\" y2=\"\(H - b)\" stroke=\"#444\"/><line x1=\"\(l)\" y1=\"\(t)\" x2=\"\(l)\" y2=\"\(H - b)\" stroke=\"#444\"/>\n"
        for k in 0...4 {
            let v = y0 + (y1 - y0) * Double(k) / 4, xv = x0 + (x1 - x0) * Double(k) / 4
            s += "<text x=\"\(Self.f(l - 6))\" y=\"\(Self.f(py(v) + 4))\" font-size=\"10\" text-anchor=\"end\">\(Fmt.money(v))</text>"
            s += "<text x=\"\(Self.f(px(xv)))\" y=\"\(Self.f(H - b + 16))\" font-size=\"10\" text-anchor=\"middle\">\(Fmt.money(xv))</text>"
        }
        let series = Dictionary(grouping: ok) { $0.values.count > 1 ? $0.values[1] : 0 }.sorted { $0.key < $1.key }
        for (k, (key, rs)) in series.enumerated() {
            let pts = rs.sorted { $0.values[0] < $1.values[0] }.map { "\(Self.f(px($0.values[0]))),\(Self.f(py($0.net_benefit!)))" }
            let color = Self.palette[k % Self.palette.count]
            s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(pts.joined(separator: " "))\"><title>\(h.parameters.count > 1 ? "\(h.parameters[1]) = \(key)" : "net benefit")</title></polyline>\n"
        }
        s += "<text x=\"\(Self.f((l + W - r) / 2))\" y=\"\(H - 4)\" font-size=\"11\" text-anchor=\"middle\">\(Self.esc(h.parameters[0]))</text>"
        s += "<text x=\"0\" y=\"14\" font-size=\"11\">net benefit\(Self.esc(currency)) a year</text></svg>\n"
        if h.parameters.count == 1 {
            let steps = Sweep.closureOrder(records).steps.prefix(15)
            if !steps.isEmpty {
                s += "<p class=\"note\">Closure order: " + steps.map { "\($0.rank). \(Self.esc($0.post)) (\(Fmt.money($0.value)))" }.joined(separator: ", ") + "</p>\n"
            }
        }
        return partial + s
    }

    /// Each variant's net benefit over the draws as a histogram; `summary` is the records'
    /// (`SimulationSummary`), built once by the caller.
    func histograms(_ h: SimulationHeader, _ records: [SimulationRecord], _ summary: SimulationSummary) -> String {
        let values = records.compactMap(\.net_benefit)
        guard let lo = values.min(), let hi = values.max() else { return "<p class=\"note\">No solved draw.</p>\n" }
        var s = ""
        for (k, v) in h.variants.enumerated() {
            let stats = summary.variants[k]
            s += histogram(records.filter { $0.variant == v }.compactMap(\.net_benefit), lo: lo, hi: hi, label: "histogram \(v)",
                           title: "\(v): mean \(Fmt.money(stats.netBenefit?.mean ?? 0)), P5 \(Fmt.money(stats.netBenefit?.p5 ?? 0)), "
                               + "P95 \(Fmt.money(stats.netBenefit?.p95 ?? 0)), wins \(Fmt.percent(stats.wins))",
                           color: Self.palette[k % Self.palette.count])
        }
        s += "<p class=\"note\">Net benefit per draw, same scale for every variant (seed \(h.seed)). The levels move together with "
        s += "the drawn inputs; the answer is the difference below.</p>\n"
        // The inputs a variant (or --set) holds at its own value, as the text's note says them.
        if let note = AnalysisReport.heldNote(h) { s += "<p class=\"note\">\(Self.esc(note))</p>\n" }
        if let note = AnalysisReport.statedNote(h) { s += "<p class=\"note\">\(Self.esc(note))</p>\n" }
        if !summary.differences.isEmpty, let note = AnalysisReport.inertNote(h) { s += "<p class=\"note\">\(Self.esc(note))</p>\n" }
        // Per variant after the first: its net benefit minus the first's in the same
        // draw, with a line at 0 (the draws right of it favour the variant).
        for (k, d) in summary.differences.enumerated() {
            let xs = SimulationSummary.paired(records, d.variant, minus: d.against)
            guard let stats = d.netBenefit, !xs.isEmpty else { continue }
            s += histogram(xs, lo: min(stats.min, 0), hi: max(stats.max, 0), label: "difference \(d.variant) minus \(d.against)",
                           title: "\(d.variant) − \(d.against), same draw: mean \(Fmt.money(stats.mean)), P5 \(Fmt.money(stats.p5)), "
                               + "P95 \(Fmt.money(stats.p95)); \(d.variant) ahead in \(Fmt.percent(d.ahead)) of \(Fmt.count(d.paired, "draw"))",
                           color: Self.palette[(k + 1) % Self.palette.count], zeroLine: true)
            // What moves with it: the drawn inputs most correlated with the difference.
            let top = d.drivers.prefix(8)
            if !top.isEmpty {
                s += "<table><tr><th>Drawn input</th><th>Rank correlation with \(Self.esc(d.variant)) − \(Self.esc(d.against))</th></tr>\n"
                for x in top { s += "<tr><td>\(Self.esc(x.input))</td><td class=\"n\">\(String(format: "%+.2f", x.rankCorrelation))</td></tr>\n" }
                s += "</table>\n<p class=\"note\">What drives the difference: Spearman's rank correlation of each drawn input with it "
                    + "over the paired draws, strongest first (> 0: a higher draw favours \(Self.esc(d.variant))); one input at a time, "
                    + "not a proof of cause; below about \(String(format: "%.2f", AnalysisReport.chanceRho(inputs: d.drivers.count, draws: d.paired))) "
                    + "chance alone gives as much with \(d.drivers.count) inputs and \(Fmt.count(d.paired, "paired draw")).</p>\n"
            }
        }
        // A winner that breaks a rule (evaluate mode), and the posts whose fate the draws decide.
        for x in summary.variants where x.breaksRules > 0 {
            s += "<p class=\"note\"><b>\(Self.esc(x.variant))</b> breaks a rule in \(x.breaksRules) of its \(x.solved) solved draws "
                + "(evaluate mode checks rules, it does not impose them)"
                + (x.winsBreakingRules > 0 ? "; \(Fmt.percent(x.winsBreakingRules)) of all draws are wins of such plans" : "") + ".</p>\n"
        }
        let moving = summary.openShare.filter { $0.shares.contains { $0 > 0 && $0 < 1 } }
        if !moving.isEmpty {
            s += "<table><tr><th>Post open in … of the draws</th>" + h.variants.map { "<th>\(Self.esc($0))</th>" }.joined() + "</tr>\n"
            for (post, shares) in moving.prefix(40) {
                s += "<tr><td>\(Self.esc(post))</td>" + shares.map { "<td class=\"n\">\($0.isNaN ? "–" : Fmt.percent($0))</td>" }.joined() + "</tr>\n"
            }
            s += "</table>\n<p class=\"note\">Posts whose decision depends on the draw" + (moving.count > 40 ? " (the first 40 of \(moving.count))" : "")
                + "; every other post is open in all draws or in none.</p>\n"
        }
        return s
    }

    /// One histogram of `values` in 24 bins over `lo…hi`, under a bold title, its
    /// ends labelled; with `zeroLine`, a dashed line at 0.
    func histogram(_ values: [Double], lo: Double, hi: Double, label: String, title: String, color: String, zeroLine: Bool = false) -> String {
        let bins = 24
        let width = max((hi - lo) / Double(bins), 1e-9)
        var counts = Array(repeating: 0, count: bins)
        for x in values { counts[min(bins - 1, max(0, Int((x - lo) / width)))] += 1 }
        let top = max(counts.max() ?? 1, 1)
        let W = 900.0, H = 150.0, l = 60.0, b = 24.0
        let bw = (W - l - 10) / Double(bins)
        var s = "<svg width=\"\(Int(W))\" height=\"\(Int(H))\" role=\"img\" aria-label=\"\(Self.esc(label))\">\n"
        s += "<text x=\"0\" y=\"14\" font-size=\"12\" font-weight=\"bold\">\(Self.esc(title))</text>\n"
        for (i, n) in counts.enumerated() where n > 0 {
            let bh = Double(n) / Double(top) * (H - b - 24)
            s += "<rect x=\"\(Self.f(l + Double(i) * bw))\" y=\"\(Self.f(H - b - bh))\" width=\"\(Self.f(bw - 1))\" height=\"\(Self.f(bh))\" fill=\"\(color)\"><title>\(Fmt.count(n, "draw"))</title></rect>"
        }
        if zeroLine {
            let zero = l + (0 - lo) / (hi - lo == 0 ? 1 : hi - lo) * (W - l - 10)
            s += "<line x1=\"\(Self.f(zero))\" y1=\"22\" x2=\"\(Self.f(zero))\" y2=\"\(H - b)\" stroke=\"#000\" stroke-dasharray=\"3 2\"/>"
            s += "<text x=\"\(Self.f(zero))\" y=\"\(H - 6)\" font-size=\"10\" text-anchor=\"middle\">0</text>"
        }
        s += "<line x1=\"\(l)\" y1=\"\(H - b)\" x2=\"\(W - 10)\" y2=\"\(H - b)\" stroke=\"#444\"/>"
        s += "<text x=\"\(l)\" y=\"\(H - 6)\" font-size=\"10\">\(Fmt.money(lo))</text><text x=\"\(W - 10)\" y=\"\(H - 6)\" font-size=\"10\" text-anchor=\"end\">\(Fmt.money(hi))</text></svg>\n"
        return s
    }
}
