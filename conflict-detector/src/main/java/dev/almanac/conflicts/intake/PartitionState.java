package dev.almanac.conflicts.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.conflicts.state.StagedStore;

/**
 * The state of one partition (one Kafka Streams task): the stores behind a tracker, staged so
 * that one record's writes reach them all together or not at all.
 */
public final class PartitionState {

    /** Every store of a partition, by name; each has a changelog topic {@code conflict-detector-<name>-changelog}. */
    public static final List<String> STORES = List.of(CalendarStore.STORE, EntryStore.BY_KEY, EntryStore.BY_TIME,
            ConflictStore.CONFLICTS, ConflictStore.BY_CALENDAR, ConflictStore.BY_ENTRY, ConflictStore.ESCALATIONS);

    private final List<StagedStore> staged = new ArrayList<>();
    private final CalendarStore calendars;
    private final EntryStore entries;
    private final ConflictStore conflicts;
    private final ConflictTracker tracker;

    private PartitionState(Function<String, KeyValueStore<Bytes, byte[]>> stores) {
        calendars = new CalendarStore(stage(stores, CalendarStore.STORE));
        entries = new EntryStore(stage(stores, EntryStore.BY_KEY), stage(stores, EntryStore.BY_TIME), calendars);
        conflicts = new ConflictStore(stage(stores, ConflictStore.CONFLICTS), stage(stores, ConflictStore.BY_CALENDAR),
                stage(stores, ConflictStore.BY_ENTRY), stage(stores, ConflictStore.ESCALATIONS), calendars);
        tracker = new ConflictTracker(calendars, entries, conflicts);
    }

    /** The state of the task that {@code context} belongs to. */
    public static PartitionState of(ProcessingContext context) {
        return over(name -> context.getStateStore(name));
    }

    /** State over stores found by name: the task's own, or in-memory ones in tests. */
    public static PartitionState over(Function<String, KeyValueStore<Bytes, byte[]>> stores) {
        return new PartitionState(stores);
    }

    public ConflictTracker tracker() {
        return tracker;
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

    /** Writes the current record's changes to the stores, and so to their changelogs. */
    public void commit() {
        staged.forEach(StagedStore::commit);
        calendars.forget();
    }

    /** Forgets the current record's changes. */
    public void discard() {
        staged.forEach(StagedStore::discard);
        calendars.forget();
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
