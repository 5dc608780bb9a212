/**
 * Running a service's Kafka Streams topology: when it starts, how it fails, how it stops, what its health reports, and
 * how its processors set aside the records they cannot handle.
 */
@NullMarked
package dev.almanac.platform.streams;

import org.jspecify.annotations.NullMarked;
