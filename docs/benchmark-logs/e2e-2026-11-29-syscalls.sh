#!/bin/bash
# usage: e2e-2026-11-29-syscalls.sh <bench output> <out dir> <seconds into each step> <seconds> <steps...>
# Started in the background by e2e-2026-11-25-store-run.sh's AFTER_START hook (e2e-2026-11-29-syscalls-run.sh).
# In each numbered measured step (1 = the first after "warm:"), <seconds into each step> after it starts, it records
# every system call of the whole machine (perf's raw_syscalls:sys_enter tracepoint) for <seconds>, and counts them
# and the context switches with perf stat alongside. perf's own writes of the records are most of the calls (the
# summary names them apart) and take CPU from the stack while it records. Each step's samples go to
# <out dir>/step<N>.txt as "pid tid syscall-number thread-name", the stack's processes are named in <out dir>/pids.txt.
# Summary: e2e-2026-11-29-syscalls-summary.py <out dir>.
bench=$1; out=$2; into=$3; span=$4; shift 4
mkdir -p "$out"
until grep -q '^warm:\|^NOT WARM' "$bench" 2>/dev/null; do sleep 0.5; done
"$(dirname "$0")/e2e-2026-11-29-stack-processes.sh" > "$out/pids.txt"
steps_done() { sed -n '/^warm:/,$p' "$bench" | grep -c '^[0-9]* cmd/s:'; }
for n in "$@"; do
  until [ "$(steps_done)" -ge $(( n - 1 )) ]; do sleep 0.2; done
  sleep "$into"
  echo "$(date -u +%T) step $n: recording $span s" >> "$out/when.txt"
  perf stat -e raw_syscalls:sys_enter,context-switches -a -x, -o "$out/step$n.stat" -- \
    perf record -q -e raw_syscalls:sys_enter -a -o "$out/step$n.data" -- sleep "$span" >/dev/null 2>&1
  perf script -i "$out/step$n.data" -F pid,tid,comm,trace 2>/dev/null \
    | awk '{ for (i = 2; i <= NF; i++) if ($i == "NR") { split($(i-1), p, "/"); name = $1;
             for (j = 2; j < i - 1; j++) name = name "_" $j; print p[1], p[2], $(i+1), name; break } }' > "$out/step$n.txt"
  rm -f "$out/step$n.data"
done
echo "$(date -u +%T) done" >> "$out/when.txt"
