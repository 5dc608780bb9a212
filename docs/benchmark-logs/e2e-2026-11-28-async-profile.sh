#!/bin/bash
# usage: e2e-2026-11-28-async-profile.sh <bench output> <out dir> [seconds into the first measured step, default 15] [seconds, default 40]
# Started in the background by e2e-2026-11-25-store-run.sh's AFTER_START hook. It waits until bench-load says the stack
# is warm, lets the first measured step run a while, then samples every stack JVM's CPU with async-profiler 4.1 (loaded
# as an agent by jcmd, its library from Maven Central's tools.profiler:async-profiler:4.1, unpacked to $AP) and writes
# each one's stacks, collapsed, to <out dir>/<process>.collapsed. Kernel frames are included (the tool runs as root).
bench=$1; out=$2; into=${3:-15}; span=${4:-40}
AP=${AP:-/tmp/ap/linux-x64/libasyncProfiler.so}
mkdir -p "$out"
until grep -q '^warm:\|^NOT WARM' "$bench" 2>/dev/null; do sleep 2; done
sleep "$into"
declare -A names
for pid in $(pgrep -f '^[^ ]*java .*(almanac-local|command-service|query-service|conflict-detector|rule-expander)\.jar'); do
  cmd=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null) || continue
  case "$cmd" in
    *bench-load*) name=bench-load ;;
    *read-model-store*) name=read-model-store ;;
    *almanac-local.jar*) name=launcher ;;
    *) name=$(grep -o '[a-z-]*\.jar' <<< "$cmd" | tail -1); name=${name%.jar} ;;
  esac
  names[$pid]=$name
  jcmd $pid JVMTI.agent_load "$AP" "\"start,event=cpu,interval=2ms\"" > "$out/$name.start.txt" 2>&1
done
echo "$(date -u +%T) profiling ${names[*]} for $span s" > "$out/when.txt"
sleep "$span"
for pid in "${!names[@]}"; do
  jcmd $pid JVMTI.agent_load "$AP" "\"stop,file=$out/${names[$pid]}.collapsed,collapsed\"" > "$out/${names[$pid]}.stop.txt" 2>&1
done
echo "$(date -u +%T) stopped" >> "$out/when.txt"
