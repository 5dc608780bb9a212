package dev.almanac.commands.resource;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;

/**
 * A resource that items book, and the ranges it is unavailable; available everywhere else
 * (SCH-030). Its unavailable ranges never overlap (SCH-031). Bookings are not checked here: an
 * item that books a resource while it is unavailable is accepted, and conflict-detector reports it.
 * Its availability is changed by its creator or an admin (ADR 0103).
 */
@Aggregate
public class Resource {

    /** How many unavailable ranges that have not yet ended a resource may hold. */
    static final int MAX_UPCOMING_RANGES = 1000;

    @AggregateIdentifier
    private String storeId;
    private ResourceId resourceId;
    /** The actor of its creation; null for a creation without one (a test's). */
    private @Nullable String creator;
    /** By start; since they never overlap, at most the one before a start can reach past it. */
    private TreeMap<Instant, UnavailableRange> unavailable;
    private long version;

    protected Resource() {
        // For Axon, which rebuilds the resource from its events.
    }

    @CommandHandler
    public Resource(CreateResource command) {
        apply(command.toEvent());
    }

    /**
     * Marks {@code [start, end)} unavailable. The same range with the same reason again changes
     * nothing; any other range that overlaps one already marked is refused, naming it.
     *
     * @return the resource's version after the command
     */
    @CommandHandler
    public long handle(MarkResourceUnavailable command, Clock clock, Caller caller) {
        requireChangeableBy(caller);
        UnavailableRange asked = new UnavailableRange(command.start(), command.end(), command.reason());
        List<UnavailableRange> inTheWay = overlapping(asked.start(), asked.end());
        if (inTheWay.size() == 1 && inTheWay.get(0).equals(asked)) {
            return version;
        }
        if (!inTheWay.isEmpty()) {
            UnavailableRange first = inTheWay.get(0);
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "start", "SCH-031",
                    "resource " + resourceId + " is already unavailable from " + first.start() + " to " + first.end()
                            + (first.reason() == null ? "" : " (" + first.reason() + ")") + ", which overlaps " + asked.start()
                            + " to " + asked.end() + "; unavailable ranges may not overlap. Mark that range available first, "
                            + "or choose a range outside it");
        }
        Instant now = clock.instant();
        if (asked.end().isAfter(now)
                && unavailable.values().stream().filter(range -> range.end().isAfter(now)).count() >= MAX_UPCOMING_RANGES) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "max_unavailable_ranges",
                    "resource " + resourceId + " already has " + MAX_UPCOMING_RANGES + " unavailable ranges that have not ended;"
                            + " mark some available, or join them, before adding another");
        }
        apply(new ResourceMarkedUnavailable(resourceId, asked.start(), asked.end(), asked.reason()));
        return version;
    }

    /**
     * Marks {@code [start, end)} available: every unavailable range is cut back to what lies outside
     * it. Where the resource is already available throughout, nothing changes.
     *
     * @return the resource's version after the command
     */
    @CommandHandler
    public long handle(MarkResourceAvailable command, Caller caller) {
        requireChangeableBy(caller);
        List<UnavailableRange> released = new ArrayList<>();
        for (UnavailableRange range : overlapping(command.start(), command.end())) {
            range.within(command.start(), command.end()).ifPresent(released::add);
        }
        if (!released.isEmpty()) {
            apply(new ResourceMarkedAvailable(resourceId, command.start(), command.end(), released, command.reason()));
        }
        return version;
    }

    /**
     * Who may change when the resource is available (ADR 0103): its creator, as a rule's (ADR 0062), or an admin. Where
     * calendars without grants are open to everyone (development mode, ADR 0086), so are resources.
     *
     * @throws CommandRejectedException 403, field {@code id}, rule {@code resource_owner}, {@code required_role} admin
     */
    private void requireChangeableBy(Caller caller) {
        if (caller.admin() || caller.ungranted() == UngrantedCalendars.OPEN || caller.actor().equals(creator)) {
            return;
        }
        throw CommandRejectedException.forbidden("id", "resource_owner", "admin", "Changing when resource " + resourceId
                + " is available needs its creator" + (creator == null ? "" : ", " + creator + ",") + " or an admin; "
                + caller.actor() + " is neither");
    }

    @EventSourcingHandler
    void on(ResourceCreated created, DomainEventMessage<?> message) {
        storeId = StoreIds.resource(created.resourceId());
        resourceId = created.resourceId();
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        creator = actor == null ? null : actor.toString();
        unavailable = new TreeMap<>();
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(ResourceMarkedUnavailable marked, DomainEventMessage<?> message) {
        unavailable.put(marked.start(), marked.range());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(ResourceMarkedAvailable marked, DomainEventMessage<?> message) {
        for (UnavailableRange range : overlapping(marked.start(), marked.end())) {
            unavailable.remove(range.start());
            range.without(marked.start(), marked.end()).forEach(left -> unavailable.put(left.start(), left));
        }
        version = message.getSequenceNumber();
    }

    /** The unavailable ranges that overlap {@code [from, till)}, by start. */
    private List<UnavailableRange> overlapping(Instant from, Instant till) {
        List<UnavailableRange> found = new ArrayList<>();
        Map.Entry<Instant, UnavailableRange> before = unavailable.lowerEntry(from);
        if (before != null && before.getValue().overlaps(from, till)) {
            found.add(before.getValue());
        }
        found.addAll(unavailable.subMap(from, true, till, false).values());
        return found;
    }
}
