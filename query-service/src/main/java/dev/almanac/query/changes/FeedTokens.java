package dev.almanac.query.changes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.almanac.query.web.OpaqueCursors;

/**
 * Signs and checks the change feed's tokens: the token's text, opaque, a dot, and its HMAC-SHA256 under a key of the
 * service's configuration ({@code almanac.query.changes.token-key}), so that a client can neither forge nor alter one. A
 * token names its caller by a digest and expires a time-to-live after it was given.
 */
final class FeedTokens {

    private static final String HMAC = "HmacSHA256";
    /** A key shorter than the hash's block gives a forger less work than the hash does. */
    static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Duration timeToLive;
    private final Clock clock;

    /**
     * @param key        base64 of at least {@value #MIN_KEY_BYTES} bytes
     * @param timeToLive how long after it was given a token is still taken
     */
    FeedTokens(String key, Duration timeToLive, Clock clock) {
        byte[] bytes = Base64.getDecoder().decode(key);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("almanac.query.changes.token-key must be base64 of at least " + MIN_KEY_BYTES
                    + " bytes, got " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, HMAC);
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    String sign(FeedToken token) {
        String text = token.text();
        return OpaqueCursors.opaque(text) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(text));
    }

    /** What a token a client sent is: not one of ours at all, one that is no longer or never was good, or a good one. */
    sealed interface Checked {
    }

    /** Not a token of this feed's shape: bad input. */
    record Malformed() implements Checked {
    }

    /** Shaped as a token but not to be taken: the client must start a full sync again. */
    record Gone(String rule, String message) implements Checked {
    }

    record Valid(FeedToken token) implements Checked {
    }

    Checked check(String raw, String caller) {
        int dot = raw.lastIndexOf('.');
        if (dot <= 0) {
            return new Malformed();
        }
        Optional<String> text = OpaqueCursors.text(raw.substring(0, dot));
        Optional<FeedToken> token = text.flatMap(FeedToken::parse);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(raw.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return new Malformed();
        }
        if (token.isEmpty()) {
            return new Malformed();
        }
        if (!MessageDigest.isEqual(signature, mac(text.get()))) {
            return new Gone("signature", "the token was not made by this service, or was altered; start a full sync without it");
        }
        if (!token.get().caller().equals(callerDigest(caller))) {
            return new Gone("caller", "the token was given to another user; start a full sync without it");
        }
        if (token.get().issued().plus(timeToLive).isBefore(clock.instant())) {
            return new Gone("expired", "the token was given at " + token.get().issued() + " and expired after " + timeToLive
                    + "; start a full sync without it");
        }
        return new Valid(token.get());
    }

    /** The digest a token names its caller by: a token tells nothing of who holds it. */
    static String callerDigest(String caller) {
        return digest(caller);
    }

    /** The first 96 bits of the text's SHA-256, base64url. */
    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
