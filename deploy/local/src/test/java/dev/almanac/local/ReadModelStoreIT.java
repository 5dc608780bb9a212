package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.embedded.ScratchDirectories;

/** The read models' MongoDB runs in a JVM of its own, serves the wire protocol, and stops with the stack. */
class ReadModelStoreIT {

    @Test
    void servesDocumentsFromAJvmOfItsOwnUntilClosed() throws Exception {
        Path logs = Files.createTempDirectory("almanac-read-models-");
        try {
            ReadModelStore store = ReadModelStore.launch(logs, ReadModelStore.JAVA_OPTIONS);
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
            child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
            assertThat(Files.readString(logs.resolve(ReadModelStore.COMMAND + ".log"))).contains("listens on " + store.connectionString());
        } finally {
            ScratchDirectories.delete(logs);
        }
    }
}
