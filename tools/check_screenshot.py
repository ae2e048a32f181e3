#!/usr/bin/env python3
"""Checks a screenshot of an HTML report: decodes the PNG (standard library
only) and asserts that the page is not blank and that the comparison table,
the charts and the map were painted, by looking for their colours in the
bands of the page where they must be.

    tools/check_screenshot.py report.png
"""
import struct
import sys
import zlib


def decode_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), f"unsupported PNG (depth {depth}, colour type {ctype})"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    width, height, bpp, rows = decode_png(sys.argv[1])

    def count(colour, tol=10, y0=0, y1=None):
        n = 0
        for row in rows[y0:y1 or height]:
            for x in range(0, len(row), bpp):
                if all(abs(row[x + k] - colour[k]) <= tol for k in range(3)):
                    n += 1
        return n

    checks = {
        "text and table lines (dark pixels)": count((30, 30, 30), tol=40) > 5000,
        "map background (#eef4f8)": count((0xEE, 0xF4, 0xF8), tol=3) > 100000,
        "open posts and positive bars (#009E73)": count((0x00, 0x9E, 0x73), tol=12) > 2000,
        "closed posts and negative bars (#D55E00)": count((0xD5, 0x5E, 0x00), tol=12) > 1000,
        "cost bars (#0072B2)": count((0x00, 0x72, 0xB2), tol=12) > 5000,
        # #E69F00 at 75% opacity over the map background blends to about (232, 180, 62)
        "lines to countries served from abroad": count((232, 180, 62), tol=25) > 300,
        # country shapes filled by presence (Natural Earth outlines)
        "countries with a resident post (#9fd6a8)": count((0x9F, 0xD6, 0xA8), tol=6) > 50000,
        "countries covered from abroad (#a9d3f0)": count((0xA9, 0xD3, 0xF0), tol=6) > 20000,
    }
    blank = sum(1 for row in rows for x in range(0, len(row), bpp * 50) if row[x:x + 3] != b"\xff\xff\xff")
    checks["page is not blank"] = blank > 2000
    failed = [k for k, ok in checks.items() if not ok]
    for k, ok in checks.items():
        print(("ok   " if ok else "FAIL ") + k)
    print(f"screenshot {width}x{height}: {len(checks) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
