/**
 * Runtime glue shared by every Almanac service: JSON conventions, the Kafka event codec and
 * consumer error handling, RFC 9457 problem details and platform defaults. No domain logic.
 */
@NullMarked
package dev.almanac.platform;

import org.jspecify.annotations.NullMarked;
