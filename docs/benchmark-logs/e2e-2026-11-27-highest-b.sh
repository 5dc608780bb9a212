#!/bin/bash
# Two stacks of 01b2926 stepping 200, 300, 300, 350, 350, 400, 400 commands/s; projection histograms beside each.
for i in 1 2; do
  rm -f /work/coord/runs/highest-b-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/highest-b-$i.done > /work/coord/runs/highest-b-hist-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main highest-b-$i --rates 200,300,300,350,350,400,400 --seconds 60 --calendars 100
  touch /work/coord/runs/highest-b-$i.done
done
touch /work/coord/runs/highest-b.done
