#!/bin/bash
# Before (aa9977c: hidden calendars' windows added up again from every shown calendar) and after (HEAD: hidden ones taken away), one after the other.
set -u
for side in before after; do
  dir=/work/main; [ $side = before ] && dir=/work/wt-before
  ( cd $dir && flock /work/coord/bench.lock ./mvnw -B -o -pl query-service test -Dtest='WindowBenchmarkTest#loadAYearAndReadItsWindow' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=1000000 -DargLine=-Xmx3g \
      -Dalmanac.bench.as-a-browser=false > /work/coord/runs/window-hidden-$side.log 2>&1; echo "rc=$?" >> /work/coord/runs/window-hidden-$side.log )
done
