package dev.almanac.events.envelope;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;

/**
 * What travels beside an event's JSON: the CloudEvents attributes and Almanac's extensions.
 *
 * @param id               the event id; stable when the same event is published again
 * @param type             the CloudEvents type, as listed in the event catalogue
 * @param source           the producing service, for example {@code /almanac/command-service}
 * @param time             when the fact happened
 * @param subject          the entity the event is about (its aggregate id)
 * @param aggregateVersion the subject's version after this event; consumers apply only newer ones
 * @param actor            who caused it
 * @param correlationId    ties together everything one request caused
 * @param traceparent      the W3C trace context, when the cause carried one
 * @param causationId      the id of the message that caused this event: the command, or the event a
 *                         consumer reacted to; absent where the producer does not record it yet
 * @param tenant           the tenant whose fact it is, in a multi-tenant deployment: the one its ids begin with (ADR 0102);
 *                         absent in a single-tenant one
 */
public record EventMetadata(
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        long aggregateVersion,
        String actor,
        String correlationId,
        @Nullable String traceparent,
        @Nullable String causationId,
        @Nullable Tenant tenant) {

    /** An envelope of a single-tenant deployment. */
    public EventMetadata(String id, String type, String source, Instant time, String subject, long aggregateVersion,
                         String actor, String correlationId, @Nullable String traceparent, @Nullable String causationId) {
        this(id, type, source, time, subject, aggregateVersion, actor, correlationId, traceparent, causationId, null);
    }

    /** An envelope that does not name its cause. */
    public EventMetadata(String id, String type, String source, Instant time, String subject, long aggregateVersion,
                         String actor, String correlationId, @Nullable String traceparent) {
        this(id, type, source, time, subject, aggregateVersion, actor, correlationId, traceparent, null);
    }
}
