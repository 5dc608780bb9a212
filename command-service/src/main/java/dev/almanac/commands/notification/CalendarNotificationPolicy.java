package dev.almanac.commands.notification;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.problem.ProblemException;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One calendar's notification policy, a stream of its own beside the calendar's (ADR 0078): set whole by a PUT of one
 * of its managers, created by the first; the same policy again changes nothing.
 */
@Aggregate
public class CalendarNotificationPolicy {

    @AggregateIdentifier
    private @Nullable String storeId;
    private @Nullable CalendarNotificationPolicySet current;
    private long version = -1;

    protected CalendarNotificationPolicy() {
        // For Axon, which rebuilds the policy from its events, and creates it on the first PUT.
    }

    /** @return the policy's version after the command */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetCalendarNotificationPolicy command, Caller caller, Calendars calendars) {
        CalendarNotificationPolicySet asked = command.policy();
        calendars.find(asked.calendarId())
                .orElseThrow(() -> ProblemException.notFound("id", "no calendar " + asked.calendarId().value()))
                .require(caller, CalendarRole.MANAGER, "id", "role", "setting the calendar's notification policy");
        // Axon checks no version on an aggregate it may create (loadOrCreate), so If-Match is checked here.
        Long expected = command.expectedVersion();
        if (expected != null && expected != version) {
            throw new ConflictingAggregateVersionException(command.storeId(), expected, version);
        }
        if (current == null || !current.suppress().equals(asked.suppress())) {
            apply(asked);
        }
        return version;
    }

    @EventSourcingHandler
    void on(CalendarNotificationPolicySet set, DomainEventMessage<?> message) {
        storeId = StoreIds.notificationPolicy(set.calendarId());
        current = set;
        version = message.getSequenceNumber();
    }
}
