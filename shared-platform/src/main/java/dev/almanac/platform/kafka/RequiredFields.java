package dev.almanac.platform.kafka;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds a record component that the contract declares non-null but that arrived null, for
 * example a field missing from a producer's JSON. Contracts are {@code @NullMarked}; only
 * components annotated {@code @Nullable} may be absent. What each record type declares is read
 * by reflection once per type and kept, because every consumed record passes through here.
 */
final class RequiredFields {

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return Arrays.stream(type.getRecordComponents()).map(component -> {
                try {
                    return new Component(component.getName(), lookup.unreflect(component.getAccessor()),
                            component.getAnnotatedType().isAnnotationPresent(Nullable.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + type, e);
                }
            }).toList();
        }
    };

    private RequiredFields() {
    }

    static Optional<String> firstMissing(Object value) {
        return value instanceof Record record ? firstMissing(record, "") : Optional.empty();
    }

    private static Optional<String> firstMissing(Record record, String prefix) {
        for (Component component : COMPONENTS.get(record.getClass())) {
            Object value = component.read(record);
            if (value == null) {
                if (!component.nullable()) {
                    return Optional.of(prefix + component.name());
                }
            } else if (value instanceof Record nested) {
                Optional<String> missing = firstMissing(nested, prefix + component.name() + ".");
                if (missing.isPresent()) {
                    return missing;
                }
            } else if (value instanceof Collection<?> elements) {
                int index = 0;
                for (Object element : elements) {
                    if (element instanceof Record nested) {
                        Optional<String> missing = firstMissing(nested, prefix + component.name() + "[" + index + "].");
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

    private record Component(String name, MethodHandle accessor, boolean nullable) {

        @Nullable Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }
}
