#!/bin/bash
# usage: e2e-2026-11-29-weigh-down-low-abba.sh <tree>; ARMS defaults to "bg own own bg".
# The read side weighed down at the low rates where this machine's command p99 misses and its visible p99 has room:
# e2e-2026-11-28-background-nice-abba.sh's arms (bg: weigh-down-read-side.sh sets the autogroups of query-service,
# conflict-detector, rule-expander and the read models' MongoDB to nice +5 once the stack is up; own: as built),
# stepping 50, 100 and 150/s. The store runs with its shipped options, transparent huge pages included (the runs of
# 2026-11-29 passed them in STORE_OPTS, which also logged its GC). Output: /work/coord/runs/e2e-low-<arm>-<n>-HHMM.txt.
here=$(cd "$(dirname "$0")" && pwd)
n=0
for arm in ${ARMS:-bg own own bg}; do
  n=$((n + 1))
  if [ $arm = bg ]; then hook=$here/weigh-down-read-side.sh; else hook=; fi
  AFTER_START=$hook flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" $1 low-$arm-$n \
    --rates 50,100,150 --seconds 60 --calendars 100
done
