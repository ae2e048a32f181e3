#!/usr/bin/env python3
"""Writes scenario.yaml of benelux-2026 from derived.json (weights, caps)."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
OUT = os.environ.get('OUT', os.path.join(ROOT, 'scenarios', 'benelux-2026'))
D = json.load(open(os.path.join(BUILD, 'derived.json')))


def cap(state):
    """The capacity of a state's Havana embassy as the generator wrote it (desk hours a year)."""
    import csv
    with open(os.path.join(OUT, f'{state.lower()}-posts.csv')) as fh:
        return next(r['capacity'] for r in csv.DictReader(fh) if r['id'] == 'HAV')
W_NL, W_LU = D['nl_weights'], D['lu_weights']
text = f"""# Benelux 2026: Belgium, the Netherlands and Luxembourg plan their networks in third
# countries together (coalition format, version 2). Every number is sourced or estimated
# by a stated rule: SOURCES.md beside this file (section numbers in the comments).
# Belgium's tables are those of scenarios/belgium-2026 (format version 2), less what lies
# in the Netherlands and Luxembourg and less the offers by NLD/LUX, which are the
# agreements below. The Dutch and Luxembourg tables apply belgium-2026's rules (same
# services, cost rules, presence rules and weight calibration) to Dutch and Luxembourg
# inputs: visa demand from the same Commission consulate rows, nationals abroad and
# consular totals where a source was found, the earlier estimates otherwise.
# No value comes from the format documentation's examples.
dipnet: 2
name: Benelux 2026 joint network (services, sourced Belgian data)
description: >-
  Belgium (belgium-2026 in format version 2), the Netherlands and Luxembourg: posts in
  third countries, services documents / assistance / visas, Directive 2015/637 and Benelux
  visa representation as agreements by service; the Havana question planned jointly.
currency: EUR
horizon_years: 4            # belgium-2026 (its SOURCES 6.1: the 2026-2029 legislature, range 3-10)

criteria:                   # belgium-2026's weights (its SOURCES 4.3); NLD and LUX calibrate their own below
  geopolitical: {{weight: 17494, label: Geopolitical importance}}
  economic:     {{weight: 26405, label: Trade (score from goods trade)}}
  development:  {{weight: 13035, label: Development-cooperation relevance}}

presence: {{accredited: 0.25, represented: 0.1}}   # belgium-2026 (its SOURCES 4.4), for the three states

costs:
  remote_case_cost_per_1000km: 100    # belgium-2026 (its SOURCES 3.5)
services:                   # belgium-2026 (its SOURCES 3); capacity units = desk hours; per-post costs in the posts tables
  documents:                # passports, eID, civil status for nationals; no other state may issue them
    case_cost: 38.3
    unserved_penalty: 400
    workload: 1
    remote: true
  assistance:               # nationals in distress; any EU state must help (Directive 2015/637)
    case_cost: 211.7
    unserved_penalty: 3000
    workload: 8
    remote: true
  visas:                    # Schengen C applications lodged at the state's posts (incl. those taken for Benelux partners)
    case_cost: 17.3
    unserved_penalty: 320
    fee_income: 77
    workload: 0.7
    remote: false

countries: {{csv: countries.csv}}   # 195 hosts: belgium-2026's 197 less NLD and LUX (SOURCES 1)

states:
  BEL:
    name: Belgium
    demand: {{csv: bel-demand.csv}}      # belgium-2026 countries.csv, 195 rows, unchanged (SOURCES 2)
    posts: {{csv: bel-posts.csv}}        # belgium-2026 posts.csv less HAG and LUX; + requires, KWI-COLOC (SOURCES 2)
    partners: {{csv: bel-partners.csv}}  # belgium-2026 partners.csv less the 21 offers by NLD/LUX (SOURCES 2)
    rules: {{max_diplomats: {D['bel_max_diplomats']}}}    # 392 (FPS, Oct 2022) less the 13 diplomats of HAG and LUX (SOURCES 2)
  NLD:
    name: Netherlands
    weights: {{geopolitical: {W_NL['geopolitical']}, economic: {W_NL['economic']}, development: {W_NL['development']}}}   # belgium-2026's calibration on the Dutch network (SOURCES 3.6)
    demand: {{csv: nld-demand.csv}}      # SOURCES 3.2-3.5
    posts: {{csv: nld-posts.csv}}        # SOURCES 3.1, 3.7
    partners: {{csv: nld-partners.csv}}  # SOURCES 3.8
  LUX:
    name: Luxembourg
    weights: {{geopolitical: {W_LU['geopolitical']}, economic: {W_LU['economic']}, development: {W_LU['development']}}}   # the same calibration on the Luxembourg network (SOURCES 4.6)
    demand: {{csv: lux-demand.csv}}      # SOURCES 4.2-4.5
    posts: {{csv: lux-posts.csv}}        # SOURCES 4.1, 4.7
    partners: {{csv: lux-partners.csv}}  # SOURCES 4.8

agreements:                 # SOURCES 5. Documents are in none: no state may issue another's passports.
  # Visas: Benelux states take C visas for one another (Visa Code art. 8; documented posts in
  # SOURCES 5.1); the representing state keeps the fee (fee 0 between states; the provider earns
  # fee_income). Assistance: Directive 2015/637; the helping state recovers its outlays from the
  # citizen, so nothing is paid between states (SOURCES 5.2). One fee per agreement in the format.
  - {{provider: NLD, client: BEL, services: [assistance, visas], fee: 0, abroad: false, presence: true}}
  - {{provider: BEL, client: NLD, services: [assistance, visas], fee: 0, abroad: false, presence: true}}
  - {{provider: BEL, client: LUX, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
  - {{provider: NLD, client: LUX, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
  - {{provider: LUX, client: BEL, services: [assistance, visas], fee: 0, abroad: false, presence: true}}
  - {{provider: LUX, client: NLD, services: [assistance, visas], fee: 0, abroad: false, presence: true}}

variants:                   # SOURCES 5.5; run one with `dipnet coalition FILE --variant NAME`
  eu-wide-assistance:
    description: >-
      An EU-wide assistance agreement: every Benelux post helps every Benelux national in
      distress also in the countries it covers from abroad, not only on the spot (the
      programme's "single representation"; Directive 2015/637 requires help on the spot only).
      Visas as in the base: they are never handled from abroad.
    agreements:
      - {{provider: NLD, client: BEL, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
      - {{provider: BEL, client: NLD, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
      - {{provider: BEL, client: LUX, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
      - {{provider: NLD, client: LUX, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
      - {{provider: LUX, client: BEL, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
      - {{provider: LUX, client: NLD, services: [assistance, visas], fee: 0, abroad: true, presence: true}}
  directive-only:
    description: >-
      Only what binds every EU state: assistance on the spot under Directive 2015/637, no
      Benelux visa representation (each state takes its own visa applicants).
    agreements:
      - {{provider: NLD, client: BEL, services: [assistance], fee: 0, abroad: false, presence: true}}
      - {{provider: BEL, client: NLD, services: [assistance], fee: 0, abroad: false, presence: true}}
      - {{provider: BEL, client: LUX, services: [assistance], fee: 0, abroad: false, presence: true}}
      - {{provider: NLD, client: LUX, services: [assistance], fee: 0, abroad: false, presence: true}}
      - {{provider: LUX, client: BEL, services: [assistance], fee: 0, abroad: false, presence: true}}
      - {{provider: LUX, client: NLD, services: [assistance], fee: 0, abroad: false, presence: true}}
  both-close-havana:
    description: >-
      The announced decisions: Belgium and the Netherlands both close their Havana embassies
      (Belgium: November 2025 announcement; the Netherlands: April 2025 decision; SOURCES 5.5).
    force: {{"BEL:HAV": closed, "NLD:HAV": closed}}

uncertainty:                # SOURCES 5.6: the Havana question's estimates within their stated ranges
  draws: 200                # `dipnet coalition FILE --simulate` (every draw plans the states alone and jointly)
  seed: 2026
  variants: [base, both-close-havana]   # the announced double closure against the optimum, in the same draws
  parameters:
    # Belgium's Cuban demand, as in belgium-2026's own section (BE-SOURCES 8.2)
    "BEL:countries.CUB.demand.documents":  {{distribution: triangular, min: 45, mode: 100, max: 190}}
    "BEL:countries.CUB.demand.assistance": {{distribution: triangular, min: 3, mode: 7.9, max: 35}}
    "BEL:countries.CUB.demand.visas":      {{distribution: triangular, min: 1300, mode: 1978, max: 2250}}
    # Belgium's weights: calibration percentile p25..p10 (BE-SOURCES 4.3)
    "BEL:criteria.geopolitical.weight": {{distribution: triangular, min: 0.78, mode: 1, max: 1.34, relative: true}}
    "BEL:criteria.economic.weight":     {{distribution: triangular, min: 0.78, mode: 1, max: 1.34, relative: true}}
    "BEL:criteria.development.weight":  {{distribution: triangular, min: 0.63, mode: 1, max: 1.68, relative: true}}
    # the Belgian Havana embassy's cost, as in belgium-2026's own section (BE-SOURCES 8.1)
    "BEL:posts.HAV.annual_cost": {{distribution: triangular, min: 568000, mode: 1048000, max: 1423000}}
    # Dutch Cuban demand and score (SOURCES 3.2-3.5)
    "NLD:countries.CUB.demand.documents":   {{distribution: triangular, min: 0.78, mode: 1, max: 1.28, relative: true}}
    "NLD:countries.CUB.demand.assistance":  {{distribution: triangular, min: 0.5, mode: 1, max: 2, relative: true}}
    "NLD:countries.CUB.demand.visas":       {{distribution: triangular, min: 1653, mode: 2478, max: 3432}}
    "NLD:countries.CUB.scores.geopolitical": {{distribution: triangular, min: 20, mode: 25, max: 30}}
    # Dutch weights: the value scale Λ's range (SOURCES 3.6); development also its share's, by Belgium's rule
    "NLD:criteria.geopolitical.weight": {{distribution: triangular, min: 0.787, mode: 1, max: 1.784, relative: true}}
    "NLD:criteria.economic.weight":     {{distribution: triangular, min: 0.787, mode: 1, max: 1.784, relative: true}}
    "NLD:criteria.development.weight":  {{distribution: triangular, min: 0.63, mode: 1, max: 2.23, relative: true}}
    # the Dutch Havana embassy's cost: belgium-2026's rule for its own (SOURCES 3.7, 5.6)
    "NLD:posts.HAV.annual_cost": {{distribution: triangular, min: {D['nl_hav_cost_low']:.0f}, mode: 1071000, max: {D['nl_hav_cost_high']:.0f}}}
    # both Havana embassies' capacities: headroom 1.1-1.5 on their own load (SOURCES 5.6)
    "BEL:posts.HAV.capacity": {{distribution: triangular, min: {D['hav_capacity_range']['BEL'][0]}, mode: {cap('BEL')}, max: {D['hav_capacity_range']['BEL'][1]}}}
    "NLD:posts.HAV.capacity": {{distribution: triangular, min: {D['hav_capacity_range']['NLD'][0]}, mode: {cap('NLD')}, max: {D['hav_capacity_range']['NLD'][1]}}}
    # the value of a case left unserved, a judgement the three states share: one draw for all (`*:`),
    # belgium-2026's ranges (BE-SOURCES 3.3; added 2026-12-05: the Belgian answer's strongest driver)
    "*:services.visas.unserved_penalty":     {{distribution: triangular, min: 30, mode: 320, max: 940}}
    "*:services.documents.unserved_penalty": {{distribution: triangular, min: 150, mode: 400, max: 1200}}

expect:                     # checked by `dipnet test`; totals re-solved by joint_ref.py (tolerance 1 EUR)
  base:
    status: optimal
    standalone_total: {{value: 52398778.18, tolerance: 1}}
    joint_total: {{value: 64419018.58, tolerance: 1}}
    open: [BEL:HAV]           # one Benelux embassy in Havana: the Belgian one (a near tie, README)
    closed: [NLD:HAV]
  eu-wide-assistance:
    joint_total: {{value: 64489250.67, tolerance: 1}}
  directive-only:
    joint_total: {{value: 56367409.77, tolerance: 1}}
    open: [BEL:HAV, NLD:HAV]  # without visa representation both embassies stay
  both-close-havana:
    standalone_total: {{value: 51241206.53, tolerance: 1}}
    joint_total: {{value: 63169874.30, tolerance: 1}}
"""
open(os.path.join(OUT, 'scenario.yaml'), 'w').write(text)
print('written')
