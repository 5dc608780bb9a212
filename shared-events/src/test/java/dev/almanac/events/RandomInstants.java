package dev.almanac.events;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Instants from 0000-01-01 to 9999-12-31, the years that the plain ISO-8601 form writes with four digits, with no
 * fraction or one of milliseconds, microseconds or nanoseconds alike: the shapes that the wire readers must read
 * as the JDK's formatters do.
 */
public final class RandomInstants {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long END = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private RandomInstants() {
    }

    public static Instant next(SplittableRandom random) {
        return Instant.ofEpochSecond(random.nextLong(FIRST, END), nanos(random));
    }

    private static int nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
