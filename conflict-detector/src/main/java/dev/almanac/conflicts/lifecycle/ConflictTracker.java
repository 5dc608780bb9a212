package dev.almanac.conflicts.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.AffectedRange;
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * Keeps the published conflicts of each calendar in step with its entries. Every fact is
 * stored first; then the part of the calendar it can affect is detected afresh, reconciled
 * with the stored conflicts, and the differences are published. Only after the broker has
 * acknowledged them are they recorded, so a crash in between leaves the store behind and the
 * redelivered fact publishes the same records again. The detection runs even when the fact
 * itself was already stored, for exactly that reason.
 */
@Component
public class ConflictTracker {

    private final CalendarStore calendars;
    private final EntryStore entries;
    private final ConflictStore conflicts;
    private final EventPublisher publisher;
    private final ConflictMetrics metrics;

    public ConflictTracker(CalendarStore calendars, EntryStore entries, ConflictStore conflicts,
                           EventPublisher publisher, ConflictMetrics metrics) {
        this.calendars = calendars;
        this.entries = entries;
        this.conflicts = conflicts;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Entries may have arrived before their calendar, on another topic: the whole calendar is checked. */
    public Mono<Void> calendarCreated(EventMetadata cause, CalendarCreated created) {
        return calendars.save(created, cause.aggregateVersion())
                .then(calendars.find(created.calendarId()))
                .flatMap(calendar -> recomputeCalendar(calendar, cause));
    }

    public Mono<Void> entryPlaced(EventMetadata cause, CalendarId calendarId, Entry entry) {
        return entries.place(calendarId, entry, cause.aggregateVersion())
                .then(recomputeAround(calendarId, entry.key(), List.of(entry.time()), cause));
    }

    public Mono<Void> entryMoved(EventMetadata cause, CalendarId calendarId, EntryKey key, TimeRange from, TimeRange to) {
        return entries.move(calendarId, key, to, cause.aggregateVersion())
                .then(recomputeAround(calendarId, key, List.of(from, to), cause));
    }

    private Mono<Void> recomputeCalendar(CalendarProfile calendar, EventMetadata cause) {
        return entries.onCalendar(calendar.id()).collectList()
                .map(all -> CapacityBreaches.find(calendar.id(), calendar.capacity(), all))
                .flatMap(breaches -> known(conflicts.active(calendar.id()), breaches)
                        .map(known -> Reconciliation.reconcile(calendar, breaches, known)))
                .flatMap(changes -> publishThenRecord(changes, cause));
    }

    /**
     * The ranges an entry's change can affect are where it is now, where the event says it
     * was and is, and where its active conflicts are; each is widened until its breaches are
     * complete. A calendar not heard of yet is checked when it arrives.
     */
    private Mono<Void> recomputeAround(CalendarId calendarId, EntryKey key, List<TimeRange> hints, EventMetadata cause) {
        return calendars.find(calendarId).flatMap(calendar -> Flux.concat(
                        Flux.fromIterable(hints),
                        entries.find(key).map(Entry::time),
                        conflicts.activeInvolving(calendarId, key).map(StoredConflict::window))
                .collectList()
                .flatMapMany(ranges -> Flux.fromIterable(AffectedRange.coalesce(ranges)))
                .concatMap(range -> settle(calendar, range))
                .collectList()
                .flatMap(settled -> {
                    Map<ConflictId, Breach> breaches = new LinkedHashMap<>();
                    settled.forEach(scope -> scope.breaches().forEach(breach -> breaches.putIfAbsent(breach.id(), breach)));
                    Flux<StoredConflict> inScope = Flux.concat(
                            Flux.fromIterable(settled).concatMap(scope -> conflicts.activeOverlapping(calendarId, scope.range())),
                            conflicts.activeInvolving(calendarId, key));
                    return known(inScope, breaches.values())
                            .map(known -> Reconciliation.reconcile(calendar, breaches.values(), known));
                })
                .flatMap(changes -> publishThenRecord(changes, cause)));
    }

    /** Widens {@code range} until it stops growing; then its breaches are complete. */
    private Mono<SettledRange> settle(CalendarProfile calendar, TimeRange range) {
        return entries.meeting(calendar.id(), range).collectList().flatMap(found -> {
            List<Breach> breaches = CapacityBreaches.find(calendar.id(), calendar.capacity(), found);
            TimeRange widened = AffectedRange.widen(range, breaches);
            return widened.equals(range)
                    ? Mono.just(new SettledRange(range, AffectedRange.within(range, breaches)))
                    : settle(calendar, widened);
        });
    }

    /** The stored conflicts in scope, plus any stored conflict, active or cleared, that a computed breach would reuse. */
    private Mono<List<StoredConflict>> known(Flux<StoredConflict> inScope, Collection<Breach> breaches) {
        return Flux.concat(inScope, conflicts.withIds(breaches.stream().map(Breach::id).toList())).collectList();
    }

    private Mono<Void> publishThenRecord(List<ConflictChange> changes, EventMetadata cause) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
                    // All records go to one partition (the calendar's key), so sending them together keeps their order.
                    List<CompletableFuture<?>> acks = new ArrayList<>();
                    changes.forEach(change -> acks.add(publisher.publish(ConflictEventMetadata.of(change, cause), change.event())));
                    return Mono.fromFuture(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
                })
                .thenMany(Flux.fromIterable(changes).concatMap(conflicts::record))
                .then(Mono.fromRunnable(() -> metrics.published(changes)));
    }

    private record SettledRange(TimeRange range, List<Breach> breaches) {
    }
}
