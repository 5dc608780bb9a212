/** The session (state, keys, commands) and the terminal loop that reads keys and draws frames. */
@NullMarked
package dev.almanac.tui.app;

import org.jspecify.annotations.NullMarked;
