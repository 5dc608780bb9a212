#!/usr/bin/env python3
"""Kafka broker requests a second, and a command, in each step of a BrokerRequests.java file.

usage: steps.py <requests file, .txt or .txt.gz> <bench-load's output> <rate of step 1>,<rate of step 2>,... [prefixes]
       steps.py <requests file> --windows <HH:MM:SS>-<HH:MM:SS>@<rate>,... [prefixes]
The rates are those of the run's last steps. A step runs from the first sample that counted the line before its own
(the warm-up's last round, or the step before) to the first that counted its own, as e2e-2026-11-28-thread-kinds.py
takes them; the run's last step ends at the last sample. Prefixes choose the names shown (default "request:"; the
broker counts a consumer's fetch as both request:Fetch and request:FetchConsumer). br1's sampler did not count the
warm-up's rounds: its steps are given as windows.
"""
import gzip
import re
import sys

STEP_LINE = re.compile(r"cmd/s: [0-9]* sent|^warm-up round")


def seconds(clock):
    parts = [int(part) for part in clock.split(":")] + [0]  # br1's sampler wrote 07:42 for 07:42:00
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def read(path):
    samples = []
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as lines:
        for line in lines:
            parts = line.split()
            counts = {name: int(value) for name, value in (part.split("=") for part in parts[3:])}
            if counts:  # the broker's counters are gone once the launcher is stopping
                samples.append((seconds(parts[0]), int(parts[2]), counts))
    return samples


def windows_from_steps(samples, bench_output, rates):
    with open(bench_output) as lines:
        printed = sum(1 for line in lines if STEP_LINE.search(line))
    skipped = printed - len(rates)
    for step, rate in enumerate(rates, start=1):
        first = next(sample for sample in samples if sample[1] >= skipped + step - 1)
        last = next((sample for sample in samples if sample[1] >= skipped + step), samples[-1])
        yield f"step {step}", rate, first, last


def given_windows(samples, spec):
    for step, window in enumerate(spec.split(","), start=1):
        span, rate = window.split("@")
        start, end = (seconds(clock) for clock in span.split("-"))
        first = min(samples, key=lambda sample: abs(sample[0] - start))
        last = min(samples, key=lambda sample: abs(sample[0] - end))
        yield f"step {step}", float(rate), first, last


def main():
    samples = read(sys.argv[1])
    if sys.argv[2] == "--windows":
        windows = given_windows(samples, sys.argv[3])
    else:
        windows = windows_from_steps(samples, sys.argv[2], [float(rate) for rate in sys.argv[3].split(",")])
    prefixes = sys.argv[4].split(",") if len(sys.argv) > 4 else ["request:"]
    for label, rate, first, last in windows:
        elapsed = last[0] - first[0]
        print(f"== {label} at {rate:g}/s: {elapsed} s")
        rows = sorted(((last[2][name] - first[2].get(name, 0)) / elapsed, name)
                      for name in last[2] if any(name.startswith(prefix) for prefix in prefixes))
        for per_second, name in reversed(rows):
            if per_second > 0:
                print(f"  {per_second:9,.1f} a second, {per_second / rate:6.2f} a command  {name}")


if __name__ == "__main__":
    main()
