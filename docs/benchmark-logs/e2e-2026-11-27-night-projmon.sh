#!/bin/bash
# usage: projmon.sh <out> : every 10 s, query-service's projection batch count/sum and records sum
while curl -s -m 5 localhost:8082/actuator/prometheus > /tmp/pm.txt; do
  echo "$(date +%s) $(grep -E '^almanac_projection_(batches_seconds_(count|sum)|batch_records_sum|staleness_seconds_(count|sum))' /tmp/pm.txt | awk '{printf "%s ", $2}')" >> $1
  sleep 10
done
