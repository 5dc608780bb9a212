#!/usr/bin/env python3
"""usage: e2e-2026-11-28-thread-kinds.py <threads file, from e2e-2026-11-28-thread-cpu.sh ... detail; .txt or .txt.gz>
           <processes, or all> <counts> [commands a second]

For each count k given (comma-separated), the cores each kind of thread of each named process (comma-separated, as
the sampler names them: command-service.jar, launcher, ...; "all" for every process) used on average from the first
sample at which k of bench-load's step lines had been printed to the first at which k + 1 had: the step that printed
line k + 1. A thread that ended meanwhile is missing from the later sample, so a process's sum is a lower bound; a
kind of thread missing because its process was stopping (after the run's last step) counts to its last sample.
With the step's rate given, each kind also shows its CPU in ms a command.
"""
import gzip
import sys
from collections import defaultdict

path, processes, counts = sys.argv[1], sys.argv[2].split(","), [int(k) for k in sys.argv[3].split(",")]
rate = float(sys.argv[4]) if len(sys.argv) > 4 else None
data = defaultdict(lambda: defaultdict(dict))
first = {}
clocks = []


def seconds(clock):
    return int(clock[:2]) * 3600 + int(clock[3:5]) * 60 + int(clock[6:])


with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as lines:
    for line in lines:
        fields = line.split()
        if len(fields) == 6 and fields[3] == "thread":
            data[fields[0]][fields[2]][fields[4]] = int(fields[5])
            first.setdefault(int(fields[1]), fields[0])
            if not clocks or clocks[-1] != fields[0]:
                clocks.append(fields[0])
for k in counts:
    start, end = first[k], first[k + 1]
    span = seconds(end) - seconds(start)
    print(f"== the step that printed line {k + 1}: {start}..{end} ({span} s), cores by kind of thread")
    window = clocks[clocks.index(start):clocks.index(end) + 1]
    for process in (sorted(data[start]) if processes == ["all"] else processes):
        rows = []
        for kind in set(data[start][process]) | set(data[end][process]):
            last = next(clock for clock in reversed(window) if kind in data[clock][process])
            if last != start:
                spent = data[last][process][kind] - data[start][process].get(kind, 0)
                rows.append((spent / 100 / (seconds(last) - seconds(start)), kind))
        rows.sort(reverse=True)

        def shown(cores, kind):
            return f"{kind} {cores:.3f}" + (f" ({cores * 1000 / rate:.3f} ms a command)" if rate else "")

        print(f"  {process} {sum(r[0] for r in rows):.2f}: " + ", ".join(shown(cores, kind) for cores, kind in rows[:9]))
