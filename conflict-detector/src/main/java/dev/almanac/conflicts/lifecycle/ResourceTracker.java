package dev.almanac.conflicts.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.AffectedRange;
import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.Intervals;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.resource.BookingStore;
import dev.almanac.conflicts.resource.ResourceStore;
import dev.almanac.conflicts.resource.StoredBooking;
import dev.almanac.conflicts.resource.UnavailableRangeStore;
import dev.almanac.conflicts.rule.DetectionWindow;
import dev.almanac.conflicts.rule.RuleOccurrences;
import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.conflicts.rule.ScopeView;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;

/**
 * Keeps the conflicts of each resource of one partition in step with its bookings and its
 * unavailable ranges: a resource booked by two entries at once (on any calendars), and a booking
 * during a range the resource was marked unavailable. Bookings arrive from the calendars' tasks,
 * each stamped with its entry's version; the resource's own facts come with the resource's version.
 * A change newer than what is stored is applied, the part of the resource's time it can affect is
 * detected afresh and reconciled with the stored conflicts, as {@link ConflictTracker} does for a
 * calendar; a duplicate or older one changes nothing.
 */
public final class ResourceTracker {

    private final ResourceStore resources;
    private final BookingStore bookings;
    private final UnavailableRangeStore ranges;
    private final ConflictStore conflicts;
    private final RuleOccurrences rules;

    /** A tracker of resources no rule books. */
    public ResourceTracker(ResourceStore resources, BookingStore bookings, UnavailableRangeStore ranges, ConflictStore conflicts) {
        this(resources, bookings, ranges, conflicts, RuleOccurrences.NONE);
    }

    public ResourceTracker(ResourceStore resources, BookingStore bookings, UnavailableRangeStore ranges, ConflictStore conflicts,
                           RuleOccurrences rules) {
        this.resources = resources;
        this.bookings = bookings;
        this.ranges = ranges;
        this.conflicts = conflicts;
        this.rules = rules;
    }

    /** Bookings may have arrived before their resource: the whole resource is checked. */
    public List<ConflictChange> resourceCreated(ResourceProfile resource, long version) {
        if (!resources.save(resource, version)) {
            return List.of();
        }
        return detectWhole(resource, "resource " + resource.id() + " was created").changes();
    }

    public List<ConflictChange> markedUnavailable(ResourceId resourceId, UnavailableRange range, long version) {
        if (!resources.advance(resourceId, version)) {
            return List.of();
        }
        ranges.add(resourceId, range);
        return recomputeAround(resourceId, List.of(new TimeRange(range.start(), range.end())),
                "resource " + resourceId + " was marked unavailable from " + range.start() + " to " + range.end());
    }

    public List<ConflictChange> markedAvailable(ResourceId resourceId, TimeRange range, long version) {
        if (!resources.advance(resourceId, version)) {
            return List.of();
        }
        // A booking that meets what is left of a cut range now meets a different range, so the whole of each is affected.
        List<TimeRange> affected = new ArrayList<>(List.of(range));
        ranges.release(resourceId, range.start(), range.end())
                .forEach(cut -> affected.add(new TimeRange(cut.start(), cut.end())));
        return recomputeAround(resourceId, affected,
                "resource " + resourceId + " was marked available from " + range.start() + " to " + range.end());
    }

    /** An entry on some calendar books the resource where it now is, or no longer books it. */
    public List<ConflictChange> booked(BookingChange change) {
        BookingStore.Change applied = change.released()
                ? bookings.release(change.resourceId(), change.booking(), change.version())
                : bookings.hold(change.resourceId(), change.booking(), change.version());
        if (!applied.applied()) {
            return List.of();
        }
        if (!change.released()) {
            rules.storedOneMore(RuleScope.of(change.resourceId()));
        }
        List<TimeRange> hints = new ArrayList<>(List.of(change.booking().entry().time()));
        StoredBooking previous = applied.previous();
        if (previous != null && !previous.released()) {
            hints.add(previous.booking().entry().time());
        }
        return recomputeAround(change.resourceId(), hints, change.cause());
    }

    /** The re-scan of a resource: detection over all its bookings, reconciled with its stored conflicts. */
    public ConflictTracker.Rescanned rescan(ResourceId resourceId) {
        return resources.profile(resourceId)
                .map(resource -> detectWhole(resource, ConflictTracker.Causes.RESCAN))
                .orElse(new ConflictTracker.Rescanned(0, List.of()));
    }

    /**
     * A rule's occurrences that book the resource changed ({@code changed} gives their intervals, before and after),
     * or the horizon brought new ones. A resource that nothing else books, that no occurrence of its rules books
     * twice, with no unavailable range in the window and no active conflict, is left as it is; otherwise the changed
     * intervals are swept, a few hours at a time, and reconciled, as for a calendar.
     */
    public List<ConflictChange> rulesChanged(ResourceId resourceId, Supplier<List<TimeRange>> changed, String cause) {
        if (resources.profile(resourceId).isEmpty()) {
            // Its creation detects the whole resource, the bookings of rule occurrences included.
            return List.of();
        }
        ScopeView ruled = rules.resource(resourceId);
        if (resources.find(resourceId).activeConflicts() == 0 && cannotClash(resourceId, ruled)) {
            return List.of();
        }
        ruled.sweep();
        List<TimeRange> intervals = changed.get();
        if (intervals.isEmpty()) {
            return List.of();
        }
        return recomputeAround(resourceId, ConflictTracker.batches(AffectedRange.coalesce(intervals)), cause);
    }

    private boolean cannotClash(ResourceId resourceId, ScopeView ruled) {
        if (ruled.isEmpty()) {
            return true;
        }
        DetectionWindow window = ruled.window();
        if (!ranges.overlapping(resourceId, new TimeRange(window.since(), window.horizon())).isEmpty()) {
            return false;
        }
        int stored = ruled.storedBound(() -> bookings.countEndingAfter(resourceId, window.since()));
        return (long) ruled.concurrencyBound() + stored < 2;
    }

    private ConflictTracker.Rescanned detectWhole(ResourceProfile resource, String cause) {
        List<Booking> stored = bookings.ofResource(resource.id());
        ScopeView ruled = rules.resource(resource.id());
        Map<ConflictId, ConflictDetected> computed;
        if (ruled.isEmpty()) {
            computed = detect(resource, stored, stored);
        } else {
            Intervals intervals = new Intervals(stored.size() + 64);
            stored.forEach(booking -> intervals.add(booking.entry().time()));
            ruled.addAllIntervals(intervals);
            List<Booking> unavailable = new ArrayList<>(stored);
            unavailable.addAll(ruleBookingsInUnavailableRanges(resource.id(), ruled, intervals, null, stored));
            computed = detect(resource, candidates(stored, ruled, null, intervals.stretchesOfAtLeast(2)), unavailable);
        }
        List<StoredConflict> known = new ArrayList<>(conflicts.active(resource.id()));
        known.addAll(conflicts.withIds(computed.keySet()));
        return new ConflictTracker.Rescanned(computed.size(),
                record(Reconciliation.reconcile(computed.values(), known, resource::noLongerHolds, cause)));
    }

    /**
     * Each hint is widened until the double bookings that meet it are complete; the bookings met then
     * are checked against the unavailable ranges too. A resource not heard of yet is checked when it arrives.
     */
    private List<ConflictChange> recomputeAround(ResourceId resourceId, List<TimeRange> hints, String cause) {
        Optional<ResourceProfile> known = resources.profile(resourceId);
        if (known.isEmpty()) {
            return List.of();
        }
        ResourceProfile resource = known.get();
        Map<ConflictId, ConflictDetected> computed = new LinkedHashMap<>();
        List<StoredConflict> inScope = new ArrayList<>();
        ScopeView ruled = rules.resource(resourceId);
        for (TimeRange range : AffectedRange.coalesce(hints)) {
            TimeRange settled = range;
            List<Booking> met;
            List<Booking> doubles;
            List<Breach> breaches;
            Intervals intervals;
            while (true) {
                met = bookings.meeting(resourceId, settled);
                intervals = new Intervals(met.size() + 16);
                doubles = met;
                if (!ruled.isEmpty()) {
                    for (Booking booking : met) {
                        intervals.add(booking.entry().time());
                    }
                    ruled.addIntervalsMeeting(settled, intervals);
                    doubles = candidates(met, ruled, settled, intervals.stretchesOfAtLeast(2));
                }
                breaches = resource.doubleBookings(doubles);
                TimeRange widened = AffectedRange.widen(settled, breaches);
                if (widened.equals(settled)) {
                    break;
                }
                settled = widened;
            }
            Map<EntryKey, Booking> byKey = byKey(doubles);
            for (Breach breach : AffectedRange.within(settled, breaches)) {
                computed.putIfAbsent(breach.id(), resource.describe(breach, byKey));
            }
            List<Booking> unavailable = met;
            if (!ruled.isEmpty()) {
                // A rule's booking may fall in an unavailable range that no stored booking meets.
                unavailable = new ArrayList<>(met);
                unavailable.addAll(ruleBookingsInUnavailableRanges(resourceId, ruled, intervals, settled, met));
            }
            unavailability(resource, unavailable).forEach(detected -> computed.putIfAbsent(detected.conflictId(), detected));
            inScope.addAll(conflicts.activeOverlapping(resourceId, settled));
        }
        inScope.addAll(conflicts.withIds(computed.keySet()));
        return record(Reconciliation.reconcile(computed.values(), inScope, resource::noLongerHolds, cause));
    }

    /** Double bookings among {@code doubles}, and bookings of {@code unavailable} that fall in unavailable ranges. */
    private Map<ConflictId, ConflictDetected> detect(ResourceProfile resource, List<Booking> doubles, List<Booking> unavailable) {
        Map<ConflictId, ConflictDetected> computed = new LinkedHashMap<>();
        Map<EntryKey, Booking> byKey = byKey(doubles);
        for (Breach breach : resource.doubleBookings(doubles)) {
            computed.put(breach.id(), resource.describe(breach, byKey));
        }
        unavailability(resource, unavailable).forEach(detected -> computed.put(detected.conflictId(), detected));
        return computed;
    }

    /**
     * The bookings of the stretches: the stored ones given and the rule occurrences' bookings that meet a stretch, and
     * meet {@code within} too where it is given.
     */
    private static List<Booking> candidates(List<Booking> stored, ScopeView ruled, @Nullable TimeRange within, List<TimeRange> stretches) {
        Map<EntryKey, Booking> found = new LinkedHashMap<>();
        for (Booking booking : stored) {
            if (AffectedRange.meetsAny(booking.entry().time(), stretches)) {
                found.putIfAbsent(booking.key(), booking);
            }
        }
        for (TimeRange stretch : stretches) {
            for (Booking booking : ruled.bookingsMeeting(stretch)) {
                if (within == null || AffectedRange.meets(booking.entry().time(), within)) {
                    found.putIfAbsent(booking.key(), booking);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The rule occurrences' bookings, among those whose intervals are {@code ruleIntervals} (which meet
     * {@code within}, where given), that overlap an unavailable range of the resource and are not in {@code known}.
     */
    private List<Booking> ruleBookingsInUnavailableRanges(ResourceId resourceId, ScopeView ruled, Intervals ruleIntervals,
                                                          @Nullable TimeRange within, List<Booking> known) {
        if (ruleIntervals.size() == 0) {
            return List.of();
        }
        List<UnavailableRange> unavailable = ranges.overlapping(resourceId, ruleIntervals.span());
        if (unavailable.isEmpty()) {
            return List.of();
        }
        Map<EntryKey, Booking> found = new LinkedHashMap<>();
        known.forEach(booking -> found.put(booking.key(), booking));
        List<Booking> more = new ArrayList<>();
        for (UnavailableRange range : unavailable) {
            TimeRange time = new TimeRange(range.start(), range.end());
            for (Booking booking : ruled.bookingsMeeting(time)) {
                if (booking.entry().time().overlaps(time) && (within == null || AffectedRange.meets(booking.entry().time(), within))
                        && found.putIfAbsent(booking.key(), booking) == null) {
                    more.add(booking);
                }
            }
        }
        return more;
    }

    /** The bookings that fall, in part, in the resource's unavailable ranges; the ranges are read once for all of them. */
    private List<ConflictDetected> unavailability(ResourceProfile resource, List<Booking> met) {
        if (met.isEmpty()) {
            return List.of();
        }
        Instant from = met.stream().map(booking -> booking.entry().time().start()).min(Instant::compareTo).orElseThrow();
        Instant till = met.stream().map(booking -> booking.entry().time().end()).max(Instant::compareTo).orElseThrow();
        List<UnavailableRange> unavailable = ranges.overlapping(resource.id(), new TimeRange(from, till));
        if (unavailable.isEmpty()) {
            return List.of();
        }
        List<ConflictDetected> found = new ArrayList<>();
        met.forEach(booking -> resource.unavailability(booking, unavailable).ifPresent(found::add));
        return found;
    }

    private List<ConflictChange> record(List<ConflictChange> changes) {
        changes.forEach(conflicts::record);
        return changes;
    }

    private static Map<EntryKey, Booking> byKey(Collection<Booking> bookings) {
        Map<EntryKey, Booking> byKey = new HashMap<>();
        bookings.forEach(booking -> byKey.put(booking.key(), booking));
        return byKey;
    }
}
