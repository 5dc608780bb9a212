#!/bin/bash
# Every 30 s: query-service's projection batches, records and seconds (cumulative), until the pairs are done.
while [ ! -f /work/coord/runs/gather.done ]; do
  m=$(curl -s --max-time 2 http://127.0.0.1:8082/actuator/prometheus 2>/dev/null)
  n=$(echo "$m" | awk '/^almanac_projection_batches_seconds_count/{print $2}')
  s=$(echo "$m" | awk '/^almanac_projection_batches_seconds_sum/{print $2}')
  r=$(echo "$m" | awk '/^almanac_projection_batch_records_sum/{print $2}')
  echo "$(date -u +%T) batches=$n seconds=$s records=$r"
  sleep 30
done
