package dev.almanac.commands.calendar;

import java.time.ZoneId;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.OverbookingPolicy;

/** What scheduling on a calendar must respect. */
public record CalendarTerms(CalendarId calendarId, ZoneId timezone, int capacity, OverbookingPolicy overbookingPolicy) {
}
