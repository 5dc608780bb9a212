/** The partition's state in Kafka Streams key-value stores: the rules' events, the watermark, guards and pending runs, each in a byte layout of its own. */
@NullMarked
package dev.almanac.dispatch.store;

import org.jspecify.annotations.NullMarked;
