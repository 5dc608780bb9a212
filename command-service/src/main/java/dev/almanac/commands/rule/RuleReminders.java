package dev.almanac.commands.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.ReminderId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.identity.Caller;

/**
 * The reminders set on a {@link Rule} (seed 004, ADR 0079), a member of the rule's aggregate, in its event stream. A user
 * may set one for themselves with any role on the rule's queue; one for another user needs the scheduler role. The
 * dispatcher sends it before each occurrence, and a change of the rule moves it with the occurrences.
 */
class RuleReminders {

    /** The most reminders one rule may have. */
    static final int MAX_REMINDERS = 50;

    private final Rule rule;
    private final Map<ReminderId, RuleReminderSet> reminders = new HashMap<>();

    RuleReminders(Rule rule) {
        this.rule = rule;
    }

    @CommandHandler
    RuleReminderChanged handle(SetRuleReminder command, Caller caller, Calendars calendars) {
        rule.lifecycle().rejectIfDeleted("take reminders");
        requireRight(caller, command.userId().equals(caller.id()), calendars);
        RuleReminderSet set = new RuleReminderSet(rule.ruleId(), command.reminderId(), command.userId(), command.minutesBefore(),
                command.timezone() == null ? rule.definition().timezone() : command.timezone());
        RuleReminderSet existing = reminders.get(command.reminderId());
        if (set.equals(existing)) {
            return changed(set, false);
        }
        if (existing == null && reminders.size() >= MAX_REMINDERS) {
            throw new CommandRejectedException(Reason.CONFLICT, "id", "max_reminders", "rule " + rule.ruleId() + " already has "
                    + reminders.size() + " reminders, the most a rule may have; remove one first");
        }
        apply(set);
        return changed(set, true);
    }

    @CommandHandler
    RuleReminderChanged handle(RemoveRuleReminder command, Caller caller, Calendars calendars) {
        RuleReminderSet existing = reminders.get(command.reminderId());
        if (existing == null) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "reminderId", "exists",
                    "rule " + rule.ruleId() + " has no reminder " + command.reminderId());
        }
        requireRight(caller, existing.userId().equals(caller.id()), calendars);
        apply(new RuleReminderRemoved(rule.ruleId(), existing.reminderId(), existing.userId()));
        return changed(existing, true);
    }

    private void requireRight(Caller caller, boolean ownReminder, Calendars calendars) {
        CalendarTerms queue = calendars.find(rule.definition().calendarId()).orElseThrow(() -> new IllegalStateException("rule "
                + rule.ruleId() + " is on queue " + rule.definition().calendarId() + ", which has no events"));
        if (ownReminder) {
            queue.require(caller, CalendarRole.VIEWER, "id");
        } else {
            queue.require(caller, CalendarRole.SCHEDULER, "user");
        }
    }

    @EventSourcingHandler
    void on(RuleReminderSet set) {
        reminders.put(set.reminderId(), set);
    }

    @EventSourcingHandler
    void on(RuleReminderRemoved removed) {
        reminders.remove(removed.reminderId());
    }

    private RuleReminderChanged changed(RuleReminderSet set, boolean changed) {
        return new RuleReminderChanged(set.userId(), set.minutesBefore(), set.timezone(), changed, rule.version());
    }
}
