package dev.almanac.commands.resource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.problem.ProblemException;

/**
 * A resource an item or a rule's occurrences book, and the part it plays: primary unless said
 * otherwise. Items and rules read their {@code resources} through the same rules (ADR 0021, 0029).
 */
public record ResourceRequest(
        @NotNull @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String resourceId,
        @Schema(description = "primary (default) or secondary; a double-booked primary staff member weighs more (SCH-012)")
        @Nullable ResourceRole role) {

    /** The most resources one item, or each occurrence of one rule, books. */
    public static final int MAX_RESOURCES = 20;

    /**
     * The bookings, each resource named once: a second naming of one is refused (400, rule
     * {@code unique}, on {@code <field>[i].resource_id}), not merged, since its roles may differ.
     *
     * @param field  where the list sits in the request, as errors name it
     * @param booker what books, as the error says it ("an item", "a rule")
     */
    public static List<ResourceBooking> bookings(String field, @Nullable List<ResourceRequest> requested, String booker) {
        if (requested == null) {
            return List.of();
        }
        List<ResourceBooking> bookings = new ArrayList<>(requested.size());
        Set<ResourceId> named = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            ResourceRequest resource = requested.get(i);
            ResourceId resourceId = ResourceId.of(resource.resourceId());
            if (!named.add(resourceId)) {
                String at = field + "[" + i + "].resource_id";
                throw ProblemException.invalid(at, "unique", at + " names " + resourceId + " again; " + booker + " books a resource once");
            }
            bookings.add(new ResourceBooking(resourceId, resource.role() == null ? ResourceRole.PRIMARY : resource.role()));
        }
        return bookings;
    }
}
