package dev.almanac.query.readmodel;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

import dev.almanac.platform.mongo.VersionedWrites;

/** Applies read-model writes with the platform's versioned upsert, so a redelivered event changes nothing. */
public final class ReadModelWriter {

    private final MongoDatabase database;

    public ReadModelWriter(MongoDatabase database) {
        this.database = database;
    }

    /** Emits true if the document changed, false if it already held this version or a newer one. */
    public Mono<Boolean> apply(ReadModelWrite write) {
        return VersionedWrites.applyIfNewer(database.getCollection(write.collection(), Document.class),
                write.documentId(), write.version(), write.update());
    }
}
