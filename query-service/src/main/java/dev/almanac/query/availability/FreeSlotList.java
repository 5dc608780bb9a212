package dev.almanac.query.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.AbstractList;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;
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
        /** "+HH:MM" after the 19 characters of a date-time; or just "Z". */
        private static final int LONGEST = 25;

        @Override
        public void serialize(FreeSlotList slots, JsonGenerator generator, SerializationContext context) {
            generator.writeStartArray(slots, slots.size());
            boolean fast = slots.duration.getNano() == 0;
            long length = slots.duration.getSeconds();
            ZoneRules rules = slots.zone.getRules();
            @Nullable ZoneOffset fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
            WallClockText utc = new WallClockText();
            WallClockText local = new WallClockText();
            char[] text = new char[LONGEST];
            for (int i = 0; i < slots.starts.length; i++) {
                long start = slots.starts[i];
                long end = start + length;
                int startOffset = fast ? offset(rules, fixed, start) : 0;
                int endOffset = fast ? offset(rules, fixed, end) : 0;
                if (!fast || !writable(start, startOffset) || !writable(end, endOffset)) {
                    context.writeValue(generator, slots.get(i));
                    continue;
                }
                generator.writeStartObject();
                generator.writeName(START);
                generator.writeString(text, 0, utc.write(start, 0, text));
                generator.writeName(END);
                generator.writeString(text, 0, utc.write(end, 0, text));
                generator.writeName(LOCAL_START);
                generator.writeString(text, 0, local.write(start, startOffset, text));
                generator.writeName(LOCAL_END);
                generator.writeString(text, 0, local.write(end, endOffset, text));
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }

        /** The offset from UTC at an instant, in seconds; a fixed zone's without a lookup. */
        private static int offset(ZoneRules rules, @Nullable ZoneOffset fixed, long epochSecond) {
            return fixed != null ? fixed.getTotalSeconds() : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }

        /** Whether both texts of the instant come from arithmetic: a year of four digits either way, an offset of whole minutes. */
        private static boolean writable(long epochSecond, int offsetSeconds) {
            return IsoInstants.writable(epochSecond) && IsoInstants.writable(epochSecond + offsetSeconds) && offsetSeconds % 60 == 0;
        }
    }

    /**
     * Date-times as text on one wall clock, the date worked out again only when the day changes: a
     * week's slots fall on eight days. With offset 0 the text is {@link Instant#toString()}'s
     * ({@code 2026-12-01T15:00:00Z}); otherwise it is what
     * {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} gives an
     * {@link java.time.OffsetDateTime} of whole seconds ({@code 2026-12-01T10:00:00-05:00}), which
     * also ends in {@code Z} at offset 0. Only for {@link Writer#writable} instants.
     */
    private static final class WallClockText {

        private final byte[] bytes = new byte[IsoInstants.LENGTH];
        private long epochDay = Long.MIN_VALUE;

        /** Writes the text of {@code epochSecond} at {@code offsetSeconds} from UTC into {@code text}; returns its length. */
        int write(long epochSecond, int offsetSeconds, char[] text) {
            long wall = epochSecond + offsetSeconds;
            long day = Math.floorDiv(wall, 86_400L);
            if (day != epochDay) {
                // "yyyy-MM-ddT" of the day, from the UTC text of its midnight.
                IsoInstants.write(day * 86_400L, bytes, 0);
                epochDay = day;
            }
            for (int i = 0; i < 11; i++) {
                text[i] = (char) bytes[i];
            }
            int secondOfDay = (int) (wall - day * 86_400L);
            twoDigits(secondOfDay / 3600, text, 11);
            text[13] = ':';
            twoDigits(secondOfDay / 60 % 60, text, 14);
            text[16] = ':';
            twoDigits(secondOfDay % 60, text, 17);
            int length = 19;
            if (offsetSeconds == 0) {
                text[length++] = 'Z';
            } else {
                int minutes = Math.abs(offsetSeconds) / 60;
                text[length++] = offsetSeconds < 0 ? '-' : '+';
                twoDigits(minutes / 60, text, length);
                text[length + 2] = ':';
                twoDigits(minutes % 60, text, length + 3);
                length += 5;
            }
            return length;
        }

        private static void twoDigits(int value, char[] text, int at) {
            text[at] = (char) ('0' + value / 10);
            text[at + 1] = (char) ('0' + value % 10);
        }
    }
}
