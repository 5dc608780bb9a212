#!/bin/bash
# Two interleaved pairs of the local stack at 300 commands/s: the services as shipped (both compilers, ADR 0040)
# and on C1 alone with the same heap. e2e-run.sh is docs/benchmark-logs/e2e-2026-11-25-adr40-run.sh.
# ALMANAC_SERVICE_JAVA_OPTS replaces every service's options, rule-expander's too (it runs with -Xms192m -Xmx384m
# by default), so the C1 runs differ in that as well.
C1="-Xms512m -Xmx768m -Xmn320m -XX:+UseSerialGC -XX:MetaspaceSize=128m -XX:TieredStopAtLevel=1"
cd /work/main
for i in 1 2; do
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main c2-$i --rates 300,300,300,300 --seconds 60 --calendars 100
  ALMANAC_SERVICE_JAVA_OPTS="$C1" flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main c1-$i --rates 300,300,300,300 --seconds 60 --calendars 100
done
# Then one pair at 500 commands/s (18:35 and 18:44 UTC), on main at 2ee839b (the window-day codec change included; both sides alike):
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main c2-500 --rates 500,500,500,500 --seconds 60 --calendars 100
ALMANAC_SERVICE_JAVA_OPTS="$C1" flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main c1-500 --rates 500,500,500,500 --seconds 60 --calendars 100
# The raw output of run <label> is e2e-2026-11-25-jit-<label>.txt.
