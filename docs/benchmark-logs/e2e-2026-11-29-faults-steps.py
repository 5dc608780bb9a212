#!/usr/bin/env python3
"""Page faults a second, and a command, by process over time windows of an e2e-2026-11-29-faults.sh file.

usage: e2e-2026-11-29-faults-steps.py <faults file> <label>=<HH:MM:SS>-<HH:MM:SS>[@<commands a second>] ...
Each window takes the samples nearest its two ends. A page fault costs about 12 us on EPYC-2.1 (docs/benchmarks.md).
"""
import sys


def seconds(clock):
    hours, minutes, secs = (int(part) for part in clock.split(":"))
    return hours * 3600 + minutes * 60 + secs


def main():
    samples = []
    with open(sys.argv[1]) as lines:
        for line in lines:
            parts = line.split()
            values = {parts[i]: int(parts[i + 1]) for i in range(1, len(parts) - 1, 2)}
            samples.append((seconds(parts[0]), values))
    for window in sys.argv[2:]:
        label, span = window.split("=")
        rate = None
        if "@" in span:
            span, rate = span.split("@")
            rate = float(rate)
        start, end = (seconds(clock) for clock in span.split("-"))
        first = min(samples, key=lambda sample: abs(sample[0] - start))
        last = min(samples, key=lambda sample: abs(sample[0] - end))
        elapsed = last[0] - first[0]
        print(f"== {label}: {elapsed} s")
        rows = []
        for name, value in last[1].items():
            if name in first[1]:
                rows.append((( value - first[1][name]) / elapsed, name))
        for per_second, name in sorted(rows, reverse=True):
            per_command = f", {per_second / rate:7.1f} a command" if rate else ""
            print(f"  {per_second:9,.0f} a second{per_command}  {name}")


if __name__ == "__main__":
    main()
