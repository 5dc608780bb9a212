package dev.almanac.query.calendar;

import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.query.readmodel.Versioned;

/** A calendar as its read model holds it. */
@Schema(name = "Calendar", description = "A calendar: what can be booked, in which zone, and how many entries it holds at once")
public record CalendarView(
        @Schema(example = "cal-ballroom") String id,
        @Schema(example = "Grand Ballroom") String name,
        @Nullable String description,
        CalendarType type,
        @Schema(type = "string", example = "America/New_York", description = "IANA zone of the calendar's wall clock")
        ZoneId timezone,
        @Schema(description = "How many entries the calendar holds at the same instant", example = "1") int capacity,
        OverbookingPolicy overbookingPolicy,
        @Nullable CalendarOwner owner,
        @Schema(description = "Shortest item the calendar takes (90s, 30m, 1h30m)", example = "15m") String minDuration,
        @Schema(description = "Longest item the calendar takes", example = "720h") String maxDuration,
        @Schema(description = "How long an item scheduled without an end lasts; absent when the calendar has no default",
                example = "1h") @Nullable String defaultDuration,
        @Schema(description = "False once the calendar was deactivated: it takes no new items or rules, and keeps what it holds")
        boolean active,
        @Schema(description = "When the calendar was deactivated (from the event)") @Nullable Instant deactivatedAt,
        @Nullable String deactivationReason,
        @Schema(description = "When the calendar was created (from the event)") Instant createdAt,
        @Schema(description = "Aggregate version of the calendar; also the ETag") long version,
        @JsonIgnore @Schema(hidden = true) @Nullable Instant deletedAt) implements Versioned {

    /** A calendar not deleted. */
    public CalendarView(String id, String name, @Nullable String description, CalendarType type, ZoneId timezone, int capacity,
                        OverbookingPolicy overbookingPolicy, @Nullable CalendarOwner owner, String minDuration, String maxDuration,
                        @Nullable String defaultDuration, boolean active, @Nullable Instant deactivatedAt,
                        @Nullable String deactivationReason, Instant createdAt, long version) {
        this(id, name, description, type, timezone, capacity, overbookingPolicy, owner, minDuration, maxDuration, defaultDuration,
                active, deactivatedAt, deactivationReason, createdAt, version, null);
    }

    /** Whether the calendar was deleted (ADR 0084): its tombstone, which every read treats as no calendar. */
    @JsonIgnore
    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The calendar's tombstone: kept with its version, so an older event redelivered cannot bring it back. */
    public CalendarView deleted(EventMetadata envelope) {
        return new CalendarView(id, name, description, type, timezone, capacity, overbookingPolicy, owner, minDuration,
                maxDuration, defaultDuration, false, deactivatedAt == null ? envelope.time() : deactivatedAt, deactivationReason,
                createdAt, envelope.aggregateVersion(), envelope.time());
    }

    /** A calendar as its creation made it; the time comes from the envelope, never from the clock. */
    public static CalendarView created(CalendarCreated created, EventMetadata envelope) {
        ItemDurations durations = created.durations();
        return new CalendarView(created.calendarId().value(), created.name(), created.description(), created.type(),
                created.timezone(), created.capacity(), created.overbookingPolicy(), created.owner(),
                ShortDurations.format(durations.minimum()), ShortDurations.format(durations.maximum()),
                durations.defaultDuration().map(ShortDurations::format).orElse(null), true, null, null,
                envelope.time(), envelope.aggregateVersion());
    }

    /** The calendar with its whole new definition; when and whether it was created or deactivated stays. */
    public static CalendarView updated(@Nullable CalendarView before, CalendarUpdated updated, EventMetadata envelope) {
        ItemDurations durations = updated.itemDurations();
        return new CalendarView(updated.calendarId().value(), updated.name(), updated.description(), updated.type(),
                updated.timezone(), updated.capacity(), updated.overbookingPolicy(), updated.owner(),
                ShortDurations.format(durations.minimum()), ShortDurations.format(durations.maximum()),
                durations.defaultDuration().map(ShortDurations::format).orElse(null),
                before == null || before.active(), before == null ? null : before.deactivatedAt(),
                before == null ? null : before.deactivationReason(),
                before == null ? envelope.time() : before.createdAt(), envelope.aggregateVersion());
    }

    /**
     * The calendar deactivated. The creation always comes first on the calendar's partition, so
     * {@code before} is there; a rebuild replays the partition in order.
     */
    public CalendarView deactivated(CalendarDeactivated deactivated, EventMetadata envelope) {
        return new CalendarView(id, name, description, type, timezone, capacity, overbookingPolicy, owner, minDuration,
                maxDuration, defaultDuration, false, envelope.time(), deactivated.reason(), createdAt,
                envelope.aggregateVersion());
    }
}
