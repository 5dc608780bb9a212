#!/bin/bash
# usage: sample.sh <worktree> <outfile>
# Each second, every thread's CPU (utime+stime, from /proc/<pid>/task/*/stat) of the surefire JVM of that
# worktree's rule-expander ("test") and of the rule-expander JVM it started ("service"), summed by thread name
# with digits dropped. Stops when the surefire JVM ends.
wt=$1; out=$2; hz=$(getconf CLK_TCK)
pid=""
for i in $(seq 1 900); do
  pid=$(pgrep -f "^/usr/lib/jvm/.*surefirebooter.*$wt/rule-expander" | head -1)
  [ -n "$pid" ] && break; sleep 1
done
[ -z "$pid" ] && exit 1
snap() {
  for t in /proc/$1/task/*; do c=$(cat $t/comm 2>/dev/null); s=$(cut -d')' -f2 $t/stat 2>/dev/null | awk '{print $12+$13}'); [ -n "$s" ] && echo "$c|$s"; done \
    | sed -E 's/[#0-9-]+\|/|/; s/ +\|/|/' | awk -F'|' -v hz=$hz '{a[$1]+=$2} END {for (k in a) printf "%s\t%.2f\n", k, a[k]/hz}' | sort -t$'\t' -k2 -nr
}
while kill -0 $pid 2>/dev/null; do
  now=$(date +%s.%N)
  s=$(snap $pid); [ -n "$s" ] && { echo "== $now test $pid"; echo "$s"; } >> $out
  child=$(pgrep -f "$wt/rule-expander/target/test-classes.* dev.almanac.rules.RuleExpanderApplication" | head -1)
  if [ -n "$child" ]; then s=$(snap $child); [ -n "$s" ] && { echo "== $now service $child"; echo "$s"; } >> $out; fi
  sleep 1
done
