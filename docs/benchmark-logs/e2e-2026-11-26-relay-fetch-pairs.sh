#!/bin/bash
# The relay's reads, before (c595953) and after (bcf9eaf: one fetch a read, waiting on events not yet read; reverted), in
# interleaved runs: before-3, after-5, before-6, after-6, before-7, after-7, after-8, before-8. Each tree carries
# pgstat-2026-11-26-postgres.patch (pg_stat_statements loaded) and was built with ./mvnw -q -B -o -DskipTests package.
# Each run: one stack from an empty home at 200, 300, 350, 350, 350 commands/s, sampled every 60 s.
#   e2e-run.sh is e2e-2026-11-25-store-run.sh; pgstat-sampler.sh is pgstat-2026-11-26-sampler.sh.
# Per-minute statement counts: python3 pgstat-2026-11-26-rows.py pgstat-2026-11-26-relay-*.txt
cd /work/coord
for run in ${RUNS:-before-3 after-5 before-6 after-6 before-7 after-7 after-8 before-8}; do
  side=${run%-*}
  tree=/work/pgstat; [ $side = after ] && tree=/work/pgstat-after
  ./pgstat-sampler.sh /work/coord/runs/pgstat-relay-$run.txt &
  flock bench.lock ./e2e-run.sh $tree relay-$run --rates 200,300,350,350,350 --seconds 60 --calendars 100
  wait
done
