#!/usr/bin/env python3
"""Per-minute statement counts from pgstat-sampler.sh output: events stored, relay reads, empty reads (the extended
gap check runs once per empty read), transactions, and all statements, each also per event stored."""
import re, sys
for path in sys.argv[1:]:
    samples = re.split(r'^== sample ', open(path).read(), flags=re.M)[1:]
    print(path)
    print('sample | events stored | relay reads | empty reads (gap checks) | rows read | commits | statements | per event: reads, empty, commits, statements')
    for s in samples:
        head = s.split('\n', 1)[0]
        rows = re.findall(r'^\s*(\d+) \|\s*([\d.]+) \|\s*(\d+) \| (.*)$', s, flags=re.M)
        if not rows:
            continue
        ev = sum(int(c) for c, _, _, q in rows if q.startswith('INSERT INTO DomainEventEntry'))
        reads = sum(int(c) for c, _, _, q in rows if q.startswith('SELECT globalIndex') and 'aggregateIdentifier =' not in q)
        read_rows = sum(int(r) for c, _, r, q in rows if q.startswith('SELECT globalIndex') and 'aggregateIdentifier =' not in q)
        empty = sum(int(c) for c, _, _, q in rows if q.startswith('SELECT min(globalIndex)'))
        stmts = sum(int(c) for c, _, _, q in rows if not q.startswith('select pg_stat'))
        m = re.search(r'^\s*(\d+) \|\s*(\d+) \|', s.split('xact_commit', 1)[1], flags=re.M) if 'xact_commit' in s else None
        commits = int(m.group(1)) if m else 0
        if ev == 0:
            continue
        print(f'{head} | {ev} | {reads} | {empty} | {read_rows} | {commits} | {stmts} | '
              f'{reads/ev:.2f}, {empty/ev:.2f}, {commits/ev:.2f}, {stmts/ev:.2f}')
