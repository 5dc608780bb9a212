package dev.almanac.events;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a user: the subject of a bearer token, or the development identity (ADR 0027). Wider
 * than {@link Identifiers#PATTERN}, since identity providers name users with {@code @}, {@code |}
 * or {@code +} in them ({@code alice@example.com}, {@code auth0|5f1c}).
 */
public record UserId(@JsonValue String value) {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@|+-]{0,127}";
    public static final Pattern VALID = Pattern.compile(PATTERN);

    public UserId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("user id must match " + PATTERN + " but was '" + value + "'");
        }
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
