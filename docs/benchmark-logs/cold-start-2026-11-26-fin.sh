#!/bin/bash
# Interleaved cold starts: before (fd0f0b0) and after (b1a8bab, four rules under way per consumer), in-process, then in a JVM of its own.
set -u
out=/work/coord/runs
run() { # tree label extra
  cd $1
  echo "# $(date -u +%FT%TZ) $2 $(git rev-parse --short HEAD) load: $(cat /proc/loadavg)" > $out/cold-fin-$2.txt
  ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalmanac.bench=true -DargLine=-Xmx6g $3 >> $out/cold-fin-$2.txt 2>&1
  grep "service started\|round" $out/cold-fin-$2.txt | tail -3
}
run /work/before before-1 ""
run /work/main after-1 ""
run /work/before before-2 ""
run /work/main after-2 ""
run /work/before before-own ""-Dalmanac.bench.expander=own-jvm""
run /work/main after-own ""-Dalmanac.bench.expander=own-jvm""
echo done > $out/cold-fin.done
