package dev.almanac.dispatch.notify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.ReminderId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.WireSamples;

import static org.assertj.core.api.Assertions.assertThat;

/** The notifier's topology on persistent RocksDB stores, without a broker: facts in, notifications out. */
class NotifierTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(2);
    private static final UserId CREATOR = UserId.of("user-123");
    private static final UserId TEAM = UserId.of("platform-team");
    private static final UserId MIA = UserId.of("mia@example.com");
    private static final UserId SAM = UserId.of("sam@example.com");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> notifications;
    private TestOutputTopic<String, byte[]> deadRuns;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-notifier");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(NotifierTopology.build(codec, Clock.fixed(T0, ZoneOffset.UTC), MAX_AGE), properties, T0);
        notifications = driver.createOutputTopic(Topics.NOTIFICATIONS, new StringDeserializer(), new ByteArrayDeserializer());
        deadRuns = driver.createOutputTopic(Topics.deadLetter(Topics.RUNS), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aMissedRunTellsTheRulesCreatorAndOwnerWithTheThreeDecisionsAsItsSample() {
        pipeSample(EventSamples.ruleCreated());
        pipeSample(EventSamples.occurrenceMissed());

        List<TestRecord<String, byte[]>> raised = notifications.readRecordsToList();
        assertThat(raised).extracting(TestRecord::key).containsExactly(CREATOR.value(), TEAM.value());
        NotificationRaised toCreator = decode(raised.get(0));
        assertThat(toCreator).isEqualTo(EventSamples.notificationRaised());
        assertThat(toCreator.actions()).extracting(action -> action.name()).containsExactly("approve_and_run", "reschedule", "delete");
        ProducerRecord<String, byte[]> produced = new ProducerRecord<>(Topics.NOTIFICATIONS, null, raised.get(0).key(),
                raised.get(0).value(), raised.get(0).headers());
        WireSamples.assertProducerMatchesSample(produced);
    }

    @Test
    void aFactReadAgainRaisesTheSameNotificationsUnderTheSameIds() {
        pipeSample(EventSamples.ruleCreated());
        pipeSample(EventSamples.occurrenceMissed());
        List<TestRecord<String, byte[]>> first = notifications.readRecordsToList();
        pipeSample(EventSamples.occurrenceMissed());
        List<TestRecord<String, byte[]>> again = notifications.readRecordsToList();

        assertThat(again).extracting(record -> decode(record).notificationId())
                .containsExactlyElementsOf(first.stream().map(record -> decode(record).notificationId()).toList());
        assertThat(again).extracting(record -> header(record, "ce_id"))
                .containsExactlyElementsOf(first.stream().map(record -> header(record, "ce_id")).toList());
    }

    @Test
    void aFailedRunOfAnItemTellsWhoScheduledItAndTheCalendarsManagersButNotItsOtherRoles() {
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("vic"), CalendarRole.VIEWER, null), "admin", 3);
        ItemScheduled item = EventSamples.itemScheduled();
        pipe(item, SAM.value(), 1);
        pipe(new RunFailed(RunId.of("run-review-1"), EventSamples.BALLROOM, EntryKind.ITEM, item.itemId().value(), 1,
                T0, "executor-1", "HTTP 503"), "executor-1", 2);

        List<NotificationRaised> raised = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(raised).extracting(NotificationRaised::recipient).containsExactly(SAM, MIA);
        assertThat(raised).allSatisfy(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.RUN_FAILED);
            assertThat(notification.category()).isEqualTo(NotificationCategory.CRITICAL);
            assertThat(notification.owner()).isEqualTo(SAM.value());
            assertThat(notification.links()).extracting(link -> link.href())
                    .containsExactly("/api/v1/schedules/" + item.itemId().value(), "/api/v1/calendars/cal-ballroom");
            assertThat(notification.summary()).contains("HTTP 503");
        });

        pipe(new CalendarAccessRevoked(EventSamples.BALLROOM, MIA, null), "admin", 4);
        pipe(new RunFailed(RunId.of("run-review-2"), EventSamples.BALLROOM, EntryKind.ITEM, item.itemId().value(), 2,
                T0, "executor-1", null), "executor-1", 2);
        assertThat(notifications.readRecordsToList()).extracting(TestRecord::key).containsExactly(SAM.value());
    }

    @Test
    void aMoveWithNotifyTellsTheItemsSchedulerAndTheUsersNamedOnItButNotTheMoverAndOneWithoutTellsNobody() {
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled item = new ItemScheduled(sample.itemId(), sample.calendarId(), "Quarterly review", sample.type(), sample.start(),
                sample.end(), sample.timezone(), sample.priority(), sample.tags(), null, List.of(),
                java.util.Map.of("owner", "olga@example.com", "attendees", List.of("ana@example.com", "not a user", MIA.value())), null);
        pipe(item, SAM.value(), 1);
        ItemRescheduled quiet = new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(), item.start().plusSeconds(3600),
                item.end().plusSeconds(3600), "room swap");
        pipe(quiet, MIA.value(), 2);
        assertThat(notifications.readRecordsToList()).as("a move without notify").isEmpty();

        ItemRescheduled told = new ItemRescheduled(item.itemId(), item.calendarId(), quiet.start(), quiet.end(), quiet.start().plusSeconds(3600),
                quiet.end().plusSeconds(3600), "room swap", null, null, List.of(), true);
        pipe(told, MIA.value(), 3);
        List<TestRecord<String, byte[]>> records = notifications.readRecordsToList();
        List<NotificationRaised> raised = records.stream().map(this::decode).toList();
        assertThat(raised).extracting(NotificationRaised::recipient)
                .containsExactly(SAM, UserId.of("olga@example.com"), UserId.of("ana@example.com"));
        assertThat(raised).allSatisfy(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.ITEM_RESCHEDULED);
            assertThat(notification.category()).isEqualTo(NotificationCategory.NORMAL);
            assertThat(notification.title()).isEqualTo("Moved: Quarterly review");
            assertThat(notification.owner()).isEqualTo(SAM.value());
            assertThat(notification.links()).extracting(link -> link.href())
                    .containsExactly("/api/v1/schedules/" + item.itemId().value(), "/api/v1/calendars/cal-ballroom");
            // The ballroom's zone is not known here (no CalendarCreated): its times are told in UTC, under its id.
            assertThat(notification.summary()).contains(MIA.value() + " moved Quarterly review on cal-ballroom",
                    Notices.at(told.previousStart(), CalendarContact.NONE), Notices.span(told.start(), told.end(), CalendarContact.NONE),
                    "room swap");
        });

        pipe(told, MIA.value(), 3);
        assertThat(notifications.readRecordsToList()).as("the move read again raises the same notifications")
                .extracting(record -> header(record, "ce_id"))
                .containsExactlyElementsOf(records.stream().map(record -> header(record, "ce_id")).toList());
    }

    @Test
    void aReminderDueTellsItsUserAloneWithTheStartInTheirZone() {
        pipeSample(EventSamples.reminderDue());

        List<NotificationRaised> raised = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(raised).singleElement().satisfies(notification -> {
            assertThat(notification.recipient()).isEqualTo(SAM);
            assertThat(notification.kind()).isEqualTo(NotificationKind.REMINDER);
            assertThat(notification.category()).isEqualTo(NotificationCategory.NORMAL);
            // 15:00 UTC is 10:00 in New York.
            assertThat(notification.title()).isEqualTo("Quarterly review starts in 30 minutes at 10:00 America/New_York");
            assertThat(notification.summary()).contains("Tue 1 Dec 2026 10:00 America/New_York");
            assertThat(notification.links()).extracting(link -> link.href())
                    .containsExactly("/api/v1/schedules/item-review", "/api/v1/calendars/cal-ballroom");
        });
    }

    @Test
    void remindersLeadInWords() {
        assertThat(ReminderWords.lead(1)).isEqualTo("in 1 minute");
        assertThat(ReminderWords.lead(90)).isEqualTo("in 1 hour 30 minutes");
        assertThat(ReminderWords.lead(2 * 24 * 60)).isEqualTo("in 2 days");
    }

    @Test
    void aConflictIsToldOnceWhileOpenAgainOnceReopenedAndWhenEscalated() {
        pipeSample(EventSamples.calendarCreated());
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        ConflictDetected detected = EventSamples.conflictDetected();
        pipe(detected, "conflict-detector", 1);
        pipe(detected, "conflict-detector", 2);
        List<NotificationRaised> first = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(first).extracting(NotificationRaised::recipient).containsExactly(MIA);
        // Told as a person reads the calendar: its name, and 15:30Z to 16:00Z on its New York clock.
        assertThat(first.get(0).title()).isEqualTo("Venue conflict on Grand Ballroom: Gala and Quarterly review");
        assertThat(first.get(0).summary()).isEqualTo("A critical venue conflict on Grand Ballroom, Tue 1 Dec 2026 10:30–11:00 "
                + "America/New_York: 2 entries at once where 1 fits (Gala, Quarterly review).");
        assertThat(first.get(0).kind()).isEqualTo(NotificationKind.CONFLICT_DETECTED);
        assertThat(first.get(0).category()).isEqualTo(NotificationCategory.CRITICAL);
        assertThat(first.get(0).links().get(0).href()).isEqualTo("/api/v1/conflicts/" + detected.conflictId().value());

        pipe(new ConflictCleared(detected.conflictId(), detected.calendarId(), "capacity_restored"), "conflict-detector", 3);
        pipe(detected, "conflict-detector", 4);
        assertThat(notifications.readRecordsToList()).hasSize(1);

        pipe(new ConflictEscalated(detected.conflictId(), detected.calendarId(), "managers", "open for a day", "conflict-detector",
                T0, true), "conflict-detector", 5);
        assertThat(notifications.readRecordsToList()).as("an automatic escalation goes to the managers")
                .extracting(TestRecord::key).containsExactly(MIA.value());
        pipe(new ConflictEscalated(detected.conflictId(), detected.calendarId(), SAM.value(), "Sam runs the venue", MIA.value(),
                T0, false), MIA.value(), 6);
        List<NotificationRaised> escalated = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(escalated).extracting(NotificationRaised::recipient).containsExactly(SAM, MIA);
        assertThat(escalated).allSatisfy(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.CONFLICT_ESCALATED);
            assertThat(notification.category()).isEqualTo(NotificationCategory.CRITICAL);
        });
    }

    /**
     * ADR 0096: a private item's title reaches its scheduler and the calendar's managers only; the others a notification
     * tells read its id, as the conflict's reads show them a busy block. An update that makes it public names it again.
     */
    @Test
    void aPrivateItemIsNamedByItsTitleOnlyToItsSchedulerAndTheManagers() {
        UserId olga = UserId.of("olga@example.com");
        UserId ana = UserId.of("ana@example.com");
        pipeSample(EventSamples.calendarCreated());
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        ItemScheduled gala = new ItemScheduled(EventSamples.GALA, EventSamples.BALLROOM, "Gala", "event",
                Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T18:00:00Z"), ZoneOffset.UTC, Priority.NORMAL,
                List.of(), null, List.of(), Map.of("attendees", List.of(ana.value())), ItemSource.MANUAL, List.of(), null, olga, true);
        pipe(gala, olga.value(), 1);
        pipe(EventSamples.itemScheduled(), SAM.value(), 1);
        ConflictDetected detected = EventSamples.conflictDetected();
        pipe(detected, "conflict-detector", 1);

        Map<UserId, NotificationRaised> told = byRecipient(notifications.readRecordsToList());
        assertThat(told).containsOnlyKeys(MIA, olga, SAM);
        assertThat(told.get(MIA).title()).isEqualTo("Venue conflict on Grand Ballroom: Gala and Quarterly review");
        assertThat(told.get(olga).title()).isEqualTo(told.get(MIA).title());
        assertThat(told.get(SAM).title()).isEqualTo("Venue conflict on Grand Ballroom: item-gala and Quarterly review");
        assertThat(told.get(SAM).summary()).contains("(item-gala, Quarterly review)").doesNotContain("Gala");

        pipe(new ItemRescheduled(gala.itemId(), gala.calendarId(), gala.start(), gala.end(), gala.start().plusSeconds(3600),
                gala.end().plusSeconds(3600), "room swap", null, null, List.of(), true), MIA.value(), 2);
        Map<UserId, NotificationRaised> moved = byRecipient(notifications.readRecordsToList());
        assertThat(moved).containsOnlyKeys(olga, ana);
        assertThat(moved.get(olga).title()).isEqualTo("Moved: Gala");
        assertThat(moved.get(ana).title()).isEqualTo("Moved: item-gala");
        assertThat(moved.get(ana).summary()).doesNotContain("Gala");

        for (UserId reminded : List.of(ana, olga)) {
            pipe(new ReminderDue(ReminderId.of("rem-gala-" + reminded.value().substring(0, 3)), EventSamples.BALLROOM, reminded, "Gala",
                    gala.start(), gala.start().minusSeconds(1800), 30, ZoneOffset.UTC, gala.start().minusSeconds(1800), gala.itemId(),
                    null, null), "dispatcher", 1);
        }
        Map<UserId, NotificationRaised> reminders = byRecipient(notifications.readRecordsToList());
        assertThat(reminders.get(olga).title()).startsWith("Gala starts in 30 minutes");
        assertThat(reminders.get(ana).title()).startsWith("item-gala starts in 30 minutes");
        assertThat(reminders.get(ana).summary()).doesNotContain("Gala");

        ItemFields before = new ItemFields("Gala", "event", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED, true);
        pipe(new ItemUpdated(gala.itemId(), gala.calendarId(), gala.start(), gala.end(), before,
                new ItemFields("Gala", "event", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED, false)), olga.value(), 3);
        pipe(new ConflictCleared(detected.conflictId(), detected.calendarId(), "capacity_restored"), "conflict-detector", 2);
        pipe(detected, "conflict-detector", 3);
        assertThat(byRecipient(notifications.readRecordsToList()).get(SAM).title())
                .isEqualTo("Venue conflict on Grand Ballroom: Gala and Quarterly review");
    }

    /** ADR 0096: a private rule's name reaches its creator and the managers only; its owner, when another user, reads its id. */
    @Test
    void aPrivateRulesMissedRunNamesItOnlyToItsCreatorAndTheManagers() {
        RuleCreated sample = EventSamples.ruleCreated();
        pipe(new RuleCreated(sample.ruleId(), sample.name(), sample.cron(), sample.timezone(), sample.calendarId(), sample.durationSeconds(),
                sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                new RuleMetadata(TEAM.value(), "Nightly system cleanup", List.of("ops"), true), null, null, sample.resources()),
                CREATOR.value(), 1);
        pipeSample(EventSamples.occurrenceMissed());

        Map<UserId, NotificationRaised> told = byRecipient(notifications.readRecordsToList());
        assertThat(told).containsOnlyKeys(CREATOR, TEAM);
        assertThat(told.get(CREATOR).title()).isEqualTo("Missed run: Nightly cleanup");
        assertThat(told.get(TEAM).title()).isEqualTo("Missed run: " + sample.ruleId().value());
        assertThat(told.get(TEAM).summary()).doesNotContain("Nightly cleanup");
    }

    /**
     * ADR 0096: an occurrence of a private rule in a conflict is named by its rule's name to the rule's creator and the
     * managers only; the item's scheduler reads the occurrence's id. An event written before entries carried their rule
     * still reads, and names each entry as the event holds it.
     */
    @Test
    void aPrivateRulesOccurrenceInAConflictIsNamedOnlyToItsCreatorAndTheManagers() {
        RuleCreated sample = EventSamples.ruleCreated();
        pipeSample(EventSamples.calendarCreated());
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        pipe(new RuleCreated(sample.ruleId(), sample.name(), sample.cron(), sample.timezone(), sample.calendarId(), sample.durationSeconds(),
                sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                new RuleMetadata(TEAM.value(), "Nightly system cleanup", List.of("ops"), true), null, null, sample.resources()),
                CREATOR.value(), 1);
        pipe(EventSamples.itemScheduled(), SAM.value(), 1);
        String occurrence = OccurrenceId.of(sample.ruleId(), Instant.parse("2026-12-01T15:00:00Z")).value();
        ConflictDetected sampleConflict = EventSamples.conflictDetected();
        ConflictingEntry review = sampleConflict.entries().get(1);
        ConflictDetected detected = new ConflictDetected(ConflictId.of("conflict-private-rule"), EventSamples.BALLROOM,
                sampleConflict.type(), sampleConflict.level(), sampleConflict.start(), sampleConflict.end(), 1, 2,
                List.of(new ConflictingEntry(ConflictEntryKind.OCCURRENCE, occurrence, "Nightly cleanup", review.start(), review.end(),
                        sample.ruleId().value()), review));
        pipe(detected, "conflict-detector", 0);

        Map<UserId, NotificationRaised> told = byRecipient(notifications.readRecordsToList());
        assertThat(told).containsOnlyKeys(MIA, SAM);
        assertThat(told.get(MIA).title()).isEqualTo("Venue conflict on Grand Ballroom: Nightly cleanup and Quarterly review");
        assertThat(told.get(SAM).title()).isEqualTo("Venue conflict on Grand Ballroom: " + occurrence + " and Quarterly review");
        assertThat(told.get(SAM).summary()).contains(occurrence).doesNotContain("Nightly cleanup");

        // As written before entries carried their rule: no rule_id at all.
        JsonMapper json = AlmanacJson.eventMapper();
        ObjectNode old = json.valueToTree(detected);
        old.put("conflict_id", "conflict-written-before");
        old.get("entries").forEach(entry -> ((ObjectNode) entry).remove("rule_id"));
        ConflictDetected read = json.treeToValue(old, ConflictDetected.class);
        assertThat(read.entries()).extracting(ConflictingEntry::ruleId).containsOnlyNulls();
        pipe(read, "conflict-detector", 0);
        assertThat(byRecipient(notifications.readRecordsToList()).get(SAM).title())
                .isEqualTo("Venue conflict on Grand Ballroom: Nightly cleanup and Quarterly review");
    }

    private Map<UserId, NotificationRaised> byRecipient(List<TestRecord<String, byte[]>> records) {
        return records.stream().map(this::decode).collect(Collectors.toMap(NotificationRaised::recipient, Function.identity()));
    }

    @Test
    void aProposedChangeTellsTheRulesPeopleAndItsCalendarsManagersButNotTheProposer() {
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        pipeSample(EventSamples.ruleCreated());
        var proposed = EventSamples.ruleChangeProposed();
        // The sample proposes a change to the weekly rule; the same change to the nightly rule, proposed by its owner.
        var toNightly = new dev.almanac.events.rule.RuleChangeProposed(proposed.changeRequestId(), EventSamples.NIGHTLY,
                proposed.ruleVersion(), proposed.proposedAt(), proposed.expiresAt(), proposed.instruction(), proposed.change(),
                proposed.reason(), proposed.description(), proposed.before(), proposed.after(), proposed.warnings());
        pipe(toNightly, TEAM.value(), 1);

        List<NotificationRaised> raised = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(raised).extracting(NotificationRaised::recipient).containsExactly(CREATOR, MIA);
        String request = "/api/v1/schedules/rules/rule-nightly/change-requests/" + proposed.changeRequestId().value();
        assertThat(raised.get(0).actions()).extracting(action -> action.method() + " " + action.path())
                .containsExactly("POST " + request + "/confirm", "POST " + request + "/reject");
        assertThat(raised.get(0).kind()).isEqualTo(NotificationKind.RULE_CHANGE_PROPOSED);
        assertThat(raised.get(0).owner()).isEqualTo(TEAM.value());
    }

    @Test
    void aTimedOutAttemptTellsTheRulesPeople() {
        pipeSample(EventSamples.ruleCreated());
        pipeSample(EventSamples.runTimedOut());

        List<NotificationRaised> raised = notifications.readRecordsToList().stream().map(this::decode).toList();
        assertThat(raised).extracting(NotificationRaised::recipient).containsExactly(CREATOR, TEAM);
        assertThat(raised).allSatisfy(notification -> assertThat(notification.kind()).isEqualTo(NotificationKind.RUN_TIMED_OUT));
    }

    @Test
    void aFactOlderThanTheMaxAgeTellsNobodyButTeachesTheDirectory() {
        pipe(new CalendarAccessGranted(EventSamples.BALLROOM, MIA, CalendarRole.MANAGER, null), "admin", 2);
        ConflictDetected detected = EventSamples.conflictDetected();
        pipeAt(detected, "conflict-detector", 1, T0.minus(MAX_AGE).minusSeconds(1));
        assertThat(notifications.readRecordsToList()).isEmpty();

        // Still open: published again with a later window, it is no news either.
        pipe(detected, "conflict-detector", 2);
        assertThat(notifications.readRecordsToList()).isEmpty();
        pipe(EventSamples.runTimedOut(), "dispatcher", 8);
        assertThat(notifications.readRecordsToList()).extracting(TestRecord::key).containsExactly(MIA.value());
    }

    @Test
    void aRecordThatCannotBeReadGoesToItsTopicsDeadLetterAndTheRestFlow() {
        TestInputTopic<String, byte[]> runs = driver.createInputTopic(Topics.RUNS, new StringSerializer(), new ByteArraySerializer());
        runs.pipeInput(new TestRecord<>("cal-ballroom", "not json".getBytes(), new RecordHeaders(), T0));
        pipeSample(EventSamples.ruleCreated());
        pipeSample(EventSamples.runTimedOut());

        assertThat(deadRuns.readRecordsToList()).hasSize(1);
        assertThat(notifications.readRecordsToList()).hasSize(2);
    }

    @Test
    void everyTypeOfEveryTopicItReadsHasADecision() {
        EventDecider<Notices.Work> decider = EventDecider.of("dispatcher/notifier", new Notices(Clock.fixed(T0, ZoneOffset.UTC), MAX_AGE));
        for (EventType type : EventCatalog.all()) {
            if (decider.reads(type.topic())) {
                ReceivedEvent sample = WireSamples.received(type);
                assertThat(decider.decide(sample)).as(type.ceType()).isInstanceOfAny(Decision.Handle.class, Decision.Ignore.class);
            }
        }
        assertThat(decider.topics()).containsExactlyInAnyOrder(Topics.CALENDARS, Topics.RULES, Topics.RUNS, Topics.OCCURRENCES,
                Topics.MISSED_RUNS, Topics.CONFLICTS, Topics.DISPATCH);
    }

    private void pipeSample(AlmanacEvent event) {
        ConsumerRecord<String, byte[]> sample = WireSamples.record(EventCatalog.of(event));
        input(sample.topic()).pipeInput(new TestRecord<>(sample.key(), sample.value(), sample.headers(), T0));
    }

    private void pipe(AlmanacEvent event, String actor, long version) {
        pipeAt(event, actor, version, T0);
    }

    private void pipeAt(AlmanacEvent event, String actor, long version, Instant time) {
        EventType type = EventCatalog.of(event);
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type.ceType() + event.subject() + version).getBytes()).toString(),
                type.ceType(), "/almanac/test", time, event.subject(), version, actor, "corr-test", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        input(record.topic()).pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), T0));
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        String read = topic.equals(Topics.OCCURRENCES) ? Topics.MISSED_RUNS : topic;
        return driver.createInputTopic(read, new StringSerializer(), new ByteArraySerializer());
    }

    private NotificationRaised decode(TestRecord<String, byte[]> record) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(Topics.NOTIFICATIONS, 0, 0, record.key(), record.value());
        record.headers().forEach(header -> consumed.headers().add(header));
        return (NotificationRaised) codec.fromRecord(consumed).event();
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value());
    }
}
