#!/bin/bash
# Interleaved: one-step rounds inline (main, 539527d) against before (f3b6b17); query-service's projection histograms
# every 30 s beside each run.
i=0
for tree in main before main before; do
  i=$((i+1))
  rm -f /work/coord/runs/round-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/round-$i.done > /work/coord/runs/round-hist-$tree-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/$tree round-$tree-$i --rates 200,300,400,300,300 --seconds 60 --calendars 100
  touch /work/coord/runs/round-$i.done
done
touch /work/coord/runs/round.done
