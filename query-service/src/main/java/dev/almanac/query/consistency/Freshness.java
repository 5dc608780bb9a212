package dev.almanac.query.consistency;

import java.util.Locale;

/** What a read that passed a consistency token answers in {@value #HEADER}. */
public enum Freshness {
    /** The read models held the token's write when the read began. */
    FRESH,
    /** The wait ran out first: the answer may not show the write. Never given without saying so. */
    STALE;

    public static final String HEADER = "Almanac-Consistency";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
