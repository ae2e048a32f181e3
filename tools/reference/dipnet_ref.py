#!/usr/bin/env python3
"""Independent reference implementation of the dipnet network model (format versions 1 and 2).

Written only from shared/spec/model.md and shared/spec/scenario-format.md, to cross-check
the Swift + GLPK tool; plus one extension of the format the tool adopted, partner offer
ids (docs/scenario-format.md; NOTES.md [B33]).  Every reading of an ambiguous point is listed in NOTES.md beside
this file; the tags [A1], [A2], ... (version 1) and [B1], [B2], ... (version 2) in comments
point there.

A version 1 file is read as a version 2 model with one service `consular` and none of
the new parameters; the MILP it gives is the very same (same variables, rows and order).

    python3 dipnet_ref.py SCENARIO.yaml [--variant V | --variant all] [--gap G]
                          [--time-limit S] [--check-expect] [--no-polish]

Prints one JSON object (or, with --variant all, an object keyed by variant).
Exit status: 0 result printed (whatever the solver status), 1 failed expectations
(--check-expect) or solver failure, 2 invalid scenario.

Needs only Python 3.11, PyYAML 6, numpy, scipy >= 1.9 (scipy.optimize.milp = HiGHS).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import ctypes
import json
import math
import os
import re
import sys
import time
import unicodedata

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
             "group", "force", "requires"}
# `requires` is dipnet's extension (beyond the spec): posts that must be open while this
# one is, y_p <= y_q in optimize mode; a string or a list of post ids. [B36]
# `id` is dipnet's extension of the format (offer ids, both versions) [B33]
PARTNER_KEYS = {"id", "country", "by", "capacity", "fee", "presence"}
RULE_KEYS = {"budget", "min_coverage", "max_closures", "max_openings", "min_resident",
             "min_posts"}
VARIANT_KEYS = {"description", "extends", "set", "scale", "mode"}
COMPARISON_KEYS = {"baseline", "variants"}
# `beats` is dipnet's extension of the expect block (the conclusion, not its figures);
# the reference reads expectations only to check their keys, so it accepts the key. [B34]
EXPECT_KEYS = {"status", "net_benefit", "value", "cost", "coverage", "unserved", "open",
               "closed", "opened", "beats"}
SELECTOR_KEYS = {"region", "tag", "countries"}

# Format version 2 adds these keys; in a `dipnet: 1` file they stay unknown keys (errors). [B1]
TOP_KEYS_V2 = TOP_KEYS | {"services", "interests"}
COUNTRY_KEYS_V2 = COUNTRY_KEYS | {"interests"}
POST_KEYS_V2 = POST_KEYS | {"diplomats", "services", "presence"}
PARTNER_KEYS_V2 = PARTNER_KEYS | {"services"}
RULE_KEYS_V2 = RULE_KEYS | {"max_diplomats"}
SERVICE_KEYS = {"case_cost", "unserved_penalty", "fee_income", "workload", "remote"}  # [B2]
INTEREST_KEYS = {"label", "source", "accredited", "represented"}
PRESENCE_LEVELS = ("resident", "accredited", "none")
IMPLICIT_SERVICE = "consular"

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
# Version 2: constant defaults of settable keys (paths as tuples with '*' for an id).
DEFAULTS_V2 = {
    ("horizon_years",): 1.0,
    ("presence", "accredited"): 0.0, ("presence", "represented"): 0.0,
    ("costs", "case_cost"): 0.0, ("costs", "remote_case_cost_per_1000km"): 0.0,
    ("costs", "unserved_case_penalty"): 0.0,
    ("posts", "*", "close_cost"): 0.0, ("posts", "*", "open_cost"): 0.0,
    ("posts", "*", "reach_km"): 0.0, ("posts", "*", "annual_cost"): 0.0,
    ("posts", "*", "capacity"): 0.0, ("posts", "*", "diplomats"): 0.0,
    ("countries", "*", "demand", "*"): 0.0, ("countries", "*", "interests", "*"): 0.0,
    ("countries", "*", "scores", "*"): 0.0,
    ("services", "*", "fee_income"): 0.0, ("services", "*", "workload"): 1.0,
    ("partners", "*", "fee"): 0.0, ("partners", "*", "fee", "*"): 0.0,  # [B33]
}
# Version 2: keys whose default is another key's value; `scale` of such an absent key
# keeps a factor that is resolved once the whole variant is applied. [B20]
DEPENDENT_DEFAULTS = {
    ("services", "*", "case_cost"), ("services", "*", "unserved_penalty"),
    ("interests", "*", "accredited"), ("interests", "*", "represented"),
    ("posts", "*", "case_cost"), ("posts", "*", "case_cost", "*"),
}


def doc_version(doc):
    return 2 if isinstance(doc, dict) and doc.get("dipnet") == 2 else 1


def declared_services(doc):
    """Service ids of a document in declaration order; the implicit `consular` when the
    file has no `services`. [B3]"""
    if doc_version(doc) != 2:
        return [IMPLICIT_SERVICE]
    svc = doc.get("services")
    if "services" not in doc:
        return [IMPLICIT_SERVICE]
    if isinstance(svc, dict):
        return [str(k) for k in svc]
    return []


def declared_interests(doc):
    if doc_version(doc) != 2:
        return []
    ints = doc.get("interests")
    return [str(k) for k in ints] if isinstance(ints, dict) else []


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Scaled:
    """`scale` of an absent key whose default is another key's value (version 2): the
    factor waits until the whole variant is applied, then multiplies the default. [B20]"""

    def __init__(self, factor):
        self.factor = float(factor)

    def __repr__(self):
        return f"Scaled({self.factor})"


# --------------------------------------------------------------------------- CSV
NUMERIC_COLUMNS = ("lat", "lon", "demand", "annual_cost", "close_cost", "open_cost", "capacity",
                   "case_cost", "reach_km", "fee", "diplomats")
# version 2: per-service and per-interest columns -> the YAML mapping they fill [B30]
PREFIX_COLUMNS = {"countries": (("demand_", "demand"), ("interest_", "interests")),
                  "posts": (("case_cost_", "case_cost"),),
                  "partners": (("fee_", "fee"),)}


def _csv_value(key, raw, table="countries", version=1):
    """One CSV cell -> YAML-like value; '' means absent (returns None)."""
    s = raw.strip()
    if s == "":
        return None
    if key in ("tags", "covers", "requires") or (version == 2 and key == "services"):
        return [t.strip() for t in s.split(";") if t.strip() != ""]
    if key in NUMERIC_COLUMNS or key.startswith("score_") or (
            version == 2 and any(key.startswith(pre) for pre, _ in PREFIX_COLUMNS.get(table, ()))):
        try:
            f = float(s)
        except ValueError:
            return s  # left as text; validation reports "expected a number"
        return int(f) if re.fullmatch(r"[+-]?\d+", s) else f
    if key == "presence" and not (version == 2 and table == "posts"):
        low = s.lower()
        if low in ("true", "yes", "1"):
            return True
        if low in ("false", "no", "0"):
            return False
        return s
    return s  # posts.presence (version 2) is a plain text column: resident|accredited|none


def _prefix_of(table, col, version):
    if version != 2:
        return None
    for pre, key in PREFIX_COLUMNS.get(table, ()):
        if col.startswith(pre) and len(col) > len(pre):
            return pre, key
    return None


def load_csv_table(base_dir, table, spec, problems, version=1, services=()):
    rel = spec["csv"]
    path = os.path.join(base_dir, str(rel))
    try:
        fh = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        problems.append(f"{table}.csv: cannot read {path}: {exc}")
        return []
    if version == 2:
        allowed = {"countries": COUNTRY_KEYS_V2, "posts": POST_KEYS_V2, "partners": PARTNER_KEYS_V2}[table]
    else:
        allowed = {"countries": COUNTRY_KEYS, "posts": POST_KEYS, "partners": PARTNER_KEYS}[table]
    mapping_keys = {"scores", "interests"}  # only as score_<k> / interest_<i> columns
    rows = []
    with fh:
        reader = csv.DictReader(fh)
        header = [col.strip() for col in (reader.fieldnames or [])]
        for col in reader.fieldnames or []:
            c = col.strip()
            if table == "countries" and c.startswith("score_"):
                continue
            if _prefix_of(table, c, version):
                continue
            if c not in allowed or (c in mapping_keys):
                problems.append(f"{path}: unknown column {col!r} in {table} table")
        if version == 2 and table == "countries" and "demand" in header and any(
                c.startswith("demand_") and len(c) > len("demand_") for c in header):
            problems.append(f"{path}: a plain 'demand' column beside 'demand_<service>' columns "
                            "(give one or the other)")  # [B30]
        for n, row in enumerate(reader):
            item = {}
            scores = {}
            maps = {}
            for col, raw in row.items():
                if col is None:
                    problems.append(f"{path}: row {n + 2} has more cells than the header")
                    continue
                c = col.strip()
                v = _csv_value(c, raw or "", table, version)
                if v is None:
                    continue
                if c.startswith("score_") and table == "countries":
                    scores[c[len("score_"):]] = v
                    continue
                pk = _prefix_of(table, c, version)
                if pk:
                    maps.setdefault(pk[1], {})[c[len(pk[0]):]] = v
                else:
                    item[c] = v
            if scores:
                item["scores"] = scores
            for key, mp in maps.items():
                plain = item.get(key)
                if key in ("case_cost", "fee") and plain is not None:
                    # a plain cell beside per-service cells: the number for every service,
                    # then the per-service cells override it [B31]
                    full = {s: plain for s in services}
                    full.update(mp)
                    item[key] = full
                else:
                    item[key] = mp
            rows.append(item)
    return rows


def expand_tables(doc, base_dir, problems):
    version = doc_version(doc)
    services = declared_services(doc)
    for table in ("countries", "posts", "partners"):
        spec = doc.get(table)
        if isinstance(spec, dict):
            if set(spec) != {"csv"}:
                problems.append(f"{table}: expected a list or {{csv: FILE}}, got keys {sorted(spec)}")
                doc[table] = []
            else:
                doc[table] = load_csv_table(base_dir, table, spec, problems, version, services)


# --------------------------------------------------------------------------- offer ids [B33]
def offer_ids(partners):
    """The id of every offer, in file order (None for an entry that is not a mapping).
    An explicit `id` is taken as written; without one the id is `COUNTRY:BY`, and the
    second, third ... offer without an explicit id sharing that COUNTRY:BY is
    `COUNTRY:BY#2`, `#3` ... (the counter skips offers with an explicit id). [B33]"""
    seen = {}
    out = []
    for r in partners if isinstance(partners, list) else []:
        if not isinstance(r, dict):
            out.append(None)
            continue
        if r.get("id") is not None:
            out.append(r["id"] if isinstance(r["id"], str) else str(r["id"]))
            continue
        base = f"{r.get('country')}:{r.get('by')}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}#{n}")
    return out


def id_problem(v):
    """Why `v` is not a valid explicit id (text without blanks, control characters or
    dots, and not `*`), or None when it is one. [B33]"""
    if not isinstance(v, str) or v == "":
        return f"expected a non-empty text id, got {v!r}"
    if v == "*":
        return "'*' stands for every offer in a variant path and cannot be an id"
    for ch in v:
        if ch.isspace():
            return f"an id cannot contain blanks, got {v!r}"
        if unicodedata.category(ch) == "Cc":
            return f"an id cannot contain control characters, got {v!r}"
        if ch == ".":
            return f"an id cannot contain dots (dots separate variant paths), got {v!r}"
    return None


def find_offer(doc, ident):
    """The offer whose id is `ident`, or None. [B33]"""
    partners = doc.get("partners") or []
    for r, rid in zip(partners if isinstance(partners, list) else [], offer_ids(partners)):
        if rid == ident and isinstance(r, dict):
            return r
    return None


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


def _check_mapping(p, path, m, known, what, share=False):
    """A mapping id -> non-negative number whose ids must be declared (absent/None: fine)."""
    if m is None:
        return
    if not isinstance(m, dict):
        p.append(f"{path}: expected a mapping {what} -> number")
        return
    for k, v in m.items():
        if str(k) not in known:
            p.append(f"{path}.{k}: undeclared {what} {k!r} (declared: {', '.join(known) or 'none'})")
        _check_num(p, f"{path}.{k}", v, share=share)


def _check_num_or_mapping(p, path, v, services):
    if isinstance(v, dict):
        _check_mapping(p, path, v, services, "service")
    else:
        _check_num(p, path, v)


def _check_demand(p, path, v, services):
    if isinstance(v, dict):
        _check_mapping(p, f"{path}.demand", v, services, "service")
        return
    _check_num(p, f"{path}.demand", v)
    if v is not None and len(services) > 1:
        p.append(f"{path}.demand: a plain number is accepted only when the file declares one "
                 f"service; give a mapping by service ({', '.join(services)})")


def _check_service_list(p, path, v, services):
    if v is None:
        return  # default: every service
    if not isinstance(v, list):
        p.append(f"{path}: expected a list of services")
        return
    if not v:
        p.append(f"{path}: an empty list offers no service (leave the key out for every service)")  # [B9]
    for j, s in enumerate(v):
        if not isinstance(s, str) or s not in services:
            p.append(f"{path}[{j}]: undeclared service {s!r} (declared: {', '.join(services) or 'none'})")


def _validate_services_interests(doc):
    p = []
    if "services" in doc:
        svc = doc["services"]
        if not isinstance(svc, dict) or not svc:
            p.append("services: expected a mapping with at least one service "
                     f"(leave the key out for the single service {IMPLICIT_SERVICE!r}), got {svc!r}")  # [B3]
        else:
            for s, v in svc.items():
                path = f"services.{s}"
                if not _is_str(s):
                    p.append(f"{path}: expected a service name, got {s!r}")
                if v is None:
                    continue
                if not isinstance(v, dict):
                    p.append(f"{path}: expected a mapping of case_cost, unserved_penalty, fee_income, "
                             "workload, remote")
                    continue
                _unknown_keys(p, path, v, SERVICE_KEYS)
                for k in ("case_cost", "unserved_penalty", "fee_income", "workload"):
                    _check_num(p, f"{path}.{k}", v.get(k))
                if v.get("remote") is not None and not isinstance(v.get("remote"), bool):
                    p.append(f"{path}.remote: expected true or false, got {v.get('remote')!r}")
    ints = doc.get("interests")
    if ints is not None:
        if not isinstance(ints, dict):
            p.append("interests: expected a mapping interest -> {label, source, accredited, represented}")
        else:
            for i, v in ints.items():
                path = f"interests.{i}"
                if not _is_str(i):
                    p.append(f"{path}: expected an interest name, got {i!r}")
                if v is None:
                    continue
                if not isinstance(v, dict):
                    p.append(f"{path}: expected a mapping")
                    continue
                _unknown_keys(p, path, v, INTEREST_KEYS)
                for k in ("accredited", "represented"):
                    _check_num(p, f"{path}.{k}", v.get(k), share=True)
                for k in ("label", "source"):
                    if v.get(k) is not None and not isinstance(v.get(k), (str, int, float)):
                        p.append(f"{path}.{k}: expected text")
    return p


def validate(doc, where="scenario"):
    """Return a list of problems (empty if the document is a valid scenario)."""
    p = []
    if not isinstance(doc, dict):
        return [f"{where}: expected a mapping at the top level"]
    v2 = doc.get("dipnet") == 2
    _unknown_keys(p, where, doc, TOP_KEYS_V2 if v2 else TOP_KEYS)
    if doc.get("dipnet") not in (1, 2) or isinstance(doc.get("dipnet"), bool):
        p.append(f"dipnet: expected format version 1 or 2, got {doc.get('dipnet')!r}")
    services = declared_services(doc)
    interests = declared_interests(doc)
    if v2:
        p += _validate_services_interests(doc)
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
        _unknown_keys(p, path, c, COUNTRY_KEYS_V2 if v2 else COUNTRY_KEYS)
        cid = c.get("id")
        if not _is_str(cid):
            p.append(f"{path}.id: expected a non-empty id, got {cid!r}")
        elif cid in cids:
            p.append(f"{path}.id: duplicate country id {cid!r}")
        else:
            cids.add(cid)
        _check_num(p, f"{path}.lat", c.get("lat"), lo=-90, hi=90)
        _check_num(p, f"{path}.lon", c.get("lon"), lo=-180, hi=180)
        if v2:
            _check_demand(p, path, c.get("demand"), services)
            _check_mapping(p, f"{path}.interests", c.get("interests"), interests, "interest")
        else:
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
        _unknown_keys(p, path, q, POST_KEYS_V2 if v2 else POST_KEYS)
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
        for k in ("annual_cost", "close_cost", "open_cost", "capacity", "reach_km"):
            _check_num(p, f"{path}.{k}", q.get(k))
        if v2:
            _check_num_or_mapping(p, f"{path}.case_cost", q.get("case_cost"), services)
            _check_num(p, f"{path}.diplomats", q.get("diplomats"))  # [B8]
            _check_service_list(p, f"{path}.services", q.get("services"), services)
            if q.get("presence") is not None and q.get("presence") not in PRESENCE_LEVELS:
                p.append(f"{path}.presence: expected resident, accredited or none, "
                         f"got {q.get('presence')!r}")
        else:
            _check_num(p, f"{path}.case_cost", q.get("case_cost"))
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
        if q.get("requires") is not None:
            req = q["requires"] if isinstance(q["requires"], list) else [q["requires"]]
            ids = {str(o.get("id")) for o in posts if isinstance(o, dict)}
            for j, r in enumerate(req):
                if str(r) not in ids or str(r) == str(q.get("id")):
                    p.append(f"{path}.requires[{j}]: expected another post's id, got {r!r}")
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
        _unknown_keys(p, path, r, PARTNER_KEYS_V2 if v2 else PARTNER_KEYS)
        if r.get("country") not in cmap:
            p.append(f"{path}.country: unknown country {r.get('country')!r}")
        if not _is_str(r.get("by")):
            p.append(f"{path}.by: expected the partner's name")
        _check_num(p, f"{path}.capacity", r.get("capacity"), required=True)
        if v2:
            _check_num_or_mapping(p, f"{path}.fee", r.get("fee"), services)
            _check_service_list(p, f"{path}.services", r.get("services"), services)
        else:
            _check_num(p, f"{path}.fee", r.get("fee"))
        if r.get("presence") is not None and not isinstance(r["presence"], bool):
            p.append(f"{path}.presence: expected true or false")  # null: the default, true
        if r.get("id") is not None:  # `id: null` is an absent id, as for every optional key
            why = id_problem(r["id"])
            if why:
                p.append(f"{path}.id: {why}")
    seen_ids = {}
    for i, rid in enumerate(offer_ids(partners)):  # explicit and derived ids are unique [B33]
        if rid is None:
            continue
        if rid in seen_ids:
            explicit = partners[i].get("id") is not None
            where = f"partners[{i}].id" if explicit else f"partners[{i}]"
            p.append(f"{where}: duplicate offer id {rid!r} (also partners[{seen_ids[rid]}]"
                     + ("" if explicit else "; give one of them an explicit id") + ")")
        else:
            seen_ids[rid] = i

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
    _unknown_keys(p, "rules", rules, RULE_KEYS_V2 if v2 else RULE_KEYS)
    _check_num(p, "rules.budget", rules.get("budget"))
    if v2 and isinstance(rules.get("min_coverage"), dict):
        _check_mapping(p, "rules.min_coverage", rules.get("min_coverage"), services, "service",
                       share=True)
    else:
        _check_num(p, "rules.min_coverage", rules.get("min_coverage"), share=True)
    if v2:
        _check_num(p, "rules.max_diplomats", rules.get("max_diplomats"))  # [B8]
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
            # `a+b`: a combination of variants, dipnet's extension; each part must be one. [B35]
            parts = str(name).split("+")
            if any(q not in variants and q not in BUILTIN_VARIANTS for q in parts) or len(set(parts)) != len(parts):
                p.append(f"expect.{name}: unknown variant {name!r}")
            if isinstance(e, dict):
                _unknown_keys(p, f"expect.{name}", e, EXPECT_KEYS)
    return p


# --------------------------------------------------------------------------- variants
# the keys of an offer a variant path may name (version 1; version 2 adds `services`) [B33]
PARTNER_OFFER_PATH_KEYS = ("capacity", "fee", "presence")
PARTNER_OFFER_PATH_KEYS_V2 = PARTNER_OFFER_PATH_KEYS + ("services",)


def _default_for(parts):
    """The default value of a settable path that is absent, or None. [A34]"""
    if parts[0] in ("posts", "countries", "partners"):
        key = {"posts": "post", "countries": "country", "partners": "partner"}[parts[0]] + "." + parts[-1]
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
    elif top == "partners":  # partners.ID.capacity|fee|presence, ID the offer's id [B33]
        if len(parts) < 3:
            raise ScenarioError([f"path {path!r}: expected partners.ID.KEY"])
        node = find_offer(doc, parts[1])
        if node is None:
            known = ", ".join(i for i in offer_ids(doc.get("partners") or []) if i is not None)
            raise ScenarioError([f"path {path!r}: no partner offer with id {parts[1]!r} "
                                 f"(offers: {known or 'none'})"])
        if parts[2] not in PARTNER_OFFER_PATH_KEYS:
            raise ScenarioError([f"path {path!r}: expected partners.ID.KEY with KEY in "
                                 f"{list(PARTNER_OFFER_PATH_KEYS)}"])
        if len(parts) != 3:
            raise ScenarioError([f"path {path!r}: too many parts"])
        rest = parts[2:]
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
    if len(parts) >= 3 and parts[0] == "partners" and parts[1] == "*":  # every offer [B33]
        return [".".join([parts[0], rid] + parts[2:])
                for rid in offer_ids(doc.get("partners") or []) if rid is not None]
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
    if doc_version(doc) == 2:
        _apply_changes_v2(doc, name, v)
        if "mode" in v:
            mode = v["mode"]
        if not stack:
            materialize(doc)  # defaults after every change of the variant [B20]
        return mode
    for path, value in (v.get("set") or {}).items():
        for one in _expand(doc, path):
            node, key, _ = _resolve(doc, one)
            node[key] = copy.deepcopy(value)
    for path, factor in ((p, f) for p0, f in (v.get("scale") or {}).items() for p in _expand(doc, p0)):
        node, key, parts = _resolve(doc, path)
        cur = node.get(key)
        if parts[0] == "posts" and parts[-1] == "case_cost" and (cur is None or isinstance(cur, Scaled)):
            # [A34b] a post's absent case_cost defaults to costs.case_cost; as in version 2
            # [B20], the factor waits for that default as the whole variant leaves it
            if isinstance(cur, Scaled):
                cur.factor *= factor
            else:
                node[key] = Scaled(factor)
            continue
        if cur is None:
            cur = _default_for(parts)
        if not is_number(cur):
            raise ScenarioError([f"variants.{name}.scale.{path}: no number to scale"])
        node[key] = cur * factor
    if "mode" in v:
        mode = v["mode"]
    if not stack:
        g0 = (doc.get("costs") or {}).get("case_cost") if isinstance(doc.get("costs"), dict) else None
        for q in doc.get("posts") or []:
            if isinstance(q, dict) and isinstance(q.get("case_cost"), Scaled):
                q["case_cost"] = q["case_cost"].factor * _num_or(g0, 0)  # [A34b]
    return mode


# ---- version 2 paths [B21]-[B25]
SUBKEYS_V2 = {("countries", "scores"): "criteria", ("countries", "demand"): "services",
              ("countries", "interests"): "interests", ("posts", "case_cost"): "services",
              ("partners", "fee"): "services"}  # partners.ID.fee.S [B33]
MAPPING_SCALABLE = {("countries", "*", "demand"), ("countries", "*", "interests"),
                    ("countries", "*", "scores"), ("posts", "*", "case_cost"),
                    ("rules", "min_coverage"), ("partners", "*", "fee")}
ABSENT_MEANS_ZEROS = {("countries", "*", "demand"), ("countries", "*", "interests"),
                      ("countries", "*", "scores")}


def _ids(doc, kind):
    if kind in ("countries", "posts"):
        return [str(it.get("id")) for it in doc.get(kind) or [] if isinstance(it, dict)]
    if kind == "criteria":
        return [str(k) for k in (doc.get("criteria") or {})] if isinstance(doc.get("criteria"), dict) else []
    if kind == "services":
        return declared_services(doc)
    if kind == "interests":
        return declared_interests(doc)
    if kind == "partners":  # offer ids, explicit or derived [B33]
        return [i for i in offer_ids(doc.get("partners") or []) if i is not None]
    return []


def _id_kind_at(parts, i):
    """Which collection the i-th part of a path is an id of, or None. [B22]"""
    top = parts[0]
    if i == 1 and top in ("countries", "posts", "criteria", "services", "interests", "partners"):
        return top
    if i == 3 and len(parts) > 3 and (top, parts[2]) in SUBKEYS_V2:
        return SUBKEYS_V2[(top, parts[2])]
    if i == 2 and top == "rules" and len(parts) > 2 and parts[1] == "min_coverage":
        return "services"
    return None


def _expand_v2(doc, path):
    """`*` may stand for any id (countries, posts, criteria, services, interests, and the
    service / interest / criterion inside demand, case_cost, interests, scores,
    min_coverage); paths come out in declaration order. [B22]"""
    parts = path.split(".")
    for i, part in enumerate(parts):
        if part == "*":
            kind = _id_kind_at(parts, i)
            if kind is None:
                break
            out = []
            for ident in _ids(doc, kind):
                out += _expand_v2(doc, ".".join(parts[:i] + [ident] + parts[i + 1:]))
            return out
    return [path]


def _resolve_v2(doc, path):
    """Return (container, key, pattern) for a version 2 path, or raise ScenarioError.
    `pattern` is the path with '*' in place of each id (for defaults)."""
    parts = path.split(".")
    top = parts[0]

    def err(msg):
        return ScenarioError([f"path {path!r}: {msg}"])

    if top not in TOP_KEYS_V2 or top in ("variants", "comparisons", "expect", "dipnet", "uncertainty"):
        raise err(f"{top!r} names nothing that can be changed")
    services = declared_services(doc)
    if top in ("countries", "posts"):
        if len(parts) < 3:
            raise err(f"expected {top}.ID.KEY")
        items = [it for it in doc.get(top) or [] if isinstance(it, dict) and it.get("id") == parts[1]]
        if not items:
            raise err(f"no {top[:-1]} with id {parts[1]!r}")
        item = items[0]
        allowed = COUNTRY_KEYS_V2 if top == "countries" else POST_KEYS_V2
        key = parts[2]
        if key not in allowed or key == "id":
            raise err(f"{key!r} is not a {top[:-1]} key")
        if len(parts) == 3:
            return item, key, (top, "*", key)
        if (top, key) not in SUBKEYS_V2 or len(parts) != 4:
            raise err("too many parts")
        kind = SUBKEYS_V2[(top, key)]
        if parts[3] not in _ids(doc, kind):
            raise err(f"{parts[3]!r} is not a declared {kind[:-1] if kind != 'criteria' else 'criterion'}")
        cont = item.get(key)
        if key == "demand" and is_number(cont):
            # a path into demand.s first expands a plain number [B23]
            if len(services) != 1:
                raise err("a plain number demand needs exactly one service")
            cont = {services[0]: cont}
        elif key == "case_cost" and is_number(cont):
            cont = {s: cont for s in services}  # [B23]
        elif key == "case_cost" and isinstance(cont, Scaled):
            cont = {s: Scaled(cont.factor) for s in services}
        elif cont is None:
            cont = {}
        if not isinstance(cont, dict):
            raise err(f"{top}.{parts[1]}.{key} is not a mapping")
        item[key] = cont
        return cont, parts[3], (top, "*", key, "*")
    if top == "criteria":
        if len(parts) != 3 or parts[1] not in _ids(doc, "criteria") or parts[2] not in CRITERION_KEYS:
            raise err("expected criteria.ID.weight with a known criterion")
        return doc["criteria"][parts[1]], parts[2], ("criteria", "*", parts[2])
    if top in ("services", "interests"):
        keys = SERVICE_KEYS if top == "services" else INTEREST_KEYS
        if len(parts) != 3 or parts[1] not in _ids(doc, top) or parts[2] not in keys:
            raise err(f"expected {top}.ID.KEY with a declared id and KEY in {sorted(keys)}")
        if top == "services" and "services" not in doc:
            doc["services"] = {IMPLICIT_SERVICE: {}}  # the implicit service may be named [B3]
        coll = doc[top]
        if not isinstance(coll.get(parts[1]), dict):
            coll[parts[1]] = {}
        return coll[parts[1]], parts[2], (top, "*", parts[2])
    if top in ("rules", "presence", "costs"):
        allowed = {"rules": RULE_KEYS_V2, "presence": PRESENCE_KEYS, "costs": COST_KEYS}[top]
        if not isinstance(doc.get(top), dict):
            doc[top] = {}
        node = doc[top]
        if top == "rules" and len(parts) == 3 and parts[1] == "min_coverage":
            if parts[2] not in services:
                raise err(f"{parts[2]!r} is not a declared service")
            cont = node.get("min_coverage")
            if cont is None:
                cont = {}
            if not isinstance(cont, dict):
                raise err("rules.min_coverage is one number for every service together; "
                          "a path into it names nothing")  # [B24]
            node["min_coverage"] = cont
            return cont, parts[2], ("rules", "min_coverage", "*")
        if len(parts) != 2 or parts[1] not in allowed:
            raise err(f"expected {top}.KEY with KEY in {sorted(allowed)}")
        return node, parts[1], (top, parts[1])
    if top == "partners":  # partners.ID.capacity|fee|presence|services, partners.ID.fee.S [B33]
        if len(parts) < 3:
            raise err("expected partners.ID.KEY")
        offer = find_offer(doc, parts[1])
        if offer is None:
            known = ", ".join(_ids(doc, "partners"))
            raise err(f"no partner offer with id {parts[1]!r} (offers: {known or 'none'})")
        key = parts[2]
        if key not in PARTNER_OFFER_PATH_KEYS_V2:
            raise err(f"expected partners.ID.KEY with KEY in {list(PARTNER_OFFER_PATH_KEYS_V2)}")
        if len(parts) == 3:
            return offer, key, ("partners", "*", key)
        if key != "fee" or len(parts) != 4:
            raise err("too many parts")
        if parts[3] not in services:
            raise err(f"{parts[3]!r} is not a declared service")
        cont = offer.get("fee")
        if is_number(cont):
            cont = {s: cont for s in services}  # a plain fee first becomes every service's [B33]
        elif cont is None:
            cont = {}  # absent: every fee 0
        if not isinstance(cont, dict):
            raise err(f"partners.{parts[1]}.fee is not a number or a mapping")
        offer["fee"] = cont
        return cont, parts[3], ("partners", "*", "fee", "*")
    if len(parts) != 1:
        raise err(f"{top!r} has no parts")
    return doc, top, (top,)


def _scale_v2(doc, vname, path, factor):
    node, key, pattern = _resolve_v2(doc, path)
    cur = node.get(key)

    def err():
        return ScenarioError([f"variants.{vname}.scale.{path}: no number to scale"])

    if cur is None:
        if pattern in DEPENDENT_DEFAULTS:
            node[key] = Scaled(factor)  # [B20]
        elif pattern in DEFAULTS_V2:
            node[key] = DEFAULTS_V2[pattern] * factor
        elif pattern in ABSENT_MEANS_ZEROS:
            pass  # every value is 0, and stays 0
        else:
            raise err()  # a key with no default (an absent rule) [A34]
    elif isinstance(cur, Scaled):
        cur.factor *= factor
    elif is_number(cur):
        node[key] = cur * factor
    elif isinstance(cur, dict) and pattern in MAPPING_SCALABLE:
        # a mapping scales every value; countries.X.demand scales every service [B23]
        new = {}
        for k, v in cur.items():
            if isinstance(v, Scaled):
                new[k] = Scaled(v.factor * factor)
            elif is_number(v):
                new[k] = v * factor
            elif v is None:
                new[k] = None
            else:
                raise err()
        if pattern == ("posts", "*", "case_cost"):
            for s in declared_services(doc):  # services the mapping leaves to g_s [B25]
                if new.get(s) is None:
                    new[s] = Scaled(factor)
        node[key] = new
    else:
        raise err()


def _apply_changes_v2(doc, vname, v):
    # set: in the order written, each entry on the document as the entries before left it
    for path, value in (v.get("set") or {}).items():
        for one in _expand_v2(doc, path):
            node, key, _ = _resolve_v2(doc, one)
            node[key] = copy.deepcopy(value)
    for path0, factor in (v.get("scale") or {}).items():
        if not is_number(factor) or not math.isfinite(factor) or factor < 0:
            raise ScenarioError([f"variants.{vname}.scale.{path0}: expected a non-negative factor"])
        for one in _expand_v2(doc, path0):
            _scale_v2(doc, vname, one, factor)


def _num_or(v, default):
    return float(v) if is_number(v) else float(default)


def materialize(doc):
    """Replace every Scaled factor by factor x default, the defaults read from the
    document as the whole variant left it. [B20]"""
    if doc_version(doc) != 2:
        return
    costs = doc.get("costs") if isinstance(doc.get("costs"), dict) else {}
    g0 = _num_or(costs.get("case_cost"), 0)
    pi0 = _num_or(costs.get("unserved_case_penalty"), 0)
    svc = doc.get("services") if isinstance(doc.get("services"), dict) else {}
    for s, v in svc.items():
        if isinstance(v, dict):
            if isinstance(v.get("case_cost"), Scaled):
                v["case_cost"] = v["case_cost"].factor * g0
            if isinstance(v.get("unserved_penalty"), Scaled):
                v["unserved_penalty"] = v["unserved_penalty"].factor * pi0
    g_s = {s: _num_or((svc.get(s) or {}).get("case_cost") if isinstance(svc.get(s), dict) else None, g0)
           for s in declared_services(doc)}
    pres = doc.get("presence") if isinstance(doc.get("presence"), dict) else {}
    ints = doc.get("interests") if isinstance(doc.get("interests"), dict) else {}
    for i, v in ints.items():
        if isinstance(v, dict):
            for k in ("accredited", "represented"):
                if isinstance(v.get(k), Scaled):
                    v[k] = v[k].factor * _num_or(pres.get(k), 0)
    for q in doc.get("posts") or []:
        if not isinstance(q, dict):
            continue
        cc = q.get("case_cost")
        if isinstance(cc, Scaled):
            q["case_cost"] = {s: cc.factor * g for s, g in g_s.items()}
        elif isinstance(cc, dict):
            for s, v in list(cc.items()):
                if isinstance(v, Scaled):
                    cc[s] = v.factor * g_s.get(s, g0)


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
        self.version = doc_version(doc)
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

        # services T (version 1, or version 2 without `services`: the single service `consular`) [B3]
        self.T = declared_services(doc)
        svc = (doc.get("services") or {}) if self.version == 2 else {}
        sv = {s: (svc.get(s) or {}) for s in self.T}
        self.g_s = {s: num(sv[s].get("case_cost"), self.case_cost) for s in self.T}
        self.pi_s = {s: num(sv[s].get("unserved_penalty"), self.pi) for s in self.T}
        self.f_s = {s: num(sv[s].get("fee_income"), 0) for s in self.T}
        self.w_s = {s: num(sv[s].get("workload"), 1) for s in self.T}
        self.remote_s = {s: sv[s].get("remote") is not False for s in self.T}

        # interests I, with their shares (default: presence.*) [B14]
        ints = (doc.get("interests") or {}) if self.version == 2 else {}
        self.I = [str(i) for i in ints]
        self.beta_acc = {i: num((ints[i] or {}).get("accredited"), self.a_acc) for i in self.I}
        self.beta_rep = {i: num((ints[i] or {}).get("represented"), self.a_rep) for i in self.I}

        self.countries = list(doc.get("countries") or [])
        self.C = [c["id"] for c in self.countries]
        self.cby = {c["id"]: c for c in self.countries}
        self.D = {}  # D_cs
        for c in self.countries:
            dem = c.get("demand")
            for s in self.T:
                if isinstance(dem, dict):
                    self.D[(c["id"], s)] = num(dem.get(s), 0)  # a service left out means 0
                else:
                    self.D[(c["id"], s)] = num(dem, 0) if s == self.T[0] else 0.0
        self.Dc = {c: sum(self.D[(c, s)] for s in self.T) for c in self.C}
        self.V = {c["id"]: sum(self.weights[k] * float(s) for k, s in (c.get("scores") or {}).items())
                  for c in self.countries}
        self.Ival = {c["id"]: {i: num((c.get("interests") or {}).get(i), 0) for i in self.I}
                     for c in self.countries}
        # value of each presence mode in c: criteria plus interests
        self.coef_res = {c: self.V[c] + sum(self.Ival[c][i] for i in self.I) for c in self.C}
        self.coef_acc = {c: self.V[c] * self.a_acc + sum(self.Ival[c][i] * self.beta_acc[i] for i in self.I)
                         for c in self.C}
        self.coef_rep = {c: self.V[c] * self.a_rep + sum(self.Ival[c][i] * self.beta_rep[i] for i in self.I)
                         for c in self.C}

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
        self.m = {q["id"]: num(q.get("diplomats"), 0) for q in self.posts}
        self.lvl = {q["id"]: (q.get("presence") or "resident") if self.version == 2 else "resident"
                    for q in self.posts}
        # svc(p): in declaration order, whatever order the post lists them [B10]
        self.svc = {q["id"]: [s for s in self.T if q.get("services") is None or s in q["services"]]
                    for q in self.posts}
        self.g = {}  # g_ps
        for q in self.posts:
            cc = q.get("case_cost")
            for s in self.T:
                if isinstance(cc, dict):
                    self.g[(q["id"], s)] = num(cc.get(s), self.g_s[s])
                else:  # a number replaces every service's cost, the service's own included
                    self.g[(q["id"], s)] = num(cc, self.g_s[s])
        self.force = {q["id"]: q.get("force") for q in self.posts}
        self.group = {q["id"]: q.get("group") for q in self.posts}
        self.requires = {q["id"]: ([str(r) for r in q["requires"]] if isinstance(q.get("requires"), list)
                                   else [str(q["requires"])] if q.get("requires") is not None else [])
                         for q in self.posts}

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
        # pairs (c, p) a post can serve: home first, then S_p in order (services and
        # presence level play no part here [B11])
        self.pairs = []
        for p in self.P:
            self.pairs.append((self.home[p], p))
            for c in self.S[p]:
                self.pairs.append((c, p))
        # triples (c, p, s) with a flow variable x_cps: s offered at p, and home or remote_s
        self.triples = []
        for (c, p) in self.pairs:
            for s in self.svc[p]:
                if c == self.home[p] or self.remote_s[s]:
                    self.triples.append((c, p, s))
        self.unit = {}
        for (c, p, s) in self.triples:
            d = self.dist[(c, p)]
            if c != self.home[p] and d is None:
                d = 0.0  # not reached: validation requires coordinates for covered countries [A9]
            self.unit[(c, p, s)] = self.g[(p, s)] + (self.e * d / 1000.0 if c != self.home[p] else 0.0)

        self.partners = list(doc.get("partners") or [])
        self.R = list(range(len(self.partners)))
        self.r_country = [r["country"] for r in self.partners]
        self.r_by = [str(r["by"]) for r in self.partners]
        self.r_cap = [float(r["capacity"]) for r in self.partners]
        self.r_pres = [True if r.get("presence") is None else bool(r["presence"])
                       for r in self.partners]  # [A16]; `set ...presence: null` restores true [B33]
        self.r_svc = [[s for s in self.T if r.get("services") is None or s in r["services"]]
                      for r in self.partners]
        self.r_fee = {}  # h_rs: a number charges every service, a mapping 0 for unnamed ones [B12]
        for r, rr in zip(self.R, self.partners):
            fee = rr.get("fee")
            for s in self.r_svc[r]:
                self.r_fee[(r, s)] = num(fee.get(s), 0) if isinstance(fee, dict) else num(fee, 0)
        self.rs = [(r, s) for r in self.R for s in self.r_svc[r]]  # z_rs, offer-major
        self.cs = [(c, s) for c in self.C for s in self.T]  # u_cs, country-major

        # presence: which open posts allow resident / accredited presence in c [B13]
        self.res_posts = {c: [p for p in self.P if self.home[p] == c and self.lvl[p] == "resident"]
                          for c in self.C}
        self.acc_posts = {c: [p for p in self.P
                              if (self.home[p] == c and self.lvl[p] == "accredited")
                              or (self.lvl[p] == "resident" and c in self.S[p])] for c in self.C}

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
        # x_cps: unit cost less the fee income of a case handled by our post
        self.x = {}
        for (c, p, s) in d.triples:
            self.x[(c, p, s)] = var(f"x[{c},{p},{s}]", 0.0, np.inf, False, d.unit[(c, p, s)] - d.f_s[s])
        self.z = {(r, s): var(f"z[{r}:{d.r_by[r]}@{d.r_country[r]},{s}]", 0.0, d.r_cap[r], False,
                              d.r_fee[(r, s)]) for (r, s) in d.rs}
        self.u = {(c, s): var(f"unserved[{c},{s}]", 0.0, np.inf, False, d.pi_s[s]) for (c, s) in d.cs}
        self.rho, self.acc, self.rep = {}, {}, {}
        for c in d.C:
            has_home = bool(d.res_posts[c])
            has_cover = bool(d.acc_posts[c])
            has_rep = any(d.r_country[r] == c and d.r_pres[r] for r in d.R)
            self.rho[c] = var(f"resident[{c}]", 0.0, 1.0 if has_home else 0.0, False, -d.coef_res[c])
            self.acc[c] = var(f"accredited[{c}]", 0.0, 1.0 if has_cover else 0.0, False,
                              -d.coef_acc[c])
            self.rep[c] = var(f"represented[{c}]", 0.0, 1.0 if has_rep else 0.0, False,
                              -d.coef_rep[c])

        def row(name, terms, lo, hi):
            i = len(self.rnames)
            self.rnames.append(name)
            for j, v in terms:
                self.rows.append(i)
                self.cols.append(j)
                self.vals.append(v)
            self.rlo.append(lo)
            self.rhi.append(hi)

        # 1 demand, per country and service
        for (c, s) in d.cs:
            t = [(self.x[k], 1.0) for k in d.triples if k[0] == c and k[2] == s]
            t += [(self.z[(r, s2)], 1.0) for (r, s2) in d.rs if s2 == s and d.r_country[r] == c]
            t.append((self.u[(c, s)], 1.0))
            row(f"demand[{c},{s}]", t, d.D[(c, s)], d.D[(c, s)])
        # 2 capacity, in capacity units (workload w_s)
        for p in d.P:
            t = [(self.x[k], d.w_s[k[2]]) for k in d.triples if k[1] == p]
            t.append((self.y[p], -d.Q[p]))
            row(f"cap[{p}]", t, -np.inf, 0.0)
        # 3 linking
        for k in d.triples:
            c, p, s = k
            row(f"link[{c},{p},{s}]", [(self.x[k], 1.0), (self.y[p], -d.D[(c, s)])], -np.inf, 0.0)
        # 3b partner capacity counts cases of every service (one service: the bound suffices) [B15]
        for r in d.R:
            if len(d.r_svc[r]) > 1:
                row(f"partner_cap[{r}]", [(self.z[(r, s)], 1.0) for s in d.r_svc[r]], -np.inf, d.r_cap[r])
        # 4 presence
        for c in d.C:
            home = d.res_posts[c]
            if home:
                row(f"resident[{c}]", [(self.rho[c], 1.0)] + [(self.y[p], -1.0) for p in home],
                    -np.inf, 0.0)
            cov = d.acc_posts[c]
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
            # 7b requirements (dipnet's `requires`, beyond the spec), optimize mode only [B36]
            for p in self.d.P:
                for r in self.d.requires.get(p, []):
                    if r in self.y and r != p:
                        row(f"requires[{p},{r}]", [(self.y[p], 1.0), (self.y[r], -1.0)], -np.inf, 0.0)

    def cost_terms(self):
        """Total cost (no penalty) as (terms, constant). [A11]"""
        d = self.d
        t = [(self.y[p], d.F[p] + (-d.X[p] / d.H if d.existing[p] else d.O[p] / d.H)) for p in d.P]
        t += [(self.x[k], d.unit[k]) for k in d.triples]
        t += [(self.z[k], d.r_fee[k]) for k in d.rs]
        return t, self.const_closing  # income is not deducted [B16]

    def _rules(self, row):
        d, rules = self.d, self.d.rules
        if rules.get("budget") is not None:
            t, const = self.cost_terms()
            row("rule:budget", t, -np.inf, float(rules["budget"]) - const)
        mc = rules.get("min_coverage")
        if isinstance(mc, dict):  # one row per named service [B17]
            for s, k in mc.items():
                if k is None:
                    continue
                tot = sum(d.D[(c, s)] for c in d.C)
                row(f"rule:min_coverage[{s}]", [(self.u[(c, s)], 1.0) for c in d.C], -np.inf,
                    (1.0 - float(k)) * tot)
        elif mc is not None:  # every case of every service together
            tot = sum(d.D.values())
            row("rule:min_coverage", [(self.u[k], 1.0) for k in d.cs], -np.inf,
                (1.0 - float(mc)) * tot)
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
        if rules.get("max_diplomats") is not None:
            row("rule:max_diplomats", [(self.y[p], d.m[p]) for p in d.P], -np.inf,
                float(rules["max_diplomats"]))

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
    v2 = d.version == 2
    y = {p: 1 if xsol[m.y[p]] > 0.5 else 0 for p in d.P}
    x = {k: max(0.0, float(xsol[m.x[k]])) for k in d.triples}
    z = {k: max(0.0, float(xsol[m.z[k]])) for k in d.rs}
    u = {k: max(0.0, float(xsol[m.u[k]])) for k in d.cs}

    running = sum(d.F[p] * y[p] for p in d.P)
    closing = sum(d.X[p] / d.H * (1 - y[p]) for p in d.P if d.existing[p])
    opening = sum(d.O[p] / d.H * y[p] for p in d.P if not d.existing[p])
    consular = sum(d.unit[k] * x[k] for k in d.triples)
    fees = sum(d.r_fee[k] * z[k] for k in d.rs)
    total = running + closing + opening + consular + fees
    income = sum(d.f_s[k[2]] * x[k] for k in d.triples)
    unserved = sum(u.values())
    penalty = sum(d.pi_s[k[1]] * u[k] for k in d.cs) if v2 else d.pi * unserved
    demand = sum(d.D.values())
    coverage = 1.0 - unserved / demand if demand > 0 else 1.0  # [A26]

    countries = []
    value = 0.0
    rho_count = {}
    ivalue = {i: 0.0 for i in d.I}
    for c in d.C:
        options = []
        if any(y[p] for p in d.res_posts[c]):
            options.append(("resident", 1.0, 0, d.coef_res[c]))
        if any(y[p] for p in d.acc_posts[c]):
            options.append(("accredited", d.a_acc, 1, d.coef_acc[c]))
        if any(d.r_pres[r] for r in d.R if d.r_country[r] == c):
            options.append(("represented", d.a_rep, 2, d.coef_rep[c]))
        if not options:
            mode_c, share, cval = "none", 0.0, 0.0
        elif v2:
            # the mode the optimum counts: the largest value of criteria and interests
            # together; ties resident > accredited > represented [B13]
            mode_c, share, _, cval = max(options, key=lambda o: (o[3], -o[2]))
        else:
            # the best mode the open posts / offers allow; equals the LP's choice when V_c > 0 [A14]
            mode_c, share, _, cval = max(options, key=lambda o: (o[1], -o[2]))
        rho_count[c] = 1 if mode_c == "resident" else 0
        cval_v = d.V[c] * share
        if v2:
            for i in d.I:
                bi = {"resident": 1.0, "accredited": d.beta_acc[i], "represented": d.beta_rep[i],
                      "none": 0.0}[mode_c]
                ivalue[i] += d.Ival[c][i] * bi
                cval_v += d.Ival[c][i] * bi
        value += cval_v
        handled = {}
        by_service = {s: {} for s in d.T}
        for (cc, p, s) in d.triples:
            if cc == c and x[(cc, p, s)] > 1e-9:
                handled[p] = handled.get(p, 0.0) + x[(cc, p, s)]
                by_service[s][p] = by_service[s].get(p, 0.0) + x[(cc, p, s)]
        for (r, s) in d.rs:
            if d.r_country[r] == c and z[(r, s)] > 1e-9:
                key = f"partner:{d.r_by[r]}"  # [A38]
                handled[key] = handled.get(key, 0.0) + z[(r, s)]
                by_service[s][key] = by_service[s].get(key, 0.0) + z[(r, s)]
        uc = sum(u[(c, s)] for s in d.T)
        entry = {
            "id": c, "presence": mode_c,
            "handled": {k: clean(v) for k, v in handled.items()},
            "unserved": clean(uc), "demand": clean(d.Dc[c]), "value": clean(cval_v),
            "full_value": clean(d.coef_res[c]),
        }
        if v2:
            entry["handled_by_service"] = {s: {k: clean(v) for k, v in by_service[s].items()} for s in d.T}
            entry["demand_by_service"] = {s: clean(d.D[(c, s)]) for s in d.T}
            entry["unserved_by_service"] = {s: clean(u[(c, s)]) for s in d.T}
        countries.append(entry)
    abroad = [(k, x[k]) for k in d.triples if k[0] != d.home[k[1]] and x[k] > 1e-9]
    abroad_cases = sum(v for _, v in abroad)
    mean_km = None
    if abroad_cases > 0 and all(d.dist[(k[0], k[1])] is not None for k, _ in abroad):
        mean_km = sum(d.dist[(k[0], k[1])] * v for k, v in abroad) / abroad_cases  # [A29]

    violations = []
    rules = d.rules
    tol = 1e-6

    def viol(rule, limit, actual, msg):
        violations.append({"rule": rule, "limit": clean(limit), "actual": clean(actual), "message": msg})

    services = {}
    for s in d.T:
        dem = sum(d.D[(c, s)] for c in d.C)
        own = sum(x[k] for k in d.triples if k[2] == s)
        part = sum(z[k] for k in d.rs if k[1] == s)
        uns = sum(u[(c, s)] for c in d.C)
        services[s] = {"demand": dem, "own": own, "partners": part, "unserved": uns,
                       "coverage": 1.0 - uns / dem if dem > 0 else 1.0}  # [B18]

    if rules.get("budget") is not None and total > float(rules["budget"]) * (1 + tol) + tol:
        viol("budget", rules["budget"], total, "total cost exceeds the budget")
    mc = rules.get("min_coverage")
    if isinstance(mc, dict):
        for s, k in mc.items():
            if k is None:
                continue
            sv = services[s]
            if sv["unserved"] > (1 - float(k)) * sv["demand"] * (1 + tol) + tol:
                viol(f"min_coverage.{s}", k, sv["coverage"], f"coverage of {s} below the minimum")
    elif mc is not None and unserved > (1 - float(mc)) * demand * (1 + tol) + tol:
        viol("min_coverage", mc, coverage, "coverage below the minimum")
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
    dipl_used = sum(d.m[p] * y[p] for p in d.P)
    dipl_max = rules.get("max_diplomats")
    if dipl_max is not None and dipl_used > float(dipl_max) * (1 + tol) + tol:
        viol("max_diplomats", dipl_max, dipl_used, "more diplomats than the maximum")

    net = value + income - total - penalty
    rep = {
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
    if v2:
        rep["income"] = clean(income)
        rep["diplomats"] = {"used": clean(dipl_used),
                            "max": clean(dipl_max) if dipl_max is not None else None,
                            "margin": clean(float(dipl_max) - dipl_used) if dipl_max is not None else None}
        rep["services"] = {s: {k: clean(v) for k, v in sv.items()} for s, sv in services.items()}
        rep["interests"] = {i: clean(v) for i, v in ivalue.items()}
    return rep


def empty_report(d, variant, mode, status, secs, gap=None):
    return {"scenario": d.name, "variant": variant, "mode": mode, "status": status, "gap": gap,
            "net_benefit": None, "value": None, "penalty": None,
            "cost": {k: None for k in ("running", "closing", "opening", "consular", "partner_fees", "total")},
            "unserved": None, "coverage": None,
            "posts": {"open": [], "closed": [], "opened": [], "not_opened": []},
            "countries": [], "violations": [], "solve_seconds": round(secs, 4),
            **({"income": None, "diplomats": {"used": None, "max": None, "margin": None},
                "services": {}, "interests": {}} if d.version == 2 else {})}


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


@contextlib.contextmanager
def solver_output_to_stderr():
    """HiGHS sometimes prints a line with C's printf (e.g.
    'HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();'): send
    file descriptor 1 to stderr while solving, so stdout holds only the JSON."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        yield
        return
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        libc = None
    try:
        os.dup2(2, 1)
        yield
    finally:
        if libc is not None:
            libc.fflush(None)  # C's stdout buffer, before fd 1 points back to stdout
        os.dup2(saved, 1)
        os.close(saved)


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
        with solver_output_to_stderr():
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
