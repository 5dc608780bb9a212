package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import dev.almanac.events.schedule.Priority;

record ItemResponse(
        String id,
        String calendarId,
        String title,
        String type,
        Instant start,
        Instant end,
        String timezone,
        Priority priority,
        List<String> tags,
        String status,
        long version) {

    static ItemResponse of(ScheduleItem command, long version) {
        return new ItemResponse(command.itemId().value(), command.calendarId().value(), command.title(), command.type(),
                command.start(), command.end(), command.timezone().getId(), command.priority(), command.tags(),
                "scheduled", version);
    }
}
