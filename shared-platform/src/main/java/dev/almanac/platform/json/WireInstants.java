package dev.almanac.platform.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateTimeDeserializer;
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

    /**
     * Reads instants and local date-times of the plain form that every producer writes by arithmetic
     * ({@link IsoInstants#parse}, {@link #plainLocal}), and hands every other token to Jackson's
     * own deserializer, configured as it would be without this module, so that whatever it accepted or refused
     * before it still does, with the same message. Events carry two to four of them, and the formatter's parse
     * was a sixth of conflict-detector's CPU per record (ADR 0034). Only for events: request bodies keep the
     * strict reading of {@code StrictInputModule}.
     */
    static SimpleModule reading() {
        return new SimpleModule("almanac-wire-instants-reading")
                .addDeserializer(Instant.class, plainFirst(InstantDeserializer.INSTANT, IsoInstants::parse))
                .addDeserializer(LocalDateTime.class, plainFirst(LocalDateTimeDeserializer.INSTANCE, WireInstants::plainLocal));
    }

    /**
     * A local date-time of the plain form {@code ISO_LOCAL_DATE_TIME} writes with its seconds ({@code 2026-03-08T02:30:00},
     * 1 to 9 digits of fraction or none), read by {@link IsoInstants#parseOnTheUtcClock} as {@code parse} reads it with a {@code Z}:
     * the wall-clock fields, with no zone of their own. The events that carry one carry its zone beside it (an
     * occurrence's {@code nominal_local_time} with its {@code timezone}, a recurrence's DTSTART, EXDATEs and RDATEs with
     * the rule's). Null for any other text, which Jackson's own deserializer then reads or refuses.
     */
    static @Nullable LocalDateTime plainLocal(String text) {
        Instant onTheUtcClock = IsoInstants.parseOnTheUtcClock(text);
        return onTheUtcClock == null ? null
                : LocalDateTime.ofEpochSecond(onTheUtcClock.getEpochSecond(), onTheUtcClock.getNano(), ZoneOffset.UTC);
    }

    /** Jackson's delegating deserializer is typed for any value; this one gives only {@code T}s, its own or its delegate's. */
    @SuppressWarnings("unchecked")
    private static <T> ValueDeserializer<T> plainFirst(ValueDeserializer<T> jackson, Function<String, @Nullable T> plain) {
        return (ValueDeserializer<T>) (ValueDeserializer<?>) new PlainFirst<>(jackson, plain);
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

    /** The plain text by arithmetic, anything else (another form, a number, null, a malformed text) by Jackson's deserializer. */
    static final class PlainFirst<T> extends DelegatingDeserializer {

        private final Function<String, @Nullable T> plain;

        PlainFirst(ValueDeserializer<?> jackson, Function<String, @Nullable T> plain) {
            super(jackson);
            this.plain = plain;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> contextual) {
            return new PlainFirst<>(contextual, plain);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                T value = plain.apply(parser.getString());
                if (value != null) {
                    return value;
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
