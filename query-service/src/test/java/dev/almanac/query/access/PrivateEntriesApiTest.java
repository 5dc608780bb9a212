package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/**
 * ADR 0096, one rule on every surface that lists entries: a private item is shown whole to its owner, the calendar's
 * managers and the admins, and as a busy block (id, calendar, start, end, {@code busy}) to its other readers; a free/busy
 * grantee's views show every entry as a busy block. Each surface is read by each caller, and the body searched for the
 * item's title, type, tags and metadata.
 */
@QueryApiTest
class PrivateEntriesApiTest extends ReadModelApiTest {

    private static final String CALENDAR = EventSamples.BALLROOM.value();
    private static final ItemId SECRET = ItemId.of("item-secret");
    private static final String TITLE = "Consultation with Dr Quinn";
    private static final String TYPE = "psychiatry";
    private static final String TAG = "confidential-tag";
    private static final String METADATA = "patient-4711";
    private static final List<String> DETAILS = List.of(TITLE, TYPE, TAG, METADATA);
    private static final String RANGE = "from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";

    private static final CalendarCreated OWNED_BY_DANA = new CalendarCreated(EventSamples.BALLROOM, "Clinic", CalendarType.STAFF,
            ZoneId.of("UTC"), 5, OverbookingPolicy.BLOCK, null, new CalendarOwner("dana", OwnerType.STAFF), null);

    /** The surfaces a viewer reads the calendar's entries on; the free/busy grantee reads the first three as busy blocks. */
    static Stream<Arguments> surfaces() {
        return Stream.of(
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/entries?" + RANGE),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/monthly?date=2026-12-01"),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/daily?date=2026-12-01"),
                Arguments.of("/api/v1/schedules/" + SECRET.value()),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/export.ics?rules=instances&" + RANGE),
                Arguments.of("/api/v1/calendars/" + CALENDAR + "/export.csv?" + RANGE));
    }

    private void givenAPrivateItemOfAlices() {
        readModels.given(OWNED_BY_DANA,
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.SCHEDULER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("vic"), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("mia"), CalendarRole.MANAGER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("fay"), CalendarRole.FREEBUSY, null),
                new ItemScheduled(SECRET, EventSamples.BALLROOM, TITLE, TYPE, Instant.parse("2026-12-01T15:00:00Z"),
                        Instant.parse("2026-12-01T16:00:00Z"), ZoneId.of("UTC"), Priority.HIGH, List.of(TAG), null, List.of(),
                        Map.of("ref", METADATA), ItemSource.MANUAL, List.of(), null, UserId.of("alice"), true));
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void aPrivateItemIsWholeToItsOwnerAndManagersAndABusyBlockToOtherReaders(String surface) {
        givenAPrivateItemOfAlices();

        for (String whole : List.of("alice", "mia", "dana")) {
            assertThat(read(surface, whole)).as("%s as %s", surface, whole).contains(TITLE);
        }
        String busy = read(surface, "vic");
        assertThat(busy).as("%s as vic", surface).doesNotContain(DETAILS);
        if (!surface.contains("export")) {
            assertThat(busy).as("%s as vic", surface).contains(SECRET.value()).contains("\"busy\":\"private\"");
        }
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void aFreeBusyGranteeSeesOnlyBusyBlocksOrNothing(String surface) {
        givenAPrivateItemOfAlices();

        var answer = client.get().uri(surface).header("X-Almanac-User", "fay").exchange().expectBody(String.class).returnResult();
        String body = Objects.requireNonNullElse(answer.getResponseBody(), "");
        assertThat(body).as("%s as fay", surface).doesNotContain(DETAILS);
        if (surface.contains("/entries") || surface.contains("/monthly") || surface.contains("/daily")) {
            assertThat(answer.getStatus().value()).as(surface).isEqualTo(200);
            assertThat(body).contains(SECRET.value()).contains("\"busy\":\"busy\"");
        } else {
            // Reads by id and exports answer as for a calendar without a role (the 404 names only the id asked for).
            assertThat(answer.getStatus().value()).as(surface).isEqualTo(404);
        }
    }

    /** The window counts a private entry under job_types.private, for everyone: its type is never aggregated. */
    @Test
    void theWindowCountsAPrivateEntryByNoTypeOfItsOwn() {
        givenAPrivateItemOfAlices();

        for (String user : List.of("alice", "vic")) {
            String window = read("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue="
                    + CALENDAR, user);
            assertThat(window).as(user).doesNotContain(DETAILS).contains("\"private\":1");
        }
    }

    private String read(String uri, String user) {
        var answer = client.get().uri(uri).header("X-Almanac-User", user).exchange().expectBody(String.class).returnResult();
        assertThat(answer.getStatus().value()).as("%s as %s", uri, user).isEqualTo(200);
        return Objects.requireNonNullElse(answer.getResponseBody(), "");
    }
}
