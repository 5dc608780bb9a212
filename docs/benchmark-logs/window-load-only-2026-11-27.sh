#!/bin/bash
# usage: load-only.sh <label> <tree>...: WindowBenchmarkTest's load of 200,000 entries only, in each tree in turn
label=$1; shift
for tree in "$@"; do
  name=$(basename $tree)
  log=/work/coord/runs/load-$label-$name-$(date +%H%M%S).log
  cd $tree
  flock /work/coord/bench.lock bash -c "setsid ./mvnw -B -o -pl query-service test -Dtest='WindowBenchmarkTest#loadAYearAndReadItsWindow' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=200000 -DargLine=-Xmx3g > $log 2>&1 & pid=\$!; \
    until grep -q 'PROJECTION' $log || ! kill -0 \$pid 2>/dev/null; do sleep 1; done; kill -- -\$pid; sleep 3; pkill -f BenchmarkStore; true"
  echo "$name $(grep -h PROJECTION $log)" >> /work/coord/runs/load-$label.done
done
