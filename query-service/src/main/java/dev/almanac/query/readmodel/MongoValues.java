package dev.almanac.query.readmodel;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * How values sit in read-model documents. Instants are BSON dates (the driver's codec writes
 * {@code Instant} as a date and reads it back as {@code java.util.Date}, in milliseconds), so
 * range filters and sorts compare moments, on MongoDB and on mongo-java-server alike. Enums are
 * their lower-case wire names, as in the JSON. Codecs write instants as {@code Date} themselves,
 * so that an encoded state equals the document read back and an unchanged state is not written.
 */
public final class MongoValues {

    private MongoValues() {
    }

    public static Date date(Instant instant) {
        return Date.from(instant);
    }

    /** Puts {@code value} (an instant as a date) unless it is null: read models leave unknown fields out. */
    public static void putIfPresent(Document document, String field, @Nullable Object value) {
        if (value != null) {
            document.append(field, value instanceof Instant instant ? date(instant) : value);
        }
    }

    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E fromWire(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    public static <E extends Enum<E>> @Nullable E fromWireOrNull(Class<E> type, @Nullable String value) {
        return value == null ? null : fromWire(type, value);
    }

    public static @Nullable Instant instantOrNull(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static Instant instant(Document document, String field) {
        Instant instant = instantOrNull(document, field);
        if (instant == null) {
            throw new IllegalStateException("read-model document " + document.get("_id") + " has no " + field);
        }
        return instant;
    }

    public static long longValue(Document document, String field) {
        Number number = document.get(field, Number.class);
        return number == null ? 0 : number.longValue();
    }

    public static String string(Document document, String field) {
        String value = document.getString(field);
        return value == null ? "" : value;
    }

    public static List<String> strings(Document document, String field) {
        return document.getList(field, String.class, List.of());
    }
}
