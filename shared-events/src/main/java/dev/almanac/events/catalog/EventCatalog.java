package dev.almanac.events.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.audit.AuditEvent;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
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
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationDeliveryEvent;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationEvent;
import dev.almanac.events.notification.NotificationPolicyEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.subscription.CalendarSubscriptionEvent;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
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
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.ScheduleEvent;

/**
 * Every event type Almanac publishes, and every topic with the sealed interface that closes it.
 * A type that is not listed here is not a contract. {@code EventCatalogTest} proves that this
 * list and the sealed hierarchies agree.
 */
public final class EventCatalog {

    private static final List<TopicContract> TOPICS = List.of(
            new TopicContract(Topics.CALENDARS, CalendarEvent.class, "calendar id (resource id for resources)",
                    "Calendar lifecycle: creation, changes to its definition (capacity, overbooking policy, item durations), deactivation, and access grants (freebusy, viewer, scheduler, manager) and their revocation. "
                            + "Resources that items book: their creation, and the ranges they are marked unavailable and available again."),
            new TopicContract(Topics.SCHEDULE, ScheduleEvent.class, "calendar id",
                    "One-off items on calendars: scheduled, rescheduled, confirmed and cancelled, the compensations an undo applies (restored, unconfirmed), links between a primary and its followers, which move and are cancelled together, and references to attached files."),
            new TopicContract(Topics.RULES, RuleEvent.class, "rule id",
                    "Recurring rules: their definitions and lifecycle (created, updated, paused, resumed, disabled, enabled, deleted), exceptions to one occurrence (moved, cancelled), the end of a series (this and following), operators' decisions on missed runs, and changes proposed to them, confirmed or rejected (keyed by rule id; a change request's events have the change request as their subject)."),
            new TopicContract(Topics.RUNS, RunEvent.class, "calendar id",
                    "Run reports from executors: a scheduled item or occurrence started, succeeded or failed. Executors that do not speak Kafka report over HTTP (POST /api/v1/runs)."),
            new TopicContract(Topics.OCCURRENCES, OccurrenceEvent.class, "calendar id",
                    "Occurrences of recurring rules, materialised by rule-expander over a rolling horizon (and at once when moved or backfilled), retracted when their rule is paused, disabled, updated, ended or deleted or they are cancelled, and missed when no run was reported in time."),
            new TopicContract(Topics.MISSED_RUNS, OccurrenceEvent.class, "calendar id",
                    "A copy of the records of almanac.occurrences.v1 that no reader can compute from almanac.rules.v1: missed runs, with the catch-up run their rule's policy started, and approved backfill runs. "
                            + "rule-expander writes each of them to both topics; a service that computes rule occurrences from the rules topic reads this one instead of millions of occurrences."),
            new TopicContract(Topics.CONFLICTS, ConflictEvent.class, "calendar id",
                    "The conflict lifecycle, published by conflict-detector."),
            new TopicContract(Topics.DISPATCH, DispatchEvent.class, "calendar id",
                    "Occurrences due now, published by the dispatcher in Kafka transactions: exactly once per occurrence and attempt to a read_committed consumer, never before it is due. "
                            + "Executors run them and report on almanac.runs.v1. Also what the dispatcher decided about occurrences it reached too late to dispatch, "
                            + "and, from the rules' options and run reports, occurrences skipped or buffered beyond max_concurrent, attempts timed out, retries scheduled and exhausted."),
            new TopicContract(Topics.NOTIFICATIONS, NotificationEvent.class, "user id (the recipient)",
                    "Notifications for people, raised by the dispatcher's notifier from facts on the other topics: a run failed or timed out, a run was missed, "
                            + "a conflict was detected or escalated, a linked pair was orphaned, a change to a rule awaits confirmation. "
                            + "One per fact and recipient, with an id derived from both, so a fact read again raises the same notification; "
                            + "each names its category, source, owner, links and the commands that apply."),
            new TopicContract(Topics.NOTIFICATION_PREFERENCES, NotificationPreferencesEvent.class, "user id",
                    "How each user wants notifications delivered, set by command-service: their zone, e-mail address, webhook (its signing secret sealed), "
                            + "channels per category, quiet hours, digest window and suppression rules. The whole set each time; the latest is all a reader keeps."),
            new TopicContract(Topics.NOTIFICATION_DELIVERIES, NotificationDeliveryEvent.class, "user id (the recipient)",
                    "What became of each notification on its way to e-mail and webhooks, recorded by the dispatcher's deliverer: suppressed by a policy, "
                            + "held for quiet hours, digested with others of its kind, sent, an attempt failed, dead-lettered after the last attempt. "
                            + "One line per notification, delivery, outcome and attempt."),
            new TopicContract(Topics.NOTIFICATION_POLICIES, NotificationPolicyEvent.class, "calendar id",
                    "What a calendar's notifications do for everyone they reach, set by its managers through command-service: the categories "
                            + "kept from e-mail and webhook (never critical). The whole policy each time; the latest is all a reader keeps."),
            new TopicContract(Topics.AUDIT, AuditEvent.class, "the refused command's target id; the tenant for a platform admin's request",
                    "Commands the domain refused (a capacity refusal, a state that does not allow them, a missing role, a stale If-Match), recorded by command-service "
                            + "through its event store and relay, so that none is lost: the command, its target, the status and problem type the caller got, and the fields and rules it named. "
                            + "Nothing of a refused command is stored elsewhere; query-service's audit trail shows these beside the facts (ADR 0081). "
                            + "In a multi-tenant deployment, also every request of a platform admin acting in a tenant, read or command, recorded by the service "
                            + "that answered it before the answer is sent: the platform admin, the tenant, the method, the path and the status (ADR 0102)."),
            new TopicContract(Topics.CALENDAR_SUBSCRIPTIONS, CalendarSubscriptionEvent.class, "calendar id",
                    "Secret calendar feed URLs, issued and revoked by command-service: each names its calendar, the user whose rights "
                            + "its feed reads with, and the SHA-256 of its token (the token itself is never stored or published). "
                            + "A revoked subscription stays revoked."));

    private static final List<EventType> TYPES = List.of(
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarCreated.class),
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarUpdated.class),
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarDeactivated.class),
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarDeleted.class),
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarAccessGranted.class),
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarAccessRevoked.class),
            EventType.of("resource", 1, Topics.CALENDARS, ResourceCreated.class),
            EventType.of("resource", 1, Topics.CALENDARS, ResourceMarkedUnavailable.class),
            EventType.of("resource", 1, Topics.CALENDARS, ResourceMarkedAvailable.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemScheduled.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemRescheduled.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemConfirmed.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemCancelled.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemRestored.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemUnconfirmed.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemLinked.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemUnlinked.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, AttachmentAdded.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, AttachmentRemoved.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemReminderSet.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemReminderRemoved.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemUpdated.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemDeleted.class),
            EventType.of("rule", 1, Topics.RULES, RuleCreated.class),
            EventType.of("rule", 1, Topics.RULES, RuleUpdated.class),
            EventType.of("rule", 1, Topics.RULES, RulePaused.class),
            EventType.of("rule", 1, Topics.RULES, RuleResumed.class),
            EventType.of("rule", 1, Topics.RULES, RuleDeleted.class),
            EventType.of("rule", 1, Topics.RULES, RuleDisabled.class),
            EventType.of("rule", 1, Topics.RULES, RuleEnabled.class),
            EventType.of("rule", 1, Topics.RULES, RuleOccurrenceMoved.class),
            EventType.of("rule", 1, Topics.RULES, RuleOccurrenceCancelled.class),
            EventType.of("rule", 1, Topics.RULES, RuleMissedRunDecided.class),
            EventType.of("rule", 1, Topics.RULES, RuleEnded.class),
            EventType.of("rule", 1, Topics.RULES, RuleRunRequested.class),
            EventType.of("rule", 1, Topics.RULES, RuleChangeProposed.class),
            EventType.of("rule", 1, Topics.RULES, RuleChangeConfirmed.class),
            EventType.of("rule", 1, Topics.RULES, RuleChangeRejected.class),
            EventType.of("rule", 1, Topics.RULES, RuleReminderSet.class),
            EventType.of("rule", 1, Topics.RULES, RuleReminderRemoved.class),
            EventType.of("run", 1, Topics.RUNS, RunStarted.class),
            EventType.of("run", 1, Topics.RUNS, RunSucceeded.class),
            EventType.of("run", 1, Topics.RUNS, RunFailed.class),
            EventType.of("occurrence", 1, Topics.OCCURRENCES, OccurrenceMaterialized.class),
            EventType.of("occurrence", 1, Topics.OCCURRENCES, OccurrenceRetracted.class),
            EventType.of("occurrence", 1, Topics.OCCURRENCES, OccurrenceMissed.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictDetected.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictCleared.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictEscalated.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictResolved.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictDismissed.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, OccurrenceDue.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, DispatchMisfired.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, OccurrenceSkipped.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, OccurrenceBuffered.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, RunTimedOut.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, RetryScheduled.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, RetriesExhausted.class),
            EventType.of("dispatch", 1, Topics.DISPATCH, ReminderDue.class),
            EventType.of("notification", 1, Topics.NOTIFICATIONS, NotificationRaised.class),
            EventType.of("notification", 1, Topics.NOTIFICATION_PREFERENCES, NotificationPreferencesSet.class),
            EventType.of("notification", 1, Topics.NOTIFICATION_DELIVERIES, NotificationDeliveryRecorded.class),
            EventType.of("notification", 1, Topics.NOTIFICATION_POLICIES, CalendarNotificationPolicySet.class),
            EventType.of("audit", 1, Topics.AUDIT, CommandRefused.class),
            EventType.of("audit", 1, Topics.AUDIT, PlatformAdminActed.class),
            EventType.of("subscription", 1, Topics.CALENDAR_SUBSCRIPTIONS, CalendarSubscriptionIssued.class),
            EventType.of("subscription", 1, Topics.CALENDAR_SUBSCRIPTIONS, CalendarSubscriptionRevoked.class));

    /** The types a copy topic carries, by copy topic: a subset of the records of the one their {@link EventType#topic()} names. */
    private static final Map<String, List<Class<? extends AlmanacEvent>>> COPIED =
            Map.of(Topics.MISSED_RUNS, List.of(OccurrenceMaterialized.class, OccurrenceMissed.class));

    private static final Map<String, EventType> BY_CE_TYPE =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));
    private static final Map<String, TopicContract> BY_TOPIC =
            TOPICS.stream().collect(Collectors.toUnmodifiableMap(TopicContract::topic, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType> all() {
        return TYPES;
    }

    public static List<TopicContract> topics() {
        return TOPICS;
    }

    public static Optional<TopicContract> topic(String topic) {
        return Optional.ofNullable(BY_TOPIC.get(topic));
    }

    /** The types a record of this topic may be: those published on it, and those a copy topic carries. */
    public static List<EventType> onTopic(String topic) {
        return TYPES.stream().filter(type -> carries(topic, type)).toList();
    }

    /** Whether a record of this type may travel on this topic: its own, or a copy topic that carries the type. */
    public static boolean carries(String topic, EventType type) {
        return type.topic().equals(topic) || COPIED.getOrDefault(topic, List.of()).contains(type.javaType());
    }

    /**
     * The copy topic that also carries this event, if any: an occurrence record that no reader can compute from the rules
     * topic is written to {@link Topics#MISSED_RUNS} as well as to {@link Topics#OCCURRENCES}.
     */
    public static Optional<String> copyTopicOf(AlmanacEvent event) {
        return event instanceof OccurrenceEvent occurrence && !occurrence.derivableFromRules()
                ? Optional.of(Topics.MISSED_RUNS) : Optional.empty();
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    public static EventType of(Class<? extends AlmanacEvent> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not in the event catalogue");
        }
        return type;
    }

    public static EventType of(AlmanacEvent event) {
        return of(event.getClass());
    }
}
