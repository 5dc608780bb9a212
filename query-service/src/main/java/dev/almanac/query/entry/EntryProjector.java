package dev.almanac.query.entry;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.List;

import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;

import dev.almanac.events.EntryKind;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;

/**
 * Projects one-off items and materialised occurrences into {@link Entries#COLLECTION}. An
 * item's document follows the item's aggregate version; an occurrence's follows the
 * occurrence's own version from the envelope.
 */
public final class EntryProjector implements Projector, ScheduleEvent.Handler<Decision<List<ReadModelWrite>>>,
        OccurrenceEvent.Handler<Decision<List<ReadModelWrite>>> {

    @Override
    public String name() {
        return "entries";
    }

    @Override
    public Decision<List<ReadModelWrite>> on(ItemScheduled scheduled, EventMetadata envelope) {
        return Projector.writes(write(envelope, scheduled.itemId().value(), scheduled(scheduled)));
    }

    @Override
    public Decision<List<ReadModelWrite>> on(ItemRescheduled rescheduled, EventMetadata envelope) {
        return Projector.writes(write(envelope, rescheduled.itemId().value(), rescheduled(rescheduled)));
    }

    @Override
    public Decision<List<ReadModelWrite>> on(OccurrenceMaterialized occurrence, EventMetadata envelope) {
        return Projector.writes(write(envelope, occurrence.occurrenceId().value(), materialized(occurrence)));
    }

    private static ReadModelWrite write(EventMetadata envelope, String entryId, Bson update) {
        return new ReadModelWrite(Entries.COLLECTION, entryId, envelope.aggregateVersion(), update);
    }

    private static Bson scheduled(ItemScheduled item) {
        return Updates.combine(
                Updates.set(Entries.KIND, wire(EntryKind.ITEM)),
                Updates.set(Entries.SOURCE, wire(EntrySource.MANUAL)),
                Updates.set(Entries.CALENDAR_ID, item.calendarId().value()),
                Updates.set(Entries.TITLE, item.title()),
                Updates.set(Entries.TYPE, item.type()),
                Updates.set(Entries.START, item.start()),
                Updates.set(Entries.END, item.end()),
                Updates.set(Entries.TIMEZONE, item.timezone().getId()),
                Updates.set(Entries.PRIORITY, wire(item.priority())),
                Updates.set(Entries.TAGS, item.tags()),
                Updates.setOnInsert(Entries.RESCHEDULE_COUNT, 0));
    }

    /** Moves the entry; the count goes up once per reschedule because the version guard lets each event in once. */
    private static Bson rescheduled(ItemRescheduled item) {
        return Updates.combine(
                Updates.set(Entries.KIND, wire(EntryKind.ITEM)),
                Updates.set(Entries.SOURCE, wire(EntrySource.MANUAL)),
                Updates.set(Entries.CALENDAR_ID, item.calendarId().value()),
                Updates.set(Entries.START, item.start()),
                Updates.set(Entries.END, item.end()),
                Updates.set(Entries.PREVIOUS_START, item.previousStart()),
                Updates.set(Entries.RESCHEDULE_REASON, item.reason()),
                Updates.inc(Entries.RESCHEDULE_COUNT, 1));
    }

    private static Bson materialized(OccurrenceMaterialized occurrence) {
        return Updates.combine(
                Updates.set(Entries.KIND, wire(EntryKind.OCCURRENCE)),
                Updates.set(Entries.SOURCE, wire(EntrySource.RECURRING_RULE)),
                Updates.set(Entries.CALENDAR_ID, occurrence.calendarId().value()),
                Updates.set(Entries.TITLE, occurrence.title()),
                Updates.set(Entries.TYPE, occurrence.type()),
                Updates.set(Entries.START, occurrence.start()),
                Updates.set(Entries.END, occurrence.end()),
                Updates.set(Entries.TIMEZONE, occurrence.timezone().getId()),
                Updates.set(Entries.TAGS, List.of()),
                Updates.set(Entries.RULE_ID, occurrence.ruleId().value()),
                Updates.set(Entries.RULE_VERSION, occurrence.ruleVersion()),
                Updates.set(Entries.RESOLVED_AT, occurrence.resolvedAt()),
                Updates.set(Entries.NOMINAL_LOCAL_TIME, occurrence.nominalLocalTime().toString()),
                Updates.set(Entries.DST_RESOLUTION, wire(occurrence.dstResolution())),
                Updates.set(Entries.TZDATA_VERSION, occurrence.tzdataVersion()),
                Updates.setOnInsert(Entries.RESCHEDULE_COUNT, 0));
    }
}
