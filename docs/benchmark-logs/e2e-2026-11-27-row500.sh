#!/bin/bash
# usage: row500.sh <label> <e2e txt> <hist txt>: a markdown row of the run's last two 500/s steps and its projection over the 500/s steps
f=$2
steps=$(grep "^500 cmd/s" $f | tail -2)
cmd=$(echo "$steps" | sed -E 's/.*; command [0-9.]+\/([0-9.]+)\/.*/\1/' | paste -sd, | sed 's/,/, /')
vis=$(echo "$steps" | sed -E 's/.*; visible ([0-9.]+)\/([0-9.]+) ms.*/\1 \/ \2/' | awk '{printf "%s%.0f / %.0f", (NR>1?", ":""), $1, $3}')
con=$(echo "$steps" | sed -E 's/.*; conflict [0-9.]+\/([0-9.]+) ms.*/\1/' | awk '{printf "%s%.0f", (NR>1?", ":""), $1}')
ryw=$(echo "$steps" | sed -E 's/.*read-your-writes ([0-9.]+)% .*/\1/' | paste -sd, | sed 's/,/, /')
cpu=$(grep "^  CPU ms per command" $f | tail -2 | sed -E 's/.*query-service ([0-9.]+),.*stack ([0-9.]+) ms.*/\1 \2/' | awk '{q=q (NR>1?", ":"") $1; s=s (NR>1?", ":"") $2} END {print q "; " s}')
h=$(/work/coord/hist500.sh $f $3 | tail -2 | sed -E 's/.*: ([0-9]+) batches; p50<=([0-9]+)ms.*/\1 \2/' | tr '\n' ' ' | awk '{print $1 "; " $2 " ms; " $4 " ms"}')
echo "| $1 | $cmd ms | $vis ms | $con ms | $ryw % | $h | $cpu ms |"
