package dev.almanac.conflicts.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.almanac.conflicts.detection.AffectedRange;
import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.ResourceProfile;
import dev.almanac.conflicts.resource.BookingStore;
import dev.almanac.conflicts.resource.ResourceStore;
import dev.almanac.conflicts.resource.StoredBooking;
import dev.almanac.conflicts.resource.UnavailableRangeStore;
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

    public ResourceTracker(ResourceStore resources, BookingStore bookings, UnavailableRangeStore ranges, ConflictStore conflicts) {
        this.resources = resources;
        this.bookings = bookings;
        this.ranges = ranges;
        this.conflicts = conflicts;
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

    private ConflictTracker.Rescanned detectWhole(ResourceProfile resource, String cause) {
        List<Booking> all = bookings.ofResource(resource.id());
        Map<ConflictId, ConflictDetected> computed = detect(resource, all);
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
        for (TimeRange range : AffectedRange.coalesce(hints)) {
            TimeRange settled = range;
            List<Booking> met;
            List<Breach> breaches;
            while (true) {
                met = bookings.meeting(resourceId, settled);
                breaches = resource.doubleBookings(met);
                TimeRange widened = AffectedRange.widen(settled, breaches);
                if (widened.equals(settled)) {
                    break;
                }
                settled = widened;
            }
            Map<EntryKey, Booking> byKey = byKey(met);
            for (Breach breach : AffectedRange.within(settled, breaches)) {
                computed.putIfAbsent(breach.id(), resource.describe(breach, byKey));
            }
            unavailability(resource, met).forEach(detected -> computed.putIfAbsent(detected.conflictId(), detected));
            inScope.addAll(conflicts.activeOverlapping(resourceId, settled));
        }
        inScope.addAll(conflicts.withIds(computed.keySet()));
        return record(Reconciliation.reconcile(computed.values(), inScope, resource::noLongerHolds, cause));
    }

    private Map<ConflictId, ConflictDetected> detect(ResourceProfile resource, List<Booking> all) {
        Map<ConflictId, ConflictDetected> computed = new LinkedHashMap<>();
        Map<EntryKey, Booking> byKey = byKey(all);
        for (Breach breach : resource.doubleBookings(all)) {
            computed.put(breach.id(), resource.describe(breach, byKey));
        }
        unavailability(resource, all).forEach(detected -> computed.put(detected.conflictId(), detected));
        return computed;
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
