#!/bin/bash
# usage: e2e-2026-11-28-watchdog-abba.sh <before tree> <after tree> [bench-load args...]
# Four warmed runs, before, after, after, before (each e2e-2026-11-28-warm-run.sh, one stack from an empty home,
# bench-load warming it until the JIT compilers are quiet), labelled wd-before-1, wd-after-1, wd-after-2, wd-before-2.
# The runs of "Axon's timeouts replaced by a watchdog" (docs/benchmarks.md):
#   /work/bench25 /work/bench26 --rates 300,400,400,500 --seconds 60 --calendars 100
# PREFIX=<label> names the runs <label>-before-1 and so on instead (lv for "The calendar's lock and version in one
# round trip", with the same arguments). DETAIL=1 samples each kind of thread too (warm-run's "detail"): s60 for "Three
# small cuts of CPU…", DETAIL=1 PREFIX=s60 … /work/bench26 /work/bench25 with the same arguments.
here=$(cd "$(dirname "$0")" && pwd)
before=$1; after=$2; shift 2
for arm in before:1 after:1 after:2 before:2; do
  tree=$before; [ "${arm%%:*}" = after ] && tree=$after
  "$here/e2e-2026-11-28-warm-run.sh" "$tree" "${PREFIX:-wd}-${arm%%:*}-${arm##*:}" ${DETAIL:+detail} -- "$@"
done
