#!/bin/bash
# More cold starts at b685fe7 with 4, 6 and 8 rules under way per consumer, interleaved.
set -u
out=/work/coord/runs
run() { # label extra-argline
  cd /work/main
  echo "# $(date -u +%FT%TZ) $1 $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out/cold-par-$1.txt
  ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalmanac.bench=true "-DargLine=-Xmx6g $2" >> $out/cold-par-$1.txt 2>&1
  grep "service started" $out/cold-par-$1.txt
}
for i in 3 4; do
  run after-p4-$i "-Dalmanac.rules.intake-parallel-rules=4"
  run after-p6-$((i-2)) "-Dalmanac.rules.intake-parallel-rules=6"
  run after-p8-$((i-2)) "-Dalmanac.rules.intake-parallel-rules=8"
done
echo done > $out/cold-par-more.done
