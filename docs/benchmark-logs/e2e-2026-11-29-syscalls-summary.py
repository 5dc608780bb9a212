#!/usr/bin/env python3
"""Summarises e2e-2026-11-29-syscalls.sh's samples: system calls a second by process, by call, and the busiest threads.

usage: e2e-2026-11-29-syscalls-summary.py <out dir> [commands a second in each sampled step, e.g. 50 300]
Each record stands for total / records calls (perf stat's exact count over perf record's records, which may drop some).
"""
import collections
import glob
import os
import re
import sys

UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"


def syscall_names():
    names = {}
    try:
        with open(UNISTD) as header:
            for line in header:
                match = re.match(r"#define __NR_(\w+) (\d+)", line)
                if match:
                    names[int(match.group(2))] = match.group(1)
    except OSError:
        pass
    return names


def stat_counts(path):
    counts = {}
    seconds = None
    with open(path) as stat:
        for line in stat:
            parts = line.strip().split(",")
            if len(parts) > 2 and parts[0].replace(".", "").isdigit():
                counts[parts[2]] = float(parts[0])
            match = re.search(r"([\d.]+) seconds time elapsed", line)
            if match:
                seconds = float(match.group(1))
    return counts, seconds


def main():
    out = sys.argv[1]
    rates = [float(rate) for rate in sys.argv[2:]]
    names = syscall_names()
    pids = {}
    with open(os.path.join(out, "pids.txt")) as listing:
        for line in listing:
            pid, name = line.split()
            pids[pid] = name
    for index, path in enumerate(sorted(glob.glob(os.path.join(out, "step*.txt")))):
        step = os.path.basename(path)[:-4]
        counts, seconds = stat_counts(os.path.join(out, step + ".stat"))
        seconds = seconds or 20.0
        total = counts.get("raw_syscalls:sys_enter", 0) / seconds
        switches = counts.get("context-switches", 0) / seconds
        rate = rates[index] if index < len(rates) else None
        by_process = collections.Counter()
        by_call = collections.Counter()
        by_process_call = collections.defaultdict(collections.Counter)
        by_thread = collections.Counter()
        samples = 0
        with open(path) as lines:
            for line in lines:
                parts = line.split(maxsplit=3)
                if len(parts) < 4:
                    continue
                pid, tid, number, comm = parts[0], parts[1], int(parts[2]), parts[3].strip()
                process = pids.get(pid, "other: " + re.sub(r"[-_]?\d+$", "", comm))
                call = names.get(number, str(number))
                samples += 1
                by_process[process] += 1
                by_call[call] += 1
                by_process_call[process][call] += 1
                by_thread[(process, re.sub(r"\d+", "#", comm))] += 1
        scale = total / samples if samples else 0
        header = f"== {step}: {total:,.0f} system calls a second, {switches:,.0f} context switches a second"
        if rate:
            header += f"; at {rate:g} commands a second, {total / rate:,.0f} calls and {switches / rate:,.0f} switches a command"
        print(header)
        print("  by process (calls a second, share, its top calls):")
        for process, count in by_process.most_common():
            top = ", ".join(f"{call} {n / count:.0%}" for call, n in by_process_call[process].most_common(4))
            print(f"    {count * scale:9,.0f}  {count / samples:6.1%}  {process}: {top}")
        print("  by call:")
        for call, count in by_call.most_common(12):
            print(f"    {count * scale:9,.0f}  {count / samples:6.1%}  {call}")
        print("  busiest threads (process, thread name with digits as #):")
        for (process, thread), count in by_thread.most_common(15):
            print(f"    {count * scale:9,.0f}  {count / samples:6.1%}  {process} / {thread}")


if __name__ == "__main__":
    main()
