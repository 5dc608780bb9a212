package dev.almanac.query.resource;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.ResourceType;

/**
 * Every resource by id, with what the resources list shows of it, so that the list is one document read by
 * {@code _id} ({@value #ALL}). Derived from the resources' states, newest-wins per resource by the version from which
 * it was as listed ({@link ResourceListPlacements}): a state applied again or late changes nothing, and marking a
 * resource unavailable or available, which changes nothing listed, leaves the list as it is. So the list does not
 * depend on how the events were batched, and a rebuild writes it as the live projection did.
 */
public record ResourceList(String id, SortedMap<String, Listed> resources) {

    /** The one list: every resource. */
    public static final String ALL = "*";

    public ResourceList {
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    public static ResourceList emptyOf(String id) {
        return new ResourceList(id, new TreeMap<>());
    }

    /**
     * The list with each placement applied, unless the list holds its resource at a version as new, or as it is placed:
     * then it keeps the version from which the resource was so, whichever batches the events came in.
     */
    public ResourceList withAll(List<Placement> placements) {
        TreeMap<String, Listed> updated = null;
        for (Placement placement : placements) {
            Listed before = (updated == null ? resources : updated).get(placement.resourceId());
            if (before != null && (before.version() >= placement.listed().version() || before.sameFactsAs(placement.listed()))) {
                continue;
            }
            if (updated == null) {
                updated = new TreeMap<>(resources);
            }
            updated.put(placement.resourceId(), placement.listed());
        }
        return updated == null ? this : new ResourceList(id, updated);
    }

    /** One resource as it is listed. */
    public record Placement(String resourceId, Listed listed) {
    }

    /** One resource as the list knows it, and the version from which it was so. */
    public record Listed(String name, ResourceType type, ZoneId timezone, @Nullable String description, long version) {

        static Listed of(ResourceView resource) {
            return new Listed(resource.name(), resource.type(), resource.timezone(), resource.description(), resource.version());
        }

        boolean sameFactsAs(Listed other) {
            return name.equals(other.name) && type == other.type && timezone.equals(other.timezone)
                    && Objects.equals(description, other.description);
        }
    }
}
