package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/** Reads the shared event samples, as the consumer side of the message contract. */
class EntryProjectorTest {

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("entry_projector");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void writesTheItemToItsOwnDocumentAtTheEnvelopeVersion() {
        ItemScheduled item = EventSamples.itemScheduled();

        EntityChange<?> change = ConsumerContract.handled(new EntryProjector().on(item, Received.metadata(item, 7, Received.TIME))).get(0);

        assertThat(change.kind().collection()).isEqualTo(Entries.COLLECTION);
        assertThat(change.id()).isEqualTo(item.itemId().value());
        assertThat(change.version()).isEqualTo(7);
    }

    @Test
    void projectsAScheduledItemWithTheResourcesItBooksItsMetadataSourceAndOwner() {
        ItemScheduled item = EventSamples.itemScheduled();

        assertThat(apply(item, 0)).isEqualTo(ProjectionOutcome.APPLIED);

        Document entry = entry(item.itemId().value());
        assertThat(entry)
                .containsEntry("kind", "item")
                .containsEntry("source", "api")
                .containsEntry("resources", List.of(new Document("resource_id", "res-ballroom").append("role", "primary"),
                        new Document("resource_id", "res-projector").append("role", "secondary")))
                .containsEntry("metadata", "{\"cost_center\":\"FIN-204\",\"attendees\":12}")
                .containsEntry("owner", "user-123")
                .containsEntry("calendar_id", item.calendarId().value())
                .containsEntry("title", item.title())
                .containsEntry("type", item.type())
                .containsEntry("start", Date.from(item.start()))
                .containsEntry("end", Date.from(item.end()))
                .containsEntry("timezone", item.timezone().getId())
                .containsEntry("priority", "normal")
                .containsEntry("tags", item.tags())
                .containsEntry("reschedule_count", 0)
                .containsEntry("version", 0L);
    }

    /** ADR 0084: the tombstone stays at its version, so the item's older events, redelivered, cannot bring it back. */
    @Test
    void aPutChangesTheFieldsAndATombstoneKeepsTheItemOffEveryDayAgainstRedeliveries() {
        ItemScheduled item = EventSamples.itemScheduled();
        ItemFields before = new ItemFields(item.title(), item.type(), item.priority(), item.tags(), ScheduleStatus.SCHEDULED);
        ItemFields after = new ItemFields("Renamed", "workshop", Priority.HIGH, List.of("board"), ScheduleStatus.RESCHEDULING);
        assertThat(apply(item, 0)).isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(apply(new ItemUpdated(item.itemId(), item.calendarId(), item.start(), item.end(), before, after), 1))
                .isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(entry(item.itemId().value()))
                .containsEntry("title", "Renamed").containsEntry("type", "workshop").containsEntry("priority", "high")
                .containsEntry("tags", List.of("board")).containsEntry("status", "rescheduling");

        assertThat(apply(new ItemDeleted(item.itemId(), item.calendarId(), item.start(), item.end(), "Entered twice"), 2))
                .isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(entry(item.itemId().value())).containsEntry("status", "deleted").containsEntry("version", 2L);
        assertThat(apply(item, 0)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(new CalendarDays(database).overlapping(item.calendarId().value(),
                new dev.almanac.events.TimeRange(item.start().minusSeconds(3600), item.end().plusSeconds(3600)), null, 10)
                .block(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aRescheduleMovesTheEntryAndCountsTheMove() {
        ItemScheduled item = EventSamples.itemScheduled();
        ItemRescheduled moved = EventSamples.itemRescheduled();
        apply(item, 0);

        assertThat(apply(moved, 1)).isEqualTo(ProjectionOutcome.APPLIED);

        Document entry = entry(item.itemId().value());
        assertThat(entry)
                .containsEntry("start", Date.from(moved.start()))
                .containsEntry("end", Date.from(moved.end()))
                .containsEntry("previous_start", Date.from(moved.previousStart()))
                .containsEntry("reschedule_reason", moved.reason())
                .containsEntry("title", item.title())
                .containsEntry("reschedule_count", 1)
                .containsEntry("version", 1L);
    }

    @Test
    void aRedeliveredEventOfTheSameVersionChangesNothing() {
        apply(EventSamples.itemScheduled(), 0);
        apply(EventSamples.itemRescheduled(), 1);
        List<Document> before = Mongo.all(database, Entries.COLLECTION);

        assertThat(apply(EventSamples.itemRescheduled(), 1)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(Mongo.all(database, Entries.COLLECTION)).isEqualTo(before);
        assertThat(entry(EventSamples.REVIEW.value())).containsEntry("reschedule_count", 1);
    }

    @Test
    void anOlderEventArrivingAfterANewerOneChangesNothing() {
        apply(EventSamples.itemScheduled(), 0);
        apply(EventSamples.itemRescheduled(), 1);

        assertThat(apply(EventSamples.itemScheduled(), 0)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(Mongo.all(database, Entries.COLLECTION)).hasSize(1);
        assertThat(entry(EventSamples.REVIEW.value()))
                .containsEntry("start", Date.from(EventSamples.itemRescheduled().start()))
                .containsEntry("version", 1L);
    }

    @Test
    void aConfirmationKeepsTheItemAndSetsItsStatus() {
        apply(EventSamples.itemScheduled(), 0);
        apply(EventSamples.itemRescheduled(), 1);

        assertThat(apply(EventSamples.itemConfirmed(), 2)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(entry(EventSamples.REVIEW.value()))
                .containsEntry("status", "confirmed")
                .containsEntry("title", EventSamples.itemScheduled().title())
                .containsEntry("start", Date.from(EventSamples.itemConfirmed().start()))
                .containsEntry("reschedule_count", 1)
                .containsEntry("version", 2L);
        assertThat(dayCopies(EventSamples.REVIEW.value())).isEqualTo(1);
    }

    @Test
    void aCancelledItemKeepsItsEntryButLeavesEveryCalendarDay() {
        apply(EventSamples.itemScheduled(), 0);
        apply(EventSamples.itemRescheduled(), 1);
        assertThat(dayCopies(EventSamples.REVIEW.value())).isEqualTo(1);

        assertThat(apply(EventSamples.itemCancelled(), 3)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(entry(EventSamples.REVIEW.value()))
                .containsEntry("status", "cancelled")
                .containsEntry("cancel_reason", EventSamples.itemCancelled().reason())
                .containsEntry("title", EventSamples.itemScheduled().title())
                .containsEntry("version", 3L);
        assertThat(dayCopies(EventSamples.REVIEW.value())).isZero();
    }

    @Test
    void olderEventsRedeliveredAfterACancelDoNotPutTheItemBack() {
        apply(EventSamples.itemScheduled(), 0);
        apply(EventSamples.itemCancelled(), 3);

        assertThat(apply(EventSamples.itemRescheduled(), 1)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(apply(EventSamples.itemConfirmed(), 2)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(apply(EventSamples.itemCancelled(), 3)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(entry(EventSamples.REVIEW.value())).containsEntry("status", "cancelled").containsEntry("version", 3L);
        assertThat(dayCopies(EventSamples.REVIEW.value())).isZero();
    }

    @Test
    void aCancelSeenBeforeTheItemsSchedulingStillWithdrawsItsSlot() {
        assertThat(apply(EventSamples.itemCancelled(), 3)).isEqualTo(ProjectionOutcome.APPLIED);
        assertThat(apply(EventSamples.itemScheduled(), 0)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);

        assertThat(entry(EventSamples.REVIEW.value())).containsEntry("status", "cancelled")
                .containsEntry("start", Date.from(EventSamples.itemCancelled().start()));
        assertThat(dayCopies(EventSamples.REVIEW.value())).isZero();
    }

    /** A backfill run depends on run reports, not on the rule's events alone: it is stored as an entry of its own. */
    @Test
    void projectsABackfillRunAsARecurringRuleEntry() {
        OccurrenceMaterialized run = RecurringRules.backfillRun(EventSamples.occurrenceMaterialized(), Instant.parse("2027-03-14T12:00:00Z"));

        assertThat(apply(run, 0)).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(entry(run.occurrenceId().value()))
                .containsEntry("kind", "occurrence")
                .containsEntry("source", "recurring_rule")
                .containsEntry("rule_id", run.ruleId().value())
                .containsEntry("rule_version", run.ruleVersion())
                .containsEntry("calendar_id", run.calendarId().value())
                .containsEntry("title", run.title())
                .containsEntry("type", run.type())
                .containsEntry("start", Date.from(run.start()))
                .containsEntry("end", Date.from(run.end()))
                .containsEntry("timezone", run.timezone().getId())
                .containsEntry("resolved_at", Date.from(run.resolvedAt()))
                .containsEntry("nominal_local_time", run.nominalLocalTime().toString())
                .containsEntry("dst_resolution", "gap_shifted")
                .containsEntry("tzdata_version", run.tzdataVersion())
                .containsEntry("tags", List.of())
                .containsEntry("version", 0L)
                .doesNotContainKey("priority");
        assertThat(dayCopies(run.occurrenceId().value())).isEqualTo(1);
    }

    /**
     * An occurrence in series or moved, and every withdrawal, follow from the rules topic: they are computed from the rule's
     * timeline (ADR 0068) and never stored, even from a record without the header that lets the listener skip it.
     */
    @Test
    void anOccurrenceTheRulesDetermineIsNeverStored() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        OccurrenceMaterialized moved = new OccurrenceMaterialized(occurrence.occurrenceId(), occurrence.ruleId(), 2,
                occurrence.calendarId(), occurrence.title(), occurrence.type(), occurrence.resolvedAt(), occurrence.start().plusSeconds(7200),
                occurrence.end().plusSeconds(7200), occurrence.timezone(), occurrence.nominalLocalTime(), occurrence.dstPolicy(),
                occurrence.dstResolution(), occurrence.tzdataVersion(), occurrence.start(), null, occurrence.resources());

        assertThat(apply(occurrence, 0)).isEqualTo(ProjectionOutcome.IGNORED);
        assertThat(apply(EventSamples.occurrenceRetracted(), 1)).isEqualTo(ProjectionOutcome.IGNORED);
        assertThat(apply(moved, 2)).isEqualTo(ProjectionOutcome.IGNORED);

        assertThat(entry(occurrence.occurrenceId().value())).isNull();
        assertThat(Mongo.all(database, CalendarDays.COLLECTION)).isEmpty();
    }

    /** The sample item's history through its link and attachments; what they said survives a later move and a redelivery. */
    @Test
    void linksDependenciesAndAttachmentsAreKeptThroughLaterEventsAndCopiedToTheDays() {
        ItemScheduled item = EventSamples.itemScheduled();
        apply(item, 0);
        apply(EventSamples.itemLinked(), 1);
        apply(EventSamples.attachmentAdded(), 2);
        apply(EventSamples.itemRescheduled(), 3);

        assertThat(entry(item.itemId().value()))
                .containsEntry("dependencies", List.of(EventSamples.GALA.value()))
                .containsEntry("primary", new Document("item_id", EventSamples.GALA.value()).append("offset_seconds", 7_200L))
                .containsEntry("version", 3L);
        assertThat(entry(item.itemId().value()).getList("attachments", Document.class))
                .singleElement().satisfies(attachment -> assertThat(attachment)
                        .containsEntry("id", "att-slides")
                        .containsEntry("storage_key", "reviews/2026/q4/slides.pdf")
                        .doesNotContainKey("url"));
        CalendarDayCodec codec = new CalendarDayCodec();
        EntryCopy copy = Mongo.all(database, CalendarDays.COLLECTION).stream().map(codec::decode)
                .map(day -> day.entries().present().get(item.itemId().value())).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(copy.relations()).isEqualTo(new RelationSummary(List.of(EventSamples.GALA.value()), EventSamples.GALA.value(),
                List.of(), 1));

        List<Document> before = Mongo.all(database, Entries.COLLECTION);
        assertThat(apply(EventSamples.attachmentAdded(), 2)).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(Mongo.all(database, Entries.COLLECTION)).isEqualTo(before);

        apply(EventSamples.itemUnlinked(), 4);
        apply(EventSamples.attachmentRemoved(), 5);
        assertThat(entry(item.itemId().value())).doesNotContainKeys("primary", "attachments")
                .containsEntry("dependencies", List.of(EventSamples.GALA.value()));
    }

    private ProjectionOutcome apply(AlmanacEvent event, long version) {
        return projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
    }

    /** How many calendar days hold a live copy of the entry. */
    private long dayCopies(String id) {
        CalendarDayCodec codec = new CalendarDayCodec();
        return Mongo.all(database, CalendarDays.COLLECTION).stream()
                .map(codec::decode)
                .filter(day -> day.entries().present().containsKey(id))
                .count();
    }

    private Document entry(String id) {
        return Mongo.document(database, Entries.COLLECTION, id);
    }
}
