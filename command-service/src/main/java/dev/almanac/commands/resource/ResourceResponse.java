package dev.almanac.commands.resource;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.ResourceType;

/** A resource as its creation left it. */
record ResourceResponse(String id, String name, ResourceType type, String timezone, @Nullable String description, long version) {

    static ResourceResponse of(CreateResource command, long version) {
        return new ResourceResponse(command.resourceId().value(), command.name(), command.type(), command.timezone().getId(),
                command.description(), version);
    }
}
