#!/bin/bash
# usage: e2e-2026-11-24-stack-threads.sh <worktree> <label> [load [RATE]]   (RATE: commands/s, 100 unless given)
# Starts the local stack from an empty home and measures each process's and thread's CPU: with "load", for 40 s
# of the second step of `bench-load --rates RATE,RATE`; without, for 60 s of idling 90 s after the start.
set -u
tree=$1; label=$2; mode=${3:-idle}; rate=${4:-100}
out=/work/coord/runs/threads-$mode-$label-$(date +%H%M)
home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $out.stack.log 2>&1 &
pid=$!
until grep -qs "Press Ctrl-C" $out.stack.log; do sleep 1; done
if [ "$mode" = load ]; then
  java -jar deploy/local/target/almanac-local.jar bench-load --rates $rate,$rate --seconds 60 --calendars 100 > $out.bench.txt 2>&1 &
  until grep -qs "^$rate cmd/s" $out.bench.txt; do sleep 1; done
  sleep 5; seconds=40; during="during the second $rate/s step"
else
  sleep 90; seconds=60; during="idle stack"
fi
python3 - $seconds "$during" > $out.txt <<'PY'
import os,sys,time,glob
seconds=int(sys.argv[1]); during=sys.argv[2]
def procs():
    ps={}
    for d in glob.glob('/proc/[0-9]*'):
        try:
            cmd=open(d+'/cmdline','rb').read().replace(b'\0',b' ').decode()
        except Exception: continue
        if 'java' in cmd or 'postgres' in cmd:
            ps[int(d[6:])]=cmd[:160]
    return ps
def threads(p):
    t={}
    for d in glob.glob(f'/proc/{p}/task/*'):
        try:
            s=open(d+'/stat').read(); name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
            t[int(d.split('/')[-1])]=(name,int(f[11])+int(f[12]))
        except Exception: pass
    return t
ps=procs(); a={p:threads(p) for p in ps}; t0=time.time(); time.sleep(seconds); b={p:threads(p) for p in ps}; dt=time.time()-t0
hz=os.sysconf('SC_CLK_TCK'); total=0
rows=[]
for p in ps:
    cpu=sum(b[p].get(t,(0,0))[1]-a[p].get(t,(0,b[p][t][1]))[1] for t in b[p])/hz
    total+=cpu
    rows.append((cpu,p,ps[p]))
for cpu,p,cmd in sorted(rows,reverse=True):
    print(f"{cpu/dt*100:6.1f}% pid {p} {cmd}")
    byname={}
    for t,(name,ticks) in b[p].items():
        before=a[p].get(t,(name,ticks))[1]
        byname[name]=byname.get(name,0)+ticks-before
    for name,ticks in sorted(byname.items(),key=lambda x:-x[1])[:8]:
        if ticks>0: print(f"        {ticks/hz/dt*100:6.1f}%  {name}")
print(f"total {total/dt*100:.1f}% of one core over {dt:.0f} s, {during}")
PY
while pgrep -f "bench-load --rates 100,100" > /dev/null; do sleep 1; done
kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -- -$pid 2>/dev/null; pkill -f "$home" 2>/dev/null; rm -rf $home
echo $out.txt
