#!/usr/bin/env python3
"""Stop-the-world pauses in -Xlog:gc files from <from_s> seconds of JVM uptime on:
gc-pauses.py <from_s> <to_s> <prefix>  (service logs <prefix>-svc-gc-<pid>.log in pid order are
command-service, query-service, rule-expander, conflict-detector; <prefix>-launcher-gc.log the launcher)"""
import glob, re, sys
lo, hi, prefix = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
names = ['command-service', 'query-service', 'rule-expander', 'conflict-detector']
files = sorted(glob.glob(prefix + '-svc-gc-*.log'), key=lambda f: int(re.search(r'-(\d+)\.log$', f).group(1)))
import os
store = glob.glob(os.path.join(os.path.dirname(prefix) or '.', 'e2e-' + os.path.basename(prefix) + '-*.store-gc.log'))
pairs = list(zip(names, files)) + [('launcher', f) for f in glob.glob(prefix + '-launcher-gc.log')] + [('read-model store', f) for f in store]
for name, f in pairs:
    ms = []
    for line in open(f):
        m = re.match(r'\[([\d.]+)s\].*\bPause\b.* ([\d.]+)ms$', line.strip())
        if m and lo <= float(m.group(1)) <= hi:
            ms.append(float(m.group(2)))
    ms.sort()
    if not ms:
        print(f'{name:18} no pauses'); continue
    q = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
    print(f'{name:18} {len(ms):4d} pauses, p50 {q(.5):6.1f}  p90 {q(.9):6.1f}  max {ms[-1]:6.1f} ms; paused {sum(ms)/1000:5.2f} s of {hi-lo:.0f} s ({sum(ms)/10/(hi-lo):.1f} %)')
