#!/usr/bin/env python3
"""The same scenario as YAML and as CSV tables must give the same results.

For every YAML scenario file given (or found under given directories; coalition files
and files that already use CSV tables are skipped), writes a twin whose `countries`,
`posts` and `partners` live in CSV files (`score_<c>`, `demand_<s>`, `interest_<i>`,
`case_cost_<s>`, `fee_<s>` columns; `;`-separated lists; empty cells for absent keys),
solves every variant of both with `dipnet solve --format json`, and compares the exit
status and, when both solve, the net benefit (relative 1e-6). Prints one line per
difference and a summary; exits 1 when any variant differs.

    python3 tools/csv_twin.py --dipnet .build/debug/dipnet DIR_OR_FILE...
"""
import argparse
import copy
import csv
import json
import os
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
from crosscheck import scenario_files  # noqa: E402  (YAML files with `dipnet` and no `states`)

PREFIX = {"scores": "score_", "demand": "demand_", "interests": "interest_", "case_cost": "case_cost_", "fee": "fee_"}


def cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(str(x) for x in v)
    if isinstance(v, float):
        return repr(v)
    return "" if v is None else str(v)


def write_table(items, path):
    cols, rows = [], []
    for it in items:
        row = {}
        for k, v in it.items():
            pairs = [(PREFIX[k] + str(s), x) for s, x in v.items()] if isinstance(v, dict) else [(k, v)]
            for col, x in pairs:
                if col not in cols:
                    cols.append(col)
                row[col] = cell(x)
        rows.append(row)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)


def twin(doc, directory):
    """Writes doc with its tables in CSV into directory; returns the YAML path."""
    d = copy.deepcopy(doc)
    d.pop("expect", None)
    services = list(d.get("services") or {"consular": {}})
    countries = d.get("countries") or []
    # A plain demand column beside demand_<s> columns is an error (model.md, version 2):
    # a plain number (one service) becomes that service's column.
    if any(isinstance(c.get("demand"), dict) for c in countries):
        for c in countries:
            if "demand" in c and not isinstance(c["demand"], dict):
                c["demand"] = {services[0]: c["demand"]}
    for kind in ("countries", "posts", "partners"):
        if d.get(kind):
            write_table(d[kind], os.path.join(directory, f"{kind}.csv"))
            d[kind] = {"csv": f"{kind}.csv"}
    path = os.path.join(directory, "scenario.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        yaml.safe_dump(d, fh, sort_keys=False, allow_unicode=True)
    return path


def solve(dipnet, path, variant):
    r = subprocess.run([dipnet, "solve", path, "--variant", variant, "--format", "json", "--quiet"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return r.returncode, r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
    return 0, json.loads(r.stdout).get("net_benefit")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dipnet", required=True)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    same = differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(scenario_files(a.paths)):
            with open(path, encoding="utf-8") as fh:
                doc = yaml.safe_load(fh)
            if any(isinstance(doc.get(k), dict) for k in ("countries", "posts", "partners")):
                continue  # already CSV
            directory = os.path.join(tmp, str(n))
            os.makedirs(directory)
            csv_path = twin(doc, directory)
            for variant in ["base", "status-quo"] + list(doc.get("variants") or {}):
                (ya, yv), (ca, cv) = solve(a.dipnet, path, variant), solve(a.dipnet, csv_path, variant)
                ok = ya == ca and (ya != 0 or yv == cv or (yv is not None and cv is not None
                                                          and abs(yv - cv) <= 1e-6 * max(1.0, abs(yv))))
                if ok:
                    same += 1
                else:
                    differ += 1
                    print(f"DIFF {path} [{variant}]: YAML {ya}, {yv!r}; CSV {ca}, {cv!r}")
    print(f"csv twin: {same} variants agree, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
