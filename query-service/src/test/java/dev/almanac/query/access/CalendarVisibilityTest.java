package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** Which calendars a read across calendars shows each caller (ADR 0060), read from the real read model. */
@QueryApiTest
class CalendarVisibilityTest extends ReadModelApiTest {

    @Autowired
    private CalendarReaders readers;

    @Test
    void aCalendarWithGrantsIsHiddenFromThoseWithoutARoleOnIt() {
        readModels.given(created("cal-open", null), created("cal-staff", "dana"), created("cal-granted", null),
                new CalendarAccessGranted(CalendarId.of("cal-granted"), UserId.of("alice"), CalendarRole.VIEWER, null),
                created("cal-owned-and-granted", "dana"),
                new CalendarAccessGranted(CalendarId.of("cal-owned-and-granted"), UserId.of("bob"), CalendarRole.SCHEDULER, null),
                created("cal-revoked", null),
                new CalendarAccessGranted(CalendarId.of("cal-revoked"), UserId.of("bob"), CalendarRole.VIEWER, null),
                new CalendarAccessRevoked(CalendarId.of("cal-revoked"), UserId.of("bob"), null));

        // A staff owner without grants leaves a calendar open, as commands have it; a revoked last grant opens it again.
        assertThat(visibility("alice", false).hidden()).containsExactly("cal-owned-and-granted");
        assertThat(visibility("bob", false).hidden()).containsExactly("cal-granted");
        assertThat(visibility("dana", false).hidden()).containsExactly("cal-granted");
        assertThat(visibility("eve", false).hidden()).containsExactly("cal-granted", "cal-owned-and-granted");
        assertThat(visibility("eve", false).shows("cal-open")).isTrue();
        assertThat(visibility("eve", true).showsEveryCalendar()).isTrue();
    }

    @Test
    void withoutACallerEveryCalendarIsShown() {
        readModels.given(created("cal-granted", null),
                new CalendarAccessGranted(CalendarId.of("cal-granted"), UserId.of("alice"), CalendarRole.VIEWER, null));

        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/schedules/window"));
        assertThat(readers.visibility(exchange).block()).isEqualTo(CalendarVisibility.EVERY_CALENDAR);
    }

    @Test
    void deniedByDefaultEveryCalendarButThoseTheCallerHasARoleOnIsHidden() {
        readModels.given(created("cal-open", null), created("cal-staff", "dana"), created("cal-granted", null),
                new CalendarAccessGranted(CalendarId.of("cal-granted"), UserId.of("alice"), CalendarRole.VIEWER, null));

        CalendarVisibility alices = visibility("alice", false, UngrantedCalendars.CLOSED);
        assertThat(alices.shown()).containsExactly("cal-granted");
        assertThat(alices.hidden()).containsExactly("cal-open", "cal-staff");
        assertThat(alices.shows("cal-created-since")).as("a calendar the scan has not read yet").isFalse();
        assertThat(visibility("dana", false, UngrantedCalendars.CLOSED).shown()).containsExactly("cal-staff");
        assertThat(visibility("eve", false, UngrantedCalendars.CLOSED).shown()).isEmpty();
        assertThat(visibility("eve", true, UngrantedCalendars.CLOSED).showsEveryCalendar()).isTrue();
    }

    private CalendarVisibility visibility(String user, boolean admin) {
        return visibility(user, admin, UngrantedCalendars.OPEN);
    }

    private CalendarVisibility visibility(String user, boolean admin, UngrantedCalendars ungranted) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/schedules/window"));
        exchange.getAttributes().put(Callers.ATTRIBUTE, new Caller(UserId.of(user), admin, ungranted));
        return readers.visibility(exchange).block();
    }

    private static CalendarCreated created(String calendarId, String staffOwner) {
        return new CalendarCreated(CalendarId.of(calendarId), calendarId, CalendarType.STAFF, ZoneId.of("UTC"), 1, OverbookingPolicy.BLOCK, null,
                staffOwner == null ? null : new CalendarOwner(staffOwner, OwnerType.STAFF), null);
    }
}
