package dev.almanac.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.almanac.embedded.MongoWireServer;

class MongoPingHealthIndicatorTest {

    @Test
    void reportsUpAgainstMongoJavaServerAndDownWhenItStops() {
        MongoWireServer server = MongoWireServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString() + "/?serverSelectionTimeoutMS=3000")) {
            MongoPingHealthIndicator indicator = new MongoPingHealthIndicator(client);
            // Generous: on a loaded 2-core machine the first connection alone once took more than 500 ms.
            Health up = indicator.health().block(Duration.ofSeconds(10));
            assertThat(up.getStatus()).isEqualTo(Status.UP);

            server.close();
            Health down = indicator.health().block(Duration.ofSeconds(10));
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
