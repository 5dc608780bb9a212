/** One-off items: scheduling them on a calendar, moving, confirming and cancelling them, under SCH-001..004 and the calendar's capacity. */
@NullMarked
package dev.almanac.commands.item;

import org.jspecify.annotations.NullMarked;
