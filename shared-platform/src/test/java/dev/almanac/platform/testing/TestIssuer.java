package dev.almanac.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token issuer made for a test: an RSA key pair, its public key in a PEM file that a service in JWT mode is told to trust
 * ({@code almanac.identity.jwt.public-key-location}), and signed bearer tokens. No issuer, no network.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "almanac";

    private final KeyPair key;

    private TestIssuer(KeyPair key) {
        this.key = key;
    }

    public static TestIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestIssuer(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for the service's audience, valid ten minutes. */
    public String bearer(String subject, List<String> roles) {
        return bearer(subject, roles, 600, AUDIENCE);
    }

    /** {@code Authorization} header value; a negative {@code secondsValid} gives a token that has expired. */
    public String bearer(String subject, List<String> roles, long secondsValid, String audience) {
        return bearer(subject, roles, secondsValid, audience, Map.of());
    }

    /** A token of a tenant's user (ADR 0102): the {@code tenant} claim names it. */
    public String bearerOfTenant(String tenant, String subject, List<String> roles) {
        return bearer(subject, roles, 600, AUDIENCE, Map.of("tenant", tenant));
    }

    /** {@code Authorization} header value with {@code extraClaims} besides the usual ones. */
    public String bearer(String subject, List<String> roles, long secondsValid, String audience, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(secondsValid)))
                .claim("roles", roles);
        extraClaims.forEach(builder::claim);
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }

    /** The public key as a PEM file, for {@code almanac.identity.jwt.public-key-location}. */
    public Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("almanac-test-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
