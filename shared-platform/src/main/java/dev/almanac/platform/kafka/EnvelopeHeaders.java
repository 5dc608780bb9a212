package dev.almanac.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A record's CloudEvents headers, as {@link CloudEventHeaders#encode} writes them, in its order. Of
 * an envelope only {@code ce_id} and {@code ce_subject} differ between the records of one rule's
 * pass; the other headers (type, source, time, version, actor, correlation, trace, causation, tenant) are
 * the same for all of them. Each thread keeps the headers of its last envelope and encodes only the
 * two that differ, while the rest match (ADR 0031). Headers are never changed once made, so records
 * share them.
 */
final class EnvelopeHeaders {

    private final ThreadLocal<@Nullable Template> last = new ThreadLocal<>();

    /**
     * Adds the envelope's headers to {@code headers}, a new record's own: a record copies the headers
     * it is given into a list of its own, which grows as they are added, so they go there directly.
     */
    void addTo(EventMetadata metadata, Headers headers) {
        Template template = last.get();
        if (template == null || !template.fits(metadata)) {
            template = new Template(metadata);
            last.set(template);
        }
        template.addTo(metadata, headers);
    }

    private static final class Template {

        private final EventMetadata envelope;
        private final Header[] headers;
        private final int idAt;
        private final int subjectAt;

        Template(EventMetadata envelope) {
            this.envelope = envelope;
            List<Header> encoded = new ArrayList<>(12);
            CloudEventHeaders.encode(envelope, (name, value) -> encoded.add(new RecordHeader(name, value)));
            this.headers = encoded.toArray(Header[]::new);
            this.idAt = indexOf(CloudEventHeaders.ID);
            this.subjectAt = indexOf(CloudEventHeaders.SUBJECT);
        }

        /** Whether {@code other} differs from this envelope in its id and subject at most. */
        boolean fits(EventMetadata other) {
            return envelope.aggregateVersion() == other.aggregateVersion()
                    && envelope.time().equals(other.time())
                    && envelope.type().equals(other.type())
                    && envelope.source().equals(other.source())
                    && envelope.actor().equals(other.actor())
                    && envelope.correlationId().equals(other.correlationId())
                    && Objects.equals(envelope.traceparent(), other.traceparent())
                    && Objects.equals(envelope.causationId(), other.causationId())
                    && Objects.equals(envelope.tenant(), other.tenant());
        }

        void addTo(EventMetadata metadata, Headers target) {
            for (int i = 0; i < headers.length; i++) {
                if (i == idAt) {
                    target.add(CloudEventHeaders.ID, metadata.id().getBytes(StandardCharsets.UTF_8));
                } else if (i == subjectAt) {
                    target.add(CloudEventHeaders.SUBJECT, metadata.subject().getBytes(StandardCharsets.UTF_8));
                } else {
                    target.add(headers[i]);
                }
            }
        }

        private int indexOf(String name) {
            for (int i = 0; i < headers.length; i++) {
                if (headers[i].key().equals(name)) {
                    return i;
                }
            }
            throw new IllegalStateException("CloudEventHeaders.encode wrote no " + name);
        }
    }
}
