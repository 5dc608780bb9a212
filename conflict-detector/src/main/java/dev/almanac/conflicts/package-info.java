/** conflict-detector: finds capacity breaches on calendars and publishes their lifecycle on almanac.conflicts.v1. */
@NullMarked
package dev.almanac.conflicts;

import org.jspecify.annotations.NullMarked;
