package dev.almanac.commands.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.platform.secret.LocalKeys;
import dev.almanac.platform.secret.SecretSeal;

/** The key that seals webhook secrets for the deliverer, which holds the same ({@code almanac.notify.sealing-key}, ADR 0078). */
@Configuration(proxyBeanMethods = false)
class SealConfiguration {

    @Bean
    SecretSeal secretSeal(@Value("${almanac.notify.sealing-key}") String key,
                          @Value("${almanac.identity.mode:jwt}") String mode) {
        return new SecretSeal(LocalKeys.checked(LocalKeys.SEALING_KEY, key, mode));
    }
}
