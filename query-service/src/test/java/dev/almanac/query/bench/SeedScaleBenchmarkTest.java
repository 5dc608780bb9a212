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
import java.util.Random;

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
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * Issue 68 at seed scale, query-service's part (ADR 0068): 10,000 rules ({@code almanac.bench.rules}) of the issue's mix,
 * 60 % daily, 20 % hourly in weekday office hours, 10 % hourly, 10 % every 30 minutes, in eight zones on 100 calendars,
 * whose 90 days rule-expander materialises as about 8.19 million records (which query-service no longer reads, ADR 0072).
 * Measured, on mongo-java-server in this JVM as the local stack's read models are:
 * <ul>
 * <li>projecting the rules' creations in the listener's batches of 500: time, and each batch's time, which bounds how long
 * an item waits behind the rules on their shared listener;</li>
 * <li>restart to complete: a fresh service on the store, from its start to its first year-long window over every
 * calendar (it reads the rule index and every rule, folds every timeline and counts the year);</li>
 * <li>the year window over every calendar, by day, p50 and p99 with the answer cache (1 and 16 clients) and without, and
 * after each of 20 rule changes (a pause: the kept days are brought up to date by that rule);</li>
 * <li>the heap the rules' timelines and counted days hold, after a full GC, per rule.</li>
 * </ul>
 * Not part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=SeedScaleBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx3g
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class SeedScaleBenchmarkTest {

    private static final Instant ACTIVE_FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant YEAR = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant YEAR_END = Instant.parse("2028-01-01T00:00:00Z");
    private static final String WINDOW = "/api/v1/schedules/window?from=2027-01-01T00:00:00Z&till=2028-01-01T00:00:00Z"
            + "&timezone=Europe/Berlin&granularity=day";
    private static final List<ZoneId> ZONES = List.of("UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
            "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney").stream().map(ZoneId::of).toList();
    private static final int CALENDARS = 100;
    private static final List<String> TYPES = List.of("report", "backup", "sync", "cleanup");
    private static final int BATCH = 500;

    @Test
    void tenThousandRulesOfIssue68sMix() {
        List<RuleCreated> rules = rules(Integer.getInteger("almanac.bench.rules", 10_000), new Random(68));
        long ninetyDays = rules.stream()
                .mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), ACTIVE_FROM, ACTIVE_FROM.plus(Duration.ofDays(90)))).sum();
        report("%,d rules, %,d occurrences in their first 90 days (what rule-expander materialises)", rules.size(), ninetyDays);
        MongoWireServer server = MongoWireServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            Projections projections = new Projections(database, Duration.ofMinutes(2));
            project(projections, rules);
            long before = heapAfterGc();
            RuleTimelines timelines = new RuleTimelines(new RuleIndexes(database), new Rules(database));
            long started = System.nanoTime();
            RuleTimelines.Snapshot snapshot = timelines.snapshot().block(Duration.ofMinutes(5));
            double folded = (System.nanoTime() - started) / 1e6;
            long timelinesHeld = heapAfterGc() - before;
            started = System.nanoTime();
            for (Instant day = YEAR; day.isBefore(YEAR_END); day = day.plus(Duration.ofDays(1))) {
                snapshot.day(UtcSlots.dayOf(day));
            }
            double counted = (System.nanoTime() - started) / 1e6;
            long daysHeld = heapAfterGc() - before - timelinesHeld;
            report("MEMORY: the rules' timelines %,d MB (%,d bytes a rule, read and folded in %.0f ms); a year of counted days %,d MB "
                    + "(counted in %.0f ms)", timelinesHeld >> 20, timelinesHeld / rules.size(), folded, daysHeld >> 20, counted);
            report("heap after loading, a full GC: %,d MB", heapAfterGc() >> 20);
            measure(server, projections, rules);
        } finally {
            server.close();
        }
    }

    /** The rules' creations and their calendars, as the listener applies them: batches of 500, each timed. */
    private static void project(Projections projections, List<RuleCreated> rules) {
        List<DecidedEvent> calendars = new ArrayList<>();
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            calendars.add(projections.decide(Received.of(ReadModelFixture.calendar(calendarId(calendar), ZONES.get(calendar % ZONES.size())), 0)));
        }
        projections.applyNow(calendars);
        List<Double> batches = new ArrayList<>();
        long started = System.nanoTime();
        for (int from = 0; from < rules.size(); from += BATCH) {
            List<DecidedEvent> batch = rules.subList(from, Math.min(rules.size(), from + BATCH)).stream()
                    .map(rule -> projections.decide(Received.of(rule, 0, rule.activeFrom()))).toList();
            long batchStarted = System.nanoTime();
            projections.applyNow(batch);
            batches.add((System.nanoTime() - batchStarted) / 1e6);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] millis = batches.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report("PROJECTION of %,d rule creations in batches of %d: %.1f s, %,.0f rules/s; a batch p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                        + "(what an item waits behind them at most, on their shared listener)", rules.size(), BATCH, seconds,
                rules.size() / seconds, millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1], millis[millis.length - 1]);
    }

    private static void measure(MongoWireServer server, Projections projections, List<RuleCreated> rules) {
        long started = System.nanoTime();
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                        "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                        "--almanac.query.window-recheck=0s", "--logging.level.root=WARN");
        try {
            double contextStarted = (System.nanoTime() - started) / 1e6;
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            WebClient http = WindowBenchmarkTest.client(port, HttpClient.create());
            String answer = get(http, WINDOW);
            double firstWindow = (System.nanoTime() - started) / 1e6;
            report("RESTART TO COMPLETE: context up in %.0f ms, the first year window over every calendar answered %.0f ms after the "
                    + "start (every rule read, its timeline folded, the year counted), %,d bytes", contextStarted, firstWindow, answer.length());
            long expected = rules.stream().mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), YEAR, YEAR_END)).sum();
            assertThat(totalJobs(answer)).isEqualTo(expected);
            report("the year window counts %,d occurrences", expected);
            latencies(http, WINDOW, "answer cache", 1, 100);
            latencies(http, WINDOW, "answer cache", 16, 25);
            afterRuleChanges(http, projections, rules);
        } finally {
            service.close();
        }
    }

    /** Each round pauses another rule for a month, as a person would, then times one year window. */
    private static void afterRuleChanges(WebClient http, Projections projections, List<RuleCreated> rules) {
        int rounds = 20;
        double[] millis = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            RuleCreated rule = rules.get(round * 97 % rules.size());
            projections.applyNow(List.of(projections.decide(Received.of(new RulePaused(rule.ruleId(), YEAR.plus(Duration.ofDays(30)),
                    YEAR.plus(Duration.ofDays(60)), "bench"), 1))));
            long started = System.nanoTime();
            assertThat(get(http, WINDOW)).isNotEmpty();
            millis[round] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        report("AFTER A RULE CHANGE (a pause), year window over every calendar, %d rounds: p50 %.0f ms, max %.0f ms", rounds,
                millis[rounds / 2], millis[rounds - 1]);
    }

    private static void latencies(WebClient http, String uri, String cache, int clients, int each) {
        warmUp(http, uri);
        int requests = clients * each;
        double[] millis = new double[requests];
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return http.get().uri(uri).retrieve().bodyToMono(String.class)
                            .doOnNext(body -> millis[i] = (System.nanoTime() - sent) / 1e6);
                }), clients)
                .then()
                .block(Duration.ofMinutes(10));
        Arrays.sort(millis);
        report("YEAR WINDOW %s, %d clients, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms", cache, clients, requests,
                millis[requests / 2], millis[(int) Math.ceil(requests * 0.99) - 1], millis[requests - 1]);
    }

    /**
     * Issue 68's mix: 60 % daily, 20 % hourly in weekday office hours, 10 % hourly, 10 % every 30 minutes; eight zones; 100
     * calendars; four job types; minutes and hours spread at random.
     */
    static List<RuleCreated> rules(int count, Random random) {
        List<RuleCreated> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int minute = random.nextInt(60);
            int kind = i % 10;
            String cron = kind < 6 ? minute + " " + random.nextInt(24) + " * * *"
                    : kind < 8 ? minute + " 9-17 * * 1-5"
                    : kind < 9 ? minute + " * * * *"
                    : minute % 30 + "," + (minute % 30 + 30) + " * * * *";
            rules.add(RecurringRules.ofType(RecurringRules.rule(String.format("rule-%05d", i), calendarId(random.nextInt(CALENDARS)), cron,
                    ZONES.get(random.nextInt(ZONES.size())), ACTIVE_FROM, 0), TYPES.get(random.nextInt(TYPES.size()))));
        }
        return rules;
    }

    private static String calendarId(int calendar) {
        return String.format("cal-%02d", calendar);
    }

    private static long totalJobs(String window) {
        return new ObjectMapper().readTree(window).get("summary").get("total_jobs").asLong();
    }
}
