#!/bin/bash
# One stack of 8b47533 (the code of 01b2926) stepping 200, 300, 400, 500, 500 commands/s; projection histograms beside it.
rm -f /work/coord/runs/high500.done
(/work/coord/qs-hist.sh /work/coord/runs/high500.done > /work/coord/runs/high500-hist.txt 2>&1 &)
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main high500 --rates 200,300,400,500,500 --seconds 60 --calendars 100
touch /work/coord/runs/high500.done
# Two more stacks of 8b47533 (the code of 01b2926) stepping 200, 300, 400, 500, 500, 500 commands/s; projection histograms beside each.
for i in 2 3; do
  rm -f /work/coord/runs/high500-$i.done
  (/work/coord/qs-hist.sh /work/coord/runs/high500-$i.done > /work/coord/runs/high500-hist-$i.txt 2>&1 &)
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main high500-$i --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
  touch /work/coord/runs/high500-$i.done
done
touch /work/coord/runs/high500b.done
