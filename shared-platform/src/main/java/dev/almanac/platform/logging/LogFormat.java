package dev.almanac.platform.logging;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code ALMANAC_LOG_FORMAT} into Spring Boot's structured console logging before the logging system starts:
 * {@code json} is Elastic Common Schema (one JSON object a line, the MDC's trace and correlation ids among its fields);
 * {@code ecs}, {@code logstash} and {@code gelf} name Boot's formats; {@code plain}, or nothing, keeps Boot's text
 * lines, as a local stack logs. A {@code logging.structured.format.console} set elsewhere wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String VARIABLE = "ALMANAC_LOG_FORMAT";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String structured = structuredFormat(environment.resolvePlaceholders("${ALMANAC_LOG_FORMAT:plain}"));
        if (structured != null && !environment.containsProperty(CONSOLE_FORMAT)) {
            environment.getPropertySources().addLast(new MapPropertySource("almanacLogFormat", Map.of(CONSOLE_FORMAT, structured)));
        }
    }

    /** Boot's name of the structured format, or null for plain text. A misspelt format stops the service: its logs would be unreadable to the collector. */
    static @Nullable String structuredFormat(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "", "plain" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash" -> "logstash";
            case "gelf" -> "gelf";
            default -> throw new IllegalArgumentException(VARIABLE + " is '" + format + "'; it may be plain (the default), json, ecs, logstash or gelf");
        };
    }
}
