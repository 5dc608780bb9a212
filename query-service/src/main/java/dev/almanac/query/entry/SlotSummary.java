package dev.almanac.query.entry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What starts in each 15-minute slot of one UTC day: how many entries, their summed length in
 * seconds, and how many of each type. Immutable. It travels as a compact binary value (see
 * {@link #toBytes()}): only the slots that hold something, with varint numbers and a table of the
 * day's type names, because a window over a year reads one of these per day and calendar.
 */
public final class SlotSummary {

    public static final SlotSummary EMPTY = new SlotSummary(new String[0], new int[UtcSlots.PER_DAY],
            new long[UtcSlots.PER_DAY], new int[0][], null);

    private static final byte FORMAT = 1;

    /** Type names in ascending order, so that equal summaries encode to equal bytes. */
    private final String[] types;
    private final int[] counts;
    private final long[] seconds;
    /** Per type (by its index in {@link #types}), the count in each slot. */
    private final int[][] typeCounts;
    /**
     * The binary form once read or written. A window day's write encodes every calendar's summary,
     * though a batch changes few of them; these are read from the stored document and go back as
     * they came.
     */
    private volatile byte @Nullable [] bytes;

    private SlotSummary(String[] types, int[] counts, long[] seconds, int[][] typeCounts, byte @Nullable [] bytes) {
        this.types = types;
        this.counts = counts;
        this.seconds = seconds;
        this.typeCounts = typeCounts;
        this.bytes = bytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        for (int count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    public int count(int slot) {
        return counts[slot];
    }

    public long seconds(int slot) {
        return seconds[slot];
    }

    public int total() {
        return Arrays.stream(counts).sum();
    }

    /** The type names that occur in this day, in ascending order. */
    public List<String> types() {
        return List.of(types);
    }

    /** How many entries of the type at {@code typeIndex} (in {@link #types()}) start in {@code slot}. */
    public int typeCount(int typeIndex, int slot) {
        return typeCounts[typeIndex][slot];
    }

    /** This summary and {@code other} added slot by slot. */
    public SlotSummary plus(SlotSummary other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder sum = new Builder();
        sum.addAll(this);
        sum.addAll(other);
        return sum.build();
    }

    /** The binary form: a format byte, the type table, then each non-empty slot with its count, seconds and type counts. */
    public byte[] toBytes() {
        byte[] encoded = bytes;
        if (encoded == null) {
            encoded = encode();
            bytes = encoded;
        }
        return encoded.clone();
    }

    private byte[] encode() {
        Varints.Writer out = new Varints.Writer(64);
        out.writeByte(FORMAT);
        out.writeLong(types.length);
        for (String type : types) {
            out.writeBytes(type.getBytes(StandardCharsets.UTF_8));
        }
        int slots = 0;
        for (int count : counts) {
            slots += count == 0 ? 0 : 1;
        }
        out.writeLong(slots);
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            if (counts[slot] == 0) {
                continue;
            }
            out.writeByte(slot).writeLong(counts[slot]).writeLong(seconds[slot]);
            int present = 0;
            for (int[] perSlot : typeCounts) {
                present += perSlot[slot] == 0 ? 0 : 1;
            }
            out.writeLong(present);
            for (int type = 0; type < types.length; type++) {
                if (typeCounts[type][slot] != 0) {
                    out.writeLong(type).writeLong(typeCounts[type][slot]);
                }
            }
        }
        return out.toByteArray();
    }

    public static SlotSummary fromBytes(byte[] bytes) {
        Varints.Reader in = new Varints.Reader(bytes);
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown slot summary format " + format);
        }
        String[] types = new String[in.readInt()];
        for (int i = 0; i < types.length; i++) {
            types[i] = in.readString();
        }
        int[] counts = new int[UtcSlots.PER_DAY];
        long[] seconds = new long[UtcSlots.PER_DAY];
        int[][] typeCounts = new int[types.length][UtcSlots.PER_DAY];
        int slots = in.readInt();
        for (int i = 0; i < slots; i++) {
            int slot = in.readByte();
            counts[slot] = in.readInt();
            seconds[slot] = in.readLong();
            int present = in.readInt();
            for (int j = 0; j < present; j++) {
                int type = in.readInt();
                typeCounts[type][slot] = in.readInt();
            }
        }
        return new SlotSummary(types, counts, seconds, typeCounts, bytes.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlotSummary summary && Arrays.equals(types, summary.types) && Arrays.equals(counts, summary.counts)
                && Arrays.equals(seconds, summary.seconds) && Arrays.deepEquals(typeCounts, summary.typeCounts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "SlotSummary[" + total() + " entries in " + types.length + " types]";
    }

    /** Collects entries slot by slot. */
    public static final class Builder {

        private final int[] counts = new int[UtcSlots.PER_DAY];
        private final long[] seconds = new long[UtcSlots.PER_DAY];
        private final Map<String, int[]> types = new TreeMap<>();

        private Builder() {
        }

        public Builder add(int slot, String type, long lengthSeconds) {
            counts[slot]++;
            seconds[slot] += lengthSeconds;
            types.computeIfAbsent(type, name -> new int[UtcSlots.PER_DAY])[slot]++;
            return this;
        }

        /** {@code count} entries of one type and length, all starting in {@code slot}. */
        public Builder add(int slot, String type, int count, long lengthSeconds) {
            counts[slot] += count;
            seconds[slot] += count * lengthSeconds;
            types.computeIfAbsent(type, name -> new int[UtcSlots.PER_DAY])[slot] += count;
            return this;
        }

        public Builder addAll(SlotSummary summary) {
            return addAll(summary, 1);
        }

        /** Takes away a summary that was added, as a window does for calendars its caller may not see. */
        public Builder subtractAll(SlotSummary summary) {
            return addAll(summary, -1);
        }

        private Builder addAll(SlotSummary summary, int sign) {
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                counts[slot] += sign * summary.counts[slot];
                seconds[slot] += sign * summary.seconds[slot];
            }
            for (int type = 0; type < summary.types.length; type++) {
                int[] into = types.computeIfAbsent(summary.types[type], name -> new int[UtcSlots.PER_DAY]);
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    into[slot] += sign * summary.typeCounts[type][slot];
                }
            }
            return this;
        }

        /** The summary; a type with no entry left in any slot (all taken away) is not in it. */
        public SlotSummary build() {
            types.values().removeIf(slots -> Arrays.stream(slots).allMatch(count -> count == 0));
            String[] names = types.keySet().toArray(String[]::new);
            int[][] perType = new int[names.length][];
            for (int i = 0; i < names.length; i++) {
                perType[i] = types.get(names[i]).clone();
            }
            return new SlotSummary(names, counts.clone(), seconds.clone(), perType, null);
        }
    }
}
