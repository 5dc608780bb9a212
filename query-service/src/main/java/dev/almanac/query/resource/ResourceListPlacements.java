package dev.almanac.query.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a resource goes when a batch of events changed it: its last state into the list of every resource. The list is
 * newest-wins per resource, so this may be applied in any order, again, or after a newer writer's.
 */
public final class ResourceListPlacements {

    private ResourceListPlacements() {
    }

    /**
     * Adds the list change for one resource to {@code changes}, keyed by list id.
     *
     * @param states every state of the resource this batch saw, oldest first, the newest last
     */
    public static void plan(List<ResourceView> states, Map<String, List<ResourceView>> changes) {
        changes.computeIfAbsent(ResourceList.ALL, id -> new ArrayList<>()).add(states.get(states.size() - 1));
    }
}
