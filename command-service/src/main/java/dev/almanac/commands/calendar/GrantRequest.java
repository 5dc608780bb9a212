package dev.almanac.commands.calendar;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;

/** {@code POST /api/v1/calendars/{id}/grants}: who gets which role on the calendar, and why. */
record GrantRequest(
        @Schema(description = "The user: a bearer token's subject", example = "alice@example.com")
        @NotNull @Pattern(regexp = UserId.PATTERN, message = "must be a user id: 1-128 letters, digits or . _ : @ | + - starting with a letter or digit")
        String userId,
        @NotNull CalendarRole role,
        @Nullable @Size(max = 256) String reason) {
}
