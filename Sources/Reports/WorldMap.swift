import DiplomaticNetwork
import Foundation

/// An SVG world map of one plan: countries (Natural Earth 1:110m outlines)
/// filled by presence, posts as markers by decision (or, for robust posts,
/// by class), lines for cases served from abroad, an inset of Europe, and
/// country labels only where they do not collide (every country and post has
/// a hover title). Equirectangular, 84°N to 58°S (no Antarctica).
struct WorldMap {
    let scenario: Scenario

    static let width = 1000.0
    static let north = 84.0, south = -58.0
    static var height: Double { width * (north - south) / 360 }

    /// The Europe inset: its window in degrees and its box on the world map
    /// (over the empty South Pacific).
    static let insetLon = (-25.0, 45.0), insetLat = (34.0, 71.0)
    static let insetBox = (x: 4.0, y: height - 206.0, w: 230.0, h: 202.0)

    static let presenceFill: [(PresenceMode, String, String)] = [
        (.resident, "#9fd6a8", "resident post"),
        (.accredited, "#a9d3f0", "accredited from abroad"),
        (.represented, "#e3b5d3", "represented by a partner"),
        (.none, "#dedede", "no presence"),
    ]
    static let outside = "#f4f4f4"

    /// How a post is drawn: its place, shape, colour and hover title.
    struct Marker {
        enum Shape { case circle, diamond, cross, ring }
        var lat: Double, lon: Double
        var shape: Shape
        var color: String
        var title: String
    }

    /// Countries' presence (by ISO3 id), markers, lines (from post to country, with cases).
    struct Content {
        var presence: [String: PresenceMode] = [:]
        var countryTitles: [String: String] = [:]
        var markers: [Marker] = []
        var lines: [(from: (lat: Double, lon: Double), to: (lat: Double, lon: Double), cases: Double, title: String)] = []
        var labelPriority: [String: Double] = [:]
    }

    // MARK: Projections

    struct Projection {
        var lon0: Double, lon1: Double, lat0: Double, lat1: Double
        var x0: Double, y0: Double, w: Double, h: Double
        func x(_ lon: Double) -> Double { x0 + (lon - lon0) / (lon1 - lon0) * w }
        func y(_ lat: Double) -> Double { y0 + (lat1 - lat) / (lat1 - lat0) * h }
        func contains(lat: Double, lon: Double) -> Bool { lon >= lon0 && lon <= lon1 && lat >= lat0 && lat <= lat1 }
    }

    static let world = Projection(lon0: -180, lon1: 180, lat0: south, lat1: north, x0: 0, y0: 0, w: width, h: height)
    static let europe = Projection(lon0: insetLon.0, lon1: insetLon.1, lat0: insetLat.0, lat1: insetLat.1,
                                   x0: insetBox.x, y0: insetBox.y, w: insetBox.w, h: insetBox.h)

    /// Country outlines decoded once.
    static let shapes = WorldShapes.countries()

    // MARK: Content of a plan

    func content(_ p: Plan, classes: [String: (RobustResult.Class, String)]? = nil) -> Content {
        var c = Content()
        let byId = Dictionary(scenario.countries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in p.countries {
            c.presence[o.id] = o.presence
            let by = o.handled.sorted { $0.cases > $1.cases }.prefix(4).map { "\($0.handler) \(Fmt.money($0.cases))" }.joined(separator: ", ")
            c.countryTitles[o.id] = "\(o.id) \(o.name): \(o.presence.rawValue); demand \(Fmt.money(o.demand)) cases a year"
                + (by.isEmpty ? "" : "; handled by \(by)") + (o.unserved > 0.5 ? "; unserved \(Fmt.money(o.unserved))" : "")
            c.labelPriority[o.id] = o.demand + (o.presence == .resident ? 1e6 : 0)
        }
        func place(_ id: String) -> (lat: Double, lon: Double)? {
            guard let post = scenario.post(id) else { return nil }
            if let la = post.lat, let lo = post.lon { return (la, lo) }
            guard let country = byId[post.country], let la = country.lat, let lo = country.lon else { return nil }
            return (la, lo)
        }
        for o in p.countries {
            guard let home = byId[o.id], let la = home.lat, let lo = home.lon else { continue }
            for (handler, cases) in o.handled where !handler.hasPrefix("partner:") && cases > 0 {
                guard let post = scenario.post(handler), post.country != o.id, let from = place(handler) else { continue }
                c.lines.append((from, (la, lo), cases, "\(handler) → \(o.id): \(Fmt.money(cases)) cases a year"))
            }
        }
        for post in p.posts {
            guard let at = place(post.id) else { continue }
            if let classes {
                guard let (cls, how) = classes[post.id] else { continue }
                let (shape, color): (Marker.Shape, String) = switch cls {
                case .core: (.circle, "#009E73")
                case .borderline: (.diamond, "#E69F00")
                case .exterior: (.ring, "#7a7a7a")
                }
                c.markers.append(Marker(lat: at.lat, lon: at.lon, shape: shape, color: color,
                                        title: "\(post.id) (\(post.country)): \(cls.rawValue), \(how)"))
                continue
            }
            let title = "\(post.id) (\(post.country)): \(post.decision.rawValue.replacingOccurrences(of: "_", with: " ")), \(Fmt.money(post.cases)) cases a year"
            switch post.decision {
            case .kept: c.markers.append(Marker(lat: at.lat, lon: at.lon, shape: .circle, color: "#007a5a", title: title))
            case .opened: c.markers.append(Marker(lat: at.lat, lon: at.lon, shape: .diamond, color: "#0072B2", title: title))
            case .closed: c.markers.append(Marker(lat: at.lat, lon: at.lon, shape: .cross, color: "#D55E00", title: title))
            case .notOpened: continue
            }
        }
        return c
    }

    // MARK: Drawing

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// One ring as an SVG path, split where it crosses the date line.
    static func path(_ ring: [(lon: Double, lat: Double)], _ pr: Projection) -> String {
        var d = ""
        var prev: (lon: Double, lat: Double)? = nil
        for (i, pt) in ring.enumerated() {
            let jump = prev.map { abs($0.lon - pt.lon) > 180 } ?? false
            d += (i == 0 || jump ? "M" : "L") + f(pr.x(pt.lon)) + " " + f(pr.y(max(min(pt.lat, north), south)))
            prev = pt
        }
        return d + "Z"
    }

    func svg(_ c: Content, label: String) -> String {
        let W = Self.width, H = Self.height
        var s = "<svg width=\"\(Int(W))\" height=\"\(Int(H))\" viewBox=\"0 0 \(Int(W)) \(Int(H))\" role=\"img\" aria-label=\"\(HTMLReport.esc(label))\" style=\"background:#eef4f8;border:1px solid #c8d3dc;max-width:100%;height:auto\">\n"
        s += "<defs><clipPath id=\"eu-\(Self.id(label))\"><rect x=\"\(Self.f(Self.insetBox.x))\" y=\"\(Self.f(Self.insetBox.y))\" width=\"\(Self.f(Self.insetBox.w))\" height=\"\(Self.f(Self.insetBox.h))\"/></clipPath></defs>\n"
        s += layer(c, Self.world, inset: false)
        // The inset: a white frame, then Europe drawn again, clipped to it.
        let b = Self.insetBox
        s += "<rect x=\"\(Self.f(b.x))\" y=\"\(Self.f(b.y))\" width=\"\(Self.f(b.w))\" height=\"\(Self.f(b.h))\" fill=\"#eef4f8\" stroke=\"#556\" stroke-width=\"1\"/>\n"
        s += "<g clip-path=\"url(#eu-\(Self.id(label)))\">\n" + layer(c, Self.europe, inset: true) + "</g>\n"
        s += "<text x=\"\(Self.f(b.x + 4))\" y=\"\(Self.f(b.y + 12))\" font-size=\"10\" fill=\"#334\">Europe</text>\n"
        // Where the inset sits on the world map.
        let e = Self.europe, w = Self.world
        s += "<rect x=\"\(Self.f(w.x(e.lon0)))\" y=\"\(Self.f(w.y(e.lat1)))\" width=\"\(Self.f(w.x(e.lon1) - w.x(e.lon0)))\" height=\"\(Self.f(w.y(e.lat0) - w.y(e.lat1)))\" fill=\"none\" stroke=\"#556\" stroke-dasharray=\"3 2\" stroke-width=\"0.8\"/>\n"
        return s + "</svg>\n"
    }

    static func id(_ s: String) -> String { String(s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }) }

    func layer(_ c: Content, _ pr: Projection, inset: Bool) -> String {
        var s = ""
        let fill = Dictionary(uniqueKeysWithValues: Self.presenceFill.map { ($0.0, $0.1) })
        let drawn = Set(Self.shapes.map(\.iso3))
        for shape in Self.shapes where shape.iso3 != "ATA" {
            if inset {   // skip what is nowhere near the window
                let lons = shape.rings.flatMap { $0.map(\.lon) }, lats = shape.rings.flatMap { $0.map(\.lat) }
                guard let a = lons.min(), let b = lons.max(), let lo = lats.min(), let hi = lats.max(),
                      b >= pr.lon0 - 5, a <= pr.lon1 + 5, hi >= pr.lat0 - 5, lo <= pr.lat1 + 5 else { continue }
            }
            let color = c.presence[shape.iso3].map { fill[$0] ?? Self.outside } ?? Self.outside
            let d = shape.rings.map { Self.path($0, pr) }.joined()
            let title = c.countryTitles[shape.iso3] ?? shape.name
            s += "<path d=\"\(d)\" fill=\"\(color)\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"\(inset ? 0.6 : 0.4)\"><title>\(HTMLReport.esc(title))</title></path>\n"
        }
        // Countries of the scenario too small for the 1:110m layer: a dot in their colour.
        for country in scenario.countries where !drawn.contains(country.id) {
            guard let la = country.lat, let lo = country.lon, let mode = c.presence[country.id], pr.contains(lat: la, lon: lo) else { continue }
            s += "<circle cx=\"\(Self.f(pr.x(lo)))\" cy=\"\(Self.f(pr.y(la)))\" r=\"\(inset ? 3 : 2.2)\" fill=\"\(fill[mode] ?? Self.outside)\" stroke=\"#667\" stroke-width=\"0.5\"><title>\(HTMLReport.esc(c.countryTitles[country.id] ?? country.id))</title></circle>\n"
        }
        // Lines for cases served from abroad (the short way round the date line).
        for line in c.lines {
            let width = min(3.5, 0.4 + line.cases / 400) * (inset ? 1.2 : 1)
            var ends = [(line.from.lon, line.to.lon)]
            if abs(line.to.lon - line.from.lon) > 180 {
                let a = line.from.lon, b = line.to.lon
                ends = [(a, b + (b < a ? 360 : -360)), (a + (a < b ? 360 : -360), b)]
            }
            for (a, b) in ends {
                if inset && !(pr.contains(lat: line.from.lat, lon: a) || pr.contains(lat: line.to.lat, lon: b)) { continue }
                s += "<line x1=\"\(Self.f(pr.x(a)))\" y1=\"\(Self.f(pr.y(line.from.lat)))\" x2=\"\(Self.f(pr.x(b)))\" y2=\"\(Self.f(pr.y(line.to.lat)))\" stroke=\"#E69F00\" stroke-opacity=\"0.8\" stroke-width=\"\(Self.f(width))\" stroke-linecap=\"round\"><title>\(HTMLReport.esc(line.title))</title></line>\n"
            }
        }
        // Markers.
        let r = inset ? 3.4 : 3.0
        for m in c.markers {
            if inset && !pr.contains(lat: m.lat, lon: m.lon) { continue }
            if !inset && Self.europe.contains(lat: m.lat, lon: m.lon) && m.shape != .cross && m.shape != .diamond && m.shape != .ring {
                // Europe's kept posts are drawn in the inset; on the world map a small dot.
                s += "<circle cx=\"\(Self.f(pr.x(m.lon)))\" cy=\"\(Self.f(pr.y(m.lat)))\" r=\"1.3\" fill=\"\(m.color)\"><title>\(HTMLReport.esc(m.title))</title></circle>\n"
                continue
            }
            let x = pr.x(m.lon), y = pr.y(m.lat)
            let t = "<title>\(HTMLReport.esc(m.title))</title>"
            switch m.shape {
            case .circle:
                s += "<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(r))\" fill=\"\(m.color)\" stroke=\"#fff\" stroke-width=\"0.8\">\(t)</circle>\n"
            case .ring:
                s += "<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(r))\" fill=\"#fff\" stroke=\"\(m.color)\" stroke-width=\"1.4\">\(t)</circle>\n"
            case .diamond:
                let q = r * 1.4
                s += "<path d=\"M\(Self.f(x)) \(Self.f(y - q))L\(Self.f(x + q)) \(Self.f(y))L\(Self.f(x)) \(Self.f(y + q))L\(Self.f(x - q)) \(Self.f(y))Z\" fill=\"\(m.color)\" stroke=\"#fff\" stroke-width=\"0.8\">\(t)</path>\n"
            case .cross:
                let q = r * 1.1
                s += "<path d=\"M\(Self.f(x - q)) \(Self.f(y - q))L\(Self.f(x + q)) \(Self.f(y + q))M\(Self.f(x + q)) \(Self.f(y - q))L\(Self.f(x - q)) \(Self.f(y + q))\" stroke=\"\(m.color)\" stroke-width=\"2.4\">\(t)</path>\n"
            }
        }
        s += labels(c, pr, inset: inset)
        return s
    }

    /// Country codes at the scenario's coordinates, most important first,
    /// each only where it overlaps no label already placed (and, on the world
    /// map, not under the inset or inside Europe's window).
    func labels(_ c: Content, _ pr: Projection, inset: Bool) -> String {
        let size = inset ? 7.5 : 7.0
        var placed: [(Double, Double, Double, Double)] = []
        let b = Self.insetBox
        if !inset {
            placed.append((b.x, b.y, b.x + b.w, b.y + b.h))
            let e = Self.europe, w = Self.world
            placed.append((w.x(e.lon0), w.y(e.lat1), w.x(e.lon1), w.y(e.lat0)))
        }
        var s = ""
        let candidates = scenario.countries.filter { c.presence[$0.id] != nil && c.presence[$0.id] != PresenceMode.none || (c.labelPriority[$0.id] ?? 0) > 0 }
            .sorted { (c.labelPriority[$0.id] ?? 0, $1.id) > (c.labelPriority[$1.id] ?? 0, $0.id) }
        for country in candidates {
            guard let la = country.lat, let lo = country.lon, pr.contains(lat: la, lon: lo) else { continue }
            let w = Double(country.id.count) * size * 0.62, h = size
            let x = pr.x(lo) + 3, y = pr.y(la) - h / 2
            let box = (x, y, x + w, y + h)
            if box.2 > pr.x0 + pr.w - 2 || box.1 < pr.y0 + (inset ? 14 : 2) || box.3 > pr.y0 + pr.h - 2 { continue }
            if placed.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) { continue }
            placed.append(box)
            s += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(y + h * 0.85))\" font-size=\"\(size)\" fill=\"#2f3b44\" pointer-events=\"none\">\(HTMLReport.esc(country.id))</text>"
        }
        return s + "\n"
    }

    static func legend(classes: Bool) -> String {
        var s = "<div class=\"legend\">"
        for (_, color, text) in presenceFill { s += "<span><i class=\"sw\" style=\"background:\(color)\"></i>\(text)</span>" }
        if classes {
            s += "<span><i class=\"sw\" style=\"background:#009E73;border-radius:6px\"></i>core post</span>"
            s += "<span style=\"color:#E69F00;font-weight:bold\">◆ borderline</span>"
            s += "<span><i class=\"sw\" style=\"border:1.5px solid #7a7a7a;border-radius:6px\"></i>exterior</span>"
        } else {
            s += "<span><i class=\"sw\" style=\"background:#007a5a;border-radius:6px\"></i>post open</span>"
            s += "<span style=\"color:#0072B2;font-weight:bold\">◆ opened</span><span style=\"color:#D55E00;font-weight:bold\">✕ closed</span>"
            s += "<span><i class=\"sw\" style=\"background:#E69F00;height:3px;vertical-align:3px\"></i>cases served from abroad</span>"
        }
        return s + "</div>\n"
    }
}
