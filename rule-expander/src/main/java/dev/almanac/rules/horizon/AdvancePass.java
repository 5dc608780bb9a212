package dev.almanac.rules.horizon;

/**
 * What one horizon-advance pass did.
 *
 * @param rules     rules that had a window to publish and were moved forward
 * @param published occurrences published and acknowledged
 * @param failed    rules whose pass failed; they stay behind and the next pass tries again
 */
public record AdvancePass(int rules, int published, int failed) {

    static final AdvancePass NONE = new AdvancePass(0, 0, 0);

    AdvancePass advanced(int occurrences) {
        return new AdvancePass(rules + 1, published + occurrences, failed);
    }

    AdvancePass failedOne() {
        return new AdvancePass(rules, published, failed + 1);
    }
}
