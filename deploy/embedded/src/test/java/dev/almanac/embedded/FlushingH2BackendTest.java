package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash would leave: the store's file is copied while the server still runs, right after
 * the writes were acknowledged, and the copy is opened by a server of its own.
 */
class FlushingH2BackendTest {

    @TempDir
    Path directory;

    private MongoWireServer server;
    private MongoClient client;
    private MongoCollection<Document> rules;

    @BeforeEach
    void startAServerOnAFile() {
        server = MongoWireServer.start(directory.resolve("almanac.mv"), 0);
        client = MongoClients.create(server.connectionString());
        rules = client.getDatabase("almanac").getCollection("rules");
    }

    @AfterEach
    void stopIt() {
        client.close();
        server.close();
    }

    @Test
    void anAcknowledgedWriteIsInTheFileBeforeTheServerStops() throws IOException {
        rules.insertOne(new Document("_id", "rule-a").append("horizon", "2027-02-01"));
        rules.updateOne(Filters.eq("_id", "rule-a"), Updates.set("horizon", "2027-02-02"));
        rules.insertOne(new Document("_id", "rule-b").append("horizon", "2027-03-01"));
        rules.deleteOne(Filters.eq("_id", "rule-b"));

        readBack(whatACrashWouldLeave(), copy -> {
            assertThat(copy.find(Filters.eq("_id", "rule-a")).first()).containsEntry("horizon", "2027-02-02");
            assertThat(copy.find(Filters.eq("_id", "rule-b")).first()).isNull();
        });
    }

    @Test
    void aBulkWriteThatFailsPartlyKeepsItsOtherWritesInTheFile() throws IOException {
        rules.insertOne(new Document("_id", "rule-a"));
        List<Document> batch = List.of(new Document("_id", "rule-a"), new Document("_id", "rule-b"), new Document("_id", "rule-c"));

        assertThatThrownBy(() -> rules.insertMany(batch, new InsertManyOptions().ordered(false)))
                .isInstanceOf(MongoBulkWriteException.class);

        readBack(whatACrashWouldLeave(), copy -> assertThat(copy.countDocuments()).isEqualTo(3));
    }

    /** The file as it stands while the server still runs. */
    private Path whatACrashWouldLeave() throws IOException {
        return Files.copy(directory.resolve("almanac.mv"), directory.resolve("crashed.mv"));
    }

    private static void readBack(Path file, Consumer<MongoCollection<Document>> check) {
        try (MongoWireServer server = MongoWireServer.start(file, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            check.accept(client.getDatabase("almanac").getCollection("rules"));
        }
    }
}
