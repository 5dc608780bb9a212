package dev.almanac.query.availability;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;

/** When resources are booked in a window, as intervals only, from the {@code resource_days} documents of its UTC days ({@link DayIntervals}). */
@Component
public class ResourceLoad {

    private final DayIntervals days;

    public ResourceLoad(MongoDatabase database) {
        this.days = new DayIntervals(database, DayIntervals.RESOURCE_DAYS);
    }

    /** Per resource asked for, the bookings overlapping {@code window}; a resource with none maps to an empty list. */
    public Mono<Map<String, List<TimeRange>>> bookings(Collection<String> resourceIds, TimeRange window) {
        return days.overlapping(resourceIds, window);
    }
}
