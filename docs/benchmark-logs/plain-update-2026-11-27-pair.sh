#!/bin/bash
# usage: plain-update-2026-11-27-pair.sh <n> <tree> <tree>: one end-to-end pair, the trees in the order given
# (main = after, in /work/main; before = 5689bd5, in /work/before); run as "2 before main" (b919413's code) and
# "3 main before" (80a1961's). e2e-run.sh is e2e-2026-11-25-store-run.sh.
n=$1; shift
for tree in "$@"; do
  side=$([ "$tree" = main ] && echo after || echo before)
  sleep 20
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/$tree plain-$side-$n --rates 200,300,400,500,500 --seconds 60 --calendars 100
done
