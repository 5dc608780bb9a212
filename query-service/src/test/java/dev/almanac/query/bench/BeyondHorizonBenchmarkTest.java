package dev.almanac.query.bench;

import static dev.almanac.query.bench.WindowBenchmarkTest.get;
import static dev.almanac.query.bench.WindowBenchmarkTest.heapAfterGc;
import static dev.almanac.query.bench.WindowBenchmarkTest.report;
import static dev.almanac.query.bench.WindowBenchmarkTest.warmUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.embedded.MongoWireServer;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * Issue "Calendar reads that frontends can build on", occurrences to a year ahead: a year-long
 * window of rules that run every 5 minutes, mostly beyond the horizon; goal p99 of 25 ms. 100
 * rules ({@code almanac.bench.rules}) over 100 calendars, one each, every 5 minutes, in
 * Asia/Kolkata (every tenth in America/New_York with a 5-minute jitter, for the DST days), are
 * projected with their first {@code almanac.bench.materialised-days} (default 2) days materialised
 * through the real projection path into mongo-java-server; the rest of the year, 363 days of
 * 28,800 occurrences, lies beyond the horizon. Then the year in Asia/Kolkata by day, over every
 * calendar and over one, through the real HTTP endpoint, without and then with the window answer cache: checked
 * against RecurrenceExpander's count, then timed cold (the first request computes the rules' days),
 * with one client and with 16 concurrent clients ({@code almanac.bench.clients}), p50 and p99 of
 * every request, and once after each of 20 horizon advances (one more occurrence materialised, so
 * the rule index changes and the snapshot is computed again); and seed 003's list, {@code GET /schedules}, a page of 100
 * half a year ahead (ADR 0084). Not part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=BeyondHorizonBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx4g
 * </pre>
 * and with {@code -Dalmanac.bench.list-only=true} for the list alone.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class BeyondHorizonBenchmarkTest {

    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    private static final String WINDOW = "/api/v1/schedules/window?from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z"
            + "&timezone=Asia/Kolkata&granularity=day";
    private static final int BATCH = 500;
    /** Only seed 003's list, for a quicker comparison of its figures ({@code -Dalmanac.bench.list-only=true}). */
    private static final boolean LIST_ONLY = Boolean.getBoolean("almanac.bench.list-only");

    @Test
    void aYearOfRulesEveryFiveMinutesMostlyBeyondTheHorizon() {
        int ruleCount = Integer.getInteger("almanac.bench.rules", 100);
        int materialisedDays = Integer.getInteger("almanac.bench.materialised-days", 2);
        List<RuleCreated> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            boolean newYork = i % 10 == 9;
            rules.add(RecurringRules.rule("rule-" + i, "cal-" + i, "*/5 * * * *", ZoneId.of(newYork ? "America/New_York" : "Asia/Kolkata"),
                    YEAR, newYork ? 300 : 0));
        }
        MongoWireServer server = MongoWireServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            Projections projections = new Projections(database, Duration.ofMinutes(2));
            Instant horizon = YEAR.plus(Duration.ofDays(materialisedDays));
            load(projections, rules, horizon);
            report("heap after loading, after a full GC: %,d MB", heapAfterGc() / (1024 * 1024));
            measure(server, projections, rules, horizon, 0);
            if (!LIST_ONLY) {
                measure(server, projections, rules, horizon, 16);
            }
        } finally {
            server.close();
        }
    }

    private static void load(Projections projections, List<RuleCreated> rules, Instant horizon) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (RuleCreated rule : rules) {
            batch.add(projections.decide(Received.of(ReadModelFixture.calendar(rule.calendarId().value(), ZoneId.of("Asia/Kolkata")), 0)));
            batch.add(projections.decide(Received.of(rule, 0)));
        }
        projections.applyNow(batch);
        batch.clear();
        long started = System.nanoTime();
        long events = 0;
        for (RuleCreated rule : rules) {
            for (OccurrenceMaterialized occurrence : RecurringRules.materialised(rule, 0, YEAR, horizon)) {
                batch.add(projections.decide(Received.of(occurrence, 0, occurrence.resolvedAt())));
                if (batch.size() == BATCH) {
                    projections.applyNow(batch);
                    events += batch.size();
                    batch.clear();
                }
            }
        }
        projections.applyNow(batch);
        events += batch.size();
        report("PROJECTION: %d rules, %,d occurrences materialised up to %s in %.1f s", rules.size(), events, horizon,
                (System.nanoTime() - started) / 1e9);
    }

    /** Starts the service on the loaded read models, with the window answer cache of that size (0: none), and measures. */
    private static void measure(MongoWireServer server, Projections projections, List<RuleCreated> rules, Instant horizon, int cacheSize) {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                        "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                        "--almanac.query.window-cache-size=" + cacheSize, "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            // No Accept-Encoding: Spring's default connector allows gzip, which the service now sends for a kept window, and
            // inflates it; earlier runs were all answered as they are.
            WebClient http = WindowBenchmarkTest.client(port, HttpClient.create());
            if (LIST_ONLY) {
                list(http);
                return;
            }
            long started = System.nanoTime();
            String answer = get(http, WINDOW);
            String cache = cacheSize == 0 ? "no answer cache" : "answer cache";
            report("COLD first request, all calendars (computes every rule's days), %s: %.0f ms, %,d bytes", cache,
                    (System.nanoTime() - started) / 1e6, answer.length());
            long expected = rules.stream().mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), YEAR, YEAR_END)).sum();
            long beyond = rules.stream().mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), horizon, YEAR_END)).sum();
            report("the window counts %,d occurrences, %,d (%.1f%%) of them beyond the horizon", expected, beyond, 100.0 * beyond / expected);
            assertThat(totalJobs(answer)).isEqualTo(expected);
            String queue = WINDOW + "&queue=cal-9";
            assertThat(totalJobs(get(http, queue))).isEqualTo(RecurrenceExpander.count(RecurrenceSpec.of(rules.get(9)), YEAR, YEAR_END));
            int clients = Integer.getInteger("almanac.bench.clients", 16);
            for (String uri : List.of(WINDOW, queue)) {
                latencies(http, uri, cache, 1, 200);
                latencies(http, uri, cache, clients, 25);
            }
            if (cacheSize == 0) {
                list(http);
                afterHorizonAdvances(http, projections, rules, horizon);
            }
        } finally {
            service.close();
        }
    }

    /** Seed 003's list (ADR 0084), half a year ahead, all beyond the horizon: first pages of 100, and a day filtered by type. */
    private static void list(WebClient http) {
        String list = "/api/v1/schedules?from=2026-07-01T00:00:00Z&till=2027-01-01T00:00:00Z&limit=100";
        assertThat(get(http, list)).contains("\"next_cursor\"");
        latencies(http, list, "list, all calendars", 1, 200);
        latencies(http, list + "&calendar_id=cal-9", "list, one calendar", 1, 200);
        String filtered = list.replace("2026-07-01", "2026-12-31") + "&type=job-rule-9";
        assertThat(get(http, filtered)).contains("\"rule_id\":\"rule-9\"").contains("\"next_cursor\"");
        latencies(http, filtered, "list, filtered to one rule's type", 1, 200);
    }

    /** Each round materialises the next occurrence of another rule, as a horizon pass would, then times one window. */
    private static void afterHorizonAdvances(WebClient http, Projections projections, List<RuleCreated> rules, Instant horizon) {
        int rounds = 20;
        double[] millis = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            RuleCreated rule = rules.get(round % rules.size());
            List<DecidedEvent> batch = RecurringRules.materialised(rule, 0, horizon, horizon.plus(Duration.ofMinutes(5))).stream()
                    .map(occurrence -> projections.decide(Received.of(occurrence, 0, occurrence.resolvedAt())))
                    .toList();
            projections.applyNow(batch);
            long started = System.nanoTime();
            String answer = get(http, WINDOW);
            millis[round] = (System.nanoTime() - started) / 1e6;
            assertThat(answer).isNotEmpty();
        }
        Arrays.sort(millis);
        report("AFTER A HORIZON ADVANCE, all calendars, one client, %d requests: p50 %.1f ms, max %.1f ms", rounds,
                millis[rounds / 2], millis[rounds - 1]);
    }

    /** Every request of {@code clients} concurrent clients, {@code each} requests apiece, timed alone: p50, p99, max. */
    private static void latencies(WebClient http, String uri, String cache, int clients, int each) {
        warmUp(http, uri);
        int requests = clients * each;
        double[] millis = new double[requests];
        long started = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return http.get().uri(uri).retrieve().bodyToMono(String.class)
                            .doOnNext(body -> millis[i] = (System.nanoTime() - sent) / 1e6);
                }), clients)
                .then()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(millis);
        report("BEYOND THE HORIZON %s, %s, %d clients, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.0f requests/s", uri, cache,
                clients, requests, millis[requests / 2], millis[(int) Math.ceil(requests * 0.99) - 1], millis[requests - 1], requests / seconds);
    }

    private static long totalJobs(String window) {
        return new ObjectMapper().readTree(window).get("summary").get("total_jobs").asLong();
    }
}
