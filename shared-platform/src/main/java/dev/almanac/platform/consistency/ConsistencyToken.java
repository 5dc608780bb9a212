package dev.almanac.platform.consistency;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.almanac.events.Identifiers;

/**
 * What a command wrote, as a query can check it: the entity and the version its last event gave
 * it. command-service answers every command with one in {@value #HEADER}; query-service, given it
 * as {@value #PARAMETER}, waits until its read model holds that version. Opaque to clients.
 *
 * @param kind    which read model holds the entity
 * @param id      the entity's id (an item, calendar, rule, run, change request or resource id)
 * @param version the aggregate version the command's last event has, from 0
 */
public record ConsistencyToken(Kind kind, String id, long version) {

    /** The response header a command answers the token in. */
    public static final String HEADER = "Almanac-Consistency-Token";

    /** The query parameter a read passes the token back in. */
    public static final String PARAMETER = "consistency_token";

    private static final Pattern PLAIN = Pattern.compile("1\\|([icruqs])\\|(.+)\\|(\\d{1,18})");

    public ConsistencyToken {
        if (!Identifiers.isValid(id)) {
            throw new IllegalArgumentException("not an entity id: " + id);
        }
        if (version < 0) {
            throw new IllegalArgumentException("versions start at 0, got " + version);
        }
    }

    public enum Kind {
        ITEM('i'), CALENDAR('c'), RULE('r'), RUN('u'),
        /** A proposed change to a rule; it shares the rules topic with the rule's own events. */
        CHANGE_REQUEST('q'),
        /** A resource; it shares the calendars topic with calendars' own events. */
        RESOURCE('s');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no kind " + code);
        }
    }

    public static ConsistencyToken item(String id, long version) {
        return new ConsistencyToken(Kind.ITEM, id, version);
    }

    public static ConsistencyToken calendar(String id, long version) {
        return new ConsistencyToken(Kind.CALENDAR, id, version);
    }

    public static ConsistencyToken rule(String id, long version) {
        return new ConsistencyToken(Kind.RULE, id, version);
    }

    public static ConsistencyToken run(String id, long version) {
        return new ConsistencyToken(Kind.RUN, id, version);
    }

    public static ConsistencyToken changeRequest(String id, long version) {
        return new ConsistencyToken(Kind.CHANGE_REQUEST, id, version);
    }

    public static ConsistencyToken resource(String id, long version) {
        return new ConsistencyToken(Kind.RESOURCE, id, version);
    }

    public String encode() {
        String plain = "1|" + kind.code + '|' + id + '|' + version;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The token, or empty if {@code text} is not one that {@link #encode()} made: a client can send anything. */
    public static Optional<ConsistencyToken> decode(String text) {
        String plain;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            plain = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException notOurs) {
            return Optional.empty();
        }
        Matcher matcher = PLAIN.matcher(plain);
        if (!matcher.matches() || !Identifiers.isValid(matcher.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new ConsistencyToken(Kind.of(matcher.group(1).charAt(0)), matcher.group(2), Long.parseLong(matcher.group(3))));
    }
}
