#!/bin/bash
# Two interleaved pairs of the local stack at 300 commands/s: MongoDB driver on Netty (as Boot chooses) and on its own transport
# The launcher jar was built from main at 70a10bf with the candidate of ADR 0041 (shared-platform choosing the driver's own
# transport unless ALMANAC_MONGODB_TRANSPORT=netty); e2e-run.sh is docs/benchmark-logs/e2e-2026-11-25-adr40-run.sh. Pair 3 ran after pairs 1 and 2.
cd /work/main
for i in 1 2; do
  ALMANAC_MONGODB_TRANSPORT=netty flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main transport-netty-$i --rates 300,300,300,300 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main transport-driver-$i --rates 300,300,300,300 --seconds 60 --calendars 100
done
cd /work/main
ALMANAC_MONGODB_TRANSPORT=netty flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main transport-netty-3 --rates 300,300,300,300 --seconds 60 --calendars 100
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main transport-driver-3 --rates 300,300,300,300 --seconds 60 --calendars 100
