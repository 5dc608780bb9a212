/** Conflicts that conflict-detector found when a calendar holds more than its capacity, and their lifecycle. */
@NullMarked
package dev.almanac.events.conflict;

import org.jspecify.annotations.NullMarked;
