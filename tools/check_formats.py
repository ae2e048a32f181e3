#!/usr/bin/env python3
"""Open dipnet's table outputs in the readers analysts use, and check that
every format carries the same numbers as the JSON output.

For each (scenario, comparison) below, writes the comparison as JSON, CSV,
Excel CSV (--csv-dialect excel), xlsx and a Frictionless data package, then:
  - xlsx: opened with openpyxl; every table is a sheet, header row = fields,
    numbers are numbers and booleans booleans;
  - Excel CSV: starts with a UTF-8 byte-order mark, `;` separators, decimal
    commas, CRLF line ends; read back with the csv module as Excel would;
  - data package: `frictionless validate` passes (types, schema, files);
  - every net benefit and delta in the tables equals the JSON output's.
Also checks a plan (solve) in the same formats.

Usage: python3 tools/check_formats.py [--dipnet .build/debug/dipnet]
Exit status 0 when every check passes, 1 otherwise.
"""
import argparse
import csv
import hashlib
import re
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

# The validator as a module, so that it works wherever pip put its script.
FRICTIONLESS = [sys.executable, "-m", "frictionless"]

CASES = [
    ("scenarios/belgium-2026/scenario.yaml", "havana"),
    ("scenarios/tutorial/caribbean-services.yaml", None),
]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def file_sha256(path):
    """What `sha256sum` prints for the file at path (the build a workbook names)."""
    with open(shutil.which(path) or path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_comparison(dipnet, scenario, comparison, work, failures):
    import openpyxl

    label = f"{scenario} {comparison or '(first comparison)'}"
    base = [dipnet, "compare", scenario] + ([comparison] if comparison else []) + ["-q"]
    data = json.loads(run(base + ["-f", "json"]))
    nb = {v["variant"]: v["net_benefit"] for v in data["variants"]}
    delta = {v["variant"]: v["delta"]["net_benefit"] for v in data["variants"]}
    effect = {(v["variant"], k): e for v in data["variants"] for k, e in v["effect"].items()}

    def expect(cond, what):
        if not cond:
            failures.append(f"{label}: {what}")

    # Standard CSV
    rows = list(csv.DictReader(io.StringIO(run(base + ["-f", "csv"]))))
    expect(rows and list(rows[0].keys()) == ["figure", "variant", "baseline", "status", "value", "delta", "unit", "money", "effect"],
           f"csv header {list(rows[0].keys()) if rows else None}")
    for r in rows:
        if r["figure"] == "net_benefit" and nb.get(r["variant"]) is not None:
            expect(close(float(r["value"]), nb[r["variant"]]), f"csv net_benefit of {r['variant']}")
            expect(close(float(r["delta"]), delta[r["variant"]]), f"csv delta of {r['variant']}")
    # the effect column is the JSON's effect, empty for a figure with no better side
    for r in rows:
        e = effect.get((r["variant"], r["figure"]))
        expect((r["effect"] == "") == (e is None) and (e is None or close(float(r["effect"]), e)),
               f"csv effect of {r['figure']} in {r['variant']}: {r['effect']!r}, JSON {e!r}")
    # which money a figure is: budget lines apart from calibrated values (not cash)
    for r in rows:
        kind = ("net" if r["figure"] == "net_benefit" else "budget" if r["figure"] == "income" or r["figure"].startswith("cost")
                or r["figure"].endswith(".income") else "calibrated") if r["unit"].endswith(" a year") and not any(w in r["unit"] for w in ("cases", "case-km")) else ""
        expect(r["money"] == kind, f"csv money of {r['figure']}: {r['money']!r}, expected {kind!r}")
    figures = {r["figure"] for r in rows}
    expect(len(rows) == len(figures) * len(nb), "csv is not one row per figure and variant")

    # Excel CSV
    raw = subprocess.run(base + ["-f", "csv", "--csv-dialect", "excel"], capture_output=True).stdout
    expect(raw.startswith(b"\xef\xbb\xbf"), "excel csv has no UTF-8 byte-order mark")
    expect(b"\r\n" in raw, "excel csv does not end lines with CRLF")
    text = raw.decode("utf-8-sig")
    erows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    expect(erows[0] == ["figure", "variant", "baseline", "status", "value", "delta", "unit", "money", "effect"], "excel csv header")
    expect(any("," in r[4] for r in erows[1:]), "excel csv has no decimal comma")
    expect(all("." not in r[4] for r in erows[1:]), "excel csv keeps a decimal point")
    for r in erows[1:]:
        if r[0] == "net_benefit" and nb.get(r[1]) is not None:
            expect(close(float(r[4].replace(",", ".")), nb[r[1]]), f"excel csv net_benefit of {r[1]}")

    # xlsx
    path = os.path.join(work, "comparison.xlsx")
    run(base + ["-f", "xlsx", "-o", path])
    wb = openpyxl.load_workbook(path)
    expect(wb.sheetnames[:4] == ["side_by_side", "figures", "decisions", "presence"], f"xlsx sheets {wb.sheetnames}")
    # side by side: one column per variant; its net benefits are the JSON's
    wide = wb["side_by_side"]
    wheader = [c.value for c in wide[1]]
    for row in wide.iter_rows(min_row=2, values_only=True):
        if row[0] == "net_benefit":
            for name, value in nb.items():
                column = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
                if value is not None and column in wheader:
                    got = row[wheader.index(column)]
                    expect(isinstance(got, (int, float)) and close(got, value), f"xlsx side_by_side net_benefit of {name}: {got!r}")
    # provenance: the last sheet and the document properties name the scenario and its hash
    about = {r[0]: r[1] for r in wb["about"].iter_rows(min_row=2, values_only=True)} if "about" in wb.sheetnames else {}
    expect("SHA-256" in (about.get("from") or "") and (wb.properties.description or "").startswith(about.get("from") or "-")
           and about.get("build") == "sha256 " + file_sha256(dipnet),
           f"xlsx provenance: about {about}, description {wb.properties.description!r}")
    ws = wb["figures"]
    header = [c.value for c in ws[1]]
    expect(header == ["figure", "variant", "baseline", "status", "value", "delta", "unit", "money", "effect"], f"xlsx header {header}")
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] == "net_benefit" and nb.get(row[1]) is not None:
            expect(isinstance(row[4], (int, float)) and close(row[4], nb[row[1]]), f"xlsx net_benefit of {row[1]}: {row[4]!r}")
            expect(isinstance(row[2], bool), f"xlsx baseline is not a boolean: {row[2]!r}")
    dec = wb["decisions"]
    posts = {r[0] for r in dec.iter_rows(min_row=2, values_only=True)}
    expect(dec.max_row - 1 == len(posts) * len(nb), "xlsx decisions: not one row per post and variant")
    diff = {r[0] for r in dec.iter_rows(min_row=2, values_only=True) if r[5] is True}
    expect(diff == {d["post"] for d in data["decisions_that_differ"]}, "xlsx decisions: differs flags disagree with the JSON")
    pres = {r[0] for r in wb["presence"].iter_rows(min_row=2, values_only=True) if r[5] is True}
    expect(pres == {d["country"] for d in data["presence_that_differs"]}, "xlsx presence: differs flags disagree with the JSON")

    # Data package
    folder = os.path.join(work, "package")
    run(base + ["-f", "datapackage", "-o", folder])
    v = subprocess.run(FRICTIONLESS + ["validate", "--json", os.path.join(folder, "datapackage.json")], capture_output=True, text=True)
    try:
        report = json.loads(v.stdout)
        valid = report.get("valid", False)
    except json.JSONDecodeError:
        valid, report = False, v.stdout + v.stderr
    expect(valid, f"frictionless validate failed: {str(report)[:600]}")
    pkg = json.load(open(os.path.join(folder, "datapackage.json")))
    expect(pkg.get("profile") == "tabular-data-package", "datapackage profile")
    expect([r["name"] for r in pkg["resources"]][:3] == ["figures", "decisions", "presence"], "datapackage resources")
    print(f"ok  {label}: csv, excel csv, xlsx ({len(wb.sheetnames)} sheets), data package ({len(pkg['resources'])} tables)")


def check_plan(dipnet, scenario, work, failures):
    import openpyxl

    base = [dipnet, "solve", scenario, "-q"]
    data = json.loads(run(base + ["-f", "json"]))
    path = os.path.join(work, "plan.xlsx")
    run(base + ["-f", "xlsx", "-o", path])
    wb = openpyxl.load_workbook(path)
    want = ["summary", "posts", "countries", "flows"]
    if not wb.sheetnames[:4] == want:
        failures.append(f"{scenario}: plan sheets {wb.sheetnames}")
    values = {r[2]: r[3] for r in wb["summary"].iter_rows(min_row=2, values_only=True)}
    if not close(values.get("net_benefit", float("nan")), data["net_benefit"]):
        failures.append(f"{scenario}: plan xlsx net_benefit {values.get('net_benefit')} vs JSON {data['net_benefit']}")
    rows = list(wb["flows"].iter_rows(min_row=2, values_only=True))
    handled = sum(r[4] for r in rows if r[3] != "unserved")
    nobody = sum(r[4] for r in rows if r[3] == "unserved")
    expected = data["demand"] - data["unserved"]
    if not close(handled, expected):
        failures.append(f"{scenario}: flows sum to {handled}, JSON demand - unserved = {expected}")
    if not close(nobody, data["unserved"]):
        failures.append(f"{scenario}: unserved rows of flows sum to {nobody}, JSON unserved = {data['unserved']}")
    folder = os.path.join(work, "plan-package")
    run(base + ["-f", "datapackage", "-o", folder])
    v = subprocess.run(FRICTIONLESS + ["validate", os.path.join(folder, "datapackage.json")], capture_output=True, text=True)
    if v.returncode != 0:
        failures.append(f"{scenario}: plan data package invalid: {v.stdout[-600:]}")
    print(f"ok  {scenario}: plan xlsx ({len(wb.sheetnames)} sheets), flows add up, data package valid")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dipnet", default=".build/debug/dipnet")
    args = ap.parse_args()
    try:
        import frictionless  # noqa: F401
        import openpyxl  # noqa: F401
    except ImportError as e:
        sys.exit(f"{e.name} is not installed (scripts/install-deps.sh --test installs it)")
    failures = []
    work = tempfile.mkdtemp(prefix="dipnet-formats-")
    try:
        for scenario, comparison in CASES:
            check_comparison(args.dipnet, scenario, comparison, work, failures)
        check_plan(args.dipnet, CASES[0][0], work, failures)
        check_plan(args.dipnet, CASES[1][0], work, failures)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    print(f"{'all formats agree' if not failures else str(len(failures)) + ' failure(s)'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
