package dev.almanac.tui.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JSON the client reads (RFC 8259) as maps, lists, strings, numbers, booleans and null, and the flat objects it
 * sends. Hand-written rather than Jackson: Jackson's 515 classes were a seventh of the classes the client loaded, and
 * without them its resident memory in the benchmark fell from 68 to 62 MB, 9 % (docs/benchmarks.md, ADR 0076).
 */
final class Json {

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static @Nullable Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.space();
        if (json.at != text.length()) {
            throw json.error("text after the value");
        }
        return value;
    }

    /** A flat object of strings, as a command's body is. */
    static String write(Map<String, String> object) {
        StringBuilder out = new StringBuilder("{");
        object.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(name, out);
            out.append(':');
            quote(value, out);
        });
        return out.append('}').toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------ reading a tree

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(@Nullable Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<Object> array(@Nullable Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    static String string(@Nullable Object value, String otherwise) {
        return value instanceof String string ? string : value == null || value instanceof Map || value instanceof List
                ? otherwise : String.valueOf(value);
    }

    static long number(@Nullable Object value, long otherwise) {
        return value instanceof Number number ? number.longValue() : otherwise;
    }

    static double decimal(@Nullable Object value, double otherwise) {
        return value instanceof Number number ? number.doubleValue() : otherwise;
    }

    static boolean bool(@Nullable Object value, boolean otherwise) {
        return value instanceof Boolean bool ? bool : otherwise;
    }

    // ------------------------------------------------------------------ the parser

    private @Nullable Object value() {
        space();
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> objectValue();
            case '[' -> arrayValue();
            case '"' -> stringValue();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> numberValue();
        };
    }

    private Map<String, Object> objectValue() {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("a member name");
            }
            String name = stringValue();
            space();
            expect(':');
            object.put(name, value());
            space();
            char next = next();
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> arrayValue() {
        List<Object> array = new ArrayList<>();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            array.add(value());
            space();
            char next = next();
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                throw error("',' or ']'");
            }
        }
    }

    private String stringValue() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("four hex digits");
                    }
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw error("an escape");
            }
        }
    }

    private Number numberValue() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String number = text.substring(start, at);
        if (number.isEmpty()) {
            throw error("a value");
        }
        try {
            if (number.contains(".") || number.contains("e") || number.contains("E")) {
                return Double.parseDouble(number);
            }
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw error("a number");
        }
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
        if (!text.startsWith(word, at)) {
            throw error(word);
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() {
        if (at >= text.length()) {
            throw error("more text");
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("'" + c + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("JSON: expected " + expected + " at offset " + at);
    }
}
