package dev.almanac.query.entry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * What an item's scheduling said besides its time and title: the resources it books, the client's
 * metadata, and how it was scheduled. Only items have them, and only once their scheduling was
 * projected.
 */
public record ItemDetails(List<ResourceBooking> resources, Map<String, @Nullable Object> metadata, ItemSource source) {

    public ItemDetails {
        resources = List.copyOf(resources);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static ItemDetails of(ItemScheduled scheduled) {
        return new ItemDetails(scheduled.resources(), scheduled.metadata(), scheduled.source());
    }
}
