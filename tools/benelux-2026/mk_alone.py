import csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'scenarios', 'benelux-2026')
DST = os.path.join(BUILD, 'alone')
os.makedirs(DST, exist_ok=True)
y = open(os.path.join(SRC, 'scenario.yaml')).read()
head = y.split('countries:')[0]
hosts = list(csv.DictReader(open(os.path.join(SRC, 'countries.csv'))))
for st, w in (('bel', None), ('nld', 'NLD'), ('lux', 'LUX')):
    dem = {r['country']: r for r in csv.DictReader(open(os.path.join(SRC, st + '-demand.csv')))}
    rows = []
    for h in hosts:
        d = dem[h['id']]
        rows.append(dict(h, **{k: v for k, v in d.items() if k != 'country'}))
    cols = list(hosts[0].keys()) + [k for k in dem[hosts[0]['id']] if k != 'country']
    with open(os.path.join(DST, st + '-countries.csv'), 'w', newline='') as f:
        wr = csv.DictWriter(f, cols, lineterminator='\n'); wr.writeheader(); wr.writerows(rows)
    posts = list(csv.DictReader(open(os.path.join(SRC, st + '-posts.csv'))))
    for p in posts:
        # a post co-located with another state's post (STATE:POST) cannot open alone; a
        # requirement of the state's own posts (PTY-HUB in PTY) is a scenario's and stays
        if ':' in (p.get('requires') or ''):
            p['force'] = 'closed'
            p['requires'] = ''
    with open(os.path.join(DST, st + '-posts.csv'), 'w', newline='') as f:
        wr = csv.DictWriter(f, list(posts[0].keys()), lineterminator='\n'); wr.writeheader(); wr.writerows(posts)
    os.system('cp %s %s' % (os.path.join(SRC, st + '-partners.csv'), os.path.join(DST, st + '-partners.csv')))
    h2 = head.replace('dipnet: 2\nname: ', 'dipnet: 2\nname: ALONE %s ' % st.upper())
    m = re.search(r'  %s:\n(.*?)(?=\n  [A-Z]{3}:|\nagreements:)' % st.upper(), y, re.S)
    block = m.group(1)
    wm = re.search(r'weights: \{(.*?)\}', block)
    if wm:
        ws = dict(x.strip().split(': ') for x in wm.group(1).split(','))
        for k, v in ws.items():
            h2 = re.sub(r'(%s:\s+\{weight: )\d+' % k, r'\g<1>%s' % v, h2)
    rm = re.search(r'rules: (\{.*?\})', block)
    txt = h2 + 'countries: {csv: %s-countries.csv}\nposts: {csv: %s-posts.csv}\npartners: {csv: %s-partners.csv}\n' % (st, st, st)
    if rm:
        txt += 'rules: %s\n' % rm.group(1)
    txt += 'variants:\n  as-is: {mode: evaluate}\n'
    if st != 'lux':
        txt += '  close-havana: {set: {posts.HAV.force: closed}}\n  keep-havana: {set: {posts.HAV.force: open}}\n'
    open(os.path.join(DST, st + '.yaml'), 'w').write(txt)
print('ok')
