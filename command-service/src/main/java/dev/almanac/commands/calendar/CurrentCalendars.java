package dev.almanac.commands.calendar;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.calendar.EventSourcedCalendars.Loaded;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/**
 * The terms that item and rule commands respect, read consistently and cheaply. Each command
 * looks up the calendar's current version (one lookup on the event store's unique key), and the
 * calendar's events are replayed only when the terms held for it are of another version. Terms
 * are fixed per version, so a held copy of the current version is exactly what a replay would
 * give, whichever replica wrote the change. See ADR 0011.
 */
@Component
class CurrentCalendars implements Calendars {

    private static final String CURRENT_VERSION =
            "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?";

    private final EventSourcedCalendars store;
    private final JdbcTemplate jdbc;
    private final Cache<CalendarId, Loaded> held;

    CurrentCalendars(Repository<Calendar> repository, JdbcTemplate jdbc, MeterRegistry meters,
            @Value("${almanac.commands.calendar-cache.maximum-size:10000}") long maximumSize) {
        this.store = new EventSourcedCalendars(repository);
        this.jdbc = jdbc;
        this.held = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, held, "calendar-terms");
    }

    @Override
    public Optional<CalendarTerms> find(CalendarId calendarId) {
        Long current = jdbc.queryForObject(CURRENT_VERSION, Long.class, StoreIds.calendar(calendarId));
        if (current == null) {
            return Optional.empty();
        }
        Loaded known = held.getIfPresent(calendarId);
        if (known != null && known.version() == current) {
            return Optional.of(known.terms());
        }
        Optional<Loaded> loaded = store.load(calendarId);
        loaded.ifPresent(calendar -> held.put(calendarId, calendar));
        return loaded.map(Loaded::terms);
    }
}
