package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.platform.problem.Violation;

record ItemResponse(
        String id,
        String calendarId,
        String title,
        String type,
        Instant start,
        Instant end,
        String timezone,
        Priority priority,
        List<String> tags,
        @Schema(description = "The resources the item books, as named") List<ResourceBooking> resources,
        Map<String, @Nullable Object> metadata,
        ItemSource source,
        String status,
        long version,
        @Schema(description = "Who owns the item: the user who scheduled it, who with the calendar's managers may change it (ADR 0090)",
                example = "carl") String owner,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "Ids of the items this one depends on; absent when none") List<String> dependencies,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "What the capacity guard warned of: SCH-022 (the calendar at 80 % of its capacity or more), "
                + "SCH-023 (accepted over capacity on a calendar whose overbooking_policy is warn)") List<Violation> warnings) {

    /** @param owner the caller, whom the item records as its owner; a repeat of the creation comes from them alone (ADR 0086) */
    static ItemResponse of(ScheduleItem command, long version, String owner, List<Violation> warnings) {
        return new ItemResponse(command.itemId().value(), command.calendarId().value(), command.title(), command.type(),
                command.start(), command.end(), command.timezone().getId(), command.priority(), command.tags(),
                command.resources(), command.metadata(), command.source(), command.tentative() ? "tentative" : "scheduled", version,
                owner, command.dependencies().stream().map(ItemId::value).toList(), warnings);
    }
}
