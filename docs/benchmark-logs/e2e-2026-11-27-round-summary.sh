#!/bin/bash
# For each round run: its last two 300/s rows, and the projection histograms over the last 90 s of data.
for i in 1 2 3 4; do
  for f in /work/coord/runs/e2e-round-*-$i-*.txt; do
    [ -f "$f" ] || continue
    echo "== $f"
    grep -E '^300 \|' $f | tail -2 | cut -d'|' -f6-9,11-12
    grep -E '^300 \|' $f | tail -2 | awk -F'|' '{print $13}' | sed 's/.*stack/stack/; s/ per command.*//'
    h=$(ls /work/coord/runs/round-hist-*-$i.txt)
    snaps=$(awk '/^== /{t=$2} /almanac_projection_batches_seconds_count/{print t}' $h | tail -4)
    t0=$(echo "$snaps" | head -1); t1=$(echo "$snaps" | tail -1)
    python3 /work/coord/hist-delta.py $h $t0 $t1
  done
done
