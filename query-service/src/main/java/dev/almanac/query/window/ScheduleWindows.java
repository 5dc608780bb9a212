package dev.almanac.query.window;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.entry.Entries;

/**
 * Aggregates a window on read: one range find on the entries' {@code start}, projected to the
 * counted fields, streamed into a {@link BucketGrid} without holding the entries in memory.
 */
@Component
public class ScheduleWindows {

    private final Entries entries;

    public ScheduleWindows(Entries entries) {
        this.entries = entries;
    }

    /** The window over every calendar, or over the calendar {@code queue} only. */
    public Mono<ScheduleWindow> window(WindowSpec spec, @Nullable String queue) {
        return entries.startingIn(new TimeRange(spec.from(), spec.till()), queue)
                .collect(() -> BucketGrid.over(spec), BucketGrid::add)
                .map(BucketGrid::toScheduleWindow);
    }
}
