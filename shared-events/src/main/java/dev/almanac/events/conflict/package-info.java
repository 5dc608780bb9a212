/** Conflicts that conflict-detector found when a calendar holds more than its capacity. */
@NullMarked
package dev.almanac.events.conflict;

import org.jspecify.annotations.NullMarked;
