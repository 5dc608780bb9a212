package dev.almanac.conflicts.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.AffectedRange;
import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Breach;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.detection.Intervals;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.entry.StoredEntry;
import dev.almanac.conflicts.link.ItemLink;
import dev.almanac.conflicts.link.ItemLinkStore;
import dev.almanac.conflicts.link.LinkSide;
import dev.almanac.conflicts.link.SameTransaction;
import dev.almanac.conflicts.rule.RuleOccurrences;
import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.conflicts.rule.ScopeView;
import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * Keeps the conflicts of each calendar of one partition in step with its entries: breaches of its
 * capacity, and the SCH-022 warnings where it holds 80 % of it or more. A fact is stored if it is
 * newer than what the stores hold; then the part of the calendar it can affect is detected afresh,
 * reconciled with the stored conflicts, and the differences are recorded and returned for
 * publishing. A duplicate or out-of-date fact changes nothing and returns nothing: the stores and
 * the published events are committed together (exactly-once processing), so a stored fact has had
 * its events published.
 *
 * <p>An entry that books resources also tells each of them where it now is, or that it left
 * ({@link #takeBookings}); the resources live on the partitions of their own ids, and their
 * conflicts are the {@link ResourceTracker}'s. Likewise an item linked to another tells the pair,
 * on the partition of the primary's id, its side of the link as it now stands ({@link #takeLinkSides});
 * orphaned links are the {@link OrphanTracker}'s.
 */
public final class ConflictTracker {

    /** Coalesced ranges this close together are swept as one: a sweep of what lies between costs less than a scan each. */
    private static final Duration BATCH_SPAN = Duration.ofHours(6);

    private final CalendarStore calendars;
    private final EntryStore entries;
    private final ConflictStore conflicts;
    private final ItemLinkStore links;
    private final RuleOccurrences rules;
    private final List<BookingChange> bookings = new ArrayList<>();
    private final List<LinkSideChange> linkSides = new ArrayList<>();

    /** A tracker of calendars without rules. */
    public ConflictTracker(CalendarStore calendars, EntryStore entries, ConflictStore conflicts, ItemLinkStore links) {
        this(calendars, entries, conflicts, links, RuleOccurrences.NONE);
    }

    public ConflictTracker(CalendarStore calendars, EntryStore entries, ConflictStore conflicts, ItemLinkStore links,
                           RuleOccurrences rules) {
        this.calendars = calendars;
        this.entries = entries;
        this.conflicts = conflicts;
        this.links = links;
        this.rules = rules;
    }

    /** Entries may have arrived before their calendar, on another topic: the whole calendar is checked. */
    public List<ConflictChange> calendarCreated(CalendarProfile calendar, long version) {
        return calendarCreated(calendar, null, version);
    }

    public List<ConflictChange> calendarCreated(CalendarProfile calendar, @Nullable CalendarOwner owner, long version) {
        Optional<CalendarProfile> before = calendars.profile(calendar.id());
        if (!calendars.save(calendar, owner, version)) {
            return List.of();
        }
        return detectWhole(calendar, calendarChange(calendar, before.orElse(null))).changes();
    }

    /** A grant or its revocation: it decides who may move the calendar's conflicts on, and detects nothing. */
    public List<ConflictChange> accessChanged(CalendarId calendarId, UserId user, @Nullable CalendarRole role, long version) {
        calendars.saveAccess(calendarId, user, role, version);
        return List.of();
    }

    /**
     * The re-scan of a calendar: detection over all its entries, reconciled with its stored
     * conflicts. On state kept up to date fact by fact it changes nothing; where they differ, the
     * re-scan's answer is recorded. A calendar not created yet has no conflicts.
     */
    public Rescanned rescan(CalendarId calendarId) {
        return calendars.profile(calendarId).map(calendar -> detectWhole(calendar, Causes.RESCAN)).orElse(new Rescanned(0, List.of()));
    }

    /** @param holding how many conflicts hold on the calendar or resource after the re-scan */
    public record Rescanned(int holding, List<ConflictChange> changes) {
    }

    /**
     * Detection over the calendar's every entry and every occurrence of its rules that starts before the horizon.
     * Where rules hold thousands of occurrences, their intervals are counted first and entries are made only for
     * the stretches that hold enough of them to warn or breach.
     */
    private Rescanned detectWhole(CalendarProfile calendar, String cause) {
        List<Entry> stored = entries.onCalendar(calendar.id());
        ScopeView ruled = rules.calendar(calendar.id());
        List<Entry> candidates = stored;
        if (!ruled.isEmpty()) {
            Intervals intervals = new Intervals(stored.size() + 64);
            stored.forEach(entry -> intervals.add(entry.time()));
            ruled.addAllIntervals(intervals);
            candidates = candidates(stored, ruled, null, intervals.stretchesOfAtLeast(pileUp(calendar)));
        }
        List<Breach> breaches = CapacityBreaches.findWithWarnings(calendar.id(), calendar.capacity(), candidates);
        List<StoredConflict> known = new ArrayList<>(conflicts.active(calendar.id()));
        known.addAll(conflicts.withIds(ids(breaches)));
        return new Rescanned(breaches.size(), record(Reconciliation.reconcile(calendar, breaches, known, cause)));
    }

    /** An entry placed with the resources it books, or, with {@code resources} null, with those it booked before. */
    public List<ConflictChange> entryPlaced(CalendarId calendarId, Entry entry, @Nullable List<ResourceBooking> resources,
                                            long version) {
        EntryStore.Placement placement = entries.place(calendarId, entry, resources, version);
        if (!placement.applied()) {
            return List.of();
        }
        rules.storedOneMore(RuleScope.of(calendarId));
        StoredEntry previous = placement.previous();
        String cause = Causes.placed(entry.key(), previous);
        List<ResourceBooking> booked = resources != null ? resources : previous == null ? List.of() : previous.bookings();
        tellResources(calendarId, entry, booked, previous, version, cause);
        tellPairs(calendarId, entry, true, version, null, cause);
        return afterChange(calendarId, entry.key(), new ArrayList<>(List.of(entry.time())), previous, cause);
    }

    public List<ConflictChange> entryPlaced(CalendarId calendarId, Entry entry, long version) {
        return entryPlaced(calendarId, entry, List.of(), version);
    }

    /** @param linkedChanges the move's: the linked items its transaction moved too; null when it does not say */
    public List<ConflictChange> entryMoved(CalendarId calendarId, EntryKey key, TimeRange from, TimeRange to, long version,
                                           @Nullable List<LinkedChange> linkedChanges) {
        EntryStore.Placement placement = entries.move(calendarId, key, to, version);
        if (!placement.applied()) {
            return List.of();
        }
        rules.storedOneMore(RuleScope.of(calendarId));
        StoredEntry previous = placement.previous();
        String cause = Causes.of(key, "was rescheduled");
        if (previous != null) {
            tellResources(calendarId, previous.entry().at(to), previous.bookings(), previous, version, cause);
        }
        tellPairs(calendarId, previous == null ? new Entry(key, "", to) : previous.entry().at(to), true, version, linkedChanges, cause);
        return afterChange(calendarId, key, new ArrayList<>(List.of(from, to)), previous, cause);
    }

    /**
     * An entry that leaves its calendar is settled as a move away would be: the conflicts it took
     * part in are detected again without it, and those it alone caused are cleared.
     *
     * @param linkedChanges the cancellation's: the linked items its transaction cancelled too; null when it does not say
     */
    public List<ConflictChange> entryWithdrawn(CalendarId calendarId, EntryKey key, TimeRange left, long version,
                                               @Nullable List<LinkedChange> linkedChanges) {
        return entryWithdrawn(calendarId, key, left, version, linkedChanges, false);
    }

    /** As {@link #entryWithdrawn(CalendarId, EntryKey, TimeRange, long, List)}; {@code deleted}: the item was deleted, and the causes say so. */
    public List<ConflictChange> entryWithdrawn(CalendarId calendarId, EntryKey key, TimeRange left, long version,
                                               @Nullable List<LinkedChange> linkedChanges, boolean deleted) {
        EntryStore.Placement placement = entries.withdraw(calendarId, key, left, version);
        if (!placement.applied()) {
            return List.of();
        }
        StoredEntry previous = placement.previous();
        String cause = Causes.of(key, deleted ? "was deleted" : key.kind() == EntryKind.ITEM ? "was cancelled" : "was retracted");
        if (previous != null) {
            tellResources(calendarId, previous.entry().at(left), List.of(), previous, version, cause);
        }
        tellPairs(calendarId, previous == null ? new Entry(key, "", left) : previous.entry().at(left), false, version, linkedChanges,
                cause);
        return afterChange(calendarId, key, new ArrayList<>(List.of(left)), previous, cause);
    }

    /**
     * One side of a link was made, changed or ended ({@code ItemLinked}, {@code ItemUnlinked}): nothing
     * moves, and the pair hears the item's side as it now stands. Where the item is comes from the
     * entries, or, for an item they never saw, from the event.
     *
     * @param otherCalendarId the other item's calendar; null when the event does not name it (an ending), and
     *                        then it is the one the link named
     * @param offsetSeconds   the link's offset; null when the event does not name it (an ending)
     * @param linkedChanges   the event's: the linked items its transaction changed too; null when it does not say
     */
    public List<ConflictChange> linkChanged(CalendarId calendarId, ItemId itemId, LinkRole role, ItemId otherId,
                                            @Nullable CalendarId otherCalendarId, boolean linked, @Nullable Long offsetSeconds,
                                            TimeRange at, long version, @Nullable List<LinkedChange> linkedChanges) {
        Optional<ItemLink> before = links.find(itemId, otherId);
        ItemLink link = new ItemLink(itemId, role, otherId,
                otherCalendarId != null ? otherCalendarId : before.map(ItemLink::otherCalendarId).orElse(null),
                offsetSeconds != null ? offsetSeconds : before.map(ItemLink::offsetSeconds).orElse(0L), linked, version);
        if (!links.save(link)) {
            return List.of();
        }
        EntryKey key = EntryKey.item(itemId.value());
        Optional<StoredEntry> stored = entries.find(key);
        boolean placed = stored.map(entry -> !entry.withdrawn()).orElse(true);
        Entry where = stored.map(StoredEntry::entry).orElse(new Entry(key, "", at));
        String cause = Causes.of(key, linked ? "was linked to item " + otherId : "was unlinked from item " + otherId);
        linkSides.add(new LinkSideChange(side(link, calendarId, where, placed, version, linkedChanges), cause));
        return List.of();
    }

    /** The resources' part of the record's changes, in the order they were made; taking them empties the list. */
    public List<BookingChange> takeBookings() {
        List<BookingChange> taken = List.copyOf(bookings);
        bookings.clear();
        return taken;
    }

    /** The pairs' part of the record's changes, in the order they were made; taking them empties the list. */
    public List<LinkSideChange> takeLinkSides() {
        List<LinkSideChange> taken = List.copyOf(linkSides);
        linkSides.clear();
        return taken;
    }

    /**
     * Every pair the item is linked in hears where it now is, or that it was cancelled, and whether the same
     * transaction changed the other item too; occurrences are never linked.
     */
    private void tellPairs(CalendarId calendarId, Entry now, boolean placed, long version, @Nullable List<LinkedChange> linkedChanges,
                           String cause) {
        if (now.key().kind() != EntryKind.ITEM) {
            return;
        }
        for (ItemLink link : links.of(ItemId.of(now.key().id()))) {
            if (link.linked()) {
                linkSides.add(new LinkSideChange(side(link, calendarId, now, placed, version, linkedChanges), cause));
            }
        }
    }

    private static LinkSide side(ItemLink link, CalendarId calendarId, Entry where, boolean placed, long version,
                                 @Nullable List<LinkedChange> linkedChanges) {
        return new LinkSide(link.role(), link.itemId(), calendarId, link.otherId(), link.otherCalendarId(), link.linked(),
                link.offsetSeconds(), placed, where.title(), where.time(), version, SameTransaction.of(linkedChanges, link.otherId()));
    }

    /**
     * Every resource the entry books hears where it is now; every resource it booked before and no
     * longer books hears that it left. A withdrawn entry books nothing, and one withdrawn before had
     * already told its resources.
     */
    private void tellResources(CalendarId calendarId, Entry now, List<ResourceBooking> booked, @Nullable StoredEntry previous,
                               long version, String cause) {
        for (ResourceBooking resource : booked) {
            bookings.add(new BookingChange(resource.resourceId(), new Booking(now, calendarId, resource.role()), false, version, cause));
        }
        if (previous == null || previous.withdrawn()) {
            return;
        }
        for (ResourceBooking before : previous.bookings()) {
            if (booked.stream().noneMatch(resource -> resource.resourceId().equals(before.resourceId()))) {
                bookings.add(new BookingChange(before.resourceId(), new Booking(previous.entry(), previous.calendarId(), before.role()),
                        true, version, cause));
            }
        }
    }

    /**
     * Where the entry was counts as much as where it is: the event's own ranges are joined by
     * the stored previous interval. An entry that left another calendar of this partition
     * is settled there as well.
     */
    private List<ConflictChange> afterChange(CalendarId calendarId, EntryKey key, List<TimeRange> hints,
                                             @Nullable StoredEntry previous, String cause) {
        List<ConflictChange> changes = new ArrayList<>();
        if (previous != null && !previous.calendarId().equals(calendarId)) {
            changes.addAll(recomputeAround(previous.calendarId(), key, List.of(previous.entry().time()), true, cause));
        } else if (previous != null) {
            hints.add(previous.entry().time());
        }
        // An entry never stored before takes part in no conflict yet, so there are none of its own to look up.
        changes.addAll(recomputeAround(calendarId, key, hints, previous != null, cause));
        return changes;
    }

    /**
     * The ranges an entry's change can affect are the hints and the windows of its active
     * conflicts; each is widened until its breaches are complete. A calendar not heard of yet
     * is checked when it arrives.
     */
    private List<ConflictChange> recomputeAround(CalendarId calendarId, EntryKey key, List<TimeRange> hints,
                                                 boolean mayTakePartInConflicts, String cause) {
        Optional<CalendarProfile> known = calendars.profile(calendarId);
        if (known.isEmpty()) {
            return List.of();
        }
        List<StoredConflict> involving = mayTakePartInConflicts ? conflicts.activeInvolving(calendarId, key) : List.of();
        List<TimeRange> ranges = new ArrayList<>(hints);
        involving.forEach(conflict -> ranges.add(conflict.window()));
        return recompute(known.get(), AffectedRange.coalesce(ranges), involving, cause);
    }

    /**
     * A rule's occurrences on the calendar changed ({@code changed} gives their intervals, before and after), or the
     * horizon brought new ones. Where the calendar cannot hold enough at once to warn or breach, and holds no active
     * conflict, nothing is detected and the intervals are not even computed: the cost of a rule on a calendar with
     * room to spare is its fold. Otherwise the changed intervals are swept, a few hours at a time, and reconciled.
     */
    public List<ConflictChange> rulesChanged(CalendarId calendarId, Supplier<List<TimeRange>> changed, String cause) {
        Optional<CalendarProfile> known = calendars.profile(calendarId);
        if (known.isEmpty()) {
            // Its creation detects the whole calendar, rule occurrences included.
            return List.of();
        }
        CalendarProfile calendar = known.get();
        ScopeView ruled = rules.calendar(calendarId);
        if (calendars.find(calendarId).activeConflicts() == 0 && cannotPileUp(calendar, ruled)) {
            return List.of();
        }
        ruled.sweep();
        List<TimeRange> intervals = changed.get();
        if (intervals.isEmpty()) {
            return List.of();
        }
        return recompute(calendar, batches(AffectedRange.coalesce(intervals)), List.of(), cause);
    }

    /** Whether the rules' occurrences and the stored entries together can never reach a warning or a breach in the window. */
    private boolean cannotPileUp(CalendarProfile calendar, ScopeView ruled) {
        if (ruled.isEmpty()) {
            return true;
        }
        int stored = ruled.storedBound(() -> entries.countEndingAfter(calendar.id(), ruled.window().since()));
        return (long) ruled.concurrencyBound() + stored < pileUp(calendar);
    }

    /** Detection afresh over each range, reconciled with the active conflicts they overlap and those given. */
    private List<ConflictChange> recompute(CalendarProfile calendar, List<TimeRange> ranges, List<StoredConflict> involving,
                                           String cause) {
        ScopeView ruled = rules.calendar(calendar.id());
        Map<ConflictId, Breach> breaches = new LinkedHashMap<>();
        List<StoredConflict> inScope = new ArrayList<>(involving);
        for (TimeRange range : ranges) {
            TimeRange settled = settle(calendar, ruled, range, breaches);
            inScope.addAll(conflicts.activeOverlapping(calendar.id(), settled));
        }
        inScope.addAll(conflicts.withIds(breaches.keySet()));
        return record(Reconciliation.reconcile(calendar, breaches.values(), inScope, cause));
    }

    /** Widens {@code range} until it stops growing; then its breaches and warnings are complete and are added to {@code found}. */
    private TimeRange settle(CalendarProfile calendar, ScopeView ruled, TimeRange range, Map<ConflictId, Breach> found) {
        AffectedRange.Settled settled = AffectedRange.settle(range, current -> breachesMeeting(calendar, ruled, current));
        settled.breaches().forEach(breach -> found.putIfAbsent(breach.id(), breach));
        return settled.range();
    }

    /**
     * Breaches and warnings among the entries and rule occurrences that meet the closed range. With rules, their
     * intervals are counted first; entries are made, and ids derived, only for the stretches where enough overlap,
     * which gives the same breaches: outside those stretches no instant holds enough.
     */
    private List<Breach> breachesMeeting(CalendarProfile calendar, ScopeView ruled, TimeRange range) {
        List<Entry> stored = entries.meeting(calendar.id(), range);
        if (ruled.isEmpty()) {
            return CapacityBreaches.findWithWarnings(calendar.id(), calendar.capacity(), stored);
        }
        Intervals intervals = new Intervals(stored.size() + 64);
        stored.forEach(entry -> intervals.add(entry.time()));
        ruled.addIntervalsMeeting(range, intervals);
        List<TimeRange> stretches = intervals.stretchesOfAtLeast(pileUp(calendar));
        if (stretches.isEmpty()) {
            return List.of();
        }
        return CapacityBreaches.findWithWarnings(calendar.id(), calendar.capacity(), candidates(stored, ruled, range, stretches));
    }

    /**
     * The entries of the stretches: the stored ones given and the rule occurrences that meet a stretch, and meet
     * {@code within} too where it is given (the set detection was asked about).
     */
    static List<Entry> candidates(List<Entry> stored, ScopeView ruled, @Nullable TimeRange within, List<TimeRange> stretches) {
        Map<EntryKey, Entry> found = new LinkedHashMap<>();
        for (Entry entry : stored) {
            if (AffectedRange.meetsAny(entry.time(), stretches)) {
                found.putIfAbsent(entry.key(), entry);
            }
        }
        for (TimeRange stretch : stretches) {
            for (Entry occurrence : ruled.entriesMeeting(stretch)) {
                if (within == null || AffectedRange.meets(occurrence.time(), within)) {
                    found.putIfAbsent(occurrence.key(), occurrence);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The fewest entries at once that warn or breach on the calendar. */
    private static int pileUp(CalendarProfile calendar) {
        return Math.min(calendar.capacity() + 1, CapacityBreaches.warningThreshold(calendar.capacity()));
    }

    /** Coalesced ranges, in order, joined while a joined range would span at most {@link #BATCH_SPAN}. */
    static List<TimeRange> batches(List<TimeRange> coalesced) {
        List<TimeRange> batches = new ArrayList<>();
        TimeRange current = null;
        for (TimeRange range : coalesced) {
            if (current != null && !range.end().isAfter(current.start().plus(BATCH_SPAN))) {
                current = current.span(range);
            } else {
                if (current != null) {
                    batches.add(current);
                }
                current = range;
            }
        }
        if (current != null) {
            batches.add(current);
        }
        return batches;
    }

    private List<ConflictChange> record(List<ConflictChange> changes) {
        changes.forEach(conflicts::record);
        return changes;
    }

    private static List<ConflictId> ids(Collection<Breach> breaches) {
        return breaches.stream().map(Breach::id).toList();
    }

    private static String calendarChange(CalendarProfile now, @Nullable CalendarProfile before) {
        if (before == null) {
            return "calendar " + now.id() + " was created";
        }
        if (now.capacity() != before.capacity()) {
            return "calendar " + now.id() + "'s capacity " + (now.capacity() > before.capacity() ? "was raised" : "was cut")
                    + " from " + before.capacity() + " to " + now.capacity();
        }
        return "calendar " + now.id() + " was updated";
    }

    /** What happened, as the reasons of clearances name it. */
    static final class Causes {

        static final String RESCAN = "a re-scan (POST /api/v1/conflicts/detect)";

        private Causes() {
        }

        static String of(EntryKey key, String what) {
            return key.kind().name().toLowerCase(Locale.ROOT) + " " + key.id() + " " + what;
        }

        static String placed(EntryKey key, @Nullable StoredEntry previous) {
            if (key.kind() == EntryKind.OCCURRENCE) {
                return of(key, previous == null ? "was materialised" : "was materialised again");
            }
            return of(key, previous == null ? "was scheduled" : previous.withdrawn() ? "was restored" : "was placed again");
        }
    }
}
