package dev.almanac.conflicts.intake;

import java.util.ArrayList;
import java.util.List;

import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * conflict-detector's decision for every event type of {@code almanac.rules.v1}: every event that changes what a rule
 * occurs is folded into the rule's timeline on each calendar and resource it names (ADR 0069), and a change request
 * is left alone until its rule's own update says what changed.
 */
public final class RuleRouter implements RuleEvent.Handler<Decision<RuleRouter.Intake>> {

    private final EventDecider<Intake> decider = EventDecider.of("conflict-detector/rules", this);

    /**
     * A rule event to fold.
     *
     * @param named the calendars and resources the event names (a creation's or an update's), which the rule's events
     *              reach from then on; empty for the rest
     * @param cause what happened, for the reasons of the clearances it causes
     */
    public record Intake(RuleId ruleId, List<RuleScope> named, String cause) {

        public Intake {
            named = List.copyOf(named);
        }
    }

    public EventDecider<Intake> decider() {
        return decider;
    }

    /**
     * @throws PoisonMessageException when the event is not of the rules topic
     */
    public Decision<Intake> decide(ReceivedEvent received) {
        return decider.decide(received);
    }

    @Override
    public Decision<Intake> on(RuleCreated created, EventMetadata envelope) {
        return fold(created.ruleId(), named(created.calendarId(), created.resources()), "was created");
    }

    @Override
    public Decision<Intake> on(RuleUpdated updated, EventMetadata envelope) {
        return fold(updated.ruleId(), named(updated.calendarId(), updated.resources()), "was updated");
    }

    @Override
    public Decision<Intake> on(RulePaused paused, EventMetadata envelope) {
        return fold(paused.ruleId(), List.of(), "was paused");
    }

    @Override
    public Decision<Intake> on(RuleResumed resumed, EventMetadata envelope) {
        return fold(resumed.ruleId(), List.of(), "was resumed");
    }

    @Override
    public Decision<Intake> on(RuleDisabled disabled, EventMetadata envelope) {
        return fold(disabled.ruleId(), List.of(), "was disabled");
    }

    @Override
    public Decision<Intake> on(RuleEnabled enabled, EventMetadata envelope) {
        return fold(enabled.ruleId(), List.of(), "was enabled");
    }

    @Override
    public Decision<Intake> on(RuleDeleted deleted, EventMetadata envelope) {
        return fold(deleted.ruleId(), List.of(), "was deleted");
    }

    @Override
    public Decision<Intake> on(RuleOccurrenceMoved moved, EventMetadata envelope) {
        return fold(moved.ruleId(), List.of(), "had its occurrence of " + moved.recurrenceId() + " moved");
    }

    @Override
    public Decision<Intake> on(RuleOccurrenceCancelled cancelled, EventMetadata envelope) {
        return fold(cancelled.ruleId(), List.of(), "had its occurrence of " + cancelled.recurrenceId() + " cancelled");
    }

    @Override
    public Decision<Intake> on(RuleEnded ended, EventMetadata envelope) {
        return fold(ended.ruleId(), List.of(), "was ended");
    }

    @Override
    public Decision<Intake> on(RuleMissedRunDecided decided, EventMetadata envelope) {
        return fold(decided.ruleId(), List.of(), "had its missed run of " + decided.recurrenceId() + " decided");
    }

    @Override
    public Decision<Intake> on(RuleRunRequested requested, EventMetadata envelope) {
        return Decision.ignore("a run asked for at once is the dispatcher's; it books nothing on the calendar");
    }

    @Override
    public Decision<Intake> on(RuleChangeProposed proposed, EventMetadata envelope) {
        return Decision.ignore("a proposed change moves nothing until it is confirmed and the rule's update says what changed");
    }

    @Override
    public Decision<Intake> on(RuleChangeConfirmed confirmed, EventMetadata envelope) {
        return Decision.ignore("a confirmed change arrives as the rule's own update, which is folded");
    }

    @Override
    public Decision<Intake> on(RuleChangeRejected rejected, EventMetadata envelope) {
        return Decision.ignore("a rejected change moves nothing");
    }

    @Override
    public Decision<Intake> on(RuleReminderSet set, EventMetadata envelope) {
        return Decision.ignore("a reminder books nothing on the calendar");
    }

    @Override
    public Decision<Intake> on(RuleReminderRemoved removed, EventMetadata envelope) {
        return Decision.ignore("a reminder books nothing on the calendar");
    }

    private static Decision<Intake> fold(RuleId ruleId, List<RuleScope> named, String what) {
        return Decision.handle(new Intake(ruleId, named, "rule " + ruleId + " " + what));
    }

    private static List<RuleScope> named(CalendarId calendarId, List<ResourceBooking> resources) {
        List<RuleScope> named = new ArrayList<>();
        named.add(RuleScope.of(calendarId));
        resources.forEach(booking -> named.add(RuleScope.of(booking.resourceId())));
        return named;
    }
}
