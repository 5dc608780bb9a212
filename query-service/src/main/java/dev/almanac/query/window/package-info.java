/** The schedule window (F033-WINDOW): entries counted into local hour, day or ISO-week buckets of a requested zone. */
@NullMarked
package dev.almanac.query.window;

import org.jspecify.annotations.NullMarked;
