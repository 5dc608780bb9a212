package dev.almanac.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;

/** Every event type Almanac publishes. A type that is not listed here is not a contract. */
public final class EventCatalog {

    private static final List<EventType> TYPES = List.of(
            EventType.of("calendar", 1, Topics.CALENDARS, CalendarCreated.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemScheduled.class),
            EventType.of("schedule", 1, Topics.SCHEDULE, ItemRescheduled.class),
            EventType.of("rule", 1, Topics.RULES, RuleCreated.class),
            EventType.of("occurrence", 1, Topics.OCCURRENCES, OccurrenceMaterialized.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictDetected.class),
            EventType.of("conflict", 1, Topics.CONFLICTS, ConflictCleared.class));

    private static final Map<String, EventType> BY_CE_TYPE =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType> all() {
        return TYPES;
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    public static EventType of(Class<? extends AlmanacEvent> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not in the event catalogue");
        }
        return type;
    }

    public static EventType of(AlmanacEvent event) {
        return of(event.getClass());
    }
}
