package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What flushing every write costs the local stack's file-backed MongoDB (ADR 0066): the
 * writes a cold start makes for each rule, rule-expander's {@code insert} of the rule and its
 * {@code update} of {@code materialised_until}, from several clients at once, against the plain
 * H2 backend and {@link FlushingH2Backend} in alternating rounds. Prints writes a second, the
 * process's CPU a write and the file's size.
 *
 * <pre>
 * ./mvnw -B -o -pl deploy/embedded -am test -Dtest=FlushingH2BackendBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class FlushingH2BackendBenchmarkTest {

    private static final int RULES = Integer.getInteger("almanac.bench.rules", 10_000);
    private static final int CLIENTS = Integer.getInteger("almanac.bench.clients", 8);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 3);

    @TempDir
    Path directory;

    @Test
    void flushingEveryWriteAgainstTheBackgroundCommit() throws Exception {
        System.out.printf("%d rules, two writes each, from %d clients; %d rounds%n", RULES, CLIENTS, ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            run("background commit (plain H2Backend)", round, file -> new H2Backend(file.toString()));
            run("flushed before each reply (FlushingH2Backend)", round, FlushingH2Backend::new);
        }
    }

    private void run(String label, int round, Function<Path, MongoBackend> backend) throws Exception {
        Path file = directory.resolve(label.replaceAll("\\W+", "-") + "-" + round + ".mv");
        MongoServer server = new MongoServer(backend.apply(file));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> rules = client.getDatabase("almanac").getCollection("rules");
            long cpuBefore = ProcessCpu.nanos();
            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                done.add(clients.submit(() -> {
                    for (int i = first; i < RULES; i += CLIENTS) {
                        String id = "rule-" + i;
                        rules.insertOne(rule(id));
                        rules.updateOne(Filters.eq("_id", id), Updates.set("materialised_until", "2027-02-24T00:00:00Z"));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMillisAWrite = (ProcessCpu.nanos() - cpuBefore) / 1e6 / (2.0 * RULES);
            assertThat(rules.countDocuments(Filters.eq("materialised_until", "2027-02-24T00:00:00Z"))).isEqualTo(RULES);
            System.out.printf("round %d, %-46s %7.0f writes/s, %.3f ms of CPU a write, file %6.1f MB%n",
                    round, label, 2 * RULES / seconds, cpuMillisAWrite, Files.size(file) / 1e6);
        } finally {
            server.shutdown();
        }
    }

    private static Document rule(String id) {
        return new Document("_id", id)
                .append("calendar_id", "cal-" + id.hashCode() % 100)
                .append("version", 1L)
                .append("kind", "rrule")
                .append("expression", "FREQ=MINUTELY;INTERVAL=5;BYHOUR=8,9,10,11,12,13,14,15,16,17")
                .append("timezone", "Asia/Kolkata")
                .append("title", "Sync the ledger of " + id)
                .append("type", "job")
                .append("duration_seconds", 300L)
                .append("state", "active")
                .append("starts_at", "2026-11-27T00:00:00Z")
                .append("tags", List.of("finance", "nightly"))
                .append("materialised_until", null);
    }
}
