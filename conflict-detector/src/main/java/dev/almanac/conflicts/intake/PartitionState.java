package dev.almanac.conflicts.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.BookingChange;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.conflicts.lifecycle.LinkSideChange;
import dev.almanac.conflicts.lifecycle.OrphanTracker;
import dev.almanac.conflicts.lifecycle.ResourceTracker;
import dev.almanac.conflicts.lifecycle.Trackers;
import dev.almanac.conflicts.link.ItemLinkStore;
import dev.almanac.conflicts.link.LinkPairStore;
import dev.almanac.conflicts.resource.BookingStore;
import dev.almanac.conflicts.resource.ResourceStore;
import dev.almanac.conflicts.resource.UnavailableRangeStore;
import dev.almanac.conflicts.rule.RuleBook;
import dev.almanac.conflicts.rule.RuleOccurrenceCache;
import dev.almanac.conflicts.rule.ScopeRuleStore;
import dev.almanac.conflicts.state.StagedStore;
import dev.almanac.conflicts.state.Staging;
import dev.almanac.platform.kafka.EventCodec;

/**
 * The state of one partition (one Kafka Streams task): the stores behind its trackers, of the
 * calendars, of the resources and of the linked pairs (by primary) whose ids fall on the partition, and of the
 * rules of those calendars and resources, staged so that one record's writes reach them all together or not at all.
 */
public final class PartitionState implements Staging {

    /** Every store of a partition, by name; each has a changelog topic {@code conflict-detector-<name>-changelog}. */
    public static final List<String> STORES = List.of(CalendarStore.STORE, EntryStore.BY_KEY, EntryStore.BY_TIME,
            ConflictStore.CONFLICTS, ConflictStore.BY_CALENDAR, ConflictStore.BY_ENTRY, ConflictStore.ESCALATIONS,
            ResourceStore.STORE, BookingStore.BY_KEY, BookingStore.BY_TIME, UnavailableRangeStore.STORE, ConflictStore.BY_RESOURCE,
            ItemLinkStore.STORE, LinkPairStore.PAIRS, LinkPairStore.DUE, ScopeRuleStore.STORE);

    /** Every store a partition's processors are connected to: its key-value stores and the in-memory rule occurrences. */
    public static final List<String> ALL_STORES = Stream.concat(STORES.stream(), Stream.of(RuleOccurrenceCache.STORE)).toList();

    private final List<StagedStore> staged = new ArrayList<>();
    private final CalendarStore calendars;
    private final EntryStore entries;
    private final ResourceStore resources;
    private final ConflictStore conflicts;
    private final RuleBook rules;
    private final Trackers trackers;

    private PartitionState(Function<String, KeyValueStore<Bytes, byte[]>> stores, RuleOccurrenceCache cache, EventCodec codec) {
        calendars = new CalendarStore(stage(stores, CalendarStore.STORE));
        entries = new EntryStore(stage(stores, EntryStore.BY_KEY), stage(stores, EntryStore.BY_TIME), calendars);
        resources = new ResourceStore(stage(stores, ResourceStore.STORE));
        BookingStore bookings = new BookingStore(stage(stores, BookingStore.BY_KEY), stage(stores, BookingStore.BY_TIME), resources);
        UnavailableRangeStore ranges = new UnavailableRangeStore(stage(stores, UnavailableRangeStore.STORE), resources);
        conflicts = new ConflictStore(stage(stores, ConflictStore.CONFLICTS), stage(stores, ConflictStore.BY_CALENDAR),
                stage(stores, ConflictStore.BY_ENTRY), stage(stores, ConflictStore.ESCALATIONS), stage(stores, ConflictStore.BY_RESOURCE),
                calendars, resources);
        ItemLinkStore links = new ItemLinkStore(stage(stores, ItemLinkStore.STORE));
        LinkPairStore pairs = new LinkPairStore(stage(stores, LinkPairStore.PAIRS), stage(stores, LinkPairStore.DUE));
        rules = new RuleBook(cache, new ScopeRuleStore(stage(stores, ScopeRuleStore.STORE)), codec);
        trackers = new Trackers(new ConflictTracker(calendars, entries, conflicts, links, rules),
                new ResourceTracker(resources, bookings, ranges, conflicts, rules), new OrphanTracker(pairs, conflicts));
    }

    /** The state of the task that {@code context} belongs to; {@code codec} reads the stored rule events. */
    public static PartitionState of(ProcessingContext context, EventCodec codec) {
        return over(name -> context.getStateStore(name), context.getStateStore(RuleOccurrenceCache.STORE), codec);
    }

    /** State over stores found by name and a cache of rule occurrences: the task's own, or in-memory ones in tests. */
    public static PartitionState over(Function<String, KeyValueStore<Bytes, byte[]>> stores, RuleOccurrenceCache cache,
                                      EventCodec codec) {
        return new PartitionState(stores, cache, codec);
    }

    public ConflictTracker tracker() {
        return trackers.calendars();
    }

    public Trackers trackers() {
        return trackers;
    }

    public ResourceStore resources() {
        return resources;
    }

    public CalendarStore calendars() {
        return calendars;
    }

    public EntryStore entries() {
        return entries;
    }

    public ConflictStore conflicts() {
        return conflicts;
    }

    public RuleBook rules() {
        return rules;
    }

    /** What the current record tells resources, to send to their partitions with its other output. */
    public List<BookingChange> takeBookings() {
        return trackers.calendars().takeBookings();
    }

    /** What the current record tells the pairs of the items it linked, moved or cancelled, to send to their partitions. */
    public List<LinkSideChange> takeLinkSides() {
        return trackers.calendars().takeLinkSides();
    }

    /** What the current record changed of its calendars' owners and grants, to copy to every instance (ADR 0030). */
    public List<CalendarStore.AccessChange> takeAccessChanges() {
        return calendars.takeAccessChanges();
    }

    /** Writes the current record's changes to the stores, and so to their changelogs. */
    @Override
    public void commit() {
        staged.forEach(StagedStore::commit);
        rules.commit();
        forget();
    }

    /** Forgets the current record's changes, those it would have told resources included. */
    @Override
    public void discard() {
        staged.forEach(StagedStore::discard);
        rules.discard();
        trackers.calendars().takeBookings();
        trackers.calendars().takeLinkSides();
        forget();
    }

    private void forget() {
        calendars.forget();
        resources.forget();
    }

    private StagedStore stage(Function<String, KeyValueStore<Bytes, byte[]>> stores, String name) {
        KeyValueStore<Bytes, byte[]> store = stores.apply(name);
        if (store == null) {
            throw new IllegalStateException("state store " + name + " is not connected to this processor");
        }
        StagedStore stagedStore = new StagedStore(store);
        staged.add(stagedStore);
        return stagedStore;
    }
}
