package dev.almanac.platform.input;

import java.time.Instant;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The input rules as Jackson deserializers for request bodies: every string value and map key
 * passes {@link TextRules}, every instant {@link Rfc3339}, and neither accepts another JSON type
 * in its place (no number for a string, no epoch number for an instant). A number in free-form
 * JSON, such as a job payload, must fit a 64-bit integer or a finite double, the numbers every
 * store and every client can hold.
 */
public final class StrictInputModule extends SimpleModule {

    public StrictInputModule() {
        super("almanac-strict-input");
        addDeserializer(String.class, new TextDeserializer());
        addDeserializer(Instant.class, new InstantDeserializer());
        addKeyDeserializer(String.class, new TextKeyDeserializer());
        addDeserializer(Number.class, new StorableNumberDeserializer());
    }

    static final class TextDeserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new InputRuleException(parser, "type", "must be a string", parser.getString(), String.class);
            }
            String text = parser.getString();
            TextRules.problem(text).ifPresent(problem -> {
                throw new InputRuleException(parser, TextRules.RULE, "text " + problem, text, String.class);
            });
            return text;
        }
    }

    static final class TextKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            TextRules.problem(key).ifPresent(problem -> {
                throw new InputRuleException(context.getParser(), TextRules.RULE, "the key '" + printable(key) + "' " + problem,
                        key, String.class);
            });
            return key;
        }
    }

    /** Used by Jackson for every number of an untyped value ({@code Map<String, Object>}). */
    static final class StorableNumberDeserializer extends ValueDeserializer<Number> {

        static final String RANGE = "must be a whole number from -9223372036854775808 to 9223372036854775807 or a finite decimal";

        @Override
        public Number deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new InputRuleException(parser, "range", RANGE + ", but was " + parser.getString(), parser.getString(),
                            Number.class);
                }
                return parser.getNumberValue();
            }
            if (parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw new InputRuleException(parser, "range", RANGE + ", but was " + parser.getString(), parser.getString(),
                            Number.class);
                }
                return value;
            }
            throw new InputRuleException(parser, "type", "must be a number", parser.getString(), Number.class);
        }
    }

    static final class InstantDeserializer extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new InputRuleException(parser, Rfc3339.RULE, "must be " + Rfc3339.DESCRIPTION, parser.getString(), Instant.class);
            }
            String text = parser.getString();
            return Rfc3339.parse(text).orElseThrow(() -> new InputRuleException(parser, Rfc3339.RULE,
                    "must be " + Rfc3339.DESCRIPTION + ", but was '" + printable(text) + "'", text, Instant.class));
        }
    }

    /** The value with control characters escaped, so that an error message never carries them back. */
    public static String printable(String text) {
        StringBuilder printable = new StringBuilder();
        text.codePoints().limit(80).forEach(codePoint -> {
            boolean loneSurrogate = codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint);
            if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F) || loneSurrogate) {
                printable.append(String.format("\\u%04x", codePoint));
            } else {
                printable.appendCodePoint(codePoint);
            }
        });
        return text.codePointCount(0, text.length()) > 80 ? printable + "…" : printable.toString();
    }
}
