package dev.almanac.commands.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.platform.identity.Caller;

/**
 * One secret feed URL of a calendar for one user (ADR 0082): issued to a caller who may read the calendar, revoked for
 * good by that user or an admin. A second revocation changes nothing.
 */
@Aggregate
public class CalendarSubscription {

    @AggregateIdentifier
    private @Nullable String storeId;
    private @Nullable CalendarId calendarId;
    private @Nullable UserId userId;
    private @Nullable String tokenHash;
    private boolean revoked;

    protected CalendarSubscription() {
        // For Axon, which rebuilds the subscription from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(IssueCalendarSubscription command, Caller caller, Calendars calendars, Clock clock) {
        // An unknown calendar is answered as a hidden one is, word for word (ADR 0086).
        CalendarTerms calendar = calendars.find(command.calendarId()).orElseThrow(() -> new CommandRejectedException(Reason.HIDDEN,
                "id", "exists", "not found"));
        calendar.require(caller, CalendarRole.VIEWER, "id", "role", "a subscription");
        apply(new CalendarSubscriptionIssued(command.subscriptionId(), command.calendarId(), caller.id(), command.tokenHash(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeCalendarSubscription command, Caller caller, Clock clock) {
        if (!command.calendarId().equals(calendarId)) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "subscription_id", "exists",
                    "calendar " + command.calendarId() + " has no subscription " + command.subscriptionId());
        }
        if (!caller.admin() && !caller.id().equals(userId)) {
            throw CommandRejectedException.forbidden("subscription_id", "owner", "admin",
                    "a subscription is revoked by its user, " + userId + ", or an admin; " + caller.id() + " is neither");
        }
        if (revoked) {
            return;
        }
        apply(new CalendarSubscriptionRevoked(command.subscriptionId(), command.calendarId(), java.util.Objects.requireNonNull(tokenHash),
                caller.id(), clock.instant()));
    }

    @EventSourcingHandler
    void on(CalendarSubscriptionIssued issued) {
        storeId = StoreIds.calendarSubscription(issued.subscriptionId());
        calendarId = issued.calendarId();
        userId = issued.userId();
        tokenHash = issued.tokenHash();
    }

    @EventSourcingHandler
    void on(CalendarSubscriptionRevoked revokedEvent) {
        revoked = true;
    }
}
