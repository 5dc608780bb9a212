package dev.almanac.commands.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.EventSamples;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.kafka.OutgoingEvent;

/** The relay's batch: its events go out together, in order, and the batch commits only once all are acknowledged. */
class KafkaRelayTest {

    private static final Instant STORED_AT = Instant.parse("2026-11-24T09:30:00Z");

    private final List<List<String>> published = new ArrayList<>();
    private CompletableFuture<?> acknowledgement = CompletableFuture.completedFuture(null);

    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
            throw new AssertionError("the relay publishes its batches whole");
        }

        @Override
        public CompletableFuture<?> publishAll(List<? extends OutgoingEvent> events) {
            published.add(events.stream().map(outgoing -> outgoing.metadata().id()).toList());
            return acknowledgement;
        }
    };

    // The services' registry: a simple one drops histogram buckets.
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaRelay relay = new KafkaRelay(publisher, meters, TenancyMode.SINGLE);

    @Test
    void publishesTheBatchsEventsTogetherInTheirOrderWhenItCommits() {
        List<AlmanacEvent> events = EventSamples.all().subList(0, 3);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message(events.get(0), 0));
        for (int i = 0; i < events.size(); i++) {
            relay.relay(events.get(i), message(events.get(i), i));
        }
        assertThat(published).as("nothing is sent before the batch commits").isEmpty();

        batch.commit();

        assertThat(published).containsExactly(List.of("event-0", "event-1", "event-2"));
        assertThat(meters.get("almanac.relay.batches").tag("outcome", "acknowledged").timer().count()).isEqualTo(1);
        assertThat(meters.get("almanac.relay.batches").tag("outcome", "acknowledged").timer().takeSnapshot().histogramCounts())
                .as("Prometheus buckets, for the dashboard's p50 and p99").isNotEmpty();
        assertThat(meters.get("almanac.relay.events").counter().count()).isEqualTo(3);
    }

    @Test
    void rollsTheBatchBackWhenKafkaDoesNotAcknowledgeIt() {
        acknowledgement = CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
        AlmanacEvent event = EventSamples.all().get(0);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message(event, 0));
        relay.relay(event, message(event, 0));
        List<UnitOfWork.Phase> ended = new ArrayList<>();
        batch.onRollback(rolledBack -> ended.add(rolledBack.phase()));

        assertThatThrownBy(batch::commit).isInstanceOf(KafkaRelay.RelayFailedException.class);
        assertThat(ended).as("the token is not stored: the batch rolls back").isNotEmpty();
        assertThat(meters.get("almanac.relay.batches").tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(meters.get("almanac.relay.batches").tag("outcome", "acknowledged").timer().count()).isZero();
        assertThat(meters.get("almanac.relay.events").counter().count()).isZero();
    }

    @Test
    void namesTheTenantTheAggregatesIdBeginsWithInMultiTenantModeOnly() {
        AlmanacEvent granted = new CalendarAccessGranted(CalendarId.of("acme:ballroom"), UserId.of("acme:alice"), CalendarRole.VIEWER, null);
        AlmanacEvent bare = new CalendarAccessGranted(CalendarId.of("ballroom"), UserId.of("alice"), CalendarRole.VIEWER, null);

        assertThat(KafkaRelay.envelopeOf(granted, message(granted, 0), TenancyMode.MULTI).tenant()).isEqualTo(Tenant.of("acme"));
        assertThat(CloudEventHeaders.encode(KafkaRelay.envelopeOf(granted, message(granted, 0), TenancyMode.MULTI)))
                .containsKey(CloudEventHeaders.TENANT);
        assertThat(KafkaRelay.envelopeOf(bare, message(bare, 0), TenancyMode.MULTI).tenant()).as("an id without a tenant").isNull();
        assertThat(KafkaRelay.envelopeOf(granted, message(granted, 0), TenancyMode.SINGLE).tenant())
                .as("in single-tenant mode a : names no tenant").isNull();
    }

    @Test
    void namesARefusalsTenantAsTheOneTheCallerActedIn() {
        AlmanacEvent refused = new CommandRefused("ConfirmItem", "globex:item-1", null, 404, "https://almanac.dev/problems/not-found", "not found", List.of(), null);
        EventMessage<AlmanacEvent> stored = new GenericEventMessage<>(refused, Map.of(CommandMetadata.ACTOR, "acme:alice",
                CommandMetadata.ACTOR_TENANT, "acme"));

        assertThat(KafkaRelay.envelopeOf(refused, stored, TenancyMode.MULTI).tenant()).isEqualTo(Tenant.of("acme"));
    }

    private static GenericDomainEventMessage<AlmanacEvent> message(AlmanacEvent event, int index) {
        return new GenericDomainEventMessage<>(event.getClass().getSimpleName(), event.subject(), index, event,
                Map.of(), "event-" + index, STORED_AT);
    }
}
