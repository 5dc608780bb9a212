package dev.almanac.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code almanac-platform-defaults.properties} as the lowest-precedence property source,
 * so that every service shares the same Kafka, MongoDB, Jackson and actuator settings and
 * the same {@code ALMANAC_*} environment variables, and can still override any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "almanac-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("almanacPlatformDefaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
