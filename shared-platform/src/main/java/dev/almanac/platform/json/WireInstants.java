package dev.almanac.platform.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import dev.almanac.events.IsoInstants;

/**
 * Writes instants as the same ISO-8601 text Jackson's own serializer gives ({@code Instant.toString()}),
 * and offset date-times as its {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} text, both by
 * {@link IsoInstants}' fast path for whole seconds. An occurrence carries three instants, and the
 * formatter was the largest single cost of its JSON (ADR 0031); a detailed day writes an offset
 * date-time per job.
 */
final class WireInstants extends SimpleModule {

    /** {@code 2026-07-15T09:00:00} and an offset of {@code +05:30}. */
    private static final int OFFSET_TEXT_LENGTH = IsoInstants.LENGTH - 1 + 6;

    WireInstants() {
        super("almanac-wire-instants");
        addSerializer(Instant.class, new InstantText());
        addSerializer(OffsetDateTime.class, new OffsetDateTimeText());
    }

    private static final class InstantText extends ValueSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(IsoInstants.toString(value));
        }
    }

    private static final class OffsetDateTimeText extends ValueSerializer<OffsetDateTime> {

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(text(value));
        }
    }

    /** The text of {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, by the fast path where the seconds and the offset's minutes are whole. */
    static String text(OffsetDateTime value) {
        int offsetSeconds = value.getOffset().getTotalSeconds();
        long localSecond = value.toEpochSecond() + offsetSeconds;
        if (value.getNano() != 0 || offsetSeconds % 60 != 0 || !IsoInstants.writable(localSecond)) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        if (offsetSeconds == 0) {
            return IsoInstants.toString(localSecond);
        }
        byte[] text = new byte[OFFSET_TEXT_LENGTH];
        IsoInstants.write(localSecond, text, 0);
        int offsetMinutes = Math.abs(offsetSeconds) / 60;
        int at = IsoInstants.LENGTH - 1;
        text[at] = (byte) (offsetSeconds < 0 ? '-' : '+');
        text[at + 1] = (byte) ('0' + offsetMinutes / 600);
        text[at + 2] = (byte) ('0' + offsetMinutes / 60 % 10);
        text[at + 3] = ':';
        text[at + 4] = (byte) ('0' + offsetMinutes % 60 / 10);
        text[at + 5] = (byte) ('0' + offsetMinutes % 10);
        return new String(text, StandardCharsets.US_ASCII);
    }
}
