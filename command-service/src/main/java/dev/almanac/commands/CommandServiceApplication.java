package dev.almanac.commands;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one source of "now" for command validation; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
