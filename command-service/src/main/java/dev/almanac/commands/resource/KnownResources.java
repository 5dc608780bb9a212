package dev.almanac.commands.resource;

import java.util.List;
import java.util.Set;

import dev.almanac.events.calendar.ResourceId;

/**
 * Tells which resources exist, for commands on other aggregates that name them: an item must
 * book resources that were created. A resource is never deleted, so once it exists it always does.
 */
@FunctionalInterface
public interface KnownResources {

    /** The ones of {@code ids} that name no resource. */
    Set<ResourceId> unknown(List<ResourceId> ids);
}
