package dev.almanac.executor.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] BODY = "{\"occurrence_id\":\"occ-1\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature("a-secret-of-some-length");

    @Test
    void aSignedBodyVerifiesWithTheSameSecretWithinTheTolerance() {
        String header = signature.sign(BODY, NOW);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(signature.verify(header, BODY, NOW.plusSeconds(299), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretAnOldTimestampOrAGarbledHeaderDoNotVerify() {
        String header = signature.sign(BODY, NOW);

        assertThat(signature.verify(header, "{}".getBytes(StandardCharsets.UTF_8), NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(new WebhookSignature("another-secret-entirely").verify(header, BODY, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(header, BODY, NOW.plusSeconds(301), Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(header.replace("t=", "t=1"), BODY, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify("v1=zz", BODY, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify("garbage", BODY, NOW, Duration.ofMinutes(5))).isFalse();
    }

    /** The example of docs/executor.md, so that a receiver written from it agrees with the executor. */
    @Test
    void theDocumentedExampleIsWhatTheExecutorSends() {
        WebhookSignature documented = new WebhookSignature("whsec-local-demo-0123456789");

        assertThat(documented.sign("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1796205600)))
                .isEqualTo("t=1796205600,v1=" + DOCUMENTED_MAC);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new WebhookSignature("short")).hasMessageContaining("16 characters");
    }

    /** From `printf %s '1796205600.{"hello":"world"}' | openssl dgst -sha256 -hmac whsec-local-demo-0123456789`. */
    static final String DOCUMENTED_MAC = "bb6dd2f2d6228ddab2066ad94d666a2882d109307b82f758295b0961589f0ffd";
}
