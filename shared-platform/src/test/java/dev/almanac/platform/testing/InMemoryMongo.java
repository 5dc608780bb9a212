package dev.almanac.platform.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.MongoWireServer;

/**
 * One in-memory mongo-java-server per test JVM, the server the local stack runs, so that
 * every store's and projector's queries are proven against what it supports, without Spring.
 */
public final class InMemoryMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoClient client;

    private InMemoryMongo() {
    }

    /** A database no other caller in this JVM gets. */
    public static MongoDatabase freshDatabase() {
        return client().getDatabase("test-" + DATABASES.incrementAndGet());
    }

    /** The database of this name, emptied. */
    public static MongoDatabase freshDatabase(String name) {
        MongoDatabase database = client().getDatabase(name);
        Mono.from(database.drop()).block(Duration.ofSeconds(5));
        return database;
    }

    private static synchronized MongoClient client() {
        if (client == null) {
            MongoWireServer server = MongoWireServer.start(null, 0);
            MongoClient started = MongoClients.create(server.connectionString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                server.close();
            }, "in-memory-mongo-stop"));
            client = started;
        }
        return client;
    }
}
