#!/bin/bash
flock /work/coord/bench.lock e2e-run.sh <tree> probe-token-5 --rates 200,300,400,500,500,500 --seconds 60 --calendars 100 --visibility-probe token
flock /work/coord/bench.lock e2e-run.sh <tree> probe-token-steady --rates 200,300,300,350,350,400,400 --seconds 60 --calendars 100 --visibility-probe token
echo done
