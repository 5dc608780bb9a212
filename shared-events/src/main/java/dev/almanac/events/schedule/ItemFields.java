package dev.almanac.events.schedule;

import java.util.List;

/** The fields of an item a person may change with a PUT ({@link ItemUpdated}), as they stood before or after it. */
public record ItemFields(String title, String type, Priority priority, List<String> tags, ScheduleStatus status) {

    public ItemFields {
        tags = List.copyOf(tags);
    }
}
