/** almanac-tui: seed 000's terminal calendar; the entry point and its options. */
@NullMarked
package dev.almanac.tui;

import org.jspecify.annotations.NullMarked;
