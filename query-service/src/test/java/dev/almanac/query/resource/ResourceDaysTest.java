package dev.almanac.query.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/** Which items and occurrences book which resource, per resource and UTC day, as the projection derives it from their events. */
class ResourceDaysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CalendarId HALL = CalendarId.of("cal-hall");
    private static final ItemId GALA = ItemId.of("item.gala");
    private static final Instant EVENING = Instant.parse("2026-12-01T22:00:00Z");
    private static final Instant NEXT_MORNING = Instant.parse("2026-12-02T02:00:00Z");

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("resource_days");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    /** The gala runs past midnight UTC, booking the ballroom and the projector. */
    private static ItemScheduled gala() {
        return new ItemScheduled(GALA, HALL, "Gala", "event", EVENING, NEXT_MORNING, ZoneId.of("UTC"), Priority.HIGH, List.of(), null,
                List.of(new ResourceBooking(EventSamples.BALLROOM_VENUE, ResourceRole.PRIMARY),
                        new ResourceBooking(EventSamples.PROJECTOR, ResourceRole.SECONDARY)), Map.of(), ItemSource.MANUAL);
    }

    @Test
    void anItemBooksEachOfItsResourcesOnEveryUtcDayItOverlapsWithItsIntervalOnly() {
        apply(gala(), 0);

        for (String resource : List.of("res-ballroom", "res-projector")) {
            for (String day : List.of("2026-12-01", "2026-12-02")) {
                Document document = Mongo.document(database, ResourceDays.COLLECTION, resource + "/" + day);
                assertThat(document).as("%s on %s", resource, day)
                        .containsEntry("resource_id", resource)
                        .containsEntry("day", day)
                        .containsEntry("n", 1)
                        .containsEntry("e", new Document("item%2Egala", new Document("s", Date.from(EVENING))
                                .append("e", Date.from(NEXT_MORNING)).append("v", 0L)));
            }
        }
        assertThat(Mongo.all(database, ResourceDays.COLLECTION)).hasSize(4);
    }

    @Test
    void aMoveLeavesTheDaysItNoLongerOverlapsWithAMarkerAndBooksTheNewOnes() {
        apply(gala(), 0);
        Instant later = Instant.parse("2026-12-05T10:00:00Z");

        apply(new ItemRescheduled(GALA, HALL, EVENING, NEXT_MORNING, later, later.plus(Duration.ofHours(4)), null), 1);

        ResourceDay old = new ResourceDayCodec().decode(Mongo.document(database, ResourceDays.COLLECTION, "res-projector/2026-12-02"));
        assertThat(old.bookings().present()).isEmpty();
        assertThat(old.bookings().withdrawn()).containsEntry("item.gala", 1L);
        ResourceDay moved = new ResourceDayCodec().decode(Mongo.document(database, ResourceDays.COLLECTION, "res-ballroom/2026-12-05"));
        assertThat(moved.bookings().present()).containsEntry("item.gala", new Booking(later, later.plus(Duration.ofHours(4)), 1));
    }

    @Test
    void aCancelledItemBooksNothingAndARestoredOneBooksAgain() {
        apply(gala(), 0);

        apply(new ItemCancelled(GALA, HALL, EVENING, NEXT_MORNING, "called off"), 1);
        assertThat(Mongo.all(database, ResourceDays.COLLECTION)).allSatisfy(day -> assertThat(day).containsEntry("n", 0));

        apply(new ItemRestored(GALA, HALL, "Gala", EVENING, NEXT_MORNING, "undo"), 2);
        assertThat(Mongo.all(database, ResourceDays.COLLECTION)).hasSize(4).allSatisfy(day -> assertThat(day).containsEntry("n", 1));
    }

    @Test
    void aLateCopyOfAnOlderVersionDoesNotBookAgainWhatACancellationReleased() {
        apply(gala(), 0);
        apply(new ItemCancelled(GALA, HALL, EVENING, NEXT_MORNING, "called off"), 1);

        apply(gala(), 0);

        assertThat(Mongo.all(database, ResourceDays.COLLECTION)).allSatisfy(day -> assertThat(day).containsEntry("n", 0));
    }

    @Test
    void itemsAndOccurrencesWithoutResourcesBookNone() {
        apply(new ItemScheduled(ItemId.of("item-plain"), HALL, "Plain", "meeting", EVENING, NEXT_MORNING, ZoneId.of("UTC"),
                Priority.NORMAL, List.of()), 0);
        OccurrenceMaterialized sample = RecurringRules.backfillRun(EventSamples.occurrenceMaterialized(), EVENING);
        apply(withResources(sample, List.of(), sample.ruleVersion()), 0);

        assertThat(Mongo.all(database, ResourceDays.COLLECTION)).isEmpty();
    }

    /**
     * ADR 0029: a backfill run, stored as an entry, books its rule's resources; the run published again at a newer rule
     * version that books others moves its bookings. (The rule's other occurrences book through its timeline, ADR 0068.)
     */
    @Test
    void aBackfillRunBooksItsRulesResourcesAsItsNewestRecordNamesThem() {
        OccurrenceMaterialized run = RecurringRules.backfillRun(EventSamples.occurrenceMaterialized(), EventSamples.occurrenceMaterialized()
                .start().plusSeconds(3600));
        String ballroomDay = "res-ballroom/" + run.start().toString().substring(0, 10);
        String runKey = run.occurrenceId().value().replace(".", "%2E");

        apply(run, 0);
        assertThat(Mongo.document(database, ResourceDays.COLLECTION, ballroomDay))
                .containsEntry("n", 1)
                .containsEntry("e", new Document(runKey, new Document("s", Date.from(run.start()))
                        .append("e", Date.from(run.end())).append("v", 0L)));

        apply(withResources(run, List.of(new ResourceBooking(EventSamples.PROJECTOR, ResourceRole.SECONDARY)), 1), 1);
        assertThat(Mongo.document(database, ResourceDays.COLLECTION, ballroomDay)).as("the rule no longer books the ballroom")
                .containsEntry("n", 0);
        String projectorDay = ballroomDay.replace("res-ballroom", "res-projector");
        assertThat(Mongo.document(database, ResourceDays.COLLECTION, projectorDay)).containsEntry("n", 1);
    }

    private static OccurrenceMaterialized withResources(OccurrenceMaterialized occurrence, List<ResourceBooking> resources,
                                                        long ruleVersion) {
        return new OccurrenceMaterialized(occurrence.occurrenceId(), occurrence.ruleId(), ruleVersion, occurrence.calendarId(),
                occurrence.title(), occurrence.type(), occurrence.resolvedAt(), occurrence.start(), occurrence.end(),
                occurrence.timezone(), occurrence.nominalLocalTime(), occurrence.dstPolicy(), occurrence.dstResolution(),
                occurrence.tzdataVersion(), occurrence.movedFrom(), occurrence.backfillOf(), resources);
    }

    @Test
    void twoItemsBookingOneResourceOnOneDayShareItsDocument() {
        apply(gala(), 0);
        apply(new ItemScheduled(ItemId.of("item-rehearsal"), HALL, "Rehearsal", "event", EVENING.minus(Duration.ofHours(3)),
                EVENING.minus(Duration.ofHours(1)), ZoneId.of("UTC"), Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(ResourceId.of("res-ballroom"), ResourceRole.PRIMARY)), Map.of(), ItemSource.MANUAL), 0);

        assertThat(Mongo.document(database, ResourceDays.COLLECTION, "res-ballroom/2026-12-01")).containsEntry("n", 2);
        assertThat(Mongo.document(database, ResourceDays.COLLECTION, "res-projector/2026-12-01")).containsEntry("n", 1);
    }

    private void apply(AlmanacEvent event, long version) {
        projections.apply(Received.of(event, version)).block(TIMEOUT);
    }
}
