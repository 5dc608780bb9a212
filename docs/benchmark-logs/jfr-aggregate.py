import json,sys,collections,re,datetime
d=json.load(open(sys.argv[1]))
ev=d['recording']['events']
def ts(e): return datetime.datetime.fromisoformat(e['values']['startTime'].replace('Z','+00:00'))
t0=min(ts(e) for e in ev); limit=float(sys.argv[2]) if len(sys.argv)>2 else 1e9
ev=[e for e in ev if (ts(e)-t0).total_seconds()<limit]
print("samples",len(ev))
def tname(e):
    t=e['values']['sampledThread']; n=(t.get('javaName') or t.get('osName') or '?')
    return re.sub(r'[-_ ]?\d+','#',n)
def frames(e):
    st=e['values']['stackTrace']
    return [f['method']['type']['name']+'.'+f['method']['name'] for f in (st['frames'] if st else [])]
th=collections.Counter(tname(e) for e in ev)
print("\n== threads"); [print(f"{c/len(ev)*100:5.1f}% {n}") for n,c in th.most_common(25)]
self_=collections.Counter(); pkg=collections.Counter(); incl=collections.Counter()
for e in ev:
    fr=frames(e)
    if not fr: continue
    self_[fr[0]]+=1
    p=fr[0].rsplit('.',2)[0]; pkg[re.sub(r'^((?:[^.]+\.){3}).*',r'\1',p)]+=1
    for m in set(fr): incl[m]+=1
print("\n== self top"); [print(f"{c/len(ev)*100:5.1f}% {n}") for n,c in self_.most_common(40)]
print("\n== self by package"); [print(f"{c/len(ev)*100:5.1f}% {n}") for n,c in pkg.most_common(25)]
pat=re.compile(sys.argv[3]) if len(sys.argv)>3 else None
print("\n== inclusive top (filtered)")
for n,c in incl.most_common(400):
    if pat is None or pat.search(n): print(f"{c/len(ev)*100:5.1f}% {n}")
