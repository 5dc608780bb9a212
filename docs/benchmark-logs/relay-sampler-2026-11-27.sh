#!/bin/bash
# Every 30 s: time, relay events, batches, reads (command-service's counters), until the pairs are done.
while [ ! -f /work/coord/runs/gather.done ]; do
  m=$(curl -s --max-time 2 http://127.0.0.1:8081/actuator/prometheus 2>/dev/null)
  e=$(echo "$m" | awk '/^almanac_relay_events_total/{print $2}')
  b=$(echo "$m" | awk '/^almanac_relay_batches_seconds_count\{outcome="acknowledged"/{print $2}')
  r=$(echo "$m" | awk '/^almanac_relay_reads_total/{print $2}')
  echo "$(date -u +%T) events=$e batches=$b reads=$r gathering=${1:-?}"
  sleep 30
done
