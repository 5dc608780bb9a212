package dev.almanac.platform.json;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import dev.almanac.events.IsoInstants;

/**
 * Writes instants as the same ISO-8601 text Jackson's own serializer gives ({@code Instant.toString()}),
 * by {@link IsoInstants}' fast path for whole seconds. An occurrence carries three instants, and
 * the formatter was the largest single cost of its JSON (ADR 0031).
 */
final class WireInstants extends SimpleModule {

    WireInstants() {
        super("almanac-wire-instants");
        addSerializer(Instant.class, new Serializer());
    }

    private static final class Serializer extends ValueSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(IsoInstants.toString(value));
        }
    }
}
