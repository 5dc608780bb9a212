#!/usr/bin/env python3
"""usage: e2e-2026-11-28-thread-cpu-steps.py <threads-file> [step names, comma-separated]

Reads e2e-2026-11-28-thread-cpu.sh's samples and prints, for each bench-load step, the cores each process's
JIT compiler threads, collector and VM threads, and other threads used on average, from the first sample taken
after the previous step's line was printed to the first taken after this step's was. The default step names are
those of `--rates 200,300,400,500,500,500` after the three warm-up steps. bench-load's warm-up rounds (616e8f6) print
no step line, so with them the fourth span holds the rounds and the first measured step together. Only the compiler
threads' figures are exact: a thread that ended takes its ticks with it, which can make the other two fall.
"""
import sys
from collections import defaultdict
from datetime import datetime

names = (sys.argv[2] if len(sys.argv) > 2 else "w50,w100,w200,200,300,400,500,500,500").split(",")
samples = defaultdict(dict)  # time -> process -> (steps, jit, gc, app)
for line in open(sys.argv[1]):
    time, steps, process, *counts = line.split()
    if counts and counts[0] == "thread":
        continue
    values = dict(count.split("=") for count in counts)
    samples[time][process] = (int(steps), int(values["jit"]), int(values["gc"]), int(values["app"]))

times = sorted(samples, key=lambda t: datetime.strptime(t, "%H:%M:%S"))
# The first sample at which each count of finished steps was seen.
first_seen = {}
for time in times:
    steps = max(entry[0] for entry in samples[time].values())
    first_seen.setdefault(steps, time)


def seconds(a, b):
    delta = (datetime.strptime(b, "%H:%M:%S") - datetime.strptime(a, "%H:%M:%S")).total_seconds()
    return delta if delta >= 0 else delta + 86400


print("step | seconds | process: cores in JIT / collector and VM / other threads")
for index, name in enumerate(names):
    if index not in first_seen or index + 1 not in first_seen:
        continue
    start, end = first_seen[index], first_seen[index + 1]
    span = seconds(start, end)
    parts, totals = [], [0.0, 0.0, 0.0]
    for process in sorted(samples[end]):
        if process not in samples[start]:
            continue
        before, after = samples[start][process], samples[end][process]
        cores = [(after[i] - before[i]) / 100 / span for i in (1, 2, 3)]
        totals = [t + c for t, c in zip(totals, cores)]
        parts.append("%s %.2f/%.2f/%.2f" % (process.removesuffix(".jar"), *cores))
    print("%s | %.0f | %s | all %.2f/%.2f/%.2f" % (name, span, ", ".join(parts), *totals))
