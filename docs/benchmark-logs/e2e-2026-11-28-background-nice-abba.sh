#!/bin/bash
# usage: e2e-2026-11-28-background-nice-abba.sh <tree>; ARMS defaults to "bg own own bg".
# bg: once the stack is up (per process, the launcher's default), the autogroups of query-service, conflict-detector,
# rule-expander and the read models' MongoDB are set to nice +5 (about a third of a group's weight; a positive value
# needs no privilege; weigh-down-read-side.sh), so that the command path's processes (the launcher, command-service,
# PostgreSQL) come first. own: the launcher as built.
here=$(cd "$(dirname "$0")" && pwd)
for arm in ${ARMS:-bg own own bg}; do
  if [ $arm = bg ]; then hook=$here/weigh-down-read-side.sh; else hook=; fi
  "$here/e2e-2026-11-28-cpu-probe.sh" >> /work/coord/runs/cpu-probe.txt
  AFTER_START=$hook flock /work/coord/bench.lock "$here/e2e-2026-11-25-store-run.sh" $1 s55-$arm \
      --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
done
"$here/e2e-2026-11-28-cpu-probe.sh" >> /work/coord/runs/cpu-probe.txt
