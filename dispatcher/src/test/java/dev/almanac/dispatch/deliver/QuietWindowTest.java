package dev.almanac.dispatch.deliver;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.almanac.events.notification.QuietHours;

import static org.assertj.core.api.Assertions.assertThat;

class QuietWindowTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    @Test
    void holdsUntilSevenInTheMorningOnTheUsersClock() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 23:30 in Berlin (CET, +1) on 2 December: held until 07:00 CET on 3 December.
        assertThat(QuietWindow.heldUntil(NIGHT, berlin, Instant.parse("2026-12-02T22:30:00Z")))
                .contains(Instant.parse("2026-12-03T06:00:00Z"));
        // 03:00 local: the same night, ends that morning.
        assertThat(QuietWindow.heldUntil(NIGHT, berlin, Instant.parse("2026-12-03T02:00:00Z")))
                .contains(Instant.parse("2026-12-03T06:00:00Z"));
    }

    @Test
    void sendsOutsideQuietHoursAndAtTheirEnd() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(QuietWindow.heldUntil(NIGHT, berlin, Instant.parse("2026-12-03T06:00:00Z"))).isEmpty();
        assertThat(QuietWindow.heldUntil(NIGHT, berlin, Instant.parse("2026-12-03T12:00:00Z"))).isEmpty();
        assertThat(QuietWindow.heldUntil(NIGHT, berlin, Instant.parse("2026-12-02T21:00:00Z"))).isEqualTo(Optional.of(
                Instant.parse("2026-12-03T06:00:00Z")));
    }

    @Test
    void readsHalfAndQuarterHourZones() {
        // Kolkata is +5:30: 23:00 local is 17:30Z; 07:00 local is 01:30Z.
        assertThat(QuietWindow.heldUntil(NIGHT, ZoneId.of("Asia/Kolkata"), Instant.parse("2026-12-02T17:30:00Z")))
                .contains(Instant.parse("2026-12-03T01:30:00Z"));
        // Kathmandu is +5:45: 21:59 local is outside, 22:00 inside.
        assertThat(QuietWindow.heldUntil(NIGHT, ZoneId.of("Asia/Kathmandu"), Instant.parse("2026-12-02T16:14:00Z"))).isEmpty();
        assertThat(QuietWindow.heldUntil(NIGHT, ZoneId.of("Asia/Kathmandu"), Instant.parse("2026-12-02T16:15:00Z")))
                .contains(Instant.parse("2026-12-03T01:15:00Z"));
    }

    @Test
    void anEndTheSpringGapSkipsIsTheInstantOfTheJump() {
        // New York springs from 02:00 to 03:00 on 8 March 2026; quiet hours ending at 02:30 end at the jump, 07:00Z.
        QuietHours untilHalfPastTwo = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
        assertThat(QuietWindow.heldUntil(untilHalfPastTwo, ZoneId.of("America/New_York"), Instant.parse("2026-03-08T04:00:00Z")))
                .contains(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void anEndTheAutumnOverlapShowsTwiceIsItsFirstShowing() {
        // Berlin falls from 03:00 CEST back to 02:00 CET on 25 October 2026; 02:30 first shows at 00:30Z.
        QuietHours untilHalfPastTwo = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
        assertThat(QuietWindow.heldUntil(untilHalfPastTwo, ZoneId.of("Europe/Berlin"), Instant.parse("2026-10-24T21:00:00Z")))
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void aNightThatCrossesLordHowesHalfHourShift() {
        // Lord Howe moves from +10:30 to +11 at 02:00 local on 4 October 2026; 07:00 the next morning is 20:00Z.
        assertThat(QuietWindow.heldUntil(NIGHT, ZoneId.of("Australia/Lord_Howe"), Instant.parse("2026-10-03T12:00:00Z")))
                .contains(Instant.parse("2026-10-03T20:00:00Z"));
    }

    @Test
    void daytimeQuietHoursDoNotSpanMidnight() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        ZoneId utc = ZoneId.of("UTC");
        assertThat(QuietWindow.heldUntil(lunch, utc, Instant.parse("2026-12-02T12:30:00Z"))).contains(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(QuietWindow.heldUntil(lunch, utc, Instant.parse("2026-12-02T13:00:00Z"))).isEmpty();
        assertThat(QuietWindow.heldUntil(lunch, utc, Instant.parse("2026-12-02T23:00:00Z"))).isEmpty();
    }
}
