package dev.almanac.recurrence;

import java.time.Instant;
import java.util.List;

/**
 * One page of a rule's occurrences: exactly those whose resolved instant lies in
 * {@code [from, coveredUntil)}, in ascending order of resolved instant.
 *
 * <p>When the limit cut the page short, {@code truncated} is true and {@code coveredUntil} is the
 * resolved instant of the first occurrence left out: expanding again from {@code coveredUntil}
 * continues with no gap and no duplicate. {@code truncated} is true too when the search gave up
 * after a long stretch without any occurrence (a schedule whose every time the DST policy skips,
 * asked over a window of millennia); {@code coveredUntil} then says how far the window is covered,
 * and expanding again from there goes on. Otherwise {@code coveredUntil} is the end of the window
 * that was asked for.
 */
public record Expansion(List<Occurrence> occurrences, boolean truncated, Instant coveredUntil) {

    public Expansion {
        occurrences = List.copyOf(occurrences);
    }
}
