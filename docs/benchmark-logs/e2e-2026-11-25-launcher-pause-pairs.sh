#!/bin/bash
# interleaved: the launcher with G1's pause goal at 20 ms against the JDK default (200 ms)
for i in 1 2 3; do
  flock /work/coord/bench.lock env LAUNCHER_OPTS="-XX:MaxGCPauseMillis=20" /work/coord/e2e-run.sh /work/wt/before pause20-$i --rates 40,50 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/before pause200-$i --rates 40,50 --seconds 60 --calendars 100
done
