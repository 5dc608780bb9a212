#!/usr/bin/env python3
"""Where the samples under one frame go, from async-profiler's collapsed stacks.

usage: e2e-2026-11-28-collapsed-under.py <file.collapsed> <text in the frame> [frames below it, default 1] [rows, default 20]
Takes every stack holding a frame that contains the text (its deepest such frame), and sums the samples by the frames
just below it. Axon's interceptor chain, tracing spans, reflection, lambdas and Reactor's operators are skipped, so the
rows name the work. Shares are of all the file's samples.
"""
import sys
from collections import Counter

path, anchor = sys.argv[1], sys.argv[2]
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 1
skip = ('org/axonframework/messaging/DefaultInterceptorChain', 'org/axonframework/tracing', 'java/lang/reflect', 'jdk/internal/reflect', '$$Lambda', 'reactor/core/publisher/Flux', 'reactor/core/publisher/Mono', 'reactor/core/publisher/Operators')
c=Counter(); tot=0; all_=0
for line in open(path):
    stack,_,n=line.rstrip().rpartition(' '); n=int(n); all_+=n
    fr=stack.split(';')
    idx=[i for i,f in enumerate(fr) if anchor in f]
    if not idx: continue
    i=idx[-1]
    rest=[f for f in fr[i+1:] if not any(s in f for s in skip)]
    c[' ; '.join(rest[:depth]) or '(self)']+=n; tot+=n
print(f'{anchor}: {tot} of {all_} ({100*tot/all_:.1f} %)')
for k,v in c.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 20): print(f'  {100*v/all_:5.1f} % {v:5d} {k[:300]}')
