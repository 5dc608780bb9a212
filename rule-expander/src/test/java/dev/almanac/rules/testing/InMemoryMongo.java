package dev.almanac.rules.testing;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;

import dev.almanac.embedded.MongoWireServer;

/**
 * One in-memory mongo-java-server per test JVM, the server the local stack runs, so that the
 * store's queries are proven against what it supports. Each caller gets a database of its own.
 */
public final class InMemoryMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoClient client;

    private InMemoryMongo() {
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            MongoWireServer server = MongoWireServer.start(null, 0);
            MongoClient started = MongoClients.create(server.connectionString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                server.close();
            }, "in-memory-mongo-stop"));
            client = started;
        }
        return client.getDatabase("rule-expander-test-" + DATABASES.incrementAndGet());
    }
}
