package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import dev.almanac.platform.identity.IdentityMode;
import dev.almanac.platform.secret.LocalKeys;

/** The local stack's development issuer (issue 73 part 7): its tokens are what a service in JWT mode accepts. */
class LocalIssuerTest {

    @TempDir
    Path home;

    @Test
    void aMintedTokenDecodesWithThePublicKeyTheServicesAreGiven() throws Exception {
        LocalIssuer issuer = LocalIssuer.of(home, Clock.systemUTC());

        Jwt jwt = decoderTrusting(issuer.serviceEnvironment()).decode(issuer.mint("alice", List.of("admin"), "acme", Duration.ofMinutes(5))).block();

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(jwt.getClaimAsString("tenant")).isEqualTo("acme");
        assertThat(jwt.getExpiresAt()).isBetween(jwt.getIssuedAt().plusSeconds(299), jwt.getIssuedAt().plusSeconds(301));
        Jwt singleTenant = decoderTrusting(issuer.serviceEnvironment()).decode(issuer.mint("bob", List.of(), null, Duration.ofMinutes(1))).block();
        assertThat(singleTenant.getClaims()).doesNotContainKey("tenant");
    }

    @Test
    void theKeyPairIsKeptInTheHomeSoATokenMintedBeforeAStartIsStillTrustedAfter() throws Exception {
        String early = LocalIssuer.of(home, Clock.systemUTC()).mint("alice", List.of(), null, Duration.ofMinutes(5));
        LocalIssuer later = LocalIssuer.of(home, Clock.systemUTC());

        assertThat(decoderTrusting(later.serviceEnvironment()).decode(early).block().getSubject()).isEqualTo("alice");
        assertThat(Files.getPosixFilePermissions(home.resolve(LocalIssuer.DIRECTORY).resolve(LocalIssuer.SIGNING_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSubjectOrTenantThatTheServicesWouldRefuseIsRefusedWhenMinting() {
        LocalIssuer issuer = LocalIssuer.of(home, Clock.systemUTC());

        assertThatThrownBy(() -> issuer.mint("alice smith", List.of(), null, Duration.ofMinutes(5))).hasMessageContaining("--user");
        assertThatThrownBy(() -> issuer.mint("alice", List.of(), "Acme Corp", Duration.ofMinutes(5))).hasMessageContaining("--tenant");
        assertThatThrownBy(() -> issuer.mint("alice", List.of(), null, Duration.ZERO)).hasMessageContaining("valid");
    }

    @Test
    void inJwtModeTheServicesTrustTheLocalIssuerUnlessAKeySourceIsGiven() {
        assertThat(LocalStack.identityEnvironment(Map.of(), home)).containsExactly(Map.entry("ALMANAC_IDENTITY_MODE", "development"));
        assertThat(LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "JWT", "ALMANAC_IDENTITY_TENANCY", "multi"), home))
                .containsEntry("ALMANAC_IDENTITY_MODE", "jwt")
                .containsEntry("ALMANAC_IDENTITY_TENANCY", "multi")
                .containsEntry("ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION",
                        home.resolve(LocalIssuer.DIRECTORY).resolve(LocalIssuer.PUBLIC_KEY).toUri().toString());
        assertThat(LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "jwt",
                "ALMANAC_IDENTITY_JWT_ISSUER_URI", "https://login.example.com/"), home))
                .doesNotContainKey("ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION");
        assertThat(LocalStack.identityEnvironment(Map.of(), home)).doesNotContainKeys("ALMANAC_SEALING_KEY", "ALMANAC_CHANGE_TOKEN_KEY");
        assertThatThrownBy(() -> LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "jtw"), home))
                .hasMessageContaining("development (the default) or jwt, not 'jtw'");
    }

    @Test
    void inJwtModeTheSecretKeysAreTheHomesOwnKeptAcrossStartsNotThePublicLocalDefaults() {
        Map<String, String> first = LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "jwt"), home);
        Map<String, String> again = LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "jwt"), home);

        for (String name : List.of("ALMANAC_SEALING_KEY", "ALMANAC_CHANGE_TOKEN_KEY")) {
            assertThat(Base64.getDecoder().decode(first.get(name))).hasSize(32);
            assertThat(first.get(name)).isEqualTo(again.get(name));
            assertThatCode(() -> LocalKeys.checked(name, first.get(name), IdentityMode.JWT)).as("what a service in JWT mode takes")
                    .doesNotThrowAnyException();
        }
        assertThat(LocalStack.identityEnvironment(Map.of("ALMANAC_IDENTITY_MODE", "jwt", "ALMANAC_SEALING_KEY", "given"), home))
                .doesNotContainKey("ALMANAC_SEALING_KEY").containsKey("ALMANAC_CHANGE_TOKEN_KEY");
    }

    @Test
    void theTokenCommandNeedsAUserAndReadsRolesTenantAndMinutes() {
        assertThat(TokenCommand.read(List.of("--user", "carol", "--roles", "platform-admin, admin", "--tenant", "support", "--minutes", "5")))
                .isEqualTo(new TokenCommand.Request("carol", List.of("platform-admin", "admin"), "support", Duration.ofMinutes(5)));
        assertThat(TokenCommand.read(List.of("--user", "dave")))
                .isEqualTo(new TokenCommand.Request("dave", List.of(), null, Duration.ofMinutes(60)));
        assertThatThrownBy(() -> TokenCommand.read(List.of("--roles", "admin"))).hasMessageContaining("--user is required");
        assertThatThrownBy(() -> TokenCommand.read(List.of("--user", "dave", "--minutes", "0"))).hasMessageContaining("--minutes");
    }

    private static NimbusReactiveJwtDecoder decoderTrusting(Map<String, String> serviceEnvironment) throws Exception {
        Path file = Path.of(java.net.URI.create(serviceEnvironment.get("ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION")));
        String pem = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return NimbusReactiveJwtDecoder.withPublicKey(key).build();
    }
}
