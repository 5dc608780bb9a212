#!/bin/bash
# usage: e2e-jfr.sh <tree> <label>: stack from an empty home, bench-load --rates 100,100; JFR of command-service and query-service for 40 s of the second step
set -u
tree=$1; label=$2
out=/work/coord/runs/jfr-$label-$(date +%H%M); mkdir -p $out
home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $out/stack.log 2>&1 &
pid=$!
until grep -qs "Press Ctrl-C" $out/stack.log; do sleep 1; done
java -jar deploy/local/target/almanac-local.jar bench-load --rates 100,100 --seconds 60 --calendars 100 > $out/bench.txt 2>&1 &
until grep -qs "^100 cmd/s" $out/bench.txt; do sleep 1; done
sleep 5
for svc in command-service query-service; do
  p=$(pgrep -f "$svc.jar" | head -1)
  jcmd $p JFR.start name=prof settings=profile duration=40s filename=$out/$svc.jfr > /dev/null
done
sleep 48
until ! pgrep -f "bench-load" > /dev/null; do sleep 2; done
kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -- -$pid 2>/dev/null; pkill -f "$home" 2>/dev/null
rm -rf $home
ls -la $out
