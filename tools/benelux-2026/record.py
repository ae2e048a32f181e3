#!/usr/bin/env python3
"""Records results.json: the outcomes of `dipnet coalition` on the Havana options that
SOURCES.md quotes (section 7), from the committed scenario files.

    python3 tools/benelux-2026/record.py [--dipnet PATH] [SCENARIO_DIR]

Runs `dipnet coalition FILE [--force …] -f json` once per option and keeps, for each:
the standalone and joint totals, the surplus, each state's (standalone, joint) net
benefit, the shared posts in Cuba and GLPK's time. From the free run it also keeps each
state's plans (existing posts closed alone and jointly, posts closed and opened jointly
against the standalone plan, the standalone plan's parts), the fair splits and the cases
each state serves for each other by service. Review `git diff` of results.json before
regenerating SOURCES.md (doc_benelux.py): it is what the prose quotes.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))

# Each option is a list of --force arguments (a forced decision holds in the standalone
# and the joint plans). "both-leave" closes every Havana option of both states, as each
# government decided separately.
OPTIONS = {
    'free': [],
    'both-leave': ['BEL:HAV=closed', 'NLD:HAV=closed', 'BEL:HAV-LIGHT=closed',
                   'BEL:HAV-HON=closed', 'NLD:HAV-COLOC=closed'],
    'both-stay': ['BEL:HAV=open', 'NLD:HAV=open'],
    'bel-stays': ['BEL:HAV=open', 'NLD:HAV=closed'],
    'nld-stays': ['BEL:HAV=closed', 'NLD:HAV=open'],
}


def run(dipnet, scenario, forces):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'r.json')
        cmd = [dipnet, 'coalition', scenario, '-f', 'json', '-o', out]
        for f in forces:
            cmd += ['--force', f]
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
        with open(out) as fh:
            r = json.load(fh)
    if r['status'] != 'optimal':
        sys.exit(f'record.py: {forces or "free"}: status {r["status"]}, not optimal')
    return r


def existing(scenario_dir, state):
    import csv
    with open(os.path.join(scenario_dir, f'{state.lower()}-posts.csv')) as fh:
        return [row['id'] for row in csv.DictReader(fh) if row['status'] == 'existing']


def main():
    args = sys.argv[1:]
    dipnet = os.path.join(ROOT, '.build', 'release', 'dipnet')
    if args[:1] == ['--dipnet']:
        dipnet, args = args[1], args[2:]
    scenario_dir = args[0] if args else os.path.join(ROOT, 'scenarios', 'benelux-2026')
    scenario = os.path.join(scenario_dir, 'scenario.yaml')
    results = {}
    free = None
    for name, forces in OPTIONS.items():
        r = run(dipnet, scenario, forces)
        free = free or r
        results[name] = {
            'alone': r['standalone_total'], 'joint': r['joint_total'], 'surplus': r['surplus'],
            'states': {s['id']: [s['standalone_net_benefit'], s['joint_net_benefit']] for s in r['states']},
            'cub': [[p['provider'], p['post'], p['client'], p['service'], p['cases']]
                    for p in r['shared_posts'] if p['country'] == 'CUB'],
            'secs': round(r['solve_seconds'], 1),  # to the tenth: a re-run leaves the file unchanged
        }
    plans = {}
    for s in free['states']:
        ex = existing(scenario_dir, s['id'])
        a = s['alone']
        plans[s['id']] = {
            'alone_closed': sorted(p for p in ex if p not in s['open_alone']),
            'joint_closed': sorted(p for p in ex if p not in s['open_jointly']),
            'closed_vs': s['closed_versus_standalone'],
            'opened_vs': s['opened_versus_standalone'],
            'alone': {'net': s['standalone_net_benefit'], 'value': a['value'], 'cost': a['cost'],
                      'income': a['income'], 'penalty': a['penalty']},
        }
    flows = defaultdict(float)
    for p in free['shared_posts']:
        flows[f"{p['provider']}>{p['client']} {p['service']}"] += p['cases']
    results['plans'] = plans
    results['flows'] = dict(flows)
    results['fair'] = free['fair_split']
    path = os.path.join(HERE, 'results.json')
    with open(path + '.tmp', 'w') as fh:
        json.dump(results, fh, indent=1)
        fh.write('\n')
    os.replace(path + '.tmp', path)
    print(f'wrote {path}: free joint {free["joint_total"]:,.2f}, surplus {free["surplus"]:,.2f}')


if __name__ == '__main__':
    main()
