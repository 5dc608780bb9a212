#!/bin/bash
# A third interleaved pair, with a JFR profile of command-service during the last 500/s step of each.
jfr_cs() { # $1 label
  sleep 400
  p=$(pgrep -f 'command-service.jar' | head -1)
  jcmd $p JFR.start duration=50s filename=/tmp/jfr/durable-$1-cs.jfr settings=profile >/dev/null 2>&1 && echo "jfr on command-service $p"
}
mkdir -p /tmp/jfr
flock /work/coord/bench.lock bash -c "$(declare -f jfr_cs); jfr_cs before & /work/coord/e2e-run.sh /work/main durable-before-3 --rates 300,400,500,500,500 --seconds 60 --calendars 100"
flock /work/coord/bench.lock bash -c "$(declare -f jfr_cs); jfr_cs after & /work/coord/e2e-run.sh /work/durable durable-after-3 --rates 300,400,500,500,500 --seconds 60 --calendars 100"
echo done > /work/coord/runs/durable-jfr.done
