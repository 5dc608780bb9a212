package dev.almanac.commands.item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;

/**
 * {@code PUT /api/v1/schedules/{id}} (seed 003): the fields of an item a person may change. A field left out stays as
 * it is. The read-only fields of the item, as {@code GET /api/v1/schedules/{id}} shows them, are named here only so that
 * a body that carries one is refused with a problem that names it (400, rule {@code read_only}), rather than as an
 * unknown field: a client that sends back what it read learns which field to leave out, and how to change it.
 */
record UpdateItemRequest(
        @Nullable @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 200) String title,
        @Nullable @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 64) String type,
        @Nullable Priority priority,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> tags,
        @Schema(description = "tentative, scheduled or rescheduling, along seed 003's transitions (409, rule "
                + "status_transition); confirmed and cancelled are reached by POST .../confirm and .../cancel")
        @Nullable ScheduleStatus status,
        @Schema(description = "Whether the item is private: a busy block to all but its owner, its calendar's managers and the "
                + "admins (ADR 0096)")
        @JsonProperty("private") @Nullable Boolean privateItem,
        @Schema(hidden = true) @Nullable Object id,
        @Schema(hidden = true) @Nullable Object kind,
        @Schema(hidden = true) @Nullable Object source,
        @Schema(hidden = true) @Nullable Object calendarId,
        @Schema(hidden = true) @Nullable Object start,
        @Schema(hidden = true) @Nullable Object end,
        @Schema(hidden = true) @Nullable Object duration,
        @Schema(hidden = true) @Nullable Object localStart,
        @Schema(hidden = true) @Nullable Object timezone,
        @Schema(hidden = true) @Nullable Object resources,
        @Schema(hidden = true) @Nullable Object dependencies,
        @Schema(hidden = true) @Nullable Object metadata,
        @Schema(hidden = true) @Nullable Object override,
        @Schema(hidden = true) @Nullable Object version,
        @Schema(hidden = true) @Nullable Object rescheduleCount,
        @Schema(hidden = true) @Nullable Object previousStart,
        @Schema(hidden = true) @Nullable Object previousEnd,
        @Schema(hidden = true) @Nullable Object rescheduleReason,
        @Schema(hidden = true) @Nullable Object cancelReason,
        @Schema(hidden = true) @Nullable Object ruleId,
        @Schema(hidden = true) @Nullable Object linkedTo,
        @Schema(hidden = true) @Nullable Object followers,
        @Schema(hidden = true) @Nullable Object attachments,
        @Schema(hidden = true) @Nullable Object canReschedule,
        @Schema(hidden = true) @Nullable Object owner) {

    /** A text with at least one character that is not white space; null passes, as a field left out. */
    static final String NOT_BLANK = "(?s).*\\S.*";

    /** How each read-only field is changed instead, if it can be. */
    private static final Map<String, String> INSTEAD = Map.of(
            "start", "move the item with POST /api/v1/schedules/{id}/reschedule",
            "end", "move the item with POST /api/v1/schedules/{id}/reschedule; its duration is fixed when it is scheduled",
            "duration", "its duration is fixed when it is scheduled",
            "local_start", "move the item with POST /api/v1/schedules/{id}/reschedule",
            "calendar_id", "an item stays on its calendar: schedule a new item on the other calendar and delete this one",
            "linked_to", "link and unlink with POST and DELETE /api/v1/schedules/{id}/links",
            "followers", "link and unlink with POST and DELETE /api/v1/schedules/{id}/links",
            "attachments", "attach and detach with POST and DELETE /api/v1/schedules/{id}/attachments",
            "version", "send the version as If-Match: \"<version>\"",
            "owner", "an item's owner is who scheduled it; a manager of its calendar changes it without owning it (ADR 0090)");

    /** @throws ProblemException 400 naming each read-only field the body carries, rule {@code read_only} */
    void rejectReadOnly() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("id", id);
        given.put("kind", kind);
        given.put("source", source);
        given.put("calendar_id", calendarId);
        given.put("start", start);
        given.put("end", end);
        given.put("duration", duration);
        given.put("local_start", localStart);
        given.put("timezone", timezone);
        given.put("resources", resources);
        given.put("dependencies", dependencies);
        given.put("metadata", metadata);
        given.put("override", override);
        given.put("version", version);
        given.put("reschedule_count", rescheduleCount);
        given.put("previous_start", previousStart);
        given.put("previous_end", previousEnd);
        given.put("reschedule_reason", rescheduleReason);
        given.put("cancel_reason", cancelReason);
        given.put("rule_id", ruleId);
        given.put("linked_to", linkedTo);
        given.put("followers", followers);
        given.put("attachments", attachments);
        given.put("can_reschedule", canReschedule);
        given.put("owner", owner);
        List<Violation> violations = given.entrySet().stream()
                .filter(field -> field.getValue() != null)
                .map(field -> new Violation(field.getKey(), "read_only", field.getKey() + " is read-only for a PUT, which changes "
                        + "only title, type, priority, tags, status and private" + (INSTEAD.containsKey(field.getKey())
                        ? "; " + INSTEAD.get(field.getKey()) : "")))
                .toList();
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    UpdateItem toCommand(ItemId itemId, @Nullable Long expectedVersion) {
        // Read as a scheduling reads them: titles and types without surrounding space, each tag once.
        return new UpdateItem(itemId, title == null ? null : title.strip(), type == null ? null : type.strip(), priority,
                tags == null ? null : tags.stream().map(String::strip).distinct().toList(), status, expectedVersion, privateItem);
    }
}
