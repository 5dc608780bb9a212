/**
 * The dispatcher: publishes each occurrence of a recurring rule on {@code almanac.dispatch.v1} once, when it falls
 * due (ADR 0070). {@code due/} decides, {@code store/} keeps the partition's state, {@code routing/} brings the
 * rules to the partitions of their calendars, {@code wakeup/} wakes a partition when something falls due,
 * {@code intake/} is the Kafka Streams topology, and {@code streams/} runs it.
 */
@NullMarked
package dev.almanac.dispatch;

import org.jspecify.annotations.NullMarked;
