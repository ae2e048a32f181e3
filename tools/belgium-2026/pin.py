#!/usr/bin/env python3
"""Pins the `expect:` block of scenarios/belgium-2026/scenario.yaml from dipnet's own results.

Solves every variant with dipnet, writes expect.json beside this file (status, net benefit
and cost with a tolerance of 1 EUR, forced HAV decisions, the announced plan's closures and
openings, and the status quo's cost that sets the budget of `austerity-all-open`), then
re-renders the scenario with gen.py.  It repeats once if the re-rendered scenario solves
differently (the budget depends on the status quo's cost), so the pinned block always
matches the file it sits in.  A results table for review goes to build/results.json.

    python3 tools/belgium-2026/pin.py [--dipnet .build/debug/dipnet]

Afterwards review `git diff tools/belgium-2026/expect.json scenarios/belgium-2026` and run
`dipnet test scenarios/belgium-2026`.
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
F = os.path.join(REPO, 'scenarios', 'belgium-2026', 'scenario.yaml')
EXPECT = os.path.join(HERE, 'expect.json')
BUILD = os.path.join(HERE, 'build')
VARIANTS = ['status-quo', 'keep-havana', 'close-havana', 'optimal', 'announced-plan', 'announced-closures', 'announced-openings',
            'austerity-all-open',
            'letter-arguments', 'status-quo-letter', 'keep-havana-letter', 'close-havana-letter',
            'government-case', 'status-quo-government', 'keep-havana-government', 'close-havana-government',
            'assumed-visa-representation', 'keep-havana-assumed-visa', 'close-havana-assumed-visa',
            'letter-assumed-visa', 'close-havana-letter-assumed-visa', 'government-assumed-visa',
            'close-havana-government-assumed-visa',
            'keep-maputo', 'close-maputo', 'keep-maputo-government', 'close-maputo-government',
            'keep-conakry', 'close-conakry', 'keep-conakry-government', 'close-conakry-government',
            'keep-bamako', 'close-bamako', 'keep-bamako-government', 'close-bamako-government',
            'keep-kuwait', 'close-kuwait', 'keep-kuwait-government', 'close-kuwait-government',
            'keep-sarajevo', 'close-sarajevo', 'keep-sarajevo-government', 'close-sarajevo-government',
            'keep-rio', 'close-rio', 'keep-rio-government', 'close-rio-government',
            'keep-guangzhou', 'close-guangzhou', 'keep-guangzhou-government', 'close-guangzhou-government',
            'development-by-programme', 'visa-penalty-without-host-surplus',
            'keep-havana-without-cuban-visas', 'close-havana-without-cuban-visas',
            # each announced opening alone (README "What each opening would have to be worth")
            'open-tirana', 'open-windhoek', 'open-muscat', 'open-tashkent', 'open-au-mission', 'open-syria-office',
            'open-panama-hub',
            # each announced closure alone against today's network (README "The other announced closures")
            'sq-close-sarajevo', 'sq-close-conakry', 'sq-close-bamako', 'sq-close-maputo', 'sq-close-havana', 'sq-close-kuwait',
            'sq-close-rio', 'sq-close-guangzhou']
# the other contested closures: the post each keep-/close- variant forces
OTHER = {'maputo': 'MPM', 'conakry': 'CKY', 'bamako': 'BKO', 'kuwait': 'KWI', 'sarajevo': 'SJJ', 'rio': 'RIO', 'guangzhou': 'CAN'}
OPEN_HAV = {'keep-havana', 'keep-havana-letter', 'keep-havana-government', 'keep-havana-assumed-visa', 'keep-havana-without-cuban-visas'}
CLOSED_HAV = {'close-havana', 'close-havana-letter', 'close-havana-government', 'close-havana-assumed-visa',
              'close-havana-letter-assumed-visa', 'close-havana-government-assumed-visa', 'close-havana-without-cuban-visas'}


def dipnet_path():
    ap = argparse.ArgumentParser(description='Pin the expect: block of scenarios/belgium-2026 from dipnet.')
    ap.add_argument('--dipnet', default='.build/debug/dipnet',
                    help='dipnet binary (default .build/debug/dipnet, from the current folder or the repository root)')
    path = ap.parse_args().dipnet
    if not os.path.isabs(path) and not os.path.exists(path):
        path = os.path.join(REPO, path)
    path = os.path.abspath(path)
    if not os.path.exists(path):
        raise SystemExit('no dipnet binary at %s (build it, or pass --dipnet PATH)' % path)
    return path


DIPNET = dipnet_path()


def solve(v):
    # retries cover a binary that is missing or busy while it is being rebuilt
    for attempt in range(10):
        t = time.time()
        try:
            p = subprocess.run([DIPNET, 'solve', F, '--variant', v, '--format', 'json'],
                               capture_output=True, text=True)
        except OSError as e:
            p = subprocess.CompletedProcess([], 127, '', str(e))
        if p.stdout.strip().startswith('{'):
            j = json.loads(p.stdout)
            j['_wall'] = time.time() - t
            return j
        sys.stderr.write('retry %s: %s\n' % (v, p.stderr[:200]))
        time.sleep(30)
    raise SystemExit('dipnet failed on ' + v)


def pin():
    res, exp = {}, {}
    for v in VARIANTS:
        j = solve(v)
        res[v] = {k: j.get(k) for k in ('status', 'net_benefit', 'value', 'income', 'penalty', 'unserved', 'coverage',
                                         'solve_seconds', 'diplomats', 'interests', 'services')}
        res[v]['cost'] = j.get('cost')
        res[v]['posts'] = j.get('posts')
        res[v]['_wall'] = round(j['_wall'], 2)
        cub = next((c for c in (j.get('countries') or []) if c['id'] == 'CUB'), None)
        res[v]['CUB'] = cub
        e = {'status': j['status']}
        if j.get('net_benefit') is not None:
            e['net_benefit'] = {'value': round(j['net_benefit'], 2), 'tolerance': 1}
            e['cost'] = {'value': round(j['cost']['total'], 2), 'tolerance': 1}
        if v in OPEN_HAV:
            e['open'] = ['HAV']
        if v in CLOSED_HAV:
            e['closed'] = ['HAV']
        for town, post in OTHER.items():
            if v in ('keep-' + town, 'keep-%s-government' % town):
                e['open'] = [post]
            if v in ('close-' + town, 'close-%s-government' % town):
                e['closed'] = [post]
        if v in ('announced-plan', 'announced-closures'):
            e['closed'] = ['SJJ', 'CKY', 'BKO', 'MPM', 'HAV', 'KWI', 'RIO', 'CAN']
        if v in ('announced-plan', 'announced-openings'):
            e['opened'] = ['TIA', 'WDH', 'MCT', 'TAS', 'ADD-AU', 'BEY-SYR', 'PTY-HUB']
        if v in OPENING_POST:
            e['opened'] = [OPENING_POST[v]]
        if v in CLOSURE_POST:
            e['closed'] = [CLOSURE_POST[v]]
        exp[v] = e
        print('%-38s %-11s %14s  %.2f s' % (v, j['status'],
                                             '%.0f' % j['net_benefit'] if j.get('net_benefit') is not None else '-',
                                             j.get('solve_seconds') or 0))
    # The conclusion of each keep/close pair, whatever its euro figures: the winner must
    # beat the loser (`beats`), so that a data update that flips the answer fails loudly.
    add_beats(exp)
    version = subprocess.run([DIPNET, '--version'], capture_output=True, text=True).stdout.strip().splitlines()[0]  # the version; the next lines tell builds apart
    out = {'version': version, 'status_quo_cost': res['status-quo']['cost']['total'], 'expect': exp}
    return out, res


OPENING_POST = {'open-tirana': 'TIA', 'open-windhoek': 'WDH', 'open-muscat': 'MCT', 'open-tashkent': 'TAS',
                'open-au-mission': 'ADD-AU', 'open-syria-office': 'BEY-SYR', 'open-panama-hub': 'PTY-HUB'}
CLOSURE_POST = {'sq-close-sarajevo': 'SJJ', 'sq-close-conakry': 'CKY', 'sq-close-bamako': 'BKO', 'sq-close-maputo': 'MPM',
                'sq-close-havana': 'HAV', 'sq-close-kuwait': 'KWI', 'sq-close-rio': 'RIO', 'sq-close-guangzhou': 'CAN'}
PAIRS = [('keep-havana', 'close-havana'), ('keep-havana-letter', 'close-havana-letter'),
         ('keep-havana-government', 'close-havana-government'), ('keep-havana-assumed-visa', 'close-havana-assumed-visa'),
         ('keep-havana-without-cuban-visas', 'close-havana-without-cuban-visas')] + \
        [(k + t + g, c + t + g) for t in OTHER for g in ('', '-government') for k, c in [('keep-', 'close-')]]


# The README's answers under one argument line, as `--variant a+b` composes them: only who
# wins is pinned (`beats`), under the winner's combination.
LINE_PAIRS = [('keep-havana%s+%s' % (g, line), 'close-havana%s+%s' % (g, line))
              for g, line in [('', 'visa-penalty-without-host-surplus'), ('-government', 'visa-penalty-without-host-surplus'),
                              ('', 'arg-geo-economic-criteria'), ('', 'arg-redeployment'), ('', 'arg-shared-representation'),
                              # the letter's consular argument for residents (keeping leads), and all of it (closing leads)
                              ('', 'without-cuban-resident-services'), ('', 'without-dominican-haitian-services'),
                              ('', 'without-cuban-visas+without-cuban-resident-services+without-dominican-haitian-services')]] + \
             [('status-quo+arg-opening-reasons', 'announced-plan+arg-opening-reasons'),    # the package with the openings' reasons priced (SOURCES 5.8)
              ('status-quo+arg-opening-reasons', 'announced-openings+arg-opening-reasons')] + \
             [# Cuba's local staff at the state agency's rate (SOURCES 6.3), each line on the six
              # pairs of the README: keeping leads more on each reading without the visa offer;
              # with it, the crew's line turns the letter's answer to keeping, the casework's not
              (k + line, c + line)
              for line in ('+cuba-casework-at-agency-rate', '+cuba-crew-at-agency-rate', '+cuba-staff-at-agency-rate')
              for k, c in [('keep-havana', 'close-havana'), ('keep-havana-assumed-visa', 'close-havana-assumed-visa'),
                           ('keep-havana-letter', 'close-havana-letter'),
                           ('keep-havana-letter+assumed-visa-representation', 'close-havana-letter-assumed-visa'),
                           ('keep-havana-government', 'close-havana-government'),
                           ('keep-havana-government', 'close-havana-government-assumed-visa')]]


def add_beats(exp):
    # each opening alone against the status quo: which is ahead is pinned, so that a data
    # change that makes an opening pay for itself fails loudly (README "What each opening
    # would have to be worth")
    for v in list(OPENING_POST) + list(CLOSURE_POST):
        a, b = exp['status-quo'].get('net_benefit'), exp[v].get('net_benefit')
        if a and b and abs(a['value'] - b['value']) > 1:
            win, lose = ('status-quo', v) if a['value'] > b['value'] else (v, 'status-quo')
            exp[win].setdefault('beats', []).append(lose)
    for keep, close in PAIRS:
        a, b = exp[keep].get('net_benefit'), exp[close].get('net_benefit')
        if a and b and abs(a['value'] - b['value']) > 1:
            win, lose = (keep, close) if a['value'] > b['value'] else (close, keep)
            exp[win]['beats'] = [lose]
    for keep, close in LINE_PAIRS:
        a, b = solve(keep).get('net_benefit'), solve(close).get('net_benefit')
        if a is not None and b is not None and abs(a - b) > 1:
            win, lose = (keep, close) if a > b else (close, keep)
            # a winner of several pairs keeps each (status-quo+arg-opening-reasons beats two)
            exp.setdefault(win, {}).setdefault('beats', [])
            if lose not in exp[win]['beats']:
                exp[win]['beats'].append(lose)
            print('%-70s beats %s by %.0f' % (win, lose, abs(a - b)))


def render():
    subprocess.run([sys.executable, os.path.join(HERE, 'gen.py')], check=True)


render()          # solve the scenario as the current rules write it
for attempt in range(3):
    out, res = pin()
    old = json.load(open(EXPECT, encoding='utf-8')) if os.path.exists(EXPECT) else None
    os.makedirs(BUILD, exist_ok=True)
    with open(os.path.join(BUILD, 'results.json'), 'w', encoding='utf-8') as f:
        json.dump(res, f, indent=1)
    if out == old:
        print('expect.json unchanged')
        break
    with open(EXPECT, 'w', encoding='utf-8') as f:
        json.dump(out, f, indent=1)
    print('expect.json written; re-rendering and solving again to confirm')
    render()
else:
    raise SystemExit('expect.json did not settle after 3 passes')
print('review: git diff tools/belgium-2026/expect.json scenarios/belgium-2026')
