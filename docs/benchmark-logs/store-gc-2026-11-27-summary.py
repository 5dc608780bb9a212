import re, sys
# usage: store-gc-2026-11-27-summary.py GC_LOG... -> over each log's last 230 s: young pauses, their interval, wall time
# (p50, p90, max, total), their threads' CPU (User+Sys, p50), the live heap after them and the committed heap at the end.
for path in sys.argv[1:]:
    pauses, cpu = {}, {}
    for line in open(path):
        m = re.match(r'\[(\d+\.\d+)s\].*GC\((\d+)\) Pause Young.* (\d+)M->(\d+)M\((\d+)M\) (\d+\.\d+)ms', line)
        if m:
            pauses[int(m.group(2))] = (float(m.group(1)), int(m.group(4)), int(m.group(5)), float(m.group(6)))
        m = re.match(r'.*GC\((\d+)\) User=(\d+\.\d+)s Sys=(\d+\.\d+)s Real', line)
        if m:
            cpu[int(m.group(1))] = (float(m.group(2)) + float(m.group(3))) * 1000
    end = max(p[0] for p in pauses.values())
    last = sorted((k, p) for k, p in pauses.items() if p[0] > end - 230)
    wall = sorted(p[3] for _, p in last)
    threads = sorted(cpu[k] for k, _ in last if k in cpu)
    times = [p[0] for _, p in last]
    print(f"{path}: {len(last)} pauses, one every {(times[-1] - times[0]) / (len(times) - 1):.2f} s; wall p50 {wall[len(wall) // 2]:.0f}, "
          f"p90 {wall[int(len(wall) * .9)]:.0f}, max {wall[-1]:.0f} ms, {sum(wall) / 1000:.1f} s in all; CPU p50 {threads[len(threads) // 2]:.0f} ms; "
          f"live after {min(p[1] for _, p in last)}-{max(p[1] for _, p in last)} MB; committed {last[-1][1][2]} MB")
