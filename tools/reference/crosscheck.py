#!/usr/bin/env python3
"""Cross-checks dipnet against the independent reference implementation.

For every scenario file given (or found under given directories) and every
variant, solves with `dipnet solve --format json` and with dipnet_ref.py
(HiGHS), and compares status, net benefit, value, cost and coverage (relative
1e-6) and the posts opened and closed (ties between equal plans are reported
as a note, not a failure, when the net benefit agrees).

    tools/reference/crosscheck.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def scenario_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in sorted(os.walk(p)):
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml")):
                        full = os.path.join(root, f)
                        with open(full, encoding="utf-8") as fh:
                            lines = fh.read().splitlines()
                        # single-state scenarios only: coalition files (states:) are beyond the reference
                        if any(l.startswith("dipnet:") for l in lines) and not any(l.startswith("states:") for l in lines):
                            yield full
        else:
            yield p


def close(a, b, rel=1e-6):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(1.0, abs(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dipnet", required=True)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    passed = failed = 0
    for path in scenario_files(args.paths):
        ref = subprocess.run([sys.executable, os.path.join(HERE, "dipnet_ref.py"), path, "--variant", "all", "--compact"],
                             capture_output=True, text=True)
        if ref.returncode != 0:
            print(f"FAIL {path}: reference failed: {ref.stderr.strip()}")
            failed += 1
            continue
        for variant, r in json.loads(ref.stdout).items():
            run = subprocess.run([args.dipnet, "solve", path, "--variant", variant, "--format", "json", "--quiet"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL {path} [{variant}]: dipnet exited {run.returncode}: {run.stderr.strip()}")
                failed += 1
                continue
            s = json.loads(run.stdout)
            problems = []
            if s["status"] != r["status"]:
                problems.append(f"status {s['status']} vs {r['status']}")
            for key in ("net_benefit", "value", "penalty", "unserved", "coverage"):
                if not close(s.get(key), r.get(key)):
                    problems.append(f"{key} {s.get(key)} vs {r.get(key)}")
            if s.get("cost") and r.get("cost") and not close(s["cost"]["total"], r["cost"]["total"]):
                problems.append(f"cost {s['cost']['total']} vs {r['cost']['total']}")
            note = ""
            if not problems and s.get("posts") and r.get("posts"):
                if sorted(s["posts"]["open"]) != sorted(r["posts"]["open"]):
                    note = " (equal net benefit, different tie-breaking between plans)"
            if problems:
                print(f"FAIL {path} [{variant}]: " + "; ".join(problems))
                failed += 1
            else:
                print(f"ok   {path} [{variant}] net benefit {s.get('net_benefit')}{note}")
                passed += 1
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
