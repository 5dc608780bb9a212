package dev.almanac.executor.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the executor runs jobs ({@code almanac.executor.*}).
 *
 * @param name           how its run reports name it ({@code executor})
 * @param signingSecret  the secret the requests are signed with, shared with the receivers; at least 16 characters
 * @param defaultTimeout how long a call may take when the job template names no timeout
 * @param longestTimeout the most a job template's timeout is allowed
 */
@ConfigurationProperties("almanac.executor")
public record ExecutorSettings(
        @DefaultValue("almanac-executor") String name,
        String signingSecret,
        @DefaultValue("PT30S") Duration defaultTimeout,
        @DefaultValue("PT10M") Duration longestTimeout) {

    public ExecutorSettings {
        if (signingSecret == null || signingSecret.length() < 16) {
            throw new IllegalArgumentException("almanac.executor.signing-secret (ALMANAC_EXECUTOR_SIGNING_SECRET) must be set, at least"
                    + " 16 characters: receivers verify each request with it");
        }
    }

    /** The timeout of a call: the job template's, if it names one, at most {@link #longestTimeout}. */
    public Duration timeout(Integer templateSeconds) {
        if (templateSeconds == null) {
            return defaultTimeout;
        }
        Duration asked = Duration.ofSeconds(templateSeconds);
        return asked.compareTo(longestTimeout) > 0 ? longestTimeout : asked;
    }
}
