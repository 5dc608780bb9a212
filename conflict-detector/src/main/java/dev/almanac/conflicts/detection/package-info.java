/** Pure conflict math: where a calendar holds more entries than its capacity, and how far a change can reach. */
@NullMarked
package dev.almanac.conflicts.detection;

import org.jspecify.annotations.NullMarked;
