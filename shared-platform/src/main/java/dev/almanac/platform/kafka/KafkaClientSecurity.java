package dev.almanac.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * How a client proves who it is to the brokers: {@code security.protocol}, {@code sasl.*} and {@code ssl.*} as Spring's
 * own clients have them ({@link KafkaCredentials}). A client built by hand from the bootstrap servers alone adds these,
 * or a secured cluster refuses it. Empty on a PLAINTEXT cluster.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    public static Map<String, Object> of(KafkaProperties kafka) {
        return of(kafka.buildAdminProperties());
    }

    /** The security settings among a client's {@code configured} ones. */
    public static Map<String, Object> of(Map<String, ?> configured) {
        Map<String, Object> security = new LinkedHashMap<>();
        configured.forEach((key, value) -> {
            if (value != null && (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                security.put(key, value);
            }
        });
        return security;
    }
}
