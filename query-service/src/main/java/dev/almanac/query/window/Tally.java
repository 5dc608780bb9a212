package dev.almanac.query.window;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * One bucket's counts per name (queue or type), read in place from the grid's arrays: the names
 * with a count in that bucket, in name order, as the sorted map it stands for. Immutable. Every
 * bucket of a window shares the names and one array, so a window of 366 buckets over a hundred
 * queues and types holds 366 small views, not 73,000 map entries and boxed counts; and its JSON
 * ({@link Json}) writes each name from bytes quoted once per window.
 */
@JsonSerialize(using = Tally.Json.class)
final class Tally extends AbstractMap<String, Long> {

    private final Names names;
    private final long[] counts;
    private final int offset;
    private int size = -1;

    /**
     * @param names  the names, in ascending order
     * @param counts from {@code offset} on, the count of each name, in the same order
     */
    Tally(Names names, long[] counts, int offset) {
        this.names = names;
        this.counts = counts;
        this.offset = offset;
    }

    /** Names in ascending order, each with its JSON text quoted once. */
    static final class Names {

        private final String[] sorted;
        private final SerializedString[] quoted;

        Names(String[] sorted) {
            this.sorted = sorted;
            this.quoted = new SerializedString[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                quoted[i] = new SerializedString(sorted[i]);
            }
        }
    }

    @Override
    public int size() {
        if (size < 0) {
            int present = 0;
            for (int index = 0; index < names.sorted.length; index++) {
                present += counts[offset + index] == 0 ? 0 : 1;
            }
            size = present;
        }
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public @Nullable Long get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : counts[offset + index];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int index = Arrays.binarySearch(names.sorted, name);
        return index >= 0 && counts[offset + index] != 0 ? index : -1;
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next = present(0);

                    @Override
                    public boolean hasNext() {
                        return next < names.sorted.length;
                    }

                    @Override
                    public Map.Entry<String, Long> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Long> entry = Map.entry(names.sorted[next], counts[offset + next]);
                        next = present(next + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return Tally.this.size();
            }
        };
    }

    /** The first name at or after {@code from} with a count in this bucket, or the number of names. */
    private int present(int from) {
        int index = from;
        while (index < names.sorted.length && counts[offset + index] == 0) {
            index++;
        }
        return index;
    }

    /** Writes a tally as Jackson writes a map of strings to numbers, each name from its quoted bytes. */
    static final class Json extends StdSerializer<Tally> {

        Json() {
            super(Tally.class);
        }

        @Override
        public void serialize(Tally tally, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(tally);
            SerializedString[] names = tally.names.quoted;
            long[] counts = tally.counts;
            for (int index = 0; index < names.length; index++) {
                long count = counts[tally.offset + index];
                if (count != 0) {
                    generator.writeName(names[index]);
                    generator.writeNumber(count);
                }
            }
            generator.writeEndObject();
        }

        @Override
        public boolean isEmpty(SerializationContext context, Tally tally) {
            return tally.isEmpty();
        }
    }
}
