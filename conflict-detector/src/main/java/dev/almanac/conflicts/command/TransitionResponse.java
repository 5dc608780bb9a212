package dev.almanac.conflicts.command;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.events.conflict.ConflictStatus;

/** A conflict after a lifecycle command: its new status and version (also the ETag), when and by whom. */
@Schema(name = "ConflictTransition")
public record TransitionResponse(
        String id,
        String calendarId,
        ConflictStatus status,
        @Schema(description = "The conflict's version after the command; pass it as If-Match to the next one") long version,
        Instant at,
        String by) {
}
