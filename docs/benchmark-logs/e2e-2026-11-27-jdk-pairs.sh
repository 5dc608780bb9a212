#!/bin/bash
# JDK 17 against Temurin 25 with compact object headers, the whole stack (the load generator stays on 17); interleaved.
# Written for six runs (17, 25, 25, 17, 17, 25) and stopped after the fourth; these are the four that ran.
set -u
here=$(dirname "$0")
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
run17() { flock /work/coord/bench.lock "$here/e2e-2026-11-27-jdk-run.sh" /work/bench25 jdk-17-$1 --rates 200,300,400,500,500,500 --seconds 60 --calendars 100; }
run25() { STACK_JAVA=$J25 STACK_TOOL_OPTIONS="-XX:+UseCompactObjectHeaders" flock /work/coord/bench.lock "$here/e2e-2026-11-27-jdk-run.sh" /work/bench25 jdk-25coh-$1 --rates 200,300,400,500,500,500 --seconds 60 --calendars 100; }
run17 1; run25 1; run25 2; run17 2
