package dev.almanac.query.entry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.readmodel.Versioned;

/**
 * A calendar entry as its own read model holds it: a one-off item or a rule's backfill or catch-up run (or, for a read by id, an occurrence computed from its rule),
 * with everything its events said. Each transition keeps what its event does not mention, as the
 * fields of a document it updates would stay. Fields are null where no event has said them yet
 * (an item rescheduled before its scheduling was projected has no title). {@code relations} are an
 * item's dependencies, links and attachments; an occurrence has none.
 */
public record Entry(
        String id,
        EntryKind kind,
        String calendarId,
        @Nullable String title,
        @Nullable String type,
        Instant start,
        Instant end,
        @Nullable String timezone,
        @Nullable Priority priority,
        List<String> tags,
        @Nullable String ruleId,
        @Nullable Long ruleVersion,
        @Nullable Instant resolvedAt,
        @Nullable String nominalLocalTime,
        @Nullable DstResolution dstResolution,
        @Nullable String tzdataVersion,
        int rescheduleCount,
        @Nullable Instant previousStart,
        @Nullable Instant previousEnd,
        @Nullable String rescheduleReason,
        EntryStatus status,
        @Nullable String cancelReason,
        @Nullable ItemDetails details,
        long version,
        ItemRelations relations) implements Versioned {

    public Entry {
        tags = List.copyOf(tags);
    }

    /**
     * The resources an item or an occurrence books (an occurrence its rule's, ADR 0029); none for an
     * item whose scheduling was not projected yet.
     */
    public List<ResourceBooking> resources() {
        return details == null ? List.of() : details.resources();
    }

    private static ItemRelations relationsOf(@Nullable Entry before) {
        return before == null ? ItemRelations.NONE : before.relations;
    }

    /** Whether the entry holds a place on its calendar: every entry but a cancelled item or a retracted occurrence. */
    public boolean isOnCalendar() {
        return status != EntryStatus.CANCELLED && status != EntryStatus.DELETED;
    }

    /** Whether the item was deleted (ADR 0084): it is on no calendar day and a read of it answers 404. */
    public boolean isDeleted() {
        return status == EntryStatus.DELETED;
    }

    public EntrySource source() {
        return EntrySource.of(kind, details == null ? null : details.source());
    }

    public static Entry scheduled(@Nullable Entry before, ItemScheduled item, long version) {
        return new Entry(item.itemId().value(), EntryKind.ITEM, item.calendarId().value(), item.title(), item.type(),
                item.start(), item.end(), item.timezone().getId(), item.priority(), item.tags(),
                before == null ? null : before.ruleId, before == null ? null : before.ruleVersion,
                before == null ? null : before.resolvedAt, before == null ? null : before.nominalLocalTime,
                before == null ? null : before.dstResolution, before == null ? null : before.tzdataVersion,
                before == null ? 0 : before.rescheduleCount,
                before == null ? null : before.previousStart, before == null ? null : before.previousEnd,
                before == null ? null : before.rescheduleReason, item.startsTentative() ? EntryStatus.TENTATIVE : EntryStatus.SCHEDULED,
                null, ItemDetails.of(item), version,
                before == null ? ItemRelations.dependingOn(item.dependencies())
                        : new ItemRelations(item.dependencies().stream().map(ItemId::value).toList(), before.relations.primary(),
                                before.relations.followers(), before.relations.attachments()));
    }

    /** Moves the item; the count goes up once per reschedule because the version guard lets each event in once. */
    public static Entry rescheduled(@Nullable Entry before, ItemRescheduled moved, long version) {
        return new Entry(moved.itemId().value(), EntryKind.ITEM, moved.calendarId().value(),
                before == null ? null : before.title, before == null ? null : before.type,
                moved.start(), moved.end(),
                before == null ? null : before.timezone, before == null ? null : before.priority,
                before == null ? List.of() : before.tags,
                before == null ? null : before.ruleId, before == null ? null : before.ruleVersion,
                before == null ? null : before.resolvedAt, before == null ? null : before.nominalLocalTime,
                before == null ? null : before.dstResolution, before == null ? null : before.tzdataVersion,
                (before == null ? 0 : before.rescheduleCount) + 1,
                moved.previousStart(), moved.previousEnd(), moved.reason(), EntryStatus.afterMove(before == null ? null : before.status),
                null, before == null ? null : before.details, version, relationsOf(before));
    }

    /** Confirms the item where the event says it is; a later move withdraws the confirmation, as on the command side. */
    public static Entry confirmed(@Nullable Entry before, ItemConfirmed confirmed, long version) {
        return withStatus(before, confirmed.itemId().value(), confirmed.calendarId().value(), confirmed.start(), confirmed.end(),
                EntryStatus.CONFIRMED, null, version, relationsOf(before));
    }

    /**
     * Cancels the item. It keeps what its other events said and the slot it released, so it can
     * still be answered by id; its copies leave every calendar day ({@link CalendarDayPlacements}).
     */
    public static Entry cancelled(@Nullable Entry before, ItemCancelled cancelled, long version) {
        return withStatus(before, cancelled.itemId().value(), cancelled.calendarId().value(), cancelled.start(), cancelled.end(),
                EntryStatus.CANCELLED, cancelled.reason(), version, relationsOf(before));
    }

    /** An undone cancellation: the item is on its calendar again where it was, and its copies return to the days. */
    public static Entry restored(@Nullable Entry before, ItemRestored restored, long version) {
        Entry back = withStatus(before, restored.itemId().value(), restored.calendarId().value(), restored.start(), restored.end(),
                EntryStatus.SCHEDULED, null, version, relationsOf(before));
        return back.title() == null ? back.withTitle(restored.title()) : back;
    }

    /** An undone confirmation: scheduled where it stands. */
    public static Entry unconfirmed(@Nullable Entry before, ItemUnconfirmed unconfirmed, long version) {
        return withStatus(before, unconfirmed.itemId().value(), unconfirmed.calendarId().value(), unconfirmed.start(),
                unconfirmed.end(), EntryStatus.SCHEDULED, null, version, relationsOf(before));
    }

    /** A person's PUT: the item's own fields as the event gives them now; where it stands stays (a PUT never moves it). */
    public static Entry updated(@Nullable Entry before, ItemUpdated updated, long version) {
        Entry base = withStatus(before, updated.itemId().value(), updated.calendarId().value(), updated.start(), updated.end(),
                EntryStatus.of(updated.current().status()), null, version, relationsOf(before));
        return new Entry(base.id, base.kind, base.calendarId, updated.current().title(), updated.current().type(), base.start, base.end,
                base.timezone, updated.current().priority(), updated.current().tags(), base.ruleId, base.ruleVersion, base.resolvedAt,
                base.nominalLocalTime, base.dstResolution, base.tzdataVersion, base.rescheduleCount, base.previousStart,
                base.previousEnd, base.rescheduleReason, base.status, base.cancelReason,
                base.details == null ? null : base.details.withPrivate(updated.current().keptPrivate()), version, base.relations);
    }

    /** Whether the entry is private itself (ADR 0096): an item marked so; an occurrence is private by its rule, not here. */
    public boolean keptPrivate() {
        return details != null && details.privateItem();
    }

    /** The item's tombstone (ADR 0084): it leaves every calendar day, and a read of it answers 404. */
    public static Entry deleted(@Nullable Entry before, ItemDeleted deleted, long version) {
        return withStatus(before, deleted.itemId().value(), deleted.calendarId().value(), deleted.start(), deleted.end(),
                EntryStatus.DELETED, deleted.reason(), version, relationsOf(before));
    }

    /** Linked to another item, as primary or follower; where the item stands and its status stay as they were. */
    public static Entry linked(@Nullable Entry before, ItemLinked linked, long version) {
        return withRelations(before, linked.itemId().value(), linked.calendarId().value(), linked.start(), linked.end(),
                relationsOf(before).linked(linked), version);
    }

    public static Entry unlinked(@Nullable Entry before, ItemUnlinked unlinked, long version) {
        return withRelations(before, unlinked.itemId().value(), unlinked.calendarId().value(), unlinked.start(), unlinked.end(),
                relationsOf(before).unlinked(unlinked), version);
    }

    public static Entry attached(@Nullable Entry before, AttachmentAdded added, long version) {
        return withRelations(before, added.itemId().value(), added.calendarId().value(), added.start(), added.end(),
                relationsOf(before).attached(added), version);
    }

    public static Entry detached(@Nullable Entry before, AttachmentRemoved removed, long version) {
        return withRelations(before, removed.itemId().value(), removed.calendarId().value(), removed.start(), removed.end(),
                relationsOf(before).detached(removed), version);
    }

    /**
     * The entry as it was, at {@code version}: an event of the item that changes nothing shown here (a reminder). It stays
     * where it stands; the event's slot places only an entry not seen yet.
     */
    public static Entry touched(@Nullable Entry before, String itemId, String calendarId, Instant start, Instant end, long version) {
        return before == null ? withRelations(null, itemId, calendarId, start, end, relationsOf(null), version)
                : withRelations(before, itemId, before.calendarId, before.start, before.end, relationsOf(before), version);
    }

    private static Entry withRelations(@Nullable Entry before, String itemId, String calendarId, Instant start, Instant end,
                                       ItemRelations relations, long version) {
        return withStatus(before, itemId, calendarId, start, end, before == null ? EntryStatus.SCHEDULED : before.status,
                before == null ? null : before.cancelReason, version, relations);
    }

    private Entry withTitle(String newTitle) {
        return new Entry(id, kind, calendarId, newTitle, type, start, end, timezone, priority, tags, ruleId, ruleVersion, resolvedAt,
                nominalLocalTime, dstResolution, tzdataVersion, rescheduleCount, previousStart, previousEnd, rescheduleReason,
                status, cancelReason, details, version, relations);
    }

    private static Entry withStatus(@Nullable Entry before, String itemId, String calendarId, Instant start, Instant end,
                                    EntryStatus status, @Nullable String cancelReason, long version, ItemRelations relations) {
        return new Entry(itemId, EntryKind.ITEM, calendarId,
                before == null ? null : before.title, before == null ? null : before.type,
                start, end,
                before == null ? null : before.timezone, before == null ? null : before.priority,
                before == null ? List.of() : before.tags,
                null, null, null, null, null, null,
                before == null ? 0 : before.rescheduleCount,
                before == null ? null : before.previousStart, before == null ? null : before.previousEnd,
                before == null ? null : before.rescheduleReason, status, cancelReason, before == null ? null : before.details, version,
                relations);
    }

    public static Entry materialized(@Nullable Entry before, OccurrenceMaterialized occurrence, long version) {
        return new Entry(occurrence.occurrenceId().value(), EntryKind.OCCURRENCE, occurrence.calendarId().value(),
                occurrence.title(), occurrence.type(), occurrence.start(), occurrence.end(), occurrence.timezone().getId(),
                before == null ? null : before.priority, List.of(),
                occurrence.ruleId().value(), occurrence.ruleVersion(), occurrence.resolvedAt(),
                occurrence.nominalLocalTime().toString(), occurrence.dstResolution(), occurrence.tzdataVersion(),
                before == null ? 0 : before.rescheduleCount,
                before == null ? null : before.previousStart, before == null ? null : before.previousEnd,
                before == null ? null : before.rescheduleReason, EntryStatus.SCHEDULED, null, ItemDetails.of(occurrence), version,
                ItemRelations.NONE);
    }

    /**
     * An occurrence its rule withdrew (a pause, a deletion, an update that no longer produces it, a cancellation): what it
     * was when it stood, with status cancelled and why ({@code rule_paused}, {@code rule_deleted}, ...), at the version of
     * the rule event that withdrew it. It is answered by id, and on no calendar day.
     */
    public Entry withdrawn(String reason, long withdrawnAt) {
        return new Entry(id, kind, calendarId, title, type, start, end, timezone, priority, tags, ruleId, ruleVersion, resolvedAt,
                nominalLocalTime, dstResolution, tzdataVersion, rescheduleCount, previousStart, previousEnd, rescheduleReason,
                EntryStatus.CANCELLED, reason, details, withdrawnAt, relations);
    }
}
