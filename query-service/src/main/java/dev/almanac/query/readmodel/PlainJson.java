package dev.almanac.query.readmodel;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/** A read-model document as plain JSON values: dates as ISO-8601 instants, sub-documents as objects. */
public final class PlainJson {

    private PlainJson() {
    }

    public static Map<String, Object> plain(Document document) {
        Map<String, Object> plain = new LinkedHashMap<>();
        document.forEach((key, value) -> plain.put(key, value(value)));
        return plain;
    }

    private static Object value(Object value) {
        if (value instanceof Document document) {
            return plain(document);
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(element -> plain.add(element == null ? null : value(element)));
            return plain;
        }
        return value;
    }
}
