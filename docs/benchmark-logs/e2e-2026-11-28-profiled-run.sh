#!/bin/bash
# usage: [TREE=<tree, default /work/bench25>] e2e-2026-11-28-profiled-run.sh <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with e2e-2026-11-28-async-profile.sh started by the AFTER_START hook: once bench-load
# says the stack is warm, every stack JVM is sampled for 40 s from 15 s into the first measured step, into
# /work/coord/runs/prof-<label>/<process>.collapsed. Summaries: e2e-2026-11-28-collapsed-top.py, -collapsed-under.py.
# The runs of "Axon's timeouts replaced by a watchdog" (docs/benchmarks.md):
#   TREE=/work/bench25 … prof1 --rates 400,400,400 --seconds 60 --calendars 100   (before, 0e09dc0)
#   TREE=/work/bench26 … prof2 --rates 400,400,400 --seconds 60 --calendars 100   (after, f7711a1)
label=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
AFTER_START="nohup $here/e2e-2026-11-28-async-profile.sh \$(ls -t /work/coord/runs/e2e-$label-*.txt | head -1) /work/coord/runs/prof-$label 15 40 >/dev/null 2>&1 &" \
  flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" "${TREE:-/work/bench25}" "$label" "$@"
