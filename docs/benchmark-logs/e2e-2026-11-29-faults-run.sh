#!/bin/bash
# usage: e2e-2026-11-29-faults-run.sh <tree> <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with e2e-2026-11-29-faults.sh sampling every 5 s beside it, into
# /work/coord/runs/faults-<label>.txt. The runs of docs/benchmarks.md, "What EPYC-2.1's guest kernel charges…":
#   <tree> pf1 --rates 50,300 --seconds 60 --calendars 100
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; label=$2; shift 2
AFTER_START="nohup $here/e2e-2026-11-29-faults.sh /work/coord/runs/faults-$label.txt 5 >/dev/null 2>&1 &" \
  flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" "$tree" "$label" "$@"
