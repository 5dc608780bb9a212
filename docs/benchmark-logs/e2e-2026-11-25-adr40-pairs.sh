#!/bin/bash
# The order the runs of "The stack at 500 commands/s: before and after ADR 0040" ran in (12:42-14:02 UTC).
# /work/wt/base is a worktree at 9e3b015, /work/main is main with ADR 0040; both built with install -DskipTests.
R="--rates 300,400,500,500,500 --seconds 60 --calendars 100"
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/base before-$i $R
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main after-$i $R
done
L="--rates 100,150,200,250,300 --seconds 60 --calendars 100"
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/base low-before $L
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main low-after $L
S="--rates 200,200,200,250,250 --seconds 60 --calendars 100"
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/wt/base steady-before $S
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main steady-after $S
