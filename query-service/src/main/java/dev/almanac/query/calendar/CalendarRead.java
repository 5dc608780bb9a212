package dev.almanac.query.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarRole;

/**
 * A calendar as one caller reads it: the calendar, and the role the caller holds on it, so that a client offers
 * only what the caller may do (UI-IDENTITY). The role is the caller's, so the answer varies by caller (ADR 0060).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarRead(
        @JsonUnwrapped CalendarView calendar,
        @Schema(description = "The caller's role on the calendar (ADR 0027): freebusy sees only when it is busy (ADR 0096), viewer reads, scheduler books and moves, manager "
                + "also changes the calendar and decides its conflicts; absent when the caller has none",
                allowableValues = {"freebusy", "viewer", "scheduler", "manager"}) @Nullable CalendarRole callerRole) {
}
