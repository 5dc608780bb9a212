#!/bin/bash
# usage: window-pairs.sh <label> <tree>...: WindowBenchmarkTest at 200,000 entries, writes at 50 and 500/s, in each tree in turn
label=$1; shift
for tree in "$@"; do
  name=$(basename $tree)
  cd $tree && flock /work/coord/bench.lock ./mvnw -B -o -pl query-service -am test -Dtest='WindowBenchmarkTest#loadAYearAndReadItsWindow' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=200000 -DargLine=-Xmx3g \
    > /work/coord/runs/window-$label-$name.log 2>&1
  echo "$(date -u +%T) $name $(git rev-parse --short HEAD) done" >> /work/coord/runs/window-$label.done
done
