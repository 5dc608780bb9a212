#!/bin/bash
# ABBA on the launcher as built: shared sessions against a scheduling group per process (ADR 0046).
# /work/coord/e2e-run.sh is a copy of docs/benchmark-logs/e2e-2026-11-25-store-run.sh; /work/bench25 a clone of this repository at 6532c09, built.
for arm in shared own own shared; do
  if [ $arm = shared ]; then export ALMANAC_SCHEDULING_GROUPS=shared; else export ALMANAC_SCHEDULING_GROUPS=per-process; fi
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/bench25 s54-$arm --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
done
