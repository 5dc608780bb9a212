#!/bin/bash
# usage: e2e-2026-11-29-syscalls-run.sh <tree> <label> <steps to sample, e.g. "1 2"> [bench-load args...]
# e2e-2026-11-25-store-run.sh with e2e-2026-11-29-syscalls.sh started by the AFTER_START hook: 20 s of every stack
# process's system calls from 15 s into each named step, into /work/coord/runs/sys-<label>/.
# The run of docs/benchmarks.md, "What EPYC-2.1's guest kernel charges…" (it asked perf for every 20th call; perf
# recorded every one, as the script now asks):
#   <tree> sys1 "1 2" --rates 50,300 --seconds 60 --calendars 100
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; label=$2; steps=$3; shift 3
AFTER_START="nohup $here/e2e-2026-11-29-syscalls.sh \$(ls -t /work/coord/runs/e2e-$label-*.txt | head -1) /work/coord/runs/sys-$label 15 20 $steps >/dev/null 2>&1 &" \
  flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" "$tree" "$label" "$@"
