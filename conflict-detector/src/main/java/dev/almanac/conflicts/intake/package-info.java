/** The Kafka Streams intake: calendar, schedule and occurrence facts decided, applied to partition-local state, published. */
@NullMarked
package dev.almanac.conflicts.intake;

import org.jspecify.annotations.NullMarked;
