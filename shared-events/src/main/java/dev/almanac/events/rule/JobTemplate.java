package dev.almanac.events.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What each occurrence of a rule runs: a job type, its payload, a priority from 1 to 10 and a timeout. */
public record JobTemplate(
        String type,
        Map<String, @Nullable Object> payload,
        @Nullable Integer priority,
        @Nullable Integer timeoutSeconds) {

    /** The payload is the client's JSON object: its values may be JSON null, and its key order is kept. */
    public JobTemplate {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
