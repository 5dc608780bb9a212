/** {@code dlt-replay}: puts the records of a dead-letter topic back on the topic they came from. */
@NullMarked
package dev.almanac.tools.dltreplay;

import org.jspecify.annotations.NullMarked;
