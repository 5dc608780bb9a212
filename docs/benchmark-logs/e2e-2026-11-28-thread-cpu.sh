#!/bin/bash
# usage: e2e-2026-11-28-thread-cpu.sh <output> [seconds between samples, default 5] [detail]
# Started in the background by e2e-2026-11-25-store-run.sh's AFTER_START hook. Every few seconds it writes, for each
# JVM of the stack and for bench-load's, the CPU its threads have used so far (clock ticks, user + system), split into
# the JIT's compiler threads, the collector's and VM threads, and the rest, with a count of the bench-load output's
# step lines (so a step's share can be taken between two samples). It stops when no stack JVM is left.
# A thread that ends takes its ticks with it (Reactor's idle boundedElastic threads end after 60 s), so the "app" sum
# of a process can fall between samples; the compiler threads (one C1 and one C2 per JVM on 2 cores) do not end.
#   line: <UTC time> <steps done> <process> jit=<ticks> gc=<ticks> app=<ticks>
# With "detail", each line is followed by one per kind of thread (its name without digits):
#   line: <UTC time> <steps done> <process> thread <name without digits, spaces as _> <ticks>
out=$1; every=${2:-5}; detail=${3:-}
runs=/work/coord/runs
bench_out=$(ls -t $runs/e2e-*.txt 2>/dev/null | grep -v 'stack.log\|store-gc' | head -1)
while :; do
  now=$(date -u +%T)
  steps=$(grep -c 'cmd/s: [0-9]* sent' "$bench_out" 2>/dev/null)
  found=0
  for pid in $(pgrep -f '^[^ ]*java .*(almanac-local|command-service|query-service|conflict-detector|rule-expander)\.jar'); do
    cmd=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null) || continue
    case "$cmd" in
      *bench-load*) name=bench-load ;;
      *read-model-store*) name=read-model-store ;;
      *almanac-local.jar*) name=launcher ;;
      *) name=$(grep -o '[a-z-]*\.jar' <<< "$cmd" | tail -1) ;;
    esac
    [ "$name" = bench-load ] || found=1
    awk -v t="$now" -v s="$steps" -v n="$name" -v d="$detail" '
      { # comm may hold spaces: fields after the closing parenthesis start at $0 index of ") "
        i = index($0, ") "); comm = substr($0, index($0, "(") + 1, i - index($0, "(") - 1)
        split(substr($0, i + 2), f, " "); ticks = f[12] + f[13]
        if (comm ~ /^C[12] CompilerThre/) jit += ticks
        else if (comm ~ /^(GC Thread|G1 |VM Thread)/) gc += ticks
        else app += ticks
        kind = comm; gsub(/[0-9]+/, "", kind); gsub(/ /, "_", kind); byKind[kind] += ticks }
      END { printf "%s %s %s jit=%d gc=%d app=%d\n", t, s, n, jit, gc, app
            if (d != "") for (k in byKind) printf "%s %s %s thread %s %d\n", t, s, n, k, byKind[k] }' /proc/$pid/task/*/stat 2>/dev/null
  done >> "$out"
  [ $found = 1 ] || break
  sleep "$every"
done
