#!/bin/bash
# Every 30 s until $1 exists: query-service's projection histograms (buckets of batch seconds and staleness), with the time.
while [ ! -f $1 ]; do
  echo "== $(date -u +%T)"
  curl -s --max-time 2 http://127.0.0.1:8082/actuator/prometheus 2>/dev/null | grep -E '^almanac_projection_(batches|staleness)_seconds_(bucket|count|sum|max)'
  sleep 30
done
