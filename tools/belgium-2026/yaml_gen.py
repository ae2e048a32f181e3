#!/usr/bin/env python3
"""Writes scenarios/belgium-2026/scenario.yaml (and the three CSVs) from the rules of gen.py.
EXPECT (expect.json beside this file, written by pin.py from dipnet's own results) is
appended as the `expect:` block when present.  Normally run by gen.py; runs alone too:
python3 tools/belgium-2026/yaml_gen.py"""
import re
import json, math, os, sys
import gen
from gen import D, W, dem, score, posts, post_rows, partner_rows, fmt, LAMBDA

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = gen.OUT
gen.write_csvs(True)

# ------------------------------------------------------------------ parameters (SOURCES.md sec. 3-6)
ALPHA_ACC, ALPHA_REP = 0.25, 0.10
REMOTE = 100   # SOURCES 3.5: a constant, the mission rule's EUR 101 per 1,000 km at Panama-Havana, rounded (E, 50-200)
HORIZON = 4
# services
P_ISSUE = (1123 / 1478 + 855 / 1513) / 2          # Havana issued share, 2019 and 2022
KEEP_TRIP = 0.7                                   # 1 - diversion
SPEND, VA, HOST = 700.0, 0.35, 450.0
VISA_PEN = round(P_ISSUE * KEEP_TRIP * (SPEND * VA + HOST) / 10) * 10
VISA_PEN_NO_HOST = round(P_ISSUE * KEEP_TRIP * SPEND * VA)   # the line to switch off (114)
FEE_INCOME = round(90 * 0.85 + 45 * 0.02)
DOC_PEN, ASSIST_PEN = 400, 3000
def cc(tierwage, s):
    return round(gen.WORK[s] * tierwage / gen.HOURS_FTE + gen.CONSUM[s], 1)
CC = {s: cc(20000.0, s) for s in gen.WORK}
# interests: value for Cuba, (low, high), shares (acc, acc range), (rep, rep range)
INTERESTS = [
    ('eu_dialogue', 'Belgian voice in EU-Cuba policy (PDCA follow-up, local EU coordination in Havana)',
     'open letter Jan 2026 as the press reports it (text not read) and carte blanche Nov 2025; PDCA; SOURCES.md 5.1', 120000, 20000, 200000,
     (0.30, 0.10, 0.50), (0.05, 0.0, 0.12)),
    ('historic_presence', '125 years of presence: goodwill of the host, reopening option',
     'open letter Jan 2026 as the press reports it (text not read; presence since 1902); SOURCES.md 5.2', 40000, 0, 60000,
     (0.50, 0.30, 0.70), (0.10, 0.0, 0.20)),
    ('university_cooperation', 'Academic and cultural cooperation (VLIR-UOS, ARES, VUB-UCLV, Belgian week) beyond C visas',
     'open letter Jan 2026 as the press reports it (text not read); VLIR-UOS project pages; SOURCES.md 5.3', 70000, 25000, 180000,
     (0.50, 0.30, 0.70), (0.30, 0.10, 0.50)),
    ('us_escalation', 'Presence during the 2026 US-Cuba escalation: crisis reporting and EU humanitarian coordination',
     'open letter Jan 2026 as the press reports it (text not read); US executive order of 29 Jan 2026; SOURCES.md 5.4', 50000, 0, 80000,
     (0.20, 0.10, 0.40), (0.20, 0.05, 0.40)),
    ('strategic_contestation', 'Presence where Russia and Belarus court Cuba: reporting, sanctions watch, signalling',
     'news 2023-2026 (Lavrov Feb 2024, Diaz-Canel in Minsk Jun 2025); SOURCES.md 5.5', 80000, 0, 120000,
     (0.20, 0.10, 0.40), (0.30, 0.10, 0.50)),
]
# The government's stated reasons for the openings (SOURCES 5.8), each a named line of value in
# the country the opening serves. No source prices them, so no country has a value for them in
# the file: each is 0 until a reader sets it (`--set countries.UZB.interests.central_asia_corridor=…`),
# and README "What each opening would have to be worth" gives the value at which each opening
# pays for itself (`dipnet margins scenario.yaml openings`). Shares: none of their own, so the
# presence shares of 4.4 (model.md's default): a value is comparable with a score's, and the
# government's reading (accredited 0.40) applies to them as to the scores.
OPENING_INTERESTS = [
    ('eu_enlargement', "Albania's EU accession (negotiations opened 2022, clusters opened 2024-25): political support, rule of law, migration",
     'announcement 14 Nov 2025 (Sarajevo Times 15 Nov 2025); Albanian presidency on the non-resident ambassador (undated); SOURCES.md 5.8',
     ['ALB'], 'TIA'),
    ('green_hydrogen', 'Green hydrogen and port partnerships (Namibia: the energy MoU of COP26, Nov 2021; Oman: Duqm port and Hyport, Port of Antwerp-Bruges and DEME)',
     'news.belgium.be 21 May 2024; The Brief (Namibia) Apr 2024; Zawya 2 Dec 2024; SOURCES.md 5.8',
     ['NAM', 'OMN'], 'WDH MCT'),
    ('central_asia_corridor', 'Central Asia and the Trans-Caspian corridor (the new Silk Road): growth and transport routes',
     'ministry statement of 14 Nov 2025 as reported (UzDaily via Report.az; Zamin.uz); SOURCES.md 5.8',
     ['UZB'], 'TAS'),
    ('syria_transition', 'An ambassador for Syria after the change of regime (Dec 2024), based in Beirut',
     'announcement 14 Nov 2025 (BRF/Belga; facts file); SOURCES.md 5.8',
     ['SYR'], 'BEY-SYR'),
]
# Their values, priced as the letter's lines are (SOURCES 5.8): staff time, 0.5-1 diplomat-year
# of the reason's work x EUR 161k (family 41) = 80-161k, central 0.75 diplomat-year (as 5.1);
# low 0, the other side's reading (the reason is served today without a resident post, as the
# government reads historic_presence and strategic_contestation); Albania's top by 5.1's flow
# anchor: the Growth Plan's EUR 922 M for Albania to 2027, a third in grants, over 4 years
# (EUR 76.8 M a year) x Belgium's 3.5-4% x 5-20% = EUR 134-615k. (country, line): (central, low, high)
STAFF_YEAR = 161000
OPENING_VALUES = {
    ('ALB', 'eu_enlargement'): (120000, 0, round(922e6 / 3 / 4 * 0.04 * 0.20, -3)),
    ('NAM', 'green_hydrogen'): (120000, 0, STAFF_YEAR),
    ('OMN', 'green_hydrogen'): (120000, 0, STAFF_YEAR),
    ('UZB', 'central_asia_corridor'): (120000, 0, STAFF_YEAR),
    ('SYR', 'syria_transition'): (120000, 0, STAFF_YEAR),
}
# each announced closure alone against today's network (README "The other announced closures":
# the frame of the package table, beside the re-optimised one)
CLOSURE_VARIANT = {'SJJ': 'sq-close-sarajevo', 'CKY': 'sq-close-conakry', 'BKO': 'sq-close-bamako', 'MPM': 'sq-close-maputo',
                   'HAV': 'sq-close-havana', 'KWI': 'sq-close-kuwait', 'RIO': 'sq-close-rio', 'CAN': 'sq-close-guangzhou'}
# the variant of each opening alone (README "What each opening would have to be worth")
OPENING_VARIANT = {'TIA': 'open-tirana', 'WDH': 'open-windhoek', 'MCT': 'open-muscat', 'TAS': 'open-tashkent',
                   'ADD-AU': 'open-au-mission', 'BEY-SYR': 'open-syria-office', 'PTY-HUB': 'open-panama-hub'}
CUB_DEV_RESIDUAL = 10.0       # letter variants: the academic part of Cuba's development score moves to university_cooperation
GOV_DEV_FACTOR = 0.75         # development cooperation cut by a quarter (Feb 2025)
GOV_ACC = 0.40                # relations "through neighbouring embassies and special envoys", flying diplomats
GOV_REINFORCE = 20            # about 20 posts reinforced: one diplomat each off the cap
OPENINGS = ['TIA', 'WDH', 'MCT', 'TAS', 'ADD-AU', 'BEY-SYR']
CLOSURES = ['SJJ', 'CKY', 'BKO', 'MPM', 'HAV', 'KWI', 'RIO', 'CAN']
ESP_VISA_CAP = round(0.10 * 16088 * (255564 / 171966) / 100) * 100     # +10% on Spain's 2022 Havana intake, 2024 level
cands = [r['id'] for r in post_rows if r['status'] == 'candidate']
D.update(dict(visa_penalty=VISA_PEN, p_issue=round(P_ISSUE, 3), fee_income=FEE_INCOME, esp_visa_cap=ESP_VISA_CAP,
              default_case_costs=CC))

hav = next(r for r in post_rows if r['id'] == 'HAV')
BUDGET_HALF = None
exp_path = os.path.join(HERE, 'expect.json')
EXP = json.load(open(exp_path, encoding='utf-8')) if os.path.exists(exp_path) else {}
if 'status_quo_cost' in EXP:
    BUDGET_HALF = round(0.9 * EXP['status_quo_cost'] / 1e6) * 1e6   # a 10% cut, as the Netherlands' 2025 post budget

def n(x):
    if isinstance(x, float):
        if abs(x - round(x)) < 1e-9:
            return str(int(round(x)))
        return ('%.6f' % x).rstrip('0').rstrip('.')
    return str(x)

L = []
w = L.append
w('''# Belgium 2026: the network review announced on 14 November 2025 (format version 2).
# Every number is sourced or estimated by a stated rule: SOURCES.md beside this file
# (section numbers in the comments). The tables are written by a generator whose rules
# SOURCES.md states one by one; no value comes from the format documentation's examples.
#
# The BASE is the neutral network: the three criteria (same rule for every country, Cuba
# included), the three services, partner offers that rest on a document or a rule (the
# documented visa arrangements, Directive 2015/637 assistance, the Benelux rule's offers:
# SOURCES 7), no argument of either side. The two sides' arguments are switched on by
# `letter-arguments` and `government-case`; the undocumented Cuban visa offer only by
# `assumed-visa-representation`.
dipnet: 2
name: Belgium 2026 network review (services, sourced numbers)
description: >-
  Belgium's 111 posts abroad (392 career diplomats, Oct 2022), the eight closures and six
  openings announced in November 2025, light-post, honorary-consul and Panama-hub options,
  EU partner offers by service, and the arguments of the Havana debate as named interests.
currency: EUR
horizon_years: %d            # SOURCES 6.1: the 2026-2029 legislature (range 3-10)

criteria:                    # SOURCES 4: money a year per score point; revealed-preference calibration
  geopolitical: {weight: %d, label: Geopolitical importance for Belgium}     # 43.4%% of total value
  economic:     {weight: %d, label: Trade with Belgium (score from goods trade)}   # 43.4%%
  development:  {weight: %d, label: Development-cooperation relevance}       # 13.2%% (62 of 469 attaches)

presence: {accredited: %s, represented: %s}   # SOURCES 4.4 (ranges 0.12-0.40 and 0.03-0.20)

costs:
  remote_case_cost_per_1000km: %d    # SOURCES 3.5: mobile consular mission per case, normalised at Panama-Havana (50-200)
''' % (HORIZON, round(W['geopolitical']), round(W['economic']), round(W['development']), n(ALPHA_ACC), n(ALPHA_REP), REMOTE))
w('''services:                    # SOURCES 3. capacity units = desk hours; case costs per post in posts.csv
  documents:                 # passports, eID, civil status for registered Belgians; no partner may issue them
    case_cost: %s            # default only (tier-C post); posts.csv has every post's own cost
    unserved_penalty: %d     # 3.3: a renewal at a commune in Belgium during a home visit (150-1,200)
    workload: 1              # 3.2: desk hours per case (0.6-1.5)
    remote: true             # posts have regional consular jurisdiction (Havana: CUB, HTI, DOM)
  assistance:                # Belgians in distress, emergency travel documents; any EU state must help (Dir. 2015/637)
    case_cost: %s
    unserved_penalty: %d    # 3.3: private substitute + family's time + remote handling (1,200-8,000)
    workload: 8              # 3.2 (4-15)
    remote: true             # help from Panama City is the announced successor for the Caribbean
  visas:                     # Schengen C visas lodged at Belgian posts (incl. those Belgium takes for Luxembourg)
    case_cost: %s
    unserved_penalty: %d     # 3.3: trips lost x (visitor value added + host-family surplus) (30-940)
    fee_income: %d            # 3.4: EUR 90 since 11 Jun 2024 x 85%% full payers + 2%% half fee (68-86)
    workload: 0.7            # 3.2 (0.4-1.2)
    remote: false            # Visa Code art. 6: lodged in the applicant's country of residence; see 3.6
''' % (n(CC['documents']), DOC_PEN, n(CC['assistance']), ASSIST_PEN, n(CC['visas']), VISA_PEN, FEE_INCOME))
w('\ninterests:                   # SOURCES 5: the arguments of the debate; values for Cuba are set by the side variants\n')
for (iid, label, src, val, lo, hi, acc, rep) in INTERESTS:
    w('  %s:\n    label: "%s"\n    source: "%s"\n    accredited: %s   # range %s-%s\n    represented: %s  # range %s-%s\n'
      % (iid, label, src, n(acc[0]), n(acc[1]), n(acc[2]), n(rep[0]), n(rep[1]), n(rep[2])))
w('  # the government\'s reasons for the openings (SOURCES 5.8): 0 in the base, set by arg-opening-reasons; no shares\n'
  '  # of their own: presence\'s (4.4), so that a reading that changes presence changes them too\n')
for (iid, label, src, cs, _posts) in OPENING_INTERESTS:
    w('  %s:\n    label: "%s"\n    source: "%s"\n' % (iid, label, src))
w('''
countries: {csv: countries.csv}   # 197 rows; demand by service and scores by rule (SOURCES 1-2, 4)
posts: {csv: posts.csv}           # 111 existing + 11 candidates; diplomats, costs, capacity by rule (SOURCES 6)
partners: {csv: partners.csv}     # %d offers by service; documented arrangements only (SOURCES 7)

rules:
  max_diplomats: 392         # FPS "figure of October 2022": career diplomats at posts (sourced)

variants:
  keep-havana:
    description: Neutral network; the Havana embassy stays open, the rest is re-optimised.
    set: {posts.HAV.force: open}
  close-havana:
    description: >-
      Neutral network; the Havana embassy closes: Cuba is covered from Panama City (accredited),
      Belgians get documents from Panama and help from EU partners in Havana (Directive
      2015/637); no arrangement is documented for Belgian visas in Cuba, so they go unserved.
    set: {posts.HAV.force: closed}
  optimal:
    description: Neutral network optimised freely (Havana not forced; used for tipping points).
  announced-plan:
    description: >-
      The plan of 14 November 2025 as announced (evaluate mode): the eight closures, the six
      openings and the Panama City consular hub (Caribbean consular help moves to Panama);
      every other post as it is. Rules are checked, not imposed.
    set:
''' % len(partner_rows))
for k in CLOSURES:
    w('      posts.%s.force: closed\n' % k)
for k in OPENINGS + ['PTY-HUB']:
    w('      posts.%s.force: open\n' % k)
w('    mode: evaluate\n')
# The announcement in its two halves (README "What the announced package saves"): a
# journalist's check of "saves money while keeping service" had to write them by hand.
w('''  announced-closures:
    description: >-
      The eight announced closures alone (evaluate mode), every other post as it is and no
      post opened: what the closures save and what service they lose, apart from the openings.
    set:
''')
for k in CLOSURES:
    w('      posts.%s.force: closed\n' % k)
w('    mode: evaluate\n')
w('''  announced-openings:
    description: >-
      The six announced openings and the Panama City consular hub alone (evaluate mode), every
      existing post kept: what the openings cost and bring, apart from the closures.
    set:
''')
for k in OPENINGS + ['PTY-HUB']:
    w('      posts.%s.force: open\n' % k)
w('    mode: evaluate\n')
w('''  austerity-all-open:
    description: >-
      Deliberately infeasible: every existing post forced open (candidates free) under a
      budget 10% below the status quo's total cost (the size of the Dutch 2025 cut on
      posts). Tests the infeasibility diagnosis.
    set:
      posts.*.force: open
''')
for k in cands:
    w('      posts.%s.force: null\n' % k)
w('      rules.budget: %s    # 90%% of the status quo cost (%s), rounded to EUR 1 M\n' %
  (('%d' % BUDGET_HALF) if BUDGET_HALF else '80000000', '{:,.0f}'.format(EXP.get('status_quo_cost', 0))))
def argument_lines():
    """One variant a named argument: the letter's five interests (the academic one with the
    development score it replaces) and the government's three arguments."""
    out = []
    for (iid, label, src, val, lo, hi, acc, rep) in INTERESTS:
        # The academic line replaces the part of Cuba's development score it prices: say so
        # where the line is shown (attribute's table quotes the description).
        replaces = (', and Cuba\'s development score from %s to %s points (the academic part it replaces)'
                    % (n(score['CUB']['development']), n(CUB_DEV_RESIDUAL))) if iid == 'university_cooperation' else ''
        out.append('  arg-%s:\n    description: "Letter: %s (%s), %d a year, range %d-%d%s."\n    set:\n      countries.CUB.interests.%s: %d\n'
                   % (iid.replace('_', '-'), label, src, val, lo, hi, replaces, iid, val))
        if iid == 'university_cooperation':
            out[-1] += '      countries.CUB.scores.development: %s    # was %s: the academic part is priced by this interest instead\n' % (
                n(CUB_DEV_RESIDUAL), n(score['CUB']['development']))
    out.append('  arg-development-cut:\n    description: "Government: development cooperation weighs a quarter less (the 25%% cut)."\n'
               '    scale: {criteria.development.weight: %s}\n' % n(GOV_DEV_FACTOR))
    out.append('  arg-neighbour-relations:\n    description: "Government: relations kept through neighbouring embassies, special envoys and flying diplomats '
               '(accredited share at the top of its range)."\n    set: {presence.accredited: %s}\n' % n(GOV_ACC))
    out.append('  arg-redeployment:\n    description: "Government: the six openings decided and %d posts reinforced by one diplomat each, taken off the 392."\n'
               '    set:\n      rules.max_diplomats: %d\n' % (GOV_REINFORCE, 392 - GOV_REINFORCE)
               + ''.join('      posts.%s.force: open\n' % k for k in OPENINGS))
    out.append('  arg-opening-reasons:\n    description: "Government: the stated reasons for the openings (EU enlargement in Albania, green hydrogen in Namibia '
               'and Oman, the Trans-Caspian corridor in Uzbekistan, the transition in Syria), each priced as the letter\'s lines are: '
               '0.75 diplomat-year of its work, %s a year (range 0-%s; Albania 0-%s by the flow of EU funds), SOURCES 5.8. '
               'The AU mission and the Panama hub have no line."\n    set:\n'
               % ('{:,}'.format(120000), '{:,}'.format(STAFF_YEAR), '{:,.0f}'.format(OPENING_VALUES[('ALB', 'eu_enlargement')][2]))
               + ''.join('      countries.%s.interests.%s: %d     # range %d-%d\n' % (c, iid, v[0], v[1], v[2])
                         for (c, iid), v in OPENING_VALUES.items()))
    # each opening reason on its own line too, as the letter's are (attribute splits them)
    for iid, short in (('eu_enlargement', 'eu-enlargement'), ('green_hydrogen', 'green-hydrogen'),
                       ('central_asia_corridor', 'central-asia'), ('syria_transition', 'syria')):
        vals = [(c, v) for (c, i), v in OPENING_VALUES.items() if i == iid]
        out.append('  arg-opening-%s:\n    description: "Government: %s, as in arg-opening-reasons (SOURCES 5.8)."\n    set:\n'
                   % (short, next(l for (i, l, _s, _c, _p) in OPENING_INTERESTS if i == iid).replace('"', "'"))
                   + ''.join('      countries.%s.interests.%s: %d     # range %d-%d\n' % (c, iid, v[0], v[1], v[2]) for c, v in vals))
    # The programme's two other arguments: its criteria read literally, and shared
    # representation (for Cuba an assumption: no arrangement is documented).
    out.append('  arg-geo-economic-criteria:\n    description: "Government: the programme read literally, the geographic distribution evaluated by geopolitical '
               'and economic criteria only (development weighs nothing: a stronger reading than arg-development-cut, which it replaces in an attribute run)."\n'
               '    set: {criteria.development.weight: 0}\n')
    out.append('  arg-shared-representation:\n    description: "Government: share representation with EU partners. ASSUMPTION, not documented for Cuba: '
               'Spain takes Belgian C visas in Havana (Visa Code art. 8, %s a year, range 1,200-3,600) and counts as Belgium\'s representation."\n'
               '    set:\n      partners.CUB-ESP-V.capacity: %d\n      partners.CUB-ESP-V.presence: true\n' % ('{:,}'.format(ESP_VISA_CAP), ESP_VISA_CAP))
    # The letter's consular argument is in the base (the services): its line switches it off.
    out.append('  without-cuban-visas:\n    description: "The letter\'s consular argument switched off for visas: Cuba\'s %s C-visa applicants a year '
               'are not counted (no fee, no desk hours, no loss when unserved; SOURCES 3). visa-penalty-without-host-surplus switches off '
               'only the host family\'s surplus."\n    set: {countries.CUB.demand.visas: 0}\n' % '{:,.0f}'.format(dem['CUB']['visas']))
    # ... and for the Belgians in Cuba (a parliamentary analyst had to zero them by hand).
    out.append('  without-cuban-resident-services:\n    description: "The letter\'s consular argument switched off for the Belgians in Cuba: '
               'their %s document cases and %s cases of help in distress a year are not counted (no desk hours, no loss when unserved; '
               'SOURCES 3). Documents for Belgians in the Dominican Republic and Haiti, which Havana covers, stay."\n'
               '    set: {countries.CUB.demand.documents: 0, countries.CUB.demand.assistance: 0}\n'
               % ('{:,.0f}'.format(dem['CUB']['documents']), '{:,.1f}'.format(dem['CUB']['assistance'])))
    # ... and for the Belgians in the two countries Havana's consular area adds (SOURCES 6.9).
    out.append('  without-dominican-haitian-services:\n    description: "The letter\'s consular argument switched off for the Belgians in the '
               'Dominican Republic and Haiti, whom Havana serves (its consular area, SOURCES 6.9): their %s and %s document cases and %s and %s '
               'cases of help in distress a year (estimates, SOURCES 1.1-1.2) are not counted. Their visas stay with the Netherlands and France, '
               'who represent Belgium there."\n'
               '    set: {countries.DOM.demand.documents: 0, countries.DOM.demand.assistance: 0, '
               'countries.HTI.demand.documents: 0, countries.HTI.demand.assistance: 0}\n'
               % ('{:,.0f}'.format(dem['DOM']['documents']), '{:,.0f}'.format(dem['HTI']['documents']),
                  '{:,.1f}'.format(dem['DOM']['assistance']), '{:,.1f}'.format(dem['HTI']['assistance'])))
    return ''.join(out)

# letter side
w('''
  # ---- the letter's side (open letter of Jan 2026, carte blanche of Nov 2025) and the news
  letter-arguments:
    description: >-
      The arguments for keeping Havana switched on as interests (EU dialogue, 125 years of
      presence, academic and cultural cooperation, the 2026 US escalation, strategic
      contestation by Russia and Belarus). Cuba's development score keeps only its
      non-academic part (the academic part is priced by university_cooperation instead).
      Consular work is in the services, not repeated here. Havana free.
    set:
''')
for (iid, label, src, val, lo, hi, acc, rep) in INTERESTS:
    w('      countries.CUB.interests.%s: %d     # range %d-%d\n' % (iid, val, lo, hi))
w('      countries.CUB.scores.development: %s    # was %s: 15 points move to university_cooperation\n'
  % (n(CUB_DEV_RESIDUAL), n(score['CUB']['development'])))
w('''  status-quo-letter:
    description: The network as it stands, valued with the letter's arguments.
    extends: letter-arguments
    mode: evaluate
  keep-havana-letter:
    extends: letter-arguments
    set: {posts.HAV.force: open}
  close-havana-letter:
    extends: letter-arguments
    set: {posts.HAV.force: closed}

  # ---- the government's side (programme of Feb 2025, announcement of Nov 2025)
  government-case:
    description: >-
      The government's arguments switched on: development cooperation weighs a quarter less
      (the 25%% cut); relations kept through neighbouring embassies, special envoys and flying
      diplomats (accredited share at the top of its range); reallocation of means (the six
      openings decided, about 20 posts reinforced by one diplomat each, taken off the 392).
      Havana free.
    set:
      presence.accredited: %s
      rules.max_diplomats: %d       # 392 - %d reinforcements
''' % (n(GOV_ACC), 392 - GOV_REINFORCE, GOV_REINFORCE))
for k in OPENINGS:
    w('      posts.%s.force: open\n' % k)
w('''    scale: {criteria.development.weight: %s}
  status-quo-government:
    description: The network as it stands plus the decided openings, valued with the government's arguments.
    extends: government-case
    mode: evaluate
  keep-havana-government:
    extends: government-case
    set: {posts.HAV.force: open}
  close-havana-government:
    extends: government-case
    set: {posts.HAV.force: closed}

  # ---- each argument on its own line, for `dipnet attribute` (each side above is its lines together)
%s
  # ---- undocumented arrangements (never in the base)
  assumed-visa-representation:
    description: >-
      ASSUMPTION, not documented: after a closure a Schengen partner (Spain, the largest visa
      section in Havana) takes Belgian C visas in Cuba under Visa Code art. 8, keeps the fee,
      and counts as Belgium's representation. Havana free.
    set:
      partners.CUB-ESP-V.capacity: %d     # +10%% on Spain's Havana intake (5-15%%: 1,200-3,600)
      partners.CUB-ESP-V.presence: true
  close-havana-assumed-visa:
    extends: assumed-visa-representation
    set: {posts.HAV.force: closed}
  keep-havana-assumed-visa:
    extends: assumed-visa-representation
    set: {posts.HAV.force: open}
  keep-havana-without-cuban-visas:   # the letter's consular argument for visas off (README: the two arguments that decide it)
    extends: without-cuban-visas
    set: {posts.HAV.force: open}
  close-havana-without-cuban-visas:
    extends: without-cuban-visas
    set: {posts.HAV.force: closed}
  letter-assumed-visa:
    description: The letter's arguments and the assumed Spanish visa representation; Havana free.
    extends: letter-arguments
    set:
      partners.CUB-ESP-V.capacity: %d
      partners.CUB-ESP-V.presence: true
  close-havana-letter-assumed-visa:
    extends: letter-assumed-visa
    set: {posts.HAV.force: closed}
  government-assumed-visa:
    description: The government's arguments and the assumed Spanish visa representation; Havana free.
    extends: government-case
    set:
      partners.CUB-ESP-V.capacity: %d
      partners.CUB-ESP-V.presence: true
  close-havana-government-assumed-visa:
    extends: government-assumed-visa
    set: {posts.HAV.force: closed}
''' % (n(GOV_DEV_FACTOR), argument_lines(), ESP_VISA_CAP, ESP_VISA_CAP, ESP_VISA_CAP))
# the development rule SOURCES 4.1 states and does not apply: 60 + 40 ln(T / 16.85) / ln(250 / 16.85)
PROGRAMME = {'COD': 250, 'RWA': 95, 'BDI': 75, 'PSE': 70, 'UGA': 68, 'NER': 50, 'BEN': 45, 'SEN': 40, 'BFA': 34.5,
             'GIN': 34, 'TZA': 25, 'MOZ': 25, 'MLI': 31, 'MAR': 16.85}
def programme_score(c):
    return 60 + 40 * math.log(PROGRAMME[c] / 16.85) / math.log(250 / 16.85)
# ---- the other announced closures the two readings disagree on or that rest on an
# unsourced score (README "The other announced closures"): each kept and closed, the rest
# re-optimised, on the neutral and the government's reading
# Kuwait City: its closure rests on the Benelux rule's KWT-NLD offer, which no document
# confirms (SOURCES 7.2); its pair lets `margins kuwait` say where that offer flips it.
# Sarajevo, Rio de Janeiro and Guangzhou: closed by the free optimum, or (Guangzhou) only a
# split with Shanghai; their pairs let `compare --effect`, `simulate` and `margins` answer for
# them as for the others (a fresh analyst had to force them by hand).
OTHER_CLOSURES = [('maputo', 'MPM'), ('conakry', 'CKY'), ('bamako', 'BKO'), ('kuwait', 'KWI'),
                  ('sarajevo', 'SJJ'), ('rio', 'RIO'), ('guangzhou', 'CAN')]
w('\n  # ---- the other contested closures (README "The other announced closures"), each kept and closed\n')
for town, post in OTHER_CLOSURES:
    for reading in ('', '-government'):
        for verb, force in (('keep', 'open'), ('close', 'closed')):
            w('  %s-%s%s:\n' % (verb, town, reading))
            city = next(r['city'] for r in post_rows if r['id'] == post)
            w('    description: %s %s %s on the %s reading; the rest re-optimised.\n'
              % (city, post, 'kept' if verb == 'keep' else 'closed', "government's" if reading else 'neutral'))
            if reading:
                w('    extends: government-case\n')
            w('    set: {posts.%s.force: %s}\n' % (post, force))
# each announced opening alone (README "What each opening would have to be worth")
w('\n  # ---- each announced opening alone, every existing post as it is (README "What each opening would have to be worth")\n')
for k in OPENINGS + ['PTY-HUB']:
    town = next(r['city'] for r in post_rows if r['id'] == k)
    w('  %s:\n    description: "%s (%s) opened alone, every existing post as it is (evaluate mode): what this opening costs and brings."\n'
      '    set: {posts.%s.force: open}\n    mode: evaluate\n' % (OPENING_VARIANT[k], town, k, k))
w('\n  # ---- each announced closure alone, every other post as it is (README "The other announced closures")\n')
for k in CLOSURES:
    town = next(r['city'] for r in post_rows if r['id'] == k)
    w('  %s:\n    description: "%s (%s) closed alone, every other post as it is (evaluate mode): what this closure saves and loses against today\'s network."\n'
      '    set: {posts.%s.force: closed}\n    mode: evaluate\n' % (CLOSURE_VARIANT[k], town, k, k))
# the programme rule as a line to switch on (composed: keep-maputo+development-by-programme)
w('\n  development-by-programme:   # SOURCES 4.1: the rule stated and measured, not applied to the base\n')
w('    description: The 14 partner countries scored by the logarithm of their bilateral programme (SOURCES 4.1) instead of the v1 tiers; '
  'compose it with another variant, e.g. keep-maputo-government+development-by-programme.\n')
w('    set: {%s}\n' % ', '.join('countries.%s.scores.development: %d' % (c, round(programme_score(c))) for c in PROGRAMME))
# the visa penalty's most contestable component as a line to switch off (SOURCES 3.3)
w('\n  visa-penalty-without-host-surplus:   # SOURCES 3.3: the penalty without the host family\'s surplus\n')
w('    description: "The unserved visa penalty without the host family\'s surplus (SOURCES 3.3): %.3f issued x %.1f lost x %d spending x %.2f value added = %d instead of %d; '
  'compose it with another variant, e.g. close-havana-government+visa-penalty-without-host-surplus."\n'
  % (P_ISSUE, KEEP_TRIP, SPEND, VA, VISA_PEN_NO_HOST, VISA_PEN))
w('    set: {services.visas.unserved_penalty: %d}\n' % VISA_PEN_NO_HOST)
# Cuba's local wage at the one rate found (SOURCES 6.3, B) as lines to switch on, by the same
# rules as posts.csv: the casework (the case costs, what the contract prices: clerks for consular
# files), the fixed crew (running, closing and opening costs: drivers, security, assistants, which
# the contract does not cover), and both.
ag = D['cuba_agency']
def agency_sets(case):
    return ', '.join('posts.%s.%s: %s' % (k, key, val) for k, e in ag.items() for key, val in e.items()
                     if key != 'base' and key.startswith('case_cost.') == case)
RATE = ("what Spain's consulate in Havana pays the state agency Grupo Palco, EUR %s a worker-year on average "
        "(EUR 1,131,295 over four years for 87 auxiliaries: Infobae and 14ymedio, January 2026; SOURCES 6.3), instead of the unsourced EUR 20,000"
        % '{:,}'.format(D['cuba_agency_wage']))
HAV_CC = ' / '.join(str(ag['HAV']['case_cost.' + s_]) for s_ in ('documents', 'assistance', 'visas'))
HAV_CC0 = ' / '.join(str(ag['HAV']['base']['case_cost.' + s_]) for s_ in ('documents', 'assistance', 'visas'))
w('\n  cuba-casework-at-agency-rate:   # SOURCES 6.3: Cuba\'s consular casework at the state agency\'s rate (what the contract prices)\n')
w('    description: "The casework of the posts in Cuba priced at %s: Havana\'s case costs %s instead of %s (documents / assistance / visas); '
  'its fixed crew stays at EUR 20,000 (cuba-crew-at-agency-rate prices it too). Compose it with another variant, e.g. close-havana+cuba-casework-at-agency-rate."\n'
  % (RATE, HAV_CC, HAV_CC0))
w('    set: {%s}\n' % agency_sets(True))
w('\n  cuba-crew-at-agency-rate:   # SOURCES 6.3: the fixed local crew in Cuba at the state agency\'s rate (beyond what the contract prices)\n')
w('    description: "The fixed local crew of the posts in Cuba (drivers, security, accounts, assistants; the contract found covers clerks only) priced at %s: '
  'Havana\'s running cost %s instead of %s a year, its closing cost %s instead of %s. Compose it with another variant, e.g. close-havana+cuba-crew-at-agency-rate."\n'
  % (RATE, '{:,}'.format(ag['HAV']['annual_cost']), '{:,}'.format(ag['HAV']['base']['annual_cost']),
     '{:,}'.format(ag['HAV']['close_cost']), '{:,}'.format(ag['HAV']['base']['close_cost'])))
w('    set: {%s}\n' % agency_sets(False))
w('\n  cuba-staff-at-agency-rate:   # SOURCES 6.3: both lines above together\n')
w('    description: "All local staff of the posts in Cuba priced at %s: cuba-casework-at-agency-rate and cuba-crew-at-agency-rate together, '
  'Havana\'s running cost %s instead of %s a year, its closing cost %s instead of %s, its case costs %s instead of %s. Compose it with another variant, e.g. close-havana+cuba-staff-at-agency-rate."\n'
  % (RATE, '{:,}'.format(ag['HAV']['annual_cost']), '{:,}'.format(ag['HAV']['base']['annual_cost']),
     '{:,}'.format(ag['HAV']['close_cost']), '{:,}'.format(ag['HAV']['base']['close_cost']), HAV_CC, HAV_CC0))
w('    extends: cuba-crew-at-agency-rate\n')
w('    set: {%s}\n' % agency_sets(True))
w('''
comparisons:
  havana:                      # the question: what closing changes against keeping (the main job; dipnet margins' default)
    baseline: keep-havana
    variants: [close-havana, close-havana-assumed-visa]
  havana-network:              # the network around it: status quo, the announced plan, the free optimum
    baseline: status-quo
    variants: [announced-plan, keep-havana, close-havana, optimal, keep-havana-assumed-visa, close-havana-assumed-visa]
  announced-package:           # the announcement in its two halves (README "What the announced package saves")
    baseline: status-quo
    variants: [announced-closures, announced-openings, announced-plan]
  closures:                    # each announced closure alone against today's network (README "The other announced closures")
    baseline: status-quo
    variants: [%s, announced-closures]
  openings:                    # each announced opening alone (README "What each opening would have to be worth")
    baseline: status-quo
    variants: [%s, announced-openings]
  havana-letter:
    baseline: status-quo-letter
    variants: [keep-havana-letter, close-havana-letter, letter-arguments, close-havana-letter-assumed-visa]
  havana-government:
    baseline: status-quo-government
    variants: [keep-havana-government, close-havana-government, government-case, close-havana-government-assumed-visa]
  maputo:                      # the other contested closures (README "The other announced closures")
    baseline: keep-maputo
    variants: [close-maputo]
  maputo-government:
    baseline: keep-maputo-government
    variants: [close-maputo-government]
  conakry:
    baseline: keep-conakry
    variants: [close-conakry]
  conakry-government:
    baseline: keep-conakry-government
    variants: [close-conakry-government]
  bamako:
    baseline: keep-bamako
    variants: [close-bamako]
  bamako-government:
    baseline: keep-bamako-government
    variants: [close-bamako-government]
  kuwait:                      # rests on the Benelux rule's Dutch offer (SOURCES 7.2)
    baseline: keep-kuwait
    variants: [close-kuwait]
  kuwait-government:
    baseline: keep-kuwait-government
    variants: [close-kuwait-government]
  sarajevo:                    # closed by the free optimum on both readings
    baseline: keep-sarajevo
    variants: [close-sarajevo]
  sarajevo-government:
    baseline: keep-sarajevo-government
    variants: [close-sarajevo-government]
  rio:                         # a consulate outside the capital: no demand of its own (SOURCES 11)
    baseline: keep-rio
    variants: [close-rio]
  rio-government:
    baseline: keep-rio-government
    variants: [close-rio-government]
  guangzhou:                   # a consulate: kept, it lets Shanghai close
    baseline: keep-guangzhou
    variants: [close-guangzhou]
  guangzhou-government:
    baseline: keep-guangzhou-government
    variants: [close-guangzhou-government]
''' % (', '.join(CLOSURE_VARIANT[k] for k in CLOSURES), ', '.join(OPENING_VARIANT[k] for k in OPENINGS + ['PTY-HUB'])))
# uncertainty
lam_lo = D['lambda_p25_p75'][0] / LAMBDA
lam_hi = D['lambda_p10'] / LAMBDA
hd = D['post_detail']['HAV']
# Havana's annual-cost range (SOURCES 8.1): 2-3 diplomats at EUR 130-200k (family 41), crew cost and
# contract share x0.6-1.4, premises x0.5-1.5; the crew stays at its 3-diplomat size
hav_lo = 2 * 130000 + 0.6 * hd['crew'] * hd['wage'] + 0.5 * hd['premises'] + 0.6 * hd['contract']
hav_hi = 3 * 200000 + 1.4 * hd['crew'] * hd['wage'] + 1.5 * hd['premises'] + 1.4 * hd['contract']
D['hav_cost_range'] = [round(hav_lo, -3), round(hav_hi, -3)]
def econ(t):
    return round(100 * (t / 120.0) ** 0.35, 1)
w('''
uncertainty:                 # SOURCES 9: every estimated range, with the stated distribution
  draws: 1000
  seed: 2026
  variants: [keep-havana, close-havana]
  parameters:
    # Cuba's demand (SOURCES 8.2)
    countries.CUB.demand.documents:  {distribution: triangular, min: 45, mode: %s, max: 190}
    countries.CUB.demand.assistance: {distribution: triangular, min: 3, mode: %s, max: 35}
    countries.CUB.demand.visas:      {distribution: triangular, min: 1300, mode: %s, max: 2250}
    # Cuba's scores (relative, so that the letter's residual development score is drawn around its own value)
    countries.CUB.scores.geopolitical: {distribution: triangular, min: 0.75, mode: 1, max: 1.25, relative: true}
    countries.CUB.scores.economic:     {distribution: triangular, min: %s, mode: 1, max: %s, relative: true}
    countries.CUB.scores.development:  {distribution: triangular, min: 0.8, mode: 1, max: 1.4, relative: true}
    # criteria weights: value of a score point, break-even post at the 75th to the 10th percentile (SOURCES 4.3)
    criteria.geopolitical.weight: {distribution: triangular, min: %s, mode: 1, max: %s, relative: true}
    criteria.economic.weight:     {distribution: triangular, min: %s, mode: 1, max: %s, relative: true}
    criteria.development.weight:  {distribution: triangular, min: %s, mode: 1, max: %s, relative: true}
    # presence shares (relative, so that the government's accredited share is drawn around its own value)
    presence.accredited:  {distribution: triangular, min: 0.48, mode: 1, max: 1.6, relative: true}
    presence.represented: {distribution: triangular, min: 0.3, mode: 1, max: 2, relative: true}
''' % (n(dem['CUB']['documents']), n(dem['CUB']['assistance']), n(dem['CUB']['visas']),
       n(round(econ(0.05) / econ(0.08), 2)), n(round(econ(0.12) / econ(0.08), 2)),
       n(round(lam_lo, 2)), n(round(lam_hi, 2)), n(round(lam_lo, 2)), n(round(lam_hi, 2)),
       n(round(lam_lo * 0.8, 2)), n(round(lam_hi * 1.25, 2))))
w('    # interests: values (relative: zero in the neutral variants, drawn around the central value where a side switches them on)\n')
for (iid, label, src, val, lo, hi, acc, rep) in INTERESTS:
    w('    countries.CUB.interests.%s: {distribution: triangular, min: %s, mode: 1, max: %s, relative: true}\n'
      % (iid, n(round(lo / val, 7)), n(round(hi / val, 7))))
    w('    interests.%s.accredited:  {distribution: triangular, min: %s, mode: %s, max: %s}\n' % (iid, n(acc[1]), n(acc[0]), n(acc[2])))
    w('    interests.%s.represented: {distribution: triangular, min: %s, mode: %s, max: %s}\n' % (iid, n(rep[1]), n(rep[0]), n(rep[2])))
# posts.HAV.close_cost max 700000: a rounded cap, 1.9x the central value (SOURCES 6.6), not the rule's 2x
w('''    # services (SOURCES 3)
    services.visas.fee_income:            {distribution: triangular, min: 68, mode: %d, max: 86}
    services.visas.unserved_penalty:      {distribution: triangular, min: 30, mode: %d, max: 940}
    services.documents.unserved_penalty:  {distribution: triangular, min: 150, mode: %d, max: 1200}
    services.assistance.unserved_penalty: {distribution: triangular, min: 1200, mode: %d, max: 8000}
    costs.remote_case_cost_per_1000km:    {distribution: triangular, min: 50, mode: %d, max: 200}
    horizon_years:                        {distribution: triangular, min: 3, mode: %d, max: 10}
    # Havana's post (SOURCES 8.1)
    posts.HAV.annual_cost: {distribution: triangular, min: %d, mode: %d, max: %d}
    posts.HAV.close_cost:  {distribution: triangular, min: 0, mode: %d, max: 700000}
    posts.HAV.diplomats:   {distribution: discrete, values: [2, 3], weights: [1, 1]}
    # partners in Cuba (SOURCES 7): spare share 2-10%% of a consular section (5%% central), fee 95-450
''' % (FEE_INCOME, VISA_PEN, DOC_PEN, ASSIST_PEN, REMOTE, HORIZON, round(hav_lo, -3), hav['annual_cost'],
       round(hav_hi, -3), hav['close_cost']))
# fee bounds 95 and 450: fixed, an estimate rounded from 2 h + EUR 0 (93) and 8 h + EUR 80 (453) (SOURCES 7.1)
for r in partner_rows:
    if r['country'] == 'CUB' and r['id'].endswith('-A'):
        w('    partners.%s.capacity: {distribution: triangular, min: 0.4, mode: 1, max: 2, relative: true}\n' % r['id'])
        w('    partners.%s.fee.assistance: {distribution: triangular, min: 95, mode: %d, max: 450}\n' % (r['id'], gen.FEE_ASSIST))
w('    partners.CUB-ESP-V.capacity: {distribution: triangular, min: 0.5, mode: 1, max: 1.5, relative: true}   # zero unless assumed (1,200-3,600)\n')

# The other seven announced closures (SOURCES 9.1): each post's running and closing cost, its
# country's scores and demand, by the families' stated ranges. Appended after Havana's, so every
# draw of the parameters above is unchanged (a draw's numbers come from its own stream, in order).
CLOSURE_POSTS = ['MPM', 'CKY', 'BKO', 'CAN', 'SJJ', 'RIO', 'KWI']
# development bands (SOURCES 4.1) of the non-partner countries drawn here
DEV_BAND = {'BIH': (5, 20), 'BRA': (5, 20)}
D['closure_ranges'] = {}
D['closure_params'] = []   # (path, min, mode, max, relative, basis) for SOURCES A.4
def cp(path, lo, mode, hi, basis, relative=False):
    D['closure_params'].append((path, lo, mode, hi, relative, basis))
    w('    %s: {distribution: triangular, min: %s, mode: %s, max: %s%s}\n'
      % (path, n(lo), n(mode), n(hi), ', relative: true' if relative else ''))
w('    # the other announced closures (SOURCES 9.1): posts by the rule of 8.1, close cost 0-2x (family 47)\n')
def running_cost_range(k):
    """Draws post k's running cost by the rule of 8.1 (SOURCES 9.1): low, the kind's base
    diplomats at 130k, crew and contract x0.6, premises x0.5; high, its own diplomats at
    200k, crew and contract x1.4, premises x1.5 (a kind without a base: its own at both)."""
    pd = D['post_detail'][k]
    row = next(r for r in post_rows if r['id'] == k)
    base_d = gen.BASE.get(posts[k]['kind'], pd['dip'])
    lo = base_d * 130000 + 0.6 * pd['crew'] * pd['wage'] + 0.5 * pd['premises'] + 0.6 * pd['contract']
    hi = pd['dip'] * 200000 + 1.4 * pd['crew'] * pd['wage'] + 1.5 * pd['premises'] + 1.4 * pd['contract']
    lo, hi = min(round(lo, -3), row['annual_cost']), max(round(hi, -3), row['annual_cost'])
    D['closure_ranges'][k] = dict(annual=[lo, hi], base=base_d)
    cp('posts.%s.annual_cost' % k, lo, row['annual_cost'], hi,
       '%d diplomat%s at 130k, crew, contract, premises low; %d at 200k, high (8.1)'
       % (base_d, '' if base_d == 1 else 's', pd['dip']))
    return row
for k in CLOSURE_POSTS:
    row = running_cost_range(k)
    cp('posts.%s.close_cost' % k, 0, row['close_cost'], 2 * row['close_cost'], '0-2x (family 47)')
w('    # their countries: geopolitical +-10 points (family 18), economic by trade x0.5-1.5 (19), development (20),\n'
  '    # documents by registered Belgians x0.5-2 (7; x0.72-1.28 by the rate, 8, where R is sourced), assistance x0.5-1.5 (14)\n')
SOURCED_R = {'BRA'}
for k in CLOSURE_POSTS:
    c = posts[k]['country']
    sc = score[c]
    g = sc['geopolitical']
    cp('countries.%s.scores.geopolitical' % c, max(0, g - 10), g, min(100, g + 10), '+-10 points (family 18)')
    cp('countries.%s.scores.economic' % c, round(0.5 ** 0.35, 3), 1, round(1.5 ** 0.35, 3),
       'trade x0.5-1.5 (family 19)', relative=True)
    dv = sc['development']
    if c in PROGRAMME:
        ps = programme_score(c)
        lo, hi = max(60, min(dv, round(ps) - 5)), min(100, max(dv, round(ps) + 5))
        D['closure_ranges'][c] = dict(development=[lo, hi], programme_score=round(ps, 1))
        cp('countries.%s.scores.development' % c, lo, dv, hi,
           'v1 tier %s and the programme rule %s +-5 (4.1), inside 60-100' % (n(dv), n(round(ps))))
    elif c in DEV_BAND:
        lo, hi = DEV_BAND[c]
        cp('countries.%s.scores.development' % c, lo, dv, hi, 'the band %s-%s of its v1 tier (4.1)' % (lo, hi))
    docs = (0.72, 1.28) if c in SOURCED_R else (0.5, 2)
    cp('countries.%s.demand.documents' % c, docs[0], 1, docs[1],
       'document rate (family 8; registered Belgians sourced)' if c in SOURCED_R else 'registered Belgians (family 7)', relative=True)
    cp('countries.%s.demand.assistance' % c, 0.5, 1, 1.5, 'key rates (family 14)', relative=True)
# The announced openings and the Panama hub (SOURCES 9.1): running cost by the same rule,
# opening cost x0.5-2 (6.6), so that what the package saves (`dipnet simulate ... --variants
# status-quo,announced-plan`) is drawn on both sides. Appended last: every draw above is unchanged.
w('    # the announced openings and the Panama hub (SOURCES 9.1): posts by the rule of 8.1, open cost x0.5-2 (6.6)\n')
for k in OPENINGS + ['PTY-HUB']:
    row = running_cost_range(k)
    cp('posts.%s.open_cost' % k, round(0.5 * row['open_cost']), row['open_cost'], 2 * row['open_cost'], 'x0.5-2 (6.6)')
# The openings' countries (SOURCES 9.1), by the closures' rules, so that the value an opening
# brings is drawn as its cost is; and the government's reasons for them (5.8), relative like the
# letter's lines: 0 wherever arg-opening-reasons does not set them. Ethiopia is left out (the AU
# mission adds no presence there: ADD is resident); Oman is high-income (development 0, not drawn).
# Appended last: every draw above is unchanged.
OPENING_COUNTRIES = ['ALB', 'NAM', 'OMN', 'UZB', 'SYR']
w('    # the openings\' countries (SOURCES 9.1): scores and demand by the closures\' rules; their lines (5.8), relative\n')
for c in OPENING_COUNTRIES:
    sc = score[c]
    g = sc['geopolitical']
    cp('countries.%s.scores.geopolitical' % c, max(0, g - 10), g, min(100, g + 10), '+-10 points (family 18)')
    cp('countries.%s.scores.economic' % c, round(0.5 ** 0.35, 3), 1, round(1.5 ** 0.35, 3),
       'trade x0.5-1.5 (family 19)', relative=True)
    if sc['development'] > 0:
        cp('countries.%s.scores.development' % c, 5, sc['development'], 20, 'the band 5-20 of its v1 tier (4.1)')
    cp('countries.%s.demand.documents' % c, 0.5, 1, 2, 'registered Belgians (family 7)', relative=True)
    cp('countries.%s.demand.assistance' % c, 0.5, 1, 1.5, 'key rates (family 14)', relative=True)
for (c, iid), (mid, lo, hi) in OPENING_VALUES.items():
    cp('countries.%s.interests.%s' % (c, iid), round(lo / mid, 6), 1, round(hi / mid, 6),
       'staff time 0-1 diplomat-year%s, relative to arg-opening-reasons\' %s (5.8)'
       % (', EU grants flow' if c == 'ALB' else '', '{:,}'.format(mid)), relative=True)
# The government's reinforcements (family 68: "about 20 posts reinforced", B; one diplomat each, E;
# 10-30): the diplomat cap its reading sets, 392 - 20 = 372, drawn as 392 - r for r = 10..30 with
# triangular weights about 20, only within the variants that set it (`within:`): the neutral
# reading keeps the sourced 392. Whole values: a cap between two whole values answers as the lower.
# Appended last among the drawn ranges: every draw above is unchanged.
REINF = list(range(10, 31))
D['reinforcement_range'] = [REINF[0], GOV_REINFORCE, REINF[-1]]
w('    # the government\'s reinforcements (family 68, 10-30): its cap 392 - r, drawn only where its reading sets it (within)\n')
w('    rules.max_diplomats: {distribution: discrete, values: [%s], weights: [%s], within: [government-case, arg-redeployment]}\n'
  % (', '.join(str(392 - r) for r in REINF), ', '.join(str(11 - abs(r - GOV_REINFORCE)) for r in REINF)))
# Ranges stated in SOURCES but not drawn (`draw: false`, SOURCES 9 "Stated but not sampled"):
# `margins` and `compare --flips` test a flip against them and give the share of their
# distribution beyond it; `simulate` leaves them out unless `--draw-stated`, so that the figures
# of the simulations quoted stay those of the ranges drawn. Appended last: with --draw-stated
# every draw above is unchanged too.
# Panama City's running cost by the running-cost rule of 9.1 (an embassy's 2 base diplomats at
# 130k, its own 3 at 200k; crew and contract x0.6-1.4, premises x0.5-1.5).
pd = D['post_detail']['PTY']
pty = next(r for r in post_rows if r['id'] == 'PTY')
pty_lo = gen.BASE.get(posts['PTY']['kind'], pd['dip']) * 130000 + 0.6 * pd['crew'] * pd['wage'] + 0.5 * pd['premises'] + 0.6 * pd['contract']
pty_hi = pd['dip'] * 200000 + 1.4 * pd['crew'] * pd['wage'] + 1.5 * pd['premises'] + 1.4 * pd['contract']
D['pty_cost_range'] = [round(pty_lo, -3), round(pty_hi, -3)]
w('    # stated, not drawn (SOURCES 9): margins tests flips against them; simulate --draw-stated draws them\n')
w('    posts.PTY.annual_cost: {distribution: triangular, min: %d, mode: %d, max: %d, draw: false}\n'
  % (round(pty_lo, -3), pty['annual_cost'], round(pty_hi, -3)))
# Its closing cost 0-2x (family 47, as the other closures' in 9.1): the budget search flips the
# neutral answer at -50% of it (an audit, 2026-12-07, found it searched without a range).
w('    posts.PTY.close_cost: {distribution: triangular, min: 0, mode: %d, max: %d, draw: false}\n'
  % (pty['close_cost'], 2 * pty['close_cost']))
# Havana's other consular countries (HTI, DOM: 6.9), served from Panama City once Havana closes:
# documents by the split of registered Belgians x0.6-1.5 (family 6) and the document rate
# 0.18-0.32 of 0.25 (family 8), as Cuba's (8.2); assistance by the key rates x0.5-1.5 (family 14).
# Their visa files are the partners' (1.3) and decide nothing: not stated here.
for c in ('DOM', 'HTI'):
    w('    countries.%s.demand.documents: {distribution: triangular, min: 0.43, mode: 1, max: 1.92, relative: true, draw: false}\n' % c)
    w('    countries.%s.demand.assistance: {distribution: triangular, min: 0.5, mode: 1, max: 1.5, relative: true, draw: false}\n' % c)
# The case costs of the posts that can serve Cuba (Havana's embassy, desk and honorary consul;
# Panama City's embassy and hub: the posts `margins havana` searches), by the rule of 3.1 with
# every factor at one end together, as the visa penalty's range (3.3): desk hours (family 26),
# non-staff cost (27), the local wage (28: Cuba from the agency rate of 6.3, EUR 3,251, to the
# dossier's 30k; a tier +-40%) and productive hours
# (29: 1,400-1,650). An honorary consul's is the non-staff cost alone. Each one alone: the
# factors are shared by every post, so the ranges of two posts move together (SOURCES 9).
CASE_HOURS = {'documents': (0.6, 1.5), 'assistance': (4.0, 15.0), 'visas': (0.4, 1.2)}
CASE_NONSTAFF = {'documents': (10.0, 50.0), 'assistance': (50.0, 300.0), 'visas': (3.0, 20.0)}
D['case_cost_ranges'] = {}
for k in ('HAV', 'HAV-LIGHT', 'HAV-HON', 'PTY', 'PTY-HUB'):
    row = next(r for r in post_rows if r['id'] == k)
    offered = row['services'].split(';') if row['services'] else list(gen.WORK)
    c = gen.COSTC.get(k, posts[k]['country'])
    wage_lo, wage_hi = (gen.CUBA_AGENCY_WAGE, 30000.0) if c == 'CUB' else (0.6 * gen.wage(c), 1.4 * gen.wage(c))
    for s_ in gen.WORK:
        if s_ not in offered:
            continue
        (h_lo, h_hi), (n_lo, n_hi) = CASE_HOURS[s_], CASE_NONSTAFF[s_]
        if posts[k]['kind'] == 'honorary-consul':
            lo, hi = n_lo, n_hi
        else:
            lo, hi = h_lo * wage_lo / 1650.0 + n_lo, h_hi * wage_hi / 1400.0 + n_hi
        lo, hi = round(lo, 1), round(hi, 1)
        D['case_cost_ranges']['%s.%s' % (k, s_)] = [lo, float(row['case_cost_' + s_]), hi]
        w('    posts.%s.case_cost.%s: {distribution: triangular, min: %s, mode: %s, max: %s, draw: false}\n'
          % (k, s_, n(lo), row['case_cost_' + s_], n(hi)))

if EXP.get('expect'):
    w('\nexpect:                      # pinned from dipnet %s results (tolerance 1 EUR)\n' % EXP.get('version', ''))
    for v, e in EXP['expect'].items():
        w('  %s:\n' % v)
        for k, val in e.items():
            if isinstance(val, list):
                w('    %s: [%s]\n' % (k, ', '.join(val)))
            elif isinstance(val, dict):
                w('    %s: {value: %s, tolerance: %s}\n' % (k, val['value'], val['tolerance']))
            else:
                w('    %s: %s\n' % (k, val))
# Where each drawn range comes from (SOURCES.md family, grade, section): written into the
# parameter as `source:`, which margins carries beside the stated range.
PARAM_SOURCE = [
    (r'countries\.CUB\.demand\.documents$', 'families 6, 8 (E): registered Belgians x document rate; SOURCES.md 8.2'),
    (r'countries\.CUB\.demand\.assistance$', 'families 12-14 (E): trips x assistance key rates; SOURCES.md 8.2'),
    (r'countries\.CUB\.demand\.visas$', 'family 15 (B): Commission per-consulate rows, range E; SOURCES.md 8.2'),
    (r'countries\.CUB\.scores\.geopolitical$', 'family 18 (E); SOURCES.md 4.1'),
    (r'countries\.CUB\.scores\.economic$', 'family 19 (E): goods trade EUR 50-120 M; SOURCES.md 4.1'),
    (r'countries\.CUB\.scores\.development$', 'families 20, 65 (E); SOURCES.md 4.1, 5.6'),
    (r'criteria\.development\.weight$', 'families 21 (D), 23 (E): break-even post at the 75th-10th percentile x development share; SOURCES.md 4.3'),
    (r'criteria\.[a-z]+\.weight$', 'family 23 (E): revealed-preference calibration, break-even post at the 75th-10th percentile; SOURCES.md 4.3'),
    (r'presence\.accredited$', 'families 24, 67 (E): effort x effectiveness of a non-resident mission; SOURCES.md 4.4'),
    (r'presence\.represented$', 'family 25 (E); SOURCES.md 4.4'),
    (r'(countries\.CUB\.)?interests\.eu_dialogue(\.[a-z]+)?$', 'family 60 (E): the letter as the press reports it; SOURCES.md 5.1'),
    (r'(countries\.CUB\.)?interests\.historic_presence(\.[a-z]+)?$', 'family 61 (E); SOURCES.md 5.2'),
    (r'(countries\.CUB\.)?interests\.university_cooperation(\.[a-z]+)?$', 'family 62 (E): VLIR-UOS project budgets (A) scaled; SOURCES.md 5.3'),
    (r'(countries\.CUB\.)?interests\.us_escalation(\.[a-z]+)?$', 'family 63 (E); SOURCES.md 5.4'),
    (r'(countries\.CUB\.)?interests\.strategic_contestation(\.[a-z]+)?$', 'family 64 (E); SOURCES.md 5.5'),
    (r'services\.visas\.fee_income$', 'families 33 (A: EUR 90 fee), 34 (E: the paying share); SOURCES.md 3.4'),
    (r'services\.visas\.unserved_penalty$', 'family 32 (E): lost spending and host surplus of a visit; SOURCES.md 3.3'),
    (r'services\.documents\.unserved_penalty$', 'family 30 (E); SOURCES.md 3'),
    (r'services\.assistance\.unserved_penalty$', 'family 31 (E); SOURCES.md 3'),
    (r'costs\.remote_case_cost_per_1000km$', 'family 35 (E): a mobile mission normalised at Panama-Havana; SOURCES.md 3.5'),
    (r'horizon_years$', 'family 53 (E); SOURCES.md 6.1'),
    (r'posts\.HAV\.annual_cost$', 'family 46 (D/E): 2-3 diplomats at EUR 130-200k (family 41, D), crew, premises; SOURCES.md 8.1'),
    (r'posts\.HAV\.close_cost$', 'family 47 (E); SOURCES.md 6.6, 8.1'),
    (r'posts\.HAV\.diplomats$', 'family 40 (E): 2 or 3; SOURCES.md 8.1'),
    (r'countries\.(ALB|NAM|OMN|UZB|SYR)\.interests\.[a-z_]+$', 'the government\'s reasons for the openings (E): staff time 0-1 diplomat-year '
     '(Albania: and the flow of EU grants), relative to arg-opening-reasons; SOURCES.md 5.8'),
    (r'posts\.PTY\.close_cost$', 'family 47 (E): 0-2x, as the other closures\' (9.1); not drawn; SOURCES.md 6.6, 9'),
    (r'posts\.PTY\.annual_cost$', 'family 46 (E): the running-cost rule of 9.1, 2 base diplomats at EUR 130k to its own 3 at 200k, crew, '
     'contract, premises; not drawn; SOURCES.md 9'),
    (r'countries\.(DOM|HTI)\.demand\.documents$', 'families 6, 8 (E): registered Belgians x0.6-1.5 x document rate 0.18-0.32, '
     'as Cuba\'s (8.2); not drawn; SOURCES.md 9'),
    (r'countries\.(DOM|HTI)\.demand\.assistance$', 'family 14 (E): key rates x0.5-1.5; not drawn; SOURCES.md 9'),
    (r'posts\.[A-Z-]+\.case_cost\.[a-z]+$', 'families 26-29 (E): desk hours x local wage (Cuba 3,251-30k, a tier +-40%) / productive '
     'hours + non-staff cost, every factor at one end together (an honorary consul: the non-staff cost); not drawn; SOURCES.md 3.1, 9'),
    (r'rules\.max_diplomats$', 'family 68 (B/E): about 20 posts reinforced (B), one diplomat each (E), 10-30 off the 392 (392 is '
     'sourced, FPS); drawn only where the government\'s reading sets the cap; SOURCES.md 9'),
    (r'partners\.CUB-ESP-V\.capacity$', 'family 59 (E): undocumented, variants only; SOURCES.md 7'),
    (r'partners\.[A-Z-]+\.capacity$', 'family 55 (E): 2-10% of a consular section; SOURCES.md 7.1'),
    (r'partners\.[A-Z-]+\.fee\.assistance$', 'family 56 (E): 2-8 hours of consular work; SOURCES.md 7.1'),
]
def _with_source(line):
    m = re.match(r'^    ([A-Za-z0-9_.*:-]+):(\s+)(\{distribution: [^}]*)\}(.*)$', line.rstrip('\n'))
    if not m:
        if re.match(r'^    [A-Za-z]', line):
            raise SystemExit('a drawn parameter not in the expected form: ' + line)
        return line
    path, gap, body, rest = m.groups()
    src = next((t for pat, t in PARAM_SOURCE if re.match(pat, path)), None)
    if src is None:
        basis = next((b for (p_, _lo, _mo, _hi, _rel, b) in D['closure_params'] if p_ == path), None)
        src = basis and ('SOURCES.md 9.1: ' + basis)
    if src is None:
        raise SystemExit('no source for the drawn parameter ' + path)
    return '    %s:%s%s, source: "%s"}%s\n' % (path, gap, body, src.replace('"', "'"), rest)
_all = ''.join(L)
_start = _all.index('\nuncertainty:') + 1
_lines = _all[_start:].split('\n')
_out = []
_in_params = False
for l in _lines:
    if l.startswith('  parameters:'):
        _in_params = True
    elif _in_params and l and not l.startswith('    '):
        _in_params = False
    _out.append(_with_source(l + '\n')[:-1] if _in_params and l.startswith('    ') and not l.lstrip().startswith('#') else l)
L = [_all[:_start], '\n'.join(_out)]
with open(os.path.join(OUT, 'scenario.yaml'), 'w', encoding='utf-8', newline='\n') as f:
    f.write(''.join(L))
with open(os.path.join(gen.BUILD, 'derived.json'), 'w', encoding='utf-8') as f:
    json.dump(D, f, indent=1, default=str)
print('written; visa penalty', VISA_PEN, 'fee', FEE_INCOME, 'CC', CC, 'esp cap', ESP_VISA_CAP, 'hav range', D['hav_cost_range'])
