package dev.almanac.platform.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import dev.almanac.events.IsoInstants;
import dev.almanac.events.WallClockText;

/**
 * Writes instants as the same ISO-8601 text Jackson's own serializer gives ({@code Instant.toString()}),
 * and offset date-times as its {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} text, both by
 * arithmetic for whole seconds ({@link IsoInstants}, {@link WallClockText}). An occurrence carries
 * three instants, and the formatter was the largest single cost of its JSON (ADR 0031); a detailed
 * day writes an offset date-time per job.
 */
final class WireInstants extends SimpleModule {

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

    /** {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}'s text, by {@link WallClockText} where the seconds and the offset's minutes are whole. */
    private static final class OffsetDateTimeText extends ValueSerializer<OffsetDateTime> {

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
            int offsetSeconds = value.getOffset().getTotalSeconds();
            long epochSecond = value.toEpochSecond();
            if (value.getNano() != 0 || !WallClockText.writable(epochSecond, offsetSeconds)) {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
                return;
            }
            char[] text = new char[WallClockText.LONGEST];
            generator.writeString(text, 0, new WallClockText().write(epochSecond, offsetSeconds, text));
        }
    }
}
