#!/usr/bin/env python3
"""dipnet's optimum against HiGHS's on many random models (a check, not a test).

    tools/differential.py [--dipnet .build/release/dipnet] [--cases N] [--seed S] [--tol 1e-9]

Two families, each solved by dipnet (GLPK) and by HiGHS (highspy, gap 0) on the model
dipnet exports (`dipnet export-model --mps`, `dipnet coalition --mps`):
- generated single networks (`dipnet generate`, 10-80 countries, 1-3 posts a country,
  reach 800-3000 km, format version 1 or 2 at random);
- the Benelux coalition (scenarios/benelux-2026) with one to three posts' capacity or
  annual cost scaled by 0.5-1.5 (`--set`).
Prints one line a case and the largest relative difference; exits 1 when one exceeds
--tol. The exported file minimises the negated objective (its header says so).
"""
import argparse, csv, json, os, random, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENELUX = os.path.join(ROOT, 'scenarios', 'benelux-2026')


def highs_optimum(path):
    import highspy
    h = highspy.Highs()
    h.setOptionValue('output_flag', False)
    h.setOptionValue('mip_rel_gap', 0)
    h.readModel(path)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return -h.getInfo().objective_function_value


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError('%s: %s' % (' '.join(cmd), r.stderr.strip()[-300:]))
    return r.stdout


def generated(dipnet, rng, work):
    n, ppc = rng.randint(10, 80), rng.choice([1, 2, 3])
    reach, seed, v2 = rng.choice([800, 1500, 3000]), rng.randint(1, 10000), rng.random() < 0.5
    out = os.path.join(work, 'g')
    run([dipnet, 'generate', '--countries', str(n), '--posts-per-country', str(ppc), '--reach', str(reach),
         '--seed', str(seed), '--out', out, '--force'] + (['--services'] if v2 else []))
    path = os.path.join(out, 'scenario.yaml')
    d = json.loads(run([dipnet, 'solve', path, '--format', 'json', '--quiet']))
    run([dipnet, 'export-model', path, '--mps', os.path.join(out, 'm.mps')])
    label = 'generate --countries %d --posts-per-country %d --reach %d --seed %d%s' % (n, ppc, reach, seed, ' --services' if v2 else '')
    return label, d['net_benefit'], highs_optimum(os.path.join(out, 'm.mps'))


def benelux(dipnet, rng, work, posts):
    sets = []
    for _ in range(rng.randint(1, 3)):
        st = rng.choice(sorted(posts))
        p = rng.choice(posts[st])
        key = rng.choice(['capacity', 'annual_cost'])
        base = float(p[key] or 0)
        if base > 0:
            sets.append('%s:posts.%s.%s=%.0f' % (st, p['id'], key, base * rng.uniform(0.5, 1.5)))
    args = [a for s in sets for a in ('--set', s)]
    path = os.path.join(BENELUX, 'scenario.yaml')
    d = json.loads(run([dipnet, 'coalition', path, *args, '--format', 'json', '--quiet']))
    mps = os.path.join(work, 'b.mps')
    run([dipnet, 'coalition', path, *args, '--mps', mps, '--quiet'])
    return 'benelux ' + ' '.join(sets), d['joint_total'], highs_optimum(mps)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dipnet', default=os.path.join(ROOT, '.build', 'release', 'dipnet'))
    ap.add_argument('--cases', type=int, default=20, help='cases of each family (default 20)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--tol', type=float, default=1e-9, help='largest relative difference accepted')
    a = ap.parse_args()
    rng = random.Random(a.seed)
    posts = {st: list(csv.DictReader(open(os.path.join(BENELUX, st.lower() + '-posts.csv')))) for st in ('BEL', 'NLD', 'LUX')}
    worst, bad = 0.0, 0
    with tempfile.TemporaryDirectory() as work:
        for k in range(2 * a.cases):
            label, ours, theirs = (generated(a.dipnet, rng, work) if k % 2 == 0 else benelux(a.dipnet, rng, work, posts))
            if theirs is None:
                print('%3d %s: HiGHS did not prove an optimum' % (k, label))
                bad += 1
                continue
            rel = (theirs - ours) / max(1.0, abs(theirs))
            worst = max(worst, abs(rel))
            off = abs(rel) > a.tol
            bad += off
            print('%3d dipnet %.3f HiGHS %.3f rel %+.1e%s  %s' % (k, ours, theirs, rel, '  <<< DIFFERS' if off else '', label), flush=True)
    print('largest relative difference %.1e over %d cases; %d beyond %.0e' % (worst, 2 * a.cases, bad, a.tol))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
