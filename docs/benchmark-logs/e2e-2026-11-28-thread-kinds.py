#!/usr/bin/env python3
"""CPU by kind of thread during one step of a warmed run, from e2e-2026-11-28-thread-cpu.sh's "detail" output.

usage: e2e-2026-11-28-thread-kinds.py <threads file, .txt or .txt.gz> <steps done at the step's end> <rate> [process]

A step runs from the first sample whose count of finished steps (the output's second column) is one less than the
given count, to the first sample that reaches it; the window so includes the step's settle. A JVM that stopped
before that sample (after the run's last step) counts to its last sample. Prints each kind of
thread's CPU in ticks a second (1 tick = 10 ms) and in ms a command at the rate given, largest first.
With warm-up steps of 50, 100 and 200/s, the measured steps of `--rates 300,400,400,500` end at counts 4 to 7; the
first of them (300/s) also holds the warm-up rounds, which print no step line.
"""
import collections
import gzip
import sys


def seconds(clock):
    hours, minutes, secs = map(int, clock.split(':'))
    return hours * 3600 + minutes * 60 + secs


path, done, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
only = sys.argv[4] if len(sys.argv) > 4 else None
samples = collections.defaultdict(dict)
with (gzip.open(path, 'rt') if path.endswith('.gz') else open(path)) as lines:
    for line in lines:
        fields = line.split()
        if len(fields) >= 6 and fields[3] == 'thread':
            samples[(fields[0], int(fields[1]))][(fields[2], fields[4])] = int(fields[5])
ordered = sorted(samples, key=lambda key: (key[1], seconds(key[0])))
start = next(key for key in ordered if key[1] == done - 1)
end = next(key for key in ordered if key[1] == done)
elapsed = seconds(end[0]) - seconds(start[0])
window = [key for key in ordered if ordered.index(start) <= ordered.index(key) <= ordered.index(end)]
rates = {}
for kind, before in samples[start].items():
    # A JVM that has already stopped when the step's line is printed (the run's last step) counts to its last sample.
    last = next(key for key in reversed(window) if kind in samples[key])
    if last != start:
        rates[kind] = (samples[last][kind] - before) / (seconds(last[0]) - seconds(start[0]))
print(f"{start[0]}..{end[0]} ({elapsed} s) at {rate:g} commands/s")
for (process, kind), ticks in sorted(rates.items(), key=lambda item: -item[1]):
    if (only is None or process == only) and ticks >= 0.3:
        print(f"{ticks:6.1f} ticks/s {ticks * 10 / rate:6.3f} ms a command  {process:22s} {kind}")
print(f"all threads of every process: {sum(rates.values()):.1f} ticks/s")
