#!/bin/bash
# The projection into mongo-java-server, before (b903ac3, a worktree at /work/before) and after (main at 9f3d9a2) the window-day
# codec change, alternating. Raw output: window-day-codec-2026-11-25-{before,after}-{1,2}.txt (the [bench] lines).
for i in 1 2; do
  for side in before main; do
    cd /work/$side
    flock /work/coord/bench.lock ./mvnw -B -o -pl query-service test -Dtest=MongoTransportBenchmarkTest \
      -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true -Dalmanac.bench.entries=100000 \
      -Dalmanac.bench.rounds=3 -Dalmanac.bench.batch=20 -DargLine=-Xmx2g > /work/coord/runs/codec-$side-$i.txt 2>&1
  done
done
