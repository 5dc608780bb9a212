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
 * {@code _id} ({@value #ALL}). Derived from the resources' states, newest-wins per resource: a state applied again or
 * late changes nothing. Marking a resource unavailable or available changes nothing listed, so it leaves the list as
 * it is.
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

    /** The list with each resource as it stands in {@code states}, unless it holds a newer version or the same facts of it. */
    public ResourceList withAll(List<ResourceView> states) {
        TreeMap<String, Listed> updated = null;
        for (ResourceView state : states) {
            Listed listed = Listed.of(state);
            Listed before = (updated == null ? resources : updated).get(state.id());
            if (before != null && (before.version() >= listed.version() || before.sameFactsAs(listed))) {
                continue;
            }
            if (updated == null) {
                updated = new TreeMap<>(resources);
            }
            updated.put(state.id(), listed);
        }
        return updated == null ? this : new ResourceList(id, updated);
    }

    /** One resource as the list knows it, at the version of the state it was listed from. */
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
