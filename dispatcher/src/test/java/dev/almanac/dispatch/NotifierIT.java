package dev.almanac.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.dispatch.testing.TopicTail;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier in the dispatcher's own process, on a real broker: a missed run reaches the rule's creator and the
 * calendar's manager on almanac.notifications.v1, to a read_committed reader, once each, through a kill -9.
 */
class NotifierIT {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    /** The deliverer reads what the notifier writes and nothing here waits for it: left out, each start is quicker. */
    private static final String NO_DELIVERER = "--almanac.deliver.enabled=false";
    private static final Duration NOTIFY_PATIENCE = Duration.ofMinutes(1);
    private static final CalendarId CALENDAR = CalendarId.of("cal-notify");
    private static final UserId CREATOR = UserId.of("creator@example.com");
    private static final UserId MANAGER = UserId.of("manager@example.com");

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aMissedRunReachesTheRulesCreatorAndTheCalendarsManagerOnceEachThroughAKill() throws Exception {
        int httpPort;
        try (FreePorts free = new FreePorts()) {
            httpPort = free.orFree(0);
        }
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, 3);
            Path state = directory.resolve("state");
            // Under target, so that a failed run leaves it to read.
            Path log = Path.of("target", "notifier-it-dispatcher.log").toAbsolutePath();
            java.nio.file.Files.deleteIfExists(log);
            List<NotificationRaised> seen = new CopyOnWriteArrayList<>();
            DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, log, NO_DELIVERER).awaitReady(START_PATIENCE);
            try (KafkaProducer<String, byte[]> producer = TestTopics.producer(bootstrap); TopicTail<NotificationRaised> reader = TopicTail.into(bootstrap, Topics.NOTIFICATIONS, NotificationRaised.class, seen)) {
                RuleCreated sample = EventSamples.ruleCreated();
                RuleId rule = RuleId.of("rule-notify");
                send(producer, new CalendarAccessGranted(CALENDAR, MANAGER, CalendarRole.MANAGER, null), "admin", 1);
                send(producer, new RuleCreated(rule, "Nightly export", sample.cron(), sample.timezone(), CALENDAR, sample.durationSeconds(),
                        sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(), sample.metadata()), CREATOR.value(), 0);
                // A proposal travels behind the rule's contact, so once it is told the contact is known: facts of other
                // topics may otherwise overtake a rule created an instant before them (ADR 0075).
                RuleChangeProposed proposal = EventSamples.ruleChangeProposed();
                send(producer, new RuleChangeProposed(proposal.changeRequestId(), rule, 0, proposal.proposedAt(), proposal.expiresAt(),
                        proposal.instruction(), proposal.change(), proposal.reason(), proposal.description(), proposal.before(),
                        proposal.after(), proposal.warnings()), "proposer@example.com", 0);
                awaitSeen(seen, 3, log);
                assertThat(seen).extracting(NotificationRaised::kind).containsOnly(NotificationKind.RULE_CHANGE_PROPOSED);

                send(producer, missed(rule, Instant.parse("2026-12-02T07:30:00Z")), "rule-expander", 1);
                awaitSeen(seen, 6, log);
                List<NotificationRaised> missed = seen.subList(3, 6);
                assertThat(missed).extracting(NotificationRaised::recipient).containsExactlyInAnyOrder(CREATOR, UserId.of("platform-team"), MANAGER);
                assertThat(missed).allSatisfy(notification -> assertThat(notification.kind()).isEqualTo(NotificationKind.RUN_MISSED));

                dispatcher.kill();
                dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, log, NO_DELIVERER).awaitReady(START_PATIENCE);
                send(producer, missed(rule, Instant.parse("2026-12-03T07:30:00Z")), "rule-expander", 1);

                awaitSeen(seen, 9, log);
                assertThat(seen).extracting(notification -> notification.notificationId().value()).doesNotHaveDuplicates().hasSize(9);
            } finally {
                dispatcher.close();
            }
        }
    }

    /** Waits for {@code count} notifications; if they do not come, fails with what the dispatcher logged of its notifier. */
    private static void awaitSeen(List<NotificationRaised> seen, int count, Path log) throws java.io.IOException {
        try {
            await().atMost(NOTIFY_PATIENCE).until(() -> seen.size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            throw new AssertionError(seen.size() + " notifications of " + count + "; the dispatcher logged:\n" + String.join("\n",
                    lines.stream().filter(line -> line.contains("notifier") || line.contains("WARN") || line.contains("ERROR"))
                            .skip(Math.max(0, lines.size() - 400)).limit(120).toList()), timeout);
        }
    }

    private static OccurrenceMissed missed(RuleId rule, Instant start) {
        return new OccurrenceMissed(OccurrenceId.of(rule, start), rule, 0, CALENDAR, start, start, start.plusSeconds(900),
                start.plusSeconds(360), null);
    }

    private void send(KafkaProducer<String, byte[]> producer, AlmanacEvent event, String actor, long version) throws Exception {
        String type = EventCatalog.of(event).ceType();
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type + event.subject() + version).getBytes()).toString(), type,
                "/almanac/test", Instant.parse("2026-12-02T08:00:00Z"), event.subject(), version, actor, "corr-notify", null);
        var record = codec.toRecord(envelope, event);
        String topic = event instanceof OccurrenceMissed ? Topics.MISSED_RUNS : record.topic();
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())).get();
    }

}
