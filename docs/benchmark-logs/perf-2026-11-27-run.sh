#!/bin/bash
# The whole machine sampled by perf (cpu-clock, 199 Hz, call graphs) for 40 s of the last 500/s step of one stack.
set -u
tree=/work/main; out=/work/coord/runs/perf-$(date +%H%M); home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $out.stack.log 2>&1 &
pid=$!
until grep -q "Press Ctrl-C" $out.stack.log; do sleep 1; kill -0 $pid 2>/dev/null || { echo "no start"; exit 1; }; done
( java -jar deploy/local/target/almanac-local.jar bench-load --rates 200,300,400,500,500 --seconds 60 --calendars 100 > $out.txt 2>&1 ) &
bl=$!
until grep -q "^500 cmd/s" $out.txt; do sleep 1; done
sleep 15
perf record -a -F 199 -g -o $out.perf -- sleep 40 > $out.perf.log 2>&1
wait $bl
kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done
rm -rf $home
echo $out
