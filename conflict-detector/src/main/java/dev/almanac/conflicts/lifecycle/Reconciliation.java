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
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;

/**
 * Compares what detection found in a range with what was stored for it, and names the events
 * that bring the stored state up to date. Only differences produce events, so running it
 * again on the same facts produces none.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * @param computed the breaches detection found in the affected range, complete
     * @param known    the stored conflicts that are active in that range or involve the changed entry,
     *                 and any stored conflict (active or cleared) with the id of a computed breach
     * @return clearances first, then detections in the order of their windows
     */
    public static List<ConflictChange> reconcile(CalendarProfile calendar, Collection<Breach> computed,
                                                 Collection<StoredConflict> known) {
        Map<ConflictId, StoredConflict> knownById = known.stream()
                .collect(Collectors.toMap(StoredConflict::id, Function.identity(), (first, second) -> first));
        Set<ConflictId> computedIds = computed.stream().map(Breach::id).collect(Collectors.toSet());

        List<ConflictChange> changes = new ArrayList<>();
        knownById.values().stream()
                .filter(stored -> stored.active() && !computedIds.contains(stored.id()))
                .sorted(Comparator.comparing(stored -> stored.id().value()))
                .forEach(stored -> changes.add(new ConflictChange.Clearance(
                        new ConflictCleared(stored.id(), calendar.id(), clearReason(calendar, stored, computed)),
                        stored.version() + 1)));
        computed.stream()
                .sorted(Comparator.comparing((Breach breach) -> breach.window().start())
                        .thenComparing(breach -> breach.id().value()))
                .forEach(breach -> detection(calendar.describe(breach), knownById.get(breach.id()))
                        .ifPresent(changes::add));
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

    private static String clearReason(CalendarProfile calendar, StoredConflict cleared, Collection<Breach> computed) {
        List<EntryKey> clearedEntries = cleared.lastDetected().entries().stream()
                .map(entry -> new EntryKey(entry.kind(), entry.entryId()))
                .toList();
        Optional<Breach> successor = computed.stream()
                .filter(breach -> breach.window().overlaps(cleared.window()))
                .filter(breach -> clearedEntries.stream().anyMatch(breach::involves))
                .findFirst();
        if (successor.isPresent()) {
            return "superseded by conflict " + successor.get().id() + ": the set of clashing entries changed";
        }
        return calendar.capacity() == 1 ? "entries no longer overlap"
                : "entries no longer exceed the calendar's capacity of " + calendar.capacity();
    }
}
