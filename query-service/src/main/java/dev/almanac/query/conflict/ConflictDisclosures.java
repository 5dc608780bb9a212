package dev.almanac.query.conflict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.EntryKind;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.occurrence.RuleTimelines;

/**
 * Conflicts as one caller is shown them (ADR 0096): the clash stays, and each entry in it that {@link EntryDisclosure} would
 * show the caller as a busy block is one here, its title empty. A conflict copies its entries' titles, not whether they are
 * private or whose: an item is read by id for that, and an occurrence, unless stored, is found among its calendar's
 * computed ones at its start, which name its rule. An entry found in neither (an item deleted since, an occurrence its rule
 * no longer gives) is shown as the conflict holds it.
 */
@Component
public class ConflictDisclosures {

    private final Entries entries;
    private final RuleTimelines ruleTimelines;

    public ConflictDisclosures(Entries entries, RuleTimelines ruleTimelines) {
        this.entries = entries;
        this.ruleTimelines = ruleTimelines;
    }

    /** What the caller is shown of each of {@code conflicts}; nothing is read for a caller who sees everything in full. */
    public Mono<UnaryOperator<ConflictView>> shownTo(EntryDisclosure disclosure, Collection<ConflictView> conflicts) {
        if (disclosure.isInFull() || conflicts.stream().allMatch(conflict -> conflict.entries().isEmpty())) {
            return Mono.just(UnaryOperator.identity());
        }
        List<String> ids = conflicts.stream().flatMap(conflict -> conflict.entries().stream())
                .filter(entry -> entry.kind() != ConflictEntryKind.UNAVAILABILITY).map(ConflictView.Entry::entryId).distinct().toList();
        Mono<Map<String, Entry>> stored = Flux.fromIterable(ids).flatMap(entries::find).collectMap(Entry::id);
        return Mono.zip(stored, ruleTimelines.snapshot()).map(read -> conflict -> shown(conflict, disclosure, read.getT1(), read.getT2()));
    }

    private static ConflictView shown(ConflictView conflict, EntryDisclosure disclosure, Map<String, Entry> stored,
                                      RuleTimelines.Snapshot snapshot) {
        boolean anyBusy = false;
        List<ConflictView.Entry> shown = new ArrayList<>(conflict.entries().size());
        Map<String, EntryCopy> computed = new HashMap<>();
        for (ConflictView.Entry entry : conflict.entries()) {
            BusyBlock why = busyBlock(conflict, entry, disclosure, stored, snapshot, computed);
            anyBusy |= why != null;
            shown.add(why == null ? entry : entry.asBusyBlock(why));
        }
        return anyBusy ? conflict.withEntries(shown) : conflict;
    }

    private static @Nullable BusyBlock busyBlock(ConflictView conflict, ConflictView.Entry entry, EntryDisclosure disclosure,
                                                 Map<String, Entry> stored, RuleTimelines.Snapshot snapshot, Map<String, EntryCopy> computed) {
        String calendarId = conflict.calendarOf(entry);
        if (calendarId == null) {
            return null;
        }
        Entry read = stored.get(entry.entryId());
        if (read != null) {
            return disclosure.busyBlock(read);
        }
        if (entry.kind() != ConflictEntryKind.OCCURRENCE) {
            return null;
        }
        EntryCopy copy = computed.get(entry.entryId());
        if (copy == null) {
            snapshot.copiesOverlapping(entry.start(), entry.end(), calendarId).forEach(found -> computed.put(found.id(), found));
            copy = computed.get(entry.entryId());
        }
        return copy == null ? null : disclosure.busyBlock(calendarId, EntryKind.OCCURRENCE, copy.privateEntry(), null, copy.ruleId());
    }
}
