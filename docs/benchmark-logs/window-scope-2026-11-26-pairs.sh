#!/bin/bash
# usage: window-scope-2026-11-26-pairs.sh <label> <tree>...: WindowBenchmarkTest at 200,000 entries, writes at 50 and
# 500/s, in each tree in turn; run i of a tree goes to /work/coord/runs/window-<label>-<tree>-<i>.log. (The script used on
# the day named logs by tree only, so a tree's second run overwrote its first; the first pair survives as rows only.)
label=$1; shift
i=0
for tree in "$@"; do
  i=$((i + 1))
  name=$(basename $tree)
  cd $tree && flock /work/coord/bench.lock ./mvnw -B -o -pl query-service -am test -Dtest='WindowBenchmarkTest#loadAYearAndReadItsWindow' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=200000 -DargLine=-Xmx3g \
    > /work/coord/runs/window-$label-$name-$i.log 2>&1
  echo "$(date -u +%T) $name $(git rev-parse --short HEAD) done" >> /work/coord/runs/window-$label.done
done
