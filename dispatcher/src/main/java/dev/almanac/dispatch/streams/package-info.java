/** Runs the dispatch topology in a Kafka Streams client from the service's settings, and reports its health. */
@NullMarked
package dev.almanac.dispatch.streams;

import org.jspecify.annotations.NullMarked;
