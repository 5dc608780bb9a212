package dev.almanac.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.testing.DispatchLog;
import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher as a process of its own against a real broker: rules that fire every two seconds, a {@code kill -9}
 * of the dispatcher, a clean restart, and a restart of the broker. A {@code read_committed} consumer must then have
 * read every occurrence that fell due exactly once (or, had the dispatcher been away longer than the misfire
 * threshold, inside a misfire it published), and none before it was due.
 */
class DispatcherExactlyOnceIT {

    private static final Logger log = LoggerFactory.getLogger(DispatcherExactlyOnceIT.class);
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    /** How long the dispatcher works after each start, in dispatches due: three rounds of every rule at least. */
    private static final Duration AT_WORK = Duration.ofSeconds(6);
    private static final int RULES = 24;
    /** Only the dispatch topology is under test: the notifier and deliverer would only slow each start. */
    private static final String[] DISPATCH_ONLY = {"--almanac.notify.enabled=false", "--almanac.deliver.enabled=false"};
    private static final List<CalendarId> CALENDARS = Stream.of("a", "b", "c", "d", "e", "f").map(name -> CalendarId.of("cal-eo-" + name))
            .toList();

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void everyDueOccurrenceIsDispatchedOnceAndNeverEarlyThroughAKillARestartAndABrokerRestart() throws Exception {
        int kafkaPort;
        int controllerPort;
        int httpPort;
        try (FreePorts free = new FreePorts()) {
            kafkaPort = free.orFree(0);
            controllerPort = free.orFree(0);
            httpPort = free.orFree(0);
        }
        Path kafkaDirectory = directory.resolve("kafka");
        Path state = directory.resolve("state");
        Path dispatcherLog = directory.resolve("dispatcher.log");
        KafkaBroker broker = KafkaBroker.start(kafkaDirectory, kafkaPort, controllerPort);
        String bootstrap = broker.bootstrapServers();
        TestTopics.createAll(bootstrap, 3);

        DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
        DispatchLog dispatched = new DispatchLog(bootstrap);
        List<RuleStory.Step> creations = publishRules(bootstrap);
        try {
            awaitDispatchFor(dispatched, AT_WORK);

            log.info("kill -9 of the dispatcher");
            dispatcher.kill();
            dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
            awaitDispatchFor(dispatched, AT_WORK);

            log.info("clean restart of the dispatcher");
            dispatcher.stop();
            dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, DISPATCH_ONLY).awaitReady(START_PATIENCE);
            awaitDispatchFor(dispatched, AT_WORK);

            log.info("restart of the broker");
            broker.close();
            broker = KafkaBroker.start(kafkaDirectory, kafkaPort, controllerPort);
            awaitDispatchFor(dispatched, AT_WORK.plusSeconds(2));
        } finally {
            dispatcher.stop();
            dispatched.close();
            broker.close();
        }

        List<DispatchLog.Seen> seen = dispatched.dispatched();
        assertThat(dispatched.perAttempt()).as("records per occurrence and attempt").allSatisfy((key, count) -> assertThat(count)
                .as(key).isEqualTo(1L));
        assertThat(seen).allSatisfy(one -> {
            assertThat(one.due().dispatchedAt()).as("decided no earlier than due").isAfterOrEqualTo(one.due().dueAt());
            assertThat(one.readAt()).as("readable no earlier than due").isAfterOrEqualTo(one.due().dueAt());
        });
        // Everything due up to a few seconds before the end was decided: dispatched once, or reported misfired.
        Instant cutoff = dispatched.latestDue().minusSeconds(5);
        Set<String> dispatchedIds = seen.stream().map(one -> one.due().occurrenceId().value()).collect(Collectors.toSet());
        List<String> lost = new ArrayList<>();
        for (RuleStory.Step creation : creations) {
            RuleCreated created = (RuleCreated) creation.event();
            RuleTimeline timeline = RuleTimeline.start(created, creation.envelope()).orElseThrow();
            for (TimelineOccurrence occurrence : timeline.startingIn(created.activeFrom(), cutoff)) {
                if (!dispatchedIds.contains(occurrence.id().value()) && !misfired(dispatched.misfired(), created.ruleId(), occurrence)) {
                    lost.add(created.ruleId() + "@" + occurrence.start());
                }
            }
        }
        assertThat(lost).as("occurrences neither dispatched nor reported misfired").isEmpty();
        log.info("{} dispatches, {} misfires; due to readable {}; due to decided {}", seen.size(), dispatched.misfired().size(),
                percentiles(seen.stream().map(DispatchLog.Seen::lateness).toList()),
                percentiles(seen.stream().map(one -> Duration.between(one.due().dueAt(), one.due().dispatchedAt())).toList()));
        // Every rule fires every 2 s: at least the rounds of the four spells at work, whatever the restarts took.
        assertThat(seen.size()).as("dispatches over the run").isGreaterThan(RULES * 4 * (int) AT_WORK.toSeconds() / 2);
    }

    private static String percentiles(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted(Comparator.naturalOrder()).toList();
        return "p50 " + sorted.get(sorted.size() / 2).toMillis() + " ms, p99 " + sorted.get(sorted.size() * 99 / 100).toMillis()
                + " ms, max " + sorted.get(sorted.size() - 1).toMillis() + " ms";
    }

    private static boolean misfired(List<DispatchMisfired> misfires, RuleId ruleId, TimelineOccurrence occurrence) {
        return misfires.stream().anyMatch(misfire -> misfire.ruleId().equals(ruleId) && !occurrence.start().isBefore(misfire.startsFrom())
                && occurrence.start().isBefore(misfire.startsUntil()));
    }

    /** Waits until dispatches due {@code span} after now have been read: the dispatcher has been at work that long. */
    private static void awaitDispatchFor(DispatchLog dispatched, Duration span) {
        Instant until = Instant.now().plus(span);
        Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !dispatched.latestDue().isBefore(until));
    }

    private List<RuleStory.Step> publishRules(String bootstrap) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        List<RuleStory.Step> creations = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < RULES; i++) {
                RuleStory rule = RuleStory.of("*/2 * * * * *", CALENDARS.get(i % CALENDARS.size())).dialect(CronSyntax.SPRING);
                RuleStory.Step created = rule.created(now);
                creations.add(created);
                producer.send(codec.toRecord(created.envelope(), created.event())).get();
            }
        }
        return creations;
    }
}
