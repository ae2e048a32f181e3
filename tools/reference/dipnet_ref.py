#!/usr/bin/env python3
"""Independent reference implementation of the dipnet network model (format version 1).

Written only from shared/spec/model.md and shared/spec/scenario-format.md, to cross-check
the Swift + GLPK tool.  Every reading of an ambiguous point is listed in NOTES.md beside
this file; the tags [A1], [A2], ... in comments point there.

    python3 dipnet_ref.py SCENARIO.yaml [--variant V | --variant all] [--gap G]
                          [--time-limit S] [--check-expect] [--no-polish]

Prints one JSON object (or, with --variant all, an object keyed by variant).
Exit status: 0 result printed (whatever the solver status), 1 failed expectations
(--check-expect) or solver failure, 2 invalid scenario.

Needs only Python 3.11, PyYAML 6, numpy, scipy >= 1.9 (scipy.optimize.milp = HiGHS).
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import math
import os
import re
import sys
import time

import numpy as np
import yaml
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

EARTH_RADIUS_KM = 6371.0
BUILTIN_VARIANTS = ("base", "status-quo")


class ScenarioError(Exception):
    """A list of problems with a scenario; the command exits with status 2."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# --------------------------------------------------------------------------- YAML
class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans: only true/false are booleans. [A40]

    PyYAML (YAML 1.1) would read the ISO code `NO` (Norway) or `ON` as a boolean.
    """


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _no_duplicate_keys(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ScenarioError([
                f"line {key_node.start_mark.line + 1}, column {key_node.start_mark.column + 1}: "
                f"duplicate key {key!r}"])
        seen[key] = True
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: _no_duplicate_keys(loader, node, deep=True),
)


def load_yaml(path):
    with open(path, encoding="utf-8") as fh:
        try:
            return yaml.load(fh, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            raise ScenarioError([f"{path}: {exc}"]) from None


# --------------------------------------------------------------------------- schema
TOP_KEYS = {"dipnet", "name", "description", "currency", "horizon_years", "criteria",
            "presence", "costs", "countries", "posts", "partners", "rules", "variants",
            "comparisons", "expect", "uncertainty"}
# `uncertainty:` (dipnet simulate's distributions) does not change the model: accepted and ignored here.
CRITERION_KEYS = {"weight", "label"}
PRESENCE_KEYS = {"accredited", "represented"}
COST_KEYS = {"case_cost", "remote_case_cost_per_1000km", "unserved_case_penalty"}
COUNTRY_KEYS = {"id", "name", "region", "lat", "lon", "demand", "scores", "tags"}
POST_KEYS = {"id", "country", "city", "kind", "status", "lat", "lon", "annual_cost",
             "close_cost", "open_cost", "capacity", "case_cost", "covers", "reach_km",
             "group", "force"}
PARTNER_KEYS = {"country", "by", "capacity", "fee", "presence"}
RULE_KEYS = {"budget", "min_coverage", "max_closures", "max_openings", "min_resident",
             "min_posts"}
VARIANT_KEYS = {"description", "extends", "set", "scale", "mode"}
COMPARISON_KEYS = {"baseline", "variants"}
EXPECT_KEYS = {"status", "net_benefit", "value", "cost", "coverage", "unserved", "open",
               "closed", "opened"}
SELECTOR_KEYS = {"region", "tag", "countries"}

# Defaults where the spec gives one, and [A30] where it gives none.
DEFAULTS = {
    "horizon_years": 1,
    "presence.accredited": 0.0, "presence.represented": 0.0,
    "costs.case_cost": 0.0, "costs.remote_case_cost_per_1000km": 0.0,
    "costs.unserved_case_penalty": 0.0,
    "post.close_cost": 0.0, "post.open_cost": 0.0, "post.reach_km": 0.0,
    "post.annual_cost": 0.0, "post.capacity": 0.0,
    "country.demand": 0.0,
    "partner.fee": 0.0, "partner.presence": True,
}


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# --------------------------------------------------------------------------- CSV
def _csv_value(key, raw):
    """One CSV cell -> YAML-like value; '' means absent (returns None)."""
    s = raw.strip()
    if s == "":
        return None
    if key in ("tags", "covers"):
        return [t.strip() for t in s.split(";") if t.strip() != ""]
    if key in ("lat", "lon", "demand", "annual_cost", "close_cost", "open_cost", "capacity",
               "case_cost", "reach_km", "fee") or key.startswith("score_"):
        try:
            f = float(s)
        except ValueError:
            return s  # left as text; validation reports "expected a number"
        return int(f) if re.fullmatch(r"[+-]?\d+", s) else f
    if key == "presence":
        low = s.lower()
        if low in ("true", "yes", "1"):
            return True
        if low in ("false", "no", "0"):
            return False
        return s
    return s


def load_csv_table(base_dir, table, spec, problems):
    rel = spec["csv"]
    path = os.path.join(base_dir, str(rel))
    try:
        fh = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        problems.append(f"{table}.csv: cannot read {path}: {exc}")
        return []
    allowed = {"countries": COUNTRY_KEYS, "posts": POST_KEYS, "partners": PARTNER_KEYS}[table]
    rows = []
    with fh:
        reader = csv.DictReader(fh)
        for col in reader.fieldnames or []:
            c = col.strip()
            if table == "countries" and c.startswith("score_"):
                continue
            if c not in allowed or (c == "scores"):
                problems.append(f"{path}: unknown column {col!r} in {table} table")
        for n, row in enumerate(reader):
            item = {}
            scores = {}
            for col, raw in row.items():
                if col is None:
                    problems.append(f"{path}: row {n + 2} has more cells than the header")
                    continue
                c = col.strip()
                v = _csv_value(c, raw or "")
                if v is None:
                    continue
                if c.startswith("score_") and table == "countries":
                    scores[c[len("score_"):]] = v
                else:
                    item[c] = v
            if scores:
                item["scores"] = scores
            rows.append(item)
    return rows


def expand_tables(doc, base_dir, problems):
    for table in ("countries", "posts", "partners"):
        spec = doc.get(table)
        if isinstance(spec, dict):
            if set(spec) != {"csv"}:
                problems.append(f"{table}: expected a list or {{csv: FILE}}, got keys {sorted(spec)}")
                doc[table] = []
            else:
                doc[table] = load_csv_table(base_dir, table, spec, problems)


# --------------------------------------------------------------------------- validation
def _check_num(problems, path, v, *, required=False, share=False, lo=None, hi=None,
               positive=False, integer=False):
    if v is None:
        if required:
            problems.append(f"{path}: required number is missing")
        return
    if not is_number(v) or not math.isfinite(v):
        problems.append(f"{path}: expected a finite number, got {v!r}")
        return
    if lo is not None or hi is not None:
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            problems.append(f"{path}: expected a number in [{lo}, {hi}], got {v}")
        return
    if v < 0:
        problems.append(f"{path}: expected a non-negative number, got {v}")
    if share and v > 1:
        problems.append(f"{path}: expected a share in [0,1], got {v}")
    if positive and v <= 0:
        problems.append(f"{path}: expected a positive number, got {v}")
    if integer and v != int(v):
        problems.append(f"{path}: expected a whole number, got {v}")


def _unknown_keys(problems, path, obj, allowed):
    for k in obj:
        if k not in allowed:
            problems.append(f"{path}: unknown key {k!r} (expected one of {sorted(allowed)})")


def _is_str(v):
    return isinstance(v, str) and v != ""


def select_countries(sel, countries):
    """Countries (ids, file order) matching every key of a selector."""
    out = []
    for c in countries:
        ok = True
        if "region" in sel and c.get("region") != sel["region"]:
            ok = False
        if "tag" in sel and sel["tag"] not in (c.get("tags") or []):
            ok = False
        if "countries" in sel and c["id"] not in sel["countries"]:
            ok = False
        if ok:
            out.append(c["id"])
    return out


def validate(doc, where="scenario"):
    """Return a list of problems (empty if the document is a valid scenario)."""
    p = []
    if not isinstance(doc, dict):
        return [f"{where}: expected a mapping at the top level"]
    _unknown_keys(p, where, doc, TOP_KEYS)
    if doc.get("dipnet") != 1:
        p.append(f"dipnet: expected format version 1, got {doc.get('dipnet')!r}")
    if "horizon_years" in doc:
        _check_num(p, "horizon_years", doc["horizon_years"], positive=True)  # [A28]

    criteria = doc.get("criteria") or {}
    if not isinstance(criteria, dict):
        p.append("criteria: expected a mapping of criterion -> {weight}")
        criteria = {}
    for k, v in criteria.items():
        if not isinstance(v, dict):
            p.append(f"criteria.{k}: expected a mapping with weight")
            continue
        _unknown_keys(p, f"criteria.{k}", v, CRITERION_KEYS)
        _check_num(p, f"criteria.{k}.weight", v.get("weight"), required=True)

    pres = doc.get("presence") or {}
    if not isinstance(pres, dict):
        p.append("presence: expected a mapping")
        pres = {}
    _unknown_keys(p, "presence", pres, PRESENCE_KEYS)
    for k in PRESENCE_KEYS:
        _check_num(p, f"presence.{k}", pres.get(k), share=True)

    costs = doc.get("costs") or {}
    if not isinstance(costs, dict):
        p.append("costs: expected a mapping")
        costs = {}
    _unknown_keys(p, "costs", costs, COST_KEYS)
    for k in COST_KEYS:
        _check_num(p, f"costs.{k}", costs.get(k))

    countries = doc.get("countries") or []
    if not isinstance(countries, list):
        p.append("countries: expected a list or {csv: FILE}")
        countries = []
    cids = set()
    for i, c in enumerate(countries):
        path = f"countries[{i}]"
        if not isinstance(c, dict):
            p.append(f"{path}: expected a mapping")
            continue
        _unknown_keys(p, path, c, COUNTRY_KEYS)
        cid = c.get("id")
        if not _is_str(cid):
            p.append(f"{path}.id: expected a non-empty id, got {cid!r}")
        elif cid in cids:
            p.append(f"{path}.id: duplicate country id {cid!r}")
        else:
            cids.add(cid)
        _check_num(p, f"{path}.lat", c.get("lat"), lo=-90, hi=90)
        _check_num(p, f"{path}.lon", c.get("lon"), lo=-180, hi=180)
        _check_num(p, f"{path}.demand", c.get("demand"))
        sc = c.get("scores") or {}
        if not isinstance(sc, dict):
            p.append(f"{path}.scores: expected a mapping criterion -> number")
            sc = {}
        for k, v in sc.items():
            if k not in criteria:
                p.append(f"{path}.scores.{k}: unknown criterion {k!r}")
            _check_num(p, f"{path}.scores.{k}", v)
        tags = c.get("tags")
        if tags is not None and (not isinstance(tags, list) or not all(_is_str(t) for t in tags)):
            p.append(f"{path}.tags: expected a list of names")
        if "region" in c and not _is_str(c["region"]):
            p.append(f"{path}.region: expected a name")
    cmap = {c["id"]: c for c in countries if isinstance(c, dict) and _is_str(c.get("id"))}

    posts = doc.get("posts") or []
    if not isinstance(posts, list):
        p.append("posts: expected a list or {csv: FILE}")
        posts = []
    pids = set()
    for i, q in enumerate(posts):
        path = f"posts[{i}]"
        if not isinstance(q, dict):
            p.append(f"{path}: expected a mapping")
            continue
        _unknown_keys(p, path, q, POST_KEYS)
        pid = q.get("id")
        if not _is_str(pid):
            p.append(f"{path}.id: expected a non-empty id, got {pid!r}")
        elif pid in pids:
            p.append(f"{path}.id: duplicate post id {pid!r}")
        else:
            pids.add(pid)
        if q.get("country") not in cmap:
            p.append(f"{path}.country: unknown country {q.get('country')!r}")
        if q.get("status") not in ("existing", "candidate"):
            p.append(f"{path}.status: expected existing or candidate, got {q.get('status')!r}")
        if "force" in q and q["force"] not in ("open", "closed", None):
            p.append(f"{path}.force: expected open or closed, got {q['force']!r}")
        for k in ("annual_cost", "close_cost", "open_cost", "capacity", "case_cost", "reach_km"):
            _check_num(p, f"{path}.{k}", q.get(k))
        _check_num(p, f"{path}.lat", q.get("lat"), lo=-90, hi=90)
        _check_num(p, f"{path}.lon", q.get("lon"), lo=-180, hi=180)
        if ("lat" in q) != ("lon" in q):
            p.append(f"{path}: give both lat and lon, or neither (then the capital is used)")  # [A8]
        covers = q.get("covers")
        if covers is not None:
            if not isinstance(covers, list):
                p.append(f"{path}.covers: expected a list of country ids")
            else:
                for j, cc in enumerate(covers):
                    if cc not in cmap:
                        p.append(f"{path}.covers[{j}]: unknown country {cc!r}")
        if "group" in q and not isinstance(q["group"], (str, int)):
            p.append(f"{path}.group: expected a name")
        cap_country = cmap.get(q.get("country"))
        if ("lat" not in q) and cap_country is not None and (
                cap_country.get("lat") is None or cap_country.get("lon") is None):
            if (q.get("reach_km") or 0) > 0 or q.get("covers"):
                p.append(f"{path}: no coordinates and its country has no capital coordinates")

    partners = doc.get("partners") or []
    if not isinstance(partners, list):
        p.append("partners: expected a list or {csv: FILE}")
        partners = []
    for i, r in enumerate(partners):
        path = f"partners[{i}]"
        if not isinstance(r, dict):
            p.append(f"{path}: expected a mapping")
            continue
        _unknown_keys(p, path, r, PARTNER_KEYS)
        if r.get("country") not in cmap:
            p.append(f"{path}.country: unknown country {r.get('country')!r}")
        if not _is_str(r.get("by")):
            p.append(f"{path}.by: expected the partner's name")
        _check_num(p, f"{path}.capacity", r.get("capacity"), required=True)
        _check_num(p, f"{path}.fee", r.get("fee"))
        if "presence" in r and not isinstance(r["presence"], bool):
            p.append(f"{path}.presence: expected true or false")

    # distances are needed for reach and for remote cases (covers with e > 0) [A9]
    need_all_coords = any(isinstance(q, dict) and (q.get("reach_km") or 0) > 0 for q in posts)
    for i, c in enumerate(countries):
        if isinstance(c, dict) and need_all_coords and (c.get("lat") is None or c.get("lon") is None):
            p.append(f"countries[{i}]: lat and lon of the capital are required "
                     "(some post has reach_km > 0)")
    for i, q in enumerate(posts):
        if not isinstance(q, dict):
            continue
        for cc in q.get("covers") or []:
            c = cmap.get(cc)
            if c is not None and (c.get("lat") is None or c.get("lon") is None):
                p.append(f"countries.{cc}: lat and lon of the capital are required "
                         f"(covered by posts[{i}])")

    rules = doc.get("rules") or {}
    if not isinstance(rules, dict):
        p.append("rules: expected a mapping")
        rules = {}
    _unknown_keys(p, "rules", rules, RULE_KEYS)
    _check_num(p, "rules.budget", rules.get("budget"))
    _check_num(p, "rules.min_coverage", rules.get("min_coverage"), share=True)
    _check_num(p, "rules.max_closures", rules.get("max_closures"), integer=True)
    _check_num(p, "rules.max_openings", rules.get("max_openings"), integer=True)
    regions = {c.get("region") for c in cmap.values()}
    tags = {t for c in cmap.values() for t in (c.get("tags") or [])}
    for rk in ("min_resident", "min_posts"):
        lst = rules.get(rk)
        if lst is None:
            continue
        if not isinstance(lst, list):
            p.append(f"rules.{rk}: expected a list of {{select, count}}")
            continue
        for i, item in enumerate(lst):
            path = f"rules.{rk}[{i}]"
            if not isinstance(item, dict):
                p.append(f"{path}: expected {{select, count}}")
                continue
            _unknown_keys(p, path, item, {"select", "count"})
            sel = item.get("select")
            if not isinstance(sel, dict) or not sel:
                p.append(f"{path}.select: expected a selector {{region|tag|countries}}")
                continue
            _unknown_keys(p, f"{path}.select", sel, SELECTOR_KEYS)
            if "region" in sel and sel["region"] not in regions:
                p.append(f"{path}.select.region: no country has region {sel['region']!r}")
            if "tag" in sel and sel["tag"] not in tags:
                p.append(f"{path}.select.tag: no country has tag {sel['tag']!r}")
            if "countries" in sel:
                if not isinstance(sel["countries"], list):
                    p.append(f"{path}.select.countries: expected a list of ids")
                    continue
                for cc in sel["countries"]:
                    if cc not in cmap:
                        p.append(f"{path}.select.countries: unknown country {cc!r}")
            cnt = item.get("count")
            selected = select_countries(sel, list(cmap.values()))
            if rk == "min_resident":
                reach = len(selected)  # [A21]
            else:
                reach = sum(1 for q in posts if isinstance(q, dict) and q.get("country") in selected)
            if cnt == "all":
                continue
            if not is_number(cnt) or cnt < 0 or cnt != int(cnt):
                p.append(f"{path}.count: expected a whole number or 'all', got {cnt!r}")
            elif cnt > reach:
                p.append(f"{path}.count: {cnt} is more than its selector can reach ({reach})")

    variants = doc.get("variants") or {}
    if not isinstance(variants, dict):
        p.append("variants: expected a mapping name -> variant")
        variants = {}
    for name, v in variants.items():
        path = f"variants.{name}"
        if name in BUILTIN_VARIANTS:
            p.append(f"{path}: {name!r} is built in and cannot be redefined")  # [A36]
        if not isinstance(v, dict):
            p.append(f"{path}: expected a mapping")
            continue
        _unknown_keys(p, path, v, VARIANT_KEYS)
        if "extends" in v and v["extends"] not in variants and v["extends"] not in BUILTIN_VARIANTS:
            p.append(f"{path}.extends: unknown variant {v['extends']!r}")
        if "mode" in v and v["mode"] not in ("optimize", "evaluate"):
            p.append(f"{path}.mode: expected optimize or evaluate, got {v['mode']!r}")
        for k in ("set", "scale"):
            if k in v and not isinstance(v[k], dict):
                p.append(f"{path}.{k}: expected a mapping path -> value")
        for path_s, f in (v.get("scale") or {}).items() if isinstance(v.get("scale"), dict) else []:
            if not is_number(f) or not math.isfinite(f) or f < 0:
                p.append(f"{path}.scale.{path_s}: expected a non-negative factor, got {f!r}")
    comps = doc.get("comparisons") or {}
    if isinstance(comps, dict):
        for name, cmp_ in comps.items():
            if not isinstance(cmp_, dict):
                p.append(f"comparisons.{name}: expected a mapping")
                continue
            _unknown_keys(p, f"comparisons.{name}", cmp_, COMPARISON_KEYS)
            for vn in [cmp_.get("baseline")] + list(cmp_.get("variants") or []):
                if vn is not None and vn not in variants and vn not in BUILTIN_VARIANTS:
                    p.append(f"comparisons.{name}: unknown variant {vn!r}")
    exp = doc.get("expect") or {}
    if isinstance(exp, dict):
        for name, e in exp.items():
            if name not in variants and name not in BUILTIN_VARIANTS:
                p.append(f"expect.{name}: unknown variant {name!r}")
            if isinstance(e, dict):
                _unknown_keys(p, f"expect.{name}", e, EXPECT_KEYS)
    return p


# --------------------------------------------------------------------------- variants
def _default_for(parts):
    """The default value of a settable path that is absent, or None. [A34]"""
    if parts[0] in ("posts", "countries", "partners"):
        key = {"posts": "post", "countries": "country"}.get(parts[0], "") + "." + parts[-1]
        return DEFAULTS.get(key)
    return DEFAULTS.get(".".join(parts))


def _resolve(doc, path):
    """Return (container, key, parts) for a dotted path, or raise ScenarioError."""
    parts = path.split(".")
    top = parts[0]
    if top not in TOP_KEYS or top in ("variants", "comparisons", "expect", "dipnet", "uncertainty"):
        raise ScenarioError([f"path {path!r}: {top!r} names nothing that can be changed"])
    if top in ("countries", "posts"):
        if len(parts) < 3:
            raise ScenarioError([f"path {path!r}: expected {top}.ID.KEY"])
        items = [it for it in doc.get(top) or [] if isinstance(it, dict) and it.get("id") == parts[1]]
        if not items:
            raise ScenarioError([f"path {path!r}: no {top[:-1]} with id {parts[1]!r}"])
        node = items[0]
        allowed = COUNTRY_KEYS if top == "countries" else POST_KEYS
        if parts[2] not in allowed or parts[2] == "id":
            raise ScenarioError([f"path {path!r}: {parts[2]!r} is not a {top[:-1]} key"])
        rest = parts[2:]
        if parts[2] == "scores":
            if len(parts) != 4 or parts[3] not in (doc.get("criteria") or {}):
                raise ScenarioError([f"path {path!r}: expected countries.ID.scores.CRITERION"])
        elif len(parts) != 3:
            raise ScenarioError([f"path {path!r}: too many parts"])
    elif top == "criteria":
        if len(parts) != 3 or parts[1] not in (doc.get("criteria") or {}) or parts[2] not in CRITERION_KEYS:
            raise ScenarioError([f"path {path!r}: expected criteria.ID.weight with a known criterion"])
        node = doc["criteria"][parts[1]]
        rest = parts[2:]
    elif top in ("rules", "presence", "costs"):
        allowed = {"rules": RULE_KEYS, "presence": PRESENCE_KEYS, "costs": COST_KEYS}[top]
        if len(parts) != 2 or parts[1] not in allowed:
            raise ScenarioError([f"path {path!r}: expected {top}.KEY with KEY in {sorted(allowed)}"])
        if not isinstance(doc.get(top), dict):
            doc[top] = {}
        node = doc[top]
        rest = parts[1:]
    elif top == "partners":
        raise ScenarioError([f"path {path!r}: partner offers have no id and cannot be named"])  # [A35]
    else:  # name, description, currency, horizon_years
        if len(parts) != 1:
            raise ScenarioError([f"path {path!r}: {top!r} has no parts"])
        return doc, top, parts
    for k in rest[:-1]:
        if not isinstance(node.get(k), dict):
            node[k] = {}
        node = node[k]
    return node, rest[-1], parts


def _expand(doc, path):
    """`*` in the id position (posts.*.force) names every item: dipnet's
    documented extension of the format, in file order."""
    parts = path.split(".")
    if len(parts) >= 3 and parts[0] in ("countries", "posts") and parts[1] == "*":
        return [".".join([parts[0], str(it.get("id"))] + parts[2:])
                for it in doc.get(parts[0]) or [] if isinstance(it, dict)]
    return [path]


def apply_variant(doc, name, variants, stack=()):
    """Apply variant `name` to doc in place; return the mode it ends in."""
    if name == "base":
        return "optimize"
    if name == "status-quo":
        return "evaluate"
    if name in stack:
        raise ScenarioError([f"variants: cycle in extends: {' -> '.join(stack + (name,))}"])
    if name not in variants:
        raise ScenarioError([f"--variant: unknown variant {name!r} "
                             f"(known: {', '.join(list(BUILTIN_VARIANTS) + list(variants))})"])
    v = variants[name] or {}
    mode = "optimize"
    if "extends" in v:
        mode = apply_variant(doc, v["extends"], variants, stack + (name,))  # [A37]
    for path, value in (v.get("set") or {}).items():
        for one in _expand(doc, path):
            node, key, _ = _resolve(doc, one)
            node[key] = copy.deepcopy(value)
    for path, factor in ((p, f) for p0, f in (v.get("scale") or {}).items() for p in _expand(doc, p0)):
        node, key, parts = _resolve(doc, path)
        cur = node.get(key)
        if cur is None:
            cur = _default_for(parts)
        if not is_number(cur):
            raise ScenarioError([f"variants.{name}.scale.{path}: no number to scale"])
        node[key] = cur * factor
    if "mode" in v:
        mode = v["mode"]
    return mode


# --------------------------------------------------------------------------- model data
def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def num(v, default):
    return float(v) if v is not None else float(default)


class Data:
    """Sets and parameters of model.md, read from a (variant-applied) scenario."""

    def __init__(self, doc):
        self.name = doc.get("name")
        self.H = num(doc.get("horizon_years"), 1)
        crit = doc.get("criteria") or {}
        self.weights = {k: float(v["weight"]) for k, v in crit.items()}
        pres = doc.get("presence") or {}
        self.a_acc = num(pres.get("accredited"), DEFAULTS["presence.accredited"])
        self.a_rep = num(pres.get("represented"), DEFAULTS["presence.represented"])
        costs = doc.get("costs") or {}
        self.case_cost = num(costs.get("case_cost"), 0)
        self.e = num(costs.get("remote_case_cost_per_1000km"), 0)
        self.pi = num(costs.get("unserved_case_penalty"), 0)

        self.countries = list(doc.get("countries") or [])
        self.C = [c["id"] for c in self.countries]
        self.cby = {c["id"]: c for c in self.countries}
        self.D = {c["id"]: num(c.get("demand"), 0) for c in self.countries}
        self.V = {c["id"]: sum(self.weights[k] * float(s) for k, s in (c.get("scores") or {}).items())
                  for c in self.countries}

        self.posts = list(doc.get("posts") or [])
        self.P = [q["id"] for q in self.posts]
        self.pby = {q["id"]: q for q in self.posts}
        self.home = {q["id"]: q["country"] for q in self.posts}
        self.existing = {q["id"]: q["status"] == "existing" for q in self.posts}
        self.F = {q["id"]: num(q.get("annual_cost"), 0) for q in self.posts}
        # O_p only for candidates, X_p only for existing posts [A13]
        self.O = {q["id"]: num(q.get("open_cost"), 0) if q["status"] == "candidate" else 0.0
                  for q in self.posts}
        self.X = {q["id"]: num(q.get("close_cost"), 0) if q["status"] == "existing" else 0.0
                  for q in self.posts}
        self.Q = {q["id"]: num(q.get("capacity"), 0) for q in self.posts}
        self.g = {q["id"]: num(q.get("case_cost"), self.case_cost) for q in self.posts}
        self.force = {q["id"]: q.get("force") for q in self.posts}
        self.group = {q["id"]: q.get("group") for q in self.posts}

        def loc(q):  # [A8]
            if q.get("lat") is not None and q.get("lon") is not None:
                return float(q["lat"]), float(q["lon"])
            c = self.cby[q["country"]]
            if c.get("lat") is None or c.get("lon") is None:
                return None
            return float(c["lat"]), float(c["lon"])

        self.loc = {q["id"]: loc(q) for q in self.posts}

        def dist(c, p):
            cc = self.cby[c]
            if self.loc[p] is None or cc.get("lat") is None or cc.get("lon") is None:
                return None
            return haversine_km(float(cc["lat"]), float(cc["lon"]), *self.loc[p])

        # S_p: covers U {c : dist(capital c, post p) <= reach_km}, the home country left out [A3][A5]
        self.S = {}
        self.dist = {}
        for q in self.posts:
            p = q["id"]
            s = []
            for c in q.get("covers") or []:
                if c != self.home[p] and c not in s:
                    s.append(c)
            reach = num(q.get("reach_km"), 0)
            if reach > 0:  # [A4]
                for c in self.C:
                    if c == self.home[p] or c in s:
                        continue
                    d = dist(c, p)
                    if d is not None and d <= reach + 1e-9:
                        s.append(c)
            self.S[p] = s
            for c in s:
                self.dist[(c, p)] = dist(c, p)
            self.dist[(self.home[p], p)] = 0.0  # [A1]
        # pairs (c, p) with a flow variable: home first, then S_p in order
        self.pairs = []
        for p in self.P:
            self.pairs.append((self.home[p], p))
            for c in self.S[p]:
                self.pairs.append((c, p))
        self.unit = {}
        for (c, p) in self.pairs:
            d = self.dist[(c, p)]
            if c != self.home[p] and d is None:
                d = 0.0  # not reached: validation requires coordinates for covered countries [A9]
            self.unit[(c, p)] = self.g[p] + (self.e * d / 1000.0 if c != self.home[p] else 0.0)

        self.partners = list(doc.get("partners") or [])
        self.R = list(range(len(self.partners)))
        self.r_country = [r["country"] for r in self.partners]
        self.r_by = [str(r["by"]) for r in self.partners]
        self.r_cap = [float(r["capacity"]) for r in self.partners]
        self.r_fee = [num(r.get("fee"), 0) for r in self.partners]
        self.r_pres = [bool(r.get("presence", True)) for r in self.partners]  # [A16]

        groups = {}
        for p in self.P:
            gname = self.group[p]
            if gname is not None:
                groups.setdefault(str(gname), []).append(p)
        self.groups = groups  # [A17]
        self.rules = doc.get("rules") or {}

    def selected(self, sel):
        return select_countries(sel, self.countries)

    def rule_count(self, rk, item):
        sel = self.selected(item["select"])
        if item["count"] == "all":
            if rk == "min_resident":
                return sel, float(len(sel))
            return sel, float(sum(1 for p in self.P if self.home[p] in sel))  # [A22]
        return sel, float(item["count"])


# --------------------------------------------------------------------------- MILP
class Model:
    """The MILP of model.md, as arrays for scipy.optimize.milp (which minimises)."""

    def __init__(self, data: Data, mode: str):
        self.d = d = data
        self.mode = mode
        self.names = []
        self.lb, self.ub, self.integ, self.obj = [], [], [], []
        self.rows, self.cols, self.vals, self.rlo, self.rhi, self.rnames = [], [], [], [], [], []

        def var(name, lo, hi, integer=False, c=0.0):
            self.names.append(name)
            self.lb.append(lo)
            self.ub.append(hi)
            self.integ.append(1 if integer else 0)
            self.obj.append(c)
            return len(self.names) - 1

        H = d.H
        # y_p; objective in "minimise cost - value + penalty" form; constant closing part added later
        self.y = {}
        for p in d.P:
            c = d.F[p]
            if d.existing[p]:
                c -= d.X[p] / H
            else:
                c += d.O[p] / H
            lo, hi = 0.0, 1.0
            if mode == "evaluate":
                lo = hi = 1.0 if d.existing[p] else 0.0
            if d.force[p] == "open":
                lo = hi = 1.0
            elif d.force[p] == "closed":
                lo = hi = 0.0
            self.y[p] = var(f"open[{p}]", lo, hi, True, c)
        self.const_closing = sum(d.X[p] / H for p in d.P if d.existing[p])
        self.x = {}
        for (c, p) in d.pairs:
            self.x[(c, p)] = var(f"x[{c},{p}]", 0.0, np.inf, False, d.unit[(c, p)])
        self.z = [var(f"z[{r}:{d.r_by[r]}@{d.r_country[r]}]", 0.0, d.r_cap[r], False, d.r_fee[r])
                  for r in d.R]
        self.u = {c: var(f"unserved[{c}]", 0.0, np.inf, False, d.pi) for c in d.C}
        self.rho, self.acc, self.rep = {}, {}, {}
        for c in d.C:
            has_home = any(d.home[p] == c for p in d.P)
            has_cover = any(c in d.S[p] for p in d.P)
            has_rep = any(d.r_country[r] == c and d.r_pres[r] for r in d.R)
            self.rho[c] = var(f"resident[{c}]", 0.0, 1.0 if has_home else 0.0, False, -d.V[c])
            self.acc[c] = var(f"accredited[{c}]", 0.0, 1.0 if has_cover else 0.0, False,
                              -d.V[c] * d.a_acc)
            self.rep[c] = var(f"represented[{c}]", 0.0, 1.0 if has_rep else 0.0, False,
                              -d.V[c] * d.a_rep)

        def row(name, terms, lo, hi):
            i = len(self.rnames)
            self.rnames.append(name)
            for j, v in terms:
                self.rows.append(i)
                self.cols.append(j)
                self.vals.append(v)
            self.rlo.append(lo)
            self.rhi.append(hi)

        # 1 demand
        for c in d.C:
            t = [(self.x[(cc, p)], 1.0) for (cc, p) in d.pairs if cc == c]
            t += [(self.z[r], 1.0) for r in d.R if d.r_country[r] == c]
            t.append((self.u[c], 1.0))
            row(f"demand[{c}]", t, d.D[c], d.D[c])
        # 2 capacity
        for p in d.P:
            t = [(self.x[(c, pp)], 1.0) for (c, pp) in d.pairs if pp == p]
            t.append((self.y[p], -d.Q[p]))
            row(f"cap[{p}]", t, -np.inf, 0.0)
        # 3 linking
        for (c, p) in d.pairs:
            row(f"link[{c},{p}]", [(self.x[(c, p)], 1.0), (self.y[p], -d.D[c])], -np.inf, 0.0)
        # 4 presence
        for c in d.C:
            home = [p for p in d.P if d.home[p] == c]
            if home:
                row(f"resident[{c}]", [(self.rho[c], 1.0)] + [(self.y[p], -1.0) for p in home],
                    -np.inf, 0.0)
            cov = [p for p in d.P if c in d.S[p]]
            if cov:
                row(f"accredited[{c}]", [(self.acc[c], 1.0)] + [(self.y[p], -1.0) for p in cov],
                    -np.inf, 0.0)
            row(f"onemode[{c}]", [(self.rho[c], 1.0), (self.acc[c], 1.0), (self.rep[c], 1.0)],
                -np.inf, 1.0)
        # 5 groups (kept in evaluate mode too [A18])
        for gname, members in d.groups.items():
            if len(members) > 1:
                row(f"group[{gname}]", [(self.y[p], 1.0) for p in members], -np.inf, 1.0)
        # 6 forced decisions: variable bounds above
        # 7 rules, only in optimize mode
        if mode == "optimize":
            self._rules(row)

    def cost_terms(self):
        """Total cost (no penalty) as (terms, constant). [A11]"""
        d = self.d
        t = [(self.y[p], d.F[p] + (-d.X[p] / d.H if d.existing[p] else d.O[p] / d.H)) for p in d.P]
        t += [(self.x[k], d.unit[k]) for k in d.pairs]
        t += [(self.z[r], d.r_fee[r]) for r in d.R]
        return t, self.const_closing

    def _rules(self, row):
        d, rules = self.d, self.d.rules
        if rules.get("budget") is not None:
            t, const = self.cost_terms()
            row("rule:budget", t, -np.inf, float(rules["budget"]) - const)
        if rules.get("min_coverage") is not None:
            tot = sum(d.D.values())
            row("rule:min_coverage", [(self.u[c], 1.0) for c in d.C], -np.inf,
                (1.0 - float(rules["min_coverage"])) * tot)
        if rules.get("max_closures") is not None:
            ex = [p for p in d.P if d.existing[p]]  # forced closures count too [A24]
            # sum (1 - y) <= n  <=>  -sum y <= n - |ex|
            row("rule:max_closures", [(self.y[p], -1.0) for p in ex], -np.inf,
                float(rules["max_closures"]) - len(ex))
        if rules.get("max_openings") is not None:
            row("rule:max_openings", [(self.y[p], 1.0) for p in d.P if not d.existing[p]],
                -np.inf, float(rules["max_openings"]))
        for i, item in enumerate(rules.get("min_resident") or []):
            sel, cnt = d.rule_count("min_resident", item)
            row(f"rule:min_resident[{i}]", [(self.rho[c], 1.0) for c in sel], cnt, np.inf)
        for i, item in enumerate(rules.get("min_posts") or []):
            sel, cnt = d.rule_count("min_posts", item)
            row(f"rule:min_posts[{i}]", [(self.y[p], 1.0) for p in d.P if d.home[p] in sel],
                cnt, np.inf)

    def solve(self, lb=None, ub=None, integral=True, gap=None, time_limit=None):
        n = len(self.names)
        A = coo_matrix((self.vals, (self.rows, self.cols)), shape=(len(self.rnames), n)).tocsr()
        cons = [LinearConstraint(A, np.array(self.rlo), np.array(self.rhi))] if self.rnames else []
        opts = {"mip_rel_gap": 0.0 if gap is None else gap, "presolve": True}  # [A39]
        if time_limit is not None:
            opts["time_limit"] = time_limit
        integ = np.array(self.integ) if integral else np.zeros(n)
        return milp(np.array(self.obj), constraints=cons, integrality=integ,
                    bounds=Bounds(np.array(lb if lb is not None else self.lb),
                                  np.array(ub if ub is not None else self.ub)), options=opts)


# --------------------------------------------------------------------------- report
def clean(v, nd=9):
    if v is None:
        return None
    v = float(v)
    r = round(v)
    if abs(v - r) < 1e-7 * max(1.0, abs(v)):
        v = float(r)
    return 0.0 if v == 0 else v


def build_report(d: Data, m: Model, xsol, status, gap, secs, mode, variant):
    y = {p: 1 if xsol[m.y[p]] > 0.5 else 0 for p in d.P}
    x = {k: max(0.0, float(xsol[m.x[k]])) for k in d.pairs}
    z = [max(0.0, float(xsol[m.z[r]])) for r in d.R]
    u = {c: max(0.0, float(xsol[m.u[c]])) for c in d.C}

    running = sum(d.F[p] * y[p] for p in d.P)
    closing = sum(d.X[p] / d.H * (1 - y[p]) for p in d.P if d.existing[p])
    opening = sum(d.O[p] / d.H * y[p] for p in d.P if not d.existing[p])
    consular = sum(d.unit[k] * x[k] for k in d.pairs)
    fees = sum(d.r_fee[r] * z[r] for r in d.R)
    total = running + closing + opening + consular + fees
    unserved = sum(u.values())
    penalty = d.pi * unserved
    demand = sum(d.D.values())
    coverage = 1.0 - unserved / demand if demand > 0 else 1.0  # [A26]

    countries = []
    value = 0.0
    rho_count = {}
    for c in d.C:
        # presence: the best mode the open posts / offers allow; equals the LP's choice when V_c > 0 [A14]
        options = []
        if any(y[p] for p in d.P if d.home[p] == c):
            options.append(("resident", 1.0, 0))
        if any(y[p] for p in d.P if c in d.S[p]):
            options.append(("accredited", d.a_acc, 1))
        if any(d.r_pres[r] for r in d.R if d.r_country[r] == c):
            options.append(("represented", d.a_rep, 2))
        if options:
            mode_c, share, _ = max(options, key=lambda o: (o[1], -o[2]))
        else:
            mode_c, share = "none", 0.0
        rho_count[c] = 1 if mode_c == "resident" else 0
        value += d.V[c] * share
        handled = {}
        for (cc, p) in d.pairs:
            if cc == c and x[(cc, p)] > 1e-9:
                handled[p] = handled.get(p, 0.0) + x[(cc, p)]
        for r in d.R:
            if d.r_country[r] == c and z[r] > 1e-9:
                key = f"partner:{d.r_by[r]}"  # [A38]
                handled[key] = handled.get(key, 0.0) + z[r]
        countries.append({
            "id": c, "presence": mode_c,
            "handled": {k: clean(v) for k, v in handled.items()},
            "unserved": clean(u[c]), "demand": clean(d.D[c]), "value": clean(d.V[c] * share),
            "full_value": clean(d.V[c]),
        })
    abroad = [(k, x[k]) for k in d.pairs if k[0] != d.home[k[1]] and x[k] > 1e-9]
    abroad_cases = sum(v for _, v in abroad)
    mean_km = None
    if abroad_cases > 0 and all(d.dist[k] is not None for k, _ in abroad):
        mean_km = sum(d.dist[k] * v for k, v in abroad) / abroad_cases  # [A29]

    violations = []
    rules = d.rules
    tol = 1e-6

    def viol(rule, limit, actual, msg):
        violations.append({"rule": rule, "limit": clean(limit), "actual": clean(actual), "message": msg})

    if rules.get("budget") is not None and total > float(rules["budget"]) * (1 + tol) + tol:
        viol("budget", rules["budget"], total, "total cost exceeds the budget")
    if rules.get("min_coverage") is not None and unserved > (1 - float(rules["min_coverage"])) * demand * (1 + tol) + tol:
        viol("min_coverage", rules["min_coverage"], coverage, "coverage below the minimum")
    closures = sum(1 - y[p] for p in d.P if d.existing[p])
    openings = sum(y[p] for p in d.P if not d.existing[p])
    if rules.get("max_closures") is not None and closures > rules["max_closures"]:
        viol("max_closures", rules["max_closures"], closures, "too many closures")
    if rules.get("max_openings") is not None and openings > rules["max_openings"]:
        viol("max_openings", rules["max_openings"], openings, "too many openings")
    for i, item in enumerate(rules.get("min_resident") or []):
        sel, cnt = d.rule_count("min_resident", item)
        have = sum(rho_count[c] for c in sel)
        if have < cnt:
            viol(f"min_resident[{i}]", cnt, have,
                 f"resident in {have} of the selected countries, {int(cnt)} required")
    for i, item in enumerate(rules.get("min_posts") or []):
        sel, cnt = d.rule_count("min_posts", item)
        have = sum(y[p] for p in d.P if d.home[p] in sel)
        if have < cnt:
            viol(f"min_posts[{i}]", cnt, have, f"{have} posts open in the selection, {int(cnt)} required")

    net = value - total - penalty
    return {
        "scenario": d.name, "variant": variant, "mode": mode,
        "status": status, "gap": clean(gap),
        "net_benefit": clean(net), "value": clean(value), "penalty": clean(penalty),
        "cost": {"running": clean(running), "closing": clean(closing), "opening": clean(opening),
                 "consular": clean(consular), "partner_fees": clean(fees), "total": clean(total)},
        "unserved": clean(unserved), "coverage": clean(coverage), "demand": clean(demand),
        "posts": {
            "open": [p for p in d.P if y[p]],
            "closed": [p for p in d.P if d.existing[p] and not y[p]],  # [A19]
            "opened": [p for p in d.P if not d.existing[p] and y[p]],
            "not_opened": [p for p in d.P if not d.existing[p] and not y[p]],
        },
        "countries": countries,
        "citizen_burden": {"cases_from_abroad": clean(abroad_cases),
                           "mean_distance_km": clean(mean_km) if mean_km is not None else None},
        "violations": violations if mode == "evaluate" else [],
        "solve_seconds": round(secs, 4),
    }


def empty_report(d, variant, mode, status, secs, gap=None):
    return {"scenario": d.name, "variant": variant, "mode": mode, "status": status, "gap": gap,
            "net_benefit": None, "value": None, "penalty": None,
            "cost": {k: None for k in ("running", "closing", "opening", "consular", "partner_fees", "total")},
            "unserved": None, "coverage": None,
            "posts": {"open": [], "closed": [], "opened": [], "not_opened": []},
            "countries": [], "violations": [], "solve_seconds": round(secs, 4)}


def solve_variant(doc0, variant, gap=None, time_limit=None, polish=True):
    doc = copy.deepcopy(doc0)
    variants = doc.get("variants") or {}
    mode = apply_variant(doc, variant, variants)
    problems = validate(doc, where=f"variant {variant}")
    if problems:
        raise ScenarioError([f"after variant {variant!r}: {q}" for q in problems])
    d = Data(doc)
    m = Model(d, mode)
    t0 = time.perf_counter()
    res = m.solve(gap=gap, time_limit=time_limit)
    secs = time.perf_counter() - t0
    if res.status == 2:
        return empty_report(d, variant, mode, "infeasible", secs)
    if res.status == 3:
        return empty_report(d, variant, mode, "unbounded", secs)
    if res.x is None:
        st = "time_limit" if res.status == 1 else "error"
        return empty_report(d, variant, mode, st, secs)
    xs = np.array(res.x)
    mip_gap = float(res.mip_gap) if getattr(res, "mip_gap", None) is not None else 0.0
    if res.status == 0 and (gap is None or gap == 0):
        status = "optimal"
    elif res.status == 0:
        status = "optimal" if mip_gap <= 1e-9 else "feasible"
    else:
        status = "feasible"
    if polish:
        # re-solve the flows as an LP with y fixed at its rounded value: clean continuous values
        lb, ub = list(m.lb), list(m.ub)
        for p in d.P:
            v = 1.0 if xs[m.y[p]] > 0.5 else 0.0
            lb[m.y[p]] = ub[m.y[p]] = v
        res2 = m.solve(lb=lb, ub=ub, integral=False)
        if res2.status == 0 and res2.x is not None:
            xs = np.array(res2.x)
        secs = time.perf_counter() - t0
    rep = build_report(d, m, xs, status, mip_gap if status != "optimal" else 0.0, secs, mode, variant)
    # the objective the solver saw, for a consistency check
    rep["solver_objective"] = clean(-(float(np.dot(m.obj, xs)) + m.const_closing))
    return rep


# --------------------------------------------------------------------------- expect
def check_expect(doc, reports):
    fails = []
    for vname, exp in (doc.get("expect") or {}).items():
        rep = reports.get(vname)
        if rep is None:
            continue
        for key, want in (exp or {}).items():
            if key == "status":
                if rep["status"] != want:
                    fails.append(f"{vname}.status: expected {want}, got {rep['status']}")
            elif key in ("net_benefit", "value", "cost", "coverage", "unserved"):
                got = rep["cost"]["total"] if key == "cost" else rep[key]
                if isinstance(want, dict):
                    target, tol = float(want["value"]), float(want.get("tolerance", 0))
                else:
                    target, tol = float(want), 1e-6 * max(1.0, abs(float(want)))
                if got is None or abs(got - target) > tol:
                    fails.append(f"{vname}.{key}: expected {target} ± {tol}, got {got}")
            elif key in ("open", "closed", "opened"):
                missing = [p for p in want if p not in rep["posts"][key]]
                if missing:
                    fails.append(f"{vname}.{key}: {missing} not in {rep['posts'][key]}")
    return fails


# --------------------------------------------------------------------------- main
def load_scenario(path):
    doc = load_yaml(path)
    problems = []
    if isinstance(doc, dict) and not doc.get("name"):
        doc["name"] = os.path.splitext(os.path.basename(path))[0]  # [A41]
    if isinstance(doc, dict):
        expand_tables(doc, os.path.dirname(os.path.abspath(path)), problems)
    problems += validate(doc)
    if isinstance(doc, dict) and not problems:
        # every variant must apply cleanly (cycles, paths that name nothing)
        for name in (doc.get("variants") or {}):
            try:
                tmp = copy.deepcopy(doc)
                apply_variant(tmp, name, doc["variants"])
                problems += [f"variants.{name} (after applying it): {q}" for q in validate(tmp)]
            except ScenarioError as exc:
                problems += [f"variants.{name}: {q}" for q in exc.problems]
    if problems:
        raise ScenarioError([f"{path}: {q}" for q in problems])
    return doc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--variant", default="base", help="variant name, or 'all'")
    ap.add_argument("--gap", type=float, default=None, help="relative MIP gap (default: 0, proven optimal)")
    ap.add_argument("--time-limit", type=float, default=None)
    ap.add_argument("--check-expect", action="store_true", help="run every variant and check `expect`")
    ap.add_argument("--no-polish", action="store_true", help="do not re-solve flows with y fixed")
    ap.add_argument("--compact", action="store_true")
    a = ap.parse_args(argv)
    try:
        doc = load_scenario(a.scenario)
        if a.variant == "all" or a.check_expect:
            names = list(BUILTIN_VARIANTS) + list(doc.get("variants") or {})
            reports = {n: solve_variant(doc, n, a.gap, a.time_limit, not a.no_polish) for n in names}
            out = reports if a.variant == "all" else reports.get(a.variant)
        else:
            reports = {a.variant: solve_variant(doc, a.variant, a.gap, a.time_limit, not a.no_polish)}
            out = reports[a.variant]
    except ScenarioError as exc:
        for q in exc.problems:
            print(f"error: {q}", file=sys.stderr)
        return 2
    print(json.dumps(out, indent=None if a.compact else 2))
    if a.check_expect:
        fails = check_expect(doc, reports)
        for f in fails:
            print(f"expectation failed: {f}", file=sys.stderr)
        if fails:
            return 1
        print(f"all expectations hold ({len(doc.get('expect') or {})} variants)", file=sys.stderr)
    if any(r["status"] == "error" for r in reports.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
