#!/bin/bash
# usage: docs/benchmark-logs/broker-requests-2026-11-29/run.sh <tree> <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with BrokerRequests.java reading the broker's request counters every 5 s beside it,
# into /work/coord/runs/broker-<label>.txt. Rates by step: steps.py. The runs of docs/benchmarks.md, "The Kafka
# broker's requests counted…":
#   br1:             <tree> br1 --rates 50,300 --seconds 60 --calendars 100
#   bt-<arm>-<n>:    <tree> bt-threads-1 --rates 50,150,300 --seconds 60 --calendars 100 (then built-1, built-2, threads-2;
#                    the threads arm's tree has fewer-broker-threads.patch applied)
here=$(cd "$(dirname "$0")" && pwd)
tree=$1; label=$2; shift 2
AFTER_START="launcher=\$($here/../e2e-2026-11-29-stack-processes.sh | awk '\$2==\"launcher\"{print \$1}');
  bench=\$(ls -t /work/coord/runs/e2e-$label-*.txt | grep -v 'stack.log\|store-gc' | head -1);
  nohup java $here/BrokerRequests.java \$launcher /work/coord/runs/broker-$label.txt \$bench 5 >/dev/null 2>&1 &" \
  flock /work/coord/bench.lock "$here/../e2e-2026-11-25-store-run.sh" "$tree" "$label" "$@"
