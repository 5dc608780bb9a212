/** The Kafka Streams topology: the rules routed by calendar, the catch-up runs and the ticks feed one dispatch task per partition. */
@NullMarked
package dev.almanac.dispatch.intake;

import org.jspecify.annotations.NullMarked;
