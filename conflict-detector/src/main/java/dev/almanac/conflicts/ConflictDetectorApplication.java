package dev.almanac.conflicts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Detects capacity breaches on calendars from their items and occurrences, and publishes almanac.conflicts.v1. */
@SpringBootApplication
public class ConflictDetectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConflictDetectorApplication.class, args);
    }
}
