import os,sys,time,glob
# usage: sample.py SECONDS LABEL -> per-process and per-thread-name CPU (% of one core) of java and postgres processes
seconds=int(sys.argv[1]); label=sys.argv[2]
def procs():
    ps={}
    for d in glob.glob('/proc/[0-9]*'):
        try: cmd=open(d+'/cmdline','rb').read().replace(b'\0',b' ').decode()
        except Exception: continue
        if ('java' in cmd and '.jar' in cmd) or 'postgres' in cmd: ps[int(d[6:])]=cmd
    return ps
def threads(p):
    t={}
    for d in glob.glob(f'/proc/{p}/task/*'):
        try:
            s=open(d+'/stat').read(); name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
            t[int(d.split('/')[-1])]=(name,int(f[11])+int(f[12]))
        except Exception: pass
    return t
def short(cmd):
    for k in ['command-service','query-service','conflict-detector','rule-expander','read-model-store','bench-load','postgres']:
        if k in cmd: return k
    return 'launcher' if 'almanac-local.jar' in cmd else cmd[:40]
ps=procs(); a={p:threads(p) for p in ps}; t0=time.time(); time.sleep(seconds); b={p:threads(p) for p in ps}; dt=time.time()-t0
hz=os.sysconf('SC_CLK_TCK'); groups={}
for p in ps:
    g=short(ps[p]); d=groups.setdefault(g,{})
    for t,(name,ticks) in b[p].items():
        before=a[p].get(t,(name,ticks))[1]
        key=''.join(c if not c.isdigit() else '#' for c in name)
        d[key]=d.get(key,0)+ticks-before
total=0
print(f"{label}: {dt:.0f} s")
for g,d in sorted(groups.items(),key=lambda x:-sum(x[1].values())):
    s=sum(d.values())/hz/dt*100; total+=s
    print(f"{s:6.1f}% {g}")
    for name,ticks in sorted(d.items(),key=lambda x:-x[1])[:10]:
        if ticks>0: print(f"        {ticks/hz/dt*100:6.1f}%  {name}")
print(f"total {total:.1f}% of one core")
