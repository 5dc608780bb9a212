#!/usr/bin/env python3
# usage: fsync-2026-11-29.py <directory on the disk to probe> [count, default 3000]
# Times fdatasync after an 8 KiB write, as PostgreSQL flushes its WAL at every durable commit (ADR 0043), and prints
# the latency's percentiles. Run with nothing else on the machine, or beside an idle stack to see what it adds.
import os, sys, time
directory = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
path = os.path.join(directory, 'fsync-probe')
fd = os.open(path, os.O_WRONLY | os.O_CREAT)
block = b'x' * 8192
latencies = []
try:
    for i in range(count):
        os.pwrite(fd, block, (i % 128) * 8192)
        started = time.perf_counter()
        os.fdatasync(fd)
        latencies.append((time.perf_counter() - started) * 1000)
finally:
    os.close(fd)
    os.unlink(path)
latencies.sort()
at = lambda q: latencies[int(q * len(latencies)) - 1]
print("n=%d p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f ms"
      % (len(latencies), at(.5), at(.9), at(.99), at(.999), latencies[-1]))
