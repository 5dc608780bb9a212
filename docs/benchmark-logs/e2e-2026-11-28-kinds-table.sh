#!/bin/bash
# usage: e2e-2026-11-28-kinds-table.sh <threads file[.gz]>...
# One line per 400/s and 500/s step (counts 4, 5, 6) of warmed runs at --rates 300,400,400,500: ms of CPU a command of
# the kinds of thread that "Three small cuts of CPU…" (docs/benchmarks.md) looks at, from e2e-2026-11-28-thread-kinds.py.
here=$(cd "$(dirname "$0")" && pwd)
for run in "$@"; do
  for count in 4 5 6; do
    rate=$((count == 6 ? 500 : 400))
    python3 "$here/e2e-2026-11-28-thread-kinds.py" "$run" all $count $rate 2>/dev/null | RUN=$(basename "$run") RATE=$rate python3 -c '
import os, re, sys
text = sys.stdin.read()
def kind(process, *prefixes):
    line = re.search(r"^  " + re.escape(process) + r" [\d.]+:(.*)$", text, re.M)
    for part in (line.group(1).split("),") if line else []):
        if part.strip().startswith(prefixes):
            return re.search(r"\(([\d.]+) ms", part + ")").group(1)
    return "-"
print(os.environ["RUN"], os.environ["RATE"], "| bench-load HTTP", kind("bench-load", "reactor-http-ep", "almanac-bench-e"),
      "| bench-load topic readers", kind("bench-load", "bench-topic-rea"), kind("bench-load", "bench-relay-rea"), kind("bench-load", "bench-conflict-"),
      "| read models MongoDB workers", kind("read-model-store", "mongo-server-wo"),
      "| command-service HTTP", kind("command-service.jar", "reactor-http-ep"), "commands", kind("command-service.jar", "command-"),
      "| broker", kind("launcher", "data-plane-kafk"))
'
  done
done
