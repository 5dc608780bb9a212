package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import reactor.core.publisher.Flux;

import dev.almanac.events.EventSamples;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.opsfeed.OpsFeed;
import dev.almanac.query.opsfeed.OpsFeedRequest;
import dev.almanac.query.opsfeed.OpsView;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.schedulelist.ScheduleFilter;
import dev.almanac.query.schedulelist.ScheduleListing;
import dev.almanac.query.run.Runs;
import dev.almanac.platform.testing.CountingMemoryBackend;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.RandomSchedule;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.window.Granularity;
import dev.almanac.query.window.ScheduleWindows;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;
import dev.almanac.query.web.QueryParameters;
import dev.almanac.query.window.WindowSpec;

/**
 * Every hot query, and a projection batch, against read models where the collections that grow
 * with the schedule ({@code entries}, {@code calendar_days}, {@code window_days}, {@code starting_hours}) hold
 * ten times more extra documents each than the others. mongo-java-server's own counters (see
 * {@link CountingMemoryBackend}) must show no query walking any collection, whatever its size;
 * every answer must come from {@code _id} or lock-index lookups. Each query is also timed against
 * the same data without the extra documents; the ratio is logged, not asserted, because timings
 * on a busy two-core machine are not a test.
 */
class HotQueriesAtScaleTest {

    private static final Logger log = LoggerFactory.getLogger(HotQueriesAtScaleTest.class);

    /**
     * The scan counters prove key lookups at any size, so the suite schedules 1,000 entries and adds 20,000 and 2,000
     * documents; with {@code -Dalmanac.bench=true} the timings logged are those of 4,000 among a million and a hundred thousand.
     */
    private static final boolean BENCH = Boolean.getBoolean("almanac.bench");
    private static final int GROWING = BENCH ? 1_000_000 : 20_000;
    /** Items and occurrences of the year's schedule, projected as the listener would. */
    private static final int SCHEDULED = BENCH ? 4_000 : 1_000;
    /** Runs of each timed read, whose median is logged. */
    private static final int TIMED_RUNS = BENCH ? 9 : 3;
    private static final int OTHERS = GROWING / 10;
    private static final Map<String, Integer> EXTRA_DOCUMENTS = Map.of(
            Entries.COLLECTION, GROWING, CalendarDays.COLLECTION, GROWING, WindowDays.COLLECTION, GROWING,
            StartingHours.COLLECTION, GROWING,
            Calendars.COLLECTION, OTHERS, Rules.COLLECTION, OTHERS, Conflicts.COLLECTION, OTHERS,
            ConflictLists.DAYS, OTHERS, ConflictLists.INDEX, OTHERS);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CALENDARS = List.of("cal-a", "cal-b", "cal-c", "cal-d");
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");

    private static final Comparator<PlacedCopy> BY_ID = Comparator.comparing(placed -> placed.copy().id());

    private static final Map<MongoDatabase, ScheduleWindows> KEPT = new java.util.concurrent.ConcurrentHashMap<>();

    private static CountingMemoryBackend backend;
    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase large;
    private static MongoDatabase small;
    private static String someEntry;

    @BeforeAll
    static void sameReadModelsWithAndWithoutManyMoreDocumentsPerCollection() {
        backend = new CountingMemoryBackend();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        large = client.getDatabase("large");
        small = client.getDatabase("small");
        RandomSchedule schedule = RandomSchedule.generate(365L, CALENDARS, YEAR, Duration.ofDays(365), SCHEDULED);
        new ReadModelIndexes(small, readModels()).ensureAll();
        Projections projections = new Projections(small, TIMEOUT);
        schedule.batches(500).forEach(batch -> projections.apply(batch).block(TIMEOUT));
        projections.apply(conflicts()).block(TIMEOUT);
        projections.apply(Received.of(EventSamples.ruleCreated(), 0)).block(TIMEOUT);
        // The same documents in the large database, copied on the server: projecting the schedule again would only repeat the above.
        new ReadModelIndexes(large, readModels()).ensureAll();
        for (String collection : Flux.from(small.listCollectionNames()).filter(name -> !name.startsWith("system.")).collectList()
                .block(TIMEOUT)) {
            var target = backend.resolveDatabase("large").resolveCollection(collection, false);
            if (target == null) {
                target = backend.resolveDatabase("large").createCollectionOrThrowIfExists(collection);
            }
            target.addDocuments(backend.resolveDatabase("small").resolveCollection(collection, true).queryAllAsStream()
                    .map(de.bwaldvogel.mongo.bson.Document::cloneDeeply));
        }
        someEntry = schedule.entries().get(schedule.entries().size() / 2).id();
        long started = System.nanoTime();
        // Each collection locks on its own, so two of them fill at a time on two cores.
        ExecutorService fillers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(EXTRA_DOCUMENTS.entrySet().stream()
                    .map(extra -> CompletableFuture.runAsync(() -> insertLeanDocuments("large", extra.getKey(), extra.getValue()), fillers))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            fillers.shutdown();
        }
        log.info("Inserted {} extra documents in {} ms", EXTRA_DOCUMENTS, (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopTheServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void everyHotReadIsAnsweredByKeyLookupsHoweverManyDocumentsACollectionHolds() {
        Map<String, Function<MongoDatabase, Object>> reads = hotReads();
        List<String> report = new ArrayList<>();
        reads.forEach((name, read) -> {
            backend.counts().reset();
            assertThat(read.apply(large)).as(name).isEqualTo(read.apply(small));

            for (String collection : Mongo.READ_MODELS) {
                assertThat(backend.counts().scans("large", collection)).as("%s scanned %s", name, collection).isZero();
            }
            long lookups = Mongo.READ_MODELS.stream().mapToLong(collection -> backend.counts().lookups("large", collection)).sum();
            assertThat(lookups).as("%s looked up documents by key", name).isPositive();
            double withTheExtra = medianMillis(() -> read.apply(large));
            double without = medianMillis(() -> read.apply(small));
            report.add(String.format("%-40s 0 scans, %2d key lookups; %8.2f ms with the extra documents, %8.2f ms without: x%.2f",
                    name, lookups, withTheExtra, without, withTheExtra / without));
        });
        log.info("Hot reads, median of {} runs each:\n{}", TIMED_RUNS, String.join("\n", report));
    }

    @Test
    void aProjectionBatchReadsAndWritesByKeyOnlyHoweverManyDocumentsACollectionHolds() {
        Projections projections = new Projections(large, TIMEOUT);
        List<ReceivedEvent> batch = new ArrayList<>();
        batch.add(Received.of(ReadModelFixture.calendar("cal-new", ZoneId.of("Asia/Kolkata")), 0));
        for (int i = 0; i < 200; i++) {
            Instant start = YEAR.plus(Duration.ofHours(7L * i + 3));
            batch.add(Received.of(ReadModelFixture.item("new-" + i, CALENDARS.get(i % CALENDARS.size()), "job", start, Duration.ofMinutes(45)), 0));
            if (i % 4 == 0) {
                batch.add(Received.of(new ItemRescheduled(ItemId.of("new-" + i), CalendarId.of(CALENDARS.get(i % CALENDARS.size())), start,
                        start.plus(Duration.ofMinutes(45)), start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(45)),
                        "moved"), 1));
            }
        }
        batch.add(Received.of(EventSamples.ruleCreated(), 0));
        // The small database takes the batch too, so that both still hold the same read models whichever test runs first.
        new Projections(small, TIMEOUT).apply(batch).block(TIMEOUT);
        backend.counts().reset();

        projections.apply(batch).block(TIMEOUT);

        for (String collection : Mongo.READ_MODELS) {
            assertThat(backend.counts().scans("large", collection)).as("the batch scanned %s", collection).isZero();
        }
        assertThat(backend.counts().lookups("large", CalendarDays.COLLECTION)).isPositive();
        assertThat(backend.counts().lookups("large", WindowDays.COLLECTION)).isPositive();
        assertThat(backend.counts().lookups("large", StartingHours.COLLECTION)).isPositive();
        log.info("A batch of {} events: 0 scans, key lookups per collection {}", batch.size(), Mongo.READ_MODELS.stream()
                .collect(Collectors.toMap(collection -> collection, collection -> backend.counts().lookups("large", collection))));
    }

    private static Map<String, Function<MongoDatabase, Object>> hotReads() {
        WindowSpec year = new WindowSpec(YEAR.plusSeconds(77), YEAR.plus(Duration.ofDays(365)).minusSeconds(77),
                ZoneId.of("Asia/Kolkata"), Granularity.DAY);
        TimeRange month = new TimeRange(YEAR.plus(Duration.ofDays(40)), YEAR.plus(Duration.ofDays(70)));
        Map<String, Function<MongoDatabase, Object>> reads = new LinkedHashMap<>();
        reads.put("window, all calendars, a year", database -> windows(database).window(year, null).block(TIMEOUT));
        reads.put("window, one calendar, a year", database -> windows(database).window(year, "cal-b").block(TIMEOUT));
        reads.put("window, all calendars, a year, kept", database -> keptWindows(database).window(year, null).block(TIMEOUT));
        reads.put("window, all calendars, a week by hour", database -> windows(database)
                .window(new WindowSpec(YEAR.plus(Duration.ofDays(100)), YEAR.plus(Duration.ofDays(107)), ZoneId.of("America/New_York"),
                        Granularity.HOUR), null).block(TIMEOUT));
        reads.put("entries of a calendar, first page", database -> new CalendarDays(database)
                .overlapping("cal-c", month, null, 21).block(TIMEOUT));
        reads.put("entries of a calendar, a later page", database -> new CalendarDays(database)
                .overlapping("cal-c", month, new EntryCursor(YEAR.plus(Duration.ofDays(55)), "item-0"), 21).block(TIMEOUT));
        Instant kolkataDay = YEAR.plus(Duration.ofDays(150)).minus(Duration.ofMinutes(330));
        reads.put("starts of a local day, all calendars", database -> new StartingHours(database)
                .startingIn(kolkataDay, kolkataDay.plus(Duration.ofDays(1))).collectSortedList(BY_ID).block(TIMEOUT));
        reads.put("ops feed, all calendars, a week", database -> opsFeed(database).page(new OpsFeedRequest(
                new TimeRange(YEAR.plus(Duration.ofDays(100)), YEAR.plus(Duration.ofDays(107))), ZoneId.of("America/Chicago"), OpsView.WEEK,
                null, Set.of(), Set.of(), Set.of(), null, QueryParameters.MAX_JOBS_PER_REQUEST, CalendarVisibility.EVERY_CALENDAR,
                CallerRoles.admin(), EntryDisclosure.inFull()))
                .block(TIMEOUT));
        reads.put("conflicts of a calendar, detected", database -> new ConflictLists(database)
                .list("cal-a", ConflictStatus.DETECTED, 1000).collectList().block(TIMEOUT));
        reads.put("conflicts of all calendars", database -> new ConflictLists(database).list(null, null, 50).collectList().block(TIMEOUT));
        reads.put("list of items, all calendars, a year, first page", database -> scheduleList(database).page(
                new ScheduleListing.Request(new TimeRange(YEAR, YEAR.plus(Duration.ofDays(365))), null, CalendarVisibility.EVERY_CALENDAR,
                        ScheduleFilter.NONE, null, 100, EntryDisclosure.inFull())).block(TIMEOUT));
        reads.put("list of items, one calendar, a later page", database -> scheduleList(database).page(
                new ScheduleListing.Request(month, "cal-c", CalendarVisibility.EVERY_CALENDAR, ScheduleFilter.NONE,
                        new EntryCursor(YEAR.plus(Duration.ofDays(55)), "item-0"), 100, EntryDisclosure.inFull())).block(TIMEOUT));
        reads.put("a calendar", database -> new Calendars(database).find("cal-d").block(TIMEOUT));
        reads.put("a conflict", database -> new Conflicts(database).find("conflict-7").block(TIMEOUT));
        reads.put("an item or occurrence by id", database -> new Entries(database).find(someEntry).block(TIMEOUT));
        reads.put("a rule by id", database -> new Rules(database).find(EventSamples.NIGHTLY.value()).block(TIMEOUT));
        return reads;
    }

    private static ScheduleListing scheduleList(MongoDatabase database) {
        return new ScheduleListing(new StartingHours(database), new CalendarDays(database),
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), new Calendars(database));
    }

    private static OpsFeed opsFeed(MongoDatabase database) {
        return new OpsFeed(new StartingHours(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)),
                new Calendars(database), new Runs(database), new DefaultListableBeanFactory().getBeanProvider(Clock.class));
    }

    private static ScheduleWindows windows(MongoDatabase database) {
        return new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)), 0);
    }

    /** One answer cache per database, so that asking again only checks the revisions of what was read. */
    private static ScheduleWindows keptWindows(MongoDatabase database) {
        return KEPT.computeIfAbsent(database, any -> new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database), new RuleTimelines(new RuleIndexes(database), new Rules(database)), 4));
    }

    private static List<ReceivedEvent> conflicts() {
        ConflictDetected sample = EventSamples.conflictDetected();
        List<ReceivedEvent> conflicts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant start = YEAR.plus(Duration.ofHours(131L * i));
            String calendar = CALENDARS.get(i % CALENDARS.size());
            conflicts.add(Received.of(new ConflictDetected(ConflictId.of("conflict-" + i), CalendarId.of(calendar), sample.type(),
                    sample.level(), start, start.plus(Duration.ofMinutes(30)), 1, 2, List.copyOf(sample.entries())), 0));
            if (i % 3 == 0) {
                conflicts.add(Received.of(new ConflictCleared(ConflictId.of("conflict-" + i), CalendarId.of(calendar), "no overlap"), 1));
            }
        }
        return conflicts;
    }

    private static List<ReadModel> readModels() {
        return Mongo.READ_MODELS.stream().<ReadModel>map(collection -> () -> List.of(collection)).toList();
    }

    /**
     * Documents with ids and lock tokens no read model uses, handed to the server's collection
     * directly: through the wire they would take minutes, and what is measured is the server's
     * query path, not its insert path.
     */
    private static void insertLeanDocuments(String database, String collection, int count) {
        var target = backend.resolveDatabase(database).resolveCollection(collection, true);
        target.addDocuments(IntStream.range(0, count).mapToObj(i -> {
            String id = "~extra-" + i;
            de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", id);
            document.put(Locks.FIELD, Locks.token(id, 1));
            return document;
        }));
    }

    private static double medianMillis(Runnable query) {
        double[] runs = new double[TIMED_RUNS];
        for (int i = 0; i < runs.length; i++) {
            long started = System.nanoTime();
            query.run();
            runs[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }
}
