#!/usr/bin/env python3
"""Self-checks of dipnet_ref.py's version 2 reading: variant paths (NOTES.md [B20]-[B25]),
the validation errors of version 2 ([B32]) and CSV ([B30], [B31]); and partner offer ids,
dipnet's extension of the format, in both versions ([B33]).

    python3 tools/reference/selftest_v2.py        -> 'N passed, 0 failed'
"""
import copy
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import dipnet_ref as ref  # noqa: E402

BASE = {
    "dipnet": 2, "name": "selftest",
    "criteria": {"g": {"weight": 100}},
    "presence": {"accredited": 0.4, "represented": 0.1},
    "costs": {"case_cost": 10, "unserved_case_penalty": 50},
    "services": {"documents": {"case_cost": 20}, "visas": {"remote": False, "fee_income": 30}},
    "interests": {"trade": {"accredited": 0.3}, "dialogue": {}},
    "countries": [
        {"id": "A", "lat": 0, "lon": 0, "demand": {"documents": 10, "visas": 20},
         "interests": {"trade": 1000}},
        {"id": "B", "lat": 0, "lon": 5, "demand": {"visas": 4}},
    ],
    "posts": [
        {"id": "PA", "country": "A", "status": "existing", "capacity": 100, "covers": ["B"]},
        {"id": "PB", "country": "B", "status": "candidate", "capacity": 50, "case_cost": 7},
    ],
    "partners": [{"country": "B", "by": "ESP", "capacity": 5, "fee": {"visas": 3}}],
}

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def data_after(variants, name="v", base=BASE):
    doc = copy.deepcopy(base)
    doc["variants"] = variants
    ref.apply_variant(doc, name, variants)
    problems = ref.validate(doc)
    assert not problems, problems
    return ref.Data(doc), doc


def raises(variants, name="v", base=BASE):
    doc = copy.deepcopy(base)
    doc["variants"] = variants
    try:
        ref.apply_variant(doc, name, variants)
    except ref.ScenarioError:
        return True
    return bool(ref.validate(doc))


# --- defaults after the variant's other changes [B20]
d, _ = data_after({"v": {"set": {"presence.accredited": 0.7}}})
check("interest share follows presence", d.beta_acc["dialogue"] == 0.7 and d.beta_acc["trade"] == 0.3)
d, _ = data_after({"v": {"scale": {"interests.dialogue.represented": 2}}})
check("scale absent share scales presence.represented", abs(d.beta_rep["dialogue"] - 0.2) < 1e-12)
d, _ = data_after({"p": {"scale": {"services.visas.case_cost": 3}},
                   "v": {"extends": "p", "set": {"costs.case_cost": 4}}})
check("lazy default through extends", d.g_s["visas"] == 12, d.g_s)
d, _ = data_after({"v": {"scale": {"posts.PA.case_cost": 2}}})
check("scale absent post case_cost scales every service",
      d.g[("PA", "documents")] == 40 and d.g[("PA", "visas")] == 20, d.g)
d, _ = data_after({"v": {"scale": {"posts.PA.case_cost.visas": 0.5}}})
check("scale absent case_cost.s", d.g[("PA", "visas")] == 5 and d.g[("PA", "documents")] == 20)
# --- a path into case_cost.s / demand.s first expands a plain number [B23]
d, _ = data_after({"v": {"set": {"posts.PB.case_cost.visas": 2}}})
check("case_cost number expanded", d.g[("PB", "visas")] == 2 and d.g[("PB", "documents")] == 7)
d, _ = data_after({"v": {"set": {"posts.PB.case_cost": 50, "posts.PB.case_cost.visas": 5}}})
check("set in the order written", d.g[("PB", "visas")] == 5 and d.g[("PB", "documents")] == 50)
d, _ = data_after({"v": {"set": {"posts.PB.case_cost.visas": 5, "posts.PB.case_cost": 50}}})
check("set in the order written (reversed)", d.g[("PB", "visas")] == 50)
one = copy.deepcopy(BASE)
one["services"] = {"visas": {}}
one["countries"][0]["demand"] = 12
one["countries"][1]["demand"] = 3
one["posts"][1].pop("case_cost")
one["partners"][0]["fee"] = 3
d, doc = data_after({"v": {"scale": {"countries.A.demand.visas": 2}}}, base=one)
check("demand number expanded", doc["countries"][0]["demand"] == {"visas": 24} and d.D[("A", "visas")] == 24)
# --- scale countries.X.demand scales every service
d, _ = data_after({"v": {"scale": {"countries.A.demand": 3}}})
check("demand scales every service", d.D[("A", "documents")] == 30 and d.D[("A", "visas")] == 60)
# --- * for any id [B22]
d, _ = data_after({"v": {"scale": {"countries.*.interests.trade": 0}}})
check("* countries, interests off", d.Ival["A"]["trade"] == 0)
d, _ = data_after({"v": {"set": {"services.*.fee_income": 5}}})
check("* services", d.f_s == {"documents": 5, "visas": 5})
d, _ = data_after({"v": {"set": {"posts.*.case_cost.*": 9}}})
check("* twice", all(v == 9 for v in d.g.values()))
d, _ = data_after({"v": {"set": {"rules.min_coverage.*": 0.5}}})
check("* in min_coverage", d.rules["min_coverage"] == {"documents": 0.5, "visas": 0.5})
d, _ = data_after({"v": {"set": {"interests.*.represented": 0.9}}})
check("* interests", d.beta_rep == {"trade": 0.9, "dialogue": 0.9})
# --- the implicit service may be named
imp = copy.deepcopy(one)
imp.pop("services")
imp["countries"][0]["demand"] = {"consular": 12}
d, doc = data_after({"v": {"set": {"services.consular.fee_income": 8}}}, base=imp)
check("implicit service named", d.T == ["consular"] and d.f_s["consular"] == 8 and d.D[("A", "consular")] == 12)
# --- paths that name nothing
check("undeclared service in path", raises({"v": {"set": {"countries.A.demand.passports": 1}}}))
check("undeclared interest in path", raises({"v": {"set": {"interests.foo.accredited": 0.1}}}))
check("absent rule under scale", raises({"v": {"scale": {"rules.max_diplomats": 2}}}))
check("set creates an absent rule", not raises({"v": {"set": {"rules.max_diplomats": 2}}}))
check("scale of a boolean", raises({"v": {"scale": {"services.visas.remote": 2}}}))
num_cov = copy.deepcopy(BASE)
num_cov["rules"] = {"min_coverage": 0.5}
check("min_coverage.s into a number", raises({"v": {"set": {"rules.min_coverage.visas": 0.2}}}, base=num_cov))
check("number demand with two services", raises({"v": {"set": {"countries.B.demand": 4}}}))

# --- validation errors [B32]
def invalid(mutate):
    doc = copy.deepcopy(BASE)
    mutate(doc)
    return bool(ref.validate(doc))


check("valid base", not invalid(lambda d: None))
check("services {}", invalid(lambda d: d.__setitem__("services", {})))
check("services null", invalid(lambda d: d.__setitem__("services", None)))
check("undeclared service in post", invalid(lambda d: d["posts"][0].__setitem__("services", ["x"])))
check("post offering no service", invalid(lambda d: d["posts"][0].__setitem__("services", [])))
check("undeclared service in partner", invalid(lambda d: d["partners"][0].__setitem__("services", ["x"])))
check("fee mapping unknown service", invalid(lambda d: d["partners"][0].__setitem__("fee", {"x": 1})))
check("case_cost mapping unknown service", invalid(lambda d: d["posts"][0].__setitem__("case_cost", {"x": 1})))
check("demand unknown service", invalid(lambda d: d["countries"][0].__setitem__("demand", {"x": 1})))
check("number demand, two services", invalid(lambda d: d["countries"][0].__setitem__("demand", 5)))
check("undeclared interest", invalid(lambda d: d["countries"][0].__setitem__("interests", {"x": 1})))
check("unknown presence level", invalid(lambda d: d["posts"][0].__setitem__("presence", "honorary")))
check("min_coverage unknown service", invalid(lambda d: d.__setitem__("rules", {"min_coverage": {"x": 0.5}})))
check("min_coverage share > 1", invalid(lambda d: d.__setitem__("rules", {"min_coverage": {"visas": 1.5}})))
check("negative diplomats", invalid(lambda d: d["posts"][0].__setitem__("diplomats", -1)))
check("negative max_diplomats", invalid(lambda d: d.__setitem__("rules", {"max_diplomats": -1})))
check("unknown service key", invalid(lambda d: d["services"]["visas"].__setitem__("label", "x")))
check("remote not boolean", invalid(lambda d: d["services"]["visas"].__setitem__("remote", "no")))
check("interest share > 1", invalid(lambda d: d["interests"]["trade"].__setitem__("accredited", 2)))
check("v1 file with services", invalid(lambda d: d.__setitem__("dipnet", 1)))
check("version 3", invalid(lambda d: d.__setitem__("dipnet", 3)))


# --- CSV [B30] [B31]
def csv_doc(countries_csv, posts_csv="id,country,status,capacity\nPA,A,existing,100\n",
            partners_csv="country,by,capacity\n"):
    tmp = tempfile.mkdtemp()
    for fname, text in (("c.csv", countries_csv), ("p.csv", posts_csv), ("r.csv", partners_csv)):
        with open(os.path.join(tmp, fname), "w") as fh:
            fh.write(text)
    doc = copy.deepcopy(BASE)
    doc["countries"], doc["posts"], doc["partners"] = {"csv": "c.csv"}, {"csv": "p.csv"}, {"csv": "r.csv"}
    problems = []
    ref.expand_tables(doc, tmp, problems)
    return doc, problems + ref.validate(doc)


doc, pr = csv_doc("id,demand_documents,demand_visas,interest_trade\nA,1,2,30\nB,,4,\n")
check("csv per-service demand", not pr and doc["countries"][0]["demand"] == {"documents": 1, "visas": 2}
      and doc["countries"][1]["demand"] == {"visas": 4} and doc["countries"][0]["interests"] == {"trade": 30}, pr)
doc, pr = csv_doc("id,demand,demand_visas\nA,1,2\nB,,4\n")
check("csv plain demand beside demand_<s>", bool(pr))
doc, pr = csv_doc("id,demand_passports\nA,1\nB,2\n")
check("csv undeclared service column", bool(pr))
doc, pr = csv_doc("id,interest_foo\nA,1\nB,2\n")
check("csv undeclared interest column", bool(pr))
doc, pr = csv_doc("id,demand_visas\nA,1\nB,2\n",
                  "id,country,status,capacity,presence,services,diplomats,case_cost,case_cost_visas\n"
                  "PA,A,existing,100,accredited,documents;visas,2,5,3\n",
                  "country,by,capacity,services,fee,fee_documents\nB,ESP,5,visas;documents,4,\nB,FRA,5,,,6\n")
check("csv posts and partners", not pr and doc["posts"][0]["presence"] == "accredited"
      and doc["posts"][0]["services"] == ["documents", "visas"] and doc["posts"][0]["diplomats"] == 2
      and doc["posts"][0]["case_cost"] == {"documents": 5, "visas": 3}
      and doc["partners"][0]["fee"] == 4 and doc["partners"][1]["fee"] == {"documents": 6}, (pr, doc["posts"], doc["partners"]))


# --- partner offer ids (dipnet's extension of the format) [B33]
OFFERS = copy.deepcopy(BASE)
OFFERS["partners"] = [
    {"country": "B", "by": "ESP", "capacity": 5, "fee": {"visas": 3}},            # B:ESP
    {"id": "ESP-VISAS", "country": "B", "by": "ESP", "capacity": 0,
     "services": ["visas"], "presence": False},                                    # explicit
    {"country": "B", "by": "ESP", "capacity": 2, "fee": 4},                        # B:ESP#2
    {"country": "A", "by": "FRA", "capacity": 7},                                  # A:FRA
]
check("derived and explicit ids", ref.offer_ids(OFFERS["partners"]) == ["B:ESP", "ESP-VISAS", "B:ESP#2", "A:FRA"],
      ref.offer_ids(OFFERS["partners"]))
check("#3 for the third", ref.offer_ids([{"country": "B", "by": "X"}] * 3) == ["B:X", "B:X#2", "B:X#3"])
check("offers with ids are valid", not invalid(lambda d: d.__setitem__("partners", copy.deepcopy(OFFERS["partners"]))))


def offers_invalid(mutate, base=OFFERS):
    doc = copy.deepcopy(base)
    mutate(doc["partners"])
    return bool(ref.validate(doc))


check("duplicate explicit id", offers_invalid(lambda r: r[3].__setitem__("id", "ESP-VISAS")))
check("explicit id equal to a derived id", offers_invalid(lambda r: r[3].__setitem__("id", "B:ESP#2")))
check("derived ids that collide", offers_invalid(lambda r: r.append({"country": "B", "by": "ESP#2", "capacity": 1})))
check("duplicate derived id solved by an explicit id",
      not offers_invalid(lambda r: r.append({"id": "ESP-3", "country": "B", "by": "ESP", "capacity": 1})))
for bad in ("ESP VISAS", "ESP.VISAS", "*", "ESP\tVISAS", "ESP\x07", "", 12):
    check(f"invalid id {bad!r}", offers_invalid(lambda r, bad=bad: r[1].__setitem__("id", bad)))
check("id with ':' and '#' is fine", not offers_invalid(lambda r: r[1].__setitem__("id", "B:ESP#visas")))
check("id: null is no id", not offers_invalid(lambda r: r[1].__setitem__("id", None)))

d, doc = data_after({"v": {"set": {"partners.ESP-VISAS.capacity": 2000, "partners.ESP-VISAS.presence": True}}},
                    base=OFFERS)
check("set capacity and presence by explicit id", d.r_cap == [5, 2000, 2, 7] and d.r_pres == [True, True, True, True],
      (d.r_cap, d.r_pres))
d, _ = data_after({"v": {"scale": {"partners.B:ESP#2.capacity": 3, "partners.B:ESP.capacity": 0.5}}}, base=OFFERS)
check("scale capacity by derived ids", d.r_cap == [2.5, 0, 6, 7], d.r_cap)
d, _ = data_after({"v": {"scale": {"partners.*.capacity": 2}}}, base=OFFERS)
check("* scales every offer", d.r_cap == [10, 0, 4, 14], d.r_cap)
d, _ = data_after({"v": {"set": {"partners.*.capacity": 0, "partners.A:FRA.capacity": 9}}}, base=OFFERS)
check("* then one offer, in the order written", d.r_cap == [0, 0, 0, 9], d.r_cap)
d, _ = data_after({"v": {"set": {"partners.B:ESP#2.fee.visas": 1}}}, base=OFFERS)
check("fee.S expands a plain fee", d.r_fee[(2, "visas")] == 1 and d.r_fee[(2, "documents")] == 4, d.r_fee)
d, _ = data_after({"v": {"scale": {"partners.B:ESP#2.fee.documents": 2}}}, base=OFFERS)
check("scale fee.S of a plain fee", d.r_fee[(2, "documents")] == 8 and d.r_fee[(2, "visas")] == 4, d.r_fee)
d, _ = data_after({"v": {"scale": {"partners.B:ESP.fee": 10, "partners.B:ESP#2.fee": 0.5}}}, base=OFFERS)
check("scale fee: mapping and number", d.r_fee[(0, "visas")] == 30 and d.r_fee[(0, "documents")] == 0
      and d.r_fee[(2, "documents")] == 2, d.r_fee)
d, doc = data_after({"v": {"scale": {"partners.A:FRA.fee": 5, "partners.ESP-VISAS.fee.visas": 5}}}, base=OFFERS)
check("scale an absent fee: its default 0", d.r_fee[(3, "visas")] == 0 and d.r_fee[(1, "visas")] == 0
      and doc["partners"][3]["fee"] == 0 and doc["partners"][1]["fee"] == {"visas": 0}, doc["partners"])
d, _ = data_after({"v": {"set": {"partners.*.fee.*": 9}}}, base=OFFERS)
check("* twice in partners.*.fee.*", all(v == 9 for v in d.r_fee.values()) and len(d.r_fee) == 7, d.r_fee)
d, _ = data_after({"v": {"set": {"partners.ESP-VISAS.services": ["visas", "documents"],
                                 "partners.A:FRA.presence": False}}}, base=OFFERS)
check("set services and presence", d.r_svc[1] == ["documents", "visas"] and d.r_pres[3] is False, (d.r_svc, d.r_pres))
d, _ = data_after({"v": {"set": {"partners.ESP-VISAS.presence": None}}}, base=OFFERS)
check("presence: null restores the default true", d.r_pres[1] is True)
d, _ = data_after({"v": {"set": {"partners.B:ESP#2.fee": None}}}, base=OFFERS)
check("fee: null restores the default 0", d.r_fee[(2, "visas")] == 0 and d.r_fee[(2, "documents")] == 0)
check("unknown offer id", raises({"v": {"set": {"partners.B:ESP#3.capacity": 1}}}, base=OFFERS))
check("offer key that cannot be named", raises({"v": {"set": {"partners.A:FRA.country": "B"}}}, base=OFFERS))
check("offer id cannot be set", raises({"v": {"set": {"partners.A:FRA.id": "X"}}}, base=OFFERS))
check("fee of an undeclared service", raises({"v": {"set": {"partners.A:FRA.fee.passports": 1}}}, base=OFFERS))
check("scale of presence", raises({"v": {"scale": {"partners.A:FRA.presence": 2}}}, base=OFFERS))
check("set capacity: null (capacity is required)", raises({"v": {"set": {"partners.A:FRA.capacity": None}}}, base=OFFERS))
check("partners.ID with no key", raises({"v": {"set": {"partners.A:FRA": 1}}}, base=OFFERS))
# the id plays no part in the model or the report
plain = copy.deepcopy(OFFERS)
plain["partners"][1].pop("id")
plain["partners"][2]["id"] = "another"


def report(doc):
    r = ref.solve_variant(doc, "base")
    r.pop("solve_seconds")
    return r


check("ids change nothing in the result", report(OFFERS) == report(plain))
# --- version 1
V1 = {"dipnet": 1, "name": "v1", "criteria": {"g": {"weight": 100}},
      "countries": [{"id": "A", "demand": 10}, {"id": "B", "demand": 5}],
      "posts": [{"id": "PA", "country": "A", "status": "existing", "capacity": 100, "annual_cost": 5}],
      "partners": [{"country": "B", "by": "ESP", "capacity": 5, "fee": 2},
                   {"country": "B", "by": "ESP", "capacity": 1},
                   {"id": "fr", "country": "A", "by": "FRA", "capacity": 3}]}
check("v1 ids", ref.offer_ids(V1["partners"]) == ["B:ESP", "B:ESP#2", "fr"])
d, _ = data_after({"v": {"set": {"partners.fr.capacity": 8}, "scale": {"partners.B:ESP.fee": 3}}}, base=V1)
check("v1 set capacity, scale fee", d.r_cap == [5, 1, 8] and d.r_fee[(0, "consular")] == 6, (d.r_cap, d.r_fee))
d, doc = data_after({"v": {"scale": {"partners.*.fee": 2, "partners.*.capacity": 2}}}, base=V1)
check("v1 * and an absent fee scales 0", d.r_cap == [10, 2, 6] and doc["partners"][1]["fee"] == 0
      and d.r_fee[(0, "consular")] == 4, (d.r_cap, doc["partners"]))
d, _ = data_after({"v": {"set": {"partners.B:ESP#2.presence": False}}}, base=V1)
check("v1 set presence", d.r_pres == [True, False, True])
check("v1 has no fee.S", raises({"v": {"set": {"partners.fr.fee.consular": 1}}}, base=V1))
check("v1 has no partners.ID.services", raises({"v": {"set": {"partners.fr.services": ["consular"]}}}, base=V1))
check("v1 unknown offer", raises({"v": {"set": {"partners.FRA.capacity": 1}}}, base=V1))
v1dup = copy.deepcopy(V1)
v1dup["partners"][2]["id"] = "B:ESP"
check("v1 duplicate id", bool(ref.validate(v1dup)))
# --- CSV: an `id` column (both versions)
doc, pr = csv_doc("id,demand_visas\nA,1\nB,2\n", partners_csv="country,by,capacity,id\nB,ESP,5,\nB,ESP,3,ESP-VISAS\nB,ESP,1,\n")
check("csv id column", not pr and ref.offer_ids(doc["partners"]) == ["B:ESP", "ESP-VISAS", "B:ESP#2"], (pr, doc["partners"]))
doc, pr = csv_doc("id,demand_visas\nA,1\nB,2\n", partners_csv="country,by,capacity,id\nB,ESP,5,x\nB,FRA,3,x\n")
check("csv duplicate id", bool(pr))
doc, pr = csv_doc("id,demand_visas\nA,1\nB,2\n", partners_csv="country,by,capacity,id\nB,ESP,5,a.b\n")
check("csv id with a dot", bool(pr))
tmp = tempfile.mkdtemp()
with open(os.path.join(tmp, "r.csv"), "w") as fh:
    fh.write("id,country,by,capacity\nfr,A,FRA,3\n,B,ESP,5\n")
doc = copy.deepcopy(V1)
doc["partners"] = {"csv": "r.csv"}
pr = []
ref.expand_tables(doc, tmp, pr)
pr += ref.validate(doc)
check("v1 csv id column", not pr and ref.offer_ids(doc["partners"]) == ["fr", "B:ESP"], (pr, doc["partners"]))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
