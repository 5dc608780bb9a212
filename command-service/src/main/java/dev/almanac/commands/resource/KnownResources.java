package dev.almanac.commands.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.platform.problem.Violation;

/**
 * Tells which resources exist, for commands on other aggregates that name them: an item, or a
 * rule's occurrences, must book resources that were created. A resource is never deleted, so once
 * it exists it always does.
 */
@FunctionalInterface
public interface KnownResources {

    /** The ones of {@code ids} that name no resource. */
    Set<ResourceId> unknown(List<ResourceId> ids);

    /**
     * Every resource booked must exist (422, rule {@code exists} on {@code <field>[i].resource_id}, one
     * violation per unknown one). Whether a resource is free, or available, is not checked:
     * conflict-detector reports a double booking or a booking over an unavailable range.
     */
    default void requireKnown(String field, List<ResourceBooking> booked) {
        if (booked.isEmpty()) {
            return;
        }
        List<ResourceId> ids = booked.stream().map(ResourceBooking::resourceId).toList();
        Set<ResourceId> unknown = unknown(ids);
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (unknown.contains(ids.get(i))) {
                String at = field + "[" + i + "].resource_id";
                violations.add(new Violation(at, "exists", at + " " + ids.get(i) + " names no resource"));
            }
        }
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, violations);
        }
    }
}
