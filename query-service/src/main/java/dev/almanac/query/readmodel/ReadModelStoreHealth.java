package dev.almanac.query.readmodel;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reports the read-model store as the {@code mongo} health component by sending {@code ping},
 * which MongoDB and mongo-java-server both answer. It takes the place of Boot's indicator (same
 * bean name), whose {@code hello} command mongo-java-server rejects, which would mark the local
 * stack DOWN.
 */
@Component("mongoHealthIndicator")
public class ReadModelStoreHealth extends AbstractReactiveHealthIndicator {

    private final MongoDatabase database;

    public ReadModelStoreHealth(MongoDatabase database) {
        super("MongoDB read-model store is unreachable");
        this.database = database;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .map(answer -> builder.up().withDetail("database", database.getName()).build());
    }
}
