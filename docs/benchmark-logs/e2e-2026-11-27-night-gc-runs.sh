#!/bin/bash
# usage: gc-runs.sh <arm:n> ...: the services' collector, with every service's and the launcher's GC logged.
#   serial: the shipped options; g1: G1 aimed at 20 ms; shen: Shenandoah
for spec in "$@"; do
  arm=${spec%%:*}; n=${spec#*:}
  case $arm in
    serial) opts="-Xms512m -Xmx768m -Xmn320m -XX:+UseSerialGC -XX:MetaspaceSize=128m" ;;
    g1)     opts="-Xms512m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:MetaspaceSize=128m" ;;
    shen)   opts="-Xms512m -Xmx768m -XX:+UseShenandoahGC -XX:MetaspaceSize=128m" ;;
    par)    opts="-Xms512m -Xmx768m -Xmn320m -XX:+UseParallelGC -XX:MetaspaceSize=128m" ;;
  esac
  flock /work/coord/bench.lock env \
    ALMANAC_SERVICE_JAVA_OPTS="$opts -Xlog:gc:file=/work/coord/runs/gc-$arm-$n-svc-gc-%p.log" \
    LAUNCHER_OPTS="-Xlog:gc:file=/work/coord/runs/gc-$arm-$n-launcher-gc.log" \
    /work/coord/run-with-projmon.sh  # docs/benchmark-logs/e2e-2026-11-27-night-run-with-projmon.sh /work/bench25 gc-$arm-$n --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
done
echo done > /work/coord/runs/gc-runs.done
