#!/bin/bash
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main morning27-after --rates 200,300,400,500,500 --seconds 60 --calendars 100
sleep 20
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/before morning27-before --rates 200,300,400,500,500 --seconds 60 --calendars 100
echo done > /work/coord/runs/e2e-morning27.done
