package dev.almanac.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Takes the place of Boot's reactive MongoDB health indicator (same bean name) in every service with read models. */
@AutoConfiguration(
        afterName = "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration")
@ConditionalOnClass(name = {"com.mongodb.reactivestreams.client.MongoClient",
        "org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator"})
@ConditionalOnBean(MongoClient.class)
public class MongoHealthAutoConfiguration {

    @Bean("mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient client) {
        return new MongoPingHealthIndicator(client);
    }
}
