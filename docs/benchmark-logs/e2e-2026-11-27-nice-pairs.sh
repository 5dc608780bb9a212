#!/bin/bash
# Three sides, interleaved: base (no renice), bg5 (conflict-detector and rule-expander at nice 5),
# read-5 (query-service and the read models' MongoDB at nice -5, needs root: diagnostic only).
# Each one stack of the same build from an empty home, stepping 200, 300, 400, 500, 500, 500 commands/s.
i=0
for side in base bg5 read-5 read-5 bg5 base; do
  i=$((i+1))
  case $side in
    base) export RENICE="";;
    bg5) export RENICE="conflict-detector.jar:5 rule-expander.jar:5";;
    read-5) export RENICE="query-service.jar:-5 read-model-store:-5";;
  esac
  rm -f /work/coord/runs/nice-$side-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/nice-$side-$i.done > /work/coord/runs/nice-hist-$side-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-nice-run.sh /work/main nice-$side-$i --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
  touch /work/coord/runs/nice-$side-$i.done
done
touch /work/coord/runs/nice-all.done
