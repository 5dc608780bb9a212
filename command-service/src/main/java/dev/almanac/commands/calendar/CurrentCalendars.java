package dev.almanac.commands.calendar;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/**
 * The terms that item and rule commands respect, read consistently and cheaply. Each command
 * looks up the calendar's current version (one lookup on the event store's unique key), and the
 * calendar's events are replayed only when the terms held for it are of another version. Terms
 * are fixed per version, so a held copy of the current version is exactly what a replay would
 * give, whichever replica wrote the change. See ADR 0013. A booking takes the calendar's lock and
 * looks up the version in one round trip ({@link #holdAndFind}).
 */
@Component
class CurrentCalendars implements Calendars {

    private static final String CURRENT_VERSION =
            "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?";
    /**
     * Two statements in one message, so one round trip. The server runs them in turn, and in a read-committed
     * transaction each statement sees what committed before it started: the version is read once the lock is held.
     */
    private static final String HOLD_THEN_CURRENT_VERSION = CalendarLock.TAKE + "; " + CURRENT_VERSION;

    private final EventSourcedCalendars store;
    private final JdbcTemplate jdbc;
    private final Cache<CalendarId, CalendarTerms> held;

    CurrentCalendars(EventStore eventStore, JdbcTemplate jdbc, MeterRegistry meters,
            @Value("${almanac.commands.calendar-cache.maximum-size:10000}") long maximumSize) {
        // Reading terms must not take the calendar's in-memory lock: a command that changes the calendar
        // holds that lock while it waits for the advisory lock, which a booking reading the terms holds.
        this.store = new EventSourcedCalendars(eventStore);
        this.jdbc = jdbc;
        this.held = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, held, "calendar-terms");
    }

    @Override
    public Optional<CalendarTerms> find(CalendarId calendarId) {
        return termsAt(calendarId, jdbc.queryForObject(CURRENT_VERSION, Long.class, StoreIds.calendar(calendarId)));
    }

    @Override
    public Optional<CalendarTerms> holdAndFind(CalendarId calendarId) {
        return termsAt(calendarId, holdThenCurrentVersion(calendarId));
    }

    /** The calendar's current version once its lock is held; null for a calendar without events. */
    private @Nullable Long holdThenCurrentVersion(CalendarId calendarId) {
        return jdbc.execute(HOLD_THEN_CURRENT_VERSION, (PreparedStatement statement) -> {
            statement.setString(1, calendarId.value());
            statement.setString(2, StoreIds.calendar(calendarId));
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("no version after the calendar's lock: " + HOLD_THEN_CURRENT_VERSION);
            }
            try (ResultSet version = statement.getResultSet()) {
                version.next();
                long current = version.getLong(1);
                return version.wasNull() ? null : current;
            }
        });
    }

    private Optional<CalendarTerms> termsAt(CalendarId calendarId, @Nullable Long current) {
        if (current == null) {
            return Optional.empty();
        }
        CalendarTerms known = held.getIfPresent(calendarId);
        if (known != null && known.version() == current) {
            return Optional.of(known);
        }
        Optional<CalendarTerms> loaded = store.find(calendarId);
        loaded.ifPresent(terms -> held.put(calendarId, terms));
        return loaded;
    }
}
