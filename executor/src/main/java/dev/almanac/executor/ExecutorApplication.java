package dev.almanac.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs each due http job of almanac.dispatch.v1 by calling its URL, and reports the run on almanac.runs.v1. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExecutorApplication.class, args);
    }
}
