package dev.almanac.rules;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.almanac.rules.rule.RuleStore;

/** Materialises recurring rules into occurrences over a rolling horizon and publishes almanac.occurrences.v1. */
@SpringBootApplication
@EnableScheduling
public class RuleExpanderApplication {

    public static void main(String[] args) {
        SpringApplication.run(RuleExpanderApplication.class, args);
    }

    /** The horizon timer's notion of now; event handling never reads it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoDatabase ruleExpanderDatabase(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /**
     * Indexes exist before the listeners and the timers start; creating one that exists changes
     * nothing. Rules stored before the missed-run check are checked from the start-up on.
     */
    @Bean
    SmartInitializingSingleton ruleExpanderIndexes(RuleStore rules, Clock clock) {
        return () -> rules.createIndexes()
                .then(rules.startMissedCheckAt(clock.instant()))
                .block(Duration.ofSeconds(60));
    }
}
