/** The relay: the event store's one tracking consumer, which publishes every stored event to Kafka. */
@NullMarked
package dev.almanac.commands.relay;

import org.jspecify.annotations.NullMarked;
