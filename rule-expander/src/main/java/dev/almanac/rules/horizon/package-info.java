/** The timer that keeps every active rule materialised up to now plus the horizon, and the lag SREs watch. */
@NullMarked
package dev.almanac.rules.horizon;

import org.jspecify.annotations.NullMarked;
