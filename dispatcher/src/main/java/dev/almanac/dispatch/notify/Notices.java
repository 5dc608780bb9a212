package dev.almanac.dispatch.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationAction;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationLink;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.NotificationSource;
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
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.consumer.Decision;

/**
 * The notifier's decision on every type of the topics it reads: who each fact concerns, and what it tells them. A
 * fact's work reads and updates the partition's {@link Directory} and returns the notifications, one per recipient,
 * each with an id derived from the fact's event id and the recipient. Pure: the same fact over the same directory
 * gives the same notifications.
 *
 * <p>A fact older than {@code maxAge} by the clock when it is read raises nothing, though it still updates the directory:
 * a notifier that starts on a stack with history (its first start, or a reset) learns who is who from every fact, and
 * tells nobody of last month's failures.
 *
 * <p>Recipients: a calendar's managers (its staff owner and the users granted manager); a rule's creator and its
 * metadata's owner, where either is a user id; an item's scheduler (the actor of its {@code ItemScheduled}); the user a
 * person escalated a conflict to. The proposer of a change is not told of their own proposal.
 */
final class Notices implements CalendarEvent.Handler<Decision<Notices.Work>>, RuleEvent.Handler<Decision<Notices.Work>>,
        RunEvent.Handler<Decision<Notices.Work>>, OccurrenceEvent.Handler<Decision<Notices.Work>>,
        ConflictEvent.Handler<Decision<Notices.Work>>, DispatchEvent.Handler<Decision<Notices.Work>> {

    static final String API = "/api/v1";

    /** One fact's effect: the directory changes it makes, and the notifications it raises. */
    @FunctionalInterface
    interface Work {

        List<NotificationRaised> apply(Directory directory);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);
    private static final String ALONE = "tells nobody anything a notification is for";

    private final Clock clock;
    private final Duration maxAge;
    private final boolean multiTenant;

    Notices(Clock clock, Duration maxAge) {
        this(clock, maxAge, false);
    }

    /**
     * @param multiTenant whether ids begin with their tenant (ADR 0102): then a notification reaches only recipients of the
     *                    tenant of its calendar (or, without one, of the fact's subject). Grants across tenants are refused
     *                    when made, but an escalation's target and the names an item's metadata gives are free text, and a
     *                    notification tells of what its recipient would otherwise be told does not exist.
     */
    Notices(Clock clock, Duration maxAge, boolean multiTenant) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.multiTenant = multiTenant;
    }

    // Calendars: who manages them.

    @Override
    public Decision<Work> on(CalendarCreated event, EventMetadata envelope) {
        return described(event.calendarId().value(), event.owner(), event.name(), event.timezone());
    }

    @Override
    public Decision<Work> on(CalendarUpdated event, EventMetadata envelope) {
        return described(event.calendarId().value(), event.owner(), event.name(), event.timezone());
    }

    @Override
    public Decision<Work> on(CalendarDeleted event, EventMetadata envelope) {
        return Decision.ignore("only an empty calendar is deleted (ADR 0084): nothing on it is left to tell anyone about");
    }

    @Override
    public Decision<Work> on(CalendarDeactivated event, EventMetadata envelope) {
        return Decision.ignore("a deactivated calendar keeps its managers, who still hear of what it holds");
    }

    @Override
    public Decision<Work> on(CalendarAccessGranted event, EventMetadata envelope) {
        String calendar = event.calendarId().value();
        return update(directory -> directory.calendar(calendar, directory.calendar(calendar).granted(event.userId(), event.role())));
    }

    @Override
    public Decision<Work> on(CalendarAccessRevoked event, EventMetadata envelope) {
        String calendar = event.calendarId().value();
        return update(directory -> directory.calendar(calendar, directory.calendar(calendar).revoked(event.userId())));
    }

    @Override
    public Decision<Work> on(ResourceCreated event, EventMetadata envelope) {
        return Decision.ignore("a resource's conflicts name their calendar, whose managers are told");
    }

    @Override
    public Decision<Work> on(ResourceMarkedUnavailable event, EventMetadata envelope) {
        return Decision.ignore("a booking it breaks is a conflict, which is told");
    }

    @Override
    public Decision<Work> on(ResourceMarkedAvailable event, EventMetadata envelope) {
        return Decision.ignore("nothing is wrong");
    }

    private static Decision<Work> described(String calendarId, @Nullable CalendarOwner owner, String name, ZoneId zone) {
        String staff = owner != null && owner.type() == OwnerType.STAFF ? owner.id() : null;
        String named = owner == null ? null : owner.id();
        return update(directory -> directory.calendar(calendarId, directory.calendar(calendarId).described(staff, named, name, zone)));
    }

    /** An instant on the calendar's wall clock: {@code Thu 3 Dec 2026 14:30 America/New_York}. */
    static String at(Instant instant, CalendarContact calendar) {
        ZoneId zone = calendar.zoneId();
        return LOCAL_DATE_TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }

    /** A span on the calendar's wall clock, its end's date said only when it differs: {@code Thu 3 Dec 2026 14:30–15:00 America/New_York}. */
    static String span(Instant start, Instant end, CalendarContact calendar) {
        ZoneId zone = calendar.zoneId();
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String until = from.toLocalDate().equals(to.toLocalDate()) ? CLOCK.format(to) : LOCAL_DATE_TIME.format(to);
        return LOCAL_DATE_TIME.format(from) + "–" + until + " " + zone.getId();
    }

    /** {@code venue_conflict} as a person writes it: {@code venue conflict}. */
    private static String words(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Decision<Work> update(java.util.function.Consumer<Directory> change) {
        return Decision.handle(directory -> {
            change.accept(directory);
            return List.of();
        });
    }

    // Rules: their contacts come routed from RuleContacts, and so do their change proposals.

    @Override
    public Decision<Work> on(RuleCreated event, EventMetadata envelope) {
        return Decision.ignore("its contact comes routed by RuleContacts");
    }

    @Override
    public Decision<Work> on(RuleUpdated event, EventMetadata envelope) {
        return Decision.ignore("its contact comes routed by RuleContacts");
    }

    @Override
    public Decision<Work> on(RulePaused event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleResumed event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleDisabled event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleEnabled event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleDeleted event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleOccurrenceMoved event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleOccurrenceCancelled event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleEnded event, EventMetadata envelope) {
        return Decision.ignore("an operator's own decision " + ALONE);
    }

    @Override
    public Decision<Work> on(RuleMissedRunDecided event, EventMetadata envelope) {
        return Decision.ignore("the decision on a missed run answers its notification; it raises none");
    }

    @Override
    public Decision<Work> on(RuleRunRequested event, EventMetadata envelope) {
        return Decision.ignore("a run asked for at once is watched by who asked; its failure is told");
    }

    @Override
    public Decision<Work> on(RuleChangeProposed event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            RuleContact rule = directory.rule(event.ruleId().value());
            if (rule == null) {
                return List.of();
            }
            Set<UserId> managers = directory.calendar(rule.calendarId()).managers();
            Set<UserId> recipients = new LinkedHashSet<>(rule.people());
            recipients.addAll(managers);
            recipients.remove(proposer(envelope));
            String request = API + "/schedules/rules/" + rule.ruleId() + "/change-requests/" + event.changeRequestId().value();
            List<NotificationRaised> raised = new ArrayList<>();
            byWhatTheyRead(recipients, recipient -> rule.nameFor(recipient, managers)).forEach((name, readers) ->
                    raised.addAll(raise(readers, envelope, NotificationKind.RULE_CHANGE_PROPOSED, NotificationCategory.NORMAL,
                            "Change proposed: " + name,
                            envelope.actor() + " proposes to change rule " + name + ": " + event.description()
                                    + ". Confirm it or reject it before " + event.expiresAt() + "; until then nothing changes.",
                            rule.ownerOrCreator(), rule.calendarId(),
                            List.of(new NotificationLink("change_request", request), ruleLink(rule.ruleId()), calendarLink(rule.calendarId())),
                            List.of(new NotificationAction("confirm", "POST", request + "/confirm", Map.of()),
                                    new NotificationAction("reject", "POST", request + "/reject", Map.of())))));
            return raised;
        });
    }

    @Override
    public Decision<Work> on(RuleChangeConfirmed event, EventMetadata envelope) {
        return Decision.ignore("the decision answers the proposal's notification; it raises none");
    }

    @Override
    public Decision<Work> on(RuleChangeRejected event, EventMetadata envelope) {
        return Decision.ignore("the decision answers the proposal's notification; it raises none");
    }

    @Override
    public Decision<Work> on(RuleReminderSet event, EventMetadata envelope) {
        return Decision.ignore("a reminder is told when it falls due (ReminderDue)");
    }

    @Override
    public Decision<Work> on(RuleReminderRemoved event, EventMetadata envelope) {
        return Decision.ignore("a removed reminder tells nobody");
    }

    // Runs.

    @Override
    public Decision<Work> on(RunStarted event, EventMetadata envelope) {
        return Decision.ignore("a run going as planned " + ALONE);
    }

    @Override
    public Decision<Work> on(RunSucceeded event, EventMetadata envelope) {
        return Decision.ignore("a run going as planned " + ALONE);
    }

    /**
     * A failed attempt of an item tells its scheduler and the calendar's managers; of a rule occurrence, the managers
     * (the report names the occurrence, not its rule; the rule's owner hears when the attempt times out or retries run out).
     */
    @Override
    public Decision<Work> on(RunFailed event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String calendar = event.calendarId().value();
            CalendarContact contact = directory.calendar(calendar);
            Set<UserId> recipients = new LinkedHashSet<>();
            String owner = contact.owner();
            List<NotificationLink> links = new ArrayList<>();
            if (event.entryKind() == EntryKind.ITEM) {
                String scheduler = directory.itemScheduler(event.entryId());
                Recipients.addIfUser(recipients, scheduler);
                owner = scheduler != null ? scheduler : owner;
                links.add(new NotificationLink("item", API + "/schedules/" + event.entryId()));
            }
            recipients.addAll(contact.managers());
            links.add(calendarLink(calendar));
            return raise(recipients, envelope, NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL,
                    "Run failed: " + event.entryKind().name().toLowerCase(Locale.ROOT) + " " + event.entryId(),
                    "Attempt " + event.attempt() + " of " + event.entryKind().name().toLowerCase(Locale.ROOT) + " " + event.entryId()
                            + " on " + contact.label(calendar) + " failed at " + at(event.finishedAt(), contact)
                            + (event.message() == null ? "." : ": " + event.message()),
                    owner, calendar, links, List.of());
        });
    }

    // Occurrences (their missed runs come on almanac.missed-runs.v1).

    @Override
    public Decision<Work> on(OccurrenceMaterialized event, EventMetadata envelope) {
        return Decision.ignore("an occurrence in series or a backfill run " + ALONE);
    }

    @Override
    public Decision<Work> on(OccurrenceRetracted event, EventMetadata envelope) {
        return Decision.ignore("a retraction follows a rule change someone made");
    }

    /** The rule's people and the calendar's managers; with the three decisions as actions unless a catch-up run started. */
    @Override
    public Decision<Work> on(OccurrenceMissed event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String calendar = event.calendarId().value();
            String ruleId = event.ruleId().value();
            RuleContact rule = directory.rule(ruleId);
            Set<UserId> recipients = new LinkedHashSet<>(rule == null ? Set.of() : rule.people());
            CalendarContact contact = directory.calendar(calendar);
            Set<UserId> managers = contact.managers();
            recipients.addAll(managers);
            String path = API + "/schedules/rules/" + ruleId + "/occurrences/" + event.occurrenceId().value() + "/missed";
            List<NotificationAction> actions = event.catchUpRun() != null ? List.of()
                    : List.of(new NotificationAction("approve_and_run", "POST", path, Map.of("action", "approve_backfill_run")),
                    new NotificationAction("reschedule", "POST", path, Map.of("action", "reschedule")),
                    new NotificationAction("delete", "POST", path, Map.of("action", "delete_missed")));
            List<NotificationRaised> raised = new ArrayList<>();
            byWhatTheyRead(recipients, recipient -> rule == null ? ruleId : rule.nameFor(recipient, managers)).forEach((name, readers) -> {
                String summary = "The run of rule " + name + " due at " + at(event.start(), contact) + " on " + contact.label(calendar)
                        + " was not reported by " + at(event.detectedAt(), contact) + " (" + words(event.reasonOrDefault()) + ")."
                        + (event.catchUpRun() != null ? " Its catch-up policy started run " + event.catchUpRun().value() + "."
                        : " Approve and run it, reschedule it or delete it.");
                raised.addAll(raise(readers, envelope, NotificationKind.RUN_MISSED, NotificationCategory.CRITICAL, "Missed run: " + name,
                        summary, rule == null ? null : rule.ownerOrCreator(), calendar,
                        List.of(ruleLink(ruleId), calendarLink(calendar)), actions));
            });
            return raised;
        });
    }

    // Conflicts: told once each time one opens, and when escalated.

    /**
     * The calendar's managers and the scheduler of each item in it. Each reads the entries by their titles, but a private
     * item (ADR 0096) by its id alone unless they are a manager or its scheduler, and an occurrence of a private rule unless
     * they are a manager or the rule's creator: those who read it in the conflict's reads as a busy block read no more of it
     * here.
     */
    @Override
    public Decision<Work> on(ConflictDetected event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String conflict = event.conflictId().value();
            if (directory.conflictOpen(conflict)) {
                return List.of();
            }
            directory.conflictOpen(conflict, true);
            String calendar = event.calendarId().value();
            CalendarContact contact = directory.calendar(calendar);
            Set<UserId> managers = contact.managers();
            Set<UserId> recipients = new LinkedHashSet<>(managers);
            for (ConflictingEntry entry : event.entries()) {
                if (entry.kind() == ConflictEntryKind.ITEM) {
                    Recipients.addIfUser(recipients, directory.itemScheduler(entry.entryId()));
                }
            }
            boolean orphan = event.type() == ConflictType.ORPHANED_LINK;
            String what = words(event.type());
            String where = contact.label(calendar);
            List<NotificationRaised> raised = new ArrayList<>();
            byWhatTheyRead(recipients, recipient -> event.entries().stream().map(entry -> label(entry, recipient, managers, directory)).toList())
                    .forEach((entries, readers) -> {
                String summary = orphan
                        ? "The follower of a linked pair on " + where + " no longer moves with its primary: " + String.join(" and ", entries) + "."
                        : "A " + words(event.level()) + " " + what + " on " + where + ", " + span(event.start(), event.end(), contact) + ": "
                        + event.peakConcurrency() + " entries at once where " + event.capacity() + (event.capacity() == 1 ? " fits" : " fit")
                        + " (" + String.join(", ", entries) + ").";
                String title = orphan ? "Orphaned link on " + where
                        : Character.toUpperCase(what.charAt(0)) + what.substring(1) + " on " + where + ": " + String.join(" and ", entries);
                raised.addAll(raise(readers, envelope, orphan ? NotificationKind.ORPHANED_LINK : NotificationKind.CONFLICT_DETECTED,
                        category(event), title, summary,
                        contact.owner(), calendar, List.of(conflictLink(conflict), calendarLink(calendar)), List.of()));
            });
            return raised;
        });
    }

    /** How {@code recipient} reads {@code entry} of a conflict: by its title, or by its id where that is all they may read. */
    private static String label(ConflictingEntry entry, UserId recipient, Set<UserId> managers, Directory directory) {
        if (entry.title().isEmpty()) {
            return entry.entryId();
        }
        if (entry.kind() == ConflictEntryKind.ITEM) {
            ItemContact item = directory.item(entry.entryId());
            if (item != null && !item.titleReadBy(recipient, directory.itemScheduler(entry.entryId()), managers)) {
                return entry.entryId();
            }
        }
        if (entry.kind() == ConflictEntryKind.OCCURRENCE && entry.ruleId() != null) {
            RuleContact rule = directory.rule(entry.ruleId());
            if (rule != null && !rule.nameReadBy(recipient, managers)) {
                return entry.entryId();
            }
        }
        return entry.title();
    }

    @Override
    public Decision<Work> on(ConflictCleared event, EventMetadata envelope) {
        return closed(event.conflictId().value());
    }

    @Override
    public Decision<Work> on(ConflictResolved event, EventMetadata envelope) {
        return closed(event.conflictId().value());
    }

    @Override
    public Decision<Work> on(ConflictDismissed event, EventMetadata envelope) {
        return closed(event.conflictId().value());
    }

    /** The calendar's managers, and the user a person escalated it to; as critical (SCH-015). */
    @Override
    public Decision<Work> on(ConflictEscalated event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String calendar = event.calendarId().value();
            CalendarContact contact = directory.calendar(calendar);
            Set<UserId> recipients = new LinkedHashSet<>();
            if (!event.automatic()) {
                // A person named whom it goes to; an automatic one goes to almanac.conflicts.escalation.escalate-to, a
                // group such as "managers", whom the managers below are.
                Recipients.addIfUser(recipients, event.escalatedTo());
            }
            recipients.addAll(contact.managers());
            return raise(recipients, envelope, NotificationKind.CONFLICT_ESCALATED, NotificationCategory.CRITICAL,
                    "Conflict escalated to " + event.escalatedTo(),
                    (event.automatic() ? "Unresolved for 24 hours, a conflict on " + contact.label(calendar) + " was escalated"
                            : event.escalatedBy() + " escalated a conflict on " + contact.label(calendar))
                            + " to " + event.escalatedTo() + ": " + event.reason(),
                    contact.owner(), calendar, List.of(conflictLink(event.conflictId().value()), calendarLink(calendar)), List.of());
        });
    }

    private static Decision<Work> closed(String conflictId) {
        return update(directory -> directory.conflictOpen(conflictId, false));
    }

    private static NotificationCategory category(ConflictDetected event) {
        if (event.type() == ConflictType.CAPACITY_WARNING || event.level() == ConflictLevel.MINOR) {
            return NotificationCategory.LOW;
        }
        if (event.type() == ConflictType.ORPHANED_LINK || event.level() == ConflictLevel.MODERATE) {
            return NotificationCategory.NORMAL;
        }
        return NotificationCategory.CRITICAL;
    }

    // The dispatcher's own decisions.

    @Override
    public Decision<Work> on(OccurrenceDue event, EventMetadata envelope) {
        return Decision.ignore("a dispatch going as planned " + ALONE);
    }

    @Override
    public Decision<Work> on(DispatchMisfired event, EventMetadata envelope) {
        return Decision.ignore("each occurrence it did not dispatch is missed, and that is told");
    }

    @Override
    public Decision<Work> on(OccurrenceSkipped event, EventMetadata envelope) {
        return Decision.ignore("skipping beyond max_concurrent is the rule's own option, as configured");
    }

    @Override
    public Decision<Work> on(OccurrenceBuffered event, EventMetadata envelope) {
        return Decision.ignore("buffering beyond max_concurrent is the rule's own option, as configured");
    }

    /** The rule's people and the calendar's managers, as critical: the attempt's end was never reported. */
    @Override
    public Decision<Work> on(RunTimedOut event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String calendar = event.calendarId().value();
            String ruleId = event.ruleId().value();
            RuleContact rule = directory.rule(ruleId);
            Set<UserId> managers = directory.calendar(calendar).managers();
            Set<UserId> recipients = new LinkedHashSet<>(rule == null ? Set.of() : rule.people());
            recipients.addAll(managers);
            List<NotificationRaised> raised = new ArrayList<>();
            byWhatTheyRead(recipients, recipient -> rule == null ? ruleId : rule.nameFor(recipient, managers)).forEach((name, readers) ->
                    raised.addAll(raise(readers, envelope, NotificationKind.RUN_TIMED_OUT, NotificationCategory.CRITICAL, "Run timed out: " + name,
                            "Attempt " + event.attempt() + " of rule " + name + "'s occurrence " + event.occurrenceId().value()
                                    + ", dispatched at " + event.dispatchedAt() + ", reported no end by " + event.timeoutAt()
                                    + "; its retry policy decides what follows.",
                            rule == null ? null : rule.ownerOrCreator(), calendar, List.of(ruleLink(ruleId), calendarLink(calendar)), List.of())));
            return raised;
        });
    }

    @Override
    public Decision<Work> on(RetryScheduled event, EventMetadata envelope) {
        return Decision.ignore("the failure or time-out before it was told");
    }

    @Override
    public Decision<Work> on(RetriesExhausted event, EventMetadata envelope) {
        return Decision.ignore("the last attempt's failure or time-out was told");
    }

    /**
     * Its user alone, as normal (seed 004, ADR 0079): "Shift starts in 30 minutes at 09:00 America/New_York", the start shown
     * in the zone the reminder was set with.
     */
    @Override
    public Decision<Work> on(ReminderDue event, EventMetadata envelope) {
        return Decision.handle(directory -> {
            String calendar = event.calendarId().value();
            ZonedDateTime local = event.start().atZone(event.timezone());
            String in = ReminderWords.lead(event.minutesBefore());
            String named = reminded(event, directory);
            String title = named + " starts " + in + " at " + CLOCK.format(local) + " " + event.timezone().getId();
            String summary = named + " on " + directory.calendar(calendar).label(calendar) + " starts at " + LOCAL_DATE_TIME.format(local) + " "
                    + event.timezone().getId() + " (" + event.start() + "); you asked to be reminded " + in.replace("in ", "") + " before.";
            List<NotificationLink> links = new ArrayList<>();
            if (event.itemId() != null) {
                links.add(itemLink(event.itemId().value()));
            }
            if (event.ruleId() != null) {
                links.add(ruleLink(event.ruleId().value()));
            }
            links.add(calendarLink(calendar));
            return raise(new LinkedHashSet<>(List.of(event.userId())), envelope, NotificationKind.REMINDER, NotificationCategory.NORMAL,
                    title, summary, event.userId().value(), calendar, links, List.of());
        });
    }

    // Items: a move made with notify (ADR 0079).

    /**
     * The item's scheduler and the users named on it, not the person who moved it; normal. A move carried along by another
     * item's says so. Called only for a move made with {@code notify}. A private item (ADR 0096) is named by its title only
     * to its scheduler and the calendar's managers; the others named on it read its id.
     */
    Work rescheduled(ItemRescheduled event, EventMetadata envelope) {
        return directory -> {
            String itemId = event.itemId().value();
            String calendar = event.calendarId().value();
            String scheduler = directory.itemScheduler(itemId);
            ItemContact item = directory.item(itemId);
            Set<UserId> recipients = new LinkedHashSet<>();
            Recipients.addIfUser(recipients, scheduler);
            if (item != null) {
                recipients.addAll(item.named());
            }
            recipients.remove(proposer(envelope));
            CalendarContact contact = directory.calendar(calendar);
            Set<UserId> managers = contact.managers();
            List<NotificationRaised> raised = new ArrayList<>();
            byWhatTheyRead(recipients, recipient -> item == null || !item.titleReadBy(recipient, scheduler, managers) ? itemId : item.title())
                    .forEach((title, readers) -> {
                String summary = envelope.actor() + " moved " + title + " on " + contact.label(calendar) + " from " + at(event.previousStart(), contact)
                        + " to " + span(event.start(), event.end(), contact)
                        + (event.alongWith() == null ? "" : ", along with item " + event.alongWith().value())
                        + (event.reason() == null ? "." : ": " + event.reason());
                raised.addAll(raise(readers, envelope, NotificationKind.ITEM_RESCHEDULED, NotificationCategory.NORMAL, "Moved: " + title,
                        summary, scheduler, calendar, List.of(itemLink(itemId), calendarLink(calendar)), List.of()));
            });
            return raised;
        };
    }

    /**
     * What a reminder calls its entry for its user: the title it was set with, or the entry's id where the entry is private
     * now and its user is neither its owner nor a manager of its calendar (ADR 0096).
     */
    private static String reminded(ReminderDue event, Directory directory) {
        Set<UserId> managers = directory.calendar(event.calendarId().value()).managers();
        if (event.itemId() != null) {
            String itemId = event.itemId().value();
            ItemContact item = directory.item(itemId);
            return item == null || item.titleReadBy(event.userId(), directory.itemScheduler(itemId), managers) ? event.title() : itemId;
        }
        if (event.ruleId() != null) {
            RuleContact rule = directory.rule(event.ruleId().value());
            return rule == null || rule.nameReadBy(event.userId(), managers) ? event.title() : rule.ruleId();
        }
        return event.title();
    }

    /**
     * {@code recipients} grouped by what each may read of a notification's subject (ADR 0096), in their order, so that one
     * notification is written per group: a private entry's title for its owner and the managers, its id for the others.
     */
    private static <K> Map<K, Set<UserId>> byWhatTheyRead(Set<UserId> recipients, Function<UserId, K> reads) {
        Map<K, Set<UserId>> groups = new LinkedHashMap<>();
        recipients.forEach(recipient -> groups.computeIfAbsent(reads.apply(recipient), read -> new LinkedHashSet<>()).add(recipient));
        return groups;
    }

    private static NotificationLink itemLink(String itemId) {
        return new NotificationLink("item", API + "/schedules/" + itemId);
    }

    private static @Nullable UserId proposer(EventMetadata envelope) {
        return UserId.VALID.matcher(envelope.actor()).matches() ? UserId.of(envelope.actor()) : null;
    }

    private List<NotificationRaised> raise(Set<UserId> recipients, EventMetadata fact, NotificationKind kind,
                                                  NotificationCategory category, String title, String summary, @Nullable String owner,
                                                  @Nullable String calendarId, List<NotificationLink> links,
                                                  List<NotificationAction> actions) {
        if (fact.time().isBefore(clock.instant().minus(maxAge))) {
            return List.of();
        }
        NotificationSource source = new NotificationSource(fact.type(), fact.id(), fact.source(), fact.subject());
        String scope = calendarId != null ? calendarId : fact.subject();
        return recipients.stream()
                .filter(recipient -> ofTheTenantOf(scope, recipient))
                .map(recipient -> new NotificationRaised(NotificationId.of(fact.id(), recipient), recipient, kind, category, title,
                        summary, source, owner, calendarId == null ? null : dev.almanac.events.calendar.CalendarId.of(calendarId),
                        links, actions, fact.time()))
                .toList();
    }

    /** Always in a single-tenant deployment; else whether the recipient's id begins with the tenant {@code scope} begins with. */
    private boolean ofTheTenantOf(String scope, UserId recipient) {
        return !multiTenant || Tenant.ofId(scope).filter(tenant -> tenant.owns(recipient.value())).isPresent();
    }

    private static NotificationLink ruleLink(String ruleId) {
        return new NotificationLink("rule", API + "/schedules/rules/" + ruleId);
    }

    private static NotificationLink calendarLink(String calendarId) {
        return new NotificationLink("calendar", API + "/calendars/" + calendarId);
    }

    private static NotificationLink conflictLink(String conflictId) {
        return new NotificationLink("conflict", API + "/conflicts/" + conflictId);
    }
}
