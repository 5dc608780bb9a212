/**
 * The one-command local stack: embedded Kafka, PostgreSQL and MongoDB, the four services as
 * their own processes, a gateway on one base URL, and demo data.
 */
@NullMarked
package dev.almanac.local;

import org.jspecify.annotations.NullMarked;
