package dev.almanac.commands.item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.commands.resource.ResourceRequest;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.problem.ProblemException;

/**
 * {@code POST /api/v1/schedules}: a one-off item on a calendar for {@code [start, end)}. The end
 * may be given as a {@code duration} instead, or left to the calendar's default duration. It may
 * book resources, and carry metadata.
 */
record ScheduleItemRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit")
        @Pattern(regexp = "(?!(window|detailed|rules|bulk-reschedule)$).*",
                message = "is reserved: /api/v1/schedules/{id} would name an endpoint of the API rather than this item") String id,
        @NotBlank String calendarId,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 64) String type,
        @NotNull Instant start,
        @Nullable Instant end,
        @Schema(description = "How long the item lasts, as 90s, 30m or 1h30m, instead of an end; without either the "
                + "calendar's default_duration applies", example = "1h")
        @Nullable @Pattern(regexp = ShortDurations.PATTERN, message = "must be a duration such as 90s, 30m or 1h30m") String duration,
        @NotBlank String timezone,
        @Nullable Priority priority,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> tags,
        @Nullable @Valid OverrideRequest override,
        @Schema(description = "Resources the item books for its whole slot, each at most once, at most "
                + MAX_RESOURCES + "; each must exist (422, rule exists). A booking over a time the resource is unavailable, "
                + "or already booked, is accepted: conflict-detector reports it")
        @Nullable @Size(max = MAX_RESOURCES) List<@NotNull @Valid ResourceRequest> resources,
        @Schema(description = "Free-form JSON object kept with the item, at most 16 KiB as JSON; text and numbers follow the "
                + "input rules of a rule's job_template.payload")
        @Nullable Map<String, @Nullable Object> metadata,
        @Schema(description = "How the item is scheduled: manual (default, by a person) or api (by another system)")
        @Nullable ItemSource source,
        @Schema(description = "Ids of the items this item depends on (F033-DEPENDENCIES), each an item scheduled before it and "
                + "not deleted (422, rule deleted), at most " + MAX_DEPENDENCIES + "; a reschedule with cascade moves an item's dependents with it", example = "[\"item-setup\"]")
        @Nullable @Size(max = MAX_DEPENDENCIES) List<@NotNull String> dependencies,
        @Schema(description = "Seed 003's status to start in: scheduled (default) or tentative, held but not yet firm; a "
                + "tentative item holds its place all the same, and a PUT makes it scheduled (ADR 0084)")
        @Nullable ScheduleStatus status,
        @Schema(description = "Whether the item is private (default false): it is then a busy block, with no title, tags, "
                + "metadata or attachments, to all but its owner, its calendar's managers and the admins (ADR 0096)")
        @JsonProperty("private") @Nullable Boolean privateItem) {

    /** The most resources one item books. */
    static final int MAX_RESOURCES = ResourceRequest.MAX_RESOURCES;
    /** The most bytes an item's metadata takes as JSON. */
    static final int MAX_METADATA_BYTES = 16 * 1024;

    private static final JsonMapper METADATA_SIZE = AlmanacJson.eventMapper();

    /** The most items one item may depend on directly. */
    static final int MAX_DEPENDENCIES = 20;

    /**
     * The command, with its end given, spelt as a duration, or else {@code defaultDuration}.
     *
     * @param defaultDuration the calendar's default duration, asked only when the request gives neither end nor duration
     */
    ScheduleItem toCommand(Supplier<ItemId> newId, Supplier<Duration> defaultDuration) {
        ItemId itemId = id == null ? newId.get() : ItemId.of(id);
        return new ScheduleItem(itemId, calendar(), title.strip(), type.strip(), start,
                end(defaultDuration), Zones.parse("timezone", timezone), priority == null ? Priority.NORMAL : priority,
                tags == null ? List.of() : tags.stream().map(String::strip).distinct().toList(), OverrideRequest.reasonOf(override),
                ResourceRequest.bookings("resources", resources, "an item"), checkedMetadata(),
                source == null ? ItemSource.MANUAL : source, dependencies(itemId), tentative(), Boolean.TRUE.equals(privateItem));
    }

    /** Whether the item starts tentative; any status but scheduled and tentative is reached later, by its own command. */
    private boolean tentative() {
        if (status == null || status == ScheduleStatus.SCHEDULED) {
            return false;
        }
        if (status != ScheduleStatus.TENTATIVE) {
            throw ProblemException.invalid("status", "one_of", "an item is scheduled as scheduled or tentative; "
                    + status.name().toLowerCase(java.util.Locale.ROOT) + " is reached later, by its own command");
        }
        return true;
    }

    private Map<String, @Nullable Object> checkedMetadata() {
        if (metadata == null) {
            return Map.of();
        }
        int bytes = METADATA_SIZE.writeValueAsBytes(metadata).length;
        if (bytes > MAX_METADATA_BYTES) {
            throw ProblemException.invalid("metadata", "size", "metadata takes " + bytes + " bytes as JSON; at most "
                    + MAX_METADATA_BYTES + " are kept with an item");
        }
        return metadata;
    }

    /** Each dependency an item id, named once, and not the item itself. */
    private List<ItemId> dependencies(ItemId itemId) {
        if (dependencies == null) {
            return List.of();
        }
        List<ItemId> parsed = new ArrayList<>();
        for (int index = 0; index < dependencies.size(); index++) {
            String field = "dependencies[" + index + "]";
            ItemId dependency = PathIds.parse(field, dependencies.get(index), ItemId::of);
            if (dependency.equals(itemId)) {
                throw ProblemException.invalid(field, "not_self", "an item cannot depend on itself");
            }
            if (parsed.contains(dependency)) {
                throw ProblemException.invalid(field, "unique", "dependency " + dependency + " is also dependencies["
                        + parsed.indexOf(dependency) + "]; name each item once");
            }
            parsed.add(dependency);
        }
        return parsed;
    }

    /** Whether the end must come from the calendar's default duration. */
    boolean needsDefaultDuration() {
        return end == null && duration == null;
    }

    CalendarId calendar() {
        return PathIds.parse("calendar_id", calendarId, CalendarId::of);
    }

    private Instant end(Supplier<Duration> defaultDuration) {
        if (end != null && duration != null) {
            throw ProblemException.invalid("duration", "one_of", "give end or duration, not both");
        }
        if (end != null) {
            return end;
        }
        // The @Pattern has already refused any other spelling.
        return start.plus(duration == null ? defaultDuration.get() : ShortDurations.parse(duration).orElseThrow());
    }
}
