/// An input's path (`posts.HAV.annual_cost`) in words a committee reads ("Havana (HAV):
/// running cost"), from the scenario's own names: a post's city, a country's name, a
/// partner's state, a criterion's or an interest's label. Shown beside the path, which stays
/// what `--set` and the uncertainty section take.
public enum InputLabel {
    /// The words for `path` in `scenario`, or nil for a path it does not know (the path
    /// alone is then shown).
    public static func label(_ path: String, in scenario: Scenario) -> String? {
        // Words on one line (a city written over two lines broke a table's row).
        words(path, in: scenario).map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
    }

    static func words(_ path: String, in scenario: Scenario) -> String? {
        let p = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let head = p.first else { return nil }
        func service(_ id: String) -> String { id }
        func interest(_ id: String) -> String {
            scenario.interests.first { $0.id == id }?.label ?? id
        }
        func country(_ id: String) -> String { scenario.countries.first { $0.id == id }?.name ?? id }
        switch (head, p.count) {
        case ("posts", 3...):
            let post = scenario.posts.first { $0.id == p[1] }
            let name = post.map { "\($0.city ?? country($0.country)) (\($0.id))" } ?? p[1]
            let field: String? = switch p[2] {
            case "annual_cost": "running cost"
            case "close_cost": "closing cost"
            case "open_cost": "opening cost"
            case "capacity": "capacity"
            case "diplomats": "diplomats"
            case "reach_km": "reach"
            case "case_cost": p.count == 4 ? "cost of a case (\(service(p[3])))" : "cost of a case"
            default: p[2].hasPrefix("case_cost_") ? "cost of a case (\(service(String(p[2].dropFirst(10)))))" : nil
            }
            return field.map { "\(name): \($0)" }
        case ("countries", 3...):
            let name = country(p[1])
            switch p[2] {
            case "demand": return p.count == 4 ? "\(name): demand for \(service(p[3]))" : "\(name): consular demand"
            case "scores" where p.count == 4: return "\(name): \(p[3]) score"
            case "interests" where p.count == 4: return "\(name): \(interest(p[3]))"
            default: return nil
            }
        case ("partners", 3...):
            let offer = scenario.partners.first { $0.id == p[1] }
            let name = offer.map { "\($0.by)'s offer in \(country($0.country)) (\($0.id))" } ?? p[1]
            switch p[2] {
            case "capacity": return "\(name): capacity"
            case "fee": return p.count == 4 ? "\(name): fee a case (\(service(p[3])))" : "\(name): fee a case"
            default: return nil
            }
        case ("services", 3):
            let s = service(p[1])
            switch p[2] {
            case "unserved_penalty": return "\(s): value lost a case left unserved"
            case "fee_income": return "\(s): fee earned a case"
            case "workload": return "\(s): capacity a case takes"
            case "case_cost": return "\(s): cost of a case"
            default: return nil
            }
        case ("criteria", 3) where p[2] == "weight":
            return "\(scenario.criteria.first { $0.id == p[1] }?.label ?? p[1]): value of one score point"
        case ("interests", 3):
            switch p[2] {
            case "accredited": return "\(interest(p[1])): share kept when accredited from abroad"
            case "represented": return "\(interest(p[1])): share kept when represented by a partner"
            default: return nil
            }
        case ("presence", 2):
            switch p[1] {
            case "accredited": return "value of presence kept when accredited from abroad (share)"
            case "represented": return "value of presence kept when represented by a partner (share)"
            default: return nil
            }
        case ("horizon_years", 1): return "years over which one-off costs are spread"
        case ("rules", 2):
            switch p[1] {
            case "budget": return "budget"
            case "max_diplomats": return "cap on diplomats"
            case "max_closures": return "most closures"
            case "max_openings": return "most openings"
            case "min_coverage": return "least coverage"
            default: return nil
            }
        case ("costs", 2):
            switch p[1] {
            case "remote_case_cost_per_1000km": return "cost of serving a case from abroad, per 1,000 km"
            case "unserved_case_penalty": return "value lost a case left unserved"
            case "case_cost": return "cost of a case"
            default: return nil
            }
        default: return nil
        }
    }
}
