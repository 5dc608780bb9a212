package dev.almanac.events.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Maps {@link EventMetadata} to and from Kafka headers under the CloudEvents Kafka binding,
 * binary mode: the record value is the event's JSON, the attributes are {@code ce_*} headers.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String AGGREGATE_VERSION = "almanac_aggregate_version";
    public static final String ACTOR = "almanac_actor";
    public static final String CORRELATION_ID = "almanac_correlation_id";
    public static final String TRACEPARENT = "traceparent";
    public static final String CAUSATION_ID = "almanac_causation_id";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    public static Map<String, byte[]> encode(EventMetadata metadata) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        put(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
        put(headers, ID, metadata.id());
        put(headers, TYPE, metadata.type());
        put(headers, SOURCE, metadata.source());
        put(headers, TIME, metadata.time().toString());
        put(headers, SUBJECT, metadata.subject());
        put(headers, CONTENT_TYPE, JSON);
        put(headers, AGGREGATE_VERSION, Long.toString(metadata.aggregateVersion()));
        put(headers, ACTOR, metadata.actor());
        put(headers, CORRELATION_ID, metadata.correlationId());
        if (metadata.traceparent() != null) {
            put(headers, TRACEPARENT, metadata.traceparent());
        }
        if (metadata.causationId() != null) {
            put(headers, CAUSATION_ID, metadata.causationId());
        }
        return headers;
    }

    /**
     * Reads the envelope from a header lookup that returns the last value of a header, or
     * null when it is absent.
     *
     * @throws InvalidEnvelopeException naming the first header that is missing or malformed
     */
    public static EventMetadata decode(Function<String, byte @Nullable []> lastHeader) {
        String specVersion = required(lastHeader, SPEC_VERSION);
        if (!SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new InvalidEnvelopeException(SPEC_VERSION + " must be " + SPEC_VERSION_VALUE + " but was " + specVersion);
        }
        return new EventMetadata(
                required(lastHeader, ID),
                required(lastHeader, TYPE),
                required(lastHeader, SOURCE),
                instant(required(lastHeader, TIME)),
                required(lastHeader, SUBJECT),
                version(required(lastHeader, AGGREGATE_VERSION)),
                required(lastHeader, ACTOR),
                required(lastHeader, CORRELATION_ID),
                optional(lastHeader, TRACEPARENT),
                optional(lastHeader, CAUSATION_ID));
    }

    private static void put(Map<String, byte[]> headers, String name, String value) {
        headers.put(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Function<String, byte @Nullable []> lastHeader, String name) {
        String value = optional(lastHeader, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEnvelopeException("header " + name + " is missing");
        }
        return value;
    }

    private static @Nullable String optional(Function<String, byte @Nullable []> lastHeader, String name) {
        byte[] value = lastHeader.apply(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelopeException("header " + TIME + " is not an ISO-8601 instant: " + value, e);
        }
    }

    private static long version(String value) {
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new InvalidEnvelopeException("header " + AGGREGATE_VERSION + " must not be negative: " + value);
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidEnvelopeException("header " + AGGREGATE_VERSION + " is not a number: " + value, e);
        }
    }
}
