package dev.almanac.platform.kafka;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Finds a record component that the contract declares non-null but that arrived null, for
 * example a field missing from a producer's JSON. Contracts are {@code @NullMarked}; only
 * components annotated {@code @Nullable} may be absent. What each record type declares is read
 * by reflection once per type and kept, because every consumed record passes through here; each
 * accessor is called through a function made for it, as a lambda is, rather than through a method handle
 * held in a field, which the compiler cannot inline and whose argument it casts through {@code Class.cast}
 * on every call (ADR 0034).
 */
final class RequiredFields {

    private static final MethodType APPLY = MethodType.methodType(Object.class, Object.class);
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(component -> new Component(component.getName(),
                    accessor(type, component.getAccessor()), component.getAnnotatedType().isAnnotationPresent(Nullable.class))).toList();
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

    /** The accessor as a function; only public accessors of public records, as the contracts' are. */
    @SuppressWarnings("unchecked")
    private static Function<Record, @Nullable Object> accessor(Class<?> type, Method accessor) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle handle = MethodHandles.publicLookup().unreflect(accessor);
            return (Function<Record, @Nullable Object>) LambdaMetafactory.metafactory(lookup, "apply",
                    MethodType.methodType(Function.class), APPLY, handle, handle.type().wrap()).getTarget().invokeExact();
        } catch (IllegalAccessException | LambdaConversionException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of " + type, e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a reader of " + accessor.getName() + " of " + type, e);
        }
    }

    private record Component(String name, Function<Record, @Nullable Object> accessor, boolean nullable) {

        @Nullable Object read(Record record) {
            try {
                return accessor.apply(record);
            } catch (RuntimeException | Error e) {
                throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }
}
