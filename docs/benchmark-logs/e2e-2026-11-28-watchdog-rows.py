#!/usr/bin/env python3
"""One row per measured step of bench-load's outputs: the latencies, and the CPU a command of command-service and of the stack.

usage: e2e-2026-11-28-watchdog-rows.py <label>=<bench-load output>...
Warm-up steps and rounds are left out.
"""
import re
import sys

STEP = re.compile(r"^(\d+) cmd/s: .*?command ([\d.]+)/([\d.]+)/[\d.]+ ms; visible [\d.]+/([\d.]+) ms .*?conflict [\d.]+/([\d.]+) ms")
CPU = re.compile(r"CPU ms per command: .*?command-service ([\d.]+), .*?stack ([\d.]+) ms per command")

print("| run | rate | command p50 / p99 ms | visible p99 ms | conflict p99 ms | command-service CPU a command, ms | stack CPU a command, ms |")
print("|---|---|---|---|---|---|---|")
for argument in sys.argv[1:]:
    label, _, path = argument.partition("=")
    step = None
    for line in open(path):
        matched = STEP.match(line)
        if matched:
            step = matched.groups()
            continue
        cpu = CPU.search(line)
        if cpu and step:
            rate, p50, p99, visible, conflict = step
            print(f"| {label} | {rate}/s | {p50} / {p99} | {visible} | {conflict} | {cpu.group(1)} | {cpu.group(2)} |")
            step = None
