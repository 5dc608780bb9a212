#!/bin/bash
# Interleaved ABBA: query-service's projection with 3 consumers (after) against 1 (before), one build of 6085785 (the candidate,
# reverted in 8b47533; its default of 1 consumer is the code before it) in /work/main,
# chosen by ALMANAC_QUERY_PROJECTION_CONSUMERS; query-service's projection histograms every 30 s beside each run.
i=0
for n in 3 1 1 3; do
  i=$((i+1))
  rm -f /work/coord/runs/consumers-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/consumers-$i.done > /work/coord/runs/consumers-hist-c$n-$i.txt 2>&1 &)
  ALMANAC_QUERY_PROJECTION_CONSUMERS=$n flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main consumers-c$n-$i --rates 200,300,400,300,300 --seconds 60 --calendars 100
  touch /work/coord/runs/consumers-$i.done
done
touch /work/coord/runs/consumers.done
