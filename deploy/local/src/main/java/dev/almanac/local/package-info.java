/**
 * The one-command local stack: embedded Kafka, PostgreSQL and MongoDB, the six services as
 * their own processes, a gateway on one base URL, and demo data.
 */
@NullMarked
package dev.almanac.local;

import org.jspecify.annotations.NullMarked;
