package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Tenant;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A record's headers are those {@link CloudEventHeaders#encode} writes, in its order, whichever
 * envelope came before on the thread: runs of envelopes that differ in id and subject only, and
 * envelopes that differ from the one before in a single other field, the tenant among them.
 */
class EnvelopeHeadersTest {

    private static final String[] TEXT = {"a", "platform-team-lead", "caf\u00e9 \u4e2d", "emoji \ud83d\ude00", "quote \" and \\", ""};

    private final Random random = new Random(7);
    private final EnvelopeHeaders headers = new EnvelopeHeaders();

    @Test
    void everyEnvelopeGetsTheHeadersItsEncodingGives() {
        EventMetadata run = envelope();
        int compared = 0;
        for (int r = 0; r < 2_000; r++) {
            run = random.nextInt(3) == 0 ? envelope() : changedInOneField(run);
            for (int i = random.nextInt(6); i >= 0; i--) {
                EventMetadata metadata = new EventMetadata(text() + i, run.type(), run.source(), run.time(), text() + r,
                        run.aggregateVersion(), run.actor(), run.correlationId(), run.traceparent(), run.causationId(), run.tenant());
                RecordHeaders added = new RecordHeaders();
                headers.addTo(metadata, added);
                assertThat(pairs(added.toArray())).as("%s", metadata).isEqualTo(encoded(metadata));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5_000);
    }

    private EventMetadata envelope() {
        return new EventMetadata(text(), text(), text(), instant(), text(), random.nextInt(5), text(), text(), optional(), optional(),
                tenant());
    }

    private EventMetadata changedInOneField(EventMetadata m) {
        return switch (random.nextInt(9)) {
            case 0 -> new EventMetadata(m.id(), m.type() + "x", m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId(), m.tenant());
            case 1 -> new EventMetadata(m.id(), m.type(), m.source() + "x", m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId(), m.tenant());
            case 2 -> new EventMetadata(m.id(), m.type(), m.source(), m.time().plusNanos(1), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId(), m.tenant());
            case 3 -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion() + 1, m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId(), m.tenant());
            case 4 -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor() + "x",
                    m.correlationId(), m.traceparent(), m.causationId(), m.tenant());
            case 5 -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId() + "x", m.traceparent(), m.causationId(), m.tenant());
            case 6 -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent() == null ? "00-trace" : null, m.causationId(), m.tenant());
            case 7 -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId() == null ? "cause" : null, m.tenant());
            default -> new EventMetadata(m.id(), m.type(), m.source(), m.time(), m.subject(), m.aggregateVersion(), m.actor(),
                    m.correlationId(), m.traceparent(), m.causationId(), otherTenant(m.tenant()));
        };
    }

    private static List<String> encoded(EventMetadata metadata) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, byte[]> header : CloudEventHeaders.encode(metadata).entrySet()) {
            pairs.add(header.getKey() + "=" + new String(header.getValue(), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    private static List<String> pairs(Header[] headers) {
        List<String> pairs = new ArrayList<>();
        for (Header header : headers) {
            pairs.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    private String text() {
        return TEXT[random.nextInt(TEXT.length)] + random.nextInt(3);
    }

    private @Nullable Tenant tenant() {
        return random.nextBoolean() ? null : Tenant.of("t" + random.nextInt(3));
    }

    /** Another tenant, or none: a tenant is the one header of an envelope that two requests on a thread may differ in alone. */
    private static @Nullable Tenant otherTenant(@Nullable Tenant tenant) {
        return tenant == null ? Tenant.of("acme") : tenant.name().equals("acme") ? null : Tenant.of("acme");
    }

    private String optional() {
        return random.nextBoolean() ? null : text();
    }

    private Instant instant() {
        return Instant.ofEpochSecond(1_790_000_000L + random.nextInt(1000), random.nextInt(3) == 0 ? random.nextInt(1_000_000) * 1000L : 0);
    }
}
