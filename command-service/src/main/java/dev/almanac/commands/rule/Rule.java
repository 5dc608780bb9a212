package dev.almanac.commands.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.recurrence.CronExpression;
import dev.almanac.recurrence.InvalidCronException;

/** A recurring rule. Its occurrences are materialised by rule-expander from the events. */
@Aggregate
public class Rule {

    @AggregateIdentifier
    private String storeId;

    protected Rule() {
        // For Axon, which rebuilds the rule from its events.
    }

    @CommandHandler
    public Rule(CreateRule command, Calendars calendars) {
        try {
            CronExpression.parse(command.cron());
        } catch (InvalidCronException e) {
            throw CommandRejectedException.invalid("cron", "cron_syntax", e.getMessage());
        }
        if (calendars.find(command.calendarId()).isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "queue", "exists",
                    "queue " + command.calendarId() + " names no calendar; a rule's queue is the calendar its occurrences land on");
        }
        apply(command.toEvent());
    }

    @EventSourcingHandler
    void on(RuleCreated created) {
        storeId = StoreIds.rule(created.ruleId());
    }
}
