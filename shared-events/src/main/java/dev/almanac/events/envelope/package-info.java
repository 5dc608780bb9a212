/** The CloudEvents Kafka binding (binary mode): the headers that travel with every event. */
@NullMarked
package dev.almanac.events.envelope;

import org.jspecify.annotations.NullMarked;
