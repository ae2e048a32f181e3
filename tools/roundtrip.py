#!/usr/bin/env python3
"""Round trip of dipnet's exported models through other solvers.

For every variant of every scenario file given (or found under given directories),
`dipnet export-model` writes the model as CPLEX LP and as free MPS; each file is then
solved by glpsol, by HiGHS (highspy) and, when installed, by CBC. Every optimum must
equal the objective of `dipnet solve` (its `solver_objective`) to 1e-6 relative,
reading the files as their header comment says: an MPS file of a maximisation holds
the negated objective. Infeasible variants must be infeasible for every solver.
Coalition files (and each of their variants) go the same way: `dipnet coalition
--lp/--mps` writes the joint MIP, whose optimum must equal the `joint_total` of
`dipnet coalition` (summed over the files when states form several groups).

    tools/roundtrip.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny

Exit status 0 when every solver agrees on every file, 1 otherwise.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml


def dipnet_documents(folder):
    """(path, document) of every dipnet YAML file under `folder`, sorted."""
    for root, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            if not f.endswith((".yaml", ".yml")):
                continue
            full = os.path.join(root, f)
            try:
                with open(full, encoding="utf-8") as fh:
                    doc = yaml.safe_load(fh)
            except Exception:
                continue
            if isinstance(doc, dict) and "dipnet" in doc:
                yield full, doc


def scenario_files(paths):
    """Scenario files (not coalition files), told apart by their top-level keys."""
    for p in paths:
        if not os.path.isdir(p):
            yield p
            continue
        yield from (full for full, doc in dipnet_documents(p) if "states" not in doc)


def coalition_files(paths):
    """Coalition files under the given folders, each with its variants (None: the base)."""
    for p in paths:
        if os.path.isdir(p):
            for full, doc in dipnet_documents(p):
                if "states" in doc:
                    yield full, [None] + list((doc.get("variants") or {}).keys())


def variants(path):
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    return ["base", "status-quo"] + list((doc.get("variants") or {}).keys())


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def glpsol(path, fmt):
    """(status, objective) as glpsol reads the file."""
    out = subprocess.run(["glpsol", "--freemps" if fmt == "mps" else "--lp", path, "-o", path + ".sol"],
                         capture_output=True, text=True)
    text = out.stdout
    if "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION" in text or "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION" in text \
            or "LP RELAXATION HAS NO PRIMAL FEASIBLE SOLUTION" in text:
        return "infeasible", None
    if out.returncode != 0 or not os.path.exists(path + ".sol"):
        return "error: " + (out.stdout + out.stderr).strip().splitlines()[-1], None
    with open(path + ".sol") as fh:
        report = fh.read()
    m = re.search(r"Objective:\s+\S+\s+=\s+(\S+)", report)
    if not m:
        return "error: no objective in glpsol's report", None
    return "optimal", float(m.group(1))


def highs(path):
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    if h.readModel(path) != highspy.HighsStatus.kOk:
        return "error: HiGHS could not read the file", None
    h.run()
    status = h.modelStatusToString(h.getModelStatus()).lower()
    if status == "optimal":
        return "optimal", h.getInfo().objective_function_value
    if "infeasible" in status:
        return "infeasible", None
    return "error: " + status, None


def cbc(path):
    out = subprocess.run(["cbc", path, "ratio", "0", "solve", "quit"], capture_output=True, text=True)
    if re.search(r"Problem is infeasible|infeasible", out.stdout, re.I) and "Optimal" not in out.stdout:
        return "infeasible", None
    m = re.search(r"Objective value:\s+(\S+)", out.stdout)
    if not m:
        return "error: " + (out.stdout.strip().splitlines() or ["no output"])[-1], None
    return "optimal", float(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dipnet", required=True)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    solvers = [("glpsol", glpsol), ("highs", lambda p, f: highs(p))]
    if shutil.which("cbc"):
        solvers.append(("cbc", lambda p, f: cbc(p)))
    else:
        print("note: cbc not installed, checking glpsol and HiGHS only")
    passed = failed = 0
    work = tempfile.mkdtemp(prefix="dipnet-roundtrip-")
    try:
        for path in scenario_files(args.paths):
            for variant in variants(path):
                run = subprocess.run([args.dipnet, "solve", path, "--variant", variant, "--format", "json", "--quiet"],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"FAIL {path} [{variant}]: dipnet solve exited {run.returncode}: {run.stderr.strip()}")
                    failed += 1
                    continue
                result = json.loads(run.stdout)
                status, objective = result["status"], result.get("solver_objective")
                lp, mps = os.path.join(work, "m.lp"), os.path.join(work, "m.mps")
                ex = subprocess.run([args.dipnet, "export-model", path, "--variant", variant, "--lp", lp, "--mps", mps],
                                    capture_output=True, text=True)
                if ex.returncode != 0:
                    print(f"FAIL {path} [{variant}]: export-model exited {ex.returncode}: {ex.stderr.strip()}")
                    failed += 1
                    continue
                with open(mps) as fh:
                    negated = "NEGATED objective" in fh.read(2000)
                problems = []
                for fmt, file in (("lp", lp), ("mps", mps)):
                    for name, solve in solvers:
                        st, obj = solve(file, fmt)
                        if fmt == "mps" and negated and obj is not None:
                            obj = -obj
                        if status == "infeasible":
                            if st != "infeasible":
                                problems.append(f"{name} on {fmt}: {st} (dipnet: infeasible)")
                        elif st != "optimal" or objective is None or not close(obj, objective):
                            problems.append(f"{name} on {fmt}: {st} {obj} (dipnet: {status} {objective})")
                if problems:
                    print(f"FAIL {path} [{variant}]: " + "; ".join(problems))
                    failed += 1
                else:
                    print(f"ok   {path} [{variant}] {status} {objective}")
                    passed += 1
        for path, names in coalition_files(args.paths):
            for variant in names:
                label = f"{path} [{variant or 'base'}]"
                extra = ["--variant", variant] if variant else []
                run = subprocess.run([args.dipnet, "coalition", path, *extra, "--format", "json", "--quiet"],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"FAIL {label}: dipnet coalition exited {run.returncode}: {run.stderr.strip()}")
                    failed += 1
                    continue
                result = json.loads(run.stdout)
                total = result.get("joint_total")
                d = tempfile.mkdtemp(dir=work)
                lp, mps = os.path.join(d, "joint.lp"), os.path.join(d, "joint.mps")
                ex = subprocess.run([args.dipnet, "coalition", path, *extra, "--lp", lp, "--mps", mps, "--quiet"],
                                    capture_output=True, text=True)
                if ex.returncode != 0:
                    print(f"FAIL {label}: dipnet coalition --lp/--mps exited {ex.returncode}: {ex.stderr.strip()}")
                    failed += 1
                    continue
                problems = []
                for fmt in ("lp", "mps"):
                    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith("." + fmt))
                    for name, solve in solvers:
                        sum_obj, bad = 0.0, None
                        for file in files:
                            st, obj = solve(file, fmt)
                            if st != "optimal":
                                bad = f"{st} on {os.path.basename(file)}"
                                break
                            with open(file) as fh:
                                negated = fmt == "mps" and "NEGATED objective" in fh.read(2000)
                            sum_obj += -obj if negated else obj
                        if bad or total is None or result.get("status") != "optimal" or not close(sum_obj, total):
                            problems.append(f"{name} on {fmt}: {bad or sum_obj} (dipnet: {result.get('status')} {total})")
                if problems:
                    print(f"FAIL {label}: " + "; ".join(problems))
                    failed += 1
                else:
                    print(f"ok   {label} joint total {total}")
                    passed += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"roundtrip: {passed} passed, {failed} failed ({', '.join(n for n, _ in solvers)} on LP and MPS)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
