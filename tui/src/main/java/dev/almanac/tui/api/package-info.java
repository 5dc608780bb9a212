/** The public HTTP APIs and the SSE stream as the terminal client calls them, and what they answer. */
@NullMarked
package dev.almanac.tui.api;

import org.jspecify.annotations.NullMarked;
