package dev.almanac.rules.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * How far a rule's occurrences have been checked for missed runs (ADR 0023), from stored state only,
 * so any replica can go on: every standing occurrence resolving before {@code checkedUntil} was
 * checked; {@code checkedMoves} holds the moved occurrences checked where they were moved to
 * (recurrence id to start); {@code pauses} is the log of the pauses, disables and deletions (and of
 * the resumes and enables that ended them) not yet behind {@code checkedUntil}, from which the
 * windows when the rule ran nothing are read: nothing in them was due, so nothing there is missed.
 */
public record MissedCheck(Instant checkedUntil, Map<Instant, Instant> checkedMoves, List<PauseEntry> pauses) {

    public MissedCheck {
        checkedMoves = Map.copyOf(new TreeMap<>(checkedMoves));
        pauses = List.copyOf(pauses);
    }

    public static MissedCheck from(Instant checkedUntil) {
        return new MissedCheck(checkedUntil, Map.of(), List.of());
    }

    /**
     * One entry of the pause log: a pause (or disable, or deletion) at {@code at}, ending by itself at
     * {@code until} when given, or a resume (or enable) at {@code at} ending the pause before it.
     */
    public record PauseEntry(boolean resume, Instant at, @Nullable Instant until) {
    }

    /** A window {@code [from, until)} when the rule ran nothing; no end while it lasts. */
    public record Window(Instant from, @Nullable Instant until) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && (until == null || instant.isBefore(until));
        }
    }

    /** The windows the pause log describes, in order: a pause ends at its own end or the resume after it, whichever is first. */
    public List<Window> windows() {
        List<Window> windows = new ArrayList<>();
        PauseEntry open = null;
        for (PauseEntry entry : pauses) {
            if (entry.resume()) {
                if (open != null) {
                    Instant end = open.until() != null && open.until().isBefore(entry.at()) ? open.until() : entry.at();
                    windows.add(new Window(open.at(), end));
                    open = null;
                }
            } else {
                if (open != null) {
                    windows.add(new Window(open.at(), open.until() != null && open.until().isBefore(entry.at()) ? open.until() : entry.at()));
                }
                open = entry;
            }
        }
        if (open != null) {
            windows.add(new Window(open.at(), open.until()));
        }
        return windows;
    }

    /** Whether the rule ran nothing at {@code start}: it lies in one of the windows. */
    public boolean withdrawn(Instant start) {
        return windows().stream().anyMatch(window -> window.contains(start));
    }

    /**
     * The log without what no check will need again: each pause whose window ends at or before
     * {@code before} (every occurrence in it is checked) goes, with the resume that ended it.
     */
    public List<PauseEntry> prunedBefore(Instant before) {
        List<PauseEntry> kept = new ArrayList<>();
        List<PauseEntry> group = new ArrayList<>();
        for (PauseEntry entry : pauses) {
            if (!entry.resume() && !group.isEmpty()) {
                keepUnlessOver(group, entry.at(), before, kept);
                group.clear();
            }
            group.add(entry);
            if (entry.resume()) {
                keepUnlessOver(group, entry.at(), before, kept);
                group.clear();
            }
        }
        keepUnlessOver(group, null, before, kept);
        return kept;
    }

    /** A pause and what ended it: dropped if its window, ending at its own end or at {@code endedAt}, is over by {@code before}. */
    private static void keepUnlessOver(List<PauseEntry> group, @Nullable Instant endedAt, Instant before, List<PauseEntry> kept) {
        if (group.isEmpty()) {
            return;
        }
        PauseEntry first = group.get(0);
        Instant end = first.resume() ? first.at() : first.until() != null && (endedAt == null || first.until().isBefore(endedAt))
                ? first.until() : endedAt;
        if (end == null || end.isAfter(before)) {
            kept.addAll(group);
        }
    }
}
