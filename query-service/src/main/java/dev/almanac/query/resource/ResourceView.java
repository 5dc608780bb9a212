package dev.almanac.query.resource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.query.readmodel.Versioned;

/** A resource as its read model holds it: what it is, and every range it is unavailable, by start. */
@Schema(name = "Resource", description = "A resource that items book besides their calendar: a venue, a person, equipment")
public record ResourceView(
        @Schema(example = "res-projector") String id,
        @Schema(example = "Ceiling projector") String name,
        ResourceType type,
        @Schema(type = "string", example = "America/New_York", description = "IANA zone of the resource's wall clock, on which "
                + "its free slots are laid out") ZoneId timezone,
        @Nullable String description,
        @Schema(description = "The ranges [start, end) the resource is marked unavailable, by start; they never overlap "
                + "(SCH-031). Outside them it is available (SCH-030)") List<UnavailableRange> unavailable,
        @Schema(description = "When the resource was created (from the event)") Instant createdAt,
        @Schema(description = "Aggregate version of the resource; also the ETag") long version) implements Versioned {

    public ResourceView {
        unavailable = List.copyOf(unavailable);
    }

    /** A resource as its creation made it, available throughout; the time comes from the envelope, never from the clock. */
    public static ResourceView created(ResourceCreated created, EventMetadata envelope) {
        return new ResourceView(created.resourceId().value(), created.name(), created.type(), created.timezone(),
                created.description(), List.of(), envelope.time(), envelope.aggregateVersion());
    }

    /** The resource with one more unavailable range, kept in order of start. */
    public ResourceView markedUnavailable(ResourceMarkedUnavailable marked, EventMetadata envelope) {
        List<UnavailableRange> ranges = new ArrayList<>(unavailable);
        ranges.add(marked.range());
        ranges.sort(Comparator.comparing(UnavailableRange::start));
        return new ResourceView(id, name, type, timezone, description, ranges, createdAt, envelope.aggregateVersion());
    }

    /** The resource with {@code [start, end)} taken out of every unavailable range, which may split one in two. */
    public ResourceView markedAvailable(ResourceMarkedAvailable marked, EventMetadata envelope) {
        List<UnavailableRange> ranges = new ArrayList<>(unavailable.size() + 1);
        for (UnavailableRange range : unavailable) {
            ranges.addAll(range.without(marked.start(), marked.end()));
        }
        return new ResourceView(id, name, type, timezone, description, ranges, createdAt, envelope.aggregateVersion());
    }

    /** The unavailable ranges that overlap {@code [from, till)}, by start. */
    public List<UnavailableRange> unavailableDuring(Instant from, Instant till) {
        return unavailable.stream().filter(range -> range.overlaps(from, till)).toList();
    }
}
