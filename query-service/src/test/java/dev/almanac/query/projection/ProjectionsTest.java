package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class ProjectionsTest {

    /** The catalogue walk: every projector decides every type of its topics, read from the wire samples. */
    @Test
    void everyProjectorDecidesEveryTypeOfItsTopics() {
        for (EventDecider<List<EntityChange<?>>> projector : Projections.projectors()) {
            ConsumerContract.assertDecidesEveryType(projector);
        }
    }

    /**
     * Every wire sample changes a read model but the occurrences whose effect follows from the rules topic (an occurrence in
     * series, a withdrawal): those are computed from their rule's timeline (ADR 0068), and a record without the header that
     * says so, published before it existed, changes nothing either; and a misfire, whose occurrences rule-expander reports
     * missed one by one.
     */
    @Test
    void everyWireSampleOnAFollowedTopicChangesAReadModelButOccurrencesTheRulesDetermineAndMisfires() {
        Projections projections = projections(InMemoryMongo.freshDatabase("catalogue"));

        for (EventType type : EventCatalog.all()) {
            if (followed(type)) {
                ReceivedEvent sample = WireSamples.received(type);
                assertThat(apply(projections, sample)).as(type.ceType())
                        .isEqualTo(ignored(sample) ? ProjectionOutcome.IGNORED : ProjectionOutcome.APPLIED);
            }
        }
        assertThat(Projections.topics()).containsExactly(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.RUNS,
                Topics.MISSED_RUNS, Topics.CONFLICTS, Topics.DISPATCH, Topics.AUDIT);
    }

    /**
     * Written out by hand, not derived from {@link Projections#projectors()}: which read-model
     * entity each catalogued event changes, at the envelope's version. If {@code Projections}
     * stopped asking a projector, or a projector stopped deciding a type, a row loses its change.
     * Each change must also land: the document is in its collection at that version.
     */
    @Test
    void everyProjectorThatHandlesAnEventSeesIt() {
        OccurrenceMaterialized occurrence = backfillRun(EventSamples.occurrenceMaterialized());
        ConflictDetected conflict = EventSamples.conflictDetected();
        Map<AlmanacEvent, String> expected = new LinkedHashMap<>();
        expected.put(EventSamples.calendarCreated(), "calendars/cal-ballroom@3 calendar_access/cal-ballroom@3");
        expected.put(EventSamples.calendarUpdated(), "calendars/cal-ballroom@3 calendar_access/cal-ballroom@3");
        expected.put(EventSamples.calendarDeactivated(), "calendars/cal-ballroom@3");
        expected.put(EventSamples.calendarDeleted(), "calendars/cal-ballroom@3");
        expected.put(EventSamples.calendarAccessGranted(), "calendar_access/cal-ballroom@3");
        expected.put(EventSamples.calendarAccessRevoked(), "calendar_access/cal-ballroom@3");
        expected.put(EventSamples.resourceCreated(), "resources/res-projector@3");
        expected.put(EventSamples.resourceMarkedUnavailable(), "resources/res-projector@3");
        expected.put(EventSamples.resourceMarkedAvailable(), "resources/res-projector@3");
        expected.put(EventSamples.itemScheduled(), "entries/item-review@3");
        expected.put(EventSamples.itemRescheduled(), "entries/item-review@3");
        expected.put(EventSamples.itemConfirmed(), "entries/item-review@3");
        expected.put(EventSamples.itemCancelled(), "entries/item-review@3");
        expected.put(EventSamples.itemRestored(), "entries/item-review@3");
        expected.put(EventSamples.itemUnconfirmed(), "entries/item-review@3");
        expected.put(EventSamples.itemLinked(), "entries/item-review@3");
        expected.put(EventSamples.itemUnlinked(), "entries/item-review@3");
        expected.put(EventSamples.attachmentAdded(), "entries/item-review@3");
        expected.put(EventSamples.attachmentRemoved(), "entries/item-review@3");
        // A reminder only moves the entry's version, so that its command's consistency token is reached (ADR 0079).
        expected.put(EventSamples.itemReminderSet(), "entries/item-review@3");
        expected.put(EventSamples.itemReminderRemoved(), "entries/item-review@3");
        expected.put(EventSamples.itemUpdated(), "entries/item-review@3");
        // A tombstone stays at its version, so that an older event redelivered cannot bring the item back (ADR 0084).
        expected.put(EventSamples.itemDeleted(), "entries/item-review-copy@3");
        expected.put(EventSamples.ruleCreated(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleUpdated(), "rules/rule-weekly@3");
        expected.put(EventSamples.rulePaused(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleResumed(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleDeleted(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleDisabled(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleEnabled(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleOccurrenceMoved(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleOccurrenceCancelled(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleMissedRunDecided(), "rules/rule-weekly@3 missed_runs/"
                + EventSamples.ruleMissedRunDecided().occurrenceId().value() + "@3");
        expected.put(EventSamples.ruleEnded(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleRunRequested(), "rules/rule-weekly@3");
        expected.put(EventSamples.ruleReminderSet(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleReminderRemoved(), "rules/rule-nightly@3");
        expected.put(EventSamples.ruleChangeProposed(), "change_requests/chg-weekly-move@3");
        expected.put(EventSamples.ruleChangeConfirmed(), "change_requests/chg-weekly-move@3");
        expected.put(EventSamples.ruleChangeRejected(), "change_requests/chg-weekly-pause@3");
        expected.put(occurrence, "entries/" + occurrence.occurrenceId().value() + "@3");
        expected.put(EventSamples.occurrenceMissed(), "missed_runs/" + EventSamples.occurrenceMissed().occurrenceId().value() + "@3");
        expected.put(conflict, "conflicts/" + conflict.conflictId().value() + "@3");
        // A run's entry keeps its latest attempt: attempt 1, run version 3.
        expected.put(EventSamples.runStarted(), "runs/run-nightly-1@3 entry_runs/" + EventSamples.NIGHTLY_OCCURRENCE + "@1003");
        expected.put(EventSamples.runSucceeded(), "runs/run-nightly-1@3 entry_runs/" + EventSamples.NIGHTLY_OCCURRENCE + "@1003");
        expected.put(EventSamples.runFailed(), "runs/run-review-1@3 entry_runs/item-review@1003");
        expected.put(EventSamples.conflictCleared(), "conflicts/" + conflict.conflictId().value() + "@3");
        expected.put(EventSamples.conflictEscalated(), "conflicts/" + conflict.conflictId().value() + "@3");
        expected.put(EventSamples.conflictResolved(), "conflicts/" + conflict.conflictId().value() + "@3");
        expected.put(EventSamples.conflictDismissed(), "conflicts/" + conflict.conflictId().value() + "@3");
        // The dispatcher's decisions, at their rank (10 x attempt + step), whatever the envelope's version.
        String nightly = EventSamples.occurrenceDue().occurrenceId().value();
        expected.put(EventSamples.occurrenceDue(), "entry_dispatches/" + nightly + "@12");
        expected.put(EventSamples.occurrenceSkipped(), "entry_dispatches/" + EventSamples.occurrenceSkipped().occurrenceId().value() + "@11");
        expected.put(EventSamples.occurrenceBuffered(), "entry_dispatches/" + EventSamples.occurrenceBuffered().occurrenceId().value() + "@10");
        expected.put(EventSamples.runTimedOut(), "entry_dispatches/" + nightly + "@15");
        // About attempt 1, which ended: attempt 2 is the retry.
        expected.put(EventSamples.retryScheduled(), "entry_dispatches/" + nightly + "@16");
        expected.put(EventSamples.retriesExhausted(), "entry_dispatches/" + nightly + "@47");
        // Rule-expander reports each occurrence a misfire left undispatched as missed.
        expected.put(EventSamples.dispatchMisfired(), "");
        // A reminder reaches its user in the notification centre; no view shows it.
        expected.put(EventSamples.reminderDue(), "");
        // A refused command changed nothing; the audit trail records it from the batch (ADR 0081).
        expected.put(EventSamples.commandRefused(), "");
        // A platform admin's request, for the platform's audit: the tenant's trail does not show it (ADR 0102).
        expected.put(EventSamples.platformAdminActed(), "");
        assertThat(expected.keySet()).extracting(event -> EventCatalog.of(event).ceType())
                .as("a row for every catalogued type of a followed topic")
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream()
                        .filter(ProjectionsTest::followed)
                        .map(EventType::ceType).toList());

        for (Map.Entry<AlmanacEvent, String> row : expected.entrySet()) {
            MongoDatabase database = InMemoryMongo.freshDatabase("fan-out");
            Projections projections = projections(database);
            if (row.getKey() instanceof CalendarDeactivated || row.getKey() instanceof CalendarDeleted) {
                // A deactivation keeps the calendar's definition, so it needs the calendar there first.
                assertThat(apply(projections, Received.of(EventSamples.calendarCreated(), 0))).isEqualTo(ProjectionOutcome.APPLIED);
            }
            if (row.getKey() instanceof ResourceMarkedUnavailable || row.getKey() instanceof ResourceMarkedAvailable) {
                // So does a change to a resource's availability.
                assertThat(apply(projections, Received.of(EventSamples.resourceCreated(), 0))).isEqualTo(ProjectionOutcome.APPLIED);
            }
            ReceivedEvent received = Received.of(row.getKey(), 3);
            String type = EventCatalog.of(row.getKey()).ceType();

            List<String> changes = row.getValue().isEmpty() ? List.of() : List.of(row.getValue().split(" "));
            assertThat(projections.decide(received).changes()).as(type)
                    .extracting(change -> change.kind().collection() + "/" + change.id() + "@" + change.version())
                    .containsExactlyElementsOf(changes);
            assertThat(apply(projections, received)).as(type)
                    .isEqualTo(changes.isEmpty() ? ProjectionOutcome.IGNORED : ProjectionOutcome.APPLIED);
            for (String change : changes) {
                String collection = change.substring(0, change.indexOf('/'));
                String id = change.substring(change.indexOf('/') + 1, change.lastIndexOf('@'));
                long version = Long.parseLong(change.substring(change.lastIndexOf('@') + 1));
                assertThat(Mongo.document(database, collection, id)).as(type).isNotNull().containsEntry("version", version);
            }
        }
    }

    @Test
    void replayingEveryEventAgainLeavesTheReadModelsAsTheyWere() {
        MongoDatabase database = InMemoryMongo.freshDatabase("replay");
        Projections projections = projections(database);
        List<ReceivedEvent> history = history();
        history.forEach(event -> assertThat(apply(projections, event)).isEqualTo(ignored(event) ? ProjectionOutcome.IGNORED
                : ProjectionOutcome.APPLIED));
        List<List<Document>> live = Mongo.readModels(database);

        history.forEach(event -> assertThat(apply(projections, event)).isEqualTo(ignored(event) ? ProjectionOutcome.IGNORED
                : ProjectionOutcome.ALREADY_APPLIED));

        assertThat(Mongo.readModels(database)).isEqualTo(live);
    }

    @Test
    void aBatchReportsEachEventsOutcomeInOrder() {
        Projections projections = projections(InMemoryMongo.freshDatabase("outcomes"));
        ReceivedEvent scheduled = Received.of(EventSamples.itemScheduled(), 0);
        ReceivedEvent rescheduled = Received.of(EventSamples.itemRescheduled(), 1);

        List<ProjectionOutcome> outcomes = projections.apply(List.of(scheduled, rescheduled, scheduled, rescheduled))
                .block(Duration.ofSeconds(10));

        assertThat(outcomes).containsExactly(ProjectionOutcome.APPLIED, ProjectionOutcome.APPLIED,
                ProjectionOutcome.ALREADY_APPLIED, ProjectionOutcome.ALREADY_APPLIED);
    }

    /**
     * The live model applies one event at a time; the rebuild reads the same history with every
     * record delivered twice, in batches of several sizes, as a consumer group reset to the start
     * of the topics would. Lock tokens count writes, so they differ; every read-model field must not.
     */
    @Test
    void aRebuiltReadModelEqualsTheLiveOneEvenWithDuplicatesInTheStream() {
        MongoDatabase live = InMemoryMongo.freshDatabase("live");
        Projections liveProjections = projections(live);
        List<ReceivedEvent> history = history();
        history.forEach(event -> apply(liveProjections, event));

        List<ReceivedEvent> withDuplicates = new ArrayList<>();
        history.forEach(event -> {
            withDuplicates.add(event);
            withDuplicates.add(event);
        });
        for (int batchSize : List.of(1, 3, withDuplicates.size())) {
            MongoDatabase rebuilt = InMemoryMongo.freshDatabase("rebuilt");
            Projections rebuilding = projections(rebuilt);
            for (int from = 0; from < withDuplicates.size(); from += batchSize) {
                rebuilding.apply(withDuplicates.subList(from, Math.min(withDuplicates.size(), from + batchSize))).block(Duration.ofSeconds(10));
            }

            assertThat(Mongo.readModelsWithoutLocks(rebuilt)).as("rebuilt in batches of %d", batchSize)
                    .isEqualTo(Mongo.readModelsWithoutLocks(live));
        }
    }

    /** Every sample, each entity's events at increasing versions, as they would arrive on their partitions. */
    /** Every wire sample of the topics query-service follows, each subject's in order. */
    private static List<ReceivedEvent> history() {
        List<ReceivedEvent> history = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> followed = List.of(Projections.topics());
        for (AlmanacEvent event : EventSamples.all()) {
            boolean copiedToAFollowedTopic = EventCatalog.copyTopicOf(event).filter(followed::contains).isPresent();
            if (!followed.contains(EventCatalog.of(event).topic()) && !copiedToAFollowedTopic) {
                continue;
            }
            long version = subjects.stream().filter(event.subject()::equals).count();
            subjects.add(event.subject());
            history.add(Received.of(event, version, Received.TIME.plusSeconds(60L * history.size())));
        }
        return history;
    }

    /** An occurrence the rules determine, or a misfire: decided, and changing no read model. */
    /** Whether records of this type reach query-service: a topic it subscribes to carries them (ADR 0072). */
    private static boolean followed(EventType type) {
        return Arrays.stream(Projections.topics()).anyMatch(topic -> EventCatalog.carries(topic, type));
    }

    private static boolean ignored(ReceivedEvent event) {
        return event.event() instanceof OccurrenceEvent occurrence && occurrence.derivableFromRules()
                || event.event() instanceof DispatchMisfired || event.event() instanceof ReminderDue
                || event.event() instanceof CommandRefused || event.event() instanceof PlatformAdminActed;
    }

    /** The sample occurrence's backfill run: a record of its own, which query-service stores as an entry. */
    private static OccurrenceMaterialized backfillRun(OccurrenceMaterialized missed) {
        return new OccurrenceMaterialized(OccurrenceId.backfillOf(missed.occurrenceId(), missed.start()), missed.ruleId(),
                missed.ruleVersion(), missed.calendarId(), missed.title(), missed.type(), missed.resolvedAt(),
                missed.start().plusSeconds(3600), missed.end().plusSeconds(3600), missed.timezone(), missed.nominalLocalTime(),
                missed.dstPolicy(), missed.dstResolution(), missed.tzdataVersion(), null, missed.occurrenceId(), missed.resources());
    }

    private static Projections projections(MongoDatabase database) {
        return new Projections(database, Duration.ofSeconds(10));
    }

    private static ProjectionOutcome apply(Projections projections, ReceivedEvent event) {
        return projections.apply(event).block(Duration.ofSeconds(10));
    }
}
