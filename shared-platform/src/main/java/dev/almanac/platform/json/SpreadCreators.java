package dev.almanac.platform.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.util.ClassUtil;

/**
 * Calls the constructor that builds a record (any properties-based creator that is a constructor) through a
 * spreading handle made once per type. Jackson 3.1 calls it through {@code MethodHandle.invokeWithArguments},
 * which on JDK 17 builds a new spreader for every call: 6 % of conflict-detector's processing of a record, which
 * builds the event and every id and nested record in it (ADR 0034). Everything else is
 * Jackson's own instantiator: the same arguments, the same conversions, and a constructor's exception wrapped and
 * handed to the context's problem handlers exactly as {@link StdValueInstantiator} does. Jackson's Blackbird module
 * does this too, but is not published for Jackson 3.1, and hands a constructor's exception over without Jackson's
 * rewrapping.
 */
final class SpreadCreators extends JacksonModule implements ValueInstantiators {

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

    @Override
    public String getModuleName() {
        return "almanac-spread-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(this);
    }

    @Override
    public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier description) {
        return null;
    }

    /** Only Jackson's own instantiator of a constructor is replaced; any other, or a constructor it cannot reach, stays. */
    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier description,
                                                     ValueInstantiator instantiator) {
        if (instantiator.getClass() != StdValueInstantiator.class
                || !(((StdValueInstantiator) instantiator).getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
            return instantiator;
        }
        MethodHandle spread = spread(creator.getAnnotated());
        return spread == null ? instantiator : new Spread((StdValueInstantiator) instantiator, spread);
    }

    /** With the access Jackson's own handle has: the constructor's, or what Jackson granted it with {@code setAccessible}. */
    private static @Nullable MethodHandle spread(Constructor<?> constructor) {
        try {
            MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor).asFixedArity();
            return handle.asSpreader(Object[].class, handle.type().parameterCount()).asType(SPREAD);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Jackson's instantiator with the spreading handle for its properties-based constructor. */
    static final class Spread extends StdValueInstantiator {

        private final MethodHandle creator;

        Spread(StdValueInstantiator jacksons, MethodHandle creator) {
            super(jacksons);
            this.creator = creator;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) throws JacksonException {
            try {
                return (Object) creator.invokeExact(arguments);
            } catch (Exception e) {
                return context.handleInstantiationProblem(_valueClass, arguments, rewrapCtorProblem(context, e));
            } catch (Throwable e) {
                throw ClassUtil.sneakyThrow(e);
            }
        }
    }
}
