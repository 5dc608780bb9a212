#!/bin/bash
# usage: jfr-at.sh <delay-s> <duration-s>: start a JFR profile on every Almanac JVM after delay
sleep $1
for p in $(pgrep -f 'almanac-local.jar|command-service.jar|query-service.jar|conflict-detector.jar|rule-expander.jar'); do
  n=$(tr '\0' ' ' < /proc/$p/cmdline | grep -o -- '[a-z-]*\.jar\|read-model-store\|bench-load' | tail -1)
  jcmd $p JFR.start duration=${2}s filename=/tmp/jfr/$n-$p.jfr settings=profile >/dev/null 2>&1 && echo "jfr on $n $p"
done
