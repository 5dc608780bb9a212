#!/bin/bash
# Where PostgreSQL's CPU goes at 500 commands/s: pg_stat_statements loaded (ALTER SYSTEM, then a restart on the same home),
# its counters and every PostgreSQL process's CPU read at the start and end of the last 500/s step.
set -u
tree=/work/main; out=/work/coord/runs/pgstat-$(date +%H%M); home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
start_stack() {
  setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home java -jar deploy/local/target/almanac-local.jar > $out.stack$1.log 2>&1 &
  pid=$!
  until grep -q "Press Ctrl-C" $out.stack$1.log; do sleep 1; kill -0 $pid 2>/dev/null || { echo "no start"; exit 1; }; done
}
stop_stack() { kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done; }
PSQL="psql -h 127.0.0.1 -p 5433 -U postgres -d postgres -X -q"
start_stack 1
$PSQL -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
$PSQL -c "ALTER SYSTEM SET pg_stat_statements.track = 'all'"
stop_stack
start_stack 2
$PSQL -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
snapshot() { # $1 label
  pm=$(head -1 $home/postgres/postmaster.pid)
  for p in $pm $(pgrep -P $pm); do
    echo "$1 $p $(awk '{print $14+$15}' /proc/$p/stat) $(tr '\0' ' ' < /proc/$p/cmdline)"
  done >> $out.procs.txt
  $PSQL -A -F $'\t' -c "SELECT '$1', calls, round(total_exec_time::numeric,1), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements ORDER BY total_exec_time DESC" >> $out.stmts.txt
}
( java -jar deploy/local/target/almanac-local.jar bench-load --rates 200,300,400,500,500 --seconds 60 --calendars 100 > $out.txt 2>&1 ) &
bl=$!
sleep 250; snapshot t1; sleep 60; snapshot t2
wait $bl
stop_stack
rm -rf $home
echo $out
