import re, sys
for f in sys.argv[1:]:
    t = open(f).read()
    # the cached part starts at the second "window response, all calendars"
    parts = t.split('[bench] window response, all calendars:')
    c = parts[-1]
    gz = re.search(r'window response gzipped: ([\d,]+) bytes \(([\d,]+) as it is\), [^\n]*granularity=day\n', c)
    def thr(name):
        m = re.search(r'THROUGHPUT ' + re.escape(name) + r', 64 clients, [\d.]+ s: [\d,]+ requests, ([\d.]+) requests/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms.*?CPU ([\d.]+) ms a request\n(  written during it: [\d,]+ items in [\d.]+ s, ([\d.]+) items/s; answers after a check: current ([\d,]+), updated ([\d,]+), computed ([\d,]+))?', c)
        if not m: return 'n/a'
        s = f'{float(m.group(1)):,.0f}/s, p99 {m.group(3)} ms, CPU {m.group(4)} ms'
        if m.group(5): s += f' ({m.group(6)} items/s; updated {m.group(8)}, computed {m.group(9)})'
        return s
    print(f.split('/')[-1], '|', gz.group(1) if gz else '?', '|', thr('all calendars, answer cache, gzip'), '|',
          thr('all calendars, answer cache, 50 writes/s, gzip'), '|', thr('all calendars, answer cache, 500 writes/s, gzip'))
