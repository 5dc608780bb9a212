/** Rendering: each view a pure function of the data and the terminal's size, to lines of styled text. */
@NullMarked
package dev.almanac.tui.view;

import org.jspecify.annotations.NullMarked;
