#!/bin/bash
# ABBA pairs: each stack JVM in a session (so, with sched_autogroup on, a scheduling group) of its own, or all in the
# launcher's. usage: ARMS="own shared shared own" e2e-2026-11-28-sessions-abba.sh <tree>
# The runs of 2026-11-28 00:31-01:35 UTC were made on 2472b55 with a patch that prefixed each child's command with
# setsid when ALMANAC_SESSIONS_EXPERIMENT=own; since ADR 0046 the launcher does so itself, and
# ALMANAC_SCHEDULING_GROUPS=per-process|shared chooses. e2e-run.sh is e2e-2026-11-25-store-run.sh.
tree=${1:-/work/bench25}
for arm in ${ARMS:-own shared shared own}; do
  if [ $arm = own ]; then export ALMANAC_SCHEDULING_GROUPS=per-process; else export ALMANAC_SCHEDULING_GROUPS=shared; fi
  flock /work/coord/bench.lock /work/coord/e2e-run.sh $tree sess-$arm --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
done
