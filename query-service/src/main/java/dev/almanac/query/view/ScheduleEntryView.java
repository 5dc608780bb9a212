package dev.almanac.query.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.entry.EntrySource;
import dev.almanac.query.entry.EntryStatus;
import dev.almanac.query.entry.ItemRelations;
import dev.almanac.query.run.DispatchState;
import dev.almanac.query.run.LatestRun;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.query.run.RunState;

/**
 * One item or occurrence by id, with everything its events said: what {@code Location} of a
 * created item points at. Fields no event has said yet are absent (an item whose reschedule was
 * projected before its scheduling has no title).
 */
@Schema(name = "ScheduleEntry", description = "A one-off item or a rule occurrence, by id")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleEntryView(
        @Schema(description = "Item id or occurrence id", example = "item-review") String id,
        EntryKind kind,
        EntrySource source,
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(example = "Quarterly review") @Nullable String title,
        @Schema(example = "meeting") @Nullable String type,
        @Schema(description = "Start instant (UTC)", example = "2026-12-01T15:00:00Z") Instant start,
        @Schema(description = "End instant, exclusive (UTC)", example = "2026-12-01T16:00:00Z") Instant end,
        @Schema(description = "IANA zone the entry was scheduled in", example = "America/New_York") @Nullable String timezone,
        @Schema(description = "Priority of a one-off item; absent for occurrences") @Nullable Priority priority,
        List<String> tags,
        @Schema(description = "The user who scheduled the item, who may change it; anyone else needs the manager role on its "
                + "calendar (ADR 0090). Absent for occurrences, and for items scheduled before owners were recorded, which "
                + "every scheduler of the calendar may change", example = "alice@example.com") @Nullable String owner,
        @Schema(description = "The rule an occurrence comes from; absent for items", example = "rule-nightly") @Nullable String ruleId,
        @Schema(description = "The rule's version the occurrence was computed from") @Nullable Long ruleVersion,
        @Schema(description = "The instant the wall-clock time resolved to, before jitter") @Nullable Instant resolvedAt,
        @Schema(description = "The wall-clock time the cron named, in timezone", example = "2027-03-14T02:30")
        @Nullable String nominalLocalTime,
        @Nullable DstResolution dstResolution,
        @Schema(description = "The tz database release the occurrence was resolved with", example = "2025b") @Nullable String tzdataVersion,
        @Schema(description = "How often the item has been moved") int rescheduleCount,
        @Schema(description = "Start before the last reschedule") @Nullable Instant previousStart,
        @Schema(description = "End before the last reschedule") @Nullable Instant previousEnd,
        @Schema(description = "Reason given for the last reschedule") @Nullable String rescheduleReason,
        @Schema(description = "SCH-STATUS's schedule status: tentative, scheduled (occurrences always), confirmed, rescheduling or "
                + "cancelled; a cancelled item is answered here but left out of windows and calendar entries; a deleted one is "
                + "never answered (404, ADR 0084)") EntryStatus status,
        @Schema(description = "Reason given when the item was cancelled, or why the occurrence was retracted (rule_paused, rule_deleted)") @Nullable String cancelReason,
        @Schema(description = "Aggregate version of the item or occurrence; also the ETag") long version,
        @Schema(description = "Whether POST /api/v1/schedules/{id}/reschedule would take it now: an item that has not "
                + "started and is not cancelled; never a rule occurrence (change its rule). Read at the time of the answer")
        boolean canReschedule,
        @Schema(description = "The entry's latest run as its executor reported it (almanac.runs.v1), a heartbeat beat's latest "
                + "report that accounts for it, or its missed state while that shows; absent where no run was reported")
        @Nullable RunState run,
        @Schema(description = "OPS-STATUS's run-state overlay, as the calendar views give it (ADR 0071): the latest run's "
                + "status or the dispatcher's latest decision, whichever is later; else missed, paused, disabled or scheduled. "
                + "Absent for a cancelled entry") @Nullable RunOverlay runState,
        @Schema(description = "The dispatcher's latest decision on a rule occurrence (almanac.dispatch.v1): its attempt, "
                + "trigger and timeout, why it was skipped, when it is retried; absent where the dispatcher decided nothing "
                + "about it") @Nullable DispatchState dispatch,
        @Schema(description = "The resources an item books, each with its role; absent when it books none")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ResourceBooking> resources,
        @Schema(description = "The free-form object the item was scheduled with; absent for occurrences and items without one")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, @Nullable Object> metadata,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "Ids of the items this item depends on; a reschedule with cascade moves an item's dependents "
                + "with it. Absent when none") List<String> dependencies,
        @Schema(description = "The primary this item follows (LNK-PAIR): it moves and is cancelled with it, offset_seconds "
                + "after its start. Absent when it follows none") @Nullable LinkView linkedTo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "The items that follow this one, by id, each with its offset; absent when none") List<LinkView> followers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "References to attached files (DEP-ATTACH), in the order they were added; absent when none")
        List<AttachmentView> attachments,
        @Schema(description = "How many files are attached to the item; absent for occurrences") @Nullable Integer attachmentCount,
        @Schema(description = "Present when the entry is shown as a busy block (ADR 0096), with its id, calendar, start, end "
                + "and status only: private for a private entry to all but its owner, its calendar's managers and the admins")
        @Nullable BusyBlock busy) {

    public ScheduleEntryView {
        dependencies = List.copyOf(dependencies);
        followers = List.copyOf(followers);
        attachments = List.copyOf(attachments);
    }

    /** One side of a link: the other item, and the follower's start minus the primary's. */
    @Schema(name = "ItemLink")
    public record LinkView(
            @Schema(example = "item-supervisor") String itemId,
            @Schema(description = "The follower's start minus the primary's, in seconds", example = "7200") long offsetSeconds) {
    }

    /** A reference to a file kept elsewhere; Almanac stores the reference, not the file. */
    @Schema(name = "Attachment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttachmentView(
            @Schema(example = "att-slides") String id,
            @Schema(example = "Q4 review slides.pdf") String name,
            @Schema(example = "application/pdf") String mediaType,
            long sizeBytes,
            @Schema(description = "An https URL of the file; absent when storage_key says where it is") @Nullable String url,
            @Schema(description = "The file's key in the client's own store; absent when url says where it is") @Nullable String storageKey) {
    }

    /**
     * @param latest   the entry's runs and the dispatcher's decisions on it ({@link LatestRun#NONE} when neither)
     * @param heldBack {@link RunOverlay#PAUSED} or {@link RunOverlay#DISABLED} when the entry's rule holds it back, else null
     */
    public static ScheduleEntryView of(Entry entry, Instant now, LatestRun latest, @Nullable RunOverlay heldBack) {
        ItemRelations relations = entry.relations();
        boolean item = entry.kind() == EntryKind.ITEM;
        return new ScheduleEntryView(entry.id(), entry.kind(), entry.source(), entry.calendarId(), entry.title(), entry.type(),
                entry.start(), entry.end(), entry.timezone(), entry.priority(), entry.tags(),
                entry.details() == null ? null : entry.details().owner(), entry.ruleId(), entry.ruleVersion(),
                entry.resolvedAt(), entry.nominalLocalTime(), entry.dstResolution(), entry.tzdataVersion(), entry.rescheduleCount(),
                entry.previousStart(), entry.previousEnd(), entry.rescheduleReason(), entry.status(), entry.cancelReason(),
                entry.version(),
                item && entry.status() != EntryStatus.CANCELLED && entry.start().isAfter(now) && relations.primary() == null,
                latest.shownRun(), entry.status() == EntryStatus.CANCELLED ? null : latest.overlay(heldBack), latest.dispatch(),
                entry.resources(), entry.details() == null ? Map.of() : entry.details().metadata(),
                relations.dependencies(),
                relations.primary() == null ? null : new LinkView(relations.primary().itemId(), relations.primary().offsetSeconds()),
                relations.followers().stream().map(link -> new LinkView(link.itemId(), link.offsetSeconds())).toList(),
                relations.attachments().stream().map(attachment -> new AttachmentView(attachment.id(), attachment.name(),
                        attachment.mediaType(), attachment.sizeBytes(), attachment.url(), attachment.storageKey())).toList(),
                item ? relations.attachments().size() : null, null);
    }

    /**
     * The entry as a busy block (ADR 0096): its id, kind, calendar, start, end, status and version, and {@code why}; no
     * title, type, tags, priority, owner, metadata, rule, runs, resources, links or attachments.
     */
    public static ScheduleEntryView busyBlock(Entry entry, BusyBlock why) {
        return new ScheduleEntryView(entry.id(), entry.kind(), EntrySource.of(entry.kind(), null), entry.calendarId(), null, null,
                entry.start(), entry.end(), null, null, List.of(), null, null, null, null, null, null, null, 0, null, null, null,
                entry.status(), null, entry.version(), false, null, null, null, List.of(), Map.of(), List.of(), null, List.of(),
                List.of(), null, why);
    }
}
