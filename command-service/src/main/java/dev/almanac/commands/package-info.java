/**
 * command-service: accepts commands over HTTP, decides them in Axon aggregates, keeps every
 * change as an event in PostgreSQL and relays the events to Kafka.
 */
@NullMarked
package dev.almanac.commands;

import org.jspecify.annotations.NullMarked;
