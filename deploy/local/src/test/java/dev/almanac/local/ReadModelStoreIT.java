package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.ScratchDirectories;

/** The read models' MongoDB runs in a JVM of its own, serves the wire protocol, and stops with the stack. */
class ReadModelStoreIT {

    @Test
    void servesDocumentsFromAJvmOfItsOwnUntilClosed() throws Exception {
        Path logs = Files.createTempDirectory("almanac-read-models-");
        try {
            ReadModelStore store = ReadModelStore.launch(logs, ReadModelStore.JAVA_OPTIONS, FreePorts.any());
            ProcessHandle child;
            try {
                store.awaitListening();
                child = store.process();
                assertThat(ProcessHandle.current().children()).as("a JVM of its own").contains(child);
                assertThat(child.info().commandLine().orElse("")).contains("-XX:MaxGCPauseMillis=25");
                try (MongoClient client = MongoClients.create(store.connectionString())) {
                    MongoCollection<Document> days = client.getDatabase("almanac_query").getCollection("calendar_days");
                    days.insertOne(new Document("_id", "cal-a/2026-12-01").append("n", 2));
                    assertThat(days.find(new Document("_id", "cal-a/2026-12-01")).first()).containsEntry("n", 2);
                }
            } finally {
                store.close();
            }
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
            assertThat(Files.readString(logs.resolve(ReadModelStore.NAME + ".log"))).contains("listens on " + store.connectionString());
        } finally {
            ScratchDirectories.delete(logs);
        }
    }

    /**
     * Supervised, a store that dies is started again on its port, logged, and empty (query-service then rebuilds); one
     * the launcher closes is not.
     */
    @Test
    void aStoreThatDiesIsStartedAgainOnItsPortEmptyAndOneClosedIsNot() throws Exception {
        Path logs = Files.createTempDirectory("almanac-read-models-");
        try {
            ReadModelStore store = ReadModelStore.launch(logs, List.of("-Xmx64m"), FreePorts.any());
            try {
                store.awaitListening();
                store.supervise();
                try (MongoClient client = MongoClients.create(store.connectionString())) {
                    client.getDatabase("almanac_query").getCollection("entries").insertOne(new Document("_id", "item-a"));
                }
                ProcessHandle killed = store.process();
                killed.destroyForcibly();

                await().atMost(Duration.ofSeconds(60)).until(() -> store.restarts() == 1 && store.process().pid() != killed.pid());
                store.awaitListening();
                try (MongoClient client = MongoClients.create(store.connectionString())) {
                    assertThat(client.getDatabase("almanac_query").getCollection("entries").countDocuments()).as("empty").isZero();
                }
                assertThat(Files.readString(logs.resolve(ReadModelStore.NAME + ".log"))).contains("restarted by the launcher (restart 1)");
            } finally {
                store.close();
            }
            ProcessHandle closed = store.process();
            closed.onExit().get(30, TimeUnit.SECONDS);
            // Longer than the first backoff: a restart after the close would have come by then.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> store.restarts() == 1
                    && store.process().pid() == closed.pid());
        } finally {
            ScratchDirectories.delete(logs);
        }
    }

    /**
     * With a snapshot, a store stopped cleanly comes back holding what it held, and takes the snapshot away; one killed
     * comes back empty, as does one whose snapshot is of another build of query-service (ADR 0100).
     */
    @Test
    void aCleanStopKeepsTheReadModelsForTheNextStartAndAKillOrAnotherBuildDoesNot() throws Exception {
        Path home = Files.createTempDirectory("almanac-read-models-");
        try {
            Path file = home.resolve("mongo").resolve(ReadModelStore.SNAPSHOT_FILE);
            ReadModelStore.Snapshot build1 = new ReadModelStore.Snapshot(file, "build-1");
            ReadModelStore first = ReadModelStore.launch(home, List.of("-Xmx64m"), FreePorts.any(), build1);
            try {
                first.awaitListening();
                insert(first, "item-a");
            } finally {
                first.close();
            }
            assertThat(file).as("written at the clean stop").exists();

            ReadModelStore second = ReadModelStore.launch(home, List.of("-Xmx64m"), FreePorts.any(), build1);
            try {
                second.awaitListening();
                second.supervise();
                assertThat(ids(second)).containsExactly("item-a");
                assertThat(file).as("taken by the start").doesNotExist();

                ProcessHandle killed = second.process();
                killed.destroyForcibly();
                await().atMost(Duration.ofSeconds(60)).until(() -> second.restarts() == 1 && second.process().pid() != killed.pid());
                second.awaitListening();
                assertThat(ids(second)).as("killed, it wrote nothing: empty, and query-service rebuilds").isEmpty();
                insert(second, "item-b");
            } finally {
                second.close();
            }
            assertThat(file).exists();

            ReadModelStore third = ReadModelStore.launch(home, List.of("-Xmx64m"), FreePorts.any(), new ReadModelStore.Snapshot(file, "build-2"));
            try {
                third.awaitListening();
                assertThat(ids(third)).as("a snapshot of another build is not trusted").isEmpty();
                assertThat(file).doesNotExist();
            } finally {
                third.close();
            }
            String log = Files.readString(home.resolve(ReadModelStore.NAME + ".log"));
            assertThat(log).contains("The read models' MongoDB: no snapshot", "The read models' MongoDB: resumed from the snapshot written",
                    "The read models' MongoDB: the snapshot is of another build (stamp build-1");
        } finally {
            ScratchDirectories.delete(home);
        }
    }

    private static void insert(ReadModelStore store, String id) {
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("almanac_query").getCollection("entries").insertOne(new Document("_id", id));
        }
    }

    private static List<Object> ids(ReadModelStore store) {
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            return client.getDatabase("almanac_query").getCollection("entries").find().map(document -> document.get("_id"))
                    .into(new java.util.ArrayList<>());
        }
    }

    /** Where the kernel offers transparent huge pages, the store's heap is in them (ReadModelStore.javaOptions). */
    @Test
    void takesItsHeapInHugePagesWhereTheKernelOffersThem() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux") && Files.isReadable(setting)
                && !Files.readString(setting).contains("[never]"), "this kernel offers no transparent huge pages");
        Path logs = Files.createTempDirectory("almanac-read-models-");
        try {
            ReadModelStore store = ReadModelStore.launch(logs, ReadModelStore.JAVA_OPTIONS, FreePorts.any());
            try {
                store.awaitListening();
                // A kernel set to "always" backs any heap in huge pages; the option is what "madvise" needs.
                assertThat(store.process().info().commandLine().orElse("")).contains("-XX:+UseTransparentHugePages");
                Path memory = Path.of("/proc", Long.toString(store.process().pid()), "smaps_rollup");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(hugePagesKiB(Files.readString(memory))).as("AnonHugePages of the store's JVM").isPositive());
            } finally {
                store.close();
            }
        } finally {
            ScratchDirectories.delete(logs);
        }
    }

    private static long hugePagesKiB(String smapsRollup) {
        return smapsRollup.lines().filter(line -> line.startsWith("AnonHugePages:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).sum();
    }

    /** Killed, a stack runs no shutdown hook; the store must not outlive it and hold its memory and port. */
    @Test
    void exitsWhenTheStackThatStartedItIsKilled() throws Exception {
        Path logs = Files.createTempDirectory("almanac-read-models-");
        Process stack = new ProcessBuilder(ChildJvms.javaExecutable(), "-cp", System.getProperty("java.class.path"), StackThatStartsAStore.class.getName(),
                logs.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
            // Logback may print its status first; the stand-in's own line is the pid alone.
            long storePid = output.lines().map(String::trim).filter(line -> line.matches("\\d+")).findFirst()
                    .map(Long::parseLong).orElseThrow(() -> new AssertionError("the stand-in stack printed no pid"));
            ProcessHandle store = ProcessHandle.of(storePid).orElseThrow();
            assertThat(store.parent().map(ProcessHandle::pid)).contains(stack.pid());

            stack.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            store.onExit().get(30, TimeUnit.SECONDS);
            assertThat(store.isAlive()).isFalse();
        } finally {
            stack.destroyForcibly();
            ScratchDirectories.delete(logs);
        }
    }

    /** A stand-in for the launcher: starts a store, prints its pid once it listens, and waits to be killed. */
    static final class StackThatStartsAStore {
        public static void main(String[] args) throws InterruptedException {
            ReadModelStore store = ReadModelStore.launch(Path.of(args[0]), List.of("-Xmx64m"), FreePorts.any());
            store.awaitListening();
            System.out.println(store.process().pid());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
