package dev.almanac.events.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.IsoInstants;
import dev.almanac.events.Tenant;

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
    /**
     * The tenant whose fact the event is, in a multi-tenant deployment: the tenant its ids begin with (ADR 0102), so a
     * consumer can route or refuse a record without reading its value. Absent in a single-tenant deployment and for an
     * event whose ids name no tenant. The event's JSON has no such field: every id in it already begins with the tenant.
     */
    public static final String TENANT = "almanac_tenant";
    /**
     * Not part of the envelope: set only on a record that {@code dlt-replay} put back on its topic from
     * {@code <topic>.DLT}, as {@code <dlt>-<partition>@<offset>}. The event is the same (same {@code ce_id}).
     */
    public static final String REPLAYED_FROM = "almanac_replayed_from";
    /**
     * Not part of the envelope: {@value #RULE_DERIVED_VALUE} on an occurrence record whose effect follows from
     * {@code almanac.rules.v1} alone (a rule's timeline: its occurrences in series or moved, and every withdrawal).
     * A consumer that computes rule occurrences from the rules topic may skip such a record by this header
     * without reading its value; missed runs and backfill runs never carry it.
     */
    public static final String RULE_DERIVED = "almanac_rule_derived";
    public static final String RULE_DERIVED_VALUE = "true";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private static final byte[] SPEC_VERSION_BYTES = SPEC_VERSION_VALUE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON_BYTES = JSON.getBytes(StandardCharsets.UTF_8);

    private CloudEventHeaders() {
    }

    public static Map<String, byte[]> encode(EventMetadata metadata) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        encode(metadata, headers::put);
        return headers;
    }

    /**
     * Hands each header to {@code header} in order, without a map in between: a record is encoded
     * per event, millions of them when rules are materialised. The constant values are encoded
     * once; no caller changes a header's bytes.
     */
    public static void encode(EventMetadata metadata, BiConsumer<String, byte[]> header) {
        header.accept(SPEC_VERSION, SPEC_VERSION_BYTES);
        header.accept(ID, utf8(metadata.id()));
        header.accept(TYPE, utf8(metadata.type()));
        header.accept(SOURCE, utf8(metadata.source()));
        header.accept(TIME, utf8(IsoInstants.toString(metadata.time())));
        header.accept(SUBJECT, utf8(metadata.subject()));
        header.accept(CONTENT_TYPE, JSON_BYTES);
        header.accept(AGGREGATE_VERSION, utf8(Long.toString(metadata.aggregateVersion())));
        header.accept(ACTOR, utf8(metadata.actor()));
        header.accept(CORRELATION_ID, utf8(metadata.correlationId()));
        if (metadata.traceparent() != null) {
            header.accept(TRACEPARENT, utf8(metadata.traceparent()));
        }
        if (metadata.causationId() != null) {
            header.accept(CAUSATION_ID, utf8(metadata.causationId()));
        }
        if (metadata.tenant() != null) {
            header.accept(TENANT, utf8(metadata.tenant().name()));
        }
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
                optional(lastHeader, CAUSATION_ID),
                tenant(optional(lastHeader, TENANT)));
    }

    private static @Nullable Tenant tenant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        if (!Tenant.VALID.matcher(value).matches()) {
            throw new InvalidEnvelopeException("header " + TENANT + " must name a tenant (" + Tenant.PATTERN + ") but was " + value);
        }
        return Tenant.of(value);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
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

    /** The plain form every producer writes by arithmetic, anything else by the formatter (ADR 0034). */
    private static Instant instant(String value) {
        Instant plain = IsoInstants.parse(value);
        if (plain != null) {
            return plain;
        }
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
