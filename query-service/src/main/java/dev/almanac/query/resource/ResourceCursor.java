package dev.almanac.query.resource;

import java.util.Optional;

import dev.almanac.events.Identifiers;
import dev.almanac.platform.input.TextRules;
import dev.almanac.query.web.OpaqueCursors;

/**
 * Where the next page of the resources list starts: after the resource with this name and id, in (name, id) order.
 * Opaque to clients, who pass {@code next_cursor} back as {@code cursor}. It starts with its kind
 * ({@code resources|}), which tells it from any other endpoint's cursor; ids never hold {@code |}, so the last one
 * separates the name, which may be any text, from the id.
 */
public record ResourceCursor(String name, String id) {

    private static final char SEPARATOR = '|';
    private static final String KIND = "resources" + SEPARATOR;

    public String encode() {
        return OpaqueCursors.opaque(KIND + name + SEPARATOR + id);
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}: the name checked as request text, the id as an id. */
    public static Optional<ResourceCursor> decode(String token) {
        return OpaqueCursors.text(token).filter(text -> text.startsWith(KIND)).flatMap(text -> {
            String plain = text.substring(KIND.length());
            int separator = plain.lastIndexOf(SEPARATOR);
            if (separator < 0) {
                return Optional.empty();
            }
            String name = plain.substring(0, separator);
            String id = plain.substring(separator + 1);
            if (TextRules.problem(name).isPresent() || !Identifiers.isValid(id)) {
                return Optional.empty();
            }
            return Optional.of(new ResourceCursor(name, id));
        });
    }

    /** Whether the resource {@code otherId} named {@code otherName} comes after this cursor in the list's order. */
    boolean precedes(String otherName, String otherId) {
        int byName = name.compareTo(otherName);
        return byName < 0 || byName == 0 && id.compareTo(otherId) < 0;
    }
}
