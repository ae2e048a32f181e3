#!/usr/bin/env python3
"""The benchmark ladder of issue 16: generated networks of growing size, each solved
by dipnet (GLPK) and, on dipnet's exported MPS, by HiGHS (highspy) and CBC, with the
same gap and time limit; checks that the optima agree and prints one Markdown table of
wall-clock times and the ratio dipnet / fastest peer. Coalition rungs (27 states) are
solved by the peers on the joint MIP `dipnet coalition --mps` writes, at dipnet's 1% gap.

    tools/ladder.py --dipnet .build/release/dipnet [--time-limit 600] [--gap 0] [--only NAME ...]

Times are one run each on this machine (benchmarks, not tests). A peer that is not
installed is shown as "—".
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

# name, generate arguments, kind
RUNGS = [
    ("100 countries, 2 posts", ["--countries", "100", "--posts-per-country", "2", "--seed", "1"], "single"),
    ("200 countries, 2 posts", ["--countries", "200", "--posts-per-country", "2", "--seed", "1"], "single"),
    ("200 countries, 3 posts (budget rule), 3000 km", ["--countries", "200", "--posts-per-country", "3", "--reach", "3000", "--seed", "1"], "single"),
    ("400 countries, 2 posts", ["--countries", "400", "--posts-per-country", "2", "--seed", "1"], "single"),
    ("400 countries, 2 posts, 2000 km, seed 7", ["--countries", "400", "--posts-per-country", "2", "--reach", "2000", "--seed", "7"], "single"),
    ("v2: 200 countries, 2 posts, 3 services", ["--countries", "200", "--posts-per-country", "2", "--seed", "1", "--services"], "single"),
    ("v2: 400 countries, 2 posts, 3 services", ["--countries", "400", "--posts-per-country", "2", "--seed", "1", "--services"], "single"),
    ("coalition 27 × 150, clusters of 4", ["--coalition", "27", "--countries", "150", "--seed", "1"], "coalition"),
    ("coalition 27 × 150, all 702 pairs", ["--coalition", "27", "--countries", "150", "--seed", "1", "--agreements", "all"], "coalition"),
]


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def timed(cmd, timeout):
    t0 = time.monotonic()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - t0
    return out, time.monotonic() - t0


def dipnet_single(dipnet, path, limit, gap, extra=()):
    cmd = [dipnet, "solve", path, "--format", "json", "--quiet", "--time-limit", str(limit), *extra]
    if gap > 0:
        cmd += ["--gap", str(gap)]
    out, secs = timed(cmd, limit * 2 + 60)
    if out is None or out.returncode != 0:
        return {"status": "error", "seconds": secs}
    r = json.loads(out.stdout)
    return {"status": r["status"], "objective": r.get("solver_objective"), "gap": r.get("gap"), "seconds": secs}


def dipnet_coalition(dipnet, path, limit, gap):
    cmd = [dipnet, "coalition", path, "--format", "json", "--quiet", "--time-limit", str(limit), "--gap", str(max(gap, 0.01))]
    out, secs = timed(cmd, limit * 2 + 120)
    if out is None or out.returncode != 0:
        return {"status": "error: " + ("timeout" if out is None else out.stderr.strip()[-200:]), "seconds": secs}
    r = json.loads(out.stdout)
    ir = all(s["joint_net_benefit"] is not None and s["joint_net_benefit"] >= s["standalone_net_benefit"] - 1e-3 - 1e-6 * abs(s["standalone_net_benefit"])
             for s in r["states"])
    return {"status": r["status"], "objective": r.get("joint_total"), "gap": r.get("gap"), "seconds": secs, "ir": ir}


def highs(path, limit, gap):
    code = (
        "import highspy,json,sys\n"
        "h=highspy.Highs();h.setOptionValue('output_flag',False)\n"
        f"h.setOptionValue('mip_rel_gap',{gap});h.setOptionValue('time_limit',{float(limit)})\n"
        f"h.readModel({path!r});h.run()\n"
        "s=h.modelStatusToString(h.getModelStatus()).lower()\n"
        "print(json.dumps({'status':s,'objective':h.getInfo().objective_function_value}))\n")
    out, secs = timed([sys.executable, "-c", code], limit * 2 + 60)
    if out is None or out.returncode != 0:
        return {"status": "error", "seconds": secs}
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return {"status": "optimal" if r["status"] == "optimal" else r["status"], "objective": r["objective"], "seconds": secs}


def cbc(path, limit, gap):
    if not shutil.which("cbc"):
        return None
    out, secs = timed(["cbc", path, "ratio", str(gap), "sec", str(limit), "solve", "quit"], limit * 2 + 60)
    if out is None:
        return {"status": "timeout", "seconds": secs}
    m = re.search(r"Objective value:\s+(\S+)", out.stdout)
    status = "optimal" if "Result - Optimal solution found" in out.stdout else ("time_limit" if "Stopped on time" in out.stdout else "error")
    return {"status": status, "objective": float(m.group(1)) if m else None, "seconds": secs}


def fmt_time(r):
    if r is None:
        return "—"
    s = f"{r['seconds']:.1f} s"
    if r["status"] != "optimal":
        g = r.get("gap")
        s += f" ({r['status']}" + (f", gap {100 * g:.2f}%" if isinstance(g, (int, float)) else "") + ")"
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dipnet", required=True)
    ap.add_argument("--time-limit", type=float, default=600)
    ap.add_argument("--gap", type=float, default=0.0, help="relative MIP gap for every solver (0: prove optimality)")
    ap.add_argument("--only", nargs="*", help="run only rungs whose name contains one of these")
    ap.add_argument("--no-peers", action="store_true", help="solve with dipnet only (e.g. to re-time dipnet against an earlier peers' run)")
    ap.add_argument("--no-search", action="store_true", help="pass --no-search to dipnet's single-network solves (the search on a second core off)")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="dipnet-ladder-")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; one run each; "
          f"time limit {args.time_limit:g} s; gap {args.gap:g}\n")
    print("| rung | model | dipnet (GLPK) | HiGHS | CBC | dipnet / fastest peer | optima agree |")
    print("|---|---|---:|---:|---:|---:|---|")
    failed = False
    try:
        for name, gen, kind in RUNGS:
            if args.only and not any(o in name for o in args.only):
                continue
            d = os.path.join(work, re.sub(r"\W+", "-", name))
            subprocess.run([args.dipnet, "generate", *gen, "--out", d], check=True, capture_output=True)
            if kind == "coalition":
                path = os.path.join(d, "coalition.yaml")
                r = dipnet_coalition(args.dipnet, path, args.time_limit, args.gap)
                ir = "IR holds for every state" if r.get("ir") else "IR VIOLATED or no plan"
                failed |= not r.get("ir")
                # The peers solve the joint MIP dipnet writes (one file per group of linked
                # states; times and optima summed over the groups), with the same 1% gap.
                peers = {"HiGHS": None, "CBC": None}
                size = "coalition"
                if not args.no_peers:
                    ex = subprocess.run([args.dipnet, "coalition", path, "--mps", os.path.join(d, "joint.mps"), "--quiet"],
                                        capture_output=True, text=True)
                    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith("joint") and f.endswith(".mps"))
                    if ex.returncode == 0 and files:
                        gap = max(args.gap, 0.01)
                        size = f"coalition, {len(files)} group{'s' if len(files) > 1 else ''}"
                        for pname, solve in (("HiGHS", highs), ("CBC", cbc)):
                            parts = [solve(f, args.time_limit, gap) for f in files]
                            if any(p is None for p in parts):
                                continue
                            peers[pname] = {"status": "optimal" if all(p["status"] == "optimal" for p in parts) else parts[0]["status"],
                                            "seconds": sum(p["seconds"] for p in parts),
                                            "objective": -sum(p.get("objective") or 0 for p in parts)}
                done = [p["seconds"] for p in peers.values() if p and p["status"] == "optimal"]
                ratio = "—"
                reached = r["status"] == "optimal" or (r["status"] == "feasible" and r.get("gap") is not None
                                                       and r["gap"] <= max(args.gap, 0.01) + 1e-9)
                if done and reached:
                    ratio = f"{r['seconds'] / min(done):.2f}"
                elif done:
                    ratio = f"> {r['seconds'] / min(done):.1f}"
                print(f"| {name} | {size} | {fmt_time(r)} | {fmt_time(peers['HiGHS'])} | {fmt_time(peers['CBC'])} | {ratio} | {ir} |", flush=True)
                continue
            path = os.path.join(d, "scenario.yaml")
            mps = os.path.join(d, "model.mps")
            ex = subprocess.run([args.dipnet, "export-model", path, "--mps", mps], check=True, capture_output=True, text=True)
            with open(mps) as fh:
                head = fh.read(4000)
            negated = "NEGATED objective" in head
            m = re.search(r"(\d+) variables, (\d+) constraints", ex.stdout + ex.stderr)
            size = f"{int(m.group(1)):,} vars, {int(m.group(2)):,} rows" if m else ""
            r = dipnet_single(args.dipnet, path, args.time_limit, args.gap, ["--no-search"] if args.no_search else [])
            peers = {"HiGHS": None, "CBC": None} if args.no_peers else \
                {"HiGHS": highs(mps, args.time_limit, args.gap), "CBC": cbc(mps, args.time_limit, args.gap)}
            for p in peers.values():
                if p and p.get("objective") is not None and negated:
                    p["objective"] = -p["objective"]
            agree = []
            for pname, p in peers.items():
                if p and p["status"] == "optimal" and r["status"] == "optimal":
                    ok = close(p["objective"], r["objective"])
                    agree.append(f"{pname} {'yes' if ok else 'NO'}")
                    failed |= not ok
            done = [p["seconds"] for p in peers.values() if p and p["status"] == "optimal"]
            if done and r["status"] == "optimal":
                ratio = f"{r['seconds'] / min(done):.2f}"
            elif done:  # dipnet stopped at the limit: the ratio is at least this
                ratio = f"> {r['seconds'] / min(done):.1f}"
            else:
                ratio = "—"
            print(f"| {name} | {size} | {fmt_time(r)} | {fmt_time(peers['HiGHS'])} | {fmt_time(peers['CBC'])} | {ratio} | "
                  f"{', '.join(agree) or '—'} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
