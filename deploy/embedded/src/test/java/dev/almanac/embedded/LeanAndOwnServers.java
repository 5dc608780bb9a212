package dev.almanac.embedded;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

/** Two servers side by side, one on {@link LeanMemoryBackend} and one on mongo-java-server's own memory backend, to compare. */
final class LeanAndOwnServers implements AutoCloseable {

    private final MongoServer lean = new MongoServer(new LeanMemoryBackend());
    private final MongoServer own = new MongoServer(new MemoryBackend());
    private final MongoClient leanClient = MongoClients.create(lean.bindAndGetConnectionString());
    private final MongoClient ownClient = MongoClients.create(own.bindAndGetConnectionString());

    /** The collection of this name on each server: the lean one first. */
    List<MongoCollection<Document>> collections(String name) {
        return List.of(leanClient.getDatabase("lean").getCollection(name), ownClient.getDatabase("lean").getCollection(name));
    }

    @Override
    public void close() {
        leanClient.close();
        ownClient.close();
        lean.shutdown();
        own.shutdown();
    }
}
