package dev.almanac.events;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The zone ids of the tz database this JVM carries, read once: {@link ZoneId#getAvailableZoneIds()}
 * copies all of them into a new set on every call, and requests check a zone on every command.
 */
public final class IanaZones {

    private static final Set<String> KNOWN = Set.copyOf(ZoneId.getAvailableZoneIds());
    private static final List<String> SORTED = KNOWN.stream().sorted().toList();

    private IanaZones() {
    }

    /** Whether {@code id} names a zone exactly as the tz database spells it. */
    public static boolean isKnown(String id) {
        return KNOWN.contains(id);
    }

    /** Every known zone id, in alphabetical order. */
    public static List<String> sorted() {
        return SORTED;
    }
}
