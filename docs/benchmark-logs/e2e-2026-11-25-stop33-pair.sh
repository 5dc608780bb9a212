#!/bin/bash
# One pair at 300 commands/s: main before this stop (b903ac3) and after it (561cf3a, code as at 70d6f18: the window-day codec, projected
# finds decoding their fields). /work/before is a worktree at b903ac3, built with ./mvnw -o package -DskipTests.
# e2e-run.sh is docs/benchmark-logs/e2e-2026-11-25-adr40-run.sh; the raw output is e2e-2026-11-25-stop33-{before,after}.txt
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/before stop33-before --rates 300,300,300,300 --seconds 60 --calendars 100
flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main stop33-after --rates 300,300,300,300 --seconds 60 --calendars 100
