package dev.almanac.conflicts.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictingEntry;

/**
 * Compares what detection found in a range with what was stored for it, and names the events
 * that bring the stored state up to date. Only differences produce events, so running it
 * again on the same facts produces none.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** Why a conflict that is gone without a successor no longer holds, for the clearance's reason. */
    @FunctionalInterface
    public interface NoLongerHolds {

        String of(ConflictDetected cleared);
    }

    /** {@link #reconcile(Collection, Collection, NoLongerHolds, String)} for a calendar's breaches, naming no cause. */
    public static List<ConflictChange> reconcile(CalendarProfile calendar, Collection<Breach> computed,
                                                 Collection<StoredConflict> known) {
        return reconcile(calendar, computed, known, null);
    }

    /** {@link #reconcile(Collection, Collection, NoLongerHolds, String)} for a calendar's breaches and warnings. */
    public static List<ConflictChange> reconcile(CalendarProfile calendar, Collection<Breach> computed,
                                                 Collection<StoredConflict> known, @Nullable String cause) {
        return reconcile(computed.stream().map(calendar::describe).toList(), known, calendar::noLongerHolds, cause);
    }

    /**
     * @param computed the conflicts detection found in the affected range, complete
     * @param known    the stored conflicts that are active in that range or involve the changed entry,
     *                 and any stored conflict (active or cleared) with the id of a computed one
     * @param cause    what happened, for the reason of a clearance ("item x was rescheduled"); null names none
     * @return clearances first, then detections in the order of their windows
     */
    public static List<ConflictChange> reconcile(Collection<ConflictDetected> computed, Collection<StoredConflict> known,
                                                 NoLongerHolds noLongerHolds, @Nullable String cause) {
        Map<ConflictId, StoredConflict> knownById = known.stream()
                .collect(Collectors.toMap(StoredConflict::id, Function.identity(), (first, second) -> first));
        Set<ConflictId> computedIds = computed.stream().map(ConflictDetected::conflictId).collect(Collectors.toSet());

        List<ConflictChange> changes = new ArrayList<>();
        knownById.values().stream()
                .filter(stored -> stored.active() && !computedIds.contains(stored.id()))
                .sorted(Comparator.comparing(stored -> stored.id().value()))
                .forEach(stored -> changes.add(new ConflictChange.Clearance(
                        new ConflictCleared(stored.id(), stored.lastDetected().calendarId(),
                                clearReason(stored, computed, noLongerHolds, cause)),
                        stored.version() + 1)));
        computed.stream()
                .sorted(Comparator.comparing(ConflictDetected::start).thenComparing(detected -> detected.conflictId().value()))
                .forEach(detected -> detection(keepCalendar(detected, knownById.get(detected.conflictId())),
                        knownById.get(detected.conflictId())).ifPresent(changes::add));
        return changes;
    }

    private static Optional<ConflictChange> detection(ConflictDetected now, @Nullable StoredConflict stored) {
        if (stored == null) {
            return Optional.of(new ConflictChange.Detection(now, 0));
        }
        if (stored.active() && stored.lastDetected().equals(now)) {
            return Optional.empty();
        }
        return Optional.of(new ConflictChange.Detection(now, stored.version() + 1));
    }

    /**
     * A conflict's events are keyed by its calendar, so the calendar stays what it first was: a
     * resource conflict's first booking could otherwise be found on another calendar later (an
     * occurrence whose rule moved to another queue), and its events would change partition.
     */
    private static ConflictDetected keepCalendar(ConflictDetected now, @Nullable StoredConflict stored) {
        if (stored == null || stored.lastDetected().calendarId().equals(now.calendarId())) {
            return now;
        }
        return new ConflictDetected(now.conflictId(), stored.lastDetected().calendarId(), now.type(), now.level(), now.start(),
                now.end(), now.capacity(), now.peakConcurrency(), now.entries(), now.resourceId(), now.resourceType(), now.bookings(),
                now.link());
    }

    private static String clearReason(StoredConflict cleared, Collection<ConflictDetected> computed, NoLongerHolds noLongerHolds,
                                      @Nullable String cause) {
        ConflictDetected gone = cleared.lastDetected();
        Optional<ConflictDetected> successor = computed.stream()
                .filter(now -> now.type() == gone.type())
                .filter(now -> now.start().isBefore(gone.end()) && gone.start().isBefore(now.end()))
                .filter(now -> sharesAnEntry(now, gone))
                .findFirst();
        String why = successor.map(now -> "superseded by conflict " + now.conflictId() + ": the set of clashing entries changed")
                .orElseGet(() -> noLongerHolds.of(gone));
        return cause == null ? why : why + ", after " + cause;
    }

    private static boolean sharesAnEntry(ConflictDetected a, ConflictDetected b) {
        return a.entries().stream().anyMatch(entry -> b.entries().stream().anyMatch(other -> sameEntry(entry, other)));
    }

    /** The same item or occurrence; an unavailable range is not an entry that moves from one clash to another. */
    private static boolean sameEntry(ConflictingEntry a, ConflictingEntry b) {
        return a.kind() != ConflictEntryKind.UNAVAILABILITY && a.kind() == b.kind() && a.entryId().equals(b.entryId());
    }
}
