package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What {@link PlainUpdate} saves the read models' MongoDB: the projection's compare-and-set updates of documents shaped
 * as query-service's largest, a window day (a hundred calendars' slot summaries, their counts and total), the same
 * with its summaries in one binary value (a candidate shape), a calendar day (its entries, their count and
 * summary) and a scope's revision log (a push that keeps the last eight changes), against {@link LeanMemoryBackend} with plain updates and
 * without, in alternating rounds in one JVM. Prints updates a second and the process's CPU an update (server and
 * clients; the clients' work is the same on both sides).
 *
 * <pre>
 * ./mvnw -B -o -pl deploy/embedded -am test -Dtest=PlainUpdateBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class PlainUpdateBenchmarkTest {

    private static final int DOCUMENTS = Integer.getInteger("almanac.bench.documents", 2_000);
    private static final int UPDATES = Integer.getInteger("almanac.bench.updates", 40_000);
    private static final int CLIENTS = Integer.getInteger("almanac.bench.clients", 4);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 3);
    private static final int CALENDARS = 100;
    private static final int ENTRIES = 20;
    private static final int CHANGES_KEPT = 8;

    @Test
    void theProjectionsUpdatesWithAndWithoutPlainUpdates() throws Exception {
        System.out.printf("%,d documents of each shape, %,d updates of each from %d clients; %d rounds%n", DOCUMENTS, UPDATES, CLIENTS,
                ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            run("the server's generic way", round, false);
            run("plain updates", round, true);
        }
    }

    private void run(String label, int round, boolean plainUpdates) throws Exception {
        MongoServer server = new MongoServer(new LeanMemoryBackend(plainUpdates));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            for (String shape : List.of("window day", "window day, one d", "calendar day", "scope revision")) {
                MongoCollection<Document> collection = client.getDatabase("almanac").getCollection(shape.replaceAll("\\W+", "_"));
                collection.createIndex(Indexes.ascending("lock"), new IndexOptions().unique(true));
                Random random = new Random(round);
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < DOCUMENTS; i++) {
                    documents.add(switch (shape) {
                        case "window day" -> windowDay("d" + i, random);
                        case "window day, one d" -> windowDayInOneValue("d" + i, random);
                        case "scope revision" -> scopeRevision("d" + i, random);
                        default -> calendarDay("d" + i, random);
                    });
                }
                collection.insertMany(documents);
                long cpuBefore = ProcessCpu.nanos();
                long started = System.nanoTime();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<Integer>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int first = c;
                    done.add(clients.submit(() -> {
                        Random own = new Random(first);
                        int matched = 0;
                        // Each client updates its own documents, so every compare-and-set names the revision it holds.
                        int[] revisions = new int[DOCUMENTS];
                        for (int i = 0; i < UPDATES / CLIENTS; i++) {
                            int document = first + CLIENTS * own.nextInt(DOCUMENTS / CLIENTS);
                            String id = "d" + document;
                            String revision = id + "@" + (revisions[document] + 1);
                            Document update = switch (shape) {
                                case "window day" -> new Document("$set", windowDayChange(own));
                                case "window day, one d" -> new Document("$set", windowDayInOneValueChange(own));
                                case "scope revision" -> new Document("$push", new Document("changes",
                                        new Document("$each", List.of(change(revision, own))).append("$slice", -CHANGES_KEPT)));
                                default -> new Document("$set", calendarDayChange(own));
                            };
                            update.computeIfAbsent("$set", operator -> new Document());
                            update.get("$set", Document.class).append("lock", revision);
                            UpdateResult result = collection.updateOne(Filters.eq("lock", id + "@" + revisions[document]), update);
                            revisions[document]++;
                            matched += (int) result.getMatchedCount();
                        }
                        return matched;
                    }));
                }
                int matched = 0;
                for (Future<Integer> future : done) {
                    matched += future.get();
                }
                clients.shutdown();
                double seconds = (System.nanoTime() - started) / 1e9;
                long cpu = ProcessCpu.nanos() - cpuBefore;
                assertThat(matched).as("every update found its document").isEqualTo(UPDATES / CLIENTS * CLIENTS);
                System.out.printf("[bench] round %d, %-24s %-18s %,8.0f updates/s  CPU %5.1f µs an update%n", round, label, shape,
                        matched / seconds, cpu / 1e3 / matched);
            }
        } finally {
            server.shutdown();
        }
    }

    /** As query-service's window day: a hundred calendars' summaries, their counts per slot and their total. */
    private static Document windowDay(String id, Random random) {
        Document calendars = new Document();
        for (int c = 0; c < CALENDARS; c++) {
            calendars.append("cal-" + c, bytes(random, 64));
        }
        return new Document("_id", id).append("d", calendars).append("q", bytes(random, CALENDARS * 16))
                .append("all", bytes(random, 256)).append("lock", id + "@0");
    }

    /** A batch that changed two calendars of the day. */
    private static Document windowDayChange(Random random) {
        return new Document("d.cal-" + random.nextInt(CALENDARS), bytes(random, 64))
                .append("d.cal-" + random.nextInt(CALENDARS), bytes(random, 64))
                .append("q", bytes(random, CALENDARS * 16)).append("all", bytes(random, 256));
    }

    /** The same with every calendar's summary in one value, as {@code q} holds their counts: a candidate shape. */
    private static Document windowDayInOneValue(String id, Random random) {
        return new Document("_id", id).append("d", bytes(random, CALENDARS * 72)).append("q", bytes(random, CALENDARS * 16))
                .append("all", bytes(random, 256)).append("lock", id + "@0");
    }

    private static Document windowDayInOneValueChange(Random random) {
        return new Document("d", bytes(random, CALENDARS * 72)).append("q", bytes(random, CALENDARS * 16))
                .append("all", bytes(random, 256));
    }

    /** As query-service's calendar day: its entries grouped, their count and their summary. */
    private static Document calendarDay(String id, Random random) {
        Document entries = new Document();
        for (int e = 0; e < ENTRIES; e++) {
            entries.append("e-" + e, entry(random));
        }
        return new Document("_id", id).append("calendar_id", "cal-7").append("day", "2026-12-01").append("n", ENTRIES)
                .append("e", new Document("g-0", entries)).append("sum", bytes(random, 64)).append("lock", id + "@0");
    }

    /** A batch that added or replaced one entry. */
    private static Document calendarDayChange(Random random) {
        return new Document("e.g-0.e-" + random.nextInt(ENTRIES * 2), entry(random)).append("n", ENTRIES + random.nextInt(ENTRIES))
                .append("sum", bytes(random, 64));
    }

    /** As query-service's log of a scope's revisions: the last few, each with the days it changed. */
    private static Document scopeRevision(String id, Random random) {
        List<Document> changes = new ArrayList<>();
        for (int c = 0; c < CHANGES_KEPT; c++) {
            changes.add(change(id + "@-" + c, random));
        }
        return new Document("_id", id).append("lock", id + "@0").append("changes", changes);
    }

    private static Document change(String revision, Random random) {
        List<String> days = new ArrayList<>();
        for (int d = 0, n = 1 + random.nextInt(8); d < n; d++) {
            days.add("2026-12-" + (10 + random.nextInt(18)));
        }
        return new Document("r", revision).append("days", days);
    }

    private static Document entry(Random random) {
        return new Document("s", random.nextLong()).append("d", random.nextInt(3_600)).append("t", "type-" + random.nextInt(8))
                .append("q", "queue-" + random.nextInt(4)).append("p", random.nextInt(5)).append("g", List.of("review", "finance"))
                .append("z", "Asia/Kathmandu").append("v", random.nextInt(20));
    }

    private static Binary bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return new Binary(bytes);
    }
}
