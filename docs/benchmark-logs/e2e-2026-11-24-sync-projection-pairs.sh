#!/bin/bash
# interleaved pairs: the projection on the sync driver (sync-proj) against main (before)
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/sync-proj sync-$i --rates 100,100 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/before main-$i --rates 100,100 --seconds 60 --calendars 100
done
