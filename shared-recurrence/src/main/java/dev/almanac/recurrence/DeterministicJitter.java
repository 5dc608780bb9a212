package dev.almanac.recurrence;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

import dev.almanac.events.IsoInstants;
import dev.almanac.events.rule.RuleId;

/**
 * Spreads a rule's occurrences by a whole number of seconds in {@code [0, maxSeconds]}, hashed
 * from the rule id and the resolved instant, so every machine and every replay agrees.
 *
 * <p>The hash is SHA-256 of {@code jitter␟rule␟instant}, its first eight bytes read as a signed
 * big-endian long, modulo {@code maxSeconds + 1}. An instance serves one expansion: it encodes the
 * rule's prefix once and reuses its digest. Not thread-safe.
 */
final class DeterministicJitter {

    private static final String SEPARATOR = "\u001f";

    private final RuleId ruleId;
    private final int maxSeconds;
    private final MessageDigest sha256;
    private final byte[] name;
    private final int prefixLength;
    private final byte[] digest = new byte[32];

    DeterministicJitter(RuleId ruleId, int maxSeconds) {
        this.ruleId = ruleId;
        this.maxSeconds = maxSeconds;
        this.sha256 = OccurrenceIds.digest("SHA-256");
        byte[] prefix = ("jitter" + SEPARATOR + ruleId.value() + SEPARATOR).getBytes(StandardCharsets.UTF_8);
        this.prefixLength = prefix.length;
        this.name = Arrays.copyOf(prefix, prefix.length + IsoInstants.LENGTH);
    }

    static long seconds(RuleId ruleId, Instant resolvedInstant, int maxSeconds) {
        if (maxSeconds == 0) {
            return 0;
        }
        byte[] hash = OccurrenceIds.digest("SHA-256")
                .digest(("jitter" + SEPARATOR + ruleId.value() + SEPARATOR + resolvedInstant).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(firstLong(hash), maxSeconds + 1L);
    }

    long seconds(long resolvedEpochSecond) {
        if (maxSeconds == 0) {
            return 0;
        }
        if (!IsoInstants.writable(resolvedEpochSecond)) {
            return seconds(ruleId, Instant.ofEpochSecond(resolvedEpochSecond), maxSeconds);
        }
        IsoInstants.write(resolvedEpochSecond, name, prefixLength);
        sha256.update(name, 0, name.length);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        return Math.floorMod(firstLong(digest), maxSeconds + 1L);
    }

    private static long firstLong(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
