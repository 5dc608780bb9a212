package dev.almanac.query.entry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.run.DispatchState;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.query.run.RunState;

/** One entry of a calendar: a one-off item or an occurrence of a rule. */
@Schema(name = "CalendarEntry")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(
        @Schema(description = "Item id or occurrence id", example = "item-review") String id,
        EntryKind kind,
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(example = "Quarterly review") String title,
        @Schema(example = "meeting") String type,
        @Schema(description = "Start instant (UTC)", example = "2026-12-01T15:00:00Z") Instant start,
        @Schema(description = "End instant, exclusive (UTC)", example = "2026-12-01T16:00:00Z") Instant end,
        @Schema(type = "string", format = "date-time", description = "The start on the calendar's wall clock, with its offset",
                example = "2026-12-01T10:00:00-05:00")
        OffsetDateTime localStart,
        @Schema(type = "string", description = "IANA zone the entry was scheduled in", example = "America/New_York")
        ZoneId timezone,
        EntrySource source,
        @Schema(description = "The rule an occurrence comes from; absent for items", example = "rule-nightly")
        @Nullable String ruleId,
        @Schema(description = "Priority of a one-off item; absent for occurrences") @Nullable Priority priority,
        List<String> tags,
        @Schema(description = "How often the item has been moved") long rescheduleCount,
        @Schema(description = "Aggregate version of the item or occurrence") long version,
        @Schema(description = "The entry's latest run as its executor reported it (almanac.runs.v1), or its missed state "
                + "while that shows; absent where no run was reported or the read does not overlay runs (calendar views do)")
        @Nullable RunState run,
        @Schema(description = "OPS-STATUS's run-state overlay, ranked by attempt and then by step (ADR 0071): the latest "
                + "run's status (running, succeeded, failed) or the dispatcher's latest decision (dispatched, buffered, "
                + "skipped, timed_out, retry_scheduled, retries_exhausted), whichever is later; a later attempt outranks an "
                + "earlier one, and a run report outranks the bare dispatch of its attempt. Else missed when rule-expander "
                + "found no run reported in time (over a dispatch or buffer that waited in vain); else paused or disabled "
                + "while the entry's rule holds it back; else scheduled. Absent where the read does not overlay runs "
                + "(calendar views do)") @Nullable RunOverlay runState,
        @Schema(description = "The dispatcher's latest decision on a rule occurrence (almanac.dispatch.v1): its attempt, "
                + "trigger and timeout, why it was skipped, when it is retried. Absent where the dispatcher decided nothing "
                + "about it or the read does not overlay runs") @Nullable DispatchState dispatch,
        @Schema(description = "The resources an item books, each with its role; absent when it books none")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ResourceBooking> resources,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "Ids of the items this item depends on; absent when none") List<String> dependencies,
        @Schema(description = "The primary this item follows (LNK-PAIR): it moves and is cancelled with it; absent when it "
                + "follows none") @Nullable String linkedTo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "Ids of the items that follow this one; absent when none") List<String> followers,
        @Schema(description = "How many files are attached to the item (DEP-ATTACH); absent for occurrences") @Nullable Integer attachmentCount,
        @Schema(description = "Seed 003's schedule status: tentative, scheduled (every occurrence), confirmed or rescheduling; "
                + "cancelled and deleted items are on no page") EntryStatus status,
        @Schema(description = "Present when the entry is shown as a busy block (ADR 0096), with its id, calendar, start and end "
                + "only: busy to a caller who sees only when the calendar is busy (a freebusy grant), private for a private "
                + "entry to all but its owner, its calendar's managers and the admins") @Nullable BusyBlock busy) {

    public EntryView {
        resources = List.copyOf(resources);
        dependencies = List.copyOf(dependencies);
        followers = List.copyOf(followers);
    }

    /** This entry with its overlay: its latest run and the dispatcher's latest decision, or none, and the state a view shows. */
    public EntryView withOverlay(@Nullable RunState latest, @Nullable DispatchState dispatch, RunOverlay state) {
        return new EntryView(id, kind, calendarId, title, type, start, end, localStart, timezone, source, ruleId, priority, tags,
                rescheduleCount, version, latest, state, dispatch, resources, dependencies, linkedTo, followers, attachmentCount,
                status, busy);
    }

    /**
     * This entry as a busy block (ADR 0096): its id, kind, calendar, start, end, status and version, and {@code why}; no
     * title or type (both empty, as for an entry whose scheduling was never projected, so that every export still
     * renders it), tags, priority, rule, runs, resources, links or attachments.
     */
    public EntryView asBusyBlock(BusyBlock why) {
        return new EntryView(id, kind, calendarId, "", "", start, end, localStart, timezone, EntrySource.of(kind, null), null, null,
                List.of(), 0, version, null, null, null, List.of(), List.of(), null, List.of(), null, status, why);
    }
}
