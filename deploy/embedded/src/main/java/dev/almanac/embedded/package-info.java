/**
 * Real infrastructure started in-process: a KRaft Kafka broker, PostgreSQL and a MongoDB
 * wire-protocol server. Used by {@code deploy/local} and by integration tests, so that both
 * run against the same components without Docker.
 */
@NullMarked
package dev.almanac.embedded;

import org.jspecify.annotations.NullMarked;
