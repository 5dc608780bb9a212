package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.testing.InMemoryMongo;

/** The calendars with grants, as reads across calendars see them: read from calendar_access, at most once an interval. */
class RestrictedCalendarsTest {

    private final MongoDatabase database = InMemoryMongo.freshDatabase("restricted_calendars");
    private final CalendarAccesses accesses = new CalendarAccesses(database);

    @Test
    void onlyCalendarsWithGrantsAreRestrictedAndAGrantIsSeenOnceTheIntervalIsOver() {
        write(new CalendarAccessView("cal-open", null, List.of(), 1));
        write(new CalendarAccessView("cal-granted", null, List.of(new CalendarAccessView.Grant("alice", CalendarRole.VIEWER)), 2));
        RestrictedCalendars hourly = new RestrictedCalendars(accesses, Duration.ofHours(1));
        RestrictedCalendars always = new RestrictedCalendars(accesses, Duration.ZERO);

        assertThat(hourly.current().block().keySet()).containsExactly("cal-granted");
        write(new CalendarAccessView("cal-open", null, List.of(new CalendarAccessView.Grant("bob", CalendarRole.MANAGER)), 2));

        assertThat(hourly.current().block().keySet()).as("read within the hour").containsExactly("cal-granted");
        assertThat(always.current().block().keySet()).containsExactlyInAnyOrder("cal-granted", "cal-open");
        assertThat(always.current().block().get("cal-open").allows(UserId.of("bob"), false, CalendarRole.VIEWER, UngrantedCalendars.OPEN)).isTrue();
    }

    private void write(CalendarAccessView view) {
        Mono.from(database.getCollection(CalendarAccesses.COLLECTION).replaceOne(
                Filters.eq("_id", view.calendarId()), CalendarAccesses.KIND.codec().encode(view),
                new ReplaceOptions().upsert(true))).block();
    }
}
