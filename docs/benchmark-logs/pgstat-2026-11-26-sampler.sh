#!/bin/bash
# Samples pg_stat_statements, pg_stat_database and pg_stat_user_tables every 60 s of the running local stack.
out=$1
until pid=$(pgrep -o -f 'bin/postgres .*-p'); do sleep 2; done
port=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -o -- '-p [0-9]*' | awk '{print $2}')
until psql -h localhost -p $port -U postgres -d postgres -qAt -c "create extension if not exists pg_stat_statements" 2>/dev/null; do sleep 2; done
i=0
while kill -0 $pid 2>/dev/null; do
  psql -h localhost -p $port -U postgres -d postgres -qAt -c "select pg_stat_statements_reset(); select pg_stat_reset();" >/dev/null
  sleep 60; i=$((i+1))
  { echo "== sample $i $(date -u +%T)";
    psql -h localhost -p $port -U postgres -d postgres -P pager=off -c "select calls, round(total_exec_time::numeric,1) ms, rows, left(regexp_replace(query,'\s+',' ','g'),200) q from pg_stat_statements order by total_exec_time desc limit 30";
    psql -h localhost -p $port -U postgres -d postgres -P pager=off -c "select xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname='postgres'";
    psql -h localhost -p $port -U postgres -d postgres -P pager=off -c "select relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd from pg_stat_user_tables order by coalesce(idx_scan,0)+seq_scan desc";
  } >> $out 2>&1
done
