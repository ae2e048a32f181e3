#!/usr/bin/env python3
"""Cross-checks dipnet against the independent reference implementation.

For every scenario file given (or found under given directories) and every
variant, solves with `dipnet solve --format json` and with dipnet_ref.py
(HiGHS), and compares status, net benefit, value, penalty, cost, unserved and
coverage (relative 1e-6) and the posts opened and closed (ties between equal
plans are reported as a note, not a failure, when the net benefit agrees).
For format version 2 results it also compares, when both sides report them,
`income`, `diplomats.used`, per service `own`, `partners`, `unserved` and
`coverage`, and the value of each interest (relative 1e-6). When both open the same
posts, every country's reported presence must agree too.

A directory is searched for scenario files: YAML files whose top level is a
mapping with a `dipnet` key and no `states` key (a coalition file, beyond the
reference).

    tools/reference/crosscheck.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny
"""
import argparse
import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def top_level_keys(path):
    """The top-level keys of a YAML file, or None when it is not a YAML mapping.
    BaseLoader: every scalar stays a string (no `NO` -> false), nothing is resolved."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=yaml.BaseLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    return set(doc) if isinstance(doc, dict) else None


def is_scenario(path):
    # single-state scenarios only: coalition files (states:) are beyond the reference
    keys = top_level_keys(path)
    return keys is not None and "dipnet" in keys and "states" not in keys


def scenario_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml")):
                        full = os.path.join(root, f)
                        if is_scenario(full):
                            yield full
        else:
            yield p


def close(a, b, rel=1e-6):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(1.0, abs(b))


def compare_v2(s, r):
    """Version 2 keys, each only when both results have it."""
    problems = []
    if "income" in s and "income" in r and not close(s["income"], r["income"]):
        problems.append(f"income {s['income']} vs {r['income']}")
    sd, rd = s.get("diplomats"), r.get("diplomats")
    if isinstance(sd, dict) and isinstance(rd, dict) and "used" in sd and "used" in rd:
        if not close(sd["used"], rd["used"]):
            problems.append(f"diplomats.used {sd['used']} vs {rd['used']}")
    ss, rs = s.get("services"), r.get("services")
    if isinstance(ss, dict) and isinstance(rs, dict):
        for svc in sorted(set(ss) & set(rs)):
            for key in ("own", "partners", "unserved", "coverage"):
                a, b = (ss[svc] or {}).get(key), (rs[svc] or {}).get(key)
                if a is not None and b is not None and not close(a, b):
                    problems.append(f"services.{svc}.{key} {a} vs {b}")
        for svc in sorted(set(ss) ^ set(rs)):
            problems.append(f"service {svc!r} reported by one side only")
    si, ri = s.get("interests"), r.get("interests")
    if isinstance(si, dict) and isinstance(ri, dict):
        for i in sorted(set(si) & set(ri)):
            if not close(si[i], ri[i]):
                problems.append(f"interests.{i} {si[i]} vs {ri[i]}")
        for i in sorted(set(si) ^ set(ri)):
            problems.append(f"interest {i!r} reported by one side only")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dipnet", required=True)
    ap.add_argument("--strict", action="store_true", help="fail on every difference, ties between equally good flows included")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    passed = failed = ties = 0
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
            # Decisive: what every optimum shares. Splits: how equally good plans
            # divide cases between posts, partners and unserved (a fee equal to the
            # penalty, a fee income equal to the case cost): reported, not failed.
            problems, splits = [], []
            if s["status"] != r["status"]:
                problems.append(f"status {s['status']} vs {r['status']}")
            for key in ("net_benefit", "value"):
                if not close(s.get(key), r.get(key)):
                    problems.append(f"{key} {s.get(key)} vs {r.get(key)}")
            for key in ("penalty", "unserved", "coverage"):
                if not close(s.get(key), r.get(key)):
                    splits.append(f"{key} {s.get(key)} vs {r.get(key)}")
            if s.get("cost") and r.get("cost") and not close(s["cost"]["total"], r["cost"]["total"]):
                splits.append(f"cost {s['cost']['total']} vs {r['cost']['total']}")
            v2 = compare_v2(s, r)
            problems += [p for p in v2 if p.startswith("interests") or p.startswith("interest ") or p.startswith("service ")]
            splits += [p for p in v2 if p not in problems]
            if args.strict:
                problems += splits
                splits = []
            note = ""
            if not problems and splits:
                note = " (equal net benefit, another split of equally good flows: " + "; ".join(splits) + ")"
                ties += 1
            elif not problems and s.get("posts") and r.get("posts"):
                if sorted(s["posts"]["open"]) != sorted(r["posts"]["open"]):
                    note = " (equal net benefit, different tie-breaking between plans)"
            if s.get("posts") and r.get("posts") and sorted(s["posts"]["open"]) == sorted(r["posts"]["open"]):
                # The same plan gives every country the same presence (model.md: the mode
                # with the largest variable value, ties resident > accredited > represented).
                rp = {c["id"]: c.get("presence") for c in r.get("countries") or []}
                for c in s.get("countries") or []:
                    if c["id"] in rp and c.get("presence") != rp[c["id"]]:
                        problems.append(f"countries.{c['id']}.presence {c.get('presence')} vs {rp[c['id']]}")
            if problems:
                print(f"FAIL {path} [{variant}]: " + "; ".join(problems + splits))
                failed += 1
            else:
                print(f"ok   {path} [{variant}] net benefit {s.get('net_benefit')}{note}")
                passed += 1
    print(f"crosscheck: {passed} passed ({ties} with equally good flows split differently), {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
