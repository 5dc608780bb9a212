package dev.almanac.query.readmodel;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read-model database ({@code spring.mongodb.database}) on Boot's reactive MongoDB client. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }
}
