import Foundation
import GLPKSolver
import LinearProgramming

/// Why a variant has no feasible plan, in words analysts can act on.
public struct Diagnosis: Sendable {
    public struct Finding: Sendable {
        /// `precheck` (a cheap necessary condition), `rule` (this rule alone must
        /// give), `forced` (forced decisions must give), `together` (the smallest
        /// combined relaxation).
        public var kind: String
        public var subject: String
        public var message: String
        public var amount: Double?
    }
    public var variant: String
    public var findings: [Finding]
    public var solves: Int
}

public enum Diagnose {
    /// Seconds each elastic re-solve may take at most (a violation is usually
    /// proven smallest in well under a second; the limit keeps a hard case from
    /// holding up the report).
    public static let elasticTimeLimit: Double = 20

    /// Runs the cheap checks, then elastic re-solves: everything relaxable at
    /// once, each rule alone, the forced decisions alone.
    public static func run(_ s: Scenario, planner: Planner) throws -> Diagnosis {
        let cur = s.currency.isEmpty ? "" : " \(s.currency)"
        var findings = prechecks(s, cur)
        var solves = 0
        let ruleKeys = ruleKeysOf(s)
        // Each elastic solve gets at most `elasticTimeLimit` seconds (or the
        // planner's own limit when shorter); a relaxation found but not proven
        // smallest says so in its message.
        var options = planner.options
        options.timeLimit = min(planner.options.timeLimit ?? elasticTimeLimit, elasticTimeLimit)
        options.start = nil
        func solve(_ e: NetworkFormulation.Elastic) throws -> (NetworkFormulation, SolveResult) {
            let f = NetworkFormulation(s, elastic: e)
            solves += 1
            return (f, try GLPKSolver().solve(f.model, options: options))
        }
        func unproven(_ r: SolveResult) -> String {
            r.termination == .optimal ? "" : " (the smallest found in \(Fmt.grouped(options.timeLimit ?? 0, decimals: 0)) s, not proven smallest)"
        }
        func slackValues(_ f: NetworkFormulation, _ r: SolveResult) -> [(NetworkFormulation.Slack, Double)] {
            guard let v = r.values else { return [] }
            return f.slacks.compactMap { sl in v[sl.variable.index] > 1e-6 ? (sl, v[sl.variable.index]) : nil }
        }
        // Each rule alone.
        for key in ruleKeys {
            let (f, r) = try solve(.init(rules: [key], forcedDecisions: false, groups: false))
            guard r.termination.hasSolution, let (_, amount) = slackValues(f, r).first else { continue }
            findings.append(.init(kind: "rule", subject: key, message: ruleMessage(key, amount, s, cur) + unproven(r), amount: amount))
        }
        // Forced decisions (and groups) alone.
        if s.posts.contains(where: { $0.force != nil || $0.group != nil || !$0.requires.isEmpty }) {
            let (f, r) = try solve(.init(rules: [], forcedDecisions: true, groups: true))
            if r.termination.hasSolution {
                let given = slackValues(f, r)
                let forced = given.compactMap { if case .forced(let p) = $0.0.kind { return p } else { return nil } }
                let groups = given.compactMap { if case .group(let g) = $0.0.kind { return g } else { return nil } }
                let requirements = given.compactMap { if case .requirement(let p, let q) = $0.0.kind { return "\(p) requires \(q)" } else { return nil } }
                var parts: [String] = []
                if !forced.isEmpty {
                    parts.append("\(forced.count) forced decision\(forced.count == 1 ? "" : "s") must give: "
                                 + forced.prefix(12).map { p in "\(p) (forced \(s.post(p)?.force?.rawValue ?? "?"))" }.joined(separator: ", ")
                                 + (forced.count > 12 ? ", …" : ""))
                }
                if !groups.isEmpty { parts.append("group\(groups.count == 1 ? "" : "s") \(groups.joined(separator: ", ")) must allow more than one open post") }
                if !requirements.isEmpty { parts.append("requirement\(requirements.count == 1 ? "" : "s") must give: " + requirements.prefix(12).joined(separator: ", ")) }
                if !parts.isEmpty {
                    // Named by what must give (a requirement alone was filed as "forced decisions").
                    let what = [forced.isEmpty ? nil : "forced decisions", groups.isEmpty ? nil : "groups",
                                requirements.isEmpty ? nil : "requirements"].compactMap { $0 }
                    findings.append(.init(kind: "forced", subject: what.joined(separator: ", "), message: "With every rule kept, " + parts.joined(separator: "; ") + unproven(r) + ".",
                                          amount: Double(forced.count + groups.count + requirements.count)))
                }
            }
        }
        // Everything together: the smallest combined relaxation.
        if !findings.contains(where: { $0.kind == "rule" || $0.kind == "forced" }) {
            let (f, r) = try solve(.init(rules: Set(ruleKeys), forcedDecisions: true, groups: true))
            let given = slackValues(f, r)
            if !given.isEmpty {
                let text = given.map { sl, amount -> String in
                    switch sl.kind {
                    case .rule(let k): return ruleMessage(k, amount, s, cur)
                    case .forced(let p): return "\(p) cannot stay forced \(s.post(p)?.force?.rawValue ?? "")"
                    case .group(let g): return "group \(g) must allow \(Int((1 + amount).rounded())) open posts"
                    case .requirement(let p, let q): return "\(p) must be open without \(q), which it requires"
                    }
                }
                findings.append(.init(kind: "together", subject: "several", message: "No single rule or forced decision can give alone; the smallest combined relaxation: "
                                      + text.joined(separator: "; ") + unproven(r) + ".", amount: nil))
            }
        }
        return Diagnosis(variant: s.variant, findings: findings, solves: solves)
    }

    /// The rules the smallest relaxation of an infeasible `s` breaks, by key in rule
    /// order: every rule violable at a price, forced decisions and groups kept (one
    /// elastic solve, in `elasticTimeLimit`). Empty when it breaks none or the solve
    /// found no plan in time; nil when no relaxation of the rules has a plan (a forced
    /// decision or a group is the cause).
    static func rulesThatMustGive(_ s: Scenario, options: SolveOptions) throws -> [String]? {
        let keys = ruleKeysOf(s)
        var o = options
        o.timeLimit = min(options.timeLimit ?? elasticTimeLimit, elasticTimeLimit)
        o.start = nil
        let f = NetworkFormulation(s, elastic: .init(rules: Set(keys), forcedDecisions: false, groups: false))
        let r = try GLPKSolver().solve(f.model, options: o)
        guard let v = r.values, r.termination.hasSolution else { return r.termination == .infeasible ? nil : [] }
        let broken = Set(f.slacks.compactMap { sl -> String? in
            guard v[sl.variable.index] > 1e-6, case .rule(let key) = sl.kind else { return nil }
            return key
        })
        return keys.filter { broken.contains($0) }
    }

    static func ruleKeysOf(_ s: Scenario) -> [String] {
        guard s.mode == .optimize else { return [] }
        var keys: [String] = []
        if s.rules.budget != nil { keys.append("budget") }
        if s.rules.minCoverage != nil { keys.append("min_coverage") }
        keys += s.rules.minCoverageByService.map { "min_coverage.\($0.service)" }
        if s.rules.maxDiplomats != nil { keys.append("max_diplomats") }
        if s.rules.maxClosures != nil { keys.append("max_closures") }
        if s.rules.maxOpenings != nil { keys.append("max_openings") }
        keys += s.rules.minResident.indices.map { "min_resident[\($0)]" }
        keys += s.rules.minPosts.indices.map { "min_posts[\($0)]" }
        return keys
    }

    static func ruleMessage(_ key: String, _ amount: Double, _ s: Scenario, _ cur: String) -> String {
        let r = s.rules
        switch key {
        case "budget":
            let b = r.budget ?? 0
            return "budget \(Fmt.money(b))\(cur) is \(Fmt.money(amount))\(cur) short of the cheapest network that meets every other rule and forced decision (\(Fmt.money(b + amount))\(cur) a year)"
        case "min_coverage":
            let total = s.countries.reduce(0) { $0 + $1.demand }
            let k = r.minCoverage ?? 0
            let reachable = total > 0 ? k - amount / total : 1
            return "min_coverage \(Fmt.percent(k)) cannot be met: under the other rules and forced decisions at most \(Fmt.percent(reachable)) of cases can be handled (\(shortOf(amount)))"
        case "max_diplomats":
            let n = r.maxDiplomats ?? 0
            return "max_diplomats \(Fmt.figure(n)) is too tight: the cheapest network that meets every other rule needs \(Fmt.figure(n + amount)) diplomats"
        case _ where key.hasPrefix("min_coverage."):
            let service = String(key.dropFirst("min_coverage.".count))
            let si = s.serviceIndex(service) ?? 0
            let total = s.countries.reduce(0) { $0 + (si < $1.demands.count ? $1.demands[si] : 0) }
            let k = r.minCoverageByService.first { $0.service == service }?.share ?? 0
            let reachable = total > 0 ? k - amount / total : 1
            return "\(key) \(Fmt.percent(k)) cannot be met: under the other rules and forced decisions at most \(Fmt.percent(reachable)) of \(service) cases can be handled (\(shortOf(amount)))"
        case "max_closures":
            return "max_closures \(r.maxClosures ?? 0) is too tight: \(Int(amount.rounded())) more closure\(amount.rounded() == 1 ? " is" : "s are") needed"
        case "max_openings":
            return "max_openings \(r.maxOpenings ?? 0) is too tight: \(Int(amount.rounded())) more opening\(amount.rounded() == 1 ? " is" : "s are") needed"
        default:
            if key.hasPrefix("min_resident"), let i = index(key), i < r.minResident.count {
                return "\(key) (\(r.minResident[i].select)) cannot be met: \(Int(amount.rounded())) fewer countries than required can keep a resident post"
            }
            if key.hasPrefix("min_posts"), let i = index(key), i < r.minPosts.count {
                return "\(key) (\(r.minPosts[i].select)) cannot be met: \(Int(amount.rounded())) fewer posts than required can stay open"
            }
            return "\(key) must give by \(Fmt.grouped(amount, decimals: 2))"
        }
    }

    static func index(_ key: String) -> Int? {
        guard let a = key.firstIndex(of: "["), let b = key.firstIndex(of: "]") else { return nil }
        return Int(key[key.index(after: a)..<b])
    }

    /// Necessary conditions checked without solving.
    static func prechecks(_ s: Scenario, _ cur: String) -> [Diagnosis.Finding] {
        var out: [Diagnosis.Finding] = []
        let H = s.horizonYears
        let mustOpen = s.posts.filter { $0.force == .open || (s.mode == .evaluate && $0.force == nil && $0.status == .existing) }
        let mustClose = s.posts.filter { $0.force == .closed && $0.status == .existing }
        if let b = s.rules.budget, s.mode == .optimize {
            let running = mustOpen.reduce(0) { $0 + $1.annualCost + ($1.status == .candidate ? $1.openCost / H : 0) }
            let closing = mustClose.reduce(0) { $0 + $1.closeCost / H }
            if running + closing > b {
                out.append(.init(kind: "precheck", subject: "budget",
                                 message: (mustOpen.count == 1 ? "the post forced open (\(mustOpen[0].id)) alone costs" : "the \(mustOpen.count) posts forced open alone cost")
                                    + " \(Fmt.money(running))\(cur) a year"
                                    + (closing > 0 ? " and the forced closures \(Fmt.money(closing))\(cur)" : "")
                                    + ", more than the budget of \(Fmt.money(b))\(cur) by \(Fmt.money(running + closing - b))\(cur)",
                                 amount: running + closing - b))
            }
        }
        var groups: [String: [String]] = [:]
        for p in mustOpen { if let g = p.group { groups[g, default: []].append(p.id) } }
        for (g, ids) in groups.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
            out.append(.init(kind: "precheck", subject: "group \(g)",
                             message: "group \(g) allows one open post, but \(ids.joined(separator: " and ")) must both be open", amount: nil))
        }
        if s.mode == .optimize {
            if let n = s.rules.maxOpenings {
                let forced = s.posts.filter { $0.force == .open && $0.status == .candidate }.count
                if forced > n { out.append(.init(kind: "precheck", subject: "max_openings", message: "\(forced) candidates are forced open but max_openings is \(n)", amount: Double(forced - n))) }
            }
            if let n = s.rules.maxClosures, mustClose.count > n {
                out.append(.init(kind: "precheck", subject: "max_closures", message: "\(mustClose.count) posts are forced closed but max_closures is \(n)", amount: Double(mustClose.count - n)))
            }
            if let k = s.rules.minCoverage {
                let total = s.countries.reduce(0) { $0 + $1.demand }
                var capacity = 0.0
                for c in s.countries {
                    let posts = s.posts.filter { $0.force != .closed && ($0.country == c.id || $0.covers.contains(c.id)) }
                    let partners = s.partners.filter { $0.country == c.id }
                    capacity += min(c.demand, posts.reduce(0) { $0 + $1.capacity } + partners.reduce(0) { $0 + $1.capacity })
                }
                if total > 0, capacity / total < k - 1e-9, s.services.count == 1 {
                    out.append(.init(kind: "precheck", subject: "min_coverage",
                                     message: "even with every post open that may open, posts and partners can handle at most \(Fmt.percent(capacity / total)) of cases (by covers lists; reach may add some), below min_coverage \(Fmt.percent(k))",
                                     amount: k - capacity / total))
                }
            }
            if let n = s.rules.maxDiplomats {
                let forced = mustOpen.reduce(0) { $0 + $1.diplomats }
                if forced > n + 1e-9 {
                    out.append(.init(kind: "precheck", subject: "max_diplomats",
                                     message: "the posts forced open alone need \(Fmt.figure(forced)) diplomat\(forced == 1 ? "" : "s"), more than max_diplomats \(Fmt.figure(n))",
                                     amount: forced - n))
                }
            }
        }
        return out
    }
}

/// "0.84 cases short", "1 case short", "1,200 cases short": a shortfall of cases a year,
/// with its fraction below 10 (a 0.84 read "1 cases short").
func shortOf(_ cases: Double) -> String {
    let shown = abs(cases) < 10 ? Fmt.significant(Fmt.clean(cases), digits: 2) : Fmt.money(cases)
    return "\(shown) case\(shown == "1" ? "" : "s") short"
}
