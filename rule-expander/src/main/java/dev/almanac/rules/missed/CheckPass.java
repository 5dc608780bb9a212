package dev.almanac.rules.missed;

/**
 * What one missed-run check did.
 *
 * @param rules    rules checked and recorded
 * @param missed   occurrences found missed and published
 * @param caughtUp catch-up runs published
 * @param failed   rules whose check failed; they are checked again on the next pass
 */
public record CheckPass(int rules, int missed, int caughtUp, int failed) {

    static final CheckPass NONE = new CheckPass(0, 0, 0, 0);

    CheckPass checked(int missedHere, int caughtUpHere) {
        return new CheckPass(rules + 1, missed + missedHere, caughtUp + caughtUpHere, failed);
    }

    CheckPass failedOne() {
        return new CheckPass(rules, missed, caughtUp, failed + 1);
    }
}
