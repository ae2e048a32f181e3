#!/usr/bin/env python3
"""Generator of the belgium-2026 scenario in format version 2.

Every number written to the scenario comes from a rule in this file; the rule's
sources and ranges are in scenarios/belgium-2026/SOURCES.md (same section names as
the comments here).  Inputs (paths relative to this folder):
  v1/old_countries.csv, v1/old_posts.csv, v1/old_partners.csv, v1/old_country_table.md
      - the v1 scenario (country list, coordinates, regions, tags, post list,
        covers, old judgement tables of registered Belgians, trips, trade, scores)
  data/visa_by_post.csv, data/schengen_posts_havana_caribbean.csv
      - Commission consulate statistics (B)
Outputs: scenarios/belgium-2026/{countries,posts,partners}.csv; build/derived.json and
build/stage1.json (numbers quoted in SOURCES.md and scenario.yaml; not tracked).

Run from anywhere:  python3 tools/belgium-2026/gen.py
It writes the three CSVs, then runs yaml_gen.py (scenario.yaml) and doc_gen.py
(SOURCES.md), so one command rewrites all five scenario files.
"""
import csv, json, math, os, statistics
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'scenarios', 'belgium-2026')   # the scenario folder
DATA = os.path.join(HERE, 'data')      # research dossier and the tables it cites
V1 = os.path.join(HERE, 'v1')          # the v1 scenario's tables (starting point for estimates)
BUILD = os.path.join(HERE, 'build')    # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
D = OrderedDict()      # derived numbers for the documentation

def rd(x, n=0):
    return round(x, n) if n else int(round(x))

# ---------------------------------------------------------------- old tables
old_c = list(csv.DictReader(open(os.path.join(V1, 'old_countries.csv'), encoding='utf-8')))
old_p = list(csv.DictReader(open(os.path.join(V1, 'old_posts.csv'), encoding='utf-8')))
old_tab = {}
for l in open(os.path.join(V1, 'old_country_table.md'), encoding='utf-8'):
    c = [x.strip() for x in l.strip().strip('|').split('|')]
    old_tab[c[0]] = dict(R=float(c[2].replace(',', '')), A=float(c[4].replace(',', '')),
                         T=float(c[5].replace(',', '')), trade=float(c[6].replace(',', '')),
                         geo=float(c[8]), dev=float(c[10]))
C = OrderedDict((r['id'], r) for r in old_c)
ids = list(C)
assert len(ids) == 197

EU = {c for c in ids if 'eu' in C[c]['tags'].split(';')}
EFTA_UK = {'CHE', 'NOR', 'ISL', 'LIE', 'GBR'}
EUROPE_SAFE = EU | EFTA_UK | {'AND', 'MCO', 'SMR', 'VAT'}   # assistance: EU-like legal/health systems

# ------------------------------------------------------------ 1. registered Belgians (R)
# Sourced per country, 16 Jun 2025 (bruxelles-city-news.be relaying FPS figures; facts file)
R_SRC = {'FRA': 156986, 'NLD': 44600, 'ESP': 40248, 'GBR': 37695, 'USA': 32126, 'DEU': 31289,
         'CHE': 27353, 'LUX': 25193, 'CAN': 18764, 'ISR': 10236, 'AUS': 7522, 'ZAF': 7317,
         'ARG': 5562, 'MAR': 5362, 'BRA': 4141, 'COD': 2679, 'MEX': 2229, 'NZL': 1540}
R_TOTAL = 559516
CONT_SHARE = {'nca': 0.099, 'asia': 0.079, 'africa': 0.051, 'sam': 0.032, 'oceania': 0.016}

def continent(cid):
    r = C[cid]['region']
    if r in ('western_europe', 'eastern_europe') or cid == 'TUR':
        return 'europe'
    if r in ('north_america', 'central_america', 'caribbean'):
        return 'nca'
    if r == 'south_america':
        return 'sam'
    if r.endswith('africa'):
        return 'africa'
    if r == 'oceania':
        return 'oceania'
    return 'asia'     # middle_east (without TUR), south/central/east/southeast asia

# Central America and the Caribbean: dossier split of the 2,273 residual (E)
CAC_SPLIT = {'CUB': 400, 'DOM': 700, 'CRI': 550, 'PAN': 250, 'HTI': 100, 'JAM': 40}
R = {}
for k, v in R_SRC.items():
    R[k] = float(v)
nca_resid = CONT_SHARE['nca'] * R_TOTAL - R_SRC['USA'] - R_SRC['CAN'] - R_SRC['MEX']
D['R_nca_residual'] = rd(nca_resid)
for k, v in CAC_SPLIT.items():
    R[k] = float(v)
rest_cac = [c for c in ids if continent(c) == 'nca' and c not in R]
rest_total = nca_resid - sum(CAC_SPLIT.values())
s = sum(old_tab[c]['R'] for c in rest_cac)
for c in rest_cac:
    R[c] = old_tab[c]['R'] * rest_total / s
D['R_cac_rest'] = rd(rest_total)
# other continents: old estimates scaled so the continent matches its sourced share
for cont in ('asia', 'africa', 'sam'):
    target = CONT_SHARE[cont] * R_TOTAL
    src = sum(R[c] for c in ids if continent(c) == cont and c in R)
    est = [c for c in ids if continent(c) == cont and c not in R]
    s = sum(old_tab[c]['R'] for c in est)
    f = (target - src) / s
    D['R_scale_' + cont] = round(f, 3)
    for c in est:
        R[c] = old_tab[c]['R'] * f
# Oceania: AUS + NZL (sourced) already fill the 1.6% (+-0.05 pp rounding); the
# islands keep their old estimates
for c in ids:
    if continent(c) == 'oceania' and c not in R:
        R[c] = old_tab[c]['R']
# Europe: the remainder
eu_target = R_TOTAL - sum(R.values())
est = [c for c in ids if continent(c) == 'europe' and c not in R]
src = 0.0
s = sum(old_tab[c]['R'] for c in est)
f = eu_target / s
D['R_scale_europe'] = round(f, 3)
for c in est:
    R[c] = old_tab[c]['R'] * f
D['R_europe_share'] = round(sum(R[c] for c in ids if continent(c) == 'europe') / R_TOTAL, 4)
assert abs(sum(R.values()) - R_TOTAL) < 1

# ------------------------------------------------------------ 2. trips of Belgian residents (T, thousands)
# Sourced 2022 (Statbel via VRT, 27 Jun 2023): foreign trips 16.01 M; FRA 5.0 M, ESP 1.93 M,
# NLD 1.71 M, ITA 1.2 M, DEU 0.968 M, MAR 0.371 M, TUR 0.366 M.
T_SRC = {'FRA': 5000, 'ESP': 1930, 'NLD': 1710, 'ITA': 1200, 'DEU': 968, 'MAR': 371, 'TUR': 366}
T_FOREIGN = 16010
# Non-EU share of foreign trips: Statbel 2023 (97% of short and 82% of long trips in the
# EU, 41/59 split, 23.2 M trips of which ~26% domestic) -> ~2.6 M non-EU trips.
NON_EU_SHARE = (0.41 * 0.03 + 0.59 * 0.18) / (1 - 0.265)
T_NONEU = T_FOREIGN * NON_EU_SHARE
D['T_noneu_k'] = rd(T_NONEU)
D['T_noneu_share'] = round(NON_EU_SHARE, 3)
T = dict((k, float(v)) for k, v in T_SRC.items())
T['CUB'] = 10.0      # dossier estimate (6-18 k)
noneu_est = [c for c in ids if c not in EU and c not in T]
noneu_src = sum(T[c] for c in T if c not in EU)
s = sum(old_tab[c]['T'] for c in noneu_est)
f = (T_NONEU - noneu_src) / s
D['T_scale_noneu'] = round(f, 3)
for c in noneu_est:
    T[c] = old_tab[c]['T'] * f
eu_est = [c for c in EU if c not in T]
eu_src = sum(T[c] for c in EU if c in T)
s = sum(old_tab[c]['T'] for c in eu_est)
f = (T_FOREIGN - T_NONEU - eu_src) / s
D['T_scale_eu'] = round(f, 3)
for c in eu_est:
    T[c] = old_tab[c]['T'] * f

# ------------------------------------------------------------ 3. demand by service
DOC_RATE = 0.25                         # document cases per registered Belgian a year (0.18-0.32)
dem = {c: {} for c in ids}
for c in ids:
    dem[c]['documents'] = DOC_RATE * R[c]

# assistance: key = residents x r_res + trips(k) x r_trip, EU-like vs elsewhere, scaled so the
# world total equals ASSIST_TOTAL (central complex files 1,141 in 2019 x ~2.6: see SOURCES)
ASSIST_TOTAL = 3000.0
def akey(c):
    if c in EUROPE_SAFE:
        return 0.002 * R[c] + 0.2 * T[c]
    return 0.02 * R[c] + 2.0 * T[c]
ks = {c: akey(c) for c in ids}
ksum = sum(ks.values())
ASSIST_SCALE = ASSIST_TOTAL / ksum
D['assist_key_sum'] = rd(ksum)
D['assist_scale'] = round(ASSIST_SCALE, 4)
for c in ids:
    dem[c]['assistance'] = ks[c] * ASSIST_SCALE

# visas: Commission consulate statistics (visa_by_post.csv), per country, the mean of 2019
# and 2022 (Russia: 2022 only), scaled so the world equals Belgium's 2024 total 255,564.
CITY2C = {'Hong Kong': 'HKG', 'Jerusalem': 'PSE'}
vrows = list(csv.DictReader(open(os.path.join(DATA, 'visa_by_post.csv'), encoding='utf-8')))
V19, V22 = defaultdict(float), defaultdict(float)
VPOST = defaultdict(lambda: defaultdict(float))   # (country) -> city -> mean
for r in vrows:
    if r['country'] in ('*', 'BEL') or r['year'] not in ('2019', '2022'):
        continue
    cc = CITY2C.get(r['post_city'], r['country'])
    a = float(r['applications'])
    (V19 if r['year'] == '2019' else V22)[cc] += a
    VPOST[cc][r['post_city']] += a / 2
vis_raw = {}
for c in set(V19) | set(V22):
    vis_raw[c] = V22[c] if c == 'RUS' else (V19[c] + V22[c]) / 2
vis_raw.pop('RWA', None)       # Kigali: no Belgian post since relations were severed (Mar 2025)
WORLD_2024 = 255564.0
VIS_SCALE = WORLD_2024 / sum(vis_raw.values())
D['vis_raw_sum'] = rd(sum(vis_raw.values()))
D['vis_scale'] = round(VIS_SCALE, 4)
D['rwa_visa_rows'] = {'2019': V19['RWA'], '2022': V22['RWA']}
for c in ids:
    dem[c]['visas'] = vis_raw.get(c, 0.0) * VIS_SCALE

# represented countries (documented arrangements): Belgian-bound files lodged with the
# representing state, estimated = Belgium's 2022 share of all Schengen applications
# (171,966 / 7.5 M) x the country's 2022 Schengen rows x Belgium's growth 2022->2024,
# capped at half the representing state's own row (same growth).
BE_SHARE_2022 = 171966 / 7.5e6
BE_GROWTH = 255564 / 171966
sch = list(csv.DictReader(open(os.path.join(DATA, 'schengen_posts_havana_caribbean.csv'), encoding='utf-8')))
def sch_rows(country_name, year='2022'):
    out = {}
    for r in sch:
        if r['country'].lower() == country_name.lower() and r['year'] == year:
            out[r['schengen_state']] = float(r['applications'])
    return out
REP_VISA = {'HTI': ('Haiti', 'France', 'FRA'), 'DOM': ('Dominican Republic', 'Netherlands', 'NLD'),
            'SUR': ('Suriname', 'Netherlands', 'NLD'), 'VEN': ('Venezuela', 'Netherlands', 'NLD')}
REP_DETAIL = {}
for c, (nm, st, code) in REP_VISA.items():
    rows = sch_rows(nm)
    tot = sum(rows.values())
    est = tot * BE_SHARE_2022 * BE_GROWTH
    cap = 0.5 * rows.get(st, 0) * BE_GROWTH
    dem[c]['visas'] = min(est, cap)
    REP_DETAIL[c] = dict(total_2022=tot, own_row=rows.get(st, 0), estimate=round(est), cap=round(cap),
                         used=round(min(est, cap)))
D['rep_visa'] = REP_DETAIL

# Havana detail
havana_rows = {y: V19['CUB'] if y == '2019' else V22['CUB'] for y in ('2019', '2022')}
D['CUB_visa_rows'] = havana_rows

def fmt(x):
    """Numbers for CSV cells: no 'N.000'-style amounts (read as thousands separators)."""
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    s = ('%.1f' % x)
    if s.endswith('.0'):
        s = s[:-2]
    return s

for c in ids:
    for s_ in dem[c]:
        v = dem[c][s_]
        dem[c][s_] = round(v) if v >= 20 else round(v, 1)

# ------------------------------------------------------------ 4. scores
# geopolitical and development: the v1 judgement tiers (SOURCES 1.2 and 1.4), except Cuba,
# re-derived by the tier rule (the v1 Cuba values were placeholders).
# economic: 100 x (trade / 120)^0.35 on the v1 trade estimates, kept to one decimal.
score = {}
for c in ids:
    geo, dev, trade = old_tab[c]['geo'], old_tab[c]['dev'], old_tab[c]['trade']
    if c == 'CUB':
        geo, dev, trade = 20.0, 25.0, 0.080
    econ = 100 * (trade / 120.0) ** 0.35 if trade > 0 else 0.0
    score[c] = dict(geopolitical=geo, economic=round(econ, 1), development=dev)

with open(os.path.join(BUILD, 'stage1.json'), 'w', encoding='utf-8') as _f:
    json.dump(dict(R=R, T=T, dem=dem, score=score), _f)
if __name__ == '__main__' and os.environ.get('STAGE1'):
    tot = {s_: sum(dem[c][s_] for c in ids) for s_ in ('documents', 'assistance', 'visas')}
    print('totals', tot)
    for c in ('CUB', 'DOM', 'HTI', 'JAM', 'PAN', 'FRA', 'USA', 'COD', 'MAR', 'CHN', 'RUS', 'IND'):
        print(c, round(R[c]), round(T[c], 1), dem[c], score[c])
    print(json.dumps(D, indent=1))

# ================================================================ STAGE 2: posts
WORK = {'documents': 1.0, 'assistance': 8.0, 'visas': 0.7}        # desk hours per case
CONSUM = {'documents': 25.0, 'assistance': 105.0, 'visas': 8.0}   # non-staff cost per case
HOURS_FTE = 1500.0
CAREER = 161000.0                 # salary+allowances per posted career agent (dossier, derived)
CONTRACT_TOTAL = 11746000.0       # B.A. 14 42 01 11.00.14, expatriated contract staff, 2022-24
N_DIPLO = 392
N_LOCAL = 1210
HEADROOM = 1.3
MINCAP = 300.0
SPARE_H = 750.0                   # at least half a local FTE of spare desk time (temps, overtime)
MOVE = 30000.0                    # moving a posted agent and family, one-off

TIER_A = set('USA CAN AUS NZL JPN KOR SGP HKG TWN ISR ARE QAT KWT SAU BHR OMN'.split()) | \
         {c for c in ids if C[c]['region'] == 'western_europe'}
TIER_B = {c for c in EU if C[c]['region'] == 'eastern_europe'} | set('CHL URY PAN CRI'.split())
TIER_D_REG = ('west_africa', 'central_africa', 'east_africa', 'southern_africa', 'south_asia', 'central_asia')
TIER_D_EXTRA = set('KHM LAO MMR AFG YEM SYR HTI NIC HND SDN TLS PNG SLB VUT KIR'.split())
TIER_D_EXCEPT = set('ZAF BWA NAM GAB MUS SYC KAZ MDV'.split())
WAGE = {'A': 60000.0, 'B': 30000.0, 'C': 20000.0, 'D': 12000.0}
PREM = {'A': 420000.0, 'B': 300000.0, 'C': 260000.0, 'D': 240000.0}
RISK = set('AFG IRQ LBY SYR YEM SOM MLI BFA NER COD CAF SSD SDN HTI LBN PAK NGA BDI TCD'.split())
def tier(c):
    if c in TIER_A: return 'A'
    if c in TIER_B: return 'B'
    if (C[c]['region'] in TIER_D_REG and c not in TIER_D_EXCEPT) or c in TIER_D_EXTRA: return 'D'
    return 'C'
CUBA_WAGE = 20000.0     # Cuba: dossier 15-30 k (state agencies, hard currency); no source for it (SOURCES 6.3)
# The one figure found (SOURCES 6.3, B): Spain's consulate in Havana pays the state agency Grupo
# Palco EUR 1,131,295 over four years for 87 office auxiliaries (Infobae, 14ymedio, Jan 2026), i.e.
# EUR 3,251 a worker-year; the variants cuba-casework-, cuba-crew- and cuba-staff-at-agency-rate
# (yaml_gen.py) price the posts in Cuba at it, and it is the low end of Cuba's wage range.
CUBA_AGENCY_WAGE = 1131295.0 / 4 / 87
def wage(c):
    return CUBA_WAGE if c == 'CUB' else WAGE[tier(c)]
def prem(c):
    return PREM[tier(c)] * (1.4 if c in RISK else 1.0)

posts = OrderedDict()
for r in old_p:
    posts[r['id']] = dict(r)
# fixes (dossier): Havana's consular area is CUB, HTI, DOM; Kingston embassy exists
posts['HAV']['covers'] = 'HTI;DOM'
posts['PTY']['covers'] = 'CRI;NIC;HND;SLV;GTM;BLZ;CUB;DOM;HTI;JAM'
kin = dict(id='KIN', country='JAM', city='Kingston', kind='embassy', status='existing', lat='', lon='',
           covers='BHS;ATG;BRB;DMA;GRD;KNA;LCA;VCT;TTO;BLZ;GUY;SUR', reach_km='0', group='', force='')
newposts = OrderedDict()
for k, v in posts.items():
    newposts[k] = v
    if k == 'HAV':
        newposts['KIN'] = kin
posts = newposts
posts['PTY-HUB'] = dict(id='PTY-HUB', country='PAN', city='Panama City', kind='consular-hub', status='candidate',
                        lat='', lon='', covers='CUB;DOM;HTI;JAM;CRI;NIC;HND;SLV;GTM;BLZ', reach_km='0', group='', force='')
posts['HAV-HON'] = dict(id='HAV-HON', country='CUB', city='Havana', kind='honorary-consul', status='candidate',
                        lat='', lon='', covers='', reach_km='0', group='', force='')
for k in ('HAV-LIGHT', 'BKO-LIGHT', 'MPM-LIGHT'):
    posts[k]['kind'] = 'desk'
posts['BEY-SYR'].update(country='SYR', lat='33.89', lon='35.50', covers='', kind='office')
existing = [k for k in posts if posts[k]['status'] == 'existing']
cands = [k for k in posts if posts[k]['status'] == 'candidate']
D['n_existing'] = len(existing)
D['n_candidates'] = len(cands)

# ---- status-quo load (desk hours) by post: own-country split + countries it is first to cover
SPLIT = {'USA': {'WAS': .5, 'NYC': .3, 'LAX': .2}, 'CHN': {'BJS': .5, 'SHA': .32, 'CAN': .18},
         'BRA': {'BSB': .5, 'SAO': .35, 'RIO': .15}, 'IND': {'DEL': .6, 'BOM': .4},
         'ESP': {'MAD': .6, 'BCN': .4}, 'MAR': {'RBA': .55, 'CMN': .45}, 'TUR': {'ANK': .4, 'IST': .6},
         'ARE': {'AUH': .4, 'DXB': .6}, 'CHE': {'BRN': .6, 'GVA-UN': .4}, 'COD': {'FIH': .85, 'FBM': .15}}
# visas: the consulate rows of the statistics (mean 2019/2022) decide the split where a country has several posts
VCITY = {'Washington, Dc': 'WAS', 'Atlanta, Ga': 'WAS', 'New York': 'NYC', 'Los Angeles': 'LAX',
         'Beijing': 'BJS', 'Shanghai': 'SHA', 'Guangzhou (Canton)': 'CAN', 'Mumbai': 'BOM', 'New Delhi': 'DEL',
         'Rabat': 'RBA', 'Casablanca': 'CMN', 'Ankara': 'ANK', 'Istanbul': 'IST', 'Kinshasa': 'FIH',
         'Lubumbashi': 'FBM', 'Abu Dhabi': 'AUH', 'Bern': 'BRN', 'Sao Paulo': 'SAO', 'Madrid': 'MAD'}
MISSION = {'ADD-AU'} | {k for k in posts if posts[k]['kind'] == 'mission'}
CONSULAR_MISSION = {'GVA-UN'}
load = defaultdict(lambda: defaultdict(float))   # post -> service -> cases
def own_posts(c):
    return [k for k in existing if posts[k]['country'] == c and (k not in MISSION or k in CONSULAR_MISSION)]
for c in ids:
    ps = own_posts(c)
    if ps:
        for s_ in ('documents', 'assistance'):
            if c in SPLIT:
                for k, sh in SPLIT[c].items():
                    load[k][s_] += dem[c][s_] * sh
            else:
                load[ps[0]][s_] += dem[c][s_]      # one consular post per country otherwise
        if len(ps) > 1 and c in VPOST:
            tot = sum(VPOST[c].values())
            for city, v in VPOST[c].items():
                k = VCITY.get(city)
                if k in ps:
                    load[k]['visas'] += dem[c]['visas'] * v / tot
        else:
            load[ps[0]]['visas'] += dem[c]['visas']
PRIMARY = {'HTI': 'HAV', 'DOM': 'HAV'}
for k in ('BHS ATG BRB DMA GRD KNA LCA VCT TTO'.split()):
    PRIMARY[k] = 'KIN'
primary = {}
for c in ids:
    if own_posts(c):
        continue
    p = PRIMARY.get(c)
    if p is None:
        for k in existing:
            if c in posts[k]['covers'].split(';'):
                p = k; break
    primary[c] = p
    if p:
        for s_ in ('documents', 'assistance'):
            load[p][s_] += dem[c][s_]
D['uncovered_countries'] = [c for c in ids if c in primary and primary[c] is None]
def hours(k, L=None):
    L = L or load[k]
    return sum(WORK[s_] * L.get(s_, 0) for s_ in WORK)

# candidates: what they would take over (own country + covered countries without an own post)
def cand_load(k):
    L = defaultdict(float)
    c = posts[k]['country']
    if k in ('HAV-LIGHT', 'BKO-LIGHT', 'MPM-LIGHT'):
        for s_ in ('documents', 'assistance'):
            L[s_] += dem[c][s_]
        return L
    if k == 'HAV-HON':
        L['assistance'] = dem[c]['assistance']
        return L
    if k == 'PTY-HUB':
        for cc in ('CUB', 'DOM', 'HTI'):
            for s_ in ('documents', 'assistance'):
                L[s_] += dem[cc][s_]
        return L
    if k in MISSION:
        return L
    if not own_posts(c):
        for s_ in WORK:
            L[s_] += dem[c][s_]
    for cc in posts[k]['covers'].split(';'):
        if cc and not own_posts(cc):
            for s_ in ('documents', 'assistance'):
                L[s_] += dem[cc][s_]
    return L
for k in cands:
    load[k] = cand_load(k)

# ---- diplomats: base by kind + the rest of the 392 in proportion to points (largest remainder)
BASE = {'embassy': 2, 'consulate': 1, 'office': 1, 'mission': 1}
MPOINTS = {'NYC-UN': 6, 'GVA-UN': 5, 'VIE-OSCE': 3, 'PAR-OECD': 2, 'PAR-UNESCO': 1, 'SXB-COE': 1, 'ROM-FAO': 1,
           'ADD-AU': 3}
def points(k):
    p = posts[k]
    pts = hours(k) / 10000.0
    if p['kind'] == 'embassy':
        pts += score[p['country']]['geopolitical'] / 20.0
    if k in MPOINTS:
        pts += MPOINTS[k]
    return pts
base = {k: BASE[posts[k]['kind']] for k in existing}
extra_total = N_DIPLO - sum(base.values())
ptot = sum(points(k) for k in existing)
quota = {k: extra_total * points(k) / ptot for k in existing}
dip = {k: base[k] + int(math.floor(quota[k])) for k in existing}
left = N_DIPLO - sum(dip.values())
for k in sorted(existing, key=lambda k: -(quota[k] - math.floor(quota[k])))[:left]:
    dip[k] += 1
assert sum(dip.values()) == N_DIPLO
D['diplo_base_total'] = sum(base.values())
D['diplo_per_point'] = round(extra_total / ptot, 4)
rate = extra_total / ptot
for k in cands:
    kind = posts[k]['kind']
    if kind in ('desk', 'consular-hub'):
        dip[k] = 1
    elif kind == 'honorary-consul':
        dip[k] = 0
    else:
        dip[k] = BASE[kind] + int(round(rate * points(k)))

# ---- local staff: fixed crew a + b*diplomats, scaled with the variable (casework) staff to 1,210
var_fte = sum(hours(k) for k in existing) / HOURS_FTE
def crew0(k):
    kind = posts[k]['kind']
    return (1.0 if kind == 'mission' else 3.0) + 1.5 * dip[k]
fixed0 = sum(crew0(k) for k in existing)
CREW_SCALE = (N_LOCAL - var_fte) / fixed0
D['local_variable_fte'] = round(var_fte, 1)
D['local_fixed_fte'] = round(N_LOCAL - var_fte, 1)
D['crew_scale'] = round(CREW_SCALE, 4)
def crew(k):
    kind = posts[k]['kind']
    if kind in ('desk', 'consular-hub'):
        return 2.0 * CREW_SCALE
    if kind == 'honorary-consul':
        return 0.0
    return crew0(k) * CREW_SCALE

# ---- contract expatriates: the budget line, shared by visa workload
vh = {k: WORK['visas'] * load[k].get('visas', 0) for k in existing}
vhtot = sum(vh.values())
def contract(k):
    return CONTRACT_TOTAL * vh.get(k, 0) / vhtot if k in vh else 0.0

# ---- costs (the country whose wages and premises apply: BEY-SYR sits in the Beirut embassy)
COSTC = {'BEY-SYR': 'LBN'}
# A post housed in another post's premises needs that post open (`requires`): the Syria
# office in the Beirut embassy, the Panama consular hub in the Panama City embassy (its
# premises are 0.2 of a tier's, the extra office space, 6.4).
REQUIRES = {'BEY-SYR': 'BEY', 'PTY-HUB': 'PTY'}
def premises(k):
    c = COSTC.get(k, posts[k]['country'])
    kind = posts[k]['kind']
    if kind == 'desk':
        return 0.5 * prem(c)
    if kind == 'consular-hub':
        return 0.2 * prem(c)
    if kind == 'honorary-consul':
        return 0.0
    return prem(c) * (1 + 0.2 * (dip[k] - 2))
HON_COST = 8000.0
def annual(k):
    c = COSTC.get(k, posts[k]['country'])
    if posts[k]['kind'] == 'honorary-consul':
        return HON_COST
    return dip[k] * CAREER + contract(k) + crew(k) * wage(c) + premises(k)
def close_cost(k):
    c = COSTC.get(k, posts[k]['country'])
    sev = 1.0 if c in EU | EFTA_UK else 0.75
    return sev * crew(k) * wage(c) + 0.5 * premises(k) + MOVE * dip[k]
def open_cost(k):
    c = COSTC.get(k, posts[k]['country'])
    if posts[k]['kind'] == 'honorary-consul':
        return 3000.0
    f = 1.0 if posts[k]['kind'] in ('desk', 'consular-hub') else 2.0
    return f * premises(k) + 0.25 * crew(k) * wage(c) + MOVE * dip[k]
def capacity(k):
    if k in MISSION and k not in CONSULAR_MISSION:
        return 0.0
    if posts[k]['kind'] == 'honorary-consul':
        return 200.0
    if posts[k]['kind'] == 'consular-hub':
        h = HEADROOM * hours(k)
    else:
        h = max(HEADROOM * hours(k), hours(k) + SPARE_H)
    return max(MINCAP, math.ceil(h / 10.0) * 10)
def case_cost(k, s_):
    c = COSTC.get(k, posts[k]['country'])
    if posts[k]['kind'] == 'honorary-consul':
        return CONSUM[s_]
    return WORK[s_] * wage(c) / HOURS_FTE + CONSUM[s_]

SERVICES = {'BEY-SYR': 'documents;assistance', 'HAV-LIGHT': 'documents;assistance', 'BKO-LIGHT': 'documents;assistance',
            'MPM-LIGHT': 'documents;assistance', 'PTY-HUB': 'documents;assistance', 'HAV-HON': 'assistance'}
PRESENCE = {'BEY-SYR': 'accredited', 'HAV-LIGHT': 'accredited', 'BKO-LIGHT': 'accredited', 'MPM-LIGHT': 'accredited',
            'PTY-HUB': 'none', 'HAV-HON': 'none'}

def money(x):
    return int(round(x / 1000.0) * 1000) if x >= 20000 else int(round(x))

# presence levels: multilateral missions carry no bilateral presence; a consulate in a country
# where Belgium also has an embassy gives accredited presence only (the embassy is the
# political representation); desks accredited; hub and honorary consul none.
EMB_COUNTRIES = {posts[k]['country'] for k in posts if posts[k]['kind'] == 'embassy' and posts[k]['status'] == 'existing'}
for k in posts:
    if k in MISSION:
        PRESENCE[k] = 'none'
    elif posts[k]['kind'] == 'consulate' and posts[k]['country'] in EMB_COUNTRIES:
        PRESENCE[k] = 'accredited'
post_rows = []
for k, p in posts.items():
    row = OrderedDict()
    row['id'] = k; row['country'] = p['country']; row['city'] = p['city']; row['kind'] = p['kind']
    row['status'] = p['status']; row['presence'] = PRESENCE.get(k, '')
    row['services'] = SERVICES.get(k, '')
    row['lat'] = p['lat']; row['lon'] = p['lon']
    row['diplomats'] = dip[k]
    row['annual_cost'] = money(annual(k))
    row['close_cost'] = money(close_cost(k)) if p['status'] == 'existing' else 0
    row['open_cost'] = money(open_cost(k)) if p['status'] == 'candidate' else 0
    row['capacity'] = fmt(capacity(k))
    # A post's case cost only for the services it offers: a desk's visa cost or an honorary
    # consul's document cost would be a number that bears on nothing (an audit, 2026-12-07).
    for s_ in ('documents', 'assistance', 'visas'):
        offered = not row['services'] or s_ in row['services'].split(';')
        row['case_cost_' + s_] = fmt(round(case_cost(k, s_), 1)) if offered else ''
    row['covers'] = p['covers']; row['reach_km'] = p.get('reach_km') or '0'
    row['group'] = p['group']; row['force'] = p['force']
    # Posts housed in another (the premises rule of 6.4 charges them a share of their host's):
    # open only while the host is (`requires`, SOURCES 6.4).
    row['requires'] = REQUIRES.get(k, '')
    post_rows.append(row)

# The posts in Cuba with their staff priced at the agency rate (SOURCES 6.3; the agency-rate
# variants of yaml_gen.py): every figure the wage enters, by the same rules.
def at_cuba_wage(w, f, *a):
    global CUBA_WAGE
    old, CUBA_WAGE = CUBA_WAGE, w
    try:
        return f(*a)
    finally:
        CUBA_WAGE = old
D['cuba_agency_wage'] = round(CUBA_AGENCY_WAGE)
D['cuba_agency'] = OrderedDict()
for r in post_rows:
    k = r['id']
    if posts[k]['country'] != 'CUB' or posts[k]['kind'] == 'honorary-consul':
        continue
    e = OrderedDict(annual_cost=money(at_cuba_wage(CUBA_AGENCY_WAGE, annual, k)))
    if r['status'] == 'existing':
        e['close_cost'] = money(at_cuba_wage(CUBA_AGENCY_WAGE, close_cost, k))
    else:
        e['open_cost'] = money(at_cuba_wage(CUBA_AGENCY_WAGE, open_cost, k))
    for s_ in ('documents', 'assistance', 'visas'):
        if r['case_cost_' + s_] != '':
            e['case_cost.' + s_] = fmt(round(at_cuba_wage(CUBA_AGENCY_WAGE, case_cost, k, s_), 1))
    e['base'] = OrderedDict((key, r[key.replace('.', '_')]) for key in e)
    D['cuba_agency'][k] = e

D['annual_existing_total'] = sum(r['annual_cost'] for r in post_rows if r['status'] == 'existing')
D['annual_existing_bilateral'] = sum(r['annual_cost'] for r in post_rows
                                     if r['status'] == 'existing' and r['id'] not in MISSION)
D['career_total'] = N_DIPLO * CAREER
D['local_cost_total'] = round(sum(crew(k) * wage(posts[k]['country']) for k in existing))
D['premises_total'] = round(sum(premises(k) for k in existing))
D['post_detail'] = {k: dict(dip=dip[k], crew=round(crew(k), 2), wage=wage(posts[k]['country']),
                            contract=round(contract(k)), premises=round(premises(k)),
                            load={s_: round(v, 1) for s_, v in load[k].items()}, hours=round(hours(k)),
                            points=round(points(k), 3) if k in existing or posts[k]['kind'] in BASE else None)
                    for k in ('HAV', 'PTY', 'KIN', 'MEX', 'PAR', 'FIH', 'WAS', 'SJJ', 'BKO', 'CKY', 'MPM', 'KWI',
                              'RIO', 'CAN', 'HAV-LIGHT', 'PTY-HUB', 'HAV-HON', 'TIA', 'BEY-SYR', 'WDH', 'MCT', 'TAS', 'ADD-AU')}
if __name__ == '__main__' and os.environ.get('STAGE2'):
    for r in post_rows:
        print(','.join(str(v) for v in r.values()))
    print(json.dumps({k: v for k, v in D.items() if k != 'post_detail'}, indent=0))
    print(json.dumps(D['post_detail'], indent=0))

# ================================================================ STAGE 3: partners
# Assistance under Directive (EU) 2015/637: fee = Belgian coordination (4 h of a central
# consular officer, EUR 70k a year / 1,500 h) + the part of advanced costs not recovered.
HQ_HOURLY = 70000.0 / HOURS_FTE
FEE_ASSIST = round(4 * HQ_HOURLY + 50)
SPARE = 0.05           # share of a partner's consular-section hours it can give to unrepresented EU citizens
def assist_cap(files):
    h = files * WORK['visas'] if files else HOURS_FTE      # section hours: its visa files, else one FTE
    return round(SPARE * h / WORK['assistance'], 1)
D['fee_assist'] = FEE_ASSIST
D['hq_hourly'] = round(HQ_HOURLY, 2)
ISO = {'Spain': 'ESP', 'Italy': 'ITA', 'France': 'FRA', 'Germany': 'DEU', 'Sweden': 'SWE', 'Portugal': 'PRT',
       'Austria': 'AUT', 'Greece': 'GRC', 'Czech Republic': 'CZE', 'Hungary': 'HUN', 'Poland': 'POL',
       'Romania': 'ROU', 'Slovakia': 'SVK', 'Bulgaria': 'BGR', 'Netherlands': 'NLD', 'Cyprus': 'CYP'}
partner_rows = []
def add(pid, c, by, cap, services, fee_a='', fee_v='', presence='false'):
    partner_rows.append(OrderedDict(id=pid, country=c, by=by, capacity=fmt(cap), services=services,
                                    fee_documents='', fee_assistance=fmt(fee_a) if fee_a != '' else '',
                                    fee_visas=fmt(fee_v) if fee_v != '' else '', presence=presence))
CARIB = {'CUB': 'Cuba', 'DOM': 'Dominican Republic', 'HTI': 'Haiti', 'JAM': 'Jamaica'}
carib_caps = {}
for c, nm in CARIB.items():
    rows = sch_rows(nm)
    for st, files in sorted(rows.items(), key=lambda x: -x[1]):
        code = ISO.get(st)
        if code is None or (c == 'CUB' and code == 'NLD'):     # Dutch Havana embassy closing (decided Apr 2025)
            continue
        if code == 'CYP':                                       # 11 files: no resident consular section
            continue
        cap = assist_cap(files)
        carib_caps[(c, code)] = (files, cap)
        add('%s-%s-A' % (c, code), c, code, cap, 'assistance', fee_a=FEE_ASSIST)
# documented visa representation (Visa Code art. 8): the representing state keeps the fee
for c, code in (('HTI', 'FRA'), ('DOM', 'NLD'), ('SUR', 'NLD'), ('VEN', 'NLD')):
    add('%s-%s-V' % (c, code), c, code, max(10, 2 * dem[c]['visas']), 'visas', fee_v=0, presence='true')
# assumed (undocumented): a Schengen partner takes Belgian visas in Havana after closure;
# inert in the base (capacity 0, no presence), switched on by variant assumed-visa-representation
add('CUB-ESP-V', 'CUB', 'ESP', 0, 'visas', fee_v=0, presence='false')
# the v1 offers elsewhere: EU member states' embassies (general knowledge), Directive offers;
# Benelux partners (NLD, LUX) also take visas where Belgium has no post (Benelux rule) and
# count as represented presence; EU Delegations dropped (no consular functions).
old_partners = list(csv.DictReader(open(os.path.join(V1, 'old_partners.csv'), encoding='utf-8')))
done = {(r['country'], r['by']) for r in partner_rows}
for r in old_partners:
    c, by = r['country'], r['by']
    if by == 'EU' or c in CARIB or (c, by) in done:
        continue
    cap = assist_cap(None)
    if by in ('NLD', 'LUX'):
        add('%s-%s' % (c, by), c, by, cap + dem[c]['visas'], 'assistance;visas', fee_a=FEE_ASSIST, fee_v=0,
            presence='true')
    else:
        add('%s-%s-A' % (c, by), c, by, cap, 'assistance', fee_a=FEE_ASSIST)
D['carib_assist_caps'] = {'%s-%s' % k: v for k, v in carib_caps.items()}
D['n_partner_offers'] = len(partner_rows)

# ================================================================ STAGE 4: criteria weights
# Relative weights: geopolitical and economic equal (the programme names both), development
# at the share of development attaches among non-consular expatriate staff, 62 / (407 + 62).
DEV_SHARE = 62.0 / (407 + 62)
SHARES = {'geopolitical': (1 - DEV_SHARE) / 2, 'economic': (1 - DEV_SHARE) / 2, 'development': DEV_SHARE}
PTS = {k: sum(score[c][k] for c in ids) for k in SHARES}
def V(c, Lam):
    return sum(Lam * SHARES[k] / PTS[k] * score[c][k] for k in SHARES)
bil = defaultdict(float)
for r in post_rows:
    if r['status'] == 'existing' and r['id'] not in MISSION:
        bil[r['country']] += r['annual_cost']
ratio1 = sorted(V(c, 1.0) / bil[c] for c in bil)
LAMBDA = 1.0 / statistics.median(ratio1)          # median posted country: V = cost of its posts
W = {k: LAMBDA * SHARES[k] / PTS[k] for k in SHARES}
D['dev_share'] = round(DEV_SHARE, 4)
D['score_points'] = {k: round(v, 1) for k, v in PTS.items()}
D['lambda'] = round(LAMBDA)
D['weights'] = {k: round(v) for k, v in W.items()}
D['lambda_p40_p60'] = [round(1.0 / ratio1[int(0.6 * len(ratio1))]), round(1.0 / ratio1[int(0.4 * len(ratio1))])]
D['V_CUB'] = round(V('CUB', LAMBDA))
D['cost_posts_CUB'] = bil['CUB']
D['n_posted_countries'] = len(bil)

def write_csvs(weights_round):
    with open(os.path.join(OUT, 'countries.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'name', 'region', 'lat', 'lon', 'demand_documents', 'demand_assistance', 'demand_visas',
                    'score_geopolitical', 'score_economic', 'score_development', 'tags'])
        for c in ids:
            r = C[c]
            w.writerow([c, r['name'], r['region'], r['lat'], r['lon'], fmt(dem[c]['documents']),
                        fmt(dem[c]['assistance']), fmt(dem[c]['visas']), fmt(score[c]['geopolitical']),
                        fmt(score[c]['economic']), fmt(score[c]['development']), r['tags']])
    with open(os.path.join(OUT, 'posts.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(list(post_rows[0].keys()))
        for r in post_rows:
            w.writerow(list(r.values()))
    with open(os.path.join(OUT, 'partners.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(list(partner_rows[0].keys()))
        for r in partner_rows:
            w.writerow(list(r.values()))

if __name__ == '__main__' and os.environ.get('WRITE'):
    print(json.dumps({k: D[k] for k in ('dev_share', 'score_points', 'lambda', 'weights', 'lambda_p40_p60', 'V_CUB',
                                          'cost_posts_CUB', 'n_posted_countries', 'fee_assist', 'n_partner_offers')}, indent=1))

# ratio distribution for the range of LAMBDA
r = ratio1
D['lambda_p25_p75'] = [round(1.0 / r[int(0.75 * len(r))]), round(1.0 / r[int(0.25 * len(r))])]
V_all_posted = sum(V(c, 1.0) for c in bil)
D['lambda_total_rule'] = round(sum(bil.values()) / V_all_posted)
D['lambda_p10'] = round(1.0 / r[int(0.10 * len(r))])
if __name__ == '__main__' and os.environ.get('LAM'):
    print(D['lambda'], D['lambda_p25_p75'], D['lambda_total_rule'], D['lambda_p10'])
    for c in ('CUB', 'PAN', 'MEX', 'JAM', 'DOM', 'HTI', 'BIH', 'GIN', 'MLI', 'MOZ', 'KWT', 'FRA', 'COD', 'USA', 'VAT'):
        print(c, round(V(c, LAMBDA)), bil.get(c))

# ================================================================ run as a script: write everything
if __name__ == '__main__':
    import runpy, sys
    sys.modules['gen'] = sys.modules[__name__]     # yaml_gen and doc_gen `import gen`: reuse this run
    runpy.run_path(os.path.join(HERE, 'yaml_gen.py'), run_name='yaml_gen')   # CSVs + scenario.yaml
    runpy.run_path(os.path.join(HERE, 'doc_gen.py'), run_name='doc_gen')     # SOURCES.md
