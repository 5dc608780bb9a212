#!/bin/bash
# read-model store JVM: Netty's buffer checks on (as shipped) against off; e2e-run.sh with STORE_OPTS
base="-XX:MaxGCPauseMillis=25 -XX:MetaspaceSize=64m"
for i in 1 2; do
  STORE_OPTS="$base" flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main netty-checks-on-$i --rates 300,350,350 --seconds 60 --calendars 100
  STORE_OPTS="$base -Dio.netty.buffer.checkAccessible=false -Dio.netty.buffer.checkBounds=false" flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main netty-checks-off-$i --rates 300,350,350 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/netty-checks.done
