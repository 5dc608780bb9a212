package dev.almanac.conflicts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.link.LinkPair;
import dev.almanac.conflicts.link.LinkPairStore;
import dev.almanac.conflicts.link.LinkSide;
import dev.almanac.conflicts.link.OrphanedLinks;
import dev.almanac.conflicts.link.PendingOrphan;
import dev.almanac.conflicts.link.SameTransaction;
import dev.almanac.events.Tenant;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Keeps the orphaned links of the pairs whose primary's id falls on the partition in step with their
 * two sides (ADR 0061). Each side arrives from its item's calendar's task, stamped with the item's
 * version, and is applied if newer than the side stored; then the pair is compared with itself:
 * <ul>
 *   <li>Sides that agree clear the pair's orphaned link at once, with the reason, and end its grace.</li>
 *   <li>Sides that disagree may be half of one change: the command side changes a pair in one transaction,
 *       but the two items' events travel on the partitions of their calendars. Each event says which linked
 *       items its transaction changed too, and to which version ({@link SameTransaction}). While the pair
 *       awaits such a side, or when the fact did not say, a disagreement that the published conflict does not
 *       already say starts a grace, stored as data with a due time ({@link LinkPairStore#DUE}), unless one
 *       runs; {@link #dueBy} publishes the orphaned link when the grace is out and the sides still disagree.</li>
 *   <li>Sides that disagree while nothing is on its way are an orphaned link at once (ADR 0061).</li>
 * </ul>
 * A duplicate or older side changes nothing and returns nothing, as for entries and bookings.
 */
public final class OrphanTracker {

    private final LinkPairStore pairs;
    private final ConflictStore conflicts;

    public OrphanTracker(LinkPairStore pairs, ConflictStore conflicts) {
        this.pairs = pairs;
        this.conflicts = conflicts;
    }

    /** A change to publish, and the envelope of the fact that caused it. */
    public record Published(ConflictChange change, EventMetadata cause) {
    }

    /**
     * Applies one side.
     *
     * @param now   when the task sees it: a grace it starts runs from here
     * @param grace how long sides may disagree, while a side is on its way or unsaid, before the pair is an orphaned link
     * @return what to publish now: clearances, and orphaned links whose sides disagree with nothing on its way
     */
    public List<Published> sideChanged(LinkSideChange change, EventMetadata cause, Instant now, Duration grace) {
        LinkSide side = change.side();
        LinkPair stored = pairs.find(side.primaryId(), side.followerId()).orElse(LinkPair.unknown(side.primaryId(), side.followerId()));
        LinkSide before = stored.side(side.role());
        if (before != null && before.version() >= side.version()) {
            return List.of();
        }
        LinkPair pair = stored.with(side);
        Optional<ConflictDetected> orphan = OrphanedLinks.orphan(pair);
        Optional<StoredConflict> published = conflicts.find(OrphanedLinks.conflictId(pair.primaryId(), pair.followerId()));
        if (orphan.isEmpty()) {
            pairs.save(pair.withPending(null));
            return withCause(reconcile(pair, Optional.empty(), published, change.cause()), cause);
        }
        boolean alreadySaid = published.filter(StoredConflict::active).map(StoredConflict::lastDetected).equals(orphan);
        if (alreadySaid) {
            pairs.save(pair.withPending(null));
            return List.of();
        }
        if (pair.awaitsASide() || !side.sameTransaction().said()) {
            pairs.save(pair.pending() != null ? pair : pair.withPending(new PendingOrphan(now.plus(grace), cause)));
            return List.of();
        }
        // Nothing is on its way: the sides disagree for good. A grace still running was started by the fact that broke the pair.
        EventMetadata brokenBy = pair.pending() != null ? pair.pending().cause() : cause;
        pairs.save(pair.withPending(null));
        return withCause(reconcile(pair, orphan, published, null), brokenBy);
    }

    private static List<Published> withCause(List<ConflictChange> changes, EventMetadata cause) {
        return changes.stream().map(change -> new Published(change, cause)).toList();
    }

    /**
     * The pairs whose grace is out at {@code now}, at most {@code limit}: each is compared again, and
     * published as an orphaned link, with the envelope of the fact that started its grace, if its sides
     * still disagree; its grace ends either way.
     */
    public List<Published> dueBy(Instant now, int limit) {
        List<Published> published = new ArrayList<>();
        for (LinkPair pair : pairs.dueBy(now, limit)) {
            EventMetadata cause = pair.pending().cause();
            pairs.save(pair.withPending(null));
            Optional<StoredConflict> stored = conflicts.find(OrphanedLinks.conflictId(pair.primaryId(), pair.followerId()));
            reconcile(pair, OrphanedLinks.orphan(pair), stored, null)
                    .forEach(change -> published.add(new Published(change, cause)));
        }
        return published;
    }

    /** When the earliest grace runs out; null when no pair waits one out. */
    public @Nullable Instant firstDue() {
        return pairs.firstDue();
    }

    /**
     * The re-scan of the partition's pairs: each is compared afresh and reconciled with its stored
     * conflict. A pair waiting out its grace is left to it; one that disagrees without a grace (its
     * conflict was lost, or the state predates it) is published at once, the re-scan being the check
     * that the live state missed nothing.
     */
    public Rescanned rescan() {
        return rescan(null);
    }

    /** {@link #rescan()} of the pairs of {@code tenant} only (ADR 0102); of every pair when null. */
    public Rescanned rescan(@Nullable Tenant tenant) {
        List<ConflictChange> changes = new ArrayList<>();
        List<StoredConflict> holding = new ArrayList<>();
        int scanned = 0;
        for (LinkPair pair : pairs.all(tenant)) {
            scanned++;
            Optional<ConflictDetected> orphan = OrphanedLinks.orphan(pair);
            Optional<StoredConflict> stored = conflicts.find(OrphanedLinks.conflictId(pair.primaryId(), pair.followerId()));
            if (orphan.isPresent() && pair.pending() != null) {
                stored.filter(StoredConflict::active).ifPresent(holding::add);
                continue;
            }
            if (orphan.isEmpty() && pair.pending() != null) {
                pairs.save(pair.withPending(null));
            }
            changes.addAll(reconcile(pair, orphan, stored, ConflictTracker.Causes.RESCAN));
            if (orphan.isPresent()) {
                conflicts.find(orphan.get().conflictId()).filter(StoredConflict::active).ifPresent(holding::add);
            }
        }
        return new Rescanned(scanned, holding, changes);
    }

    /**
     * @param pairs   how many pairs the re-scan compared
     * @param holding the orphaned links that hold after it
     */
    public record Rescanned(int pairs, List<StoredConflict> holding, List<ConflictChange> changes) {
    }

    private List<ConflictChange> reconcile(LinkPair pair, Optional<ConflictDetected> orphan, Optional<StoredConflict> stored,
                                           @Nullable String cause) {
        List<ConflictChange> changes = Reconciliation.reconcile(orphan.stream().toList(), stored.stream().toList(),
                cleared -> OrphanedLinks.noLongerOrphaned(pair), cause);
        changes.forEach(conflicts::record);
        return changes;
    }
}
