package dev.almanac.query.entry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * What an item's scheduling said besides its time and title: the resources it books, the client's
 * metadata, how it was scheduled, and who owns it (ADR 0090; null for an item scheduled before owners were recorded, and
 * for an occurrence). Items have them once their scheduling was projected; an occurrence has them only when it books
 * resources (ADR 0029), with no metadata. {@code privateItem}: a busy block to all but its owner, its calendar's managers and
 * the admins (ADR 0096).
 */
public record ItemDetails(List<ResourceBooking> resources, Map<String, @Nullable Object> metadata, ItemSource source,
                          @Nullable String owner, boolean privateItem) {

    public ItemDetails {
        resources = List.copyOf(resources);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Details of an item that is not private. */
    public ItemDetails(List<ResourceBooking> resources, Map<String, @Nullable Object> metadata, ItemSource source,
                       @Nullable String owner) {
        this(resources, metadata, source, owner, false);
    }

    public static ItemDetails of(ItemScheduled scheduled) {
        return new ItemDetails(scheduled.resources(), scheduled.metadata(), scheduled.source(),
                scheduled.owner() == null ? null : scheduled.owner().value(), scheduled.keptPrivate());
    }

    /** These details with the item private or not, as a PUT left it. */
    public ItemDetails withPrivate(boolean keptPrivate) {
        return new ItemDetails(resources, metadata, source, owner, keptPrivate);
    }

    /** The resources an occurrence books; null when it books none, so that the many that book nothing store nothing for it. */
    public static @Nullable ItemDetails of(OccurrenceMaterialized occurrence) {
        return occurrence.resources().isEmpty() ? null : new ItemDetails(occurrence.resources(), Map.of(), ItemSource.MANUAL, null);
    }
}
