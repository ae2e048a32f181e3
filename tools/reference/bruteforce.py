#!/usr/bin/env python3
"""Brute-force check of dipnet_ref.py on small scenarios (up to ~14 posts), versions 1 and 2.

Enumerates every open/closed plan y, solves the flows for that plan as a separate LP
(scipy.optimize.linprog: x per country, post and service; z per offer and service; u per
country and service), derives presence and value from y directly (resident-level posts at
home; accredited-level posts at home or resident-level posts covering; partner presence),
applies groups, forces and the plan-only rules (max_closures, max_openings, min_resident,
min_posts, max_diplomats) by hand, puts budget and min_coverage (one number, or one row
per service) into the flow LP, and keeps the best.  It shares only the scenario reading
(Data, apply_variant) with dipnet_ref.py, not the MILP or the report.

    python3 bruteforce.py SCENARIO.yaml [--variant V | --variant all]  -> best net benefit and plan
    python3 bruteforce.py --fuzz N [--seed S] [--version 1|2]          -> random scenarios, MILP vs enumeration
"""

import argparse
import copy
import itertools
import json
import os
import random
import sys

import numpy as np
from scipy.optimize import linprog

import dipnet_ref as ref


def flow_lp(d, y, with_rules, fixed_cost):
    """Best flows for fixed y.  Returns (consular, fees, income, penalty, unserved) or None
    when the rows of budget / min_coverage cannot be met."""
    # x_cps: s offered at an open p, c at home or (c in S_p and s may be handled remotely)
    trip = [(c, p, s) for p in d.P if y[p] for c in [d.home[p]] + list(d.S[p])
            for s in d.T if s in d.svc[p] and (c == d.home[p] or d.remote_s[s])]
    rs, cs = list(d.rs), list(d.cs)
    nx, nz, nu = len(trip), len(rs), len(cs)
    n = nx + nz + nu
    cost = np.zeros(n)
    for j, (c, p, s) in enumerate(trip):
        dist = 0.0 if c == d.home[p] else (d.dist[(c, p)] or 0.0)
        cost[j] = d.g[(p, s)] + d.e * dist / 1000.0 - d.f_s[s]
    for j, (r, s) in enumerate(rs):
        cost[nx + j] = d.r_fee[(r, s)]
    for j, (c, s) in enumerate(cs):
        cost[nx + nz + j] = d.pi_s[s]
    A_eq = np.zeros((len(cs), n))
    b_eq = np.zeros(len(cs))
    for i, (c, s) in enumerate(cs):
        for j, k in enumerate(trip):
            if k[0] == c and k[2] == s:
                A_eq[i, j] = 1
        for j, (r, s2) in enumerate(rs):
            if s2 == s and d.r_country[r] == c:
                A_eq[i, nx + j] = 1
        A_eq[i, nx + nz + i] = 1
        b_eq[i] = d.D[(c, s)]
    rows, rhs = [], []
    for p in d.P:
        row = np.zeros(n)
        for j, k in enumerate(trip):
            if k[1] == p:
                row[j] = d.w_s[k[2]]
        rows.append(row)
        rhs.append(d.Q[p] * y[p])
    for r in d.R:
        row = np.zeros(n)
        for j, (r2, _) in enumerate(rs):
            if r2 == r:
                row[nx + j] = 1
        rows.append(row)
        rhs.append(d.r_cap[r])
    if with_rules:
        rules = d.rules
        if rules.get("budget") is not None:
            row = np.zeros(n)
            for j, (c, p, s) in enumerate(trip):
                row[j] = cost[j] + d.f_s[s]  # income is not deducted
            row[nx:nx + nz] = cost[nx:nx + nz]
            rows.append(row)
            rhs.append(float(rules["budget"]) - fixed_cost)
        mc = rules.get("min_coverage")
        if isinstance(mc, dict):
            for s, k in mc.items():
                if k is None:
                    continue
                row = np.zeros(n)
                for j, (c, s2) in enumerate(cs):
                    if s2 == s:
                        row[nx + nz + j] = 1
                rows.append(row)
                rhs.append((1 - float(k)) * sum(d.D[(c, s)] for c in d.C))
        elif mc is not None:
            row = np.zeros(n)
            row[nx + nz:] = 1
            rows.append(row)
            rhs.append((1 - float(mc)) * sum(d.D.values()))
    bounds = [(0, None)] * nx + [(0, d.r_cap[r]) for (r, _) in rs] + [(0, None)] * nu
    res = linprog(cost, A_ub=np.array(rows) if rows else None, b_ub=rhs if rows else None,
                  A_eq=A_eq if len(cs) else None, b_eq=b_eq if len(cs) else None,
                  bounds=bounds, method="highs")
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    xs = res.x
    consular = sum((cost[j] + d.f_s[k[2]]) * xs[j] for j, k in enumerate(trip))
    income = sum(d.f_s[k[2]] * xs[j] for j, k in enumerate(trip))
    fees = sum(cost[nx + j] * xs[nx + j] for j in range(nz))
    penalty = sum(cost[nx + nz + j] * xs[nx + nz + j] for j in range(nu))
    unserved = sum(xs[nx + nz:])
    return consular, fees, income, penalty, unserved


def country_value(d, y, c):
    """Best value of c that y allows (presence from the raw parameters)."""
    resident = any(y[p] for p in d.P if d.home[p] == c and d.lvl[p] == "resident")
    accredited = any(y[p] for p in d.P if (d.home[p] == c and d.lvl[p] == "accredited")
                     or (d.lvl[p] == "resident" and c in d.S[p]))
    represented = any(d.r_pres[r] for r in d.R if d.r_country[r] == c)
    vals = [0.0]
    I = d.Ival[c]
    if resident:
        vals.append(d.V[c] + sum(I.values()))
    if accredited:
        vals.append(d.V[c] * d.a_acc + sum(I[i] * d.beta_acc[i] for i in d.I))
    if represented:
        vals.append(d.V[c] * d.a_rep + sum(I[i] * d.beta_rep[i] for i in d.I))
    return max(vals), resident


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
        value = 0.0
        res_c = {}
        for c in d.C:
            v, res_c[c] = country_value(d, y, c)
            value += v
        running = sum(d.F[p] * y[p] for p in d.P)
        closing = sum(d.X[p] / d.H for p in d.P if d.existing[p] and not y[p])
        opening = sum(d.O[p] / d.H for p in d.P if not d.existing[p] and y[p])
        if mode == "optimize":
            r = d.rules
            if r.get("max_closures") is not None and sum(1 for p in d.P if d.existing[p] and not y[p]) > r["max_closures"]:
                continue
            if r.get("max_openings") is not None and sum(1 for p in d.P if not d.existing[p] and y[p]) > r["max_openings"]:
                continue
            if r.get("max_diplomats") is not None and sum(d.m[p] * y[p] for p in d.P) > float(r["max_diplomats"]) + 1e-9:
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
        out = flow_lp(d, y, mode == "optimize", running + closing + opening)
        if out is None:
            continue
        consular, fees, income, penalty, _ = out
        net = value + income - (running + closing + opening + consular + fees) - penalty
        if best is None or net > best[0] + 1e-9:
            best = (net, {p for p in d.P if y[p]})
    return best


def solve_doc(doc, variant):
    doc = copy.deepcopy(doc)
    mode = ref.apply_variant(doc, variant, doc.get("variants") or {})
    return enumerate_best(ref.Data(doc), mode)


# ------------------------------------------------------------------ random scenarios
def random_doc(rng):
    """A random small version 1 scenario."""
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


SERVICE_POOL = ["documents", "assistance", "visas"]


def random_doc_v2(rng):
    """A random small version 2 scenario: several services (some not remote, with fees
    and workloads), presence levels, diplomats, per-service min_coverage, interests."""
    nS = rng.randint(1, 3)
    svc_names = SERVICE_POOL[:nS] if rng.random() < 0.7 else rng.sample(SERVICE_POOL, nS)
    services = {}
    for s in svc_names:
        sv = {}
        if rng.random() < 0.7:
            sv["case_cost"] = rng.randint(0, 150)
        if rng.random() < 0.7:
            sv["unserved_penalty"] = rng.choice([0, 100, 800, 3000])
        if rng.random() < 0.4:
            sv["fee_income"] = rng.choice([0, 30, 90, 200])
        if rng.random() < 0.5:
            sv["workload"] = rng.choice([0.5, 1, 2])
        if rng.random() < 0.4:
            sv["remote"] = rng.random() < 0.3
        services[s] = sv
    use_services = nS > 1 or rng.random() < 0.7
    T = svc_names if use_services else [ref.IMPLICIT_SERVICE]
    interests = {}
    for i in range(rng.randint(0, 2)):
        it = {"label": f"interest {i}"}
        if rng.random() < 0.6:
            it["accredited"] = rng.choice([0, 0.2, 0.5, 0.9])
        if rng.random() < 0.6:
            it["represented"] = rng.choice([0, 0.1, 0.6, 1.0])
        interests[f"i{i}"] = it
    nC, nP = rng.randint(2, 4), rng.randint(2, 6)
    countries = []
    for i in range(nC):
        c = {"id": f"C{i}", "region": rng.choice(["n", "s"]), "lat": rng.uniform(-40, 40),
             "lon": rng.uniform(-30, 30), "scores": {"g": rng.randint(0, 20)}}
        if len(T) == 1 and rng.random() < 0.3:
            c["demand"] = rng.randint(0, 300)
        else:
            c["demand"] = {s: rng.choice([0, rng.randint(1, 300)]) for s in T if rng.random() < 0.8}
        if interests and rng.random() < 0.8:
            c["interests"] = {i: rng.choice([0, rng.randint(1000, 30000)]) for i in interests
                              if rng.random() < 0.8}
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
        if rng.random() < 0.5:
            q["covers"] = rng.sample([c["id"] for c in countries], rng.randint(1, nC))
        if rng.random() < 0.2:
            q["reach_km"] = rng.randint(500, 5000)
        if rng.random() < 0.2:
            q["lat"], q["lon"] = rng.uniform(-40, 40), rng.uniform(-30, 30)
        r = rng.random()
        if r < 0.2:
            q["case_cost"] = rng.randint(0, 100)
        elif r < 0.4:
            q["case_cost"] = {s: rng.randint(0, 100) for s in rng.sample(T, rng.randint(1, len(T)))}
        if rng.random() < 0.4:
            q["services"] = rng.sample(T, rng.randint(1, len(T)))
        if rng.random() < 0.4:
            q["presence"] = rng.choice(["resident", "accredited", "none"])
        if rng.random() < 0.6:
            q["diplomats"] = rng.randint(0, 4)
        if rng.random() < 0.2:
            q["group"] = rng.choice(["g1", "g2"])
        if rng.random() < 0.08:
            q["force"] = rng.choice(["open", "closed"])
        posts.append(q)
    partners = []
    for _ in range(rng.randint(0, 3)):
        o = {"country": rng.choice(countries)["id"], "by": rng.choice(["ESP", "FRA"]),
             "capacity": rng.randint(0, 150), "presence": rng.random() < 0.7}
        r = rng.random()
        if r < 0.4:
            o["fee"] = rng.randint(0, 200)
        elif r < 0.8:
            o["fee"] = {s: rng.randint(0, 200) for s in rng.sample(T, rng.randint(1, len(T)))}
        if rng.random() < 0.5:
            o["services"] = rng.sample(T, rng.randint(1, len(T)))
        partners.append(o)
    rules = {}
    if rng.random() < 0.3:
        rules["budget"] = rng.randint(10000, 60000)
    r = rng.random()
    if r < 0.2:
        rules["min_coverage"] = rng.choice([0.3, 0.5, 0.8])
    elif r < 0.45:
        rules["min_coverage"] = {s: rng.choice([0.3, 0.6, 0.9, 0.9, 1.0]) for s in rng.sample(T, rng.randint(1, len(T)))}
    if rng.random() < 0.4:
        rules["max_diplomats"] = rng.randint(0, 6)
    if rng.random() < 0.2:
        rules["max_closures"] = rng.randint(0, 2)
    if rng.random() < 0.2:
        rules["max_openings"] = rng.randint(0, 2)
    if rng.random() < 0.2:
        rules["min_resident"] = [{"select": {"tag": "t"}, "count": 1}]
    if rng.random() < 0.2:
        rules["min_posts"] = [{"select": {"region": countries[0]["region"]}, "count": 1}]
    # a variant on the new paths
    ch_set, ch_scale = {}, {}
    if interests and rng.random() < 0.5:
        ch_scale[f"countries.*.interests.{rng.choice(list(interests))}"] = rng.choice([0, 2])
    if rng.random() < 0.5:
        ch_scale[f"services.{rng.choice(T)}.case_cost"] = rng.choice([0.5, 2])
    if rng.random() < 0.4:
        ch_scale[f"countries.{rng.choice(countries)['id']}.demand"] = rng.choice([0, 2])
    if rng.random() < 0.3:
        ch_set[f"posts.{rng.choice(posts)['id']}.presence"] = rng.choice(["resident", "accredited", "none"])
    if rng.random() < 0.3:
        ch_set["presence.accredited"] = rng.choice([0.1, 0.7])
    if rng.random() < 0.3:
        ch_scale[f"posts.{rng.choice(posts)['id']}.case_cost.{rng.choice(T)}"] = rng.choice([0, 3])
    if rng.random() < 0.3:
        ch_set[f"services.{rng.choice(T)}.fee_income"] = rng.choice([0, 50, 150])
    if rng.random() < 0.3:
        ch_set["rules.max_diplomats"] = rng.randint(0, 5)
    var = {}
    if ch_set:
        var["set"] = ch_set
    if ch_scale:
        var["scale"] = ch_scale
    doc = {"dipnet": 2, "name": "fuzz2", "horizon_years": rng.choice([1, 2, 4]),
           "criteria": {"g": {"weight": rng.choice([0, 500, 2000])}},
           "presence": {"accredited": rng.choice([0, 0.3, 0.5]), "represented": rng.choice([0, 0.2, 0.6])},
           "costs": {"case_cost": rng.randint(0, 100), "remote_case_cost_per_1000km": rng.randint(0, 50),
                     "unserved_case_penalty": rng.choice([0, 50, 500, 3000])},
           "countries": countries, "posts": posts, "partners": partners, "rules": rules,
           "variants": {"sq": {"mode": "evaluate"}, "ch": var}}
    if use_services:
        doc["services"] = services
    if interests:
        doc["interests"] = interests
    return doc


def add_variants(doc, rng):
    """Adds random variants that exercise the reading rules of variants (`--more-variants`):
    `extends` chains (one from status-quo), `set` that creates a rule, `*` paths, scaled
    rules, criteria weights, presence shares, costs, horizon and capacities, and forced
    decisions re-optimised. Uses its own generator so that a seed gives the same scenarios
    with and without it."""
    posts = [q["id"] for q in doc["posts"]]
    countries = [c["id"] for c in doc["countries"]]
    v2 = doc.get("dipnet") == 2
    pool = []
    pool.append(("set", f"posts.{rng.choice(posts)}.force", rng.choice(["open", "closed"])))
    pool.append(("scale", "posts.*.capacity", rng.choice([0.5, 2])))
    pool.append(("scale", "posts.*.annual_cost", rng.choice([0.8, 1.5])))
    pool.append(("set", "rules.budget", rng.randint(10000, 60000)))
    pool.append(("set", "rules.max_closures", rng.randint(0, 2)))
    pool.append(("set", "rules.max_openings", rng.randint(0, 1)))
    pool.append(("set", "rules.min_coverage", rng.choice([0.2, 0.6])))
    pool.append(("set", "horizon_years", rng.choice([1, 3, 10])))
    pool.append(("scale", "horizon_years", rng.choice([0.5, 2])))
    pool.append(("set", "presence.represented", rng.choice([0, 0.4, 0.9])))
    pool.append(("scale", "presence.accredited", rng.choice([0, 1.5])))
    pool.append(("set", "costs.unserved_case_penalty", rng.choice([0, 200, 5000])))
    pool.append(("scale", "costs.remote_case_cost_per_1000km", rng.choice([0, 3])))
    pool.append(("set", "costs.case_cost", rng.randint(0, 150)))
    pool.append(("scale", f"countries.{rng.choice(countries)}.scores.g", rng.choice([0, 3])))
    pool.append(("set", "criteria.g.weight", rng.choice([0, 100, 5000])))
    pool.append(("scale", "countries.*.demand", rng.choice([0.5, 3])))
    pool.append(("set", f"posts.{rng.choice(posts)}.covers", rng.sample(countries, rng.randint(1, len(countries)))))
    pool.append(("set", f"posts.{rng.choice(posts)}.reach_km", rng.choice([0, 2000, 8000])))
    for _ in range(2):  # two entries, so that a variant may put two posts in one new group
        pool.append(("set", f"posts.{rng.choice(posts)}.group", "g9"))
    pool.append(("set", f"posts.{rng.choice(posts)}.case_cost", rng.randint(0, 100)))
    pool.append(("scale", f"posts.{rng.choice(posts)}.case_cost", rng.choice([0, 2])))
    # a post's cost scaled again, or set or removed after a scale (along extends too)
    pool.append(("scale", "posts.*.case_cost", rng.choice([0.5, 3])))
    pool.append(("set", f"posts.{rng.choice(posts)}.case_cost", None))
    pool.append(("set", "rules.min_posts", [{"select": {"countries": rng.sample(countries, 1)}, "count": 1}]))
    pool.append(("set", "rules.min_resident", [{"select": {"region": doc["countries"][0]["region"], "tag": "t"}, "count": 1}]))
    if v2:
        pool.append(("scale", "posts.*.diplomats", rng.choice([0, 2])))
        pool.append(("set", "rules.max_diplomats", rng.randint(0, 6)))
        pool.append(("scale", "services.*.unserved_penalty", rng.choice([0, 2])))
        pool.append(("scale", "services.*.fee_income", rng.choice([0, 2])))
        pool.append(("set", f"posts.{rng.choice(posts)}.presence", rng.choice(["resident", "accredited", "none"])))
        services = list(doc["services"]) if "services" in doc else ["consular"]
        pool.append(("scale", f"posts.{rng.choice(posts)}.case_cost.{rng.choice(services)}", rng.choice([0, 2])))
    variants = doc.setdefault("variants", {})
    names = []
    for k in range(rng.randint(1, 3)):
        v = {}
        for kind, path, value in rng.sample(pool, rng.randint(1, 4)):
            v.setdefault(kind, {})[path] = value
        r = rng.random()
        if names and r < 0.4:
            v["extends"] = rng.choice(names)
        elif r < 0.55:
            v["extends"] = "status-quo"
        elif r < 0.65:
            v["mode"] = "evaluate"
        name = f"r{k}"
        variants[name] = v
        names.append(name)
    return doc


def _check(doc, variant):
    rep = ref.solve_variant(doc, variant)
    bf = solve_doc(doc, variant)
    if bf is None:
        ok = rep["status"] == "infeasible"
    else:
        tol = 1e-6 * max(1, abs(bf[0]))
        ok = rep["status"] == "optimal" and abs(rep["net_benefit"] - bf[0]) <= tol
        # the MILP's own objective must agree with the recomputed report
        ok &= abs(rep["solver_objective"] - rep["net_benefit"]) <= tol
        if ok and doc.get("dipnet") == 2:
            # the report's parts must add up, and the per-service / per-interest parts too
            parts = rep["value"] + rep["income"] - rep["cost"]["total"] - rep["penalty"]
            ok &= abs(parts - rep["net_benefit"]) <= tol
            ok &= abs(sum(s["unserved"] for s in rep["services"].values()) - rep["unserved"]) <= 1e-6
            for s in rep["services"].values():
                ok &= abs(s["own"] + s["partners"] + s["unserved"] - s["demand"]) <= 1e-6 * max(1, s["demand"])
    return ok, rep, bf


def fuzz(n, seed, version, more_variants=False):
    rng = random.Random(seed)
    bad = 0
    done = 0
    checks = 0
    while done < n:
        doc = random_doc_v2(rng) if version == 2 else random_doc(rng)
        if ref.validate(doc):
            continue
        if more_variants:
            add_variants(doc, random.Random(f"{seed}-{done}"))
        try:
            for name in doc.get("variants") or {}:
                tmp = copy.deepcopy(doc)
                ref.apply_variant(tmp, name, doc["variants"])
                if ref.validate(tmp):
                    raise ref.ScenarioError(["variant invalid"])
        except ref.ScenarioError:
            continue
        done += 1
        variants = ["base", "status-quo"] + [v for v in doc["variants"] if v != "sq"]
        for variant in variants:
            checks += 1
            ok, rep, bf = _check(doc, variant)
            if version == 1 and ok:
                # the same file as `dipnet: 2` (none of the new keys) gives the same optimum
                d2 = copy.deepcopy(doc)
                d2["dipnet"] = 2
                rep2 = ref.solve_variant(d2, variant)
                ok = rep2["status"] == rep["status"] and (
                    rep["net_benefit"] is None or abs(rep2["net_benefit"] - rep["net_benefit"]) <= 1e-6 * max(1, abs(rep["net_benefit"])))
            if not ok:
                bad += 1
                print(json.dumps({"variant": variant, "milp": [rep["status"], rep["net_benefit"], rep["solver_objective"] if "solver_objective" in rep else None, rep["posts"]["open"]],
                                  "brute": None if bf is None else [bf[0], sorted(bf[1])], "doc": doc}))
    print(f"fuzz (version {version}): {n} scenarios, {checks} variant solves, {bad} disagreements",
          file=sys.stderr)
    return 1 if bad else 0


def write_random(n, seed, version, directory, more_variants=False):
    """Writes n valid random scenarios (every variant valid too) as YAML files."""
    import yaml
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    done = 0
    while done < n:
        doc = random_doc_v2(rng) if version == 2 else random_doc(rng)
        if ref.validate(doc):
            continue
        if more_variants:
            add_variants(doc, random.Random(f"{seed}-{done}"))
        try:
            for name in doc.get("variants") or {}:
                tmp = copy.deepcopy(doc)
                ref.apply_variant(tmp, name, doc["variants"])
                if ref.validate(tmp):
                    raise ref.ScenarioError(["variant invalid"])
        except ref.ScenarioError:
            continue
        with open(os.path.join(directory, f"random-{seed}-{done:04d}.yaml"), "w", encoding="utf-8") as fh:
            yaml.safe_dump(doc, fh, sort_keys=False, allow_unicode=True)
        done += 1
    print(f"wrote {n} version {version} scenarios to {directory}", file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?")
    ap.add_argument("--variant", default="base")
    ap.add_argument("--fuzz", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--version", type=int, default=2, choices=(1, 2))
    ap.add_argument("--write", metavar="DIR", help="with --fuzz: write the valid random scenarios to DIR as YAML files "
                    "(for crosscheck.py against dipnet) instead of checking them")
    ap.add_argument("--more-variants", action="store_true",
                    help="with --fuzz: add random variants (extends chains, rules created by set, * paths, "
                    "shares, costs, horizon); the base scenarios of a seed stay the same")
    a = ap.parse_args()
    if a.fuzz and a.write:
        return write_random(a.fuzz, a.seed, a.version, a.write, a.more_variants)
    if a.fuzz:
        return fuzz(a.fuzz, a.seed, a.version, a.more_variants)
    doc = ref.load_scenario(a.scenario)
    names = [a.variant] if a.variant != "all" else list(ref.BUILTIN_VARIANTS) + list(doc.get("variants") or {})
    out = {}
    for name in names:
        best = solve_doc(doc, name)
        out[name] = None if best is None else {"net_benefit": round(best[0], 6), "open": sorted(best[1])}
    print(json.dumps(out[a.variant] if a.variant != "all" else out, indent=None if a.variant != "all" else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
