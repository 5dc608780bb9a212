package dev.almanac.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Reports MongoDB as the {@code mongo} health component by sending {@code ping}, which MongoDB
 * and mongo-java-server both answer. Boot's own indicator sends {@code hello}, which
 * mongo-java-server rejects, and would mark the local stack DOWN.
 */
public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MongoClient client;

    public MongoPingHealthIndicator(MongoClient client) {
        super("MongoDB is unreachable");
        this.client = client;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                .map(answer -> builder.up().build());
    }
}
