#!/bin/bash
# 2026-11-27 (day): window pairs, then end-to-end runs; after = /work/main (b919413), before = /work/before (5689bd5).
# window-pairs.sh is window-scope-2026-11-26-pairs.sh; e2e-run.sh is e2e-2026-11-25-store-run.sh. The chain was stopped
# after the first end-to-end pair, to run PlainUpdateBenchmarkTest; the other pairs are plain-update-2026-11-27-pair.sh.
/work/coord/window-pairs.sh plain /work/main /work/before /work/main /work/before
for run in "main plain-after-1" "before plain-before-1" "before plain-before-2" "main plain-after-2"; do
  set -- $run
  sleep 20
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/$1 $2 --rates 200,300,400,500,500 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/plain-all.done
