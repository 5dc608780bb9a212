#!/bin/bash
# More of the same as precedence-pairs.sh: first, alike, first.
i=4
for side in first alike first; do
  i=$((i+1))
  if [ $side = alike ]; then export ALMANAC_READ_SIDE_PRECEDENCE=0; else unset ALMANAC_READ_SIDE_PRECEDENCE; fi
  rm -f /work/coord/runs/precedence-$side-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/precedence-$side-$i.done > /work/coord/runs/precedence-hist-$side-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main precedence-$side-$i --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
  touch /work/coord/runs/precedence-$side-$i.done
done
touch /work/coord/runs/precedence-more.done
