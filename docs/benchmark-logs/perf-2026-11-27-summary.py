#!/usr/bin/env python3
"""Summarises `perf script -F comm,pid,tid,ip,sym,dso -i <perf.data>` of the whole machine (perf-2026-11-27-run.sh):
each process's share of the samples and of them in the kernel, the threads that make it up, and PostgreSQL's
samples by the system call they are in. usage: perf script ... | perf-2026-11-27-summary.py"""
import collections
import re
import sys

samples = sys.stdin.read().split('\n\n')
total = 0
by_pid = collections.Counter()
kernel = collections.Counter()
threads = collections.defaultdict(collections.Counter)
postgres_calls = collections.Counter()
for sample in samples:
    lines = sample.strip('\n').split('\n')
    head = re.match(r'\s*(.*?)\s+(\d+)/(\d+)', lines[0]) if lines else None
    if not head:
        continue
    comm, pid = head.group(1), head.group(2)
    frames = [re.sub(r'\+0x[0-9a-f]+$', '', line.split()[1]) for line in lines[1:] if len(line.split()) > 1]
    in_kernel = len(lines) > 1 and 'kernel.kallsyms' in lines[1]
    total += 1
    by_pid[pid] += 1
    kernel[pid] += in_kernel
    threads[pid][re.sub(r'[-#]?\d+$', '', comm)] += 1
    if comm == 'postgres':
        call = next((f for f in frames if f.startswith('__x64_sys_')), None)
        postgres_calls[call or ('kernel, no system call' if in_kernel else 'user space')] += 1
print(f'{total} samples')
print('process (pid)   share  of it in the kernel   threads')
for pid, n in by_pid.most_common(16):
    names = ', '.join(f'{name} {count * 100 // n}%' for name, count in threads[pid].most_common(4))
    print(f'{pid:>8} {n / total * 100:6.1f}% {kernel[pid] / n * 100:6.1f}%   {names}')
print(f'all processes in the kernel: {sum(kernel.values()) / total * 100:.1f}%')
pg = sum(postgres_calls.values())
print(f'PostgreSQL ({pg / total * 100:.1f}% of the samples) by system call:')
for call, n in postgres_calls.most_common(8):
    print(f'  {n / pg * 100:5.1f}%  {call}')
