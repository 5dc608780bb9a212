/** {@code dlt-replay}: puts the records of a dead-letter topic back on the topic they came from. */
@NullMarked
package dev.almanac.local.dlt;

import org.jspecify.annotations.NullMarked;
