#!/bin/bash
flock /work/coord/bench.lock e2e-run.sh <tree> probe-count-poll --rates 200,300,400,500,500,500 --seconds 60 --calendars 100 --visibility-probe poll
flock /work/coord/bench.lock e2e-run.sh <tree> probe-count-token --rates 200,300,400,500,500,500 --seconds 60 --calendars 100 --visibility-probe token
echo done
