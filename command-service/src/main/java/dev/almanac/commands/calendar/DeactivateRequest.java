package dev.almanac.commands.calendar;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/calendars/{id}/deactivate}; the body, with its optional reason, may be left out. */
record DeactivateRequest(@Nullable @Size(max = 256) String reason) {
}
