#!/bin/bash
# usage: e2e-2026-11-28-diag-run.sh <tree> <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with every service JVM's and the launcher's GC and
# safepoints logged with wall-clock time (the services with their shipped options, which ALMANAC_SERVICE_JAVA_OPTS
# replaces, so rule-expander runs the serving options too), the store's safepoints likewise, and
# e2e-2026-11-28-cpu-probe.sh before and after, to compare the machine's own speed between runs.
# The run labelled diag1 also read query-service's /actuator/prometheus every second, beside it, for the projection's
# batch counters (a loop of curl; its figures are not reported).
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; label=$2
runs=/work/coord/runs
"$here/e2e-2026-11-28-cpu-probe.sh" >> $runs/cpu-probe.txt
ALMANAC_SERVICE_JAVA_OPTS="-Xms512m -Xmx768m -Xmn320m -XX:+UseSerialGC -XX:MetaspaceSize=128m -Xlog:gc,safepoint:file=$runs/diag-$label-svc-%p.log:time,uptime" \
LAUNCHER_OPTS="-Xlog:gc,safepoint:file=$runs/diag-$label-launcher.log:time,uptime" \
STORE_OPTS="-XX:MaxGCPauseMillis=25 -XX:MetaspaceSize=64m -Xlog:safepoint:file=$runs/diag-$label-store-sp.log:time,uptime" \
  "$here/e2e-2026-11-25-store-run.sh" "$@"
"$here/e2e-2026-11-28-cpu-probe.sh" >> $runs/cpu-probe.txt
