package dev.almanac.query.changes;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a sync or page token holds, before it is signed ({@link FeedTokens}).
 *
 * @param kind   a sync token, or a page of a full sync or of changes
 * @param caller a digest of the user the token was given to
 * @param issued when it was given; it expires a time-to-live later
 * @param scope  a digest of the calendars hidden from the caller when it was given ({@link FeedScopes})
 * @param from   a sync token's and a change page's start: every change after these offsets is still to be told
 * @param to     a page's end: the offsets the full sync or the changes run to, which the last page gives as the next sync token
 * @param after  where a page starts: after this entity key (full sync) or this change position (changes)
 */
record FeedToken(Kind kind, String caller, Instant issued, String scope, Positions from, Positions to, @Nullable String after) {

    enum Kind {
        SYNC("s"), FULL_PAGE("f"), CHANGES_PAGE("c");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        static Optional<Kind> of(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private static final String VERSION = "f1";
    private static final char SEPARATOR = '|';

    /** The text that is signed: fields by {@code |}, {@code after} last, as it may hold any character of an id. */
    String text() {
        return VERSION + SEPARATOR + kind.code + SEPARATOR + caller + SEPARATOR + issued.getEpochSecond() + SEPARATOR + scope
                + SEPARATOR + from.encode() + SEPARATOR + to.encode() + SEPARATOR + (after == null ? "" : after);
    }

    static Optional<FeedToken> parse(String text) {
        String[] fields = text.split("\\|", 8);
        if (fields.length != 8 || !fields[0].equals(VERSION)) {
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.of(fields[1]);
        Optional<Positions> from = Positions.decode(fields[5]);
        Optional<Positions> to = Positions.decode(fields[6]);
        long issued;
        try {
            issued = Long.parseLong(fields[3]);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        if (kind.isEmpty() || from.isEmpty() || to.isEmpty() || fields[2].isEmpty() || fields[4].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeedToken(kind.get(), fields[2], Instant.ofEpochSecond(issued), fields[4], from.get(), to.get(),
                fields[7].isEmpty() ? null : fields[7]));
    }
}
