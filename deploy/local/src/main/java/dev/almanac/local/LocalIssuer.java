package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;

/**
 * The local stack's development token issuer (issue 73 part 7): an RSA key pair kept in the stack's home, whose public
 * key the services trust when the stack runs in JWT mode ({@code ALMANAC_IDENTITY_MODE=jwt ./run-local}), and signed
 * tokens for any user, roles and tenant ({@code ./run-local token --user alice --roles admin --tenant acme}). It
 * signs what anyone who can read the home asks for, so it is for a machine of one's own, as development mode is; a
 * deployment trusts its identity provider's keys instead.
 */
public final class LocalIssuer {

    static final String DIRECTORY = "issuer";
    static final String SIGNING_KEY = "signing-key.pem";
    static final String PUBLIC_KEY = "public-key.pem";
    static final String ISSUER = "almanac-local";

    private final RSAPrivateKey signingKey;
    private final Path publicKeyFile;
    private final Clock clock;

    private LocalIssuer(RSAPrivateKey signingKey, Path publicKeyFile, Clock clock) {
        this.signingKey = signingKey;
        this.publicKeyFile = publicKeyFile;
        this.clock = clock;
    }

    /** The issuer of the stack whose home is {@code home}: its key pair, made on first use and kept there after. */
    public static LocalIssuer of(Path home, Clock clock) {
        Path directory = home.resolve(DIRECTORY);
        Path signing = directory.resolve(SIGNING_KEY);
        Path publicKey = directory.resolve(PUBLIC_KEY);
        try {
            if (!Files.exists(signing) || !Files.exists(publicKey)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writePem(publicKey, "PUBLIC KEY", pair.getPublic().getEncoded());
                writePem(signing, "PRIVATE KEY", pair.getPrivate().getEncoded());
                ownerOnly(signing);
            }
            String pem = Files.readString(signing, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new LocalIssuer(key, publicKey, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the local issuer's keys in " + directory + " could not be read or written", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(signing + " holds no RSA private key in PEM: delete " + directory
                    + " and a new key pair is made (tokens signed with the old one are then refused)", e);
        }
    }

    /** The public key the services trust, in PEM: {@code ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION=file:…}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** What a service of the stack needs to trust this issuer's tokens. */
    public Map<String, String> serviceEnvironment() {
        return Map.of("ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION", publicKeyFile.toUri().toString());
    }

    /**
     * A bearer token (the value after {@code Bearer }) for {@code subject} with {@code roles} and, for a multi-tenant
     * stack, {@code tenant}, valid for {@code valid}.
     *
     * @throws IllegalArgumentException a subject that is no user id, a tenant that is no tenant name, a validity not positive
     */
    public String mint(String subject, List<String> roles, @Nullable String tenant, Duration valid) {
        if (!UserId.VALID.matcher(subject).matches()) {
            throw new IllegalArgumentException("--user must be a user id: 1-128 letters, digits or . _ : @ | + - starting with a"
                    + " letter or digit, not '" + subject + "'");
        }
        if (tenant != null && !Tenant.VALID.matcher(tenant).matches()) {
            throw new IllegalArgumentException("--tenant must name a tenant: 1-32 lower-case letters, digits or - starting with a"
                    + " letter or digit, not '" + tenant + "'");
        }
        if (valid.isNegative() || valid.isZero()) {
            throw new IllegalArgumentException("a token must be valid for some time, not " + valid);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(valid)))
                .claim("roles", roles);
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("the local issuer could not sign a token", e);
        }
        return jwt.serialize();
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions (Windows) keeps the home directory's.
        }
    }
}
