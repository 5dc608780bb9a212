import re, sys
# usage: hist-delta.py FILE T0 T1 -> per metric, the distribution of observations between the snapshots at T0 and T1 (HH:MM:SS)
f, t0, t1 = sys.argv[1:4]
snaps = {}; cur = None
for line in open(f):
    if line.startswith('== '):
        cur = line[3:].strip(); snaps[cur] = {}
        continue
    m = re.match(r'(almanac_projection_\w+)_bucket\{.*le="([^"]+)"\} (\S+)', line)
    if m and cur:
        snaps[cur].setdefault(m.group(1), []).append((float('inf') if m.group(2) == '+Inf' else float(m.group(2)), float(m.group(3))))
a, b = snaps[t0], snaps[t1]
for name in b:
    d = [(le, cb - ca) for (le, cb), (_, ca) in zip(b[name], a[name])]
    n = d[-1][1]
    out = []
    for q in (0.5, 0.9, 0.99, 1.0):
        for le, c in d:
            if c >= q * n:
                out.append(f"p{int(q*100)}<={le*1000:.0f}ms"); break
    print(f"{name}: {n:.0f} batches; " + ", ".join(out))
