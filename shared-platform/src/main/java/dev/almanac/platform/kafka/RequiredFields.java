package dev.almanac.platform.kafka;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    private static final MethodType AS_OBJECT = MethodType.methodType(Object.class, Record.class);
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return Arrays.stream(type.getRecordComponents()).map(component -> {
                try {
                    return new Component(component.getName(), lookup.unreflect(component.getAccessor()).asType(AS_OBJECT),
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
        return value instanceof Record record ? Optional.ofNullable(firstMissing(record)) : Optional.empty();
    }

    /** The path of the first missing component, built only when one is missing: every consumed record passes here. */
    private static @Nullable String firstMissing(Record record) {
        for (Component component : COMPONENTS.get(record.getClass())) {
            Object value = component.read(record);
            if (value == null) {
                if (!component.nullable()) {
                    return component.name();
                }
            } else if (value instanceof Record nested) {
                String missing = firstMissing(nested);
                if (missing != null) {
                    return component.name() + "." + missing;
                }
            } else if (value instanceof Collection<?> elements) {
                int index = 0;
                for (Object element : elements) {
                    if (element instanceof Record nested) {
                        String missing = firstMissing(nested);
                        if (missing != null) {
                            return component.name() + "[" + index + "]." + missing;
                        }
                    }
                    index++;
                }
            }
        }
        return null;
    }

    private record Component(String name, MethodHandle accessor, boolean nullable) {

        @Nullable Object read(Record record) {
            try {
                return (Object) accessor.invokeExact(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }
}
