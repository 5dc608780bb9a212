#!/bin/bash
# The visibility probe by token against polling, interleaved ABBA, each run one stack from an empty home.
for spec in token-1:token poll-2:poll poll-3:poll token-4:token; do
  label=probe-${spec%%:*}; mode=${spec##*:}
  flock /work/coord/bench.lock e2e-run.sh <tree> $label --rates 200,300,400,500,500,500 --seconds 60 --calendars 100 --visibility-probe $mode
done
echo done
