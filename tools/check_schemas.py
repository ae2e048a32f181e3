#!/usr/bin/env python3
"""Checks dipnet's JSON outputs against their JSON Schemas (docs/schema).

Runs dipnet on a representative set of inputs (format version 1 and 2 scenarios, every
variant of the shipped ones, evaluate mode, infeasible variants with their diagnosis,
`--set` and `a+b` variants on every solving command, comparisons, sweeps and simulations
with their records files, coalitions, data packages, and diff, tipping, margins,
alternatives, robust, explain and merge), then validates every output against the schema
its `format` key names (`dipnet/<kind>-1`). Records files are checked line by line, each
line a `dipnet/<kind>-record-1` of the kind of the run header beside it (`PATH.run.json`,
a `dipnet/run-1`). The golden outputs of the unit tests are checked too. Every schema
must be used at least once.

Beyond the schemas: an `integer` must be written without a fraction (`3`, not `3.0`;
JSON Schema itself accepts both); relations inside an output are checked (`consistency`:
a comparison's deltas and per-variant keys, robust weight vectors against `criteria`,
alternatives distinct from each other and from the optimum, a sweep's closure values
among its points), and so are relations between a records file and its header
(`record_problems`). For the generated outputs, `set` must be exactly the --set changes
given (absent without), `variant` the --variant given, and a summary must agree with its
records file (`echo_problems`).

    tools/check_schemas.py --dipnet .build/debug/dipnet
    tools/check_schemas.py --self-test           # the schemas must reject broken outputs
    tools/check_schemas.py out.json records.jsonl   # check given outputs only

--self-test also mutates valid outputs (a required key dropped, a number written as a
string, an unknown key, NaN, an integer written with a fraction, the shapes outputs had
before, and mutations particular to each kind) and requires every mutation to be rejected.

Exit status 0 when every output is valid (and, with --self-test, every mutation is
rejected), 1 otherwise.
"""
import argparse
import copy
import glob
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

try:
    from jsonschema import Draft202012Validator, validators
except ImportError:
    sys.exit("check_schemas.py needs jsonschema 4.18 or later: python3 -m pip install 'jsonschema>=4.18' "
             "(scripts/install-deps.sh --test)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "DiplomaticNetworkTests", "Fixtures")
SCENARIOS = os.path.join(ROOT, "scenarios")


# ---------------------------------------------------------------- reading and validating

def strict_json(text):
    """Parses JSON as the standard has it: NaN and Infinity (Python's extension) and
    duplicate keys are errors."""
    def constant(name):
        raise ValueError(f"{name} is not JSON")

    def pairs(items):
        keys = [k for k, _ in items]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"duplicate key {dup[0]!r}")
        return dict(items)
    return json.loads(text, parse_constant=constant, object_pairs_hook=pairs)


def _integer(checker, instance):
    """An integer is a JSON number written without a fraction or exponent (`3`, not
    `3.0`): what an analyst's tool reads as an integer column. (JSON Schema also
    accepts 3.0 as an integer; dipnet writes counts, ranks, seeds as integers.)"""
    return isinstance(instance, int) and not isinstance(instance, bool)


StrictValidator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer))


def load_schemas(directory):
    """{format name: (schema file, validator)}, the format name read from the schema's
    `properties.format.const`."""
    out = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            schema = json.load(fh)
        Draft202012Validator.check_schema(schema)
        name = schema.get("properties", {}).get("format", {}).get("const")
        if not name:
            raise SystemExit(f"{path}: no properties.format.const")
        if name in out:
            raise SystemExit(f"{path} and {out[name][0]} both validate {name}")
        out[name] = (path, StrictValidator(schema))
    return out


def describe(e):
    """`$.json.path: message` of a validation error."""
    path = e.json_path
    message = e.message
    if e.validator == "not" and e.validator_value == {}:
        why = e.schema.get("description", "").rstrip(".")
        message = "key not allowed here" + (f": {why[:1].lower()}{why[1:]}" if why else "")
    if len(message) > 240:
        message = message[:240] + "…"
    return f"{path}: {message}"


def errors(schemas, doc):
    """Problems of one JSON document: no or unknown `format`, schema errors, and (when
    the schema is satisfied) what `consistency` finds."""
    if not isinstance(doc, dict) or not isinstance(doc.get("format"), str):
        return ["$: no `format` key saying what the output is"]
    if doc["format"] not in schemas:
        return [f"$.format: no schema validates {doc['format']!r} (docs/schema)"]
    _, validator = schemas[doc["format"]]
    found = sorted(validator.iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    # a failed `then` drops what it evaluated, so `unevaluatedProperties` then also lists
    # keys that are allowed: show the real errors only
    real = [e for e in found if e.validator != "unevaluatedProperties"]
    problems = [describe(e) for e in (real or found)] or consistency(doc)
    # an output nested whole in another (`compare --flips`: the margins as `flips`) is
    # checked against its own schema
    for key in ("flips",):
        if isinstance(doc.get(key), dict):
            problems += [f"$.{key}: " + p.removeprefix("$.").removeprefix("$") for p in errors(schemas, doc[key])]
    return problems


def close(a, b, scale=0.0):
    """Equal up to the rounding of written numbers (12 significant digits, 6 decimals);
    scale: the magnitude of the numbers a difference was taken of."""
    return abs(a - b) <= 2e-6 + 1e-10 * max(abs(a), abs(b), scale)


def network_problems(where, optimum_open, optimum_nb, slack, networks):
    """Alternatives are distinct networks, none the optimum's own, `changed` is what
    differs from the optimum, and each (at its best flows) is no better than the optimum
    and within the slack. networks: (path, open, changed, net benefit) of the solved ones."""
    out, seen = [], {}
    optimum = frozenset(optimum_open)
    for path, open_, changed, nb in networks:
        if nb > optimum_nb and not close(nb, optimum_nb):
            out.append(f"{path}.net_benefit: {nb}, better than the optimum's {optimum_nb}")
        # slack None: --around without a limit (0 is a limit: as good as the optimum)
        floor = optimum_nb - (slack or 0) * abs(optimum_nb)
        if slack is not None and nb < floor and not close(nb, floor):
            out.append(f"{path}.net_benefit: {nb}, beyond the slack (at least {floor})")
        net = frozenset(open_)
        if net == optimum:
            out.append(f"{path}: the optimum's own network")
        elif net in seen:
            out.append(f"{path}: the same network as {seen[net]}")
        seen.setdefault(net, path)
        if set(changed) != net ^ optimum:
            out.append(f"{path}.changed: {sorted(changed)}, but the network differs from {where} in "
                       f"{sorted(net ^ optimum)}")
    return out


def consistency(doc):
    """Relations inside one output that a JSON Schema cannot state."""
    out = []
    kind = doc["format"]
    if kind == "dipnet/comparison-1":
        names = [v["variant"] for v in doc["variants"]]
        if names[0] != doc["baseline"]:
            out.append(f"$.variants[0].variant: {names[0]!r}, not the baseline {doc['baseline']!r}")
        for key, field in (("decisions_that_differ", "decisions"), ("presence_that_differs", "presence")):
            for i, item in enumerate(doc[key]):
                if list(item[field]) != names:
                    out.append(f"$.{key}[{i}].{field}: keys {list(item[field])}, not the variants {names}")
        base = doc["variants"][0]
        fixed = {"variant", "status", "gap", "delta", "effect", "closed", "opened", "rules_broken"}
        # the figures with a better side, and which: + where higher (1) or lower (-1) is better
        def better(k):
            if k in ("net_benefit", "value", "income", "coverage") or k.startswith("interests.") or (k.startswith("services.") and k.endswith(".coverage")):
                return 1
            if k.startswith("cost_") or k in ("penalty", "unserved", "rules_violated") or (k.startswith("services.") and k.endswith(".unserved")):
                return -1
            return 0
        for i, v in enumerate(doc["variants"]):
            metrics = [k for k in v if k not in fixed]
            # the rules named are the rules counted
            named = v.get("rules_broken")
            if (named is None) != (v.get("rules_violated") is None) or (named is not None and len(named) != v["rules_violated"]):
                out.append(f"$.variants[{i}].rules_broken: {named}, but {v.get('rules_violated')} counted")
            if list(v["delta"]) != metrics:
                out.append(f"$.variants[{i}].delta: keys differ from the variant's figures")
                continue
            for k in metrics:
                d, x, b = v["delta"][k], v[k], base.get(k)
                if (d is None) != (x is None or b is None):
                    out.append(f"$.variants[{i}].delta.{k}: {d}, but the figure is {x} and the baseline's {b}")
                # the delta is the difference of the written figures, itself written to 10
                # significant digits: off by up to half a unit of its 10th digit (5e-4 for
                # -3917900.302 = -4788127.817 - -870227.5155, a hostile pass)
                elif d is not None and not close(d, x - b, 10 * max(abs(x), abs(b), abs(d))):
                    out.append(f"$.variants[{i}].delta.{k}: {d}, not {x} − {b}")
            # the effect: the delta with one sign, + in the variant's favour
            signed = [k for k in metrics if better(k)]
            if list(v["effect"]) != signed:
                out.append(f"$.variants[{i}].effect: keys {list(v['effect'])}, not the figures with a better side {signed}")
                continue
            for k in signed:
                e, d = v["effect"][k], v["delta"][k]
                if (e is None) != (d is None) or (e is not None and not close(e, better(k) * d, abs(d))):
                    out.append(f"$.variants[{i}].effect.{k}: {e}, not {better(k)} × the delta {d}")
    elif kind in ("dipnet/robust-1", "dipnet/coalition-robust-1"):
        n = len(doc["criteria"])
        if list(doc["weights"]) != doc["criteria"]:
            out.append(f"$.weights: keys {list(doc['weights'])}, not `criteria` {doc['criteria']}")
        vectors = [(f"$.vertices[{i}]", w) for i, w in enumerate(doc["vertices"])]
        for i, post in enumerate(doc["posts"]):
            vectors += [(f"$.posts[{i}].{k}", post[k]) for k in ("open_at", "closed_at", "least_loss_at") if post[k] is not None]
        out += [f"{where}: {len(w)} weights for {n} criteria" for where, w in vectors if len(w) != n]
    elif kind == "dipnet/attribution-1":
        k = len(doc["lines"])
        if len(doc["subsets"]) != 2 ** k:
            out.append(f"$.subsets: {len(doc['subsets'])} combinations for {k} lines, not {2 ** k}")
        total = sum(l["shapley"] for l in doc["lines"])
        change = doc["margin_with_all_lines"] - doc["margin_without_lines"]
        if not close(total, change, max(abs(doc["margin_with_all_lines"]), abs(doc["margin_without_lines"]))):
            out.append(f"$.lines[*].shapley: add up to {total}, not the change {change}")
        out += [f"$.lines[{i}]: Shapley {l['shapley']} outside its least {l['least']} and most {l['most']}"
                for i, l in enumerate(doc["lines"]) if not (l["least"] - 1e-6 * max(1, abs(l["least"])) <= l["shapley"] <= l["most"] + 1e-6 * max(1, abs(l["most"])))]
    elif kind == "dipnet/alternatives-1":
        out += network_problems("the optimum", doc["optimum"]["open"], doc["optimum"]["net_benefit"], doc["slack"],
                                [(f"$.alternatives[{i}]", a["open"], a["changed"], a["net_benefit"])
                                 for i, a in enumerate(doc["alternatives"]) if a["net_benefit"] is not None])
    elif kind == "dipnet/margins-1" and "answers" in doc:
        # the summary: one per answer, in the order of `now`; each row of an answer in one
        # group (with a flip or a tie's break) or one count, once
        if len(doc["answers"]) != len(doc["now"]):
            out.append(f"$.answers: {len(doc['answers'])} answers for {len(doc['now'])} in `now`")
        groups = ("flips_inside_stated", "flips_outside_stated", "flips_no_range_stated", "flips_into_tie")
        counts = ("no_flip", "none_found", "tied_throughout", "not_searched")
        for i, a in enumerate(doc["answers"]):
            if i < len(doc["now"]) and not a["now"].startswith(doc["now"][i]):
                out.append(f"$.answers[{i}].now: does not begin with $.now[{i}]")
            rows = [r for r in doc["rows"] if r["answer"] == a["answer"]]
            flipping = [r["input"] for r in rows if (r["flips_at"] is not None or r.get("tie_breaks_at") is not None) and r["change"] is not None]
            listed = [it["input"] for g in groups for it in a[g]]
            if sorted(listed) != sorted(flipping):
                out.append(f"$.answers[{i}]: lists {sorted(listed)}, not the rows with a flip {sorted(flipping)}")
            if sum(a[c] for c in counts) != len(rows) - len(flipping):
                out.append(f"$.answers[{i}]: counts {sum(a[c] for c in counts)} rows without a flip, not {len(rows) - len(flipping)}")
            by_input = {r["input"]: r for r in rows}
            for it in a["flips_inside_stated"]:
                if by_input.get(it["input"], {}).get("within_stated") is not True:
                    out.append(f"$.answers[{i}].flips_inside_stated: {it['input']} is not within its stated range in its row")
            for g in ("flips_outside_stated", "flips_no_range_stated"):
                for it in a[g]:
                    r = by_input.get(it["input"], {})
                    if (r.get("stated") is None) != (g == "flips_no_range_stated"):
                        out.append(f"$.answers[{i}].{g}: {it['input']}'s row {'states' if g == 'flips_no_range_stated' else 'states no'} range")
    elif kind == "dipnet/sweep-1":
        n = len(doc["parameters"])
        out += [f"$.points[{i}].values: {len(p['values'])} values for {n} parameters"
                for i, p in enumerate(doc["points"]) if len(p["values"]) != n]
        values = {p["values"][0] for p in doc["points"]}
        out += [f"$.closure_order[{i}].value: {c['value']} is not a point's value (not written exactly?)"
                for i, c in enumerate(doc["closure_order"]) if n != 1 or c["value"] not in values]
    return out



ITEM = re.compile(r"^(?P<path>.*\*[^\[]*)\[(?P<ids>[^\]]+)\](#[1-9][0-9]*)?$")


def drawn_name_known(key, names):
    """A record's drawn name is one of the header's parameters, or an item of one drawn
    per id: `countries.*.demand[CUB]`, one id per `*` (`STATE:` first in a coalition)."""
    if key in names:
        return True
    m = ITEM.match(key)
    return bool(m) and m["path"] in names and len(m["ids"].split(",")) == m["path"].count("*")


def record_problems(header, docs):
    """Relations between the lines of a records file and its header: a sweep point's
    values are exactly the header's grid point; a draw's names are the header's
    parameters; alternatives are distinct networks."""
    out = []
    kind = header.get("kind")
    if kind == "sweep":
        grid = list(itertools.product(*header["values"]))
        if header["points"] != len(grid) or len(header["values"]) != len(header["parameters"]):
            out.append(f"run header: {header['points']} points, {len(header['parameters'])} parameters, "
                       f"but values for a grid of {len(grid)} points of {len(header['values'])} parameters")
        for n, r in docs:
            if not 0 <= r["point"] < len(grid):
                out.append(f"line {n}: point {r['point']} outside the header's {len(grid)} points")
            elif list(grid[r["point"]]) != r["values"]:
                out.append(f"line {n}: values {r['values']} of point {r['point']} are not the header's "
                           f"grid point {list(grid[r['point']])}")
    elif kind == "simulation":
        names = set(header["parameters"])
        for n, r in docs:
            unknown = sorted(k for k in r["drawn"] if not drawn_name_known(k, names))
            if unknown:
                out.append(f"line {n}: drawn {unknown} not among the header's parameters")
    elif kind == "coalition-simulation":
        names, variants, states = set(header["parameters"]), set(header["variants"]), set(header["states"])
        for n, r in docs:
            unknown = sorted(k for k in r["drawn"] if not drawn_name_known(k, names))
            if unknown:
                out.append(f"line {n}: drawn {unknown} not among the header's parameters")
            if r["variant"] not in variants:
                out.append(f"line {n}: variant {r['variant']!r} not among the header's {sorted(variants)}")
            if not 0 <= r["draw"] < header["draws"]:
                out.append(f"line {n}: draw {r['draw']} outside the header's {header['draws']} draws")
            strangers = sorted({p.split(":")[0] for p in r["open_jointly"]} - states) + sorted(set(r["gains"]) - states)
            if strangers:
                out.append(f"line {n}: states {strangers} not among the header's {sorted(states)}")
    elif kind == "alternatives":
        out += network_problems("the optimum", header["optimum_open"], header["optimum_net_benefit"], header.get("slack"),
                                [(f"line {n}", r["open"], r["changed"], r["net_benefit"])
                                 for n, r in docs if "net_benefit" in r])
    return out


def check_json(path, schemas, used, version=None):
    """Problems of a single-document output; records its format in `used`."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = strict_json(fh.read())
    except (OSError, ValueError) as e:
        return [f"not valid JSON: {e}"], None
    problems = errors(schemas, doc)
    if isinstance(doc, dict):
        used.add(doc.get("format"))
        if doc.get("format") == "dipnet/datapackage-1" and not problems:
            for i, resource in enumerate(doc["resources"]):
                if not os.path.exists(os.path.join(os.path.dirname(path), resource["path"])):
                    problems.append(f"$.resources[{i}].path: {resource['path']} is not beside datapackage.json")
        if version and doc.get("dipnet_version") != version:
            problems.append(f"$.dipnet_version: {doc.get('dipnet_version')!r}, but the binary says {version!r}")
    return problems, doc


def check_records(path, schemas, used, version=None):
    """Problems of a records file: its header PATH.run.json, then every line."""
    header_path = path + ".run.json"
    if not os.path.exists(header_path):
        return [f"no run header beside it ({os.path.basename(header_path)})"], 0
    problems, header = check_json(header_path, schemas, used, version)
    problems = [f"{os.path.basename(header_path)}: {p}" for p in problems]
    kind = header.get("kind") if isinstance(header, dict) else None
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if text and not text.endswith("\n"):
        problems.append("the last line is not terminated (a torn write in a finished run)")
    lines = text.splitlines()
    valid = []
    for i, line in enumerate(lines, 1):
        try:
            doc = strict_json(line)
        except ValueError as e:
            problems.append(f"line {i}: not valid JSON: {e}")
            continue
        line_problems = errors(schemas, doc)
        if isinstance(doc, dict):
            used.add(doc.get("format"))
            if kind and doc.get("format") != f"dipnet/{kind}-record-1":
                line_problems.append(f"$.format: {doc.get('format')!r} in a records file of kind {kind!r}")
            if isinstance(header, dict) and doc.get("dipnet_version") != header.get("dipnet_version"):
                line_problems.append("$.dipnet_version: differs from the run header's")
        problems += [f"line {i}: {p}" for p in line_problems]
        if not line_problems:
            valid.append((i, doc))
    if not problems and isinstance(header, dict):
        problems += record_problems(header, valid)
    return problems, len(lines)


def is_records(path):
    return os.path.exists(path + ".run.json") or path.endswith(".jsonl")


# ---------------------------------------------------------------- the outputs to check

def derived_files(work):
    """Scenario and coalition files made from the fixtures for cases no shipped file has:
    an infeasible version 2 variant, a simulation with infeasible and failing draws, one
    with two shocks on a country, and the coalition pairs with their placeholders filled in."""
    def derive(src, name, edits):
        with open(src, encoding="utf-8") as fh:
            text = fh.read()
        for old, new in edits:
            if old not in text:
                raise SystemExit(f"{src}: cannot derive {name}: {old!r} not found")
            text = text.replace(old, new, 1)
        path = os.path.join(work, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path
    no_money = ("\nvariants:\n", "\nvariants:\n  no-money:\n    set: {rules.budget: 1}\n")
    return {
        "v2-infeasible": derive(os.path.join(FIXTURES, "v2", "services.yaml"), "v2-infeasible.yaml", [no_money]),
        "uncertain-failing": derive(os.path.join(FIXTURES, "tiny", "tiny_uncertain.yaml"), "uncertain-failing.yaml", [
            no_money,
            ("\nvariants:\n", "\nvariants:\n  high-accredited:\n    set: {presence.accredited: 0.99}\n"),
            ("  parameters:\n", "  parameters:\n    presence.accredited: "
                                "{distribution: uniform, min: 0.9, max: 1.1, relative: true}\n")]),
        "uncertain-shocks": derive(os.path.join(FIXTURES, "tiny", "tiny_uncertain.yaml"), "uncertain-shocks.yaml", [
            ("  shocks:\n", "  shocks:\n    - {country: D, multiplier: 0.5, probability: 0.5}\n"
                           "    - {country: A, multiplier: 1.5, probability: 0.5}\n")]),
        # a range stated with draw: false: the records' header names it (stated, or drew_stated)
        "uncertain-stated": derive(os.path.join(FIXTURES, "tiny", "tiny_uncertain.yaml"), "uncertain-stated.yaml", [
            ("    posts.PB.annual_cost: {distribution: discrete, values: [5000, 7000]}\n",
             "    posts.PB.annual_cost: {distribution: discrete, values: [5000, 7000]}\n"
             "    posts.PA.annual_cost: {distribution: uniform, min: 5000, max: 7000, draw: false}\n")]),
        "pair-stated": derive(os.path.join(FIXTURES, "tiny", "pair_flip.yaml"), "pair-stated.yaml", [
            ("max: 120000}", "max: 120000, draw: false}")]),
        "pair": derive(os.path.join(FIXTURES, "coalition", "pair.yaml.template"), "pair.yaml", [("fee: FEE", "fee: 20")]),
        "pair-no-deal": derive(os.path.join(FIXTURES, "coalition", "pair.yaml.template"), "pair-no-deal.yaml",
                               [("fee: FEE", "fee: 50")]),
        "pair-uncertain": derive(os.path.join(FIXTURES, "coalition", "pair.yaml.template"), "pair-uncertain.yaml",
                                 [("fee: FEE}", "fee: 20}\nvariants:\n  no-deal: {agreements: []}\nuncertainty:\n  draws: 6\n"
                                   "  variants: [base, no-deal]\n  parameters:\n"
                                   "    \"A:posts.PA.annual_cost\": {distribution: discrete, values: [700, 1000]}\n"
                                   "  shocks:\n    - {country: H, multiplier: 2, probability: 0.5}")]),
        "pair-services": derive(os.path.join(FIXTURES, "coalition", "pair_services.yaml.template"), "pair-services.yaml",
                                [("services: SERVICES", "services: [documents, assistance]")]),
        "pair-assistance": derive(os.path.join(FIXTURES, "coalition", "pair_services.yaml.template"), "pair-assistance.yaml",
                                  [("services: SERVICES", "services: [assistance]")]),
    }


# a command-line change for the cases that check `set` (with the variant `no-quota+close-pa`)
SET = ["--set", "posts.PA.annual_cost=4000"]


# belgium-2026 declares many variants of ~1 s each: solve a sample that covers its kinds
# (optimize, forced posts, evaluate mode, infeasible with a diagnosis), not all of them
BELGIUM_SAMPLE = ["close-havana", "optimal", "announced-plan", "austerity-all-open", "government-case"]


def variants(path, sample=None):
    """`base`, `status-quo` and the declared variants (those in `sample` only, if given)."""
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    declared = list((doc.get("variants") or {}).keys())
    return ["base", "status-quo"] + [v for v in declared if sample is None or v in sample]


def jobs(work, files):
    """(label, dipnet arguments, output file, accepted exit codes, records file or None)."""
    tiny = os.path.join(FIXTURES, "tiny", "tiny.yaml")
    uncertain = os.path.join(FIXTURES, "tiny", "tiny_uncertain.yaml")
    v2 = os.path.join(FIXTURES, "v2", "services.yaml")
    belgium = os.path.join(SCENARIOS, "belgium-2026", "scenario.yaml")
    out = []
    n = [0]

    def add(label, args, codes=(0,), records=None, quiet=True, fmt="json"):
        n[0] += 1
        path = os.path.join(work, f"{n[0]:02d}-{args[0]}" + (".json" if fmt == "json" else ""))
        rec = os.path.join(work, f"{n[0]:02d}-{records}.jsonl") if records else None
        argv = list(args) + ["--format", fmt, "--out", path] + (["--records", rec] if rec else [])
        checked = path if fmt == "json" else os.path.join(path, "datapackage.json")
        out.append((label, argv + (["--quiet"] if quiet else []), checked, codes, rec))
        return path, rec

    # results: every variant of version 1 and 2 scenarios, a sample of belgium's (evaluate
    # mode: status-quo and the variants that ask for it; belgium's austerity-all-open is
    # infeasible and diagnosed)
    saved = {}
    for scenario in [tiny, os.path.join(FIXTURES, "v2", "v1_as_v2.yaml"), v2,
                     os.path.join(SCENARIOS, "tutorial", "caribbean.yaml"),
                     os.path.join(SCENARIOS, "tutorial", "caribbean-services.yaml"), belgium]:
        for v in variants(scenario, BELGIUM_SAMPLE if scenario == belgium else None):
            saved[(scenario, v)], _ = add(f"solve {os.path.relpath(scenario, ROOT)} [{v}]",
                                          ["solve", scenario, "--variant", v])
    add("solve tiny [tight+close-pa] --set", ["solve", tiny, "--variant", "tight+close-pa", "--set",
                                              "posts.PB.annual_cost=5000", "--set", "rules.max_openings=2"])
    add("solve tiny [no-quota+close-pa] --set", ["solve", tiny, "--variant", "no-quota+close-pa", *SET])
    add("solve v2 [no-money] (infeasible, version 2)", ["solve", files["v2-infeasible"], "--variant", "no-money"])
    add("solve belgium [optimal] --time-limit 0.01", ["solve", belgium, "--variant", "optimal", "--time-limit", "0.01"])
    add("solve belgium [optimal] --gap 0.5", ["solve", belgium, "--variant", "optimal", "--gap", "0.5"])
    # comparisons
    for scenario in [v2, os.path.join(SCENARIOS, "tutorial", "caribbean.yaml"),
                     os.path.join(SCENARIOS, "tutorial", "caribbean-services.yaml"), belgium]:
        add(f"compare {os.path.relpath(scenario, ROOT)}", ["compare", scenario])
    add("compare v2 diplomats", ["compare", v2, "diplomats"])
    add("compare tiny_uncertain --flips", ["compare", uncertain, "--variants", "close-pa", "--baseline", "base", "--flips"])
    add("compare tiny --variants", ["compare", tiny, "--variants", "tight,close-pa,no-quota", "--baseline", "base"])
    add("compare v2 with an infeasible variant",
        ["compare", files["v2-infeasible"], "--variants", "no-money,desk", "--baseline", "base"])
    add("compare tiny --set", ["compare", tiny, "--variants", "tight,no-quota", "--baseline", "base", "--set",
                               "posts.PB.annual_cost=5000"])
    add("compare tiny [a+b] --set", ["compare", tiny, "--variants", "no-quota+close-pa,tight", "--baseline", "base",
                                     *SET])
    # data packages (datapackage.json beside the CSV files)
    add("solve v2 --format datapackage", ["solve", v2], fmt="datapackage")
    add("compare v2 --format datapackage", ["compare", v2, "diplomats"], fmt="datapackage")
    add("simulate tiny_uncertain --format datapackage", ["simulate", uncertain, "--draws", "4"], fmt="datapackage")
    # diff (exit status 1 when the results differ)
    base, tight = saved[(tiny, "base")], saved[(tiny, "tight")]
    infeasible = saved.get((belgium, "austerity-all-open"), base)
    add("diff tiny base tight", ["diff", base, tight], codes=(1,), quiet=False)
    add("diff tiny base base", ["diff", base, base], quiet=False)
    add("diff tiny base, belgium infeasible", ["diff", base, infeasible], codes=(1,), quiet=False)
    add("diff v2 base more-diplomats", ["diff", saved[(v2, "base")], saved[(v2, "more-diplomats")]], codes=(1,),
        quiet=False)
    # sweeps: one and two parameters, an infeasible point; a sharded run and its merge
    add("sweep tiny budget", ["sweep", tiny, "--variant", "tight", "--param",
                              "rules.budget=11000,15000,15020,16000,19500,20000"], records="sweep")
    add("sweep tiny budget --set", ["sweep", tiny, "--variant", "tight", "--param", "rules.budget=15000,20000",
                                    "--set", "posts.PB.annual_cost=5000"], records="sweep-set")
    add("sweep tiny [a+b] accredited in thirds --set", ["sweep", tiny, "--variant", "no-quota+close-pa", "--param",
                                                         "presence.accredited=0..1:4", *SET], records="sweep-thirds")
    add("sweep with a failed point (its warning in the JSON)",
        ["sweep", os.path.join(FIXTURES, "tiny", "capacity_flip.yaml"), "--variant", "alternative", "--param",
         "costs.case_cost=100,1e15"], records="sweep")
    add("sweep tiny budget × accredited", ["sweep", tiny, "--variant", "tight", "--param", "rules.budget=15000,20000",
                                           "--param", "presence.accredited=0.2,0.6"], records="sweep2")
    add("sweep caribbean-services weight", ["sweep", os.path.join(SCENARIOS, "tutorial", "caribbean-services.yaml"),
                                            "--param", "criteria.geopolitical.weight=0..40000:5"], records="sweep-v2")
    shards = [add(f"sweep tiny budget shard {i}/2",
                  ["sweep", tiny, "--variant", "tight", "--param", "rules.budget=11000..20000:7", "--shard", f"{i}/2"],
                  records=f"sweep-shard{i}")[1] for i in range(2)]
    merged = os.path.join(work, "sweep-merged.jsonl")
    add("merge sweep shards", ["merge"] + shards + ["--into", merged], quiet=False)
    # simulations: a small number of draws; infeasible and failing draws; shards and merge
    add("simulate tiny_uncertain", ["simulate", uncertain, "--draws", "20"], records="simulation")
    add("simulate with a range stated, not drawn", ["simulate", files["uncertain-stated"], "--draws", "4"], records="simulation-stated")
    add("simulate --draw-stated", ["simulate", files["uncertain-stated"], "--draws", "4", "--draw-stated"], records="simulation-drew")
    add("simulate with infeasible and failing draws",
        ["simulate", files["uncertain-failing"], "--variants", "base,high-accredited,no-money", "--draws", "6"],
        records="simulation-failing")
    add("simulate with two shocks on a country --set", ["simulate", files["uncertain-shocks"], "--draws", "4", *SET],
        records="simulation-shocks")
    shards = [add(f"simulate tiny_uncertain shard {i}/2",
                  ["simulate", uncertain, "--draws", "6", "--shard", f"{i}/2"], records=f"simulation-shard{i}")[1]
              for i in range(2)]
    add("merge simulation shards", ["merge"] + shards + ["--into", os.path.join(work, "simulation-merged.jsonl")],
        quiet=False)
    # coalitions (version 1 and 2; with and without sharing)
    for name in ["pair", "pair-no-deal", "pair-services", "pair-assistance"]:
        add(f"coalition {name}", ["coalition", files[name]])
    add("coalition pair --force", ["coalition", files["pair"], "--force", "A:PA=open"])
    add("coalition pair --tipping", ["coalition", files["pair"], "--tipping", "A:posts.PA.annual_cost", "--post", "A:PA"])
    add("coalition pair --simulate", ["coalition", files["pair-uncertain"], "--simulate"])
    add("coalition pair --simulate --records (a drawn input --set: held)",
        ["coalition", files["pair-uncertain"], "--simulate", "--draws", "8",
         "--set", "B:posts.PB.capacity=90", "--set", "A:posts.PA.annual_cost=800"], records="coalition-simulation")
    add("coalition pair --margins", ["coalition", files["pair-uncertain"], "--margins", "A:PA", "--set", "B:posts.PB.capacity=90"])
    add("coalition pair --margins --param", ["coalition", files["pair"], "--margins", "A:PA", "--param", "A:criteria.geo.weight=50..200"])
    add("coalition pair --robust", ["coalition", files["pair"], "--robust", "--weight", "A:geo=80..130", "--weight", "B:geo=90..110",
                                    "--order", "A:geo >= B:geo", "--posts", "A:PA,B:PB", "--samples", "2"])
    add("coalition pair --robust --set (searched)", ["coalition", files["pair"], "--robust", "--weight", "A:geo=80..110",
                                                     "--set", "B:posts.PB.capacity=90"])
    add("coalition pair --simulate --posts --set", ["coalition", files["pair-uncertain"], "--simulate", "--posts", "A:PA,B:PB",
                                                    "--set", "B:posts.PB.capacity=90"])
    # tipping, margins, alternatives, robust, explain
    add("tipping tiny PA budget (found)", ["tipping", tiny, "--variant", "tight", "--post", "PA", "--param",
                                           "rules.budget", "--range", "12000..20000"])
    add("tipping tiny PB budget (none)", ["tipping", tiny, "--variant", "tight", "--post", "PB", "--param",
                                          "rules.budget", "--range", "15000..16000"])
    add("tipping tiny PA budget (no solution below)", ["tipping", tiny, "--variant", "tight", "--post", "PA",
                                                       "--param", "rules.budget", "--range", "5000..16000"])
    add("tipping tiny [tight] budget --set (the variant's and --set's value replaced: warnings)",
        ["tipping", tiny, "--variant", "tight", "--post", "PA", "--param", "rules.budget", "--range", "12000..20000",
         "--set", "rules.budget=16000"])
    add("tipping tiny [a+b] PB cost --set", ["tipping", tiny, "--variant", "no-quota+close-pa", "--post", "PB",
                                             "--param", "posts.PB.annual_cost", "--range", "3000..12000", *SET])
    add("margins tiny_uncertain", ["margins", uncertain, "--variants", "no-quota", "--baseline", "base"])
    add("margins tiny [a+b] --set", ["margins", tiny, "--variants", "no-quota+close-pa", "--baseline", "base",
                                     "--param", "posts.PB.annual_cost", *SET])
    add("margins v2 diplomats", ["margins", v2, "diplomats", "--param", "rules.max_diplomats"])
    add("margins --across", ["margins", tiny, "--variants", "no-quota+close-pa", "--baseline", "base",
                             "--param", "posts.PB.annual_cost", "--across", "posts.PC.annual_cost=1500..3500:3", *SET])
    add("margins --answers lead,budget", ["margins", os.path.join(FIXTURES, "tiny", "budget_flips_and_returns.yaml"), "pa",
                                          "--answers", "lead,budget"])
    add("margins --answers budget --across", ["margins", os.path.join(FIXTURES, "tiny", "budget_flips_and_returns.yaml"), "pa",
                                              "--answers", "budget", "--param", "posts.PB.annual_cost", "--across", "criteria.g.weight=500..800:4"])
    add("margins --pairs", ["margins", os.path.join(FIXTURES, "tiny", "pair_flip.yaml"), "pa", "--pairs"])
    add("margins --pairs with a range stated, not drawn", ["margins", files["pair-stated"], "pa", "--pairs"])
    add("margins --pairs --set", ["margins", os.path.join(FIXTURES, "tiny", "pair_flip.yaml"), "pa", "--pairs",
                                  "--set", "posts.PA.close_cost=4000"])
    add("alternatives tiny diversity", ["alternatives", tiny, "--variant", "no-quota", "--count", "3",
                                        "--slack", "50%"], records="alternatives")
    add("alternatives tiny around", ["alternatives", tiny, "--around", "PB,PA", "--count", "1"],
        records="alternatives-around")
    add("alternatives v2", ["alternatives", v2, "--count", "2"])
    add("alternatives tiny [a+b] --set", ["alternatives", tiny, "--variant", "no-quota+close-pa", "--count", "2",
                                          "--slack", "50%", *SET], records="alternatives-set")
    add("robust tiny", ["robust", tiny, "--weight", "geopolitical=500..1500", "--weight", "economic=250..750",
                        "--order", "geopolitical >= economic", "--samples", "4"])
    add("robust tiny --no-proof", ["robust", tiny, "--weight", "geopolitical=500..1500", "--samples", "2",
                                   "--no-proof"])
    add("robust tiny [a+b] --set", ["robust", tiny, "--variant", "no-quota+close-pa", "--weight",
                                    "geopolitical=500..1500", "--weight", "economic=250..750", "--samples", "2", *SET])
    add("attribute tiny", ["attribute", tiny, "--pair", "base,close-pa", "--lines", "no-quota,tight"])
    add("attribute tiny --set", ["attribute", tiny, "--pair", "base,close-pa", "--lines", "no-quota", *SET])
    add("explain tiny", ["explain", tiny])
    add("explain tiny [a+b] --set", ["explain", tiny, "--variant", "no-quota+close-pa", *SET])
    add("explain tiny [close-pa] (a forced post)", ["explain", tiny, "--variant", "close-pa"])
    add("explain v2", ["explain", v2])
    return out, [merged, os.path.join(work, "simulation-merged.jsonl")]


# the outputs that say which --set changes they were made with (`set`, absent without)
ECHO_SET = {"dipnet/result-1", "dipnet/comparison-1", "dipnet/sweep-1", "dipnet/simulation-1", "dipnet/alternatives-1",
            "dipnet/tipping-1", "dipnet/margins-1", "dipnet/robust-1", "dipnet/explanation-1", "dipnet/run-1",
            "dipnet/coalition-robust-1", "dipnet/attribution-1", "dipnet/margins-frontier-1",
            "dipnet/margins-pairs-1"}


def warning_problems(path, stderr):
    """A JSON output's `warnings` must be the warnings its run printed, in order (absent when none)."""
    if not path.endswith(".json") or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    if not isinstance(doc, dict) or doc.get("format") == "dipnet/datapackage-1":
        return []
    # a file's warnings are located (FILE:LINE:COL: warning: …); a run's are not (warning: …)
    printed = [line for line in stderr.splitlines() if ": warning: " in line or line.startswith("warning: ")]
    written = doc.get("warnings", [])
    if written != printed:
        return [f"$.warnings: {written!r}, but the run printed {printed!r}"]
    if written and list(doc)[-1] != "warnings":
        return ["$.warnings is not the last key"]
    return []


def echo_problems(argv, path, records):
    """What the schemas cannot know about one run: `set` is exactly the --set changes
    given (absent without), `variant` the --variant given (`a+b` as written), and a
    summary agrees with its records file (a sweep's points have exactly the records'
    values; a simulation's counts are the records')."""
    sets = [argv[i + 1] for i, a in enumerate(argv) if a == "--set"] or None
    variant = argv[argv.index("--variant") + 1] if "--variant" in argv else None
    docs = []
    for p in [path] + ([records + ".run.json"] if records else []):
        try:
            with open(p, encoding="utf-8") as fh:
                docs.append((os.path.basename(p), strict_json(fh.read())))
        except (OSError, ValueError):
            pass  # reported by check_path
    out = []
    for name, doc in docs:
        if not isinstance(doc, dict) or doc.get("format") not in ECHO_SET:
            continue
        if doc.get("set") != sets:
            out.append(f"{name}: $.set: {doc.get('set')!r}, but the --set changes were {sets!r}")
        if variant and "variant" in doc and doc["variant"] != variant:
            out.append(f"{name}: $.variant: {doc['variant']!r}, but --variant was {variant!r}")
    if not records or not docs or not isinstance(docs[0][1], dict):
        return out
    summary = docs[0][1]
    try:
        with open(records, encoding="utf-8") as fh:
            lines = [strict_json(line) for line in fh]
    except (OSError, ValueError):
        return out
    if summary.get("format") == "dipnet/sweep-1":
        got = [p["values"] for p in summary["points"]]
        want = [r["values"] for r in sorted(lines, key=lambda r: r["point"])]
        if got != want:
            out.append(f"$.points[].values: {got}, but the records have {want}")
    elif summary.get("format") == "dipnet/simulation-1":
        if summary["draws"] != len({r["draw"] for r in lines}):
            out.append(f"$.draws: {summary['draws']}, but the records have {len({r['draw'] for r in lines})} draws")
        for i, v in enumerate(summary["variants"]):
            solved = sum(1 for r in lines if r["variant"] == v["variant"] and "net_benefit" in r)
            if v["solved"] != solved:
                out.append(f"$.variants[{i}].solved: {v['solved']}, but {solved} records of it have a solution")
    return out


def run(dipnet, argv, attempts=3):
    """Runs dipnet; waits and retries when the binary is being replaced (a build)."""
    for attempt in range(attempts):
        try:
            return subprocess.run([dipnet] + argv, capture_output=True, text=True, cwd=ROOT)
        except OSError as e:  # ETXTBSY, ENOENT while the binary is rewritten
            if attempt == attempts - 1:
                raise
            print(f"note: {dipnet}: {e.strerror}; retrying in 60 s", flush=True)
            time.sleep(60)


# ---------------------------------------------------------------- self-test

def numbers(doc, path=()):
    """Paths of the numeric leaves of a document."""
    if isinstance(doc, bool):
        return
    if isinstance(doc, (int, float)):
        yield path
    elif isinstance(doc, dict):
        for k, v in doc.items():
            yield from numbers(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from numbers(v, path + (i,))


def object_arrays(doc, path=()):
    """Paths of the first object of every array of objects."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from object_arrays(v, path + (k,))
    elif isinstance(doc, list):
        if doc and isinstance(doc[0], dict) and doc[0]:
            yield path + (0,)
        for i, v in enumerate(doc):
            yield from object_arrays(v, path + (i,))


def at(doc, path):
    for k in path:
        doc = doc[k]
    return doc


def mutated(doc, path, change):
    """A copy of doc with change(parent, key) applied at path."""
    d = copy.deepcopy(doc)
    change(at(d, path[:-1]), path[-1])
    return d


def set_to(value):
    def f(parent, key):
        parent[key] = value
    return f


def drop(parent, key):
    del parent[key]


def jpath(path):
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)


def generic_mutations(doc, schema):
    """Mutations any schema must reject."""
    out = []
    for key in schema.get("required", []):
        if key in doc:
            out.append((f"drop required {jpath((key,))}", mutated(doc, (key,), drop)))
    out.append(("add an unknown key at $", {**doc, "unexpected_key": 1}))
    out.append(("format of another version", {**doc, "format": doc["format"][:-1] + "2"}))
    out.append(("dipnet_version not a version", {**doc, "dipnet_version": 5}))
    leaves = list(numbers(doc))
    step = max(1, len(leaves) // 12)
    for p in leaves[::step][:12]:
        out.append((f"number written as a string at {jpath(p)}", mutated(doc, p, set_to(str(at(doc, p))))))
    for p in list(object_arrays(doc))[:12]:
        first = next(iter(at(doc, p)))
        out.append((f"drop {jpath(p + (first,))}", mutated(doc, p + (first,), drop)))
        out.append((f"unknown key in {jpath(p)}", mutated(doc, p + ("unexpected_key",), set_to(1))))
    return out


def first(doc, key, test):
    """Index of the first item of doc[key] that passes test, else None."""
    return next((i for i, x in enumerate(doc.get(key) or []) if test(x)), None)


# integer keys (written without a fraction) by kind; the mutation writes them as N.0
INTEGERS = {
    "sweep": [("closure_order", 0, "rank")],
    "simulation": [("seed",), ("draws",), ("variants", 0, "solved")],
    "tipping": [("more_flips",), ("solves",)],
    "margins": [("solves",), ("rows", 0, "solves")],
    "attribution": [("solves",)],
    "robust": [("weight_vectors",), ("solves",)],
    "coalition-robust": [("weight_vectors",), ("solves",)],
    "run": [("points",), ("existing_posts",), ("seed",), ("draws",), ("count",), ("chains",)],
    "sweep-record": [("point",)],
    "simulation-record": [("draw",)],
    "alternatives-record": [("job",), ("index",)],
}


def particular_mutations(doc):
    """Mutations that need to know the kind: the rules the schemas encode beyond types,
    and the shapes outputs had before (an old spelling must not validate again)."""
    kind = doc["format"].split("/")[1].rsplit("-", 1)[0]
    m = []

    def add(what, path, change):
        if None in path:
            return
        try:
            m.append((what, mutated(doc, path, change)))
        except (KeyError, IndexError, TypeError):
            pass
    for path in INTEGERS.get(kind, []):
        try:
            value = at(doc, path)
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            add(f"integer written with a fraction at {jpath(path)}", path, set_to(float(value)))
    if "set" in doc:
        add("set empty", ("set",), set_to([]))
        add("set change without =", ("set", 0), set_to("posts.PA.annual_cost"))
        add("set as one string", ("set",), set_to(",".join(doc["set"])))
    if kind == "result":
        add("demand null", ("demand",), set_to(None))
        if doc.get("has_solution"):
            add("has_solution but net_benefit null", ("net_benefit",), set_to(None))
            add("has_solution but citizen_burden null", ("citizen_burden",), set_to(None))
            add("has_solution but solver_objective null", ("solver_objective",), set_to(None))
            add("status not a status", ("status",), set_to("Optimal"))
            add("presence not a presence", ("countries", 0, "presence"), set_to("embassy"))
            add("handler with a blank", ("countries", 0, "handled", "P A"), set_to(1.0))
            add("coverage above 1", ("coverage",), set_to(1.5))
            add("negative cost", ("cost", "running"), set_to(-1.0))
            add("diagnosis with a solution", ("diagnosis",), set_to([]))
            add("violation without its rule", ("violations",), set_to(["no rule here"]))
            burden = doc.get("citizen_burden") or {}
            if burden.get("cases_from_abroad"):
                add("cases from abroad without a mean distance", ("citizen_burden", "mean_distance_km"), set_to(None))
            else:
                add("no mean distance but cases from abroad", ("citizen_burden", "cases_from_abroad"), set_to(5.0))
            if "income" in doc:
                add("version 2 country without full_value", ("countries", 0, "full_value"), drop)
                add("version 2 without diplomats", ("diplomats",), drop)
            else:
                add("version 1 result with a version 2 key", ("income",), set_to(0.0))
                add("version 1 country with a version 2 key", ("countries", 0, "full_value"), set_to(0.0))
        else:
            add("no solution but a net benefit", ("net_benefit",), set_to(1.0))
            add("no solution but countries", ("countries",), set_to([{"id": "X"}]))
            add("no solution but optimal", ("status",), set_to("optimal"))
            add("diagnosis kind unknown", ("diagnosis", 0, "kind"), set_to("guess"))
            add("no solution but a citizen burden", ("citizen_burden",),
                set_to({"cases_from_abroad": 0.0, "mean_distance_km": None, "cases_to_partners": 0.0}))
            add("no solution but a rule checked", ("rules",),
                set_to([{"rule": "budget", "limit": 1.0, "actual": 2.0, "satisfied": False, "message": "over"}]))
            add("no solution but a violation", ("violations",), set_to(["budget: over"]))
            add("no solution but a solver objective", ("solver_objective",), set_to(1.0))
            add("no solution without rules (the old shape)", ("rules",), drop)
    elif kind == "comparison":
        add("baseline with a nonzero delta", ("variants", 0, "delta", "net_benefit"), set_to(5.0))
        add("metric missing", ("variants", 0, "cost_total"), drop)
        add("old key cases_abroad", ("variants", 0, "cases_abroad"), set_to(0.0))
        add("old key cases_partners in delta", ("variants", 0, "delta", "cases_partners"), set_to(0.0))
        add("old decision spelling `not opened`", ("decisions_that_differ", 0, "decisions", doc["baseline"]),
            set_to("not opened"))
        add("old decision spelling `open`", ("decisions_that_differ", 0, "decisions", doc["baseline"]), set_to("open"))
        add("old flat decisions item", ("decisions_that_differ", 0),
            set_to({"post": "PA", doc["baseline"]: "kept", "other": "closed"}))
        add("old flat presence item", ("presence_that_differs", 0),
            set_to({"country": "A", doc["baseline"]: "resident", "other": "none"}))
        add("presence not a presence", ("presence_that_differs", 0, "presence", doc["baseline"]), set_to("embassy"))
        add("decisions of one variant only", ("decisions_that_differ", 0, "decisions"),
            set_to({doc["baseline"]: "kept"}))
        i = first(doc, "variants", lambda v: (v.get("cases_from_abroad") or 0) > 0)
        add("cases from abroad without a mean distance", ("variants", i, "mean_distance_km"), set_to(None))
        i = first(doc, "variants", lambda v: v.get("mean_distance_km") is None and v.get("cases_from_abroad") == 0)
        add("no mean distance but cases from abroad", ("variants", i, "cases_from_abroad"), set_to(5.0))
        i = first(doc, "variants", lambda v: v.get("status") == "infeasible")
        add("infeasible but a net benefit", ("variants", i, "net_benefit"), set_to(1.0))
    elif kind in ("sweep-record", "simulation-record", "alternatives-record"):
        if doc.get("status") == "error":
            add("error status without error", ("error",), drop)
        else:
            add("error without error status", ("error",), set_to("no reason"))
            add("error status without error", ("status",), set_to("error"))
        add("missing value written as null", ("net_benefit",), set_to(None))
        add("NaN written as a string", ("net_benefit",), set_to("nan"))
        if doc.get("status") == "optimal":
            add("solved record without net_benefit", ("net_benefit",), drop)
        if kind == "simulation-record":
            add("old shock name shock[0].D", ("drawn", "shock[0].D"), set_to(1))
            add("first shock numbered #1", ("drawn", "shock:D#1"), set_to(1))
            add("per-id parameter listed", ("drawn", "countries.*.demand"), set_to(1.0))
    elif kind == "run":
        add("scenario_hash not a hash", ("scenario_hash",), set_to("abc"))
        add("kind unknown", ("kind",), set_to("tipping"))
        add("another kind's key", ("seed" if doc.get("kind") != "simulation" else "slack",), set_to(1))
        if doc.get("kind") == "simulation":
            add("old shock name in parameters", ("parameters",), set_to(doc["parameters"] + ["shock[0].D"]))
            add("a parameter twice", ("parameters",), set_to(doc["parameters"] + doc["parameters"][:1]))
    elif kind == "diff":
        if doc.get("same"):
            add("same but a post now open", ("now_open",), set_to(["PA"]))
        else:
            add("same but something differs", ("same",), set_to(True))
        add("figure unknown", ("figures", 0, "figure"), set_to("nett_benefit"))
        add("version 2 figure unknown", ("figures", 0, "figure"), set_to("services.visas.fees"))
        add("version 2 figure of a blank id", ("figures", 0, "figure"), set_to("interests.a b"))
    elif kind == "tipping":
        if doc.get("found"):
            add("found without a bracket", ("below",), set_to(None))
        else:
            add("not found but without a bracket", ("found",), set_to(True))
        add("no scenario", ("scenario",), drop)
        add("no variant", ("variant",), drop)
    elif kind == "explanation":
        add("regret as the old string infeasible", ("posts", 0, "regret"), set_to("infeasible"))
        add("decision spelled open", ("posts", 0, "decision"), set_to("open"))
        add("no forcing_infeasible", ("posts", 0, "forcing_infeasible"), drop)
        add("no currency", ("currency",), drop)
        i = first(doc, "posts", lambda p: p.get("forcing_infeasible"))
        add("forcing infeasible but a regret", ("posts", i, "regret"), set_to(100.0))
        add("forcing infeasible for a forced post", ("posts", i, "forced"), set_to("open"))
        i = first(doc, "posts", lambda p: p.get("forced"))
        add("forced post with a regret", ("posts", i, "regret"), set_to(100.0))
        i = first(doc, "posts", lambda p: isinstance(p.get("regret"), (int, float)))
        add("a regret and forcing infeasible", ("posts", i, "forcing_infeasible"), set_to(True))
    elif kind in ("robust", "coalition-robust"):
        add("no criteria", ("criteria",), drop)
        add("a criterion twice", ("criteria",), set_to(doc["criteria"] + doc["criteria"][:1]))
        i = first(doc, "posts", lambda p: p.get("class") != "borderline")
        add("core or exterior post with a weight vector", ("posts", i, "open_at"), set_to([1.0] * len(doc["criteria"])))
        i = first(doc, "posts", lambda p: p.get("class") == "borderline")
        add("borderline post without a weight vector", ("posts", i, "closed_at"), set_to(None))
    elif kind == "margins":
        add("no scenario", ("scenario",), drop)
    elif kind == "attribution":
        add("no lines", ("lines",), set_to([]))
    elif kind == "coalition":
        add("fair split rule missing", ("fair_split", "equal"), drop)
        add("no currency", ("currency",), drop)
    elif kind == "simulation":
        add("wins above 1", ("variants", 0, "wins"), set_to(2.0))
    return m


def consistency_mutations(doc):
    """Mutations that break what `consistency` checks (relations inside one output)."""
    kind = doc["format"].split("/")[1].rsplit("-", 1)[0]
    m = []

    def add(what, path, change):
        if None in path:
            return
        try:
            m.append((what, mutated(doc, path, change)))
        except (KeyError, IndexError, TypeError):
            pass
    if kind == "comparison":
        add("decisions keyed by an unknown variant", ("decisions_that_differ", 0, "decisions", "nonesuch"),
            set_to("kept"))
        add("presence keys in another order", ("presence_that_differs", 0, "presence"),
            lambda parent, key: parent.__setitem__(key, dict(reversed(list(parent[key].items())))))
        if len(doc["variants"]) > 1:
            add("a delta that is not the difference", ("variants", 1, "delta", "value"),
                lambda parent, key: parent.__setitem__(key, None if parent[key] is None else parent[key] + 7.0))
            i = first(doc, "variants", lambda v: v.get("net_benefit") is not None)
            add("a null delta of two figures", ("variants", i, "delta", "net_benefit"), set_to(None))
            j = first(doc, "variants", lambda v: (v.get("effect") or {}).get("cost_total") not in (None, 0))
            add("an effect of a cost with the delta's sign", ("variants", j, "effect", "cost_total"),
                lambda parent, key: parent.__setitem__(key, -parent[key]))
            add("an effect of a figure with no better side", ("variants", 1, "effect", "posts_open"), set_to(0.0))
    elif kind in ("robust", "coalition-robust"):
        if kind == "coalition-robust":
            add("a post without its state", ("posts", 0, "post"), lambda parent, key: parent.__setitem__(key, parent[key].split(":")[-1]))
            add("a weight without its state", ("criteria", 0), lambda parent, key: parent.__setitem__(key, parent[key].split(":")[-1]))
        add("a vertex with a weight too many", ("vertices", 0),
            lambda parent, key: parent.__setitem__(key, parent[key] + [1.0]))
        add("criteria not the keys of weights", ("criteria",),
            lambda parent, key: parent.__setitem__(key, list(reversed(parent[key])) + ["extra"]))
    elif kind == "alternatives":
        i = first(doc, "alternatives", lambda a: a.get("net_benefit") is not None)
        add("an alternative that is the optimum's network", ("alternatives", i),
            lambda parent, key: parent[key].update(open=list(doc["optimum"]["open"]), changed=[]))
        if i is not None:
            add("an alternative twice", ("alternatives",),
                lambda parent, key: parent.__setitem__(key, parent[key] + [parent[key][i]]))
        add("changed that is not the difference", ("alternatives", i, "changed"), set_to([]))
        add("an alternative better than the optimum", ("alternatives", i, "net_benefit"),
            set_to(doc["optimum"]["net_benefit"] + 1000.0))
        if doc.get("slack"):
            add("an alternative beyond the slack", ("alternatives", i, "net_benefit"),
                set_to(doc["optimum"]["net_benefit"] - 2 * doc["slack"] * abs(doc["optimum"]["net_benefit"]) - 1000.0))
    elif kind == "margins" and doc.get("answers"):
        a = doc["answers"][0]
        g = next((k for k in ("flips_inside_stated", "flips_outside_stated", "flips_no_range_stated", "flips_into_tie") if a[k]), None)
        if g is not None:
            add("a flip left out of the summary", ("answers", 0, g), set_to(a[g][1:]))
            add("a flip of a row that is not there", ("answers", 0, g, 0, "input"), set_to("posts.NONESUCH.capacity"))
            add("a row without a flip counted too", ("answers", 0, "no_flip"), lambda parent, key: parent.__setitem__(key, parent[key] + 1))
        add("an answer too many", ("answers",), lambda parent, key: parent.__setitem__(key, parent[key] + parent[key][:1]))
    elif kind == "sweep":
        add("closure value not a point's (not exact)", ("closure_order", 0, "value"),
            lambda parent, key: parent.__setitem__(key, parent[key] * (1 + 1e-12) + 1e-12))
        if len(doc["parameters"]) == 1:
            add("a point with a value too many", ("points", 0, "values"),
                lambda parent, key: parent.__setitem__(key, parent[key] + [1.0]))
    return m


def shape(doc):
    """What tells outputs of one format apart (one of each shape is mutated)."""
    posts = doc.get("posts") if isinstance(doc.get("posts"), list) else []
    return (doc.get("format"), doc.get("has_solution"), "income" in doc, doc.get("status"), doc.get("kind"),
            doc.get("found"), doc.get("same"), "set" in doc,
            any(isinstance(p, dict) and p.get("forcing_infeasible") for p in posts),
            any(isinstance(p, dict) and p.get("forced") for p in posts),
            any("#" in k for k in doc.get("drawn") or {}))


def trimmed(schemas, doc):
    """A large result with its first countries only (validating belgium's 80 KB
    result for each of its mutations would take seconds), if that is still valid."""
    if doc.get("format") != "dipnet/result-1" or len(doc.get("countries") or []) <= 3:
        return doc
    small = {**doc, "countries": doc["countries"][:3]}
    return small if not errors(schemas, small) else doc


def self_test(schemas, docs):
    """Every mutation of the valid documents must be rejected; NaN must not parse."""
    failed = tried = 0
    seen = {}
    for label, doc in sorted(docs, key=lambda d: len(json.dumps(d[1]))):  # the smallest of each shape
        seen.setdefault(shape(doc), (label, doc))
    docs = [(label, trimmed(schemas, doc)) for label, doc in seen.values()]
    for label, doc in docs:
        _, validator = schemas[doc["format"]]
        mutations = generic_mutations(doc, validator.schema) + particular_mutations(doc) + consistency_mutations(doc)
        for what, bad in mutations:
            tried += 1
            if not errors(schemas, bad):
                print(f"FAIL self-test {label}: accepted a mutation: {what}")
                failed += 1
    # the checks beyond one document: a records file against its header, an output against
    # the command line (each case: should it find a problem?)
    sweep = {"kind": "sweep", "parameters": ["presence.accredited"], "values": [[0, 0.3333333333333333]], "points": 2}
    simulation = {"kind": "simulation", "parameters": ["posts.PB.annual_cost", "shock:D", "shock:D#2"]}
    cases = [
        ("sweep record with its grid point", False, record_problems(sweep, [(1, {"point": 1, "values": [1 / 3]})])),
        ("sweep record with a rounded value", True, record_problems(sweep, [(1, {"point": 1, "values": [0.333333]})])),
        ("sweep record beyond the grid", True, record_problems(sweep, [(1, {"point": 2, "values": [0]})])),
        ("draw with the header's names", False, record_problems(simulation, [(1, {"drawn": {"shock:D#2": 1}})])),
        ("draw with an old shock name", True, record_problems(simulation, [(1, {"drawn": {"shock[1].D": 1}})])),
    ]
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "out.json")
        for what, doc, argv, want in [
            ("set as given", {"set": ["a.b=1"], "variant": "x+y"}, ["--set", "a.b=1", "--variant", "x+y"], False),
            ("set missing", {"variant": "x+y"}, ["--set", "a.b=1", "--variant", "x+y"], True),
            ("set without --set", {"set": ["a.b=1"]}, [], True),
            ("set in another order", {"set": ["c=2", "a.b=1"]}, ["--set", "a.b=1", "--set", "c=2"], True),
            ("variant not as given", {"variant": "y+x"}, ["--variant", "x+y"], True),
        ]:
            with open(path, "w", encoding="utf-8") as fh:
                json.dump({"format": "dipnet/tipping-1", **doc}, fh)
            cases.append((what, want, echo_problems(argv, path, None)))
    for what, want, found in cases:
        tried += 1
        if bool(found) != want:
            print(f"FAIL self-test: {what}: " + (f"{found[0]}" if found else "no problem found"))
            failed += 1
    for text in ['{"net_benefit": NaN}', '{"x": Infinity}', '{"a": 1, "a": 2}']:
        tried += 1
        try:
            strict_json(text)
            print(f"FAIL self-test: parsed {text}")
            failed += 1
        except ValueError:
            pass
    print(f"{'ok  ' if not failed else 'FAIL'} self-test: {tried - failed} of {tried} mutations rejected "
          f"({len(docs)} outputs, {len({d['format'] for _, d in docs})} formats)")
    return failed


# ---------------------------------------------------------------- main

def check_path(path, label, schemas, used, version, docs):
    """Checks one output file (or records file); prints its line; returns failures."""
    if is_records(path):
        problems, lines = check_records(path, schemas, used, version)
        what = f"{lines} records + run header"
        if not problems:
            with open(path + ".run.json", encoding="utf-8") as fh:
                docs.append((label + " (run header)", strict_json(fh.read())))
            with open(path, encoding="utf-8") as fh:
                for i, line in enumerate(fh, 1):
                    if i <= 3:
                        docs.append((f"{label} line {i}", strict_json(line)))
    else:
        problems, doc = check_json(path, schemas, used, version)
        what = doc.get("format", "?") if isinstance(doc, dict) else "?"
        if not problems:
            docs.append((label, doc))
    if problems:
        where = label if os.path.basename(path) in label else f"{label} ({os.path.basename(path)})"
        for p in problems[:20]:
            print(f"FAIL {where}: {p}")
        if len(problems) > 20:
            print(f"FAIL {label}: … and {len(problems) - 20} more")
        return 1
    print(f"ok   {label}: {what}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dipnet", default=".build/debug/dipnet")
    ap.add_argument("--schemas", default=os.path.join(ROOT, "docs", "schema"))
    ap.add_argument("--self-test", action="store_true", help="also check that the schemas reject broken outputs")
    ap.add_argument("--keep", metavar="DIR", help="write the outputs into DIR and keep them")
    ap.add_argument("files", nargs="*", help="check these outputs only (JSON, or records files with PATH.run.json)")
    args = ap.parse_args()
    started = time.time()
    schemas = load_schemas(args.schemas)
    used, docs = set(), []
    passed = failed = 0

    if args.files:
        for path in args.files:
            bad = check_path(path, path, schemas, used, None, docs)
            failed += bad
            passed += 1 - bad
        if args.self_test:
            failed += self_test(schemas, docs)
        print(f"check_schemas: {passed} passed, {failed} failed")
        return 1 if failed else 0

    dipnet = os.path.abspath(args.dipnet)
    if not os.path.exists(dipnet) and os.path.exists(os.path.join(ROOT, args.dipnet)):
        dipnet = os.path.join(ROOT, args.dipnet)
    if not os.path.exists(dipnet):
        print(f"FAIL no dipnet at {dipnet} (build it, or give --dipnet)")
        return 1
    version = run(dipnet, ["--version"]).stdout.strip().splitlines()[0]  # then the build's lines
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="dipnet-schemas-")
    os.makedirs(work, exist_ok=True)
    try:
        files = derived_files(work)
        todo, merged = jobs(work, files)
        for label, argv, path, codes, records in todo:
            r = run(dipnet, argv)
            if r.returncode not in codes:
                print(f"FAIL {label}: dipnet {' '.join(argv[:2])} … exited {r.returncode}: {r.stderr.strip()[-400:]}")
                failed += 1
                continue
            for p, lab in [(path, label)] + ([(records, label + " --records")] if records else []):
                bad = check_path(p, lab, schemas, used, version, docs)
                failed += bad
                passed += 1 - bad
            echo = echo_problems(argv, path, records) + warning_problems(path, r.stderr)
            for p in echo:
                print(f"FAIL {label}: {p}")
            failed += bool(echo)
        for path in merged:
            bad = check_path(path, f"merge --into {os.path.basename(path)}", schemas, used, version, docs)
            failed += bad
            passed += 1 - bad
        # the golden outputs the unit tests compare against (written by an earlier dipnet)
        for path in sorted(glob.glob(os.path.join(FIXTURES, "golden", "*.json"))):
            bad = check_path(path, os.path.relpath(path, ROOT), schemas, used, None, docs)
            failed += bad
            passed += 1 - bad
        unused = sorted(set(schemas) - used)
        if unused:
            print(f"FAIL no output was checked against {', '.join(unused)}")
            failed += 1
        if args.self_test:
            failed += self_test(schemas, docs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"check_schemas: {passed} outputs passed, {failed} failed, {len(used & set(schemas))} of {len(schemas)} "
          f"schemas used, {time.time() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
