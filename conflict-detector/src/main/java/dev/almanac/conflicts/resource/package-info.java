/**
 * Resources as conflict-detector needs them, on the partition of the resource's id: their type and
 * unavailable ranges, and the bookings that items and occurrences on any calendar make of them.
 */
@NullMarked
package dev.almanac.conflicts.resource;

import org.jspecify.annotations.NullMarked;
