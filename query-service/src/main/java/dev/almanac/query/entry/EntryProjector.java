package dev.almanac.query.entry;

import java.util.List;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects one-off items and the backfill and catch-up runs of rules into {@link Entries}. An item's state
 * follows the item's aggregate version; a run's follows the rule version on its envelope. A rule's other
 * occurrences are computed from its timeline (ADR 0068). The day documents that serve reads ({@link CalendarDays}) are derived from these
 * states by {@link CalendarDayPlacements}.
 */
public final class EntryProjector implements Projector, ScheduleEvent.Handler<Decision<List<EntityChange<?>>>>,
        OccurrenceEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "entries";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemScheduled scheduled, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, scheduled.itemId().value(), version,
                before -> Entry.scheduled(before, scheduled, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemRescheduled rescheduled, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, rescheduled.itemId().value(), version,
                before -> Entry.rescheduled(before, rescheduled, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemConfirmed confirmed, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, confirmed.itemId().value(), version,
                before -> Entry.confirmed(before, confirmed, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemCancelled cancelled, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, cancelled.itemId().value(), version,
                before -> Entry.cancelled(before, cancelled, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemRestored restored, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, restored.itemId().value(), version,
                before -> Entry.restored(before, restored, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemUnconfirmed unconfirmed, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, unconfirmed.itemId().value(), version,
                before -> Entry.unconfirmed(before, unconfirmed, version));
    }

    /** Each side of a link gets its own event, keyed by its own calendar, so each item's entry records its side. */
    @Override
    public Decision<List<EntityChange<?>>> on(ItemLinked linked, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, linked.itemId().value(), version,
                before -> Entry.linked(before, linked, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemUnlinked unlinked, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, unlinked.itemId().value(), version,
                before -> Entry.unlinked(before, unlinked, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(AttachmentAdded added, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, added.itemId().value(), version,
                before -> Entry.attached(before, added, version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(AttachmentRemoved removed, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, removed.itemId().value(), version,
                before -> Entry.detached(before, removed, version));
    }

    /** A reminder is the dispatcher's and the notifier's; the entry only moves to its version, so a consistency token reaches it. */
    @Override
    public Decision<List<EntityChange<?>>> on(ItemReminderSet set, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, set.itemId().value(), version,
                before -> Entry.touched(before, set.itemId().value(), set.calendarId().value(), set.start(), set.end(), version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemReminderRemoved removed, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, removed.itemId().value(), version,
                before -> Entry.touched(before, removed.itemId().value(), removed.calendarId().value(), removed.start(), removed.end(),
                        version));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ItemUpdated updated, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, updated.itemId().value(), version, before -> Entry.updated(before, updated, version));
    }

    /** The tombstone: the entry stays, marked deleted, so that an older event redelivered cannot bring the item back. */
    @Override
    public Decision<List<EntityChange<?>>> on(ItemDeleted deleted, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, deleted.itemId().value(), version, before -> Entry.deleted(before, deleted, version));
    }

    /**
     * A backfill or catch-up run is an entry of its own: it depends on run reports, not on the rule's events alone. Every
     * other occurrence (in series or moved) is computed from its rule's timeline (ADR 0068) and never stored; the listener
     * skips such records by their header before decoding them, and one without the header (published before it existed)
     * is ignored here.
     */
    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceMaterialized occurrence, EventMetadata envelope) {
        if (occurrence.derivableFromRules()) {
            return Decision.ignore("a rule's occurrence in series or moved is computed from the rule's timeline (ADR 0068)");
        }
        long version = envelope.aggregateVersion();
        return Projector.change(Entries.KIND, occurrence.occurrenceId().value(), version,
                before -> Entry.materialized(before, occurrence, version));
    }

    /** Every withdrawal follows from the rule's events (ADR 0068); a backfill or catch-up run is never withdrawn. */
    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceRetracted retracted, EventMetadata envelope) {
        return Decision.ignore("a withdrawal is computed from the rule's timeline (ADR 0068)");
    }

    /** A missed occurrence stays on its calendar where it was; whether it ran is the run overlay's (the run package's). */
    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceMissed missed, EventMetadata envelope) {
        return Decision.ignore("a missed occurrence keeps its entry where it was; the missed state is a run overlay, not a change of "
                + "the entry");
    }
}
