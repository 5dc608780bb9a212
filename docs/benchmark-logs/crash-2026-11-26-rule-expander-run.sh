#!/bin/bash
# kill -9 the whole local stack right after rule-expander's store shows N new rules; restart; count them again
# needs /tmp/crashcheck/cp (the driver jars' class path) and /tmp/crashcheck/classes (crash-2026-11-26-RuleCount.java compiled as Check);
# KILL_DELAY: seconds between the last rule seen and the kill (default 0)
set -u
tree=$1; home=$2; prefix=$3; n=${4:-30}
CP=$(cat /tmp/crashcheck/cp)
cd $tree
start_stack() {
  setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $home.$1.log 2>&1 &
  pid=$!
  until grep -q "Press Ctrl-C" $home.$1.log; do sleep 1; kill -0 $pid 2>/dev/null || { echo "stack died"; exit 1; }; done
}
start_stack first
curl -s -o /dev/null -w '%{http_code}\n' -X POST localhost:8080/api/v1/calendars -H 'Content-Type: application/json' -d '{"id": "crash-cal", "name": "Crash", "type": "venue", "timezone": "Asia/Kathmandu", "capacity": 5, "overbooking_policy": "allow"}'
java -cp $CP:/tmp/crashcheck/classes Check $prefix $n wait 2>/dev/null &
checker=$!
sleep 1
for i in $(seq 0 $((n-1))); do
  curl -s -o /dev/null -w '%{http_code} ' -X POST localhost:8080/api/v1/schedules/rules -H 'Content-Type: application/json' -d "{\"id\": \"$prefix-$i\", \"name\": \"Crash $i\", \"queue\": \"crash-cal\", \"timezone\": \"Asia/Kathmandu\", \"cron\": \"0 9 1 * *\", \"job_template\": {\"type\": \"sync\", \"estimated_duration\": \"5m\"}}"
done; echo
wait $checker
sleep ${KILL_DELAY:-0}
kill -9 -- -$pid; sleep 2; pgrep -af "^[^ ]*java .*(almanac-local|-service|rule-expander|conflict-detector)" | cut -c1-120; sleep 1
echo "killed; restarting"
start_stack second
sleep 20   # redelivered records are processed again
java -cp $CP:/tmp/crashcheck/classes Check $prefix $n 2>/dev/null
kill -TERM $pid; for i in $(seq 1 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done; kill -9 -- -$pid 2>/dev/null
