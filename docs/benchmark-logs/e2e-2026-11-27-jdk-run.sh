#!/bin/bash
# usage: [STACK_JAVA=<java>] [STACK_TOOL_OPTIONS=<JVM options>] e2e-2026-11-27-jdk-run.sh <worktree> <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with the stack (launcher, services, read models' MongoDB) on STACK_JAVA and STACK_TOOL_OPTIONS
# in its JAVA_TOOL_OPTIONS; bench-load stays on the java on PATH.
set -u
script=$(mktemp)
sed -e 's|^setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=\$home \\|setsid env ALMANAC_SKIP_BUILD=1 ALMANAC_HOME=$home JAVA_TOOL_OPTIONS="${STACK_TOOL_OPTIONS:-}" \\|' \
    -e 's|^  java \${LAUNCHER_OPTS:-} -jar|  ${STACK_JAVA:-java} ${LAUNCHER_OPTS:-} -jar|' \
    "$(dirname "$0")/e2e-2026-11-25-store-run.sh" > "$script"
bash "$script" "$@"; status=$?
rm -f "$script"
exit $status
