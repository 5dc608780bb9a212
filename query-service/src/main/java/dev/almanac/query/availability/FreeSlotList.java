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

import dev.almanac.events.WallClockText;

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

        @Override
        public void serialize(FreeSlotList slots, JsonGenerator generator, SerializationContext context) {
            generator.writeStartArray(slots, slots.size());
            boolean fast = slots.duration.getNano() == 0;
            long length = slots.duration.getSeconds();
            ZoneRules rules = slots.zone.getRules();
            @Nullable ZoneOffset fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
            WallClockText utc = new WallClockText();
            WallClockText local = new WallClockText();
            char[] text = new char[WallClockText.LONGEST];
            for (int i = 0; i < slots.starts.length; i++) {
                long start = slots.starts[i];
                long end = start + length;
                int startOffset = fast ? offset(rules, fixed, start) : 0;
                int endOffset = fast ? offset(rules, fixed, end) : 0;
                if (!fast || !WallClockText.writable(start, startOffset) || !WallClockText.writable(end, endOffset)) {
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
    }
}
