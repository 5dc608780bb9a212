/**
 * Conflicts that conflict-detector found (a calendar over or near its capacity, a resource booked twice
 * at once or while unavailable, a linked pair whose follower no longer moves with its primary), and their
 * lifecycle.
 */
@NullMarked
package dev.almanac.events.conflict;

import org.jspecify.annotations.NullMarked;
