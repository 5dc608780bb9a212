package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The slice caps an export at 10 events (almanac.query.export-max-events); the default is 10,000. What both
 * formats refuse alike, and their ETags, are in {@link CalendarExportRefusalsApiTest}.
 */
@QueryApiTest
class CalendarExportApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final String EXPORT = "/api/v1/calendars/{id}/export.ics";

    @Test
    void exportsItemsAndOccurrencesAsEventsWithTheCalendarsNameAndZone() throws Exception {
        // The sample rule's occurrence of 2 December, computed from the rule (ADR 0068).
        OccurrenceId occurrence = OccurrenceId.of(EventSamples.NIGHTLY, Instant.parse("2026-12-02T07:30:00Z"));
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), item, EventSamples.ruleCreated());

        EntityExchangeResult<String> answer = client.get()
                .uri(EXPORT + "?from=2026-12-01T12:00:00Z&till=2026-12-02T12:00:00Z", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"cal-ballroom.ics\"")
                .expectBody(String.class).returnResult();

        assertThat(Objects.requireNonNull(answer.getResponseHeaders().getContentType()).getCharset()).isEqualTo(StandardCharsets.UTF_8);
        Calendar calendar = ICalendarFeedTest.parse(Objects.requireNonNull(answer.getResponseBody()));
        assertThat(ICalendarFeedTest.value(calendar, "X-WR-CALNAME")).isEqualTo(EventSamples.calendarCreated().name() + " cal-ballroom");
        assertThat(ICalendarFeedTest.value(calendar, "X-WR-TIMEZONE")).isEqualTo("Asia/Kolkata");
        assertThat(ICalendarFeedTest.value(calendar, "METHOD")).isEqualTo("PUBLISH");
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "UID"))
                .containsExactly(item.itemId().value() + "@almanac", occurrence.value() + "@almanac");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "DTSTART"))
                .containsExactly("20261201T150000Z", "20261202T073000Z");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "DTEND"))
                .containsExactly("20261201T160000Z", "20261202T074500Z");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "SUMMARY"))
                .containsExactly("Quarterly review", "Nightly cleanup");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "CATEGORIES"))
                .containsExactly("meeting,finance", "maintenance_job");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "X-ALMANAC-RULE-ID"))
                .containsExactly(null, EventSamples.NIGHTLY.value());
    }

    /** New York falls back on 1 November 2026; the calendar's own zone, +05:45, has no DST at all. Neither moves an instant. */
    @Test
    void keepsInstantsExactAcrossADstEdgeOnAKathmanduCalendar() throws Exception {
        readModels.given(ReadModelFixture.calendar("cal-ktm", KATHMANDU),
                ReadModelFixture.item("before-fall-back", "cal-ktm", "job", Instant.parse("2026-10-31T13:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("across-fall-back", "cal-ktm", "job", Instant.parse("2026-11-01T05:30:00Z"), Duration.ofHours(2)),
                ReadModelFixture.item("after-fall-back", "cal-ktm", "job", Instant.parse("2026-11-02T14:00:00Z"), Duration.ofMinutes(45)));

        List<VEvent> events = events(Objects.requireNonNull(client.get()
                .uri(EXPORT + "?from={from}&till={till}", "cal-ktm", "2026-10-31T00:00:00+05:45", "2026-11-03T00:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()));

        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "UID"))
                .containsExactly("before-fall-back@almanac", "across-fall-back@almanac", "after-fall-back@almanac");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "DTSTART"))
                .containsExactly("20261031T130000Z", "20261101T053000Z", "20261102T140000Z");
        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "DTEND"))
                .containsExactly("20261031T140000Z", "20261101T073000Z", "20261102T144500Z");
    }

    /** Without from and till: from 00:00 UTC a week ago, for 97 days. The entries sit a day or more inside or outside the edges. */
    @Test
    void withoutParametersExportsFromAWeekAgoToNinetyDaysAhead() throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("nine-days-ago", "cal-a", "job", today.minus(Duration.ofDays(9)), Duration.ofHours(1)),
                ReadModelFixture.item("six-days-ago", "cal-a", "job", today.minus(Duration.ofDays(6)), Duration.ofHours(1)),
                ReadModelFixture.item("in-88-days", "cal-a", "job", today.plus(Duration.ofDays(88)), Duration.ofHours(1)),
                ReadModelFixture.item("in-92-days", "cal-a", "job", today.plus(Duration.ofDays(92)), Duration.ofHours(1)));

        List<VEvent> events = events(export("cal-a", ""));

        assertThat(events).extracting(event -> ICalendarFeedTest.value(event, "UID"))
                .containsExactly("six-days-ago@almanac", "in-88-days@almanac");
        String stamp = ICalendarFeedTest.value(events.get(0), "DTSTAMP");
        assertThat(stamp).endsWith("T000000Z").isIn(utc(today), utc(today.plus(Duration.ofDays(1))));
    }

    @Test
    void fromAloneReachesNinetySevenDaysAndTillAloneStartsAtTheDefault() throws Exception {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("day-96", "cal-a", "job", from.plus(Duration.ofDays(96)), Duration.ofHours(1)),
                ReadModelFixture.item("day-98", "cal-a", "job", from.plus(Duration.ofDays(98)), Duration.ofHours(1)));

        assertThat(events(export("cal-a", "?from=2026-12-01T00:00:00Z")))
                .extracting(event -> ICalendarFeedTest.value(event, "UID")).containsExactly("day-96@almanac");
        // till alone keeps the default from, a week before today, and must come after it.
        client.get().uri(EXPORT + "?till=2000-01-01T00:00:00Z", "cal-a")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo("after_from");
    }

    @Test
    void aCancelledItemLeavesTheExport() throws Exception {
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), EventSamples.itemScheduled(),
                EventSamples.itemCancelled());

        assertThat(events(export(EventSamples.BALLROOM.value(), "?from=2026-12-01T00:00:00Z&till=2026-12-31T00:00:00Z"))).isEmpty();
    }

    @Test
    void exportsAsManyEventsAsTheCap() throws Exception {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        for (int i = 0; i < 11; i++) {
            readModels.given(ReadModelFixture.item("e" + i, "cal-a", "job", nine.plus(Duration.ofDays(i)), Duration.ofHours(1)));
        }

        assertThat(events(export("cal-a", "?from=2026-12-01T00:00:00Z&till=2026-12-11T00:00:00Z"))).hasSize(10);
    }

    private String export(String calendarId, String query) {
        return Objects.requireNonNull(client.get().uri(EXPORT + query, calendarId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<VEvent> events(String document) throws Exception {
        return ICalendarFeedTest.parse(document).getComponents(Component.VEVENT);
    }

    /** An instant as RFC 5545 writes it in UTC: 20261201T000000Z. */
    private static String utc(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "");
    }
}
