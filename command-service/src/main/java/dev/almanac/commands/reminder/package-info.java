/** The request and answer of a reminder command, shared by items' and rules' reminders (seed 004, ADR 0079). */
@NullMarked
package dev.almanac.commands.reminder;

import org.jspecify.annotations.NullMarked;
