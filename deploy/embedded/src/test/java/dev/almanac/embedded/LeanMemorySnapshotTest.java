package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read models' store kept across a clean stop, and only a clean one (ADR 0100). */
class LeanMemorySnapshotTest {

    @TempDir
    Path directory;

    @Test
    void aCleanStopKeepsEveryDocumentAndIndexForTheNextStartWhichTakesTheSnapshotAway() {
        Path file = directory.resolve("read-models.snapshot");
        MongoWireServer first = MongoWireServer.resuming(new LeanMemorySnapshot(file, "build-1"), 0, outcome -> { });
        try (MongoClient client = MongoClients.create(first.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            database.getCollection("calendar_days").createIndex(Indexes.ascending("lock"), new IndexOptions().unique(true));
            for (int day = 1; day <= 30; day++) {
                database.getCollection("calendar_days").insertOne(new Document("_id", "cal-a/2026-12-" + day).append("lock", "l" + day)
                        .append("entries", List.of(new Document("id", "item-" + day))));
            }
            database.getCollection("calendar_days").deleteOne(Filters.eq("_id", "cal-a/2026-12-3"));
            database.getCollection("calendar_days").updateOne(Filters.eq("_id", "cal-a/2026-12-4"), Updates.set("lock", "moved"));
            database.getCollection("projected_offsets").insertOne(new Document("_id", "almanac.schedule.v1/0").append("through", 41L));
            database.getCollection("dropped").insertOne(new Document("_id", "gone"));
            database.getCollection("dropped").drop();
            client.getDatabase("other").getCollection("kept").insertOne(new Document("_id", "too"));
        }
        first.close();
        assertThat(file).as("written at the clean stop").exists();

        List<String> outcomes = new ArrayList<>();
        MongoWireServer second = MongoWireServer.resuming(new LeanMemorySnapshot(file, "build-1"), 0, outcomes::add);
        try (MongoClient client = MongoClients.create(second.connectionString())) {
            assertThat(file).as("taken by the start: a stop that is not clean leaves none").doesNotExist();
            assertThat(outcomes).singleElement().asString().startsWith("resumed from the snapshot written");
            MongoDatabase database = client.getDatabase("almanac_query");
            assertThat(database.getCollection("calendar_days").countDocuments()).isEqualTo(29);
            assertThat(database.getCollection("calendar_days").find(Filters.eq("_id", "cal-a/2026-12-4")).first())
                    .containsEntry("lock", "moved");
            assertThat(database.getCollection("calendar_days").find(Filters.eq("_id", "cal-a/2026-12-30")).first())
                    .containsEntry("entries", List.of(new Document("id", "item-30")));
            assertThat(database.getCollection("projected_offsets").find().first()).containsEntry("through", 41L);
            assertThat(database.listCollectionNames().into(new ArrayList<>())).containsExactlyInAnyOrder("calendar_days", "projected_offsets");
            assertThat(client.getDatabase("other").getCollection("kept").countDocuments()).isEqualTo(1);
            assertThat(database.getCollection("calendar_days").listIndexes().into(new ArrayList<>()))
                    .extracting(index -> index.getString("name")).containsExactlyInAnyOrder("_id_", "lock_1");

            // The indexes were filled from the documents: both keys still refuse a second document.
            assertThatThrownBy(() -> database.getCollection("calendar_days").insertOne(new Document("_id", "cal-b").append("lock", "l7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> database.getCollection("calendar_days").insertOne(new Document("_id", "cal-a/2026-12-7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(database.getCollection("calendar_days").find(Filters.eq("lock", "l9")).first()).containsEntry("_id", "cal-a/2026-12-9");
            database.getCollection("calendar_days").insertOne(new Document("_id", "cal-a/2026-12-3").append("lock", "l3"));
        }
        second.close();

        MongoWireServer third = MongoWireServer.resuming(new LeanMemorySnapshot(file, "build-1"), 0, outcome -> { });
        try (MongoClient client = MongoClients.create(third.connectionString())) {
            assertThat(client.getDatabase("almanac_query").getCollection("calendar_days").countDocuments())
                    .as("what the second start wrote is kept by its clean stop").isEqualTo(30);
        } finally {
            third.close();
        }
    }

    @Test
    void aStoreThatDidNotStopCleanlyStartsEmpty() throws Exception {
        Path file = directory.resolve("read-models.snapshot");
        MongoWireServer first = MongoWireServer.resuming(new LeanMemorySnapshot(file, "build-1"), 0, outcome -> { });
        try (MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("almanac_query").getCollection("entries").insertOne(new Document("_id", "item-a"));
        }
        first.close();
        LeanMemorySnapshot.Taken resumed = new LeanMemorySnapshot(file, "build-1").take();
        assertThat(resumed.documents()).isPositive();
        // Killed now (kill -9, the machine): the backend is never closed, so nothing is written, and a write cut short by
        // the kill left only its partial file.
        Files.writeString(file.resolveSibling(file.getFileName() + ".partial"), "cut short");

        LeanMemorySnapshot.Taken next = new LeanMemorySnapshot(file, "build-1").take();

        assertThat(next.outcome()).startsWith("no snapshot");
        assertThat(next.documents()).isZero();
        assertThat(file.resolveSibling(file.getFileName() + ".partial")).doesNotExist();
        MongoServerCheck.assertEmpty(next.backend());
    }

    @Test
    void aSnapshotOfAnotherBuildOfTheProjectionIsDeletedUnread() {
        Path file = directory.resolve("read-models.snapshot");
        writeOneDocument(file, "build-1");

        LeanMemorySnapshot.Taken taken = new LeanMemorySnapshot(file, "build-2").take();

        assertThat(taken.outcome()).startsWith("the snapshot is of another build (stamp build-1");
        assertThat(file).doesNotExist();
        MongoServerCheck.assertEmpty(taken.backend());
    }

    @Test
    void aDamagedSnapshotIsDeletedAndTheStoreStartsEmpty() throws Exception {
        Path file = directory.resolve("read-models.snapshot");
        writeOneDocument(file, "build-1");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x5A;
        Files.write(file, bytes);

        LeanMemorySnapshot.Taken taken = new LeanMemorySnapshot(file, "build-1").take();

        assertThat(taken.outcome()).contains("checksum");
        assertThat(file).doesNotExist();
        MongoServerCheck.assertEmpty(taken.backend());
    }

    private static void writeOneDocument(Path file, String stamp) {
        MongoWireServer server = MongoWireServer.resuming(new LeanMemorySnapshot(file, stamp), 0, outcome -> { });
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("almanac_query").getCollection("entries").insertOne(new Document("_id", "item-a").append("title", "Standup"));
        }
        server.close();
        assertThat(file).exists();
    }

    /** Serves a backend just long enough to see that it holds no database with documents. */
    private static final class MongoServerCheck {
        static void assertEmpty(LeanMemoryBackend backend) {
            de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(backend);
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                assertThat(client.getDatabase("almanac_query").listCollectionNames().into(new ArrayList<>())).isEmpty();
            } finally {
                server.shutdown();
            }
        }
    }
}
