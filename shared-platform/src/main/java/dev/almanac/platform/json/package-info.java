/** One JSON convention for HTTP bodies and Kafka values: snake_case names, lower-case enums, ISO-8601 instants. */
@NullMarked
package dev.almanac.platform.json;

import org.jspecify.annotations.NullMarked;
