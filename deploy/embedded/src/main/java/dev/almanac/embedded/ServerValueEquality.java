package dev.almanac.embedded;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * When mongo-java-server counts two values equal, which its {@code $set} uses to leave a field that would not change as
 * it is: null and a missing value are equal; numbers are compared as doubles (1 and 1L, 0.0 and -0.0 are equal), except
 * a long that a double cannot hold exactly, which only an equal long matches; subdocuments and lists are compared
 * element by element under the same rule. The server keeps its rule ({@code Utils.nullAwareEquals}) package-private,
 * so {@link PlainUpdate} has this copy; {@code ServerValueEqualityTest} holds it to the server's own over pairs of
 * every kind, so that an upgrade of the server that changes the rule fails the build.
 */
final class ServerValueEquality {

    private ServerValueEquality() {
    }

    static boolean equal(@Nullable Object a, @Nullable Object b) {
        if (a == b) {
            return true;
        }
        boolean aAbsent = Missing.isNullOrMissing(a);
        boolean bAbsent = Missing.isNullOrMissing(b);
        if (aAbsent || bAbsent) {
            return aAbsent && bAbsent;
        }
        return Objects.equals(normalized(a), normalized(b));
    }

    private static @Nullable Object normalized(@Nullable Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Long whole && whole != (long) whole.doubleValue()) {
            return whole;
        }
        if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            return asDouble == -0.0 ? 0.0 : asDouble;
        }
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((key, field) -> document.put((String) key, normalized(field)));
            return document;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(ServerValueEquality::normalized).toList();
        }
        return value;
    }
}
