package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.almanac.query.support.InMemoryMongo;

class ReadModelStoreHealthTest {

    @Test
    void isUpWhenMongoJavaServerAnswersPing() {
        Health health = new ReadModelStoreHealth(InMemoryMongo.freshDatabase("health")).health().block(Duration.ofSeconds(5));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("database", "health");
    }
}
