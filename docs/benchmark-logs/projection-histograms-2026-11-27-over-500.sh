#!/bin/bash
# usage: hist500.sh <e2e txt> <hist txt>: the projection histograms over the 500/s steps (from 330 s after the run's start to its last snapshot)
t0=$(head -1 $1 | cut -c12-19); s0=$(date -u -d "2026-11-27 $t0" +%s)
snaps=$(grep "^==" $2 | cut -c4-)
a=""; b=""
for t in $snaps; do s=$(date -u -d "2026-11-27 $t" +%s); d=$((s-s0)); if [ -z "$a" ] && [ $d -ge 330 ]; then a=$t; fi; if [ $d -le 525 ]; then b=$t; fi; done
echo "$a..$b"; python3 /work/coord/hist-delta.py $2 $a $b
