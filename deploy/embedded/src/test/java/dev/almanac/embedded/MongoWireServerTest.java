package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoWireServerTest {

    @Test
    void theInMemoryServerAnswersAsUsualButKeepsNoDataSize() {
        try (MongoWireServer server = MongoWireServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("lean");
            MongoCollection<Document> collection = database.getCollection("days");
            collection.insertMany(List.of(new Document("_id", "a").append("n", 1), new Document("_id", "b").append("n", 2)));
            collection.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 10));

            assertThat(collection.find(Filters.eq("_id", "a")).first()).containsEntry("n", 11);
            assertThat(collection.countDocuments()).isEqualTo(2);
            Document stats = database.runCommand(new Document("collStats", "days"));
            assertThat(stats.get("count", Number.class).longValue()).isEqualTo(2);
            assertThat(stats.get("size", Number.class).longValue()).as("no BSON size kept per write (LeanMemoryBackend)").isZero();
        }
    }
}
