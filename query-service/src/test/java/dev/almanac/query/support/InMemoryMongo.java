package dev.almanac.query.support;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.MongoWireServer;

/**
 * One in-memory mongo-java-server per test JVM, the server the local stack uses, for projector
 * and HTTP tests that need no Kafka and no Spring.
 */
public final class InMemoryMongo {

    private static MongoClient client;

    private InMemoryMongo() {
    }

    /** An empty database of this name. */
    public static synchronized MongoDatabase freshDatabase(String name) {
        if (client == null) {
            MongoWireServer server = MongoWireServer.start(null, 0);
            client = MongoClients.create(server.connectionString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.close();
            }, "in-memory-mongo-stop"));
        }
        MongoDatabase database = client.getDatabase(name);
        Mono.from(database.drop()).block(Duration.ofSeconds(5));
        return database;
    }
}
