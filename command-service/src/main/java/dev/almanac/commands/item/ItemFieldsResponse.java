package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.events.schedule.Priority;

/**
 * The answer to a PUT: the item's own fields as they stand now, where it stands, who changed it and when, and
 * {@code audit_id}, the id of the stored event that records the change (the earlier one when nothing changed).
 */
record ItemFieldsResponse(
        String id,
        String calendarId,
        String title,
        String type,
        Priority priority,
        List<String> tags,
        @Schema(description = "Seed 003's schedule status") ItemStatus status,
        Instant start,
        Instant end,
        Instant changedAt,
        String changedBy,
        String auditId,
        long version) {

    static ItemFieldsResponse of(String itemId, FieldsChanged done, String actor) {
        return new ItemFieldsResponse(itemId, done.calendarId().value(), done.fields().title(), done.fields().type(),
                done.fields().priority(), done.fields().tags(), ItemStatus.of(done.fields().status()), done.slot().start(),
                done.slot().end(), done.at(), actor, done.eventId(), done.version());
    }
}
