package dev.almanac.tools.dltreplay;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which dead letters {@code --reason} selects: {@code poison} and {@code error} as the
 * {@code almanac_records_dead_lettered_total} counter's {@code reason} tag splits them, anything
 * else a part of the name of a class in the failure (case ignored). Without it, every one.
 */
record Reason(@Nullable String text) {

    static final Reason ANY = new Reason(null);
    static final String POISON = "poison";
    static final String ERROR = "error";

    static Reason of(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("--reason needs poison, error or a part of an exception's class name, not an empty text");
        }
        return new Reason(text.strip());
    }

    boolean matches(DeadLetter letter) {
        if (text == null) {
            return true;
        }
        return switch (text) {
            case POISON -> letter.poison();
            case ERROR -> !letter.poison();
            default -> letter.exceptionClasses().stream()
                    .anyMatch(name -> name.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)));
        };
    }

    @Override
    public String toString() {
        return text == null ? "any" : text;
    }
}
