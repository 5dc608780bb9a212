#!/bin/bash
# The read models' MongoDB with its default options (G1 aimed at 25 ms, heap sized by G1 up to a quarter of memory)
# against the same with -Xmx1g, interleaved, each a stack from an empty home at /work/main.
R="--rates 300,400,500,500,500 --seconds 60 --calendars 100"
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main store-default-$i $R
  STORE_OPTS="-XX:MaxGCPauseMillis=25 -XX:MetaspaceSize=64m -Xmx1g" flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main store-1g-$i $R
done
touch /work/coord/runs/store-bound.done
