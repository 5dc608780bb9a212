#!/bin/bash
# Per process (a36bf77, the launcher as built), command-service's autogroup at nice -3 (about twice the weight; writing
# a negative value to /proc/<pid>/autogroup needs root), then per process alone. e2e-run-cs.sh is e2e-run.sh
# (e2e-2026-11-25-store-run.sh) with, once the stack is up and before bench-load:
#   [ -n "$CS_AUTOGROUP_NICE" ] && echo "$CS_AUTOGROUP_NICE" > /proc/$(pgrep -f command-service/target/command-service.jar)/autogroup
CS_AUTOGROUP_NICE=-3 flock /work/coord/bench.lock /work/coord/inv/e2e-run-cs.sh /work/bench25 sess-cs3 --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
flock /work/coord/bench.lock /work/coord/inv/e2e-run-cs.sh /work/bench25 sess-own --rates 200,300,400,500,500,500 --seconds 60 --calendars 100
