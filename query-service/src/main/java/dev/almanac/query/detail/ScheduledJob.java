package dev.almanac.query.detail;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.EntrySource;

/**
 * One job of a detailed day, in F033-DETAIL/F033-JOB's {@code ScheduledJob} shape. That schema closes the
 * object, so what it has no field for (title, priority, end, kind, resources) travels in {@code metadata}.
 */
@Schema(name = "ScheduledJob", description = "A job (one-off item or rule occurrence) with its calendar context")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledJob(
        @Schema(description = "Item id or occurrence id", example = "item-review") String id,
        @Schema(description = "The calendar the job is on", example = "cal-ballroom") String queue,
        @Schema(description = "The job's type; absent where no event has said it", example = "daily_report") @Nullable String jobType,
        @Schema(type = "string", format = "date-time", description = "Start, with the offset of the requested zone",
                example = "2025-09-14T09:00:00-04:00")
        OffsetDateTime scheduledAt,
        @Schema(description = "Start on the requested zone's wall clock, in the requested time_format", example = "09:00")
        String localTime,
        @Schema(allowableValues = {"manual", "recurring_rule", "api"}) EntrySource source,
        @Schema(description = "The rule an occurrence comes from; absent for items", example = "rule-nightly") @Nullable String ruleId,
        @Schema(description = "How long the job occupies its calendar", example = "5m") String estimatedDuration,
        @Schema(description = "Ids of the items this job depends on; a reschedule with cascade moves its dependents with it")
        List<String> dependencies,
        List<String> tags,
        @Schema(description = "title, priority, kind (item or occurrence), ends_at (UTC), and the resources an item books "
                + "([{resource_id, role}], absent when none); for items attachment_count and has_attachments (DEP-ATTACH), "
                + "linked_to (the primary a follower moves with, LNK-PAIR) and followers")
        Map<String, Object> metadata,
        @Schema(description = "Whether POST /api/v1/schedules/{id}/reschedule accepts it: items yes, unless they follow a "
                + "primary (they move with it); rule occurrences no")
        boolean canReschedule,
        @Schema(minimum = "0") int rescheduleCount) {

    public ScheduledJob {
        dependencies = List.copyOf(dependencies);
        tags = List.copyOf(tags);
        // In the order given, not Map.copyOf's per-JVM order: the body's ETag must be the same on every replica.
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
