/** Repair commands on the event store: republishing a range of stored events to Kafka, as the relay published them. */
@NullMarked
package dev.almanac.commands.repair;

import org.jspecify.annotations.NullMarked;
