#!/bin/bash
# Two more cold starts with rule-expander in a JVM of its own at b1a8bab (four rules under way per consumer).
set -u
out=/work/coord/runs
for i in 2 3; do
  cd /work/main
  echo "# $(date -u +%FT%TZ) after-own-$i $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out/cold-fin-after-own-$i.txt
  ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalmanac.bench=true -DargLine=-Xmx6g -Dalmanac.bench.expander=own-jvm >> $out/cold-fin-after-own-$i.txt 2>&1
  grep "^round" $out/cold-fin-after-own-$i.txt | tail -2
done
echo done > $out/cold-own-more.done
