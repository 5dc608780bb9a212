package dev.almanac.query.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a resource goes when a batch of events changed it: into the list of every resource, as its last state shows
 * it, at the earliest version of the batch's states (the stored one first) that already showed it so. The list is
 * newest-wins per resource, so this may be applied in any order, again, or after a newer writer's.
 */
public final class ResourceListPlacements {

    private ResourceListPlacements() {
    }

    /**
     * Adds the list change for one resource to {@code changes}, keyed by list id.
     *
     * @param states every state of the resource this batch saw, oldest first (the stored one, when there was one) and the newest last
     */
    public static void plan(List<ResourceView> states, Map<String, List<ResourceList.Placement>> changes) {
        int since = states.size() - 1;
        ResourceList.Listed last = ResourceList.Listed.of(states.get(since));
        while (since > 0 && ResourceList.Listed.of(states.get(since - 1)).sameFactsAs(last)) {
            since--;
        }
        ResourceView resource = states.get(since);
        changes.computeIfAbsent(ResourceList.ALL, id -> new ArrayList<>())
                .add(new ResourceList.Placement(resource.id(), ResourceList.Listed.of(resource)));
    }
}
