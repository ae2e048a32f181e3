import csv
import os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(HERE, 'build')  # intermediates, ignored by git
os.makedirs(BUILD, exist_ok=True)
from collections import defaultdict
BE=os.path.join(ROOT, 'scenarios', 'belgium-2026') + '/'
name2iso={r['name'].upper(): r['id'] for r in csv.DictReader(open(BE+'countries.csv'))}
name2iso.update({'CZECH REPUBLIC':'CZE','DEMOCRATIC REPUBLIC OF THE CONGO':'COD','PALESTINIAN AUTHORITY':'PSE',
  'RUSSIAN FEDERATION':'RUS','TURKEY':'TUR','USA':'USA','BELGIUM':'BEL'})
def rows(state):
    out=[]
    for y in (2019,2022):
        for r in csv.DictReader(open(os.path.join(HERE, 'data', f'visa_{y}_nl_lu.csv'))):
            if r['state']!=state: continue
            c=name2iso[r['country']]
            if r['city']=='HONG KONG': c='HKG'
            if r['city']=='JERUSALEM': c='PSE'
            out.append((y,c,r['city'],int(r['applications'])))
    return out
def raw_means(state):
    V19,V22=defaultdict(float),defaultdict(float)
    city=defaultdict(lambda: defaultdict(float))
    for y,c,ci,a in rows(state):
        if c in ('BEL','NLD','LUX'): continue
        (V19 if y==2019 else V22)[c]+=a
        city[c][ci]+=a/2
    raw={}
    for c in set(V19)|set(V22):
        raw[c]= V22[c] if c=='RUS' else (V19[c]+V22[c])/2
    return raw,V19,V22,city
