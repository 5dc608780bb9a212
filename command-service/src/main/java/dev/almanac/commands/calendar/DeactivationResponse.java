package dev.almanac.commands.calendar;

import org.jspecify.annotations.Nullable;

/** The answer to a deactivation: the calendar takes nothing new from {@code version} on. */
record DeactivationResponse(String id, boolean active, @Nullable String reason, long version) {
}
