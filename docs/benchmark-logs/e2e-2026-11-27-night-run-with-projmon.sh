#!/bin/bash
# usage: run-with-projmon.sh <tree> <label> [bench-load args...]: e2e-run.sh with query-service's projection batches sampled every 10 s
label=$2
( for i in $(seq 1 300); do curl -s -m 2 localhost:8082/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  /work/coord/projmon.sh /work/coord/runs/projmon-$label.txt ) &
mon=$!
/work/coord/e2e-run.sh "$@"
pkill -f "projmon.sh /work/coord/runs/projmon-$label.txt"; kill $mon 2>/dev/null
