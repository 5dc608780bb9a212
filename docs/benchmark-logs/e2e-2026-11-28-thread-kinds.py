#!/usr/bin/env python3
"""usage: e2e-2026-11-28-thread-kinds.py <threads file, from e2e-2026-11-28-thread-cpu.sh ... detail> <processes> <counts>

For each count k given (comma-separated), the cores each kind of thread of each named process (comma-separated, as
the sampler names them: command-service.jar, launcher, ...) used on average from the first sample at which k of
bench-load's step lines had been printed to the first at which k + 1 had: the step that printed line k + 1. A
thread that ended meanwhile is missing from the later sample, so a process's sum is a lower bound.
"""
import sys
from collections import defaultdict

path, processes, counts = sys.argv[1], sys.argv[2].split(","), [int(k) for k in sys.argv[3].split(",")]
data = defaultdict(lambda: defaultdict(dict))
first = {}


def seconds(clock):
    return int(clock[:2]) * 3600 + int(clock[3:5]) * 60 + int(clock[6:])


for line in open(path):
    fields = line.split()
    if len(fields) == 6 and fields[3] == "thread":
        data[fields[0]][fields[2]][fields[4]] = int(fields[5])
        first.setdefault(int(fields[1]), fields[0])
for k in counts:
    start, end = first[k], first[k + 1]
    span = seconds(end) - seconds(start)
    print(f"== the step that printed line {k + 1}: {start}..{end} ({span} s), cores by kind of thread")
    for process in processes:
        before, after = data[start][process], data[end][process]
        rows = sorted(((after[kind] - before.get(kind, 0)) / 100 / span, kind) for kind in after)[::-1]
        print(f"  {process} {sum(r[0] for r in rows):.2f}: " + ", ".join(f"{kind} {cores:.3f}" for cores, kind in rows[:9]))
