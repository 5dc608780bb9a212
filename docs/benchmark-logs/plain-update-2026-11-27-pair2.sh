#!/bin/bash
# Second end-to-end pair of 2026-11-27 day: before (5689bd5) then after (b919413's code).
for run in "before plain-before-2" "main plain-after-2"; do
  set -- $run
  sleep 20
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/$1 $2 --rates 200,300,400,500,500 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/plain-pair2.done
