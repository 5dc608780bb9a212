#!/usr/bin/env python3
"""Kafka broker requests a second, and a command, in each step of a BrokerRequests.java file.

usage: steps.py <requests file> <rate of step 1>,<rate of step 2>,... [names to show, comma-separated prefixes]
                [first step's start, HH:MM:SS]
The rates are those of the run's last steps (the warm-up's rounds print step lines too). A step runs from the first
sample after the line before its own was printed to the first after its own, as e2e-2026-11-28-thread-kinds.py
takes them. br1's file counted only the warm-up's first three lines, not its rounds: its first step's start is given
(07:43:28, from the run's "slow answers" line).
"""
import sys


def seconds(clock):
    parts = [int(part) for part in clock.split(":")] + [0]  # files of br1 wrote 07:42 for 07:42:00
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


samples = []
steps_printed = 0
with open(sys.argv[1]) as lines:
    for line in lines:
        parts = line.split()
        counts = dict(part.split("=") for part in parts[3:])
        steps_printed = max(steps_printed, int(parts[2]))
        if counts:  # the broker's counters are gone once the launcher is stopping
            samples.append((seconds(parts[0]), int(parts[2]), {name: int(value) for name, value in counts.items()}))
rates = [float(rate) for rate in sys.argv[2].split(",")]
prefixes = sys.argv[3].split(",") if len(sys.argv) > 3 else ["request:"]
first_start = seconds(sys.argv[4]) if len(sys.argv) > 4 else None
skipped = steps_printed - len(rates)
for step, rate in enumerate(rates, start=1):
    first = next(sample for sample in samples if sample[1] >= skipped + step - 1
                 and (step > 1 or first_start is None or sample[0] >= first_start))
    last = next((sample for sample in samples if sample[1] >= skipped + step), None)
    cut_short = last is None
    if cut_short:  # the run's last step: the stack stopped before the sampler saw its line
        last = samples[-1]
    elapsed = last[0] - first[0]
    print(f"== step {step} at {rate:g}/s: {elapsed} s{', to the last sample' if cut_short else ''}")
    rows = sorted(((last[2][name] - first[2].get(name, 0)) / elapsed, name)
                  for name in last[2] if any(name.startswith(prefix) for prefix in prefixes))
    for per_second, name in reversed(rows):
        if per_second > 0:
            print(f"  {per_second:9,.1f} a second, {per_second / rate:6.2f} a command  {name}")
