package dev.almanac.commands.resource;

import java.util.function.Supplier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;

/** {@code POST /api/v1/resources}: a venue, staff member, piece of equipment or other thing that items book. */
record CreateResourceRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit")
        @Pattern(regexp = "(?!availability$).*",
                message = "is reserved: /api/v1/resources/availability/… names an endpoint of the API rather than this resource") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull ResourceType type,
        @NotBlank String timezone,
        @Nullable @Size(max = 2000) String description) {

    CreateResource toCommand(Supplier<ResourceId> newId) {
        return new CreateResource(id == null ? newId.get() : ResourceId.of(id), name.strip(), type, Zones.parse("timezone", timezone),
                description == null || description.isBlank() ? null : description.strip());
    }
}
