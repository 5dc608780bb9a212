package dev.almanac.benchmarks.notify;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.almanac.benchmarks.console.Stats;
import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.benchmarks.seedscale.Api;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.notify.NotificationBench -jar benchmarks/target/bench-load.jar}: issue
 * 71's "fact to notification visible in the centre" on a running local stack. It acts as an executor would: it
 * publishes failed runs on {@code almanac.runs.v1} in the wire shape of the contract (CloudEvents headers, JSON body),
 * at a steady rate over calendars that one user manages, and times each from its send to the {@code notification}
 * event on that user's live stream, which query-service sends once the centre lists it (ADR 0075).
 */
public final class NotificationBench {

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.notify.NotificationBench -jar benchmarks/target/bench-load.jar
                        [--gateway URL] [--kafka HOST:PORT] [--rate 1000] [--seconds 60] [--calendars 12] [--settle 120]
              Creates --calendars calendars (once, by fixed ids) managed by %s, opens that user's live stream, then
              publishes --rate failed runs a second for --seconds, round robin over the calendars, and reports the time
              from each fact's send to its notification on the stream (p50/p95/p99/max), the facts whose notification
              did not come within --settle seconds of the last send, and those that came twice.
              Defaults: --gateway %s --kafka %s."""
            .formatted(NotificationBench.MANAGER, LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA);
    static final String MANAGER = "bench-notify-manager";
    private static final Pattern UNREAD = Pattern.compile("\"unread\"\\s*:\\s*(\\d+)");
    private static final Pattern TITLE_ENTRY = Pattern.compile("Run failed: rule (bench-fact-[0-9a-f-]+)");

    private final Settings settings;
    private final Api api;
    /** Fact (its entry id) to when its send was asked for, {@code System.nanoTime()}. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> heardAt = new ConcurrentHashMap<>();
    private final AtomicInteger heardTwice = new AtomicInteger();

    NotificationBench(Settings settings) {
        this.settings = settings;
        this.api = new Api(settings.gateway());
    }

    /** What to measure, and where. */
    record Settings(String gateway, String kafka, int ratePerSecond, int seconds, int calendars, Duration settle) {

        static Settings parse(List<String> args) {
            CommandOptions options = CommandOptions.parse("notification-bench", args, Set.of("gateway", "kafka", "rate", "seconds", "calendars",
                    "settle"), Set.of());
            return new Settings(options.value("gateway", LocalStackDefaults.GATEWAY), options.value("kafka", LocalStackDefaults.KAFKA),
                    options.number("rate", 1, 1_000), options.number("seconds", 1, 60), options.number("calendars", 1, 12),
                    Duration.ofSeconds(options.number("settle", 1, 120)));
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        new NotificationBench(settings).run(System.out);
    }

    void run(PrintStream out) throws Exception {
        List<String> calendars = IntStream.range(0, settings.calendars()).mapToObj(i -> "cal-bench-notify-" + i).toList();
        seed(calendars, out);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Listener listener = new Listener();
        http.sendAsync(HttpRequest.newBuilder(URI.create(settings.gateway() + "/api/v1/stream?calendar_id=" + String.join(",", calendars)))
                .header("Accept", "text/event-stream").header("X-Almanac-User", MANAGER).GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(listener));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            awaitOpen(listener);
            // One fact a calendar first, untimed: the notifier then knows the manager of each.
            List<String> probes = calendars.stream().map(calendar -> publish(producer, calendar)).toList();
            awaitHeard(probes, Duration.ofSeconds(120));
            probes.forEach(sentAt::remove);
            long unreadBefore = unread(http);

            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
            int facts = settings.ratePerSecond() * settings.seconds();
            for (int i = 0; i < facts; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                publish(producer, calendars.get(i % calendars.size()));
            }
            producer.flush();
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            awaitHeard(List.copyOf(sentAt.keySet()), settings.settle());
            report(facts, sendSeconds, out);
            out.printf(Locale.ROOT, "  the centre's unread count grew by %d (GET /api/v1/notifications/unread-count)%n", unread(http) - unreadBefore);
        } finally {
            listener.close();
        }
    }

    private void report(int facts, double sendSeconds, PrintStream out) {
        List<Double> millis = new ArrayList<>();
        int unheard = 0;
        for (Map.Entry<String, Long> fact : sentAt.entrySet()) {
            Long heard = heardAt.get(fact.getKey());
            if (heard == null) {
                unheard++;
            } else {
                millis.add((heard - fact.getValue()) / 1e6);
            }
        }
        out.printf(Locale.ROOT, "Notifications: %d failed runs published in %.1f s (%.0f a second) over %d calendars, load average %.1f%n",
                facts, sendSeconds, facts / sendSeconds, settings.calendars(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("  fact sent to its notification on the manager's live stream: " + Stats.of(millis));
        out.printf(Locale.ROOT, "  not heard within %d s: %d; heard twice: %d%n", settings.settle().toSeconds(), unheard, heardTwice.get());
    }

    private long unread(HttpClient http) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(settings.gateway() + "/api/v1/notifications/unread-count"))
                .header("X-Almanac-User", MANAGER).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher unread = UNREAD.matcher(body);
        if (!unread.find()) {
            throw new IllegalStateException("the unread count answered " + body);
        }
        return Long.parseLong(unread.group(1));
    }

    /** Publishes a failed run of a rule occurrence on {@code calendar}, in the wire shape of {@code RunFailed}; answers its entry id. */
    private String publish(KafkaProducer<String, String> producer, String calendar) {
        String entry = "bench-fact-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", eventId);
        header(headers, "ce_type", "dev.almanac.run.RunFailed.v1");
        header(headers, "ce_source", "/almanac/bench-executor");
        header(headers, "ce_time", now.toString());
        header(headers, "ce_subject", entry);
        header(headers, "content-type", "application/json");
        header(headers, "almanac_aggregate_version", "0");
        header(headers, "almanac_actor", "bench-executor");
        header(headers, "almanac_correlation_id", eventId);
        String value = """
                {"run_id":"%s","calendar_id":"%s","entry_kind":"rule","entry_id":"%s","attempt":1,"finished_at":"%s","executor":"bench-executor","message":"exit status 1"}"""
                .formatted(entry, calendar, entry, now);
        sentAt.put(entry, System.nanoTime());
        producer.send(new ProducerRecord<>("almanac.runs.v1", null, calendar, value, headers));
        return entry;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The calendars, by fixed ids, each with {@link #MANAGER} granted manager: a second run finds them there and goes on. */
    private void seed(List<String> calendars, PrintStream out) {
        for (String calendar : calendars) {
            Api.Answer created = api.post("/calendars", """
                    {"id": "%s", "name": "Notification benchmark", "type": "queue", "timezone": "UTC", "capacity": 1000, "overbooking_policy": "allow"}"""
                    .formatted(calendar), null);
            if (created.status() != 201 && created.status() != 200 && created.status() != 409) {
                throw new IllegalStateException("creating " + calendar + " answered " + created.status() + ": " + created.body());
            }
            Api.Answer granted = api.post("/calendars/" + calendar + "/grants", """
                    {"user_id": "%s", "role": "manager", "reason": "notification benchmark"}""".formatted(MANAGER), null);
            if (granted.status() / 100 != 2) {
                throw new IllegalStateException("granting " + calendar + " answered " + granted.status() + ": " + granted.body());
            }
        }
        out.printf("Seeded %d calendars managed by %s%n", calendars.size(), MANAGER);
    }

    private static void awaitOpen(Listener listener) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listener.open && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!listener.open) {
            throw new IllegalStateException("the manager's live stream did not open within 60 s");
        }
    }

    private void awaitHeard(List<String> facts, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline && !heardAt.keySet().containsAll(facts)) {
            Thread.sleep(100);
        }
    }

    /** The manager's live stream: the fact of each notification event, and when it came. */
    private final class Listener implements Flow.Subscriber<String> {

        private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;
        private volatile boolean open;
        private boolean inNotification;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith("event:")) {
                String event = line.substring("event:".length()).trim();
                open |= event.equals("ready");
                inNotification = event.equals("notification");
            } else if (inNotification && line.startsWith("data:")) {
                Matcher entry = TITLE_ENTRY.matcher(line);
                if (entry.find() && heardAt.putIfAbsent(entry.group(1), now) != null) {
                    heardTwice.incrementAndGet();
                }
            } else if (line.isEmpty()) {
                inNotification = false;
            }
        }

        @Override
        public void onError(Throwable failure) {
            open = false;
            System.err.println("The live stream ended: " + failure);
        }

        @Override
        public void onComplete() {
            open = false;
            System.err.println("The live stream ended");
        }

        void close() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
