package dev.almanac.query.rule;

import java.util.Optional;

import dev.almanac.events.Identifiers;
import dev.almanac.query.web.OpaqueCursors;

/**
 * Where the next page of a rules list starts: after the rule with this id, in id order. Opaque to
 * clients, who pass {@code next_cursor} back as {@code cursor}.
 */
public record RuleCursor(String afterId) {

    private static final String PREFIX = "rule|";

    public String encode() {
        return OpaqueCursors.opaque(PREFIX + afterId);
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}: base64url of UTF-8 naming a valid rule id. */
    public static Optional<RuleCursor> decode(String token) {
        return OpaqueCursors.text(token).filter(plain -> plain.startsWith(PREFIX))
                .map(plain -> plain.substring(PREFIX.length()))
                .filter(Identifiers::isValid)
                .map(RuleCursor::new);
    }
}
