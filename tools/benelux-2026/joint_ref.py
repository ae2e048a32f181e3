#!/usr/bin/env python3
"""Independent check of the Benelux joint optimum with the reference implementation's
single-state models (tools/reference/dipnet_ref.py, HiGHS), stacked as described in
docs/coalition-format.md ("The model"). Usage:
joint_ref.py SCENARIO_DIR [--dipnet PATH] [--variant NAME] [STATE:POST=open|closed ...]

With --dipnet, the same variant and forces are solved by `dipnet coalition -f json` and
compared: the standalone and joint totals to 1 EUR and each state's joint net benefit
(determinate after dipnet's split stages, up to the LP tolerances) to 5e-6 of it, at
least 2 EUR; exit 1 on a difference."""
import copy, json, os, re, sys, time
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix
sys.path.insert(0, os.path.join(ROOT, 'tools', 'reference'))
import dipnet_ref as R

SRC = sys.argv[1]
ARGS = sys.argv[2:]
VARIANT = None
DIPNET = None
if ARGS[:1] == ['--dipnet']:
    DIPNET, ARGS = ARGS[1], ARGS[2:]
if ARGS[:1] == ['--variant']:
    VARIANT, ARGS = ARGS[1], ARGS[2:]
FORCES = list(ARGS)
WORK = os.path.join(BUILD, 'jref')
os.makedirs(WORK, exist_ok=True)
# A failed rewrite must stop the check: stale standalone files from an earlier run passed
# it once (mk_alone.py had a syntax error, and the check compared against old files).
if os.system('python3 %s %s > /dev/null' % (os.path.join(HERE, 'mk_alone.py'), SRC)) != 0:
    sys.exit('joint_ref: mk_alone.py failed, so the standalone files are not this scenario\'s')
ytext = open(os.path.join(SRC, 'scenario.yaml')).read()
base_text, _, variants_text = ytext.partition('\nvariants:')
if VARIANT:
    # the variant's block: from its name to the next variant at the same indentation
    m = re.search(r'\n  %s:\n(.*?)(?=\n  [\w-]+:\n|\Z)' % re.escape(VARIANT), variants_text, re.S)
    assert m, 'no variant %s' % VARIANT
    block = m.group(1)
    for st, post, dec in re.findall(r'"(\w+):([\w-]+)": (open|closed)', block):
        FORCES.append('%s:%s=%s' % (st, post, dec))
    if 'agreements:' in block:
        base_text = block
agreements = []
for m in re.finditer(r'- \{provider: (\w+), client: (\w+), services: \[(.*?)\], fee: ([\d.]+), abroad: (\w+), presence: (\w+)\}', base_text):
    agreements.append(dict(provider=m.group(1), client=m.group(2), services=[s.strip() for s in m.group(3).split(',')],
                           fee=float(m.group(4)), abroad=m.group(5) == 'true', presence=m.group(6) == 'true'))
assert len(agreements) == 6, agreements
STATES = ['BEL', 'NLD', 'LUX']
docs, reqs = {}, {}
for st in STATES:
    path = os.path.join(BUILD, 'alone', '%s.yaml') % st.lower()
    doc = R.load_scenario(path)
    doc.pop('variants', None)
    # the standalone files force `requires` posts closed; the joint model frees them
    import csv
    rows = list(csv.DictReader(open(os.path.join(SRC, st.lower() + '-posts.csv'))))
    reqs[st] = {r['id']: r['requires'] for r in rows if ':' in (r.get('requires') or '')}
    docs[st] = doc

def build(doc, forces, free_requires):
    d = copy.deepcopy(doc)
    for q in d['posts']:
        if q['id'] in free_requires:
            q['force'] = None
        if q['id'] in forces:
            q['force'] = forces[q['id']]
    return d

force_map = {st: {} for st in STATES}
for f in FORCES:
    sp, dec = f.split('=')
    s, p = sp.split(':')
    force_map[s][p] = dec

def solve_alone(st):
    d = R.Data(build(docs[st], force_map[st], set()))
    m = R.Model(d, 'optimize')
    res = m.solve()
    return -(res.fun) - m.const_closing

alone = {st: solve_alone(st) for st in STATES}
data = {st: R.Data(build(docs[st], force_map[st], set(reqs[st]))) for st in STATES}
models = {st: R.Model(data[st], 'optimize') for st in STATES}
# stack
names, lb, ub, integ, obj = [], [], [], [], []
rows, cols, vals, rlo, rhi, rnames = [], [], [], [], [], []
voff, roff = {}, {}
for st in STATES:
    m = models[st]
    voff[st], roff[st] = len(names), len(rnames)
    names += [st + ':' + n for n in m.names]; lb += list(m.lb); ub += list(m.ub); integ += list(m.integ)
    obj += list(m.obj)
    rows += [i + roff[st] for i in m.rows]; cols += [j + voff[st] for j in m.cols]; vals += list(m.vals)
    rlo += list(m.rlo); rhi += list(m.rhi); rnames += [st + ':' + n for n in m.rnames]
rindex = {n: i for i, n in enumerate(rnames)}
def newvar(name, lo, hi, c=0.0, integer=0):
    names.append(name); lb.append(lo); ub.append(hi); integ.append(integer); obj.append(c)
    return len(names) - 1
def newrow(name, terms, lo, hi):
    i = len(rnames); rnames.append(name); rlo.append(lo); rhi.append(hi)
    for j, v in terms:
        rows.append(i); cols.append(j); vals.append(v)
    return i
def addterm(rowname, j, v):
    i = rindex[rowname]
    rows.append(i); cols.append(j); vals.append(v)
Y = {st: {p: voff[st] + models[st].y[p] for p in data[st].P} for st in STATES}
# per-state net benefit as a linear expression: -(block objective) - closing constant
net = {st: [(voff[st] + j, -c) for j, c in enumerate(models[st].obj) if c != 0] for st in STATES}
netc = {st: -models[st].const_closing for st in STATES}
svars = []
for a in agreements:
    P, S = a['provider'], a['client']
    dp, ds = data[P], data[S]
    for (c, p) in dp.pairs:
        home = c == dp.home[p]
        if not home and not a['abroad']:
            continue
        for s in dp.svc[p]:
            if s not in a['services'] or not (home or dp.remote_s[s]):
                continue
            D = ds.D.get((c, s), 0.0)
            if D <= 0:
                continue
            h = dp.unit[(c, p, s)]
            j = newvar('w[%s<-%s:%s,%s,%s]' % (S, P, p, c, s), 0.0, np.inf)
            svars.append((j, P, S, p, c, s, h, dp.f_s[s], a['fee']))
            addterm('%s:demand[%s,%s]' % (S, c, s), j, 1.0)
            addterm('%s:cap[%s]' % (P, p), j, dp.w_s[s])
            newrow('link', [(j, 1.0), (Y[P][p], -D)], -np.inf, 0.0)
            net[S].append((j, -a['fee']))
            net[P].append((j, a['fee'] + dp.f_s[s] - h))
for st in STATES:
    d = data[st]
    for c in d.C:
        if any(d.r_country[r] == c and d.r_pres[r] for r in d.R):
            continue
        prov = [Y[a['provider']][p] for a in agreements if a['client'] == st and a['presence']
                for p in data[a['provider']].P if data[a['provider']].home[p] == c and data[a['provider']].lvl[p] != "none"]
        if not prov:
            continue
        e = voff[st] + models[st].rep[c]
        ub[e] = 1.0
        newrow('rep', [(e, 1.0)] + [(y, -1.0) for y in prov], -np.inf, 0.0)
    for p, t in reqs[st].items():
        ts, tp = t.split(':')
        newrow('req', [(Y[st][p], 1.0), (Y[ts][tp], -1.0)], -np.inf, 0.0)
# individual rationality: net_k >= alone_k
for st in STATES:
    newrow('ir[%s]' % st, net[st], alone[st] - netc[st] - 1e-9 * max(1, abs(alone[st])), np.inf)
# objective: maximise sum of nets -> minimise -sum
c = np.zeros(len(names))
for st in STATES:
    for j, v in net[st]:
        c[j] -= v
A = coo_matrix((vals, (rows, cols)), shape=(len(rnames), len(names))).tocsr()
t0 = time.time()
res = milp(c, constraints=[LinearConstraint(A, np.array(rlo), np.array(rhi))], integrality=np.array(integ),
           bounds=Bounds(np.array(lb), np.array(ub)), options={'mip_rel_gap': 0.0, 'presolve': True})
x = res.x
tot = -res.fun + sum(netc.values())
# The stages dipnet runs after the joint MIP (docs/coalition-format.md, "Who serves whom"),
# written independently: the plan's decisions fixed and its total held, (1) the fewest cases
# handled at another state's post, then (2) the gains over the states alone made leximin,
# here by probing each state (dipnet reads the binding rows' duals instead).
lb2, ub2 = np.array(lb, dtype=float), np.array(ub, dtype=float)
for j, isint in enumerate(integ):
    if isint:
        lb2[j] = ub2[j] = round(x[j])
extra_rows, extra_lo, extra_hi = [], [], []   # (dense coefficient vector, lo, hi)
def row_of(terms):
    v = np.zeros(len(names))
    for j, a in terms:
        v[j] += a
    return v
def lp(cost, rows_):
    from scipy.sparse import vstack, csr_matrix
    M = vstack([A] + [csr_matrix(r[0]) for r in rows_]).tocsr()
    lo = np.array(rlo + [r[1] for r in rows_]); hi = np.array(rhi + [r[2] for r in rows_])
    return milp(cost, constraints=[LinearConstraint(M, lo, hi)], bounds=Bounds(lb2, ub2), options={'presolve': True})
held = -res.fun
stage = [(c.copy(), -np.inf, -held + 1e-9 * max(1, abs(held)))]     # total held (c is the negated objective)
shared = row_of([(j, 1.0) for j, *_ in svars])
r1 = lp(shared, stage)
assert r1.status == 0, r1.message
least = float(shared @ r1.x)
stage.append((shared, -np.inf, least + 1e-9 * max(1, least)))
gain = {st: row_of(net[st]) for st in STATES}
gconst = {st: netc[st] - alone[st] for st in STATES}
level, free = {}, list(STATES)
def tol(g):
    return 1e-7 * max(1, abs(g))
while free:
    fixed_rows = [(gain[k], level[k] - gconst[k] - tol(level[k]), np.inf) for k in level]
    # raise the least gain of the free states: max t with g_k >= t (t an extra column)
    lb2 = np.append(lb2, -np.inf); ub2 = np.append(ub2, np.inf)
    A = __import__('scipy.sparse', fromlist=['hstack']).hstack([A, coo_matrix((len(rnames), 1))]).tocsr()
    ext = lambda v: np.append(v, 0.0)
    rows_t = [(ext(r), lo, hi) for r, lo, hi in stage + fixed_rows]
    rows_t += [(np.append(gain[k], -1.0), -gconst[k], np.inf) for k in free]
    cost = np.zeros(len(lb2)); cost[-1] = -1.0
    rt = lp(cost, rows_t)
    assert rt.status == 0, rt.message
    t = rt.x[-1]
    x = rt.x[:-1]
    lb2, ub2 = lb2[:-1], ub2[:-1]
    A = A[:, :-1]
    # a free state is at its level when it cannot rise with the others held at t
    bound = []
    for k in free:
        others = [(gain[j], t - gconst[j] - tol(t), np.inf) for j in free if j != k]
        rk = lp(-gain[k], stage + fixed_rows + others)
        if rk.status != 0 or float(gain[k] @ rk.x) + gconst[k] <= t + tol(t):
            bound.append(k)
    for k in (bound or free):
        level[k] = t
    free = [k for k in free if k not in level]
secs = time.time() - t0
out = dict(status=res.status, message=res.message, seconds=round(secs, 1), vars=len(names), rows=len(rnames),
           alone={k: round(v, 2) for k, v in alone.items()}, alone_total=round(sum(alone.values()), 2),
           joint_total=round(tot, 2), surplus=round(tot - sum(alone.values()), 2),
           joint={st: round(sum(v * x[j] for j, v in net[st]) + netc[st], 2) for st in STATES},
           shared_cases=round(sum(x[j] for j, *_ in svars), 2),
           closed={st: sorted(p for p in data[st].P if data[st].existing[p] and x[Y[st][p]] < 0.5) for st in STATES},
           opened={st: sorted(p for p in data[st].P if not data[st].existing[p] and x[Y[st][p]] > 0.5) for st in STATES})
print(json.dumps(out, indent=1))
if DIPNET:
    import subprocess
    cmd = [DIPNET, 'coalition', os.path.join(SRC, 'scenario.yaml'), '-f', 'json', '--quiet']
    cmd += ['--variant', VARIANT] if VARIANT else []
    for f in FORCES[:len(FORCES)] if not VARIANT else ARGS:
        cmd += ['--force', f]
    got = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    problems = []
    if abs(got['standalone_total'] - out['alone_total']) > 1:
        problems.append('standalone total %s, reference %s' % (got['standalone_total'], out['alone_total']))
    if abs(got['joint_total'] - out['joint_total']) > 1:
        problems.append('joint total %s, reference %s' % (got['joint_total'], out['joint_total']))
    for st in got['states']:
        ref = out['joint'][st['id']]
        if abs(st['joint_net_benefit'] - ref) > max(2, 5e-6 * abs(ref)):
            problems.append('%s joint net benefit %s, reference %s' % (st['id'], st['joint_net_benefit'], ref))
    what = ('variant %s' % VARIANT if VARIANT else 'base') + ''.join(' --force ' + f for f in (ARGS if VARIANT else FORCES))
    if problems:
        print('joint_ref: %s: %s' % (what, '; '.join(problems)), file=sys.stderr)
        sys.exit(1)
    print('joint_ref: %s agrees with dipnet: totals and each state\'s joint net benefit' % what, file=sys.stderr)
