#!/bin/bash
# usage: footprint-starts.sh <tree> <home> <label>: one ./run-local start; the banner's figure beside whole resident sets summed
set -u
tree=$1; home=$2; label=$3
out=/work/coord/runs/footprint-$label-$(date +%H%M%S).log
cd $tree
start=$(date +%s.%N)
setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home ./run-local > $out 2>&1 &
pid=$!
until grep -q "resident in all" $out; do sleep 0.5; kill -0 $pid 2>/dev/null || { echo "did not start"; exit 1; }; done
launcher=$(pgrep -f "almanac-local.jar" | head -1)
pm=$(head -1 $home/postgres/data/postmaster.pid 2>/dev/null || find $home -name postmaster.pid -exec head -1 {} \; | head -1)
rss() { awk '/VmRSS/{print $2}' /proc/$1/status 2>/dev/null || echo 0; }
pss() { awk '/^Pss:/{print $2}' /proc/$1/smaps_rollup 2>/dev/null || echo 0; }
desc() { local p=$1; echo $p; for c in $(ps -o pid= --ppid $p); do desc $c; done; }
jr=0; for p in $(desc $launcher); do jr=$((jr + $(rss $p))); done
pr=0; pp=0; n=0; for p in $(desc $pm); do pr=$((pr + $(rss $p))); pp=$((pp + $(pss $p))); n=$((n+1)); done
echo "$label: $(grep -o 'started in [0-9.]* s, [0-9]* MiB resident in all' $out); launcher and descendants VmRSS $((jr/1024)) MiB; PostgreSQL $n processes: VmRSS $((pr/1024)) MiB, Pss $((pp/1024)) MiB"
kill -TERM $pid; for i in $(seq 1 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done
