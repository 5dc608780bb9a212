package dev.almanac.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.jspecify.annotations.Nullable;

/**
 * A MongoDB wire-protocol server (mongo-java-server). With a file it keeps its data in an
 * H2 MVStore and answers a write once the file holds it ({@link FlushingH2Backend}), so what the
 * local stack's rule-expander stored survives a restart and a crash; without one it is in memory,
 * and with a {@link LeanMemorySnapshot} in memory too, but written to the snapshot when it stops and read from it when
 * it starts (the local stack's read models, ADR 0100).
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private MongoWireServer(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    public static MongoWireServer start(@Nullable Path storeFile, int port) {
        MongoBackend backend = storeFile == null ? new LeanMemoryBackend() : h2Backend(storeFile);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    private static MongoBackend h2Backend(Path storeFile) {
        try {
            Files.createDirectories(storeFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + storeFile.getParent(), e);
        }
        return new FlushingH2Backend(storeFile.toAbsolutePath());
    }

    /**
     * In memory, starting from what {@code snapshot} holds (if it is there, whole and of its stamp; it is then deleted),
     * and written to it again when the server is {@link #close closed}.
     */
    public static MongoWireServer resuming(LeanMemorySnapshot snapshot, int port, Consumer<String> outcome) {
        LeanMemorySnapshot.Taken taken = snapshot.take();
        outcome.accept(taken.outcome());
        MongoServer server = new MongoServer(taken.backend());
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    public String connectionString() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
