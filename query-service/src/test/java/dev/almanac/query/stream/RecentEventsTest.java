package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Topics;

class RecentEventsTest {

    private static final TopicPartition SCHEDULE = new TopicPartition(Topics.SCHEDULE, 0);

    private Instant now = Instant.parse("2026-11-25T06:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void holdsEveryChangeFromWhereItStarted() {
        RecentEvents recent = new RecentEvents(10, Duration.ofMinutes(10), clock);
        recent.restart(Map.of(SCHEDULE, 100L));

        assertThat(recent.holdsFrom(SCHEDULE, 100)).isTrue();
        assertThat(recent.holdsFrom(SCHEDULE, 99)).isFalse();
        assertThat(recent.holdsFrom(new TopicPartition(Topics.RUNS, 0), 100)).as("a partition it never started on").isFalse();
    }

    @Test
    void countBeyondItsSizeIsDroppedOldestFirstAndRaisesTheFloor() {
        RecentEvents recent = recent(2, event("cal-a", 3), event("cal-a", 5), event("cal-a", 8));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.holdsFrom(SCHEDULE, 3)).isFalse();
        assertThat(recent.holdsFrom(SCHEDULE, 4)).isTrue();
        assertThat(recent.since(Set.of("cal-a"), Map.of(SCHEDULE, 4L))).extracting(StreamEvent::offset).containsExactly(5L, 8L);
    }

    @Test
    void changesPastTheirAgeAreDropped() {
        RecentEvents recent = recent(10, event("cal-a", 1));
        now = now.plus(Duration.ofMinutes(6));
        recent.add(event("cal-a", 2));
        now = now.plus(Duration.ofMinutes(5));

        recent.evict();

        assertThat(recent.since(Set.of("cal-a"), Map.of())).extracting(StreamEvent::offset).containsExactly(2L);
        assertThat(recent.holdsFrom(SCHEDULE, 1)).isFalse();
        assertThat(recent.holdsFrom(SCHEDULE, 2)).isTrue();
    }

    @Test
    void replaysOnlyTheAskedCalendarsFromTheirPositions() {
        RecentEvents recent = recent(10, event("cal-a", 1), event("cal-b", 2), event("cal-a", 3));

        assertThat(recent.since(Set.of("cal-a"), Map.of(SCHEDULE, 2L))).extracting(StreamEvent::offset).containsExactly(3L);
        assertThat(recent.since(Set.of("cal-b", "cal-a"), Map.of(SCHEDULE, 0L))).extracting(StreamEvent::offset).containsExactly(1L, 2L, 3L);
    }

    /** A buffer of this size, 10 minutes long, started at offset 0 and given these events now. */
    private RecentEvents recent(int maxEvents, StreamEvent... events) {
        RecentEvents recent = new RecentEvents(maxEvents, Duration.ofMinutes(10), clock);
        recent.restart(Map.of(SCHEDULE, 0L));
        for (StreamEvent event : events) {
            recent.add(event);
        }
        return recent;
    }

    static StreamEvent event(String calendar, long offset) {
        return new StreamEvent(SCHEDULE, offset, StreamTopic.SCHEDULE,
                new StreamChange(calendar, "dev.almanac.schedule.ItemScheduled.v1", "ev-" + offset, "item-" + offset, 1L, null));
    }
}
