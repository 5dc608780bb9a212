package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeping the read models across a clean stop costs (ADR 0100): {@code almanac.bench.documents} documents of about
 * the read models' size (a day of a calendar with its entries, about 600 bytes, under a unique {@code lock} as
 * query-service's {@code Locks} keep) written to the snapshot at the stop and read back with both indexes at the
 * start; wall time, this JVM's CPU a document and the file's size.
 *
 * <pre>
 * ./mvnw -B -o -pl deploy/embedded -am test -Dtest=LeanMemorySnapshotBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.documents=1000000 -DargLine=-Xmx3g
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class LeanMemorySnapshotBenchmarkTest {

    private static final int DOCUMENTS = Integer.getInteger("almanac.bench.documents", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 2);

    @TempDir
    Path directory;

    @Test
    void writtenAtTheStopAndReadBackAtTheStart() {
        for (int round = 1; round <= ROUNDS; round++) {
            Path file = directory.resolve("read-models-" + round + ".snapshot");
            LeanMemorySnapshot snapshot = new LeanMemorySnapshot(file, "bench");
            LeanMemorySnapshot.Taken empty = snapshot.take();
            MongoServer server = new MongoServer(empty.backend());
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                client.getDatabase("almanac_query").getCollection("calendar_days")
                        .createIndex(Indexes.ascending("lock"), new IndexOptions().unique(true));
            }
            @SuppressWarnings("unchecked")
            MongoCollection<Integer> days = (MongoCollection<Integer>) empty.backend().resolveDatabase("almanac_query")
                    .resolveCollection("calendar_days", true);
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(day(i));
                if (batch.size() == 1000) {
                    days.insertDocuments(batch, true);
                    batch.clear();
                }
            }
            days.insertDocuments(batch, true);

            long started = System.nanoTime();
            long cpu = ProcessCpu.nanos();
            server.shutdown();
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            double writeMicros = (ProcessCpu.nanos() - cpu) / 1e3 / DOCUMENTS;
            long megabytes = megabytes(file);

            System.gc();
            started = System.nanoTime();
            cpu = ProcessCpu.nanos();
            LeanMemorySnapshot.Taken taken = snapshot.take();
            double readSeconds = (System.nanoTime() - started) / 1e9;
            double readMicros = (ProcessCpu.nanos() - cpu) / 1e3 / DOCUMENTS;
            assertThat(taken.documents()).isGreaterThanOrEqualTo(DOCUMENTS);
            System.out.printf("[bench] round %d, %,d documents: written at the stop in %.1f s (%.2f µs of CPU a document), "
                            + "read back and indexed in %.1f s (%.2f µs of CPU a document)%n", round, DOCUMENTS, writeSeconds, writeMicros,
                    readSeconds, readMicros);
            System.out.printf("[bench] snapshot file %,d MB; %s%n", megabytes, taken.outcome());
        }
    }

    private static long megabytes(Path file) {
        try {
            return Files.size(file) >> 20;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static Document day(int i) {
        List<Document> entries = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            entries.add(new Document("id", "item-" + i + "-" + e).append("start", "2026-12-01T0" + e + ":00:00Z")
                    .append("end", "2026-12-01T0" + e + ":30:00Z").append("title", "Entry " + e + " of day " + i)
                    .append("type", "meeting").append("version", 3L));
        }
        return new Document("_id", "cal-" + (i % 100) + "/" + i).append("lock", "lock-" + i).append("calendar_id", "cal-" + (i % 100))
                .append("day", "2026-12-01").append("count", 3).append("entries", entries);
    }
}
