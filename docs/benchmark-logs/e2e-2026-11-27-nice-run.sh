#!/bin/bash
# usage: [RENICE="<command-line pattern>:<niceness> ..."] e2e-2026-11-27-nice-run.sh <worktree> <label> [bench-load args...]
# e2e-2026-11-25-store-run.sh with one line more once the stack has started: every thread of each process whose command
# line matches a pattern is set to its niceness (renice -n), and the output says how many.
set -u
script=$(mktemp)
sed -e '19r /dev/stdin' "$(dirname "$0")/e2e-2026-11-25-store-run.sh" > "$script" <<'LINE'
for spec in ${RENICE:-}; do name=${spec%%:*}; n=${spec##*:}; for p in $(pgrep -f -- "$name" | grep -v "^$$\$"); do for t in /proc/$p/task/*; do renice -n $n -p ${t##*/} >/dev/null; done; echo "reniced $name pid $p to $n ($(ls /proc/$p/task | wc -l) threads)" >> $out.txt; done; done
LINE
bash "$script" "$@"; status=$?
rm -f "$script"
exit $status
