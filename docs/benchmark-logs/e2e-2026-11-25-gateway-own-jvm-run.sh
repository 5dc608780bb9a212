#!/bin/bash
# usage: e2e-gw-run.sh <worktree> <label> <own|shared> [bench-load args...]
# One stack from an empty home; with "own", bench-load goes through a gateway in a JVM of its own
# (a copy of the launcher jar named almanac-gateway.jar, so StackCpu does not take it for the launcher);
# its CPU over the whole run is read from /proc and printed at the end.
set -u
tree=$1; label=$2; mode=$3; shift 3
out=/work/coord/runs/e2e-$label-$(date +%H%M)
home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
echo "$(date -u +%FT%TZ) $label $mode $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out.txt
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java ${LAUNCHER_OPTS:-} -jar deploy/local/target/almanac-local.jar > $out.stack.log 2>&1 &
pid=$!
start=$(date +%s)
until grep -q "Press Ctrl-C" $out.stack.log; do
  sleep 1; if ! kill -0 $pid 2>/dev/null || [ $(( $(date +%s)-start )) -gt 300 ]; then echo "stack did not start" >> $out.txt; kill -- -$pid; exit 1; fi
done
echo "stack started in $(( $(date +%s)-start )) s" >> $out.txt
gateway=http://127.0.0.1:8080
if [ "$mode" = own ]; then
  cp deploy/local/target/almanac-local.jar $home/almanac-gateway.jar
  java ${GATEWAY_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -Xlog:gc:file=$out.gateway-gc.log \
    -jar $home/almanac-gateway.jar gateway --port 8090 --command-service http://127.0.0.1:8081 \
    --query-service http://127.0.0.1:8082 --rule-expander http://127.0.0.1:8083 --conflict-detector http://127.0.0.1:8084 \
    > $out.gateway.log 2>&1 &
  gpid=$!
  until grep -q "Almanac gateway on" $out.gateway.log; do sleep 0.5; done
  gateway=http://127.0.0.1:8090
  echo "gateway in its own JVM ($gpid): ${GATEWAY_OPTS:-default}" >> $out.txt
  g0=$(awk '{print $14+$15}' /proc/$gpid/stat)
fi
c0=$(awk '{print $14+$15}' /proc/$pid/stat)
java -jar deploy/local/target/almanac-local.jar bench-load --gateway $gateway "$@" >> $out.txt 2>&1
c1=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "launcher CPU during bench-load: $(( (c1-c0)*10 )) ms" >> $out.txt
if [ "$mode" = own ]; then
  g1=$(awk '{print $14+$15}' /proc/$gpid/stat)
  echo "own gateway CPU during bench-load: $(( (g1-g0)*10 )) ms" >> $out.txt
  kill $gpid
fi
kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -- -$pid 2>/dev/null; pkill -f "$home" 2>/dev/null
rm -rf $home
echo "$out.txt"
