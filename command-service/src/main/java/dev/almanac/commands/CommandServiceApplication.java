package dev.almanac.commands;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        // Axon reports usage to AxonIQ unless told not to; Almanac sends nothing anywhere by default.
        // AXONIQ_UPDATE_CHECKER_DISABLED=false in the environment opts back in.
        System.getProperties().putIfAbsent("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one source of "now" for command validation; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
