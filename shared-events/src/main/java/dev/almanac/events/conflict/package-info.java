/**
 * Conflicts that conflict-detector found (a calendar over or near its capacity, a resource booked twice
 * at once or while unavailable), and their lifecycle.
 */
@NullMarked
package dev.almanac.events.conflict;

import org.jspecify.annotations.NullMarked;
