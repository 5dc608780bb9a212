package dev.almanac.conflicts;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.lifecycle.ConflictStore;

/** Detects capacity breaches on calendars from their items and occurrences, and publishes almanac.conflicts.v1. */
@SpringBootApplication
public class ConflictDetectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConflictDetectorApplication.class, args);
    }

    @Bean
    MongoDatabase conflictDetectorDatabase(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /** Indexes exist before the listeners start; creating one that exists changes nothing. */
    @Bean
    SmartInitializingSingleton conflictDetectorIndexes(EntryStore entries, ConflictStore conflicts) {
        return () -> entries.createIndexes().then(conflicts.createIndexes()).block(Duration.ofSeconds(60));
    }
}
