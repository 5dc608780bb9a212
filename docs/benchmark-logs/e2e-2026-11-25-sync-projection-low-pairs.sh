#!/bin/bash
# interleaved pairs at low rates: the projection on the sync driver (sync-proj) against main (before)
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/sync-proj synclow-$i --rates 25,50 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/before mainlow-$i --rates 25,50 --seconds 60 --calendars 100
done
