package dev.almanac.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.problem.ProblemTypes;

/**
 * JWT mode with tokens signed here by a key pair made for the test: no issuer, no network. The
 * service trusts the public key, as {@code almanac.identity.jwt.public-key-location} tells it to.
 */
@WebFluxTest(controllers = WhoAmI.class, properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac"})
@Import(WhoAmI.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class JwtIdentityTest {

    private static final KeyPair TRUSTED = keyPair();
    private static final KeyPair STRANGER = keyPair();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> publicKeyFile(TRUSTED).toUri().toString());
    }

    @Test
    void aValidTokensSubjectIsTheActor() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice@example.com", List.of(), 300))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice@example.com")
                .jsonPath("$.admin").isEqualTo(false);
    }

    @Test
    void aPathWithAMatrixParameterIsRefusedNamingThePathAndTheRuleTokenOrNot() {
        for (String path : List.of("/api/v1/whoami;x=1", "/api/v1;jsessionid=1/whoami")) {
            client.get().uri(java.net.URI.create(path)).header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice", List.of(), 300))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("path")
                    .jsonPath("$.errors[0].rule").isEqualTo("matrix_parameters")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(path));
            client.get().uri(java.net.URI.create(path)).exchange().expectStatus().isBadRequest();
        }
    }

    @Test
    void theRolesClaimMakesAnAdmin() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "root", List.of("staff", "admin"), 300))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void noTokenIsAnUnauthenticatedProblemWithABearerChallenge() {
        client.get().uri("/api/v1/whoami")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHENTICATED)
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.errors[0].field").isEqualTo("Authorization")
                .jsonPath("$.errors[0].rule").isEqualTo("required");
    }

    @Test
    void theDevelopmentHeaderIsNeverHonouredInJwtMode() {
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "root").header("X-Almanac-Roles", "admin")
                .exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice", List.of(), 300))
                .header("X-Almanac-User", "root").header("X-Almanac-Roles", "admin")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice")
                .jsonPath("$.admin").isEqualTo(false);
    }

    @Test
    void anExpiredAForeignOrAGarbledTokenIsRefusedNamingTheBearerTokenRule() {
        for (String token : List.of(bearer(TRUSTED, "alice", List.of(), -60), bearer(STRANGER, "alice", List.of(), 300),
                "Bearer not.a.token", bearer(TRUSTED, "not a user id", List.of(), 300))) {
            client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                            .startsWith("Bearer error=\"invalid_token\""))
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHENTICATED)
                    .jsonPath("$.errors[0].rule").isEqualTo("bearer_token");
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice", List.of(), 300, "billing"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aCalendarFeedIsReadByItsSecretTokenWithoutABearerTokenButOnlyByGet() {
        client.get().uri("/api/v1/feeds/q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL.ics").exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/feeds/q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL.ics").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void actuatorOperationsThatChangeThingsNeedAnAdminWhileItsReadsStayOpen() {
        client.post().uri("/actuator/republish").exchange().expectStatus().isUnauthorized();
        client.post().uri("/actuator/republish").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice", List.of("staff"), 300))
                .exchange().expectStatus().isForbidden();
        client.delete().uri("/actuator/rulestate").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "alice", List.of("staff"), 300))
                .exchange().expectStatus().isForbidden();
        // Past the security chain an admin meets what the slice serves: no actuator, so 404.
        client.post().uri("/actuator/republish").header(HttpHeaders.AUTHORIZATION, bearer(TRUSTED, "root", List.of("admin"), 300))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }

    @Test
    void pathsOutsideTheApiNeedNoToken() {
        client.get().uri("/open/ping").exchange().expectStatus().isOk();
    }

    private static String bearer(KeyPair key, String subject, List<String> roles, long secondsValid) {
        return bearer(key, subject, roles, secondsValid, "almanac");
    }

    private static String bearer(KeyPair key, String subject, List<String> roles, long secondsValid, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(secondsValid)))
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile(KeyPair key) {
        try {
            Path file = Files.createTempFile("almanac-test-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
