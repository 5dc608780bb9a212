#!/usr/bin/env python3
"""How much of each process's CPU samples is the guest kernel re-enabling interrupts, and what led there.

usage: prof-2026-11-29-guest-switches.py <file.collapsed>...   (async-profiler's collapsed stacks with kernel frames,
from e2e-2026-11-28-async-profile.sh). On EPYC-2.1 the kernel's `pvm_irq_enable` (a paravirtualised guest's way back
from a context switch, a syscall or an interprocessor interrupt) tops every JVM's samples. For each file: its share
of the samples, split by the syscall or interrupt that led there and by the last Java frame above it.
"""
import sys
from collections import Counter

for path in sys.argv[1:]:
    total = under = 0
    entries, java = Counter(), Counter()
    for line in open(path):
        stack, count = line.rsplit(' ', 1)
        count = int(count)
        total += count
        frames = stack.split(';')
        if not any('pvm_irq_enable' in frame for frame in frames):
            continue
        under += count
        if 'do_syscall_64_[k]' in frames:
            at = frames.index('do_syscall_64_[k]')
            entries[frames[at + 1] if at + 1 < len(frames) else '?'] += count
        else:
            entries[next((f for f in frames if f.startswith('asm_')), 'other kernel entry')] += count
        javas = [f for f in frames if not f.endswith('_[k]') and '/' in f]
        java[javas[-1] if javas else '(no Java frame)'] += count
    print(f'== {path}: {total} samples, {100 * under / total:.1f} % under pvm_irq_enable')
    for name, count in entries.most_common(6):
        print(f'   {100 * count / total:5.1f} %  {name}')
    print('   by the last Java frame:')
    for name, count in java.most_common(6):
        print(f'   {100 * count / total:5.1f} %  {name}')
