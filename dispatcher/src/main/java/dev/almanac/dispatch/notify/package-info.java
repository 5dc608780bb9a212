/**
 * The notifier: turns facts on the other topics into notifications for the people they concern, on
 * almanac.notifications.v1, in a Kafka Streams application of its own beside the dispatch one (ADR 0075).
 */
@NullMarked
package dev.almanac.dispatch.notify;

import org.jspecify.annotations.NullMarked;
