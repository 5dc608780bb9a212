#!/bin/bash
# kill -9 the launcher, then time until every JVM it started has ended; then start again on the home spelled through a link
cd /work/main
rm -rf ${K9:-/tmp/k9}/home ${K9:-/tmp/k9}/link; mkdir -p ${K9:-/tmp/k9}/home; ln -s ${K9:-/tmp/k9}/home ${K9:-/tmp/k9}/link
ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=${K9:-/tmp/k9}/home java -jar deploy/local/target/almanac-local.jar > ${K9:-/tmp/k9}/first.log 2>&1 &
L=$!
until grep -q "Press Ctrl-C" ${K9:-/tmp/k9}/first.log; do sleep 1; if ! kill -0 $L 2>/dev/null; then echo "launcher died"; exit 1; fi; done
KIDS=$(pgrep -P $L | tr '\n' ' ')
echo "launcher $L, children: $KIDS"
T0=$(date +%s.%N)
kill -9 $L
while :; do
  alive=""; for k in $KIDS; do kill -0 $k 2>/dev/null && alive="$alive $k"; done
  [ -z "$alive" ] && break
  sleep 0.2
done
T1=$(date +%s.%N)
echo "all children gone after $(echo "$T1 - $T0" | bc) s"
grep -h "halting\|has ended; stopping" ${K9:-/tmp/k9}/home/logs/*.log 2>/dev/null | cut -c1-160 | head -10
pgrep -af "bin/postgres -D" | head -2
ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=${K9:-/tmp/k9}/link java -jar deploy/local/target/almanac-local.jar > ${K9:-/tmp/k9}/second.log 2>&1 &
L2=$!
T2=$(date +%s)
until grep -q "Press Ctrl-C\|did not start" ${K9:-/tmp/k9}/second.log; do sleep 1; if ! kill -0 $L2 2>/dev/null; then echo "second launcher died"; tail -5 ${K9:-/tmp/k9}/second.log; exit 1; fi; done
echo "second start: $(( $(date +%s) - T2 )) s"; grep -h "Stopped PostgreSQL\|did not start" ${K9:-/tmp/k9}/second.log | cut -c1-200
curl -s -o /dev/null -w "calendars: %{http_code}\n" http://127.0.0.1:8080/api/v1/calendars/demo-ops 
kill -TERM $L2; wait $L2; echo "second stopped: $?"
