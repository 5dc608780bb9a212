import re, sys
# One row per run: the still store and the writes, as 64 clients see them with gzip (the cached part of the run).
SERIES = [
    'all calendars, answer cache, gzip',
    'one calendar, answer cache, gzip',
    "every calendar's own, one at random a request, answer cache of 256, gzip",
    'all calendars, answer cache, 50 writes/s, gzip',
    'one calendar, answer cache, 50 writes/s, gzip',
    "every calendar's own, one at random a request, answer cache, 50 writes/s, gzip",
    'all calendars, answer cache, 500 writes/s, gzip',
    'one calendar, answer cache, 500 writes/s, gzip',
    "every calendar's own, one at random a request, answer cache, 500 writes/s, gzip",
]
for f in sys.argv[1:]:
    t = open(f).read()
    c = t.split('[bench] window response, all calendars:')[-1]
    load = re.search(r'PROJECTION: [^\n]*', t)
    print('##', f.split('/')[-1], '| load:', load.group(0) if load else '?')
    for name in SERIES:
        m = re.search(r'THROUGHPUT ' + re.escape(name) + r', 64 clients, [\d.]+ s: [\d,]+ requests, ([\d.]+) requests/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms.*?CPU ([\d.]+) ms a request\n((?:\[bench\])? +written during it: [\d,]+ items in [\d.]+ s, ([\d.]+) items/s; answers after a check: current ([\d,]+), updated ([\d,]+), computed ([\d,]+); checks by the scope.s revision (\d(?:[\d,]*\d)?|NaN), by the days. (\d(?:[\d,]*\d)?|NaN)(?:, by the changed days. (\d(?:[\d,]*\d)?|NaN))?)?', c)
        if not m:
            print('  ', name, 'n/a'); continue
        s = f'{float(m.group(1)):8,.0f}/s  p50 {m.group(2):>6} ms  p99 {m.group(3):>6} ms  CPU {m.group(4)} ms'
        if m.group(5):
            s += f'  ({m.group(6)} items/s; current {m.group(7)}, updated {m.group(8)}, computed {m.group(9)}; scope {m.group(10)}, days {m.group(11)}, changed days {m.group(12) or "-"})'
        print('  ', f'{name:82}', s)
