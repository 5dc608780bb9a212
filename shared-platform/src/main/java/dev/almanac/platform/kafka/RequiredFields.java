package dev.almanac.platform.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds a record component that the contract declares non-null but that arrived null, for
 * example a field missing from a producer's JSON. Contracts are {@code @NullMarked}; only
 * components annotated {@code @Nullable} may be absent.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static Optional<String> firstMissing(Object value) {
        return value instanceof Record record ? firstMissing(record, "") : Optional.empty();
    }

    private static Optional<String> firstMissing(Record record, String prefix) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(record, component);
            String path = prefix + component.getName();
            if (value == null) {
                if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    return Optional.of(path);
                }
            } else if (value instanceof Record nested) {
                Optional<String> missing = firstMissing(nested, path + ".");
                if (missing.isPresent()) {
                    return missing;
                }
            } else if (value instanceof Collection<?> elements) {
                int index = 0;
                for (Object element : elements) {
                    if (element instanceof Record nested) {
                        Optional<String> missing = firstMissing(nested, path + "[" + index + "].");
                        if (missing.isPresent()) {
                            return missing;
                        }
                    }
                    index++;
                }
            }
        }
        return Optional.empty();
    }

    private static @Nullable Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
