package dev.almanac.conflicts.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.TimeRange;

/**
 * The entries of owners (calendars, resources) by start, in one store: {@code owner, start, entry key} to the entry's
 * end, title and an occurrence's rule, then whatever the owner's store adds, so that an owner's entries come out of one range scan ordered
 * by start. A scan for the entries that meet {@code [from, to]} starts at {@code from} minus the longest entry the
 * owner ever held, because an entry that starts that early may still reach {@code from}; the owner's store keeps that
 * extent. Instants are kept to the millisecond.
 *
 * @param <T> what a row reads as: its entry, with what the owner's store adds
 */
public final class EntriesByTime<T> {

    private static final int FORMAT = 1;
    /** {@value #FORMAT} with an occurrence's rule after its title; rows of entries without one keep the shorter format. */
    private static final int RULE_FORMAT = 2;

    /** Reads a row from its entry and the rest of its value, as {@link #put}'s {@code rest} wrote it. */
    @FunctionalInterface
    public interface RowReader<T> {

        T read(Entry entry, Values.Reader rest);
    }

    private final StagedStore store;
    private final RowReader<T> rows;

    public EntriesByTime(StagedStore store, RowReader<T> rows) {
        this.store = store;
        this.rows = rows;
    }

    /** Files {@code entry} under {@code owner} at its start; {@code rest} writes what the owner's store adds after its title. */
    public void put(String owner, Entry entry, UnaryOperator<Values.Writer> rest) {
        Values.Writer value = Values.writer(entry.ruleId() == null ? FORMAT : RULE_FORMAT)
                .writeInstant(entry.time().end())
                .writeString(entry.title());
        if (entry.ruleId() != null) {
            value.writeString(entry.ruleId());
        }
        store.put(key(owner, entry.time().start(), entry.key()), rest.apply(value).toBytes());
    }

    /** Takes {@code entry} out of {@code owner}'s rows; it was filed at its start. */
    public void delete(String owner, Entry entry) {
        store.delete(key(owner, entry.time().start(), entry.key()));
    }

    /**
     * The owner's entries that meet the closed range {@code [range.start, range.end]}, touching ones included, by start;
     * {@code longestMillis} is the longest entry the owner ever held.
     */
    public List<T> meeting(String owner, long longestMillis, TimeRange range) {
        long from = range.start().toEpochMilli();
        List<KeyValue<Bytes, byte[]>> found = store.range(
                OrderedKey.builder().sized(owner).millis(OrderedKey.earlier(from, longestMillis)).build(),
                OrderedKey.builder().sized(owner).instant(range.end()).upperBound().build());
        List<T> meeting = new ArrayList<>(found.size());
        for (KeyValue<Bytes, byte[]> row : found) {
            Values.Reader value = reader(row.value);
            Entry entry = entry(row.key, row.value, value);
            if (entry.time().end().toEpochMilli() >= from) {
                meeting.add(rows.read(entry, value));
            }
        }
        return meeting;
    }

    /** How many of the owner's entries end after {@code since}: at most that many overlap at any instant from then on. */
    public int countEndingAfter(String owner, long longestMillis, Instant since) {
        long from = since.toEpochMilli();
        int count = 0;
        for (KeyValue<Bytes, byte[]> row : store.range(
                OrderedKey.builder().sized(owner).millis(OrderedKey.earlier(from, longestMillis)).build(),
                OrderedKey.builder().sized(owner).upperBound().build())) {
            if (reader(row.value).readLong() > from) {
                count++;
            }
        }
        return count;
    }

    /** Every entry of the owner, by start. */
    public List<T> of(String owner) {
        List<KeyValue<Bytes, byte[]>> found = store.prefix(OrderedKey.builder().sized(owner).build());
        List<T> entries = new ArrayList<>(found.size());
        for (KeyValue<Bytes, byte[]> row : found) {
            Values.Reader value = reader(row.value);
            entries.add(rows.read(entry(row.key, row.value, value), value));
        }
        return entries;
    }

    /** A row's reader, in either of the two formats a row is written in (an entry with a rule or without). */
    private static Values.Reader reader(byte[] value) {
        return Values.reader(value, Values.format(value) == RULE_FORMAT ? RULE_FORMAT : FORMAT);
    }

    /** The entry of a row; {@code value} is left at what the owner's store added. */
    private static Entry entry(Bytes key, byte[] row, Values.Reader value) {
        OrderedKey.Reader keyReader = new OrderedKey.Reader(key);
        keyReader.sized();
        Instant start = keyReader.instant();
        EntryKey entryKey = keyReader.entry();
        Instant end = value.readInstant();
        String title = value.readString();
        String ruleId = Values.format(row) == RULE_FORMAT ? value.readString() : null;
        return new Entry(entryKey, title, new TimeRange(start, end), ruleId);
    }

    private static Bytes key(String owner, Instant start, EntryKey key) {
        return OrderedKey.builder().sized(owner).instant(start).entry(key).build();
    }
}
