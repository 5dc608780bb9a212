package dev.almanac.query.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.AbstractList;
import java.util.RandomAccess;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

import dev.almanac.events.IsoInstants;

/**
 * Free slots as their starts only, read as {@link FreeSlot}s, and written to JSON as the list of
 * them would be, without building them. A batch check of fifty resources over a week answers some
 * 8,500 slots, each with two instants and two local date-times: making a {@link FreeSlot} of each and
 * formatting its date-times took a large share of the request and of its garbage. So a slot is a
 * {@code long}, and {@link Writer} writes its four texts from it by arithmetic. What it writes equals
 * Jackson's {@link FreeSlot} (FreeSlotListTest), and it falls back to that where its arithmetic does
 * not reach: slots of a fraction of a second, offsets of a fraction of a minute, years outside 0000
 * to 9999.
 */
@JsonSerialize(using = FreeSlotList.Writer.class)
public final class FreeSlotList extends AbstractList<FreeSlot> implements RandomAccess {

    private final ZoneId zone;
    private final long[] starts;
    private final Duration duration;

    /**
     * @param zone     the wall clock of the slots' local date-times
     * @param starts   the slots' starts in epoch seconds, ascending; kept, not copied
     * @param duration the slots' length
     */
    public FreeSlotList(ZoneId zone, long[] starts, Duration duration) {
        this.zone = zone;
        this.starts = starts;
        this.duration = duration;
    }

    @Override
    public FreeSlot get(int index) {
        Instant start = Instant.ofEpochSecond(starts[index]);
        return new FreeSlot(start, start.plus(duration), start.atZone(zone).toOffsetDateTime(),
                start.plus(duration).atZone(zone).toOffsetDateTime());
    }

    @Override
    public int size() {
        return starts.length;
    }

    /** Writes the list as Jackson writes a {@code List<FreeSlot>} with Almanac's naming, by the fast path where it can. */
    static final class Writer extends ValueSerializer<FreeSlotList> {

        private static final SerializableString START = new SerializedString("start");
        private static final SerializableString END = new SerializedString("end");
        private static final SerializableString LOCAL_START = new SerializedString("local_start");
        private static final SerializableString LOCAL_END = new SerializedString("local_end");
        /** "+HH:MM" after the 19 characters of a local date-time; or just "Z". */
        private static final int LONGEST = 25;

        @Override
        public void serialize(FreeSlotList slots, JsonGenerator generator, SerializationContext context) {
            generator.writeStartArray(slots, slots.size());
            boolean fast = slots.duration.getNano() == 0;
            long length = slots.duration.getSeconds();
            ZoneRules rules = slots.zone.getRules();
            byte[] bytes = new byte[LONGEST];
            char[] text = new char[LONGEST];
            for (int i = 0; i < slots.starts.length; i++) {
                long start = slots.starts[i];
                long end = start + length;
                int startOffset = fast ? rules.getOffset(Instant.ofEpochSecond(start)).getTotalSeconds() : 0;
                int endOffset = fast ? rules.getOffset(Instant.ofEpochSecond(end)).getTotalSeconds() : 0;
                if (!fast || !writable(start, startOffset) || !writable(end, endOffset)) {
                    context.writeValue(generator, slots.get(i));
                    continue;
                }
                generator.writeStartObject();
                generator.writeName(START);
                generator.writeString(text, 0, instant(start, bytes, text));
                generator.writeName(END);
                generator.writeString(text, 0, instant(end, bytes, text));
                generator.writeName(LOCAL_START);
                generator.writeString(text, 0, local(start, startOffset, bytes, text));
                generator.writeName(LOCAL_END);
                generator.writeString(text, 0, local(end, endOffset, bytes, text));
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }

        /** Whether both texts of the instant come from arithmetic: a year of four digits either way, an offset of whole minutes. */
        private static boolean writable(long epochSecond, int offsetSeconds) {
            return IsoInstants.writable(epochSecond) && IsoInstants.writable(epochSecond + offsetSeconds) && offsetSeconds % 60 == 0;
        }

        /** {@code 2026-12-01T15:00:00Z}, as {@link Instant#toString()} gives it. */
        private static int instant(long epochSecond, byte[] bytes, char[] text) {
            IsoInstants.write(epochSecond, bytes, 0);
            return copy(bytes, IsoInstants.LENGTH, text);
        }

        /**
         * {@code 2026-12-01T10:00:00-05:00}, as {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} gives an
         * {@link java.time.OffsetDateTime} of whole seconds: the local date-time with its seconds, then the offset, {@code Z}
         * when it is zero.
         */
        private static int local(long epochSecond, int offsetSeconds, byte[] bytes, char[] text) {
            // The local date-time is the UTC text of the instant moved by the offset, less its Z.
            IsoInstants.write(epochSecond + offsetSeconds, bytes, 0);
            int length = IsoInstants.LENGTH - 1;
            if (offsetSeconds == 0) {
                bytes[length++] = 'Z';
            } else {
                int minutes = Math.abs(offsetSeconds) / 60;
                bytes[length++] = (byte) (offsetSeconds < 0 ? '-' : '+');
                bytes[length++] = (byte) ('0' + minutes / 600);
                bytes[length++] = (byte) ('0' + minutes / 60 % 10);
                bytes[length++] = ':';
                bytes[length++] = (byte) ('0' + minutes % 60 / 10);
                bytes[length++] = (byte) ('0' + minutes % 10);
            }
            return copy(bytes, length, text);
        }

        private static int copy(byte[] bytes, int length, char[] text) {
            for (int i = 0; i < length; i++) {
                text[i] = (char) bytes[i];
            }
            return length;
        }
    }
}
