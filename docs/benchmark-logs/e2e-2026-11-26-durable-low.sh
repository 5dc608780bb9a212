#!/bin/bash
# One interleaved pair at rates the stack holds: does a flushed commit add to a command's latency?
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main durable-low-before --rates 100,100,100 --seconds 60 --calendars 100
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/durable durable-low-after --rates 100,100,100 --seconds 60 --calendars 100
echo done > /work/coord/runs/durable-low.done
