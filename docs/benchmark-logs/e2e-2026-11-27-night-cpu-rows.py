#!/usr/bin/env python3
"""Per-step rows of bench-load outputs, with each process's CPU a command: cpu-rows.py label=file ..."""
import re, sys
procs = [('launcher', r'launcher \(Kafka, MongoDB, gateway\) ([\d.]+)'), ('store', r'read-model MongoDB ([\d.]+)'),
         ('cmd-svc', r'command-service ([\d.]+)'), ('query', r'query-service ([\d.]+),'), ('conflicts', r'conflict-detector ([\d.]+);?'),
         ('pg', r'PostgreSQL ([\d.]+)'), ('gen', r'load generator ([\d.]+)'), ('stack', r'stack ([\d.]+) ms')]
print('| run | rate | cmd p50/p99 | visible p50/p99 | conflict p99 | lag trend q | fresh % | ' + ' | '.join(p for p, _ in procs) + ' |')
for spec in sys.argv[1:]:
    label, path = spec.split('=', 1)
    for line in open(path):
        if re.match(r'^\d+ \|', line):
            cells = [c.strip() for c in line.split('|')]
            cmd = cells[5].split('/'); vis = cells[6].split(' ')[0].split('/')
            conf = cells[7].split(' ')[0].split('/')[1]
            trend = re.search(r'query-service ([+-]\d+)', cells[10]).group(1)
            fresh = re.search(r'([\d.]+)% fresh', cells[11]).group(1)
            cpu = [re.search(rx, cells[12]).group(1) for _, rx in procs]
            print(f'| {label} | {cells[0]} | {float(cmd[0]):.0f}/{float(cmd[1]):.0f} | {vis[0]}/{vis[1]} | {float(conf):.0f} | {trend} | {fresh} | ' + ' | '.join(cpu) + ' |')
