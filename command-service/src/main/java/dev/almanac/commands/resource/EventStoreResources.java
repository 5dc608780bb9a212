package dev.almanac.commands.resource;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.ResourceId;

/**
 * Whether resources exist, from the event store: a resource exists once its first event is
 * stored, and one query on the store's unique (aggregate, sequence) key answers for all the ids
 * of a command. A resource is never deleted, so an answer that it exists is kept; an answer that
 * it does not is asked again next time.
 */
@Component
class EventStoreResources implements KnownResources {


    private final JdbcTemplate jdbc;
    private final Cache<ResourceId, Boolean> existing;

    EventStoreResources(JdbcTemplate jdbc, @Value("${almanac.commands.resource-cache.maximum-size:10000}") long maximumSize) {
        this.jdbc = jdbc;
        this.existing = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    public Set<ResourceId> unknown(List<ResourceId> ids) {
        Set<ResourceId> unknown = new LinkedHashSet<>();
        for (ResourceId id : ids) {
            if (existing.getIfPresent(id) == null) {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return unknown;
        }
        Object[] storeIds = unknown.stream().map(StoreIds::resource).toArray();
        String placeholders = String.join(", ", Collections.nCopies(storeIds.length, "?"));
        List<String> found = jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry WHERE sequencenumber = 0"
                + " AND aggregateidentifier IN (" + placeholders + ")", String.class, storeIds);
        for (String storeId : found) {
            ResourceId id = ResourceId.of(storeId.substring(storeId.indexOf(':') + 1));
            existing.put(id, Boolean.TRUE);
            unknown.remove(id);
        }
        return unknown;
    }
}
