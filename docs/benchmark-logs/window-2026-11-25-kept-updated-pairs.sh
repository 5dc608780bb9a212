#!/bin/bash
# The year window under writes, before (a36d14e, /work/before) and after (main), one after the other.
for side in before after; do
  dir=/work/main; [ $side = before ] && dir=/work/before
  out=/work/coord/runs/window-writes-$side.txt
  ( cd $dir && echo "# $(date -u +%FT%T) UTC, $(git log --oneline -1 | cut -c1-60), $(nproc) vCPUs $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)" > $out
    flock /work/coord/bench.lock ./mvnw -B -o -pl query-service test -Dtest='WindowBenchmarkTest#loadAYearAndReadItsWindow' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=1000000 -DargLine=-Xmx3g >> $out 2>&1 )
done
echo done > /work/coord/runs/window-writes.done
# The second pair ran the same loop in the other order (after, then before), with after at b6f00d5:
#   for side in after2 before2; do ...; done
