package dev.almanac.dispatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;

class CalendarContactTest {

    @Test
    void aContactStoredBeforeNamesAndZonesWereKeptStillReadsAndIsToldByIdInUtc() {
        CalendarContact stored = CalendarContact.fromJson(
                "{\"staff_owner\":\"olga\",\"owner\":\"olga\",\"grants\":{\"mia\":\"MANAGER\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(stored.managers()).containsExactly(UserId.of("olga"), UserId.of("mia"));
        assertThat(stored.label("cal-ops")).isEqualTo("cal-ops");
        assertThat(stored.zoneId()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void itsNameAndZoneSurviveGrantsAndTheStore() {
        CalendarContact contact = CalendarContact.NONE.described("olga", "olga", "Grand Ballroom", ZoneId.of("Asia/Kathmandu"))
                .granted(UserId.of("mia"), CalendarRole.MANAGER);
        CalendarContact read = CalendarContact.fromJson(contact.toJson());
        assertThat(read).isEqualTo(contact);
        assertThat(read.label("cal-ballroom")).isEqualTo("Grand Ballroom");
        assertThat(read.zoneId()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(read.grants()).isEqualTo(Map.of("mia", CalendarRole.MANAGER));
    }
}
