#!/bin/bash
# usage: e2e-2026-11-28-idle-run.sh <tree> [idle seconds, default 120]
# Starts a local stack from an empty home, samples its threads' CPU (e2e-2026-11-28-thread-cpu.sh, every 10 s) while
# it idles, runs bench-load at 300/s (three steps of 60 s), idles again as long, and stops. Output and samples go to
# /work/coord/runs/idle-HHMM.{txt,threads.txt}; the idle periods' cores come from two samples' difference. (The
# samples' count of step lines is read from the newest e2e-*.txt, not this output, and means nothing here.)
set -u
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; idle=${2:-120}
home=$(mktemp -d /tmp/almanac-home-XXXX)
out=/work/coord/runs/idle-$(date +%H%M)
cd "$tree"
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $out.stack.log 2>&1 &
pid=$!
start=$(date +%s)
until grep -q "Press Ctrl-C" $out.stack.log; do
  sleep 1; if ! kill -0 $pid 2>/dev/null || [ $(( $(date +%s)-start )) -gt 300 ]; then echo "stack did not start" >> $out.txt; kill -- -$pid; exit 1; fi
done
echo "started $(date -u +%T)" > $out.txt
"$here/e2e-2026-11-28-thread-cpu.sh" $out.threads.txt 10 &
sampler=$!
sleep $idle
echo "load $(date -u +%T)" >> $out.txt
java -jar deploy/local/target/almanac-local.jar bench-load --rates 300,300,300 --seconds 60 >> $out.txt 2>&1
echo "idle again $(date -u +%T)" >> $out.txt
sleep $idle
echo "stop $(date -u +%T)" >> $out.txt
kill -TERM $pid; for i in $(seq 1 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -- -$pid 2>/dev/null; pkill -f "$home" 2>/dev/null; kill $sampler 2>/dev/null
rm -rf $home
echo $out
