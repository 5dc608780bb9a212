package dev.almanac.query.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The services' clock in tests: it follows the system's until a test pins it, and then moves only when the test
 * moves it, so that a test computing "today" and the service agree on it, midnight or not.
 */
public final class TestClock extends Clock {

    private final ZoneId zone;
    private volatile Instant pinned;

    public TestClock() {
        this(ZoneOffset.UTC, null);
    }

    private TestClock(ZoneId zone, Instant pinned) {
        this.zone = zone;
        this.pinned = pinned;
    }

    public static TestClock pinnedAt(Instant instant) {
        return new TestClock(ZoneOffset.UTC, instant);
    }

    public void pin(Instant instant) {
        pinned = Objects.requireNonNull(instant);
    }

    public void advance(Duration by) {
        pinned = Objects.requireNonNull(pinned, "pin the clock before moving it").plus(by);
    }

    /** Follows the system's clock again. */
    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        TestClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return self.withZone(zone);
            }
        };
    }
}
