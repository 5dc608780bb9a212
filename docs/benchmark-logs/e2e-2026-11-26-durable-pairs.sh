#!/bin/bash
# Interleaved pairs: main (zonky's -F, synchronous_commit=off) against durable-pg (fsync and synchronous_commit on).
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main durable-before-$i --rates 300,400,500,500,500 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/durable durable-after-$i --rates 300,400,500,500,500 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/durable-pairs.done
