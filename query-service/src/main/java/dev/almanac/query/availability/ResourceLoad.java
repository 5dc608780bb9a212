package dev.almanac.query.availability;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.resource.ResourceView;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.occurrence.RuleTimelines;

/**
 * Resources as availability sees them: when they are booked in a window, as intervals only: the items' and stored runs'
 * bookings from the {@code resource_days} documents of its UTC days ({@link DayIntervals}), and the rule occurrences that
 * book it, computed from the rules' timelines (ADR 0029, ADR 0068); a resource is one thing, so one booking occupies it,
 * as does a range it is marked unavailable.
 */
@Component
public class ResourceLoad implements Bookables<ResourceView, ResourceOccupancy> {

    private final Resources resources;
    private final DayIntervals days;
    private final RuleTimelines ruleTimelines;

    public ResourceLoad(MongoDatabase database, Resources resources, RuleTimelines ruleTimelines) {
        this.resources = resources;
        this.ruleTimelines = ruleTimelines;
        this.days = new DayIntervals(database, DayIntervals.RESOURCE_DAYS);
    }

    @Override
    public Mono<ResourceView> require(String id) {
        return resources.require(id);
    }

    @Override
    public Mono<Map<String, ResourceView>> findAll(Collection<String> ids) {
        return resources.findAll(ids).collectMap(ResourceView::id);
    }

    /** Per resource asked for, the bookings overlapping {@code window}; a resource with none maps to an empty list. */
    @Override
    public Mono<Map<String, List<TimeRange>>> load(Collection<String> resourceIds, TimeRange window) {
        return days.overlappingWith(resourceIds, window,
                ruleTimelines.snapshot().map(rules -> rules.bookingsOverlapping(resourceIds, window)));
    }

    @Override
    public ResourceOccupancy occupancy(ResourceView resource, List<TimeRange> bookings, TimeRange range) {
        return ResourceOccupancy.of(bookings, resource.unavailable(), range);
    }

    @Override
    public List<TimeRange> blocked(ResourceOccupancy occupancy) {
        return occupancy.blocked();
    }

    @Override
    public ZoneId zone(ResourceView resource) {
        return resource.timezone();
    }
}
