package dev.almanac.conflicts.rule;

import java.util.Optional;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.recurrence.timeline.TimelineDefinition;

/**
 * Where a rule's occurrences count for conflict detection: on the calendar they land on, or on a resource they
 * book. A rule has a scope for every calendar and resource any of its definitions names, and each scope is kept on
 * the partition of its own id, with that calendar's entries or that resource's bookings.
 */
public record RuleScope(Kind kind, String id) implements Comparable<RuleScope> {

    public enum Kind {
        CALENDAR("calendar"),
        RESOURCE("resource");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public static RuleScope of(CalendarId calendarId) {
        return new RuleScope(Kind.CALENDAR, calendarId.value());
    }

    public static RuleScope of(ResourceId resourceId) {
        return new RuleScope(Kind.RESOURCE, resourceId.value());
    }

    /** {@code calendar:<id>} or {@code resource:<id>}. */
    public String token() {
        return kind.prefix + ":" + id;
    }

    /** @throws IllegalArgumentException if {@code token} is not one {@link #token()} writes */
    public static RuleScope parse(String token) {
        int colon = token.indexOf(':');
        if (colon > 0) {
            String prefix = token.substring(0, colon);
            String id = token.substring(colon + 1);
            for (Kind kind : Kind.values()) {
                if (kind.prefix.equals(prefix) && !id.isEmpty()) {
                    return kind == Kind.CALENDAR ? of(CalendarId.of(id)) : of(ResourceId.of(id));
                }
            }
        }
        throw new IllegalArgumentException("'" + token + "' names neither a calendar (calendar:<id>) nor a resource (resource:<id>)");
    }

    public CalendarId calendarId() {
        if (kind != Kind.CALENDAR) {
            throw new IllegalStateException(token() + " is not a calendar");
        }
        return CalendarId.of(id);
    }

    public ResourceId resourceId() {
        if (kind != Kind.RESOURCE) {
            throw new IllegalStateException(token() + " is not a resource");
        }
        return ResourceId.of(id);
    }

    /**
     * Whether the occurrences of {@code definition} count here: they land on this calendar, or book this resource. A
     * heartbeat's beats count nowhere: they are reports expected from a system that runs by itself, not work that
     * takes a place on a queue or a resource (ADR 0073).
     */
    public boolean holds(TimelineDefinition definition) {
        if (definition.heartbeat() != null) {
            return false;
        }
        return kind == Kind.CALENDAR ? definition.calendarId().value().equals(id) : role(definition).isPresent();
    }

    /** The part this resource plays in the occurrences of {@code definition}; empty for a calendar or a resource it does not book. */
    public Optional<ResourceRole> role(TimelineDefinition definition) {
        if (kind != Kind.RESOURCE) {
            return Optional.empty();
        }
        for (ResourceBooking booking : definition.resources()) {
            if (booking.resourceId().value().equals(id)) {
                return Optional.of(booking.role());
            }
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(RuleScope other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return token();
    }
}
