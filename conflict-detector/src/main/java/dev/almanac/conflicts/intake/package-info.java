/** Reads calendar, schedule and occurrence facts from Kafka and hands them to the conflict lifecycle. */
@NullMarked
package dev.almanac.conflicts.intake;

import org.jspecify.annotations.NullMarked;
