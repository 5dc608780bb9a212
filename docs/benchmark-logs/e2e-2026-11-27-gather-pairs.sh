#!/bin/bash
# Interleaved: relay gathering 25 ms (g25) against the default 5 ms (g5), same tree.
cd /work/main
for i in 1 2; do
  for side in g25 g5; do
    if [ $side = g25 ]; then export ALMANAC_COMMANDS_RELAY_GATHERING=25ms; else unset ALMANAC_COMMANDS_RELAY_GATHERING; fi
    ( sleep 120; curl -s http://127.0.0.1:8081/actuator/env/almanac.commands.relay.gathering > /work/coord/runs/gather-$side-$i.env ) &
    flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main gather-$side-$i --rates 200,300,400,500,500,300 --seconds 60 --calendars 100
  done
done
touch /work/coord/runs/gather.done
