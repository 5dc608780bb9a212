package dev.almanac.commands.web;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;

/**
 * Aggregate versions on the wire: responses carry {@code ETag: "<version>"}, and a command
 * may carry {@code If-Match: "<version>"} to fail with 412 instead of overwriting a change it
 * has not seen. The version is the sequence number of the aggregate's last event, from 0.
 */
public final class Versions {

    private static final Pattern STRONG_ETAG = Pattern.compile("\"(\\d{1,18})\"");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The headers of a command's answer: the entity's new version as the ETag, and the
     * {@link ConsistencyToken} a query can pass to read that version or learn that it cannot yet.
     */
    public static Consumer<HttpHeaders> written(ConsistencyToken token) {
        return headers -> {
            headers.setETag(etag(token.version()));
            headers.set(ConsistencyToken.HEADER, token.encode());
        };
    }

    /** A 200 answer to a command, with the headers of {@link #written}. */
    public static ResponseEntity.BodyBuilder ok(ConsistencyToken token) {
        return ResponseEntity.ok().headers(written(token));
    }

    /** The expected version in an {@code If-Match} header, or null when there is none. */
    public static @Nullable Long expected(@Nullable String ifMatch) {
        if (ifMatch == null || "*".equals(ifMatch.trim())) {
            return null;
        }
        Matcher matcher = STRONG_ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw ProblemException.invalid("If-Match", "etag",
                    "If-Match must be one strong ETag of this resource, such as \"3\", or *, but was '"
                            + StrictInputModule.printable(ifMatch) + "'");
        }
        return Long.parseLong(matcher.group(1));
    }
}
