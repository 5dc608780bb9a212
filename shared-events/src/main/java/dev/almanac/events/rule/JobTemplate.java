package dev.almanac.events.rule;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What each occurrence of a rule runs: a job type, its payload, a priority from 1 to 10 and a timeout. */
public record JobTemplate(
        String type,
        Map<String, Object> payload,
        @Nullable Integer priority,
        @Nullable Integer timeoutSeconds) {

    public JobTemplate {
        payload = Map.copyOf(payload);
    }
}
