#!/bin/bash
# Interleaved cold starts: before (fd0f0b0, one rule at a time per consumer) and after (b685fe7, intake-parallel-rules 2),
# then after with 3 and 4 rules under way per consumer.
set -u
out=/work/coord/runs
run() { # tree label extra-argline
  cd $1
  echo "# $(date -u +%FT%TZ) $2 $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out/cold-par-$2.txt
  ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalmanac.bench=true "-DargLine=-Xmx6g $3" >> $out/cold-par-$2.txt 2>&1
  grep "service started" $out/cold-par-$2.txt
}
for i in 1 2 3; do
  run /work/before before-$i ""
  run /work/main after-$i ""
done
run /work/main after-p3-1 "-Dalmanac.rules.intake-parallel-rules=3"
run /work/main after-p4-1 "-Dalmanac.rules.intake-parallel-rules=4"
run /work/main after-p3-2 "-Dalmanac.rules.intake-parallel-rules=3"
run /work/main after-p4-2 "-Dalmanac.rules.intake-parallel-rules=4"
echo done > $out/cold-par.done
