package dev.almanac.query.opsfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;

/** The ranges the views answer without start and end: local days of the requested zone, DST days included. */
class OpsViewTest {

    @ParameterizedTest(name = "{0} at {1} in {2}")
    @CsvSource({
            "DAY, 2026-12-02T15:00:00Z, UTC, 2026-12-02T00:00:00Z, 2026-12-03T00:00:00Z",
            // Before 06:00Z it is still the previous day in Chicago.
            "DAY, 2026-12-02T05:00:00Z, America/Chicago, 2026-12-01T06:00:00Z, 2026-12-02T06:00:00Z",
            // Chicago's spring-forward day has 23 hours.
            "DAY, 2026-03-08T18:00:00Z, America/Chicago, 2026-03-08T06:00:00Z, 2026-03-09T05:00:00Z",
            "DAY, 2026-12-02T20:00:00Z, Asia/Kathmandu, 2026-12-02T18:15:00Z, 2026-12-03T18:15:00Z",
            // 2026-12-02 is a Wednesday: its ISO week runs from Monday the 30th of November.
            "WEEK, 2026-12-02T15:00:00Z, UTC, 2026-11-30T00:00:00Z, 2026-12-07T00:00:00Z",
            // The week holding Chicago's fall-back has 169 hours.
            "WEEK, 2026-11-01T12:00:00Z, America/Chicago, 2026-10-26T05:00:00Z, 2026-11-02T06:00:00Z",
            "LIST, 2026-12-02T15:00:00Z, UTC, 2026-11-25T00:00:00Z, 2026-12-25T00:00:00Z",
            "LIST, 2026-03-20T12:00:00Z, America/Chicago, 2026-03-13T05:00:00Z, 2026-04-12T05:00:00Z"})
    void theDefaultRangeIsTheViewsLocalDaysHoldingNow(OpsView view, Instant now, ZoneId zone, Instant start, Instant end) {
        assertThat(view.defaultRange(now, zone)).isEqualTo(new TimeRange(start, end));
    }

    @Test
    void noDefaultRangeIsLongerThanTheFeedTakes() {
        for (OpsView view : OpsView.values()) {
            for (String zone : List.of("UTC", "America/Chicago", "Australia/Lord_Howe", "Pacific/Apia")) {
                for (Instant now = Instant.parse("2026-01-01T00:00:00Z"); now.isBefore(Instant.parse("2027-01-01T00:00:00Z"));
                     now = now.plus(Duration.ofHours(13))) {
                    TimeRange range = view.defaultRange(now, ZoneId.of(zone));
                    assertThat(Duration.between(range.start(), range.end())).isLessThanOrEqualTo(Duration.ofDays(OpsFeedController.MAX_RANGE_DAYS));
                    assertThat(range.start()).isBeforeOrEqualTo(now);
                    assertThat(range.end()).isAfter(now);
                }
            }
        }
    }

    @Test
    void theFeedIsReadDayByDayAtUtcMidnights() {
        assertThat(OpsFeed.utcDays(Instant.parse("2026-12-01T18:00:00Z"), Instant.parse("2026-12-03T06:00:00Z"))).containsExactly(
                new OpsFeed.Piece(Instant.parse("2026-12-01T18:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")),
                new OpsFeed.Piece(Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z")),
                new OpsFeed.Piece(Instant.parse("2026-12-03T00:00:00Z"), Instant.parse("2026-12-03T06:00:00Z")));
    }
}
