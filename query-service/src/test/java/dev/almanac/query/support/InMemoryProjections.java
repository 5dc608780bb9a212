package dev.almanac.query.support;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoDatabase;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;

/** The projection over a database of the tests' in-memory server, on both of the driver's clients, as the service runs it. */
public final class InMemoryProjections {

    private InMemoryProjections() {
    }

    public static Projections of(MongoDatabase database, Duration writeTimeout) {
        return new Projections(database, InMemoryMongo.blocking(database), writeTimeout);
    }
}
