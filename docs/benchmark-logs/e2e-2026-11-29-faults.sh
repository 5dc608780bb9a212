#!/bin/bash
# usage: e2e-2026-11-29-faults.sh <out file> [interval seconds, default 5]
# Started in the background by e2e-2026-11-25-store-run.sh's AFTER_START hook (e2e-2026-11-29-faults-run.sh). Every
# interval it appends one line: the UTC time, the machine's page faults so far (/proc/vmstat pgfault) and, for every
# stack process, its minor page faults so far (/proc/<pid>/stat, field 10: the whole process, all its threads),
# PostgreSQL's processes summed. It ends when the launcher does. Rates by step: e2e-2026-11-29-faults-steps.py.
out=$1; every=${2:-5}
while pgrep -f 'almanac-local.jar' > /dev/null; do
  line="$(date -u +%T) machine $(awk '/^pgfault /{print $2}' /proc/vmstat)"
  pg=0
  while read -r pid name; do
    faults=$(awk '{print $10}' /proc/$pid/stat 2>/dev/null) || continue
    if [ "$name" = postgres ]; then pg=$(( pg + ${faults:-0} )); else line="$line $name $faults"; fi
  done < <("$(dirname "$0")/e2e-2026-11-29-stack-processes.sh")
  echo "$line postgres $pg" >> "$out"
  sleep "$every"
done
