package dev.almanac.query.bench;

import static dev.almanac.query.bench.WindowBenchmarkTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.LeanMemorySnapshot;
import dev.almanac.embedded.ProcessCpu;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;

/**
 * How the local stack's read models could survive a restart (ADR 0100): the window benchmark's projection
 * ({@link WindowBenchmarkTest#load}) into the in-memory store the local stack runs ({@code LeanMemoryBackend}) and into
 * mongo-java-server's file-backed H2 MVStore backend with its background commit (no flush per write: the topics replay
 * what the file lacks), in alternating rounds in one JVM, both servers in it, so that the CPU counted is all of it. For the
 * in-memory store it also times what the alternative costs: writing its snapshot at a clean stop and reading it back.
 *
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=ReadModelStoreBackendsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.entries=200000 -DargLine=-Xmx2g
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ReadModelStoreBackendsBenchmarkTest {

    private static final int ENTRIES = Integer.getInteger("almanac.bench.entries", 200_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 2);

    @TempDir
    Path directory;

    @Test
    void projectionIntoTheFileBackedStoreAgainstTheInMemoryOne() {
        report("%,d entries, %d rounds, both servers in this JVM", ENTRIES, ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            LeanMemorySnapshot snapshot = new LeanMemorySnapshot(directory.resolve("read-models-" + round + ".snapshot"), "bench");
            Run memory = run("in memory (LeanMemoryBackend)", snapshot.take().backend());
            Run file = run("H2 file, background commit (H2Backend)", new H2Backend(directory.resolve("read-models-" + round + ".mv").toString()));
            report("ROUND %d: H2 file / in memory: %.2fx the time, %.2fx the CPU an event", round, memory.eventsPerSecond / file.eventsPerSecond,
                    file.cpuMicrosAnEvent / memory.cpuMicrosAnEvent);

            long started = System.nanoTime();
            long cpuBefore = ProcessCpu.nanos();
            LeanMemorySnapshot.Taken taken = snapshot.take();
            long readMillis = (System.nanoTime() - started) / 1_000_000;
            double readCpuMicros = (ProcessCpu.nanos() - cpuBefore) / 1e3 / Math.max(1, taken.documents());
            MongoServer again = new MongoServer(taken.backend());
            try (MongoClient client = MongoClients.create(again.bindAndGetConnectionString())) {
                long documents = documents(client.getDatabase("almanac_query"));
                report("SNAPSHOT: read back and indexed in %,d ms, %.1f µs of CPU a document: %s; %,d documents, as many as before: %s",
                        readMillis, readCpuMicros, taken.outcome(), documents, documents == memory.documents);
                assertThat(documents).isEqualTo(memory.documents);
            } finally {
                again.shutdown();
            }
        }
    }

    private record Run(double eventsPerSecond, double cpuMicrosAnEvent, long documents) {
    }

    private Run run(String label, MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        long documents;
        long events;
        double seconds;
        double cpuMicros;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            Projections projections = new Projections(database, Duration.ofMinutes(2));
            report("%s:", label);
            long started = System.nanoTime();
            long cpuBefore = ProcessCpu.nanos();
            events = WindowBenchmarkTest.load(projections, ENTRIES, ProcessCpu::nanos, 500);
            seconds = (System.nanoTime() - started) / 1e9;
            cpuMicros = (ProcessCpu.nanos() - cpuBefore) / 1e3 / events;
            documents = documents(database);
        }
        long stopping = System.nanoTime();
        server.shutdown();
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        long fileBytes = directorySize();
        report("%-40s %,8.0f events/s, %,6.0f µs of CPU an event, %,d documents; stopped (and written) in %,d ms, files now %,d MB",
                label, events / seconds, cpuMicros, documents, stopMillis, fileBytes >> 20);
        return new Run(events / seconds, cpuMicros, documents);
    }

    private static long documents(MongoDatabase database) {
        return Flux.from(database.listCollectionNames())
                .flatMap(name -> Mono.from(database.getCollection(name).countDocuments()))
                .reduce(0L, Long::sum).block(Duration.ofMinutes(2));
    }

    private long directorySize() {
        try (var files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
