#!/usr/bin/env python3
"""Convert Natural Earth 1:110m Admin 0 - Countries into dipnet's compact
country-outline data file, Sources/Reports/WorldShapes.swift.

Where the data comes from
    Natural Earth, "Admin 0 - Countries", scale 1:110m
    (ne_110m_admin_0_countries), https://www.naturalearthdata.com/.
    The copy used for the committed WorldShapes.swift is the
    `naturalearth_lowres` shapefile bundled inside the PyPI wheel
    geopandas-0.14.4-py3-none-any.whl (geopandas < 1.0 ships it under
    geopandas/datasets/naturalearth_lowres/). geopandas regenerated that file
    from Natural Earth v5.1.1 (geopandas PR #2555, 2022; the .dbf header is
    dated 2022-12-10). It keeps all 177 features of the layer but only the
    columns pop_est, continent, name, iso_a3, gdp_md_est.
    The script also accepts the original ne_110m_admin_0_countries.shp
    (upper-case columns NAME, ISO_A3, ADM0_A3, ...).

How to regenerate (see README.md beside this file for the exact commands)
    python3 -m venv /tmp/ne-venv && /tmp/ne-venv/bin/pip install pyshp
    /tmp/ne-venv/bin/pip download --no-deps 'geopandas==0.14.4' -d /tmp/ne
    unzip -o /tmp/ne/geopandas-0.14.4-py3-none-any.whl \
        'geopandas/datasets/naturalearth_lowres/*' -d /tmp/ne
    /tmp/ne-venv/bin/python tools/naturalearth/convert.py \
        /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp
    The output is deterministic: same input and options give the same file.

Licence
    Natural Earth data is in the public domain ("No permission is needed to
    use Natural Earth. Crediting the authors is unnecessary."); the customary
    credit "Made with Natural Earth." is given in the generated file and
    should be shown in the report's map note. This script is part of dipnet.

What it does
    1. Reads every feature (pyshp, pure Python: `pip install pyshp`).
    2. Country code: ISO_A3; where that is "-99" (Natural Earth's "no code"),
       ADM0_A3 instead. geopandas' copy already applied that fallback to the
       features typed "Sovereign country"/"Country" (France FRA, Norway NOR,
       N. Cyprus CYN, Somaliland SOL) but dropped the ADM0_A3 column, so for
       inputs without ADM0_A3 the Natural Earth ADM0_A3 codes of the remaining
       "-99" features are in ADM0_A3_BY_NAME below (Kosovo KOS). Then
       PROJECT_ALIASES maps Natural Earth codes to the codes dipnet's
       scenarios use (Kosovo: XKX, the user-assigned code used by the EU,
       IMF and World Bank). Every applied fallback is printed and listed in
       the generated file's header.
    3. Each ring is simplified with Douglas-Peucker (--tolerance degrees),
       quantised to 0.1 degree, and consecutive duplicates removed. Rings
       whose area is below --min-area square degrees, or that collapse to
       fewer than 3 points, are dropped, except that every country keeps at
       least its largest ring (unsimplified if simplification collapses it),
       so small island states never vanish.
    4. Writes one line per country, sorted by code:
           ISO3 <TAB> name <TAB> ring;ring;...
       a ring being space-separated "dx,dy" integer pairs in tenths of a
       degree (lon*10, lat*10): the first pair is absolute, each following
       pair is the delta from the previous point. Rings are implicitly closed
       (the closing point is not repeated). Ring orientation is kept as in the
       shapefile (outer rings clockwise, holes such as Lesotho inside South
       Africa counter-clockwise), so draw a country as one SVG path with
       fill-rule="evenodd".
"""

import argparse
import os
import sys

import shapefile  # pyshp

SCALE = 10  # quantisation: integer units of 1/SCALE degree

# Natural Earth ADM0_A3 codes of the features whose ISO_A3 is "-99", for
# inputs that lack the ADM0_A3 column (geopandas' naturalearth_lowres).
ADM0_A3_BY_NAME = {
    "Kosovo": "KOS",
    "N. Cyprus": "CYN",
    "Somaliland": "SOL",
    "France": "FRA",
    "Norway": "NOR",
}

# Natural Earth code -> code used in dipnet scenarios.
PROJECT_ALIASES = {
    "KOS": "XKX",
}

# Natural Earth ADM0_A3 codes that are not ISO 3166 codes (disputed or
# unrecognised areas). Their features are kept so the map has no holes; no
# scenario id matches them. Only used for the note in the generated header.
NON_ISO = {"CYN": "N. Cyprus", "SOL": "Somaliland", "KOS": "Kosovo"}


def field(rec, names, *candidates):
    for c in candidates:
        if c in names:
            return rec[names[c]]
    return None


def dp(points, tol):
    """Douglas-Peucker on an open polyline (list of (x, y)), iterative."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        L2 = dx * dx + dy * dy
        best, besti = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if L2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = ((px - ax) * dx + (py - ay) * dy) / L2
                t = max(0.0, min(1.0, t))
                qx, qy = ax + t * dx, ay + t * dy
                d2 = (px - qx) ** 2 + (py - qy) ** 2
            if d2 > best:
                best, besti = d2, i
        if besti >= 0 and best > tol2:
            keep[besti] = True
            stack.append((a, besti))
            stack.append((besti, b))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tol):
    """DP on a closed ring (closing point not repeated): split at the first
    point and the point farthest from it, simplify both halves."""
    if len(ring) < 4 or tol <= 0:
        return list(ring)
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    first = dp(ring[: far + 1], tol)
    second = dp(ring[far:] + [ring[0]], tol)
    return first[:-1] + second[:-1]


def quantise(ring):
    out = []
    for x, y in ring:
        q = (max(-180 * SCALE, min(180 * SCALE, round(x * SCALE))),
             max(-90 * SCALE, min(90 * SCALE, round(y * SCALE))))
        if not out or out[-1] != q:
            out.append(q)
    while len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out


def area(ring):
    """Signed shoelace area in square degrees (negative = clockwise)."""
    s = 0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2 / (SCALE * SCALE)


def encode(ring):
    parts = []
    px = py = 0
    for x, y in ring:
        parts.append(f"{x - px},{y - py}")
        px, py = x, y
    return " ".join(parts)


def read_rings(shape):
    pts = shape.points
    bounds = list(shape.parts) + [len(pts)]
    rings = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        ring = [tuple(p) for p in pts[a:b]]
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        rings.append(ring)
    return rings


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "Sources", "Reports", "WorldShapes.swift"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shapefile", help="path to ne_110m_admin_0_countries.shp or naturalearth_lowres.shp")
    ap.add_argument("-o", "--output", default=default_out, help="output Swift file (default: %(default)s)")
    ap.add_argument("--tolerance", type=float, default=0.1, help="Douglas-Peucker tolerance in degrees (default 0.1)")
    ap.add_argument("--min-area", type=float, default=0.02,
                    help="drop rings smaller than this many square degrees, except a country's largest (default 0.02)")
    ap.add_argument("--source-note", default="naturalearth_lowres from geopandas-0.14.4 wheel (Natural Earth v5.1.1)",
                    help="where the input came from, written into the generated header")
    args = ap.parse_args()

    cpg = os.path.splitext(args.shapefile)[0] + ".cpg"
    encoding = "utf-8"
    if os.path.exists(cpg):
        with open(cpg) as f:
            encoding = f.read().strip() or "utf-8"
    reader = shapefile.Reader(args.shapefile, encoding=encoding)
    names = {}
    for i, fld in enumerate(reader.fields[1:]):  # skip DeletionFlag
        names[fld[0].upper()] = i
    for needed in ("NAME", "ISO_A3"):
        if needed not in names:
            sys.exit(f"input has no {needed} column; fields: {sorted(names)}")

    countries = {}
    fallbacks = []
    dropped_rings = 0
    kept_unsimplified = []
    in_points = 0
    for sr in reader.iterShapeRecords():
        rec, shape = sr.record, sr.shape
        name = str(field(rec, names, "NAME")).strip()
        iso = str(field(rec, names, "ISO_A3")).strip()
        if iso in ("-99", "", "None"):
            adm = field(rec, names, "ADM0_A3")
            adm = str(adm).strip() if adm is not None else ADM0_A3_BY_NAME.get(name)
            if not adm or adm == "-99":
                sys.exit(f"no ISO_A3 and no ADM0_A3 for {name!r}: add it to ADM0_A3_BY_NAME")
            fallbacks.append(f"{name}: ISO_A3 -99 -> ADM0_A3 {adm}")
            iso = adm
        if iso in PROJECT_ALIASES:
            fallbacks.append(f"{name}: {iso} -> {PROJECT_ALIASES[iso]} (dipnet scenario code)")
            iso = PROJECT_ALIASES[iso]
        if iso in countries:
            sys.exit(f"duplicate code {iso} ({name} and {countries[iso][0]})")

        raw = read_rings(shape)
        in_points += sum(len(r) for r in raw)
        rings = []
        for r in raw:
            q = quantise(simplify_ring(r, args.tolerance))
            if len(q) >= 3 and abs(area(q)) >= args.min_area:
                rings.append(q)
            else:
                dropped_rings += 1
        if not rings:
            # keep the largest ring, unsimplified if simplification collapsed it
            big = max(raw, key=lambda r: abs(area([(x * SCALE, y * SCALE) for x, y in r])))
            q = quantise(simplify_ring(big, args.tolerance))
            if len(q) < 3:
                q = quantise(big)
                kept_unsimplified.append(name)
            if len(q) < 3:
                sys.exit(f"{name}: largest ring has fewer than 3 points at 0.1 degree")
            rings.append(q)
            dropped_rings -= 1
        countries[iso] = (name, rings)

    lines = []
    for iso in sorted(countries):
        name, rings = countries[iso]
        if "\t" in name or "\n" in name or '"""' in name:
            sys.exit(f"bad character in name {name!r}")
        lines.append(f"{iso}\t{name}\t" + ";".join(encode(r) for r in rings))
    data = "\n".join(lines)
    out_points = sum(len(r) for _, rs in countries.values() for r in rs)

    header_fallbacks = "\n".join(f"//   {f}" for f in fallbacks) or "//   (none)"
    if "ADM0_A3" not in names:
        header_fallbacks += ("\n//   (input lacks ADM0_A3: geopandas' naturalearth_lowres, which had already"
                             "\n//    replaced ISO_A3 -99 by ADM0_A3 for France FRA, Norway NOR,"
                             "\n//    N. Cyprus CYN, Somaliland SOL)")
    non_iso = [f"{NON_ISO[c]} ({c})" for c in sorted(countries) if c in NON_ISO]
    non_iso_note = ("// Not ISO 3166 (Natural Earth codes): " + ", ".join(non_iso)) if non_iso else "// All codes are ISO 3166 alpha-3 or dipnet aliases."
    swift = f'''// GENERATED by tools/naturalearth/convert.py - do not edit by hand.
// Source: Natural Earth 1:110m Admin 0 - Countries ({args.source_note}).
// Natural Earth is public domain. Made with Natural Earth.
// Options: Douglas-Peucker tolerance {args.tolerance} deg, quantised to {1 / SCALE} deg,
//          rings under {args.min_area} sq deg dropped (a country's largest ring is always kept).
// {len(countries)} countries/territories, {out_points} points (input {in_points}).
// Code fallbacks applied by the converter:
{header_fallbacks}
{non_iso_note}

/// Country outlines from Natural Earth 1:110m Admin 0 (public domain), simplified; see tools/naturalearth.
enum WorldShapes {{
    /// One line per country: ISO3<TAB>name<TAB>rings, rings separated by ";", each ring a list of
    /// points as delta-encoded integers: space-separated "dx,dy" pairs in tenths of a degree
    /// (lon*10, lat*10); the first pair of a ring is absolute, each later pair is the difference
    /// from the previous point. Rings are implicitly closed. Outer rings run clockwise, holes
    /// (e.g. Lesotho cut out of South Africa) counter-clockwise: fill with fill-rule="evenodd".
    /// Lines are sorted by ISO3. Kosovo is XKX; N. Cyprus (CYN) and Somaliland (SOL) carry
    /// Natural Earth codes. Small states absent from the 1:110m layer (e.g. Singapore, Malta)
    /// have no line.
    static let data: String = #"""
{chr(10).join("    " + l for l in lines)}
    """#

    /// Decodes `data`: one entry per line, coordinates in degrees (lon -180...180, lat -90...90).
    static func countries() -> [(iso3: String, name: String, rings: [[(lon: Double, lat: Double)]])] {{
        var result: [(iso3: String, name: String, rings: [[(lon: Double, lat: Double)]])] = []
        for line in data.split(separator: "\\n") {{
            let fields = line.split(separator: "\\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else {{ continue }}
            var rings: [[(lon: Double, lat: Double)]] = []
            for ringText in fields[2].split(separator: ";") {{
                var x = 0, y = 0
                var ring: [(lon: Double, lat: Double)] = []
                for pair in ringText.split(separator: " ") {{
                    guard let comma = pair.firstIndex(of: ","),
                          let dx = Int(pair[..<comma]),
                          let dy = Int(pair[pair.index(after: comma)...]) else {{ continue }}
                    x += dx
                    y += dy
                    ring.append((lon: Double(x) / 10, lat: Double(y) / 10))
                }}
                if ring.count >= 3 {{ rings.append(ring) }}
            }}
            result.append((iso3: String(fields[0]), name: String(fields[1]), rings: rings))
        }}
        return result
    }}
}}
'''
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(swift)

    print(f"wrote {args.output}: {len(countries)} countries, {out_points} points "
          f"(from {in_points}), {len(data.encode('utf-8'))} bytes of data, "
          f"{os.path.getsize(args.output)} bytes file; {dropped_rings} small rings dropped", file=sys.stderr)
    for f in fallbacks:
        print("  fallback: " + f, file=sys.stderr)
    if kept_unsimplified:
        print("  kept unsimplified (would collapse): " + ", ".join(kept_unsimplified), file=sys.stderr)


if __name__ == "__main__":
    main()
