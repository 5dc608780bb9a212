#!/bin/bash
# usage: e2e-2026-11-29-stack-processes.sh
# Prints "<pid> <name>" for every JVM of a running local stack (launcher, read-model-store, the four services,
# bench-load) and every PostgreSQL process. Used by e2e-2026-11-29-syscalls.sh and e2e-2026-11-29-faults.sh.
for pid in $(pgrep -f '^[^ ]*java .*(almanac-local|command-service|query-service|conflict-detector|rule-expander)\.jar'); do
  cmd=$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null) || continue
  case "$cmd" in
    *bench-load*) name=bench-load ;;
    *read-model-store*) name=read-model-store ;;
    *almanac-local.jar*) name=launcher ;;
    *) name=$(grep -o '[a-z-]*\.jar' <<< "$cmd" | tail -1); name=${name%.jar} ;;
  esac
  echo "$pid $name"
done
for pid in $(pgrep -x postgres); do echo "$pid postgres"; done
