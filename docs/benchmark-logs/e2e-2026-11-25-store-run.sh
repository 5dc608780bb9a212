#!/bin/bash
# usage: e2e-run.sh <worktree> <label> [bench-load args...]  -> one stack from an empty home, bench-load, stop.
# (AFTER_START, below, runs a command between the two.)
# The read models' MongoDB runs with the options it ships with. STORE_OPTS replaces them (as
# ALMANAC_READ_MODEL_STORE_JAVA_OPTS does), and then the store's GC log goes beside the output; to log the shipped
# options' collections, give them in STORE_OPTS. The resident memory of every stack JVM is printed at the end.
# Before 2026-11-29 this script always replaced the store's options, with a copy of the shipped ones plus -Xlog:gc.
# The copy had no -XX:+UseTransparentHugePages, which the store ships with since a2fdb72, so runs of later code
# without STORE_OPTS ran the store without huge pages.
set -u
tree=$1; label=$2; shift 2
out=/work/coord/runs/e2e-$label-$(date +%H%M)
home=$(mktemp -d /tmp/almanac-home-XXXX)
cd $tree
echo "$(date -u +%FT%TZ) $label $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out.txt
store_options=()
if [ -n "${STORE_OPTS:-}" ]; then
  store_options=(ALMANAC_READ_MODEL_STORE_JAVA_OPTS="$STORE_OPTS -Xlog:gc,gc+cpu:file=$out.store-gc.log")
fi
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home "${store_options[@]}" \
  java ${LAUNCHER_OPTS:-} -jar deploy/local/target/almanac-local.jar > $out.stack.log 2>&1 &
pid=$!
start=$(date +%s)
until grep -q "Press Ctrl-C" $out.stack.log; do
  sleep 1; if ! kill -0 $pid 2>/dev/null || [ $(( $(date +%s)-start )) -gt 300 ]; then echo "stack did not start" >> $out.txt; kill -- -$pid; exit 1; fi
done
echo "stack started in $(( $(date +%s)-start )) s" >> $out.txt
# AFTER_START (optional): a shell command run once the stack is up, before bench-load; its output goes with the run's.
if [ -n "${AFTER_START:-}" ]; then bash -c "$AFTER_START" >> $out.txt 2>&1; fi
java -jar deploy/local/target/almanac-local.jar bench-load "$@" >> $out.txt 2>&1
echo "resident memory at the end (MB):" >> $out.txt
for p in $pid $(ps -o pid= --ppid $pid) $(for c in $(ps -o pid= --ppid $pid); do ps -o pid= --ppid $c; done); do
  printf '  %6d  %s\n' $(( $(awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null || echo 0) / 1024 )) \
    "$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -o -- '[a-z-]*\.jar\|read-model-store\|bin/postgres' | tail -1)" >> $out.txt
done
kill -TERM $pid; for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -- -$pid 2>/dev/null; pkill -f "$home" 2>/dev/null
rm -rf $home
echo "$out.txt"
