package dev.almanac.commands.resource;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;

public record CreateResource(
        ResourceId resourceId,
        String name,
        ResourceType type,
        ZoneId timezone,
        @Nullable String description) implements CreationCommand {

    public ResourceCreated toEvent() {
        return new ResourceCreated(resourceId, name, type, timezone, description);
    }

    @Override
    public String aggregateId() {
        return StoreIds.resource(resourceId);
    }

    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return toEvent().equals(firstEvent);
    }
}
