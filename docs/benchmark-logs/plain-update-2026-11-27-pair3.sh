#!/bin/bash
# Third end-to-end pair of 2026-11-27 day: after (80a1961, pushes applied plainly too) then before (5689bd5).
for run in "main plain-after-3" "before plain-before-3"; do
  set -- $run
  sleep 20
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/$1 $2 --rates 200,300,400,500,500 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/plain-pair3.done
