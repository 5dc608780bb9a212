package dev.almanac.commands.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.WireSamples;

/**
 * The relay as producer and as consumer of the event store. It writes the wire samples of the
 * command side's event types (the consumers' tests read them), and it decides every type of the
 * topics it publishes: all of them are published, none is dropped.
 */
class RelayContractTest {

    private static final Instant STORED_AT = Instant.parse("2026-11-21T10:00:00Z");
    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    static Iterable<AlmanacEvent> commandSideEvents() {
        return EventSamples.all().stream()
                .filter(event -> RelayDecisions.DECIDER.reads(EventCatalog.of(event).topic()))
                // Published by the service that answered the platform admin; never in the event store (ADR 0102).
                .filter(event -> !(event instanceof PlatformAdminActed))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("commandSideEvents")
    void putsTheSampleOnTheWire(AlmanacEvent event) {
        // The item samples are one item's history: scheduled, rescheduled, confirmed, cancelled, restored, unconfirmed, linked,
        // unlinked, attachment added and removed; the rule samples one rule's: created, paused, resumed, deleted, and
        // another's: updated, disabled, enabled, an occurrence moved, another cancelled, a missed one backfilled, the series
        // ended, a run asked for at once, a reminder set and removed; the item's reminder set and removed after its attachment, then its fields changed by a PUT; a copy of it deleted after
        // its scheduling; the calendar samples one calendar's: created, updated, deactivated, access granted, revoked, deleted; the resource
        // samples one resource's: created, marked unavailable, marked available; the run samples a run started then
        // succeeded, and another that only failed; the change requests one proposed then confirmed, and another rejected; the
        // subscription one issued then revoked.
        long sequence = event instanceof ItemRescheduled || event instanceof RulePaused || event instanceof CalendarUpdated
                || event instanceof RunSucceeded || event instanceof RuleUpdated || event instanceof RuleChangeConfirmed
                || event instanceof RuleChangeRejected || event instanceof ResourceMarkedUnavailable
                || event instanceof CalendarSubscriptionRevoked ? 1
                : event instanceof ItemConfirmed || event instanceof RuleResumed || event instanceof CalendarDeactivated
                || event instanceof RuleDisabled || event instanceof ResourceMarkedAvailable ? 2
                : event instanceof ItemCancelled || event instanceof RuleDeleted || event instanceof RuleEnabled
                || event instanceof CalendarAccessGranted ? 3
                : event instanceof ItemRestored || event instanceof CalendarAccessRevoked || event instanceof RuleOccurrenceMoved ? 4
                : event instanceof ItemUnconfirmed || event instanceof RuleOccurrenceCancelled ? 5
                : event instanceof ItemLinked || event instanceof RuleMissedRunDecided ? 6
                : event instanceof ItemUnlinked || event instanceof RuleEnded ? 7
                : event instanceof AttachmentAdded || event instanceof RuleRunRequested ? 8
                : event instanceof AttachmentRemoved || event instanceof RuleReminderSet ? 9
                : event instanceof ItemReminderSet || event instanceof RuleReminderRemoved ? 10
                : event instanceof ItemReminderRemoved ? 11
                : event instanceof ItemUpdated ? 12
                : event instanceof CalendarDeleted ? 5
                // The review's copy's tombstone, after its scheduling.
                : event instanceof ItemDeleted ? 1
                : 0;
        var stored = new GenericDomainEventMessage<>(event.getClass().getSimpleName(), event.subject(), sequence, event,
                Map.of(CommandMetadata.ACTOR, "user-123", CommandMetadata.CORRELATION_ID, "5f1c2a9e-7c1d-4c1e-9d2b-3a4f5e6d7c8b",
                        CommandMetadata.CAUSATION_ID, "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
                        CommandMetadata.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                "0b7e4f3c-3d2a-4c8e-9f51-2e6d7a8b9c0d", STORED_AT);

        WireSamples.assertProducerMatchesSample(codec.toRecord(KafkaRelay.envelopeOf(event, stored), event));
    }

    @Test
    void publishesEveryTypeOfTheCommandSideTopics() {
        var decisions = ConsumerContract.assertDecidesEveryType(RelayDecisions.DECIDER);

        // Only a platform admin's request is on a command-side topic without being in the event store (ADR 0102).
        String notStored = EventCatalog.of(EventSamples.platformAdminActed()).ceType();
        assertThat(decisions).isNotEmpty().allSatisfy((type, decision) -> assertThat(decision)
                .isInstanceOf(type.equals(notStored) ? Decision.Ignore.class : Decision.Handle.class));
    }
}
