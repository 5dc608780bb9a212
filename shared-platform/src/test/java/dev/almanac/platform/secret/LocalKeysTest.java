package dev.almanac.platform.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.almanac.platform.identity.IdentityMode;

class LocalKeysTest {

    private static final String LOCAL_SEALING = "bG9jYWwtb25seS1zZWFsaW5nLWtleS0zMi1ieXRlcyE=";
    private static final String OWN = "c29tZW9uZS1lbHNlcy1rZXktb2YtMzItYnl0ZXMtISE=";

    @Test
    void jwtModeRefusesToStartOnThePublicLocalDefaultOrNoKeyNamingTheVariable() {
        for (String key : new String[] {LOCAL_SEALING, "", "  "}) {
            assertThatThrownBy(() -> LocalKeys.checked(LocalKeys.SEALING_KEY, key, IdentityMode.JWT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ALMANAC_SEALING_KEY");
        }
        assertThatThrownBy(() -> LocalKeys.checked(LocalKeys.CHANGE_TOKEN_KEY,
                "bG9jYWwtb25seS1jaGFuZ2UtZmVlZC10b2tlbi1rZXktMzItYnl0ZXM=", IdentityMode.JWT))
                .hasMessageContaining("ALMANAC_CHANGE_TOKEN_KEY");
    }

    @Test
    void aKeyOfOnesOwnIsKeptInEitherModeAndDevelopmentKeepsTheDefault() {
        assertThat(LocalKeys.checked(LocalKeys.SEALING_KEY, OWN, IdentityMode.JWT)).isEqualTo(OWN);
        assertThat(LocalKeys.checked(LocalKeys.SEALING_KEY, LOCAL_SEALING, IdentityMode.DEVELOPMENT)).isEqualTo(LOCAL_SEALING);
        assertThat(LocalKeys.checked(LocalKeys.SEALING_KEY, "", IdentityMode.DEVELOPMENT)).isEqualTo(LOCAL_SEALING);
    }
}
