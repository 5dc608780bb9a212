#!/usr/bin/env python3
"""Rows of the 500/s steps of bench-load outputs: e2e-2026-11-27-probe-rows.py label=file ..."""
import re
import sys

for spec in sys.argv[1:]:
    label, path = spec.split('=', 1)
    started = open(path).readline().split()[0][11:16]
    cells = {k: [] for k in ('cmd', 'vis', 'conf', 'relay', 'ryw', 'qs', 'gen', 'stack', 'trend', 'probes')}
    for line in open(path):
        if line.startswith('500 cmd/s:'):
            cells['cmd'].append(re.search(r'command [\d.]+/([\d.]+)/', line).group(1))
            v = re.search(r'visible ([\d.]+)/([\d.]+) ms over (\d+) probes', line)
            cells['vis'].append(f'{float(v.group(1)):.0f} / {float(v.group(2)):.0f}')
            cells['probes'].append(v.group(3))
            cells['conf'].append('%.0f' % float(re.search(r'conflict [\d.]+/([\d.]+)', line).group(1)))
            cells['relay'].append('%.0f' % float(re.search(r'relay [\d.]+/([\d.]+)', line).group(1)))
            cells['trend'].append(re.search(r'trend query-service ([+-]\d+)', line).group(1))
        if line.startswith('500 |'):
            cells['ryw'].append(re.search(r'([\d.]+)% fresh', line).group(1))
            cells['qs'].append(re.search(r'query-service ([\d.]+),', line).group(1))
            cells['gen'].append(re.search(r'load generator ([\d.]+)', line).group(1))
            cells['stack'].append(re.search(r'stack ([\d.]+) ms', line).group(1))
    print(f"| {label} ({started}) | " + ' | '.join(', '.join(cells[k]) for k in
          ('cmd', 'vis', 'probes', 'conf', 'relay', 'trend', 'ryw', 'qs', 'gen', 'stack')) + ' |')
