#!/bin/bash
# Cold start, in-process: before (a36d14e in /work/before) and after (main), interleaved, three pairs.
n=0
for side in after before after before after before; do
  n=$((n+1)); dir=/work/main; [ $side = before ] && dir=/work/before
  out=/work/coord/runs/cold-$n-$side.txt
  ( cd $dir && echo "# $(date -u +%FT%T) UTC, $(git log --oneline -1 | cut -c1-60), $(nproc) vCPUs $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)" > $out
    flock /work/coord/bench.lock ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark \
      -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -DargLine=-Xmx6g >> $out 2>&1 )
done
echo done > /work/coord/runs/cold-pairs.done
