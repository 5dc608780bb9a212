package dev.almanac.query.calendar;

import java.time.Instant;
import java.time.ZoneId;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.query.readmodel.Versioned;

/** A calendar as its read model holds it. */
@Schema(name = "Calendar", description = "A calendar: what can be booked, in which zone, and how many entries it holds at once")
public record CalendarView(
        @Schema(example = "cal-ballroom") String id,
        @Schema(example = "Grand Ballroom") String name,
        CalendarType type,
        @Schema(type = "string", example = "America/New_York", description = "IANA zone of the calendar's wall clock")
        ZoneId timezone,
        @Schema(description = "How many entries the calendar holds at the same instant", example = "1") int capacity,
        OverbookingPolicy overbookingPolicy,
        @Schema(description = "When the calendar was created (from the event)") Instant createdAt,
        @Schema(description = "Aggregate version of the calendar; also the ETag") long version) implements Versioned {

    /** A calendar as its creation made it; the time comes from the envelope, never from the clock. */
    public static CalendarView created(CalendarCreated created, EventMetadata envelope) {
        return new CalendarView(created.calendarId().value(), created.name(), created.type(), created.timezone(),
                created.capacity(), created.overbookingPolicy(), envelope.time(), envelope.aggregateVersion());
    }
}
