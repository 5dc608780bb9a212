package dev.almanac.query.limits;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The budgets ({@code almanac.query.read-limits.*}): how many reads of each family a caller may make in its window, and
 * how many live streams it may hold open on one replica. 0 turns a budget off; {@code enabled=false} turns them all off,
 * as the benchmarks do to measure capacity rather than policy.
 */
@Component
public class ReadLimitSettings {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private final boolean enabled;
    private final int readsPerMinute;
    private final int exportsPerHour;
    private final int changesPerMinute;
    private final int streamsPerCaller;

    ReadLimitSettings(@Value("${almanac.query.read-limits.enabled:true}") boolean enabled,
                      @Value("${almanac.query.read-limits.reads-per-minute:6000}") int readsPerMinute,
                      @Value("${almanac.query.read-limits.exports-per-hour:120}") int exportsPerHour,
                      @Value("${almanac.query.read-limits.changes-per-minute:600}") int changesPerMinute,
                      @Value("${almanac.query.read-limits.streams-per-caller:5}") int streamsPerCaller) {
        requireNotNegative("reads-per-minute", readsPerMinute);
        requireNotNegative("exports-per-hour", exportsPerHour);
        requireNotNegative("changes-per-minute", changesPerMinute);
        requireNotNegative("streams-per-caller", streamsPerCaller);
        this.enabled = enabled;
        this.readsPerMinute = readsPerMinute;
        this.exportsPerHour = exportsPerHour;
        this.changesPerMinute = changesPerMinute;
        this.streamsPerCaller = streamsPerCaller;
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("almanac.query.read-limits." + name + " must be 0 (off) or more, not " + value);
        }
    }

    /** The reads a caller may make in one {@link #window(ReadFamily)}; 0 when the family is not limited. */
    int quota(ReadFamily family) {
        if (!enabled) {
            return 0;
        }
        return switch (family) {
            case READS -> readsPerMinute;
            case EXPORTS -> exportsPerHour;
            case CHANGES -> changesPerMinute;
        };
    }

    Duration window(ReadFamily family) {
        return family == ReadFamily.EXPORTS ? HOUR : MINUTE;
    }

    /** The live streams a caller may hold open on one replica; 0 when not capped. */
    int streamsPerCaller() {
        return enabled ? streamsPerCaller : 0;
    }
}
