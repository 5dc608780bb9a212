package dev.almanac.commands.relay;

import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationPolicyEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.subscription.CalendarSubscriptionEvent;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.audit.AuditEvent;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEvent;
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
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/**
 * The relay's decision for every event type the command side stores: each is published as it
 * was stored. Other services' facts (occurrences, conflicts) never enter this event store, so the
 * relay reads none of their topics; one that did would stop the relay rather than be skipped.
 */
final class RelayDecisions implements CalendarEvent.Handler<Decision<AlmanacEvent>>, RunEvent.Handler<Decision<AlmanacEvent>>,
        ScheduleEvent.Handler<Decision<AlmanacEvent>>, RuleEvent.Handler<Decision<AlmanacEvent>>,
        NotificationPreferencesEvent.Handler<Decision<AlmanacEvent>>, NotificationPolicyEvent.Handler<Decision<AlmanacEvent>>,
        AuditEvent.Handler<Decision<AlmanacEvent>>, CalendarSubscriptionEvent.Handler<Decision<AlmanacEvent>> {

    static final EventDecider<AlmanacEvent> DECIDER = EventDecider.of("command-service/relay", new RelayDecisions());

    private RelayDecisions() {
    }

    @Override
    public Decision<AlmanacEvent> on(CommandRefused event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(PlatformAdminActed event, EventMetadata envelope) {
        return Decision.ignore("published by whichever service answered the platform admin, never stored in this event store");
    }

    @Override
    public Decision<AlmanacEvent> on(NotificationPreferencesSet event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarNotificationPolicySet event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarSubscriptionIssued event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarSubscriptionRevoked event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarCreated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarUpdated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarDeactivated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarAccessGranted event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarAccessRevoked event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ResourceCreated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ResourceMarkedUnavailable event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ResourceMarkedAvailable event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemScheduled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemRescheduled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemConfirmed event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemCancelled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleCreated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleUpdated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleDisabled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleEnabled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RulePaused event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleResumed event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleDeleted event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleOccurrenceMoved event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleOccurrenceCancelled event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleEnded event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleMissedRunDecided event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleRunRequested event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleChangeProposed event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleChangeConfirmed event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleChangeRejected event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleReminderSet event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RuleReminderRemoved event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemRestored event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemUnconfirmed event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemLinked event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemUnlinked event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(AttachmentAdded event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(AttachmentRemoved event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemReminderSet event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemReminderRemoved event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemUpdated event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(ItemDeleted event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(CalendarDeleted event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RunStarted event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RunSucceeded event, EventMetadata envelope) {
        return Decision.handle(event);
    }

    @Override
    public Decision<AlmanacEvent> on(RunFailed event, EventMetadata envelope) {
        return Decision.handle(event);
    }
}
