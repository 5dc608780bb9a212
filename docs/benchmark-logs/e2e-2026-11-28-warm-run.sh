#!/bin/bash
# usage: e2e-2026-11-28-warm-run.sh <tree> <label> [detail] -- [bench-load args...]
# e2e-2026-11-25-store-run.sh with e2e-2026-11-28-thread-cpu.sh sampling every 5 s beside it (started by the
# AFTER_START hook, into /work/coord/runs/threads-<label>.txt; "detail" adds one line per kind of thread).
# The runs of "A stack still compiling…" (docs/benchmarks.md):
#   tc1, coldB:   <tree> <label> -- --rates 200,300,400,500,500,500 --seconds 60 --calendars 100   (coldB: --warm-up-limit 0)
#   tc2warm:      <tree> tc2warm -- --rates 500,500,500,200,300,400,500,500 --seconds 60 --calendars 100 (before 616e8f6)
#   tc3:          <tree> tc3 detail -- --rates 200,300,400,500,500 --seconds 60 --calendars 100
#   warmA:        <tree> warmA -- --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; label=$2; shift 2
detail=""; if [ "${1:-}" = detail ]; then detail=detail; shift; fi
[ "${1:-}" = "--" ] && shift
AFTER_START="nohup $here/e2e-2026-11-28-thread-cpu.sh /work/coord/runs/threads-$label.txt 5 $detail >/dev/null 2>&1 &" \
  flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" "$tree" "$label" "$@"
