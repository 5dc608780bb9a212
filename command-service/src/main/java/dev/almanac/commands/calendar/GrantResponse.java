package dev.almanac.commands.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarRole;

/** A user's grant on a calendar as it stands after the command: {@code role} is null once revoked. */
record GrantResponse(String calendarId, String userId, @Nullable CalendarRole role, long version) {
}
