#!/bin/bash
# usage: weigh-down-read-side.sh [nice, default 5]: run once a local stack is up (an AFTER_START hook).
# Sets the kernel scheduling groups (autogroups) of query-service, conflict-detector, rule-expander and the read models'
# MongoDB to that nice value, so that the command path (the launcher's gateway and broker, command-service,
# PostgreSQL) weighs more. A positive value needs no privilege. The pattern names java processes only: a hook's own
# shell has every pattern in its command line.
nice=${1:-5}
for pat in query-service/target/query-service.jar conflict-detector/target/conflict-detector.jar \
    rule-expander/target/rule-expander.jar read-model-store; do
  for p in $(pgrep -f "^[^ ]*java .*$pat"); do
    echo $nice > /proc/$p/autogroup && echo "autogroup of $pat ($p): $(cat /proc/$p/autogroup)"
  done
done
