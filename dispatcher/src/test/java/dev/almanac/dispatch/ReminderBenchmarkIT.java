package dev.almanac.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.dispatch.testing.DispatchLog;
import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.ReminderId;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 71's reminder benchmark (ADR 0079), against a real broker and the dispatcher in a JVM of its own: 10,000 item
 * reminders due within one minute, spread evenly over it, on 50 calendars. It measures each {@code ReminderDue}'s fire
 * time (its {@code fired_at}, the dispatcher's clock when its tick decided it) and the instant a {@code read_committed}
 * reader had it, both less its {@code due_at}. Goal: within 1 s. Run only when asked:
 * <pre>
 * ./mvnw -B -o -pl dispatcher -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ReminderBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 * It prints one line starting {@code BENCH}.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ReminderBenchmarkIT {

    private static final Duration START_PATIENCE = Duration.ofMinutes(4);
    private static final int REMINDERS = Integer.getInteger("almanac.bench.reminders", 10_000);
    private static final List<CalendarId> CALENDARS = Stream.iterate(0, i -> i + 1).limit(50)
            .map(i -> CalendarId.of("cal-bench-" + i)).toList();
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void tenThousandRemindersDueWithinOneMinuteFireWithinASecondOfTheirTime() throws Exception {
        int httpPort;
        try (FreePorts free = new FreePorts()) {
            httpPort = free.orFree(0);
        }
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, 3);
            DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, directory.resolve("state"), httpPort,
                    directory.resolve("dispatcher.log")).awaitReady(START_PATIENCE);
            try (DispatchLog log = new DispatchLog(bootstrap)) {
                // Loaded well before the first is due, so the figure is the firing, not the intake.
                Instant firstDue = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
                Duration spacing = Duration.ofMinutes(1).dividedBy(REMINDERS);
                publish(bootstrap, firstDue, spacing);
                Instant lastDue = firstDue.plus(spacing.multipliedBy(REMINDERS - 1));
                Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> log.reminded().size() >= REMINDERS || Instant.now().isAfter(lastDue.plusSeconds(90)));

                List<DispatchLog.Reminded> seen = log.reminded();
                Map<String, Long> perReminder = seen.stream()
                        .collect(Collectors.groupingBy(one -> one.due().reminderId().value(), Collectors.counting()));
                long early = seen.stream().filter(one -> one.due().firedAt().isBefore(one.due().dueAt())).count();
                String line = ("BENCH reminders: %d due within one minute on %d calendars; %d fired, %d twice, %d early; "
                        + "fire time less due time %s; readable less due time %s; load average %.2f")
                        .formatted(REMINDERS, CALENDARS.size(), perReminder.size(),
                                perReminder.values().stream().filter(count -> count > 1).count(), early,
                                percentiles(seen, one -> Duration.between(one.due().dueAt(), one.due().firedAt())),
                                percentiles(seen, one -> Duration.between(one.due().dueAt(), one.readAt())),
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.println(line);

                assertThat(perReminder).hasSize(REMINDERS);
                assertThat(perReminder.values()).as("each reminder once").containsOnly(1L);
                assertThat(early).as("reminders fired before their instant").isZero();
            } finally {
                dispatcher.stop();
            }
        }
    }

    /** One item per reminder, each starting 30 minutes after its reminder's instant, in Kathmandu's +5:45. */
    private void publish(String bootstrap, Instant firstDue, Duration spacing) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < REMINDERS; i++) {
                Instant start = firstDue.plus(spacing.multipliedBy(i)).plus(Duration.ofMinutes(30));
                ItemReminderSet set = new ItemReminderSet(ItemId.of("item-bench-" + i), CALENDARS.get(i % CALENDARS.size()), start,
                        start.plus(Duration.ofHours(1)), "Shift " + i, ReminderId.of("rem-bench-" + i), UserId.of("user-" + i % 500), 30,
                        KATHMANDU);
                EventMetadata envelope = new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(set).ceType(),
                        "/almanac/command-service", Instant.now(), set.subject(), 1, "user-" + i % 500, "corr-bench", null);
                producer.send(codec.toRecord(envelope, set));
            }
            producer.flush();
        }
    }

    private static String percentiles(List<DispatchLog.Reminded> seen, Function<DispatchLog.Reminded, Duration> measure) {
        if (seen.isEmpty()) {
            return "no samples";
        }
        List<Duration> sorted = seen.stream().map(measure).sorted(Comparator.naturalOrder()).toList();
        return "p50 " + sorted.get(sorted.size() / 2).toMillis() + " ms, p99 " + sorted.get(sorted.size() * 99 / 100).toMillis()
                + " ms, max " + sorted.get(sorted.size() - 1).toMillis() + " ms";
    }
}
