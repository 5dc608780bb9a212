package dev.almanac.tui.api;

/** A calendar (a queue) the caller may read. */
public record CalendarInfo(String id, String name, String timezone) {
}
