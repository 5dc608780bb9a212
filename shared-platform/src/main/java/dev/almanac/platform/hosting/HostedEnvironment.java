package dev.almanac.platform.hosting;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A service's own environment variables when it shares a JVM with the other services, where the process's environment
 * is one for all (ADR 0099). The host passes each variable as {@code --almanac.hosted.env.NAME=value}; they are read
 * exactly as environment variables are, relaxed binding included, and rank as the process's environment does, just
 * above it, so that a service in the shared JVM is configured by the same variables as in a process of its own.
 */
public class HostedEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String ARGUMENT_PREFIX = "almanac.hosted.env.";
    /** Boot reads a source whose name ends in {@code -systemEnvironment} with the environment's relaxed names. */
    static final String SOURCE = "almanacHosted-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        PropertySource<?> arguments = sources.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (!(arguments instanceof EnumerablePropertySource<?> enumerable)) {
            return;
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : enumerable.getPropertyNames()) {
            Object value = enumerable.getProperty(name);
            if (name.startsWith(ARGUMENT_PREFIX) && name.length() > ARGUMENT_PREFIX.length() && value != null) {
                variables.put(name.substring(ARGUMENT_PREFIX.length()), value);
            }
        }
        if (variables.isEmpty()) {
            return;
        }
        SystemEnvironmentPropertySource hosted = new SystemEnvironmentPropertySource(SOURCE, variables);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, hosted);
        } else {
            sources.addLast(hosted);
        }
    }

    /** Before every other post-processor: the platform's own read variables such as ALMANAC_KAFKA_USERNAME. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
