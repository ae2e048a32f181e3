#!/usr/bin/env python3
"""Generator of scenarios/benelux-2026 (coalition, format version 2).

Belgium: the tables of scenarios/belgium-2026, less what lies in the Netherlands and
Luxembourg (posts HAG, LUX; the two host rows) and less the offers by NLD/LUX (now
agreements).  The Netherlands and Luxembourg: the rules of belgium-2026/SOURCES.md
(same services, same cost rules, same presence rules, same calibration of the
criteria weights) applied to Dutch and Luxembourg inputs; the inputs are sourced
where a source was found (visa rows of the Commission consulate statistics, national
totals of nationals abroad, passports issued, assistance cases) and otherwise the
estimates of the previous benelux-2026 tables, re-based on the new Belgian inputs.
Every rule is stated in ../SOURCES.md (benelux-2026), section numbers in comments.
"""
import csv, json, math, os, re, statistics, sys
from collections import defaultdict, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
sys.path.insert(0, HERE)
from visa_lib import raw_means

BE = os.path.join(ROOT, 'scenarios', 'belgium-2026') + '/'
OLD = os.path.join(HERE, 'v1')
OUT = os.environ.get('OUT', os.path.join(ROOT, 'scenarios', 'benelux-2026'))
os.makedirs(OUT, exist_ok=True)
D = OrderedDict()

def fmt(x):
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    s = '%.1f' % x
    return s[:-2] if s.endswith('.0') else s

def rdem(v):
    return round(v) if v >= 20 else round(v, 1)

def money(x):
    return int(round(x / 1000.0) * 1000) if x >= 20000 else int(round(x))

# ------------------------------------------------------------------ Belgian inputs
bc = list(csv.DictReader(open(BE + 'countries.csv')))
C = OrderedDict((r['id'], r) for r in bc)
HOSTS = [c for c in C if c not in ('NLD', 'LUX')]
assert len(HOSTS) == 195
bp = list(csv.DictReader(open(BE + 'posts.csv')))
bpart = list(csv.DictReader(open(BE + 'partners.csv')))
stage1 = json.load(open(os.path.join(ROOT, 'tools', 'belgium-2026', 'build', 'stage1.json')))
R_BE, T_BE = stage1['R'], stage1['T']
bderived = json.load(open(os.path.join(ROOT, 'tools', 'belgium-2026', 'build', 'derived.json')))

EU = {c for c in C if 'eu' in C[c]['tags'].split(';')}
EFTA_UK = {'CHE', 'NOR', 'ISL', 'LIE', 'GBR'}
EUROPE_SAFE = EU | EFTA_UK | {'AND', 'MCO', 'SMR', 'VAT'}

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
    return 'asia'

# ---- Belgian cost rules (belgium-2026 SOURCES 3.1, 6.2-6.7), shared by the three states
WORK = {'documents': 1.0, 'assistance': 8.0, 'visas': 0.7}
CONSUM = {'documents': 25.0, 'assistance': 105.0, 'visas': 8.0}
HOURS_FTE = 1500.0
HEADROOM, MINCAP, SPARE_H, MOVE = 1.3, 300.0, 750.0, 30000.0
# Sensitivity runs of SOURCES 8 (Dutch and Luxembourg capacities only; Belgium's come from
# belgium-2026): BENELUX_HEADROOM=1.1 and/or BENELUX_SPARE_H=0, written with OUT=DIR.
HEADROOM = float(os.environ.get('BENELUX_HEADROOM', HEADROOM))
SPARE_H = float(os.environ.get('BENELUX_SPARE_H', SPARE_H))
CREW_SCALE = bderived['crew_scale']            # 1.0824
DIPLO_PER_POINT = bderived['diplo_per_point']  # 0.8234
TIER_A = set('USA CAN AUS NZL JPN KOR SGP HKG TWN ISR ARE QAT KWT SAU BHR OMN'.split()) | \
         {c for c in C if C[c]['region'] == 'western_europe'}
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
def wage(c):
    return 20000.0 if c == 'CUB' else WAGE[tier(c)]
def prem(c):
    return PREM[tier(c)] * (1.4 if c in RISK else 1.0)
def case_cost(c, s):
    return round(WORK[s] * wage(c) / HOURS_FTE + CONSUM[s], 1)

# contract expatriates: euros per visa desk hour of the Belgian network (B.A. 14 42 01 11.00.14
# shared by visa workload); applied to Dutch and Luxembourg visa desk hours (E)
CONTRACT_TOTAL = 11746000.0
be_own = {p['country'] for p in bp if p['status'] == 'existing' and p['kind'] != 'mission' and p['presence'] != 'none'}
be_vis_h = sum(WORK['visas'] * float(C[c]['demand_visas']) for c in C if c in be_own)
CONTRACT_PER_VH = CONTRACT_TOTAL / be_vis_h
D['contract_per_visa_hour'] = round(CONTRACT_PER_VH, 2)

# ---- Directive offers (belgium-2026 7.1)
FEE_ASSIST = bderived['fee_assist']   # 237
def assist_cap(files):
    h = files * WORK['visas'] if files else HOURS_FTE
    return round(0.05 * h / WORK['assistance'], 1)

# ------------------------------------------------------------------ old benelux tables
def md_table(title_re, ncols):
    rows, on = [], False
    for l in open(os.path.join(OLD, 'SOURCES.md')):
        if l.startswith('### '):
            on = bool(re.match(title_re, l[4:]))
            continue
        if on and re.match(r'^\| [A-Z0-9-]+ \|', l):
            c = [x.strip() for x in l.strip().strip('|').split('|')]
            assert len(c) == ncols, (l, len(c))
            rows.append(c)
    return rows
def num(s):
    s = s.replace(',', '')
    return float(s) if s else 0.0
old_nl = {r[0]: dict(R=num(r[2]), Rrule=r[3], trips=num(r[6]), trade=num(r[8]), geo=num(r[10]), georule=r[11],
                     dev=num(r[13]), devrule=r[14]) for r in md_table(r'9\.1 ', 16)}
old_lu = {r[0]: dict(R=num(r[2]), Rrule=r[3], trips=num(r[5]), trade=num(r[7]), geo=num(r[9]), georule=r[10],
                     econ=num(r[11]), econrule=r[12], dev=num(r[13]), devrule=r[14]) for r in md_table(r'9\.2 ', 16)}
old_nl_notes = {r[0]: r[12] for r in md_table(r'9\.3 ', 13)}
old_lu_notes = {r[0]: r[12] for r in md_table(r'9\.4 ', 13)}
assert set(old_nl) == set(HOSTS) and set(old_lu) == set(HOSTS)
old_nl_posts = list(csv.DictReader(open(os.path.join(OLD, 'nld-posts.csv'))))
old_lu_posts = list(csv.DictReader(open(os.path.join(OLD, 'lux-posts.csv'))))
old_nl_part = list(csv.DictReader(open(os.path.join(OLD, 'nld-partners.csv'))))
old_lu_part = list(csv.DictReader(open(os.path.join(OLD, 'lux-partners.csv'))))

# ================================================================== BELGIUM
bel_dem = OrderedDict((c, C[c]) for c in HOSTS)
DROP_BE = [p['id'] for p in bp if p['country'] in ('NLD', 'LUX')]
assert sorted(DROP_BE) == ['HAG', 'LUX']
bel_posts = [dict(p) for p in bp if p['id'] not in DROP_BE]
for p in bel_posts:
    # belgium-2026's own requirements (a post housed in another Belgian post: PTY-HUB in PTY,
    # BEY-SYR in BEY) stay; a co-location with another state's post is added here.
    p['requires'] = p.get('requires') or ''
    if p['id'] == 'CCS':
        p['requires'] = 'NLD:CCS'       # assumption: in the Dutch embassy as documented in 2011 (SOURCES 2, 8)
    if p['id'] == 'KWI':
        p['group'] = 'kuwait'
MAXDIP_BE = 392 - sum(int(p['diplomats']) for p in bp if p['id'] in DROP_BE)
D['bel_max_diplomats'] = MAXDIP_BE
D['bel_dropped_diplomats'] = {p['id']: int(p['diplomats']) for p in bp if p['id'] in DROP_BE}

def desk_row(state_career, pid, c, city, requires, group, own_load):
    """A desk in another state's chancery: the light-desk rule of belgium-2026 6.10/6.6."""
    d = 1
    crew = 2.0 * CREW_SCALE
    premises = 0.5 * prem(c)
    annual = d * state_career + crew * wage(c) + premises
    opn = premises + 0.25 * crew * wage(c) + MOVE * d
    hrs = sum(WORK[s] * own_load.get(s, 0) for s in WORK)
    cap = max(MINCAP, math.ceil(max(HEADROOM * hrs, hrs + SPARE_H) / 10.0) * 10)
    return OrderedDict(id=pid, country=c, city=city, kind='desk', status='candidate', presence='accredited',
                       services='documents;assistance', lat='', lon='', diplomats=d, annual_cost=money(annual),
                       close_cost=0, open_cost=money(opn), capacity=fmt(cap),
                       case_cost_documents=fmt(case_cost(c, 'documents')),
                       case_cost_assistance=fmt(case_cost(c, 'assistance')),
                       case_cost_visas=fmt(case_cost(c, 'visas')), covers='', reach_km='0', group=group, force='',
                       requires=requires)
CAREER_BE = 161000.0
kwi_desk = desk_row(CAREER_BE, 'KWI-COLOC', 'KWT', 'Kuwait City', 'NLD:KWI', 'kuwait',
                    {s: float(C['KWT']['demand_' + s]) for s in ('documents', 'assistance')})
bel_posts.append(kwi_desk)
# offers by NLD and LUX become agreements
bel_partners = [dict(r) for r in bpart if r['by'] not in ('NLD', 'LUX')]
benelux_offers = [dict(r) for r in bpart if r['by'] in ('NLD', 'LUX')]
D['bel_offers_to_agreements'] = [r['id'] for r in benelux_offers]

# ================================================================== NLD and LUX: demand
# ---- registered / resident nationals abroad (R)
# NLD: about 1 million Dutch nationals abroad (B: rd.nl Dec 2018, Volkskrant May 2018, RAND 2019),
# of whom "ruim 600 duizend" elsewhere in Europe (B: NIDI Demos); less those in Belgium (not a host),
# 160,000 (E: 111,000 in 2006, CBS, growing).  The old per-country pattern (explicit values and
# 1.3 x / 0.4 x / 0.15 x the Belgian figure, now the new Belgian figure) is scaled to the
# European and the non-European totals.
NL_ABROAD, NL_EUROPE, NL_IN_BEL = 1000000.0, 600000.0, 160000.0
def nl_pattern(c):
    o = old_nl[c]
    if o['Rrule'] == 'explicit':
        return o['R']
    m = float(o['Rrule'].rstrip('x'))
    return m * R_BE[c]
pat = {c: nl_pattern(c) for c in HOSTS}
eu_t, rest_t = NL_EUROPE - NL_IN_BEL, NL_ABROAD - NL_EUROPE
fe = eu_t / sum(pat[c] for c in HOSTS if continent(c) == 'europe')
fr = rest_t / sum(pat[c] for c in HOSTS if continent(c) != 'europe')
R_NL = {c: pat[c] * (fe if continent(c) == 'europe' else fr) for c in HOSTS}
D['nl_R_scale'] = {'europe': round(fe, 3), 'rest': round(fr, 3)}
# LUX: 113,554 Luxembourg nationals abroad (RNPP, 4 Jul 2022, via lesfrontaliers.lu, B); sourced
# per country FRA 30,713, BEL 25,997 (not a host), DEU 19,151, BRA 15,316, USA 10,617, CHE 2,620;
# the rest (9,140) spread by the old pattern (explicit values, else 0.04 x the new Belgian figure).
LU_SRC = {'FRA': 30713, 'DEU': 19151, 'BRA': 15316, 'USA': 10617, 'CHE': 2620}
LU_TOTAL, LU_IN_BEL = 113554.0, 25997.0
def lu_pattern(c):
    o = old_lu[c]
    if o['Rrule'] == 'explicit':
        return o['R']
    return float(o['Rrule'].rstrip('x')) * R_BE[c]
rest = LU_TOTAL - LU_IN_BEL - sum(LU_SRC.values())
est = [c for c in HOSTS if c not in LU_SRC]
fl = rest / sum(lu_pattern(c) for c in est)
R_LU = {c: float(LU_SRC[c]) if c in LU_SRC else lu_pattern(c) * fl for c in HOSTS}
D['lu_R_rest'] = round(rest)
D['lu_R_scale'] = round(fl, 3)

# ---- trips (thousands a year)
NL_TRIPS_EXPLICIT = {'DEU': 5000, 'FRA': 4500, 'ESP': 3500, 'ITA': 1800, 'GBR': 1500, 'AUT': 1300, 'TUR': 1200,
                     'USA': 900, 'GRC': 900, 'PRT': 700, 'THA': 250, 'IDN': 150, 'SUR': 120,
                     # Cuba: about 45 k Dutch trips in 2016 (C) x European arrivals at half their
                     # 2016-18 level (ONEI via ANP, B), as belgium-2026 1.2 reasons (SOURCES 3.3)
                     'CUB': 22}
T_NL = {c: float(NL_TRIPS_EXPLICIT[c]) if c in NL_TRIPS_EXPLICIT else 1.5 * T_BE[c] for c in HOSTS}
T_LU = {c: 0.05 * T_BE[c] for c in HOSTS}

# ---- documents
DOC_RATE_NL = 0.13 + 0.05    # 130,000 passports by posts in 2017 / ~1 M abroad (D) + civil status (BE rule 0.02-0.08)
DOC_RATE_LU = DOC_RATE_NL    # no Luxembourg figure (E)
# ---- assistance: the Belgian key; NLD scaled to 2,300 helped through posts (2017, rd.nl, B)
# x 2.6 (the Belgian ratio of all cases to central files, 3,000 / 1,141); LUX at the Belgian
# calibrated rates (scale 0.2806)
def akey(c, R, T):
    return (0.002 * R[c] + 0.2 * T[c]) if c in EUROPE_SAFE else (0.02 * R[c] + 2.0 * T[c])
NL_ASSIST = 2300 * 3000.0 / 1141
ksum_nl = sum(akey(c, R_NL, T_NL) for c in HOSTS)
A_SCALE_NL = NL_ASSIST / ksum_nl
A_SCALE_BE = bderived['assist_scale']
D['nl_assist_total'] = round(NL_ASSIST)
D['nl_assist_scale'] = round(A_SCALE_NL, 4)
D['nl_assist_at_be_rates'] = round(A_SCALE_BE * ksum_nl)
# ---- visas: Commission consulate rows, mean of 2019 and 2022 (Russia 2022), scaled to the 2024 total
NL_2024 = 728656.0           # Schengen.News / SchengenVisaInfo relay of the Commission 2024 table (B/C)
LU_2023 = 11227.0            # Commission 2023 table via SchengenVisaInfo (C)
LU_2024 = LU_2023 * 11.7 / 10.3   # Schengen-wide growth 2023->2024 (+13.6%, Commission via schengenvisa.news, B)
raw_nl, V19_nl, V22_nl, city_nl = raw_means('Netherlands')
raw_lu, V19_lu, V22_lu, city_lu = raw_means('Luxembourg')
# posts no longer taking applications: 2022 row 0 (AFG, NPL, YEM), Khartoum evacuated in April 2023 (SDN)
NL_CLOSED = ['AFG', 'NPL', 'YEM', 'SDN']
for c in NL_CLOSED:
    raw_nl.pop(c, None)
VS_NL = NL_2024 / sum(raw_nl.values())
VS_LU = LU_2024 / sum(raw_lu.values())
D['nl_visa_raw_sum'] = round(sum(raw_nl.values()))
D['nl_visa_scale'] = round(VS_NL, 4)
D['lu_visa_raw_sum'] = round(sum(raw_lu.values()))
D['lu_visa_scale'] = round(VS_LU, 4)
D['lu_2024'] = round(LU_2024)

# ================================================================== NLD and LUX: posts
def post_list(old_posts, state):
    out = OrderedDict()
    for r in old_posts:
        if r['status'] == 'candidate':
            continue
        out[r['id']] = dict(id=r['id'], country=r['country'], city=r['city'], kind=r['kind'], status='existing',
                            lat=r['lat'], lon=r['lon'], covers=r['covers'], group=r['group'], requires='')
    return out
nl_posts = post_list(old_nl_posts, 'NLD')
# Dutch posts with Commission visa rows (mean >= 300 files) that the old list left out (B: the rows)
NL_ADD = [('DOH', 'QAT', 'Doha'), ('KUL', 'MYS', 'Kuala Lumpur'), ('LAD', 'AGO', 'Luanda'), ('WLG', 'NZL', 'Wellington')]
for pid, c, city in NL_ADD:
    nl_posts[pid] = dict(id=pid, country=c, city=city, kind='embassy', status='existing', lat='', lon='', covers='',
                         group='', requires='')
nl_posts['HAV']['group'] = 'havana-nl'
nl_posts['BJM']['group'] = 'bujumbura-nl'
nl_posts['FIH']['group'] = 'kinshasa-nl'
lu_posts = post_list(old_lu_posts, 'LUX')
nl_countries = {p['country'] for p in nl_posts.values()}
lu_countries = {p['country'] for p in lu_posts.values()}
be_countries = {p['country'] for p in bel_posts if p['status'] == 'existing' and p['presence'] != 'none'}

# visa demand by country (only where the state has a modelled post; visas are not remote)
VIS_NL, VIS_LU = {}, {}
for c in HOSTS:
    VIS_NL[c] = raw_nl.get(c, 0.0) * VS_NL if c in nl_countries else 0.0
    VIS_LU[c] = raw_lu.get(c, 0.0) * VS_LU if c in lu_countries else 0.0
D['nl_visa_not_modelled'] = {c: round(raw_nl[c] * VS_NL) for c in raw_nl if c not in nl_countries and raw_nl[c] > 0}
D['lu_visa_not_modelled'] = {c: round(raw_lu[c] * VS_LU) for c in raw_lu if c not in lu_countries and raw_lu[c] > 0}
# files the Dutch posts lodge for Belgium where Belgium counts them itself (belgium-2026 1.3:
# DOM, SUR, VEN; served at the Dutch post under the agreement): not counted twice
NL_FOR_BE = {}
for c in ('DOM', 'SUR', 'VEN'):
    b = float(C[c]['demand_visas'])
    NL_FOR_BE[c] = b
    VIS_NL[c] = max(0.0, VIS_NL[c] - b)
D['nl_visa_less_be'] = NL_FOR_BE

dem_nl = {c: dict(documents=DOC_RATE_NL * R_NL[c], assistance=A_SCALE_NL * akey(c, R_NL, T_NL), visas=VIS_NL[c])
          for c in HOSTS}
dem_lu = {c: dict(documents=DOC_RATE_LU * R_LU[c], assistance=A_SCALE_BE * akey(c, R_LU, T_LU), visas=VIS_LU[c])
          for c in HOSTS}
for dm in (dem_nl, dem_lu):
    for c in HOSTS:
        for s in dm[c]:
            dm[c][s] = rdem(dm[c][s])
D['nl_demand_totals'] = {s: round(sum(dem_nl[c][s] for c in HOSTS)) for s in WORK}
D['lu_demand_totals'] = {s: round(sum(dem_lu[c][s] for c in HOSTS)) for s in WORK}
bel_tot = {s: round(sum(float(C[c]['demand_' + s]) for c in HOSTS)) for s in WORK}
D['be_demand_totals'] = bel_tot

# ================================================================== scores
def be_score(c, k):
    return float(C[c]['score_' + k])
def econ(trade):
    return round(100 * (trade / 120.0) ** 0.35, 1) if trade > 0 else 0.0
score_nl, score_lu = {}, {}
for c in HOSTS:
    o = old_nl[c]
    geo = o['geo'] if o['georule'] == 'explicit' else be_score(c, 'geopolitical')
    dev = o['dev'] if o['devrule'] == 'explicit' else round(0.5 * be_score(c, 'development'))
    score_nl[c] = dict(geopolitical=geo, economic=econ(o['trade']), development=dev)
    o = old_lu[c]
    geo = o['geo'] if o['georule'] == 'explicit' else round(0.7 * be_score(c, 'geopolitical'))
    dev = o['dev'] if o['devrule'] == 'explicit' else round(0.3 * be_score(c, 'development'))
    trade = o['trade']
    if o['econrule'] == 'finance floor':       # old floor score on the 12-bn scale -> trade equivalent
        trade = max(trade, 12.0 * (o['econ'] / 100.0) ** (1 / 0.35))
    score_lu[c] = dict(geopolitical=geo, economic=econ(trade), development=dev)
D['nl_score_CUB'] = score_nl['CUB']
D['lu_score_CUB'] = score_lu['CUB']

# ================================================================== posts: load, diplomats, costs
def build_state(state, posts, dem, score, career, other_load, total_dip=None):
    ids = list(posts)
    existing = [k for k in ids if posts[k]['status'] == 'existing']
    load = defaultdict(lambda: defaultdict(float))
    SPLIT = {'USA': {'WAS': .6, 'NYC': .4}, 'BRA': {'BSB': .5, 'SAO': .35, 'RIO': .15}} if state == 'NLD' else \
            {'USA': {'WAS': .6, 'NYC': .4}}
    VCITY = {'NEW YORK': 'NYC', 'SAO PAULO': 'SAO', 'RIO DE JANEIRO': 'RIO'}
    city = city_nl if state == 'NLD' else city_lu
    def own(c):
        return [k for k in existing if posts[k]['country'] == c]
    for c in HOSTS:
        ps = own(c)
        if not ps:
            continue
        for s in ('documents', 'assistance'):
            if c in SPLIT:
                for k, sh in SPLIT[c].items():
                    load[k][s] += dem[c][s] * sh
            else:
                load[ps[0]][s] += dem[c][s]
        if len(ps) > 1:
            tot = sum(city[c].values())
            for ci, v in city[c].items():
                k = VCITY.get(ci, ps[0])       # consulates not modelled: their files go to the embassy
                load[k]['visas'] += dem[c]['visas'] * v / tot if tot else 0
        else:
            load[ps[0]]['visas'] += dem[c]['visas']
    primary = {}
    for c in HOSTS:
        if own(c):
            continue
        p = None
        for k in existing:
            if c in posts[k]['covers'].split(';'):
                p = k; break
        primary[c] = p
        if p:
            load[p]['documents'] += dem[c]['documents']
            if state == 'NLD' or (c not in be_countries and c not in nl_countries):
                load[p]['assistance'] += dem[c]['assistance']
    for k, L in other_load.items():
        for s, v in L.items():
            load[k][s] += v
    def hours(k):
        return sum(WORK[s] * load[k].get(s, 0) for s in WORK)
    def points(k):
        p = posts[k]
        pts = hours(k) / 10000.0
        if p['kind'] == 'embassy':
            pts += score[p['country']]['geopolitical'] / 20.0
        return pts
    BASE = {'embassy': 2, 'consulate': 1, 'office': 1}
    if total_dip is None:
        # the Belgian rate per point (belgium-2026 6.2: 0.8234 diplomats a point)
        dip = {k: BASE[posts[k]['kind']] + int(round(DIPLO_PER_POINT * points(k))) for k in existing}
    else:
        # the Belgian rule with the state's own total: base by kind, the rest by points, largest remainder
        base = {k: BASE[posts[k]['kind']] for k in existing}
        extra = total_dip - sum(base.values())
        ptot = sum(points(k) for k in existing)
        quota = {k: extra * points(k) / ptot for k in existing}
        dip = {k: base[k] + int(math.floor(quota[k])) for k in existing}
        left = total_dip - sum(dip.values())
        for k in sorted(existing, key=lambda k: -(quota[k] - math.floor(quota[k])))[:left]:
            dip[k] += 1
    EMB = {posts[k]['country'] for k in existing if posts[k]['kind'] == 'embassy'}
    rows = []
    for k in existing:
        p = posts[k]; c = p['country']
        d = dip[k]
        crew = (3.0 + 1.5 * d) * CREW_SCALE
        premises = prem(c) * (1 + 0.2 * (d - 2))
        contract = CONTRACT_PER_VH * WORK['visas'] * load[k].get('visas', 0)
        annual = d * career + contract + crew * wage(c) + premises
        sev = 1.0 if c in EU | EFTA_UK else 0.75
        close = sev * crew * wage(c) + 0.5 * premises + MOVE * d
        h = hours(k)
        cap = max(MINCAP, math.ceil(max(HEADROOM * h, h + SPARE_H) / 10.0) * 10)
        presence = 'accredited' if p['kind'] == 'consulate' and c in EMB else ''
        rows.append(OrderedDict(id=k, country=c, city=p['city'], kind=p['kind'], status='existing', presence=presence,
                                services='', lat=p['lat'], lon=p['lon'], diplomats=d, annual_cost=money(annual),
                                close_cost=money(close), open_cost=0, capacity=fmt(cap),
                                case_cost_documents=fmt(case_cost(c, 'documents')),
                                case_cost_assistance=fmt(case_cost(c, 'assistance')),
                                case_cost_visas=fmt(case_cost(c, 'visas')), covers=p['covers'], reach_km='0',
                                group=p['group'], force='', requires=p['requires']))
    detail = {k: dict(dip=dip[k], hours=round(hours(k)), load={s: round(v, 1) for s, v in load[k].items()},
                      points=round(points(k), 3)) for k in existing}
    # the annual cost's parts, for the ranges of the uncertainty section (yaml_out.py)
    for k in existing:
        c, d = posts[k]['country'], dip[k]
        detail[k]['cost_parts'] = dict(agents=d * career, agent_cost=career,
                                       contract=CONTRACT_PER_VH * WORK['visas'] * load[k].get('visas', 0),
                                       crew=(3.0 + 1.5 * d) * CREW_SCALE * wage(c), premises=prem(c) * (1 + 0.2 * (d - 2)))
    return rows, detail, primary

# status-quo cases of the other states at NLD / LUX posts (capacity reserved):
# Belgium: what the removed offers by NLD/LUX carried (belgium-2026 7.2): its visas and assistance
# in that country; Luxembourg: its assistance where it has no post of its own and Belgium none
# either (routing of the old file 4.3), its visas nowhere else.
NL_POST_IN = {}
for k, p in nl_posts.items():
    NL_POST_IN.setdefault(p['country'], k)
LU_POST_IN = {}
for k, p in lu_posts.items():
    LU_POST_IN.setdefault(p['country'], k)
other_nl, other_lu = defaultdict(dict), defaultdict(dict)
reserved = OrderedDict()
for r in benelux_offers:
    c, by = r['country'], r['by']
    tgt = NL_POST_IN.get(c) if by == 'NLD' else LU_POST_IN.get(c)
    if tgt is None:
        reserved['%s (%s)' % (r['id'], c)] = 'no %s post modelled; %s' % (by, 'Belgian cover' )
        continue
    L = (other_nl if by == 'NLD' else other_lu)[tgt]
    for s in r['services'].split(';'):
        L[s] = L.get(s, 0) + float(C[c]['demand_' + s])
    reserved[r['id']] = (tgt, {s: float(C[c]['demand_' + s]) for s in r['services'].split(';')})
# Luxembourg assistance where LUX has no post: at the Belgian post if any (capacity of belgium-2026
# unchanged: its headroom of >= 750 h absorbs it), else at the Dutch post in the country
lux_at = defaultdict(float)
for c in HOSTS:
    if c in lu_countries:
        continue
    a = dem_lu[c]['assistance']
    if c in be_countries:
        lux_at['BEL'] += a
    elif c in NL_POST_IN:
        k = NL_POST_IN[c]
        other_nl[k]['assistance'] = other_nl[k].get('assistance', 0) + a
        lux_at['NLD'] += a
D['lux_assist_routed'] = {k: round(v, 1) for k, v in lux_at.items()}
D['reserved'] = {k: v for k, v in reserved.items()}

CAREER_NL = 161000.0         # the Belgian figure (E, 130-200k)
CAREER_LU = 161000.0 * 1.4   # Luxembourg public pay premium (E, x1.2-1.7)
nl_rows, nl_detail, nl_primary = build_state('NLD', nl_posts, dem_nl, score_nl, CAREER_NL, other_nl)
LU_DIPLOMATS = 80            # posted career diplomats at the 34 modelled posts (E, 60-110; 'under 200' in all)
lu_rows, lu_detail, lu_primary = build_state('LUX', lu_posts, dem_lu, score_lu, CAREER_LU, other_lu, LU_DIPLOMATS)
# The Dutch Havana embassy's annual-cost range, by belgium-2026's rule for its own Havana
# embassy (BE-SOURCES 8.1): each part at its low or high end (diplomats 2-3 at EUR 130-200k,
# local crew and contract staff x0.6-1.4, premises x0.5-1.5), the crew kept as it is.
_hp = nl_detail['HAV']['cost_parts']
D['nl_hav_cost_low'] = round(2 * 130000 + 0.6 * _hp['crew'] + 0.6 * _hp['contract'] + 0.5 * _hp['premises'], -3)
D['nl_hav_cost_high'] = round(3 * 200000 + 1.4 * _hp['crew'] + 1.4 * _hp['contract'] + 1.5 * _hp['premises'], -3)
D['nl_hav_cost_parts'] = {k: round(v) for k, v in _hp.items()}
# The two Havana embassies' capacities: the headroom's range 1.1-1.5 on each post's own
# status-quo load (belgium-2026 family 49, N23; the low end drops the +750 h floor),
# the file's value as the mode. Which embassy the coalition keeps turns on them (SOURCES 7.1).
D['hav_capacity_hours'] = {'BEL': bderived['post_detail']['HAV']['hours'], 'NLD': nl_detail['HAV']['hours']}
D['hav_capacity_range'] = {st: [round(1.1 * h), round(1.5 * h)] for st, h in D['hav_capacity_hours'].items()}
# desks in another state's chancery (light-desk rule)
nl_rows.append(desk_row(CAREER_NL, 'HAV-COLOC', 'CUB', 'Havana', 'BEL:HAV', 'havana-nl',
                        {s: dem_nl['CUB'][s] for s in ('documents', 'assistance')}))
nl_rows.append(desk_row(CAREER_NL, 'BJM-COLOC', 'BDI', 'Bujumbura', 'BEL:BJM', 'bujumbura-nl',
                        {s: dem_nl['BDI'][s] for s in ('documents', 'assistance')}))
nl_rows.append(desk_row(CAREER_NL, 'FIH-COLOC', 'COD', 'Kinshasa', 'BEL:FIH', 'kinshasa-nl',
                        {s: dem_nl['COD'][s] for s in ('documents', 'assistance')}))
lu_rows.append(desk_row(CAREER_LU, 'NIM-COLOC', 'NER', 'Niamey', 'BEL:NIM', '',
                        {s: dem_lu['NER'][s] for s in ('documents', 'assistance')}))
lu_rows.append(desk_row(CAREER_LU, 'BKO-COLOC', 'MLI', 'Bamako', 'NLD:BKO', '',
                        {s: dem_lu['MLI'][s] for s in ('documents', 'assistance')}))
for rows in (nl_rows, lu_rows):
    for r in rows:
        if r['id'] in ('BJM', 'COO', 'ABJ', 'DAR', 'NYC', 'SAO', 'RIO', 'RGN', 'CMB'):
            pass
D['nl_existing_annual'] = sum(r['annual_cost'] for r in nl_rows if r['status'] == 'existing')
D['lu_existing_annual'] = sum(r['annual_cost'] for r in lu_rows if r['status'] == 'existing')
D['nl_existing_diplomats'] = sum(r['diplomats'] for r in nl_rows if r['status'] == 'existing')
D['lu_existing_diplomats'] = sum(r['diplomats'] for r in lu_rows if r['status'] == 'existing')
D['nl_n_existing'] = sum(1 for r in nl_rows if r['status'] == 'existing')
D['lu_n_existing'] = sum(1 for r in lu_rows if r['status'] == 'existing')
D['nl_uncovered'] = sorted(c for c, p in nl_primary.items() if p is None and any(dem_nl[c].values()))
D['lu_uncovered'] = sorted(c for c, p in lu_primary.items() if p is None and any(dem_lu[c].values()))

# ================================================================== weights (belgium-2026 4.2-4.3)
DEV_SHARE = bderived['dev_share']
SHARES = {'geopolitical': (1 - DEV_SHARE) / 2, 'economic': (1 - DEV_SHARE) / 2, 'development': DEV_SHARE}
def calibrate(score, rows):
    PTS = {k: sum(score[c][k] for c in HOSTS) for k in SHARES}
    bil = defaultdict(float)
    for r in rows:
        if r['status'] == 'existing':
            bil[r['country']] += r['annual_cost']
    def V(c, lam):
        return sum(lam * SHARES[k] / PTS[k] * score[c][k] for k in SHARES)
    ratio = sorted(V(c, 1.0) / bil[c] for c in bil)
    lam = 1.0 / statistics.median(ratio)
    W = {k: round(lam * SHARES[k] / PTS[k]) for k in SHARES}
    rng = [round(1.0 / ratio[int(0.75 * len(ratio))]), round(1.0 / ratio[int(0.10 * len(ratio))])]
    return W, round(lam), PTS, rng, len(bil)
W_NL, LAM_NL, PTS_NL, RNG_NL, N_NL = calibrate(score_nl, nl_rows)
W_LU, LAM_LU, PTS_LU, RNG_LU, N_LU = calibrate(score_lu, lu_rows)
D['nl_weights'] = W_NL; D['nl_lambda'] = LAM_NL; D['nl_lambda_p75_p10'] = RNG_NL; D['nl_posted_countries'] = N_NL
D['lu_weights'] = W_LU; D['lu_lambda'] = LAM_LU; D['lu_lambda_p75_p10'] = RNG_LU; D['lu_posted_countries'] = N_LU
D['nl_score_points'] = {k: round(v, 1) for k, v in PTS_NL.items()}
D['lu_score_points'] = {k: round(v, 1) for k, v in PTS_LU.items()}
def Vc(score, W, c):
    return round(sum(W[k] * score[c][k] for k in W))
D['V_CUB'] = {'BEL': 879072, 'NLD': Vc(score_nl, W_NL, 'CUB'), 'LUX': Vc(score_lu, W_LU, 'CUB')}

# ================================================================== partners (belgium-2026 7.1)
sch = list(csv.DictReader(open(os.path.join(ROOT, 'tools', 'belgium-2026', 'data', 'schengen_posts_havana_caribbean.csv'))))
ISO = {'Spain': 'ESP', 'Italy': 'ITA', 'France': 'FRA', 'Germany': 'DEU', 'Sweden': 'SWE', 'Portugal': 'PRT',
       'Austria': 'AUT', 'Greece': 'GRC', 'Czech Republic': 'CZE', 'Hungary': 'HUN', 'Poland': 'POL',
       'Romania': 'ROU', 'Slovakia': 'SVK', 'Bulgaria': 'BGR', 'Netherlands': 'NLD', 'Cyprus': 'CYP'}
def sch_rows(name):
    return {r['schengen_state']: float(r['applications']) for r in sch
            if r['country'].lower() == name.lower() and r['year'] == '2022'}
CARIB = {'CUB': 'Cuba', 'DOM': 'Dominican Republic', 'HTI': 'Haiti', 'JAM': 'Jamaica'}
def partner_rows(state, old_offers, posted):
    out = []
    def add(pid, c, by, cap):
        out.append(OrderedDict(id=pid, country=c, by=by, capacity=fmt(cap), services='assistance',
                               fee_documents='', fee_assistance=fmt(FEE_ASSIST), fee_visas='', presence='false'))
    done = set()
    # the Caribbean: every EU state with a visa-taking post there in 2022 (Commission rows), as for Belgium,
    # where the state has no post of its own or one under review
    for c, nm in CARIB.items():
        if c in posted and c != 'CUB':
            continue
        for st, files in sorted(sch_rows(nm).items(), key=lambda x: -x[1]):
            code = ISO.get(st)
            if code is None or code in ('NLD', 'CYP'):
                continue
            add('%s-%s-A' % (c, code), c, code, assist_cap(files))
            done.add((c, code))
    for r in old_offers:
        c, by = r['country'], r['by']
        if by == 'EU' or (c, by) in done or c in CARIB:
            continue
        add('%s-%s-A' % (c, by), c, by, assist_cap(None))
        done.add((c, by))
    return out
nl_part = partner_rows('NLD', old_nl_part, nl_countries)
lu_part = partner_rows('LUX', old_lu_part, lu_countries)
D['n_partners'] = {'BEL': len(bel_partners), 'NLD': len(nl_part), 'LUX': len(lu_part)}

# ================================================================== write
POSTCOLS = ['id', 'country', 'city', 'kind', 'status', 'presence', 'services', 'lat', 'lon', 'diplomats', 'annual_cost',
            'close_cost', 'open_cost', 'capacity', 'case_cost_documents', 'case_cost_assistance', 'case_cost_visas',
            'covers', 'reach_km', 'group', 'force', 'requires']
def wcsv(name, header, rows):
    with open(os.path.join(OUT, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, '') for h in header])
wcsv('countries.csv', ['id', 'name', 'region', 'lat', 'lon', 'tags'], [C[c] for c in HOSTS])
DEMCOLS = ['country', 'demand_documents', 'demand_assistance', 'demand_visas', 'score_geopolitical', 'score_economic',
           'score_development']
wcsv('bel-demand.csv', DEMCOLS, [dict(country=c, **{k: C[c][k] for k in DEMCOLS[1:]}) for c in HOSTS])
def demrows(dem, score):
    return [dict(country=c, demand_documents=fmt(dem[c]['documents']), demand_assistance=fmt(dem[c]['assistance']),
                 demand_visas=fmt(dem[c]['visas']), score_geopolitical=fmt(score[c]['geopolitical']),
                 score_economic=fmt(score[c]['economic']), score_development=fmt(score[c]['development']))
            for c in HOSTS]
wcsv('nld-demand.csv', DEMCOLS, demrows(dem_nl, score_nl))
wcsv('lux-demand.csv', DEMCOLS, demrows(dem_lu, score_lu))
wcsv('bel-posts.csv', POSTCOLS, bel_posts)
wcsv('nld-posts.csv', POSTCOLS, nl_rows)
wcsv('lux-posts.csv', POSTCOLS, lu_rows)
PARTCOLS = ['id', 'country', 'by', 'capacity', 'services', 'fee_documents', 'fee_assistance', 'fee_visas', 'presence']
wcsv('bel-partners.csv', PARTCOLS, bel_partners)
wcsv('nld-partners.csv', PARTCOLS, nl_part)
wcsv('lux-partners.csv', PARTCOLS, lu_part)

# inputs for the appendix tables
inputs = dict(R_NL={c: round(R_NL[c]) for c in HOSTS}, R_LU={c: round(R_LU[c]) for c in HOSTS},
              T_NL={c: round(T_NL[c], 1) for c in HOSTS}, T_LU={c: round(T_LU[c], 2) for c in HOSTS},
              trade_NL={c: old_nl[c]['trade'] for c in HOSTS}, trade_LU={c: old_lu[c]['trade'] for c in HOSTS},
              raw_nl=raw_nl, raw_lu=raw_lu, V19_nl=dict(V19_nl), V22_nl=dict(V22_nl), V19_lu=dict(V19_lu),
              V22_lu=dict(V22_lu), nl_detail=nl_detail, lu_detail=lu_detail, old_nl=old_nl, old_lu=old_lu,
              old_nl_notes=old_nl_notes, old_lu_notes=old_lu_notes, score_nl=score_nl, score_lu=score_lu,
              dem_nl=dem_nl, dem_lu=dem_lu)
json.dump(inputs, open(os.path.join(BUILD, 'inputs.json'), 'w'), indent=0, default=float)
json.dump(D, open(os.path.join(BUILD, 'derived.json'), 'w'), indent=1, default=str)
print(json.dumps({k: v for k, v in D.items() if k not in ('reserved',)}, indent=1, default=str))
