#!/usr/bin/env python3
"""Checks the layout of an HTML report without a browser: every SVG text
stays inside its SVG (estimated with DejaVu Sans' average advance of 0.6 em
per character), the maps draw country shapes, and, given the screenshot, that
nothing is painted beyond the page's right margin.

    tools/check_report_layout.py report.html [report.png]
Exit status 0 when every check passes.
"""
import re
import sys
import xml.etree.ElementTree as ET

ADVANCE = 0.6  # em per character, DejaVu Sans average (digits 0.64, lower case ~0.58)


def text_of(el):
    """The text an SVG <text> shows (its <title> is a tooltip, not drawn)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag.split("}")[-1] != "title":
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def check_svgs(html):
    problems, texts, shapes = [], 0, 0
    for n, m in enumerate(re.finditer(r"<svg\b.*?</svg>", html, re.S)):
        try:
            svg = ET.fromstring(m.group(0))
        except ET.ParseError as e:
            problems.append(f"svg #{n} is not well-formed: {e}")
            continue
        label = svg.get("aria-label", f"#{n}")
        vb = svg.get("viewBox")
        width = float(vb.split()[2]) if vb else float(svg.get("width", "0"))
        for el in svg.iter():
            tag = el.tag.split("}")[-1]
            if tag == "path" and el.get("fill-rule") == "evenodd":
                shapes += 1
            if tag != "text":
                continue
            texts += 1
            s = text_of(el)
            size = float(el.get("font-size", "12"))
            x = float(el.get("x", "0"))
            w = len(s) * size * ADVANCE
            anchor = el.get("text-anchor", "start")
            left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            right = left + w
            if left < -1 or right > width + 1:
                problems.append(f"svg '{label}': text '{s[:40]}' spans {left:.0f}..{right:.0f}, outside 0..{width:.0f}")
    return problems, texts, shapes


def check_right_margin(png):
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from check_screenshot import decode_png
    width, height, bpp, rows = decode_png(png)
    # The body is at most 1100 px wide and centred: columns beyond 1150 px of a
    # 1200 px window must stay white.
    x0 = min(width, 1160)
    painted = 0
    for row in rows[::4]:
        for x in range(x0 * bpp, len(row), bpp * 2):
            if row[x:x + 3] != b"\xff\xff\xff":
                painted += 1
    return painted


def main():
    html = open(sys.argv[1], encoding="utf-8").read()
    problems, texts, shapes = check_svgs(html)
    print(f"{'ok  ' if not problems else 'FAIL'} {texts} SVG texts inside their charts" + ("" if not problems else f": {len(problems)} outside"))
    for p in problems[:20]:
        print("     " + p)
    ok_shapes = shapes >= 150
    print(f"{'ok  ' if ok_shapes else 'FAIL'} {shapes} country shapes drawn (expected at least 150 per report)")
    failed = bool(problems) or not ok_shapes
    if len(sys.argv) > 2:
        painted = check_right_margin(sys.argv[2])
        ok = painted == 0
        print(f"{'ok  ' if ok else 'FAIL'} nothing painted beyond the page's right margin ({painted} pixels)")
        failed = failed or not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
