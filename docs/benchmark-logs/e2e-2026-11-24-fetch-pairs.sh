#!/bin/bash
# interleaved pairs: shipped consumer fetches against batched ones (fetch.min.bytes 64 KiB, fetch.max.wait 20 ms)
set -u
for i in 1 2; do
  flock /work/coord/bench.lock env SPRING_KAFKA_CONSUMER_FETCHMINSIZE=65536 SPRING_KAFKA_CONSUMER_FETCHMAXWAIT=20ms \
     SPRING_KAFKA_STREAMS_PROPERTIES_MAIN_CONSUMER_FETCH_MIN_BYTES=65536 SPRING_KAFKA_STREAMS_PROPERTIES_MAIN_CONSUMER_FETCH_MAX_WAIT_MS=20 \
     /work/coord/e2e-run.sh /work/main fetch20-$i --rates 100,100 --seconds 60 --calendars 100
  flock /work/coord/bench.lock /work/coord/e2e-run.sh /work/main fetch-shipped-$i --rates 100,100 --seconds 60 --calendars 100
done
