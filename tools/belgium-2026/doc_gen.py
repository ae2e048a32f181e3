#!/usr/bin/env python3
"""Writes scenarios/belgium-2026/SOURCES.md: the hand-written text in templates/
(sources_head.md, sources_mid.md, sources_tail.md, in that order) followed by the appendix
tables A.1-A.4, generated here from the rules of gen.py.  Normally run by gen.py; runs alone
too: python3 tools/belgium-2026/doc_gen.py"""
import csv, json, os
import gen
from gen import C, ids, R, T, dem, score, W, LAMBDA, R_SRC, T_SRC, posts, post_rows, partner_rows, D

HERE = os.path.dirname(os.path.abspath(__file__))
old_note = {}
for l in open(os.path.join(gen.V1, 'old_post_table.md'), encoding='utf-8'):
    c = [x.strip() for x in l.strip().strip('|').split('|')]
    if len(c) >= 10:
        old_note[c[0]] = c[9]
NOTE = {
    'KIN': 'added: Belgian embassy Kingston (visa page jamaica.diplomatie.belgium.be; ambassador to CARICOM since 23 Jun 2021); dossier',
    'HAV': 'closure announced (facts); consular area CUB, HTI, DOM (cuba.diplomatie.belgium.be); JAM and BHS removed (Kingston)',
    'PTY': 'Caribbean consular help moves to Panama City (announcement 14 Nov 2025); covers: Central America + CUB, DOM, HTI, JAM',
    'PTY-HUB': 'modelling option: the announced reinforcement of Panama City (1 consular officer + 2 local staff)',
    'HAV-HON': 'modelling option: an honorary consul in Havana (none exists; about 276 Belgian honorary consuls worldwide, Knack)',
    'HAV-LIGHT': 'modelling option, not announced: desk co-located with an EU partner, no visa section',
    'BEY-SYR': 'announced (facts): ambassador for Syria based in Beirut; placed in Beirut, accredited presence in Syria',
}

def m(x):
    return '{:,.0f}'.format(x)

def f1(x):
    return ('%.1f' % x).rstrip('0').rstrip('.') if abs(x - round(x)) > 1e-9 else '%d' % round(x)

out = []
w = out.append
w('### A.1 Countries: inputs and derived values\n\n')
w('R = registered Belgians (2025; **bold** = sourced per country, else the continental rule of 1.1); T = trips by Belgian residents, thousands a year (**bold** = Statbel 2022; Cuba: dossier estimate; else the rule of 1.2); demand by service as written in countries.csv; scores; V = value of full presence with the base weights (EUR a year).\n\n')
w('| id | country | R | T (k) | documents | assistance | visas | geo | econ | dev | V (EUR) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n')
for c in ids:
    Rs = ('**%s**' % m(R[c])) if c in R_SRC or c in gen.CAC_SPLIT else m(R[c])
    if c in gen.CAC_SPLIT:
        Rs = m(R[c]) + ' (d)'
    Ts = ('**%s**' % f1(T[c])) if c in T_SRC else f1(T[c]) + (' (d)' if c == 'CUB' else '')
    V = sum(round(W[k]) * score[c][k] for k in W)   # the weights as scenario.yaml writes them
    w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' % (
        c, C[c]['name'], Rs, Ts, gen.fmt(dem[c]['documents']), gen.fmt(dem[c]['assistance']), gen.fmt(dem[c]['visas']),
        f1(score[c]['geopolitical']), f1(score[c]['economic']), f1(score[c]['development']), m(V)))
w('\n(d) = dossier estimate (Central America and Caribbean split; Cuba trips).\n\n')

w('### A.2 Posts: staff, costs, capacity\n\n')
w('d = career diplomats (rule 6.2); crew = fixed local staff (6.3); cost figures in EUR; capacity in desk hours a year; the note says where the post\'s existence comes from (v1 notes kept; "general knowledge" = not confirmed by a public report during preparation).\n\n')
w('| id | country | kind | status | presence | d | crew | annual cost | close | open | capacity | docs/assist/visa case cost (– not offered) | covers | existence / note |\n|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|\n')
for r in post_rows:
    k = r['id']
    crew = gen.crew(k)
    note = NOTE.get(k, old_note.get(k, ''))
    w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s | %s |\n' % (
        k, r['country'], r['kind'], r['status'], r['presence'] or 'resident', r['diplomats'], f1(round(crew, 1)),
        m(r['annual_cost']), m(r['close_cost']), m(r['open_cost']), r['capacity'], r['case_cost_documents'] or '–',
        r['case_cost_assistance'] or '–', r['case_cost_visas'] or '–', r['covers'].replace(';', ' '), note))
w('\n')
w('### A.3 Partner offers\n\n')
w('| id | country | by | services | capacity (cases) | fee | presence | basis |\n|---|---|---|---|---:|---|---|---|\n')
for r in partner_rows:
    pid = r['id']
    if pid == 'CUB-ESP-V':
        basis = 'UNDOCUMENTED: inert in the base (capacity 0); variant assumed-visa-representation sets 2,400 and presence'
    elif pid.endswith('-V'):
        basis = 'documented visa representation (representation.csv; Belgian embassy Havana visa page / Venezuela office page / Jamaica embassy page)'
    elif r['by'] in ('NLD', 'LUX') and not pid.endswith('-A'):
        basis = 'Benelux partner: Directive 2015/637 for assistance; Benelux visa rule (C) where Belgium has no post; v1 offer (embassy presence: general knowledge)'
    elif r['country'] in ('CUB', 'DOM', 'HTI', 'JAM'):
        files = gen.carib_caps.get((r['country'], r['by']), (None,))[0]
        basis = 'Directive 2015/637; embassy presence and size from its 2022 visa row (%s files)' % (m(files) if files else '?')
    else:
        basis = 'Directive 2015/637; embassy presence: general knowledge (v1 offer); capacity for one consular FTE'
    fee = r['fee_assistance'] and ('assistance %s' % r['fee_assistance']) or ''
    if r['fee_visas'] != '':
        fee = (fee + '; ' if fee else '') + 'visas %s' % r['fee_visas']
    w('| %s | %s | %s | %s | %s | %s | %s | %s |\n' % (pid, r['country'], r['by'], r['services'].replace(';', ', '),
                                                   r['capacity'], fee, r['presence'], basis))
# A.4: the ranges yaml_gen.py writes for the other seven announced closures (SOURCES 9.1)
params = D.get('closure_params')
if params is None:   # doc_gen.py run alone: what yaml_gen.py recorded
    with open(os.path.join(gen.BUILD, 'derived.json'), encoding='utf-8') as f:
        params = json.load(f).get('closure_params', [])
w('\n### A.4 Ranges drawn for the other seven announced closures and the openings (9.1)\n\n')
w('Triangular, min / mode / max; "relative" multiplies the value of the file (the mode 1 is the value itself).\n\n')
w('| path | min | mode | max | draw | basis |\n|---|---:|---:|---:|---|---|\n')
for (path, lo, mode, hi, rel, basis) in params:
    fmtv = (lambda x: ('%.3f' % x).rstrip('0').rstrip('.')) if rel or abs(hi) < 1000 else m   # as scenario.yaml writes it
    w('| `%s` | %s | %s | %s | %s | %s |\n' % (path, fmtv(lo), fmtv(mode), fmtv(hi), 'relative' if rel else 'absolute',
                                              basis.replace('+-', '±').replace('x0', '×0').replace('-2x', '–2×')))
parts = []
for name in ('sources_head.md', 'sources_mid.md', 'sources_tail.md'):
    with open(os.path.join(HERE, 'templates', name), encoding='utf-8', newline='') as f:
        parts.append(f.read())
with open(os.path.join(gen.OUT, 'SOURCES.md'), 'w', encoding='utf-8', newline='') as f:
    f.write(''.join(parts) + ''.join(out))
print('SOURCES.md written (%d appendix lines)' % len(out))
