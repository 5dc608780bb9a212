/** The web console's file server: its pages, modules and FullCalendar's bundle, compressed and cached. */
@NullMarked
package dev.almanac.console;

import org.jspecify.annotations.NullMarked;
