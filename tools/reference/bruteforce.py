#!/usr/bin/env python3
"""Brute-force check of dipnet_ref.py on small scenarios (up to ~14 posts).

Enumerates every open/closed plan y, solves the flows for that plan as a separate LP
(scipy.optimize.linprog), derives presence and value from y directly, applies groups,
forces and rules by hand, and keeps the best.  It shares only the scenario reading
(Data) with dipnet_ref.py, not the MILP.

    python3 bruteforce.py SCENARIO.yaml [--variant V]   -> prints best net benefit and plan
    python3 bruteforce.py --fuzz N [--seed S]           -> random scenarios, MILP vs enumeration
"""

import argparse
import copy
import itertools
import json
import random
import sys

import numpy as np
from scipy.optimize import linprog

import dipnet_ref as ref


def flows(d, y):
    """Min cost + penalty of the flows for fixed y; returns (cost_part, fees, unserved)."""
    pairs = [k for k in d.pairs if y[k[1]]]
    nx, nz, nu = len(pairs), len(d.R), len(d.C)
    c = [d.unit[k] for k in pairs] + list(d.r_fee) + [d.pi] * nu
    A_eq = np.zeros((len(d.C), nx + nz + nu))
    for i, cc in enumerate(d.C):
        for j, (c2, _) in enumerate(pairs):
            if c2 == cc:
                A_eq[i, j] = 1
        for r in d.R:
            if d.r_country[r] == cc:
                A_eq[i, nx + r] = 1
        A_eq[i, nx + nz + i] = 1
    b_eq = [d.D[cc] for cc in d.C]
    A_ub = np.zeros((len(d.P), nx + nz + nu))
    b_ub = []
    for i, p in enumerate(d.P):
        for j, (_, p2) in enumerate(pairs):
            if p2 == p:
                A_ub[i, j] = 1
        b_ub.append(d.Q[p] * y[p])
    bounds = [(0, None)] * nx + [(0, d.r_cap[r]) for r in d.R] + [(0, None)] * nu
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    xs = res.x
    consular = sum(d.unit[k] * xs[j] for j, k in enumerate(pairs))
    fees = sum(d.r_fee[r] * xs[nx + r] for r in d.R)
    unserved = sum(xs[nx + nz:])
    return consular, fees, unserved


def enumerate_best(d, mode):
    best = None
    free = []
    fixed = {}
    for p in d.P:
        if d.force[p] == "open":
            fixed[p] = 1
        elif d.force[p] == "closed":
            fixed[p] = 0
        elif mode == "evaluate":
            fixed[p] = 1 if d.existing[p] else 0
        else:
            free.append(p)
    for bits in itertools.product((0, 1), repeat=len(free)):
        y = dict(fixed)
        y.update(zip(free, bits))
        if any(sum(y[p] for p in g) > 1 for g in d.groups.values()):
            continue
        res_c = {c: any(y[p] for p in d.P if d.home[p] == c) for c in d.C}
        running = sum(d.F[p] * y[p] for p in d.P)
        closing = sum(d.X[p] / d.H for p in d.P if d.existing[p] and not y[p])
        opening = sum(d.O[p] / d.H for p in d.P if not d.existing[p] and y[p])
        if mode == "optimize":
            r = d.rules
            if r.get("max_closures") is not None and sum(1 for p in d.P if d.existing[p] and not y[p]) > r["max_closures"]:
                continue
            if r.get("max_openings") is not None and sum(1 for p in d.P if not d.existing[p] and y[p]) > r["max_openings"]:
                continue
            bad = False
            for item in r.get("min_resident") or []:
                sel, cnt = d.rule_count("min_resident", item)
                bad |= sum(res_c[c] for c in sel) < cnt
            for item in r.get("min_posts") or []:
                sel, cnt = d.rule_count("min_posts", item)
                bad |= sum(y[p] for p in d.P if d.home[p] in sel) < cnt
            if bad:
                continue
        value = 0.0
        for c in d.C:
            share = 0.0
            if res_c[c]:
                share = 1.0
            if any(y[p] for p in d.P if c in d.S[p]):
                share = max(share, d.a_acc)
            if any(d.r_pres[r] for r in d.R if d.r_country[r] == c):
                share = max(share, d.a_rep)
            value += d.V[c] * share
        if mode == "optimize" and (d.rules.get("budget") is not None or d.rules.get("min_coverage") is not None):
            # budget / coverage couple with the flows: solve the flow LP with those rows too
            out = flows_with_rules(d, y, running + closing + opening)
            if out is None:
                continue
            consular, fees, unserved = out
        else:
            consular, fees, unserved = flows(d, y)
        net = value - (running + closing + opening + consular + fees) - d.pi * unserved
        if best is None or net > best[0] + 1e-9:
            best = (net, {p for p in d.P if y[p]})
    return best


def flows_with_rules(d, y, fixed_cost):
    pairs = [k for k in d.pairs if y[k[1]]]
    nx, nz, nu = len(pairs), len(d.R), len(d.C)
    n = nx + nz + nu
    c = [d.unit[k] for k in pairs] + list(d.r_fee) + [d.pi] * nu
    A_eq = np.zeros((len(d.C), n))
    for i, cc in enumerate(d.C):
        for j, (c2, _) in enumerate(pairs):
            A_eq[i, j] = 1 if c2 == cc else 0
        for r in d.R:
            if d.r_country[r] == cc:
                A_eq[i, nx + r] = 1
        A_eq[i, nx + nz + i] = 1
    rows, rhs = [], []
    for p in d.P:
        rows.append([1 if j < nx and pairs[j][1] == p else 0 for j in range(n)])
        rhs.append(d.Q[p] * y[p])
    if d.rules.get("budget") is not None:
        rows.append(c[:nx + nz] + [0] * nu)
        rhs.append(float(d.rules["budget"]) - fixed_cost)
    if d.rules.get("min_coverage") is not None:
        rows.append([0] * (nx + nz) + [1] * nu)
        rhs.append((1 - float(d.rules["min_coverage"])) * sum(d.D.values()))
    bounds = [(0, None)] * nx + [(0, d.r_cap[r]) for r in d.R] + [(0, None)] * nu
    res = linprog(c, A_ub=np.array(rows, dtype=float), b_ub=rhs, A_eq=A_eq,
                  b_eq=[d.D[cc] for cc in d.C], bounds=bounds, method="highs")
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    xs = res.x
    return (sum(d.unit[k] * xs[j] for j, k in enumerate(pairs)),
            sum(d.r_fee[r] * xs[nx + r] for r in d.R), sum(xs[nx + nz:]))


def solve_doc(doc, variant):
    doc = copy.deepcopy(doc)
    mode = ref.apply_variant(doc, variant, doc.get("variants") or {})
    return enumerate_best(ref.Data(doc), mode)


def random_doc(rng):
    nC, nP = rng.randint(2, 5), rng.randint(2, 7)
    regions = ["n", "s"]
    countries = []
    for i in range(nC):
        c = {"id": f"C{i}", "region": rng.choice(regions), "lat": rng.uniform(-40, 40),
             "lon": rng.uniform(-30, 30), "demand": rng.choice([0, rng.randint(1, 300)]),
             "scores": {"g": rng.randint(0, 20), "e": rng.randint(0, 10)}}
        if rng.random() < 0.5:
            c["tags"] = ["t"]
        countries.append(c)
    countries[0]["tags"] = ["t"]
    posts = []
    for i in range(nP):
        q = {"id": f"P{i}", "country": rng.choice(countries)["id"],
             "status": rng.choice(["existing", "candidate"]),
             "annual_cost": rng.randint(0, 20000), "capacity": rng.randint(0, 400)}
        if rng.random() < 0.5:
            q["close_cost" if q["status"] == "existing" else "open_cost"] = rng.randint(0, 20000)
        if rng.random() < 0.4:
            q["covers"] = rng.sample([c["id"] for c in countries], rng.randint(1, nC))
        if rng.random() < 0.3:
            q["reach_km"] = rng.randint(500, 5000)
        if rng.random() < 0.3:
            q["lat"], q["lon"] = rng.uniform(-40, 40), rng.uniform(-30, 30)
        if rng.random() < 0.3:
            q["case_cost"] = rng.randint(0, 100)
        if rng.random() < 0.3:
            q["group"] = rng.choice(["g1", "g2"])
        if rng.random() < 0.1:
            q["force"] = rng.choice(["open", "closed"])
        posts.append(q)
    partners = []
    for _ in range(rng.randint(0, 3)):
        partners.append({"country": rng.choice(countries)["id"], "by": rng.choice(["ESP", "FRA"]),
                         "capacity": rng.randint(0, 100), "fee": rng.randint(0, 200),
                         "presence": rng.random() < 0.7})
    rules = {}
    if rng.random() < 0.4:
        rules["budget"] = rng.randint(10000, 60000)
    if rng.random() < 0.3:
        rules["min_coverage"] = rng.choice([0.3, 0.5, 0.8])
    if rng.random() < 0.3:
        rules["max_closures"] = rng.randint(0, 2)
    if rng.random() < 0.3:
        rules["max_openings"] = rng.randint(0, 2)
    if rng.random() < 0.3:
        rules["min_resident"] = [{"select": {"tag": "t"}, "count": rng.choice([1, "all"])}]
    if rng.random() < 0.3:
        rules["min_posts"] = [{"select": {"region": countries[0]["region"]}, "count": 1}]
    return {"dipnet": 1, "name": "fuzz", "horizon_years": rng.choice([1, 2, 4]),
            "criteria": {"g": {"weight": rng.choice([0, 500, 2000])}, "e": {"weight": 1000}},
            "presence": {"accredited": rng.choice([0, 0.3, 0.5]), "represented": rng.choice([0, 0.2, 0.6])},
            "costs": {"case_cost": rng.randint(0, 100), "remote_case_cost_per_1000km": rng.randint(0, 50),
                      "unserved_case_penalty": rng.choice([0, 50, 500, 3000])},
            "countries": countries, "posts": posts, "partners": partners, "rules": rules,
            "variants": {"sq": {"mode": "evaluate"}}}


def fuzz(n, seed):
    rng = random.Random(seed)
    bad = 0
    done = 0
    while done < n:
        doc = random_doc(rng)
        if ref.validate(doc):
            continue
        done += 1
        for variant in ("base", "status-quo"):
            rep = ref.solve_variant(doc, variant)
            bf = solve_doc(doc, variant)
            if bf is None:
                ok = rep["status"] == "infeasible"
            else:
                ok = rep["status"] == "optimal" and abs(rep["net_benefit"] - bf[0]) <= 1e-6 * max(1, abs(bf[0]))
                # the MILP's own objective must agree with the recomputed report
                ok &= abs(rep["solver_objective"] - rep["net_benefit"]) <= 1e-6 * max(1, abs(bf[0]))
            if not ok:
                bad += 1
                print(json.dumps({"variant": variant, "milp": [rep["status"], rep["net_benefit"], rep["solver_objective"], rep["posts"]["open"]],
                                  "brute": None if bf is None else [bf[0], sorted(bf[1])], "doc": doc}))
    print(f"fuzz: {n} scenarios x 2 variants, {bad} disagreements", file=sys.stderr)
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?")
    ap.add_argument("--variant", default="base")
    ap.add_argument("--fuzz", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.fuzz:
        return fuzz(a.fuzz, a.seed)
    doc = ref.load_scenario(a.scenario)
    best = solve_doc(doc, a.variant)
    print(json.dumps(None if best is None else {"net_benefit": best[0], "open": sorted(best[1])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
