package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The per-transition reading of local times agrees with java.time's per-time reading, in every zone
 * of the tz database. ical4j registers zones of its own with java.time ({@code ical4j~<uuid>}, built
 * from its bundled VTIMEZONEs) when it is on the class path; rules are never read in those.
 */
class ZoneTimelineTest {

    private static final Instant FIRST = Instant.parse("1850-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void everyZonesGapsAndOverlapsFollowOneAnotherInLocalTime() {
        List<String> overlapping = new ArrayList<>();
        for (String id : tzdbZoneIds()) {
            ZoneRules rules = ZoneId.of(id).getRules();
            long previousEnd = Long.MIN_VALUE;
            for (ZoneOffsetTransition t = rules.nextTransition(FIRST); t != null && t.getInstant().isBefore(LAST); t = rules.nextTransition(t.getInstant())) {
                long start = t.toEpochSecond() + Math.min(t.getOffsetBefore().getTotalSeconds(), t.getOffsetAfter().getTotalSeconds());
                if (start < previousEnd) {
                    overlapping.add(id + " " + t);
                }
                previousEnd = t.toEpochSecond() + Math.max(t.getOffsetBefore().getTotalSeconds(), t.getOffsetAfter().getTotalSeconds());
            }
        }

        assertThat(overlapping).isEmpty();
    }

    @Test
    void exactOffsetIsTheOnlyValidOffsetAndTransitionsAreWhereThereIsNoneOrTwo() {
        SplittableRandom random = new SplittableRandom(20261122);
        for (String id : tzdbZoneIds()) {
            ZoneRules rules = ZoneId.of(id).getRules();
            List<Long> localSeconds = new ArrayList<>();
            // Around every transition, and at random between them.
            for (ZoneOffsetTransition t = rules.nextTransition(FIRST); t != null && t.getInstant().isBefore(LAST); t = rules.nextTransition(t.getInstant())) {
                long before = t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
                long after = t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC);
                for (long local : new long[] {before - 1, before, before + 1, after - 1, after, after + 1, (before + after) / 2}) {
                    localSeconds.add(local);
                }
                localSeconds.add(before + random.nextLong(-40 * 86_400L, 40 * 86_400L));
            }
            localSeconds.add(LocalDateTime.parse("2026-06-15T12:00").toEpochSecond(ZoneOffset.UTC));
            localSeconds.sort(Long::compare);

            ZoneTimeline timeline = new ZoneTimeline(rules, localSeconds.get(0));
            for (long local : localSeconds) {
                List<ZoneOffset> valid = rules.getValidOffsets(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC));
                int expected = valid.size() == 1 ? valid.get(0).getTotalSeconds() : ZoneTimeline.AT_TRANSITION;

                assertThat(timeline.exactOffset(local)).as("%s at %s", id, LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC)).isEqualTo(expected);
            }
        }
    }

    private static List<String> tzdbZoneIds() {
        List<String> ids = ZoneId.getAvailableZoneIds().stream().filter(id -> !id.startsWith("ical4j")).sorted().toList();
        assertThat(ids).hasSizeGreaterThan(500).contains("Pacific/Apia", "Australia/Lord_Howe");
        return ids;
    }

    @Test
    void aFixedOffsetHasNoTransitions() {
        ZoneTimeline timeline = new ZoneTimeline(ZoneOffset.ofHoursMinutes(5, 45).getRules(), 0);

        assertThat(timeline.exactOffset(0)).isEqualTo(5 * 3600 + 45 * 60);
        assertThat(timeline.exactOffset(Long.MAX_VALUE / 2)).isEqualTo(5 * 3600 + 45 * 60);
    }
}
