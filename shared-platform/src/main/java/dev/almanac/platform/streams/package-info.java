/** Running a service's Kafka Streams topology: when it starts, how it fails, how it stops, and what its health reports. */
@NullMarked
package dev.almanac.platform.streams;

import org.jspecify.annotations.NullMarked;
