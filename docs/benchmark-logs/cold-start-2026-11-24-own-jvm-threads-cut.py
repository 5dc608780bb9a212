import sys
# usage: cut.py <samples>; for each service JVM (round), the threads' CPU of the service and of the test JVM
# (since the service appeared) at the last sample before the test's main thread starts counting the topic.
blocks = []  # (time, role, pid, {thread group: seconds})
cur = None
for line in open(sys.argv[1]):
    line = line.rstrip('\n')
    if line.startswith('== '):
        _, t, role, pid = line.split()
        cur = {}
        blocks.append((float(t), role, pid, cur))
    elif line:
        k, v = line.rsplit('\t', 1)
        cur[k] = float(v)

NAMES = {  # thread names as /proc keeps them (15 characters, digits dropped)
    'boundedElastic': 'planning and encoding (boundedElastic)',
    'kafka-producer': "the producer's sender",
    'multiThreadIoEv': "MongoDB driver (Netty)",
    'rule-expander-r': 'the rule consumers',
    'AsyncGetter-2-t': "the producer's callbacks (AsyncGetter)",
    'data-plane-kafk': "the broker's network and request threads",
    'mongo-server-wo': 'mongo-java-server (Netty workers)',
    'java': 'main thread',
    'kafka-admin-cli': "the benchmark's admin client",
}

def group(name):
    if 'Compiler' in name:
        return 'JIT (C1, C2)'
    if 'GC' in name or 'G1' in name or name == 'VM Thread':
        return 'collector'
    return NAMES.get(name, name)

def grouped(threads):
    out = {}
    for k, v in threads.items():
        g = group(k)
        out[g] = out.get(g, 0) + v
    return out

tests = [(t, b) for t, r, p, b in blocks if r == 'test']
services = {}
for t, r, p, b in blocks:
    if r == 'service':
        services.setdefault(p, []).append((t, b))
for n, (pid, samples) in enumerate(services.items(), 1):
    first = samples[0][0]
    before = max((x for x in tests if x[0] <= first), key=lambda x: x[0], default=tests[0])
    during = [x for x in tests if first <= x[0] <= samples[-1][0]]
    pick = during[-1]
    for i in range(1, len(during)):
        if during[i][1].get('java', 0) - during[i - 1][1].get('java', 0) > 0.5 and during[i][0] - first > 30:
            pick = during[i - 1]
            break
    service = max((s for s in samples if s[0] <= pick[0] + 0.5), key=lambda s: s[0])
    svc = grouped(service[1])
    tst = {k: v - grouped(before[1]).get(k, 0) for k, v in grouped(pick[1]).items()}
    total = sum(svc.values()) + sum(tst.values())
    print(f"round {n} (service pid {pid}): at +{pick[0] - first:.0f} s after the service appeared, {total:.1f} s of CPU:"
          f" service {sum(svc.values()):.1f} s, test JVM {sum(tst.values()):.1f} s")
    for label, part in (('service JVM', svc), ('test JVM (broker, MongoDB)', tst)):
        sub = sum(part.values())
        print(f"  {label}: {sub:.1f} s")
        for k, v in sorted(part.items(), key=lambda x: -x[1])[:12]:
            print(f"    {k:42s} {v:7.1f} s {100 * v / sub:5.1f} % of the JVM, {100 * v / total:5.1f} % of both")
