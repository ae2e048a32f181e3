import FileSupport
import Foundation

/// Writes synthetic but plausible scenarios of any size, so that anyone can
/// test scale: regions on the globe, heavy-tailed consular demand, existing and
/// candidate posts, light-post alternatives, partner offers, a budget rule and
/// variants. The same seed gives the same files.
public struct ScenarioGenerator {
    public var countries: Int
    public var postsPerCountry: Int
    public var reachKm: Double
    public var seed: UInt64
    /// Write format version 2 with three services (documents, assistance,
    /// visas), diplomats and partner offers per service. The network, demand
    /// and costs are those of the version 1 file of the same seed (demand split
    /// 45% / 10% / 45%), so the two versions of one seed can be compared.
    public var services: Bool
    /// Most posts the file may hold, counted as drawn (the light offices beside
    /// about 14% of embassies included), or nil for no limit.
    public var maximumPosts: Int?

    /// A draw with more posts than `maximumPosts`: nothing is written.
    public struct TooManyPosts: Error, CustomStringConvertible, Sendable {
        /// Posts drawn (`countries × postsPerCountry` plus the light offices).
        public var posts: Int
        /// Light offices among them.
        public var offices: Int
        /// The limit.
        public var maximum: Int
        public var description: String {
            "this draw has \(posts) posts (\(posts - offices) embassies and consulates and \(offices) light offices beside embassies); "
                + "at most \(maximum): give fewer --countries or --posts-per-country"
        }
    }

    public init(countries: Int, postsPerCountry: Int, reachKm: Double, seed: UInt64, services: Bool = false, maximumPosts: Int? = nil) {
        self.countries = countries
        self.postsPerCountry = postsPerCountry
        self.reachKm = reachKm
        self.seed = seed
        self.services = services
        self.maximumPosts = maximumPosts
    }

    struct GCountry { var id: String; var region: String; var lat: Double; var lon: Double; var demand: Double; var scores: [Double]; var tags: [String] }
    struct GPost { var id: String; var country: Int; var status: String; var annual: Double; var close: Double; var open: Double
                   var capacity: Double; var caseCost: Double?; var reach: Double; var group: String? }

    static let regions: [(String, Double, Double)] = [
        ("europe", 50, 10), ("north_america", 42, -95), ("south_america", -15, -58), ("caribbean", 18, -72),
        ("west_africa", 10, -5), ("east_africa", -2, 36), ("southern_africa", -22, 25), ("middle_east", 28, 45),
        ("south_asia", 22, 78), ("east_asia", 35, 115), ("southeast_asia", 5, 108), ("oceania", -25, 145),
    ]

    /// Writes scenario.yaml, countries.csv, posts.csv and partners.csv into `directory`;
    /// returns the number of countries, posts and partner offers written.
    ///
    /// - Throws: `TooManyPosts` (before any file is written) when the draw exceeds
    ///   `maximumPosts`; `FileWriteError` when a file cannot be written.
    @discardableResult
    public func write(to directory: String) throws -> (countries: Int, posts: Int, partners: Int) {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double {
            let u1 = 1 - rng.unit(), u2 = rng.unit()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        var cs: [GCountry] = []
        for i in 0..<countries {
            let (region, clat, clon) = Self.regions[i % Self.regions.count]
            let lat = max(-60, min(70, clat + 9 * normal())), lon = ((clon + 14 * normal() + 540).truncatingRemainder(dividingBy: 360)) - 180
            // heavy tails: lognormal demand (median ~150 cases, a few tens of thousands)
            let demand = (exp(5 + 1.6 * normal())).rounded()
            let scale = exp(0.8 * normal())
            let scores = (0..<3).map { k in min(100, max(0, (k == 0 ? 20 : 15) * scale + 8 * normal())).rounded() }
            var tags: [String] = []
            if region == "europe", rng.unit() < 0.6 { tags.append("eu") }
            if scores[0] > 35 { tags.append("priority") }
            cs.append(GCountry(id: String(format: "C%04d", i + 1), region: region, lat: (lat * 100).rounded() / 100,
                               lon: (lon * 100).rounded() / 100, demand: demand, scores: scores, tags: tags))
        }
        var ps: [GPost] = []
        for (i, c) in cs.enumerated() {
            for k in 0..<postsPerCountry {
                let embassy = k == 0
                let existing = embassy ? rng.unit() < 0.7 : rng.unit() < 0.35
                let size = embassy ? 1.0 : 0.6
                let annual = ((0.6 + 2.4 * rng.unit()) * size * 1_000_000 / 1000).rounded() * 1000
                let capacity = (c.demand * (embassy ? 1.2 : 0.6) + 200 + 600 * rng.unit()).rounded()
                var group: String? = nil
                if embassy && existing && rng.unit() < 0.2 { group = "g\(c.id)" }
                ps.append(GPost(id: "\(c.id)-\(k + 1)", country: i, status: existing ? "existing" : "candidate", annual: annual,
                                close: (annual * (0.3 + 0.4 * rng.unit()) / 1000).rounded() * 1000,
                                open: existing ? 0 : (annual * (0.8 + 0.8 * rng.unit()) / 1000).rounded() * 1000,
                                capacity: capacity, caseCost: nil, reach: embassy ? reachKm : 0, group: group))
                if let g = group {
                    ps.append(GPost(id: "\(c.id)-L", country: i, status: "candidate", annual: (annual * 0.45 / 1000).rounded() * 1000,
                                    close: 0, open: (annual * 0.3 / 1000).rounded() * 1000, capacity: (capacity * 0.5).rounded(),
                                    caseCost: 150, reach: 0, group: g))
                }
            }
        }
        if let maximum = maximumPosts, ps.count > maximum {
            throw TooManyPosts(posts: ps.count, offices: ps.count - countries * postsPerCountry, maximum: maximum)
        }
        var partners: [(Int, String, Double, Double, Bool)] = []
        for (i, c) in cs.enumerated() where rng.unit() < 0.35 {
            partners.append((i, ["ESP", "FRA", "DEU", "NLD", "ITA", "EU"][Int(rng.unit() * 6)], (c.demand * (0.2 + 0.4 * rng.unit())).rounded(),
                             (150 + 100 * rng.unit()).rounded(), rng.unit() < 0.7))
        }
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ n: String) -> String { (directory as NSString).appendingPathComponent(n) }
        // Version 2 draws come from their own stream, so the network is that of version 1.
        var rng2 = SplitMix64(seed: seed, stream: 2)
        func split(_ d: Double) -> [Int] {
            let documents = Int((0.45 * d).rounded()), assistance = Int((0.10 * d).rounded())
            return [documents, assistance, max(0, Int(d) - documents - assistance)]
        }
        var countriesCSV = services
            ? "id,name,region,lat,lon,demand_documents,demand_assistance,demand_visas,score_geopolitical,score_economic,score_development,tags\n"
            : "id,name,region,lat,lon,demand,score_geopolitical,score_economic,score_development,tags\n"
        for c in cs {
            let demand = services ? split(c.demand).map(String.init).joined(separator: ",") : "\(Int(c.demand))"
            countriesCSV += "\(c.id),Country \(c.id),\(c.region),\(c.lat),\(c.lon),\(demand),\(Int(c.scores[0])),\(Int(c.scores[1])),\(Int(c.scores[2])),\(c.tags.joined(separator: ";"))\n"
        }
        var postsCSV = "id,country,city,kind,status,annual_cost,close_cost,open_cost,capacity,case_cost,reach_km,group" + (services ? ",diplomats\n" : "\n")
        var diplomats = 0.0
        for p in ps {
            let kind = p.id.hasSuffix("-1") ? "embassy" : p.id.hasSuffix("-L") ? "office" : "consulate"
            postsCSV += "\(p.id),\(cs[p.country].id),Capital,\(kind),\(p.status),"
            postsCSV += "\(Int(p.annual)),\(Int(p.close)),\(Int(p.open)),\(Int(p.capacity)),\(p.caseCost.map { String(Int($0)) } ?? ""),"
            postsCSV += "\(p.reach > 0 ? String(Int(p.reach)) : ""),\(p.group ?? "")"
            if services {
                let m = kind == "embassy" ? 2.0 : kind == "office" ? 0.5 : 1.0
                if p.status == "existing" { diplomats += m }
                postsCSV += ",\(Fmt.plain(m))"
            }
            postsCSV += "\n"
        }
        var partnersCSV = services ? "country,by,capacity,fee,presence,services\n" : "country,by,capacity,fee,presence\n"
        for (i, by, cap, fee, presence) in partners {
            partnersCSV += "\(cs[i].id),\(by),\(Int(cap)),\(Int(fee)),\(presence)"
            if services {
                let u = rng2.unit()
                partnersCSV += "," + (u < 0.5 ? "assistance" : u < 0.8 ? "visas" : "documents;assistance;visas")
            }
            partnersCSV += "\n"
        }
        let existingCost = ps.filter { $0.status == "existing" }.reduce(0) { $0 + $1.annual }
        let firstEmbassy = ps.first { $0.status == "existing" }?.id ?? ps[0].id
        let yaml = """
        # Synthetic scenario written by `dipnet generate --countries \(countries) --posts-per-country \(postsPerCountry) --reach \(Int(reachKm)) --seed \(seed)`.
        # Every number is made up (seeded random draws): for testing scale, not for policy.
        dipnet: \(services ? 2 : 1)
        name: Synthetic network (\(countries) countries, \(ps.count) posts, seed \(seed))
        currency: EUR
        horizon_years: 4
        criteria:
          geopolitical: {weight: 20000}
          economic: {weight: 15000}
          development: {weight: 10000}
        presence: {accredited: 0.35, represented: 0.15}
        costs: {case_cost: 120, remote_case_cost_per_1000km: 40, unserved_case_penalty: 2000}
        countries: {csv: countries.csv}
        posts: {csv: posts.csv}
        partners: {csv: partners.csv}
        \(services ? """
        services:
          documents: {case_cost: 100, unserved_penalty: 2000}
          assistance: {case_cost: 300, unserved_penalty: 5000}
          visas: {case_cost: 60, unserved_penalty: 300, fee_income: 80, workload: 0.5, remote: false}

        """ : "")rules:
          budget: \(Int((existingCost * 1.05).rounded()))   # 5% above the running cost of the existing posts
          min_coverage: 0.9\(services ? "\n  max_diplomats: \(Fmt.plain((diplomats * 1.05).rounded()))   # 5% above the existing posts' diplomats" : "")
        variants:
          keep-first:
            set: {posts.\(firstEmbassy).force: open}
          close-first:
            set: {posts.\(firstEmbassy).force: closed}
          tight:
            scale: {rules.budget: 0.85}
        comparisons:
          first:
            baseline: status-quo
            variants: [keep-first, close-first, tight]

        """
        try AtomicFile.write(countriesCSV, to: path("countries.csv"))
        try AtomicFile.write(postsCSV, to: path("posts.csv"))
        try AtomicFile.write(partnersCSV, to: path("partners.csv"))
        try AtomicFile.write(yaml, to: path("scenario.yaml"))
        return (cs.count, ps.count, partners.count)
    }
}

/// Atomic text write (temporary file in the same directory, then rename).

/// Writes a synthetic coalition: `states` states over `hosts` host countries,
/// each with posts in a share of them, heavy-tailed demand, and agreements
/// within clusters of about four neighbouring states (as Benelux or the Nordics).
public struct CoalitionGenerator {
    /// Which ordered pairs of states get an agreement (provider serves client).
    public enum Agreements: Sendable, Equatable {
        /// Clusters of four consecutive states, every ordered pair inside a cluster
        /// (as Benelux or the Nordics): 3 agreements per state.
        case clusters
        /// Every ordered pair: N(N−1) agreements, one connected coalition (as the
        /// Directive 2015/637 duty of assistance between all EU states).
        case all
        /// Each state is the client of the next K states (cyclically): N·K agreements.
        case next(Int)

        /// Parses `all`, `clusters` or a number K ≥ 1.
        public init?(_ text: String) {
            switch text {
            case "all": self = .all
            case "clusters": self = .clusters
            default:
                guard let k = Int(text), k >= 1 else { return nil }
                self = .next(k)
            }
        }

        var label: String {
            switch self {
            case .all: "all"
            case .clusters: "clusters"
            case .next(let k): "\(k)"
            }
        }

        /// The providers of `client` among `states` states.
        func providers(of client: Int, states: Int) -> [Int] {
            switch self {
            case .clusters: (0..<states).filter { $0 != client && $0 / 4 == client / 4 }
            case .all: (0..<states).filter { $0 != client }
            case .next(let k): (1...min(k, max(1, states - 1))).map { (client + $0) % states }.filter { $0 != client }
            }
        }
    }

    public var states: Int
    public var hosts: Int
    public var seed: UInt64
    public var agreements: Agreements
    public init(states: Int, hosts: Int, seed: UInt64, agreements: Agreements = .clusters) {
        self.states = states
        self.hosts = hosts
        self.seed = seed
        self.agreements = agreements
    }

    @discardableResult
    public func write(to directory: String) throws -> (posts: Int, agreements: Int) {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double {
            let u1 = 1 - rng.unit(), u2 = rng.unit()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var y = """
        # Synthetic coalition written by `dipnet generate --coalition \(states) --countries \(hosts) --seed \(seed)\(agreements == .clusters ? "" : " --agreements " + agreements.label)`.
        # Every number is made up (seeded random draws): for testing scale, not for policy.
        dipnet: 1
        name: Synthetic coalition (\(states) states, \(hosts) host countries)
        currency: EUR
        horizon_years: 4
        criteria: {geopolitical: {weight: 20000}, economic: {weight: 15000}, development: {weight: 10000}}
        presence: {accredited: 0.35, represented: 0.15}
        costs: {case_cost: 120, remote_case_cost_per_1000km: 40, unserved_case_penalty: 2000}
        countries: {csv: hosts.csv}
        states:

        """
        var hostsCSV = "id,name,region,lat,lon\n"
        var hostPlaces: [(Double, Double)] = []
        for h in 0..<hosts {
            let (region, clat, clon) = ScenarioGenerator.regions[h % ScenarioGenerator.regions.count]
            let lat = max(-60, min(70, clat + 9 * normal())), lon = ((clon + 14 * normal() + 540).truncatingRemainder(dividingBy: 360)) - 180
            hostPlaces.append((lat, lon))
            hostsCSV += String(format: "H%03d,Host %03d,%@,%.2f,%.2f\n", h + 1, h + 1, region, lat, lon)
        }
        try AtomicFile.write(hostsCSV, to: (directory as NSString).appendingPathComponent("hosts.csv"))
        var posts = 0
        for s in 0..<states {
            let id = String(format: "S%02d", s + 1)
            let size = exp(0.6 * normal())            // some states are large, most are small
            let share = min(0.8, 0.25 * size + 0.1)    // of the hosts where the state has a post
            var demand = "country,demand,score_geopolitical,score_economic,score_development\n"
            var postsCSV = "id,country,status,annual_cost,close_cost,open_cost,capacity,reach_km\n"
            for h in 0..<hosts {
                let d = (exp(3.5 + 1.4 * normal()) * size).rounded()
                let scale = exp(0.7 * normal())
                let sc = (0..<3).map { k in Int(min(100, max(0, (k == 0 ? 15 : 10) * scale + 6 * normal())).rounded()) }
                demand += String(format: "H%03d,%d,%d,%d,%d\n", h + 1, Int(d), sc[0], sc[1], sc[2])
                if rng.unit() < share {
                    let annual = ((0.5 + 2 * rng.unit()) * 1_000_000 / 1000).rounded() * 1000
                    let existing = rng.unit() < 0.85
                    postsCSV += String(format: "P%03d,H%03d,%@,%d,%d,%d,%d,%d\n", h + 1, h + 1, existing ? "existing" : "candidate",
                                       Int(annual), Int((annual * 0.5 / 1000).rounded() * 1000), existing ? 0 : Int(annual),
                                       Int(d * 1.5 + 300), 1200)
                    posts += 1
                }
            }
            try AtomicFile.write(demand, to: (directory as NSString).appendingPathComponent("\(id)-demand.csv"))
            try AtomicFile.write(postsCSV, to: (directory as NSString).appendingPathComponent("\(id)-posts.csv"))
            y += "  \(id):\n    demand: {csv: \(id)-demand.csv}\n    posts: {csv: \(id)-posts.csv}\n"
        }
        y += "agreements:\n"
        var agreements = 0
        for s in 0..<states {
            for t in self.agreements.providers(of: s, states: states) {
                y += String(format: "  - {provider: S%02d, client: S%02d, fee: %d, abroad: false}\n", t + 1, s + 1, 120 + Int(rng.unit() * 80))
                agreements += 1
            }
        }
        try AtomicFile.write(y, to: (directory as NSString).appendingPathComponent("coalition.yaml"))
        return (posts, agreements)
    }
}
