package dev.almanac.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.catalog.TopicContract;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.notification.NotificationEvent;
import dev.almanac.events.audit.AuditEvent;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.subscription.CalendarSubscriptionEvent;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.events.notification.NotificationDeliveryEvent;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationPolicyEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.WireSamples;

class EventDeciderTest {

    @Test
    void everyCataloguedTopicHasADispatch() {
        for (TopicContract contract : EventCatalog.topics()) {
            assertThat(EventDecider.TopicHandlers.handlerOf(contract).getEnclosingClass()).isEqualTo(contract.events());
        }
    }

    @Test
    void aHandlerOfEveryTopicDecidesEveryCataloguedSample() {
        EventDecider<String> decider = EventDecider.of("everything", new NamesEveryType());

        assertThat(decider.topics()).containsExactlyInAnyOrderElementsOf(
                EventCatalog.topics().stream().map(TopicContract::topic).toList());
        var decisions = ConsumerContract.assertDecidesEveryType(decider);
        for (EventType type : EventCatalog.all()) {
            assertThat(ConsumerContract.handled(decisions.get(type.ceType()))).isEqualTo(type.name());
        }
    }

    @Test
    void readsOnlyTheTopicsWhoseHandlerItImplements() {
        EventDecider<String> decider = EventDecider.of("schedule-only", new SchedulesOnly());

        assertThat(decider.topics()).containsExactly(Topics.SCHEDULE);
        assertThat(decider.decide(WireSamples.received(ItemScheduled.class)))
                .isEqualTo(Decision.handle("scheduled"));
        assertThat(decider.decide(WireSamples.received(ItemRescheduled.class))).isEqualTo(Decision.ignore("moves are not followed here"));
    }

    @Test
    void anEventOfATopicItDoesNotReadIsPoisonWithTheReason() {
        EventDecider<String> decider = EventDecider.of("schedule-only", new SchedulesOnly());

        assertThatThrownBy(() -> decider.decide(WireSamples.received(ConflictCleared.class)))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("schedule-only has no decision for ConflictCleared: it does not read the topic of that event");
    }

    @Test
    void aHandlerThatAnswersNothingIsPoison() {
        EventDecider<String> decider = EventDecider.of("forgetful", new CalendarEvent.Handler<Decision<String>>() {
            @Override
            public Decision<String> on(CalendarCreated event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(CalendarUpdated event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(CalendarDeactivated event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(CalendarDeleted event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(CalendarAccessGranted event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(CalendarAccessRevoked event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(ResourceCreated event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(ResourceMarkedUnavailable event, EventMetadata envelope) {
                return null;
            }

            @Override
            public Decision<String> on(ResourceMarkedAvailable event, EventMetadata envelope) {
                return null;
            }
        });

        assertThatThrownBy(() -> decider.decide(WireSamples.received(CalendarCreated.class)))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("forgetful has no decision for CalendarCreated: its handler answered null");
    }

    @Test
    void refusesAHandlerOfNoTopic() {
        assertThatThrownBy(() -> EventDecider.of("nothing", new Object()))
                .hasMessageContaining("implements no topic's Handler interface");
    }

    @Test
    void anIgnoredTypeNeedsAReason() {
        assertThatThrownBy(() -> Decision.ignore(" ")).hasMessage("an ignored event type needs a reason");
    }

    private static final class SchedulesOnly implements ScheduleEvent.Handler<Decision<String>> {

        @Override
        public Decision<String> on(ItemScheduled event, EventMetadata envelope) {
            return Decision.handle("scheduled");
        }

        @Override
        public Decision<String> on(ItemRescheduled event, EventMetadata envelope) {
            return Decision.ignore("moves are not followed here");
        }

        @Override
        public Decision<String> on(ItemConfirmed event, EventMetadata envelope) {
            return Decision.ignore("confirmations are not followed here");
        }

        @Override
        public Decision<String> on(ItemCancelled event, EventMetadata envelope) {
            return Decision.ignore("cancellations are not followed here");
        }

        @Override
        public Decision<String> on(ItemRestored event, EventMetadata envelope) {
            return Decision.ignore("restorations are not followed here");
        }

        @Override
        public Decision<String> on(ItemUnconfirmed event, EventMetadata envelope) {
            return Decision.ignore("withdrawn confirmations are not followed here");
        }

        @Override
        public Decision<String> on(ItemLinked event, EventMetadata envelope) {
            return Decision.ignore("links are not followed here");
        }

        @Override
        public Decision<String> on(ItemUnlinked event, EventMetadata envelope) {
            return Decision.ignore("links are not followed here");
        }

        @Override
        public Decision<String> on(AttachmentAdded event, EventMetadata envelope) {
            return Decision.ignore("attachments are not followed here");
        }

        @Override
        public Decision<String> on(AttachmentRemoved event, EventMetadata envelope) {
            return Decision.ignore("attachments are not followed here");
        }

        @Override
        public Decision<String> on(ItemReminderSet event, EventMetadata envelope) {
            return Decision.ignore("reminders are not followed here");
        }

        @Override
        public Decision<String> on(ItemReminderRemoved event, EventMetadata envelope) {
            return Decision.ignore("reminders are not followed here");
        }

        @Override
        public Decision<String> on(ItemUpdated event, EventMetadata envelope) {
            return Decision.handle("ItemUpdated");
        }

        @Override
        public Decision<String> on(ItemDeleted event, EventMetadata envelope) {
            return Decision.handle("ItemDeleted");
        }
    }

    /** Handles every type of every topic with the type's name; a new type fails to compile here first. */
    private static final class NamesEveryType implements CalendarEvent.Handler<Decision<String>>,
            ScheduleEvent.Handler<Decision<String>>, RuleEvent.Handler<Decision<String>>, RunEvent.Handler<Decision<String>>,
            OccurrenceEvent.Handler<Decision<String>>, ConflictEvent.Handler<Decision<String>>, DispatchEvent.Handler<Decision<String>>,
            NotificationEvent.Handler<Decision<String>>, NotificationPreferencesEvent.Handler<Decision<String>>,
            NotificationDeliveryEvent.Handler<Decision<String>>, NotificationPolicyEvent.Handler<Decision<String>>,
            AuditEvent.Handler<Decision<String>>, CalendarSubscriptionEvent.Handler<Decision<String>> {

        @Override
        public Decision<String> on(ItemRestored event, EventMetadata envelope) {
            return Decision.handle("ItemRestored");
        }

        @Override
        public Decision<String> on(ItemUnconfirmed event, EventMetadata envelope) {
            return Decision.handle("ItemUnconfirmed");
        }

        @Override
        public Decision<String> on(ItemLinked event, EventMetadata envelope) {
            return Decision.handle("ItemLinked");
        }

        @Override
        public Decision<String> on(ItemUnlinked event, EventMetadata envelope) {
            return Decision.handle("ItemUnlinked");
        }

        @Override
        public Decision<String> on(AttachmentAdded event, EventMetadata envelope) {
            return Decision.handle("AttachmentAdded");
        }

        @Override
        public Decision<String> on(AttachmentRemoved event, EventMetadata envelope) {
            return Decision.handle("AttachmentRemoved");
        }

        @Override
        public Decision<String> on(ItemReminderSet event, EventMetadata envelope) {
            return Decision.handle("ItemReminderSet");
        }

        @Override
        public Decision<String> on(ItemReminderRemoved event, EventMetadata envelope) {
            return Decision.handle("ItemReminderRemoved");
        }

        @Override
        public Decision<String> on(ItemUpdated event, EventMetadata envelope) {
            return Decision.handle("ItemUpdated");
        }

        @Override
        public Decision<String> on(ItemDeleted event, EventMetadata envelope) {
            return Decision.handle("ItemDeleted");
        }

        @Override
        public Decision<String> on(RunStarted event, EventMetadata envelope) {
            return Decision.handle("RunStarted");
        }

        @Override
        public Decision<String> on(RunSucceeded event, EventMetadata envelope) {
            return Decision.handle("RunSucceeded");
        }

        @Override
        public Decision<String> on(RunFailed event, EventMetadata envelope) {
            return Decision.handle("RunFailed");
        }

        @Override
        public Decision<String> on(CalendarCreated event, EventMetadata envelope) {
            return Decision.handle("CalendarCreated");
        }

        @Override
        public Decision<String> on(CalendarUpdated event, EventMetadata envelope) {
            return Decision.handle("CalendarUpdated");
        }

        @Override
        public Decision<String> on(CalendarDeactivated event, EventMetadata envelope) {
            return Decision.handle("CalendarDeactivated");
        }

        @Override
        public Decision<String> on(CalendarDeleted event, EventMetadata envelope) {
            return Decision.handle("CalendarDeleted");
        }

        @Override
        public Decision<String> on(CalendarAccessGranted event, EventMetadata envelope) {
            return Decision.handle("CalendarAccessGranted");
        }

        @Override
        public Decision<String> on(CalendarAccessRevoked event, EventMetadata envelope) {
            return Decision.handle("CalendarAccessRevoked");
        }

        @Override
        public Decision<String> on(ResourceCreated event, EventMetadata envelope) {
            return Decision.handle("ResourceCreated");
        }

        @Override
        public Decision<String> on(ResourceMarkedUnavailable event, EventMetadata envelope) {
            return Decision.handle("ResourceMarkedUnavailable");
        }

        @Override
        public Decision<String> on(ResourceMarkedAvailable event, EventMetadata envelope) {
            return Decision.handle("ResourceMarkedAvailable");
        }

        @Override
        public Decision<String> on(ItemScheduled event, EventMetadata envelope) {
            return Decision.handle("ItemScheduled");
        }

        @Override
        public Decision<String> on(ItemRescheduled event, EventMetadata envelope) {
            return Decision.handle("ItemRescheduled");
        }

        @Override
        public Decision<String> on(ItemConfirmed event, EventMetadata envelope) {
            return Decision.handle("ItemConfirmed");
        }

        @Override
        public Decision<String> on(ItemCancelled event, EventMetadata envelope) {
            return Decision.handle("ItemCancelled");
        }

        @Override
        public Decision<String> on(RuleCreated event, EventMetadata envelope) {
            return Decision.handle("RuleCreated");
        }

        @Override
        public Decision<String> on(RuleOccurrenceMoved event, EventMetadata envelope) {
            return Decision.handle("RuleOccurrenceMoved");
        }

        @Override
        public Decision<String> on(RuleOccurrenceCancelled event, EventMetadata envelope) {
            return Decision.handle("RuleOccurrenceCancelled");
        }

        @Override
        public Decision<String> on(RuleEnded event, EventMetadata envelope) {
            return Decision.handle("RuleEnded");
        }

        @Override
        public Decision<String> on(RuleMissedRunDecided event, EventMetadata envelope) {
            return Decision.handle("RuleMissedRunDecided");
        }

        @Override
        public Decision<String> on(RuleRunRequested event, EventMetadata envelope) {
            return Decision.handle("RuleRunRequested");
        }

        @Override
        public Decision<String> on(OccurrenceMissed event, EventMetadata envelope) {
            return Decision.handle("OccurrenceMissed");
        }

        @Override
        public Decision<String> on(RuleUpdated event, EventMetadata envelope) {
            return Decision.handle("RuleUpdated");
        }

        @Override
        public Decision<String> on(RuleDisabled event, EventMetadata envelope) {
            return Decision.handle("RuleDisabled");
        }

        @Override
        public Decision<String> on(RuleEnabled event, EventMetadata envelope) {
            return Decision.handle("RuleEnabled");
        }

        @Override
        public Decision<String> on(RulePaused event, EventMetadata envelope) {
            return Decision.handle("RulePaused");
        }

        @Override
        public Decision<String> on(RuleResumed event, EventMetadata envelope) {
            return Decision.handle("RuleResumed");
        }

        @Override
        public Decision<String> on(RuleDeleted event, EventMetadata envelope) {
            return Decision.handle("RuleDeleted");
        }

        @Override
        public Decision<String> on(RuleChangeProposed event, EventMetadata envelope) {
            return Decision.handle("RuleChangeProposed");
        }

        @Override
        public Decision<String> on(RuleChangeConfirmed event, EventMetadata envelope) {
            return Decision.handle("RuleChangeConfirmed");
        }

        @Override
        public Decision<String> on(RuleChangeRejected event, EventMetadata envelope) {
            return Decision.handle("RuleChangeRejected");
        }

        @Override
        public Decision<String> on(RuleReminderSet event, EventMetadata envelope) {
            return Decision.handle("RuleReminderSet");
        }

        @Override
        public Decision<String> on(RuleReminderRemoved event, EventMetadata envelope) {
            return Decision.handle("RuleReminderRemoved");
        }

        @Override
        public Decision<String> on(OccurrenceMaterialized event, EventMetadata envelope) {
            return Decision.handle("OccurrenceMaterialized");
        }

        @Override
        public Decision<String> on(OccurrenceRetracted event, EventMetadata envelope) {
            return Decision.handle("OccurrenceRetracted");
        }

        @Override
        public Decision<String> on(ConflictDetected event, EventMetadata envelope) {
            return Decision.handle("ConflictDetected");
        }

        @Override
        public Decision<String> on(ConflictCleared event, EventMetadata envelope) {
            return Decision.handle("ConflictCleared");
        }

        @Override
        public Decision<String> on(ConflictResolved event, EventMetadata envelope) {
            return Decision.handle("ConflictResolved");
        }

        @Override
        public Decision<String> on(ConflictEscalated event, EventMetadata envelope) {
            return Decision.handle("ConflictEscalated");
        }

        @Override
        public Decision<String> on(ConflictDismissed event, EventMetadata envelope) {
            return Decision.handle("ConflictDismissed");
        }

        @Override
        public Decision<String> on(OccurrenceDue event, EventMetadata envelope) {
            return Decision.handle("OccurrenceDue");
        }

        @Override
        public Decision<String> on(DispatchMisfired event, EventMetadata envelope) {
            return Decision.handle("DispatchMisfired");
        }

        @Override
        public Decision<String> on(OccurrenceSkipped event, EventMetadata envelope) {
            return Decision.handle("OccurrenceSkipped");
        }

        @Override
        public Decision<String> on(OccurrenceBuffered event, EventMetadata envelope) {
            return Decision.handle("OccurrenceBuffered");
        }

        @Override
        public Decision<String> on(RunTimedOut event, EventMetadata envelope) {
            return Decision.handle("RunTimedOut");
        }

        @Override
        public Decision<String> on(RetryScheduled event, EventMetadata envelope) {
            return Decision.handle("RetryScheduled");
        }

        @Override
        public Decision<String> on(RetriesExhausted event, EventMetadata envelope) {
            return Decision.handle("RetriesExhausted");
        }

        @Override
        public Decision<String> on(ReminderDue event, EventMetadata envelope) {
            return Decision.handle("ReminderDue");
        }

        @Override
        public Decision<String> on(NotificationRaised event, EventMetadata envelope) {
            return Decision.handle("NotificationRaised");
        }

        @Override
        public Decision<String> on(NotificationPreferencesSet event, EventMetadata envelope) {
            return Decision.handle("NotificationPreferencesSet");
        }

        @Override
        public Decision<String> on(NotificationDeliveryRecorded event, EventMetadata envelope) {
            return Decision.handle("NotificationDeliveryRecorded");
        }

        @Override
        public Decision<String> on(CalendarNotificationPolicySet event, EventMetadata envelope) {
            return Decision.handle("CalendarNotificationPolicySet");
        }

        @Override
        public Decision<String> on(CommandRefused event, EventMetadata envelope) {
            return Decision.handle("CommandRefused");
        }

        @Override
        public Decision<String> on(PlatformAdminActed event, EventMetadata envelope) {
            return Decision.handle("PlatformAdminActed");
        }

        @Override
        public Decision<String> on(CalendarSubscriptionIssued event, EventMetadata envelope) {
            return Decision.handle("CalendarSubscriptionIssued");
        }

        @Override
        public Decision<String> on(CalendarSubscriptionRevoked event, EventMetadata envelope) {
            return Decision.handle("CalendarSubscriptionRevoked");
        }
    }
}
