#!/bin/bash
# usage: e2e-2026-11-27-precedence-pairs.sh [<runs before> <sides> <name of the last marker>]
# The read side first (ALMANAC_READ_SIDE_PRECEDENCE unset: 5) against every process alike (0), one build, interleaved:
# each one stack from an empty home stepping 200, 300, 400, 500, 500, 500 commands/s, projection histograms beside it.
# Run first with no arguments (runs 1-4: first alike alike first), then as e2e-2026-11-27-precedence-more.sh.
i=${1:-0}
for side in ${2:-first alike alike first}; do
  i=$((i+1))
  if [ $side = alike ]; then export ALMANAC_READ_SIDE_PRECEDENCE=0; else unset ALMANAC_READ_SIDE_PRECEDENCE; fi
  rm -f /work/coord/runs/precedence-$side-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/precedence-$side-$i.done > /work/coord/runs/precedence-hist-$side-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main precedence-$side-$i --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
  touch /work/coord/runs/precedence-$side-$i.done
done
touch /work/coord/runs/precedence-${3:-all}.done
