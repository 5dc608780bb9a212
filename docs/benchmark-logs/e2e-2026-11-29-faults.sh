#!/bin/bash
# usage: e2e-2026-11-29-faults.sh <out file> [interval seconds, default 5]
# Started in the background by e2e-2026-11-25-store-run.sh's AFTER_START hook (e2e-2026-11-29-faults-run.sh). Every
# interval it appends one line: the UTC time, the machine's page faults so far (/proc/vmstat pgfault) and, for every
# stack process, its minor page faults so far (/proc/<pid>/stat, field 10: the whole process, all its threads),
# PostgreSQL's processes summed. It ends when the launcher does. Rates by step: e2e-2026-11-29-faults-steps.py.
out=$1; every=${2:-5}
name_of() {
  case "$1" in
    *bench-load*) echo bench-load ;;
    *read-model-store*) echo read-model-store ;;
    *almanac-local.jar*) echo launcher ;;
    *) grep -o '[a-z-]*\.jar' <<< "$1" | tail -1 | sed 's/\.jar$//' ;;
  esac
}
while pgrep -f 'almanac-local.jar' > /dev/null; do
  line="$(date -u +%T) machine $(awk '/^pgfault /{print $2}' /proc/vmstat)"
  for pid in $(pgrep -f '^[^ ]*java .*(almanac-local|command-service|query-service|conflict-detector|rule-expander)\.jar'); do
    cmd=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null) || continue
    faults=$(awk '{print $10}' /proc/$pid/stat 2>/dev/null) || continue
    line="$line $(name_of "$cmd") $faults"
  done
  pg=0; for pid in $(pgrep -x postgres); do f=$(awk '{print $10}' /proc/$pid/stat 2>/dev/null); pg=$(( pg + ${f:-0} )); done
  echo "$line postgres $pg" >> "$out"
  sleep "$every"
done
