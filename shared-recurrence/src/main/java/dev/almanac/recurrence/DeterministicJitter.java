package dev.almanac.recurrence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import dev.almanac.events.rule.RuleId;

/**
 * Spreads a rule's occurrences by a whole number of seconds in {@code [0, maxSeconds]}, hashed
 * from the rule id and the resolved instant, so every machine and every replay agrees.
 */
final class DeterministicJitter {

    private static final String SEPARATOR = "\u001f";

    private DeterministicJitter() {
    }

    static long seconds(RuleId ruleId, Instant resolvedInstant, int maxSeconds) {
        if (maxSeconds == 0) {
            return 0;
        }
        byte[] digest = sha256("jitter" + SEPARATOR + ruleId.value() + SEPARATOR + resolvedInstant);
        return Math.floorMod(ByteBuffer.wrap(digest).getLong(), maxSeconds + 1L);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
