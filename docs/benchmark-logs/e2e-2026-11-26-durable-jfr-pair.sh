#!/bin/bash
# A fourth interleaved pair, with a JFR profile of command-service during the last 500/s step of each.
mkdir -p /tmp/jfr
for side in before:/work/main after:/work/after; do
  label=${side%%:*}; tree=${side#*:}
  flock /work/coord/bench.lock bash -c "
    ( sleep 400; p=\$(pgrep -f '^[^ ]*/bin/java .*command-service\.jar' | head -1);
      jcmd \$p JFR.start duration=50s filename=/tmp/jfr/durable-$label-cs.jfr settings=profile > /work/coord/runs/jfr-$label.out 2>&1 ) &
    /work/coord/e2e-run.sh $tree durable-$label-4 --rates 300,400,500,500,500 --seconds 60 --calendars 100"
done
echo done > /work/coord/runs/durable-jfr2.done
