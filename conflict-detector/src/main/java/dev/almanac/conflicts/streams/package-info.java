/** Runs the conflict topology in Kafka Streams: configuration, bounded RocksDB memory, lifecycle, health and metrics. */
@NullMarked
package dev.almanac.conflicts.streams;

import org.jspecify.annotations.NullMarked;
