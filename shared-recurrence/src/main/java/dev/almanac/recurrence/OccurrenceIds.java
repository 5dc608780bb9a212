package dev.almanac.recurrence;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

import dev.almanac.events.Identifiers;
import dev.almanac.events.IsoInstants;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * Derives occurrence ids byte for byte as {@link OccurrenceId#of(RuleId, Instant)} does (a
 * name-based UUID: MD5 of {@code occurrence␟rule␟instant}), in a third of its time: the instant is
 * written without a formatter and each thread reuses one digest instead of looking one up per id.
 * {@code UUID.nameUUIDFromBytes} and {@code Instant.toString} dominated before; what remains is the
 * MD5 itself and {@link OccurrenceId}'s own check of the text.
 */
final class OccurrenceIds {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private OccurrenceIds() {
    }

    static OccurrenceId of(RuleId ruleId, long epochSecond) {
        if (!IsoInstants.writable(epochSecond)) {
            return OccurrenceId.of(ruleId, Instant.ofEpochSecond(epochSecond));
        }
        return OccurrenceId.of(SCRATCH.get().uuid(ruleId, epochSecond));
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide " + algorithm, e);
        }
    }

    /** One thread's digest and buffers, and the name prefix of the rule it derived an id for last. */
    private static final class Scratch {

        private final MessageDigest md5 = digest("MD5");
        private final byte[] digest = new byte[16];
        private RuleId prefixedRule = RuleId.of("none");
        private byte[] name = new byte[0];
        private int prefixLength;

        String uuid(RuleId ruleId, long epochSecond) {
            if (!ruleId.equals(prefixedRule)) {
                byte[] prefix = ("occurrence\u001f" + ruleId.value() + "\u001f").getBytes(StandardCharsets.UTF_8);
                name = Arrays.copyOf(prefix, prefix.length + IsoInstants.LENGTH);
                prefixLength = prefix.length;
                prefixedRule = ruleId;
            }
            IsoInstants.write(epochSecond, name, prefixLength);
            md5.update(name, 0, name.length);
            try {
                md5.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException("an MD5 digest is 16 bytes", e);
            }
            return Identifiers.nameUuid(digest);
        }
    }
}
