package dev.almanac.dispatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.dispatch.testing.TopicTail;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 71's notifier benchmark, against a real broker and the dispatcher (with its notifier) in a JVM of its own:
 * failed runs arrive at a steady rate on {@code almanac.runs.v1}, each concerning one calendar's manager, and the
 * dispatcher is killed ({@code kill -9}) a third of the way through and started again on its state directory. Each
 * fact is timed from its send to its notification readable by a {@code read_committed} reader of
 * {@code almanac.notifications.v1}; afterwards every fact must have exactly one notification. The managers of every
 * {@value #MAILED_EVERY}th calendar take their critical notifications by e-mail too (their preferences say so), through
 * the deliverer beside the notifier to an SMTP server in this JVM (GreenMail): each of those facts is timed to its
 * e-mail accepted, and must have one, not two.
 *
 * <pre>
 * ./mvnw -B -o -pl dispatcher -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=NotifierBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true \
 *     [-Dalmanac.bench.rate=1000] [-Dalmanac.bench.seconds=60] [-Dalmanac.bench.kill=true]
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class NotifierBenchmarkIT {

    private static final Logger log = LoggerFactory.getLogger(NotifierBenchmarkIT.class);
    private static final Duration START_PATIENCE = Duration.ofMinutes(4);
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(5);
    private static final int PARTITIONS = 12;
    private static final int RATE = Integer.getInteger("almanac.bench.rate", 1_000);
    private static final int SECONDS = Integer.getInteger("almanac.bench.seconds", 60);
    private static final boolean KILL = Boolean.parseBoolean(System.getProperty("almanac.bench.kill", "true"));
    private static final int MAILED_EVERY = Integer.getInteger("almanac.bench.mailed-every", 24);
    private static final Pattern SUBJECT_FACT = Pattern.compile("Run failed: rule (bench-[0-9a-f-]+)");
    private static final List<CalendarId> CALENDARS = IntStream.range(0, 24).mapToObj(i -> CalendarId.of("cal-notify-bench-" + i)).toList();

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    /** Fact event id to the instant ({@code System.nanoTime()}) its send was asked for. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** Fact event id to its notifications read, and when the first was. */
    private final Map<String, AtomicLong> notificationsOf = new ConcurrentHashMap<>();
    private final Map<String, Long> firstReadAt = new ConcurrentHashMap<>();
    /** Fact event id by its failed run's entry id, which an e-mail's subject names. */
    private final Map<String, String> factOfEntry = new ConcurrentHashMap<>();
    /** Facts whose manager takes e-mail, to the e-mails accepted for each, and when the first was. */
    private final Set<String> mailedFacts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> mailsOf = new ConcurrentHashMap<>();
    private final Map<String, Long> firstMailAt = new ConcurrentHashMap<>();

    @Test
    void everyFactArrivingAtAThousandASecondHasOneNotificationThroughAKill() throws Exception {
        int httpPort;
        int smtpPort;
        try (FreePorts free = new FreePorts()) {
            httpPort = free.orFree(0);
            smtpPort = free.orFree(0);
        }
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        String[] settings = {"--almanac.deliver.smtp.host=127.0.0.1", "--almanac.deliver.smtp.port=" + smtpPort,
                    "--almanac.deliver.webhook-private-addresses=allow"};
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka")); MailWatch watch = new MailWatch(mail)) {
            String bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, PARTITIONS);
            Path state = directory.resolve("state");
            Path dispatcherLog = Path.of("target", "notifier-benchmark-dispatcher.log").toAbsolutePath();
            Files.deleteIfExists(dispatcherLog);
            DispatcherJvm dispatcher = DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, settings).awaitReady(START_PATIENCE);
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap); TopicTail<NotificationRaised> reader = new TopicTail<>(bootstrap, Topics.NOTIFICATIONS, NotificationRaised.class,
                    (notification, readAt) -> {
                        String fact = notification.source().eventId();
                        notificationsOf.computeIfAbsent(fact, unused -> new AtomicLong()).incrementAndGet();
                        firstReadAt.putIfAbsent(fact, readAt);
                    })) {
                for (CalendarId calendar : CALENDARS) {
                    send(producer, new CalendarAccessGranted(calendar, manager(calendar), CalendarRole.MANAGER, null), "admin", 1).get();
                    if (mailed(calendar)) {
                        send(producer, new NotificationPreferencesSet(manager(calendar), "Europe/Berlin", manager(calendar).value(), null,
                                List.of(), null, 0, List.of()), manager(calendar).value(), 1).get();
                    }
                }
                // One fact a calendar first: once each is told, the notifier knows every manager.
                List<String> probes = CALENDARS.stream().map(calendar -> failed(calendar, producer)).toList();
                await().atMost(START_PATIENCE).until(() -> probes.stream().allMatch(firstReadAt::containsKey));
                probes.forEach(sentAt::remove);
                await().atMost(START_PATIENCE).until(() -> probes.stream().filter(mailedFacts::contains).allMatch(firstMailAt::containsKey));
                probes.forEach(mailedFacts::remove);

                long burstStart = System.nanoTime();
                long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
                int facts = RATE * SECONDS;
                CompletableFuture<DispatcherJvm> restarted = null;
                long killedAt = 0;
                for (int i = 0; i < facts; i++) {
                    long due = burstStart + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    failed(CALENDARS.get(i % CALENDARS.size()), producer);
                    if (KILL && i == facts / 3) {
                        log.info("kill -9 of the dispatcher after {} facts", i);
                        killedAt = System.nanoTime();
                        DispatcherJvm killed = dispatcher;
                        restarted = CompletableFuture.supplyAsync(() -> {
                            try {
                                killed.kill();
                                return DispatcherJvm.start(bootstrap, state, httpPort, dispatcherLog, settings).awaitReady(START_PATIENCE);
                            } catch (Exception failure) {
                                throw new IllegalStateException(failure);
                            }
                        });
                    }
                }
                long burstEnd = System.nanoTime();
                producer.flush();
                if (restarted != null) {
                    dispatcher = restarted.get(START_PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
                await().atMost(SETTLE_PATIENCE).pollInterval(Duration.ofSeconds(1))
                        .until(() -> sentAt.keySet().stream().allMatch(firstReadAt::containsKey));
                try {
                    await().atMost(SETTLE_PATIENCE).pollInterval(Duration.ofSeconds(1))
                            .until(() -> mailedFacts.stream().allMatch(firstMailAt::containsKey));
                } catch (ConditionTimeoutException notAllMailed) {
                    // Reported below however far it got (the sender's pace is one of the figures), then asserted.
                }
                // What a repeat would add comes within a commit interval of the last first read.
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                        .until(() -> notificationsOf.values().stream().allMatch(count -> count.get() == 1));

                report(burstStart, burstEnd, killedAt);
                assertThat(sentAt.keySet()).allSatisfy(fact -> assertThat(notificationsOf.get(fact).get())
                        .as("notifications of fact " + fact).isEqualTo(1L));
                assertThat(mailedFacts).isNotEmpty().allSatisfy(fact -> assertThat(mailsOf.get(fact)).as("e-mails of fact " + fact).isNotNull()
                        .satisfies(mails -> assertThat(mails.get()).as("e-mails of fact " + fact).isEqualTo(1L)));
            } finally {
                dispatcher.close();
            }
        } finally {
            mail.stop();
        }
    }

    private static boolean mailed(CalendarId calendar) {
        return CALENDARS.indexOf(calendar) % MAILED_EVERY == 0;
    }

    private void report(long burstStart, long burstEnd, long killedAt) {
        List<Long> all = new ArrayList<>();
        List<Long> beforeKill = new ArrayList<>();
        List<Long> afterRecovery = new ArrayList<>();
        long recovered = 0;
        if (killedAt > 0) {
            // Recovered: the first fact sent after the kill whose notification came within a second.
            recovered = sentAt.entrySet().stream().filter(fact -> fact.getValue() > killedAt)
                    .filter(fact -> firstReadAt.get(fact.getKey()) - fact.getValue() < TimeUnit.SECONDS.toNanos(1))
                    .mapToLong(Map.Entry::getValue).min().orElse(Long.MAX_VALUE);
        }
        for (Map.Entry<String, Long> fact : sentAt.entrySet()) {
            long lateness = firstReadAt.get(fact.getKey()) - fact.getValue();
            all.add(lateness);
            if (killedAt == 0 || fact.getValue() < killedAt) {
                beforeKill.add(lateness);
            } else if (fact.getValue() >= recovered) {
                afterRecovery.add(lateness);
            }
        }
        long doubled = notificationsOf.values().stream().filter(count -> count.get() > 1).count();
        List<Long> toMail = mailedFacts.stream().filter(firstMailAt::containsKey).map(fact -> firstMailAt.get(fact) - sentAt.get(fact)).toList();
        long mailedTwice = mailedFacts.stream().map(mailsOf::get).filter(count -> count != null && count.get() > 1).count();
        double seconds = (burstEnd - burstStart) / 1e9;
        String line = String.format(Locale.ROOT,
                "BENCH notifier: %d facts in %.1f s (%.0f/s) over %d calendars; fact sent to notification readable (read_committed): "
                        + "all %s; before the kill %s; after recovery %s; kill to recovered %s; facts with more than one notification %d; "
                        + "fact sent to e-mail accepted (SMTP) %s of %d facts mailed; facts mailed more than once %d; load average %.1f",
                sentAt.size(), seconds, sentAt.size() / seconds, CALENDARS.size(), percentiles(all), percentiles(beforeKill),
                percentiles(afterRecovery),
                killedAt == 0 ? "no kill" : recovered == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f s", (recovered - killedAt) / 1e9),
                doubled, percentiles(toMail), mailedFacts.size(), mailedTwice, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        log.info(line);
        System.out.println(line);
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms (n=%d)", at(sorted, 0.50), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1_000_000, sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1_000_000;
    }

    private static UserId manager(CalendarId calendar) {
        return UserId.of("manager-of-" + calendar.value() + "@example.com");
    }

    /** Sends a failed run of a rule occurrence on {@code calendar}, which concerns its manager alone; answers its event id. */
    private String failed(CalendarId calendar, KafkaProducer<String, byte[]> producer) {
        String runId = "run-" + UUID.randomUUID();
        String entry = "bench-" + UUID.randomUUID();
        RunFailed fact = new RunFailed(RunId.of(runId), calendar, EntryKind.RULE, entry, 1, Instant.now(), "bench-executor",
                "exit status 1");
        String eventId = UUID.randomUUID().toString();
        factOfEntry.put(entry, eventId);
        if (mailed(calendar)) {
            mailedFacts.add(eventId);
        }
        sentAt.put(eventId, System.nanoTime());
        send(producer, fact, eventId, "bench-executor", 1);
        return eventId;
    }

    private CompletableFuture<?> send(KafkaProducer<String, byte[]> producer, AlmanacEvent event, String actor, long version) {
        return send(producer, event, UUID.randomUUID().toString(), actor, version);
    }

    private CompletableFuture<?> send(KafkaProducer<String, byte[]> producer, AlmanacEvent event, String eventId, String actor, long version) {
        EventMetadata envelope = new EventMetadata(eventId, EventCatalog.of(event).ceType(), "/almanac/bench", Instant.now(), event.subject(),
                version, actor, "corr-notify-bench", null);
        var record = codec.toRecord(envelope, event);
        CompletableFuture<Object> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()), (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(metadata);
            }
        });
        return sent;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The e-mails the SMTP server accepted, counted by the fact their subject names, stamped when first seen (every 20 ms). */
    private final class MailWatch implements AutoCloseable {

        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        // The server lists its messages mailbox by mailbox, not in arrival: each message is counted once, by identity.
        private final Set<MimeMessage> counted = Collections.newSetFromMap(new IdentityHashMap<>());

        MailWatch(GreenMail mail) {
            sampler.scheduleWithFixedDelay(() -> count(mail.getReceivedMessages(), System.nanoTime()), 0, 20, TimeUnit.MILLISECONDS);
        }

        private void count(MimeMessage[] received, long now) {
            for (MimeMessage message : received) {
                if (!counted.add(message)) {
                    continue;
                }
                Matcher entry = SUBJECT_FACT.matcher(subject(message));
                String fact = entry.find() ? factOfEntry.get(entry.group(1)) : null;
                if (fact != null) {
                    mailsOf.computeIfAbsent(fact, unused -> new AtomicLong()).incrementAndGet();
                    firstMailAt.putIfAbsent(fact, now);
                }
            }
        }

        private static String subject(MimeMessage message) {
            try {
                return String.valueOf(message.getSubject());
            } catch (MessagingException unreadable) {
                return "";
            }
        }

        @Override
        public void close() throws InterruptedException {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
