#!/bin/bash
# usage: sample.sh <worktree> <outfile>; waits for the surefire JVM of that worktree, snapshots per-thread CPU each second
wt=$1; out=$2; hz=$(getconf CLK_TCK)
pid=""
for i in $(seq 1 900); do
  pid=$(pgrep -f "^/usr/lib/jvm/.*surefirebooter.*$wt/rule-expander" | head -1)
  [ -n "$pid" ] && break; sleep 1
done
[ -z "$pid" ] && exit 1
while kill -0 $pid 2>/dev/null; do
  snap=$(for t in /proc/$pid/task/*; do c=$(cat $t/comm 2>/dev/null); s=$(cut -d')' -f2 $t/stat 2>/dev/null | awk '{print $12+$13}'); [ -n "$s" ] && echo "$c|$s"; done | sed -E 's/[#0-9-]+\|/|/; s/ +\|/|/' | awk -F'|' -v hz=$hz '{a[$1]+=$2} END {for (k in a) printf "%s\t%.1f\n", k, a[k]/hz}' | sort -t$'\t' -k2 -nr)
  [ -n "$snap" ] && { echo "== $(date +%s.%N)"; echo "$snap"; } >> $out
  sleep 1
done
