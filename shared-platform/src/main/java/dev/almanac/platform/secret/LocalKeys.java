package dev.almanac.platform.secret;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.platform.identity.IdentityMode;

/**
 * The keys whose local stack defaults are public, in the services' {@code application.yml} and in this repository: a
 * service in JWT mode, which is how production runs, refuses to start on one of them or on none, naming the variable to
 * set; development mode keeps them, with a warning (ADR 0086).
 */
public final class LocalKeys {

    /** Seals webhook secrets: command-service and the dispatcher (ADR 0078). */
    public static final String SEALING_KEY = "ALMANAC_SEALING_KEY";
    /** Signs the change feed's tokens: query-service (ADR 0080). */
    public static final String CHANGE_TOKEN_KEY = "ALMANAC_CHANGE_TOKEN_KEY";

    private static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            SEALING_KEY, "bG9jYWwtb25seS1zZWFsaW5nLWtleS0zMi1ieXRlcyE=",
            CHANGE_TOKEN_KEY, "bG9jYWwtb25seS1jaGFuZ2UtZmVlZC10b2tlbi1rZXktMzItYnl0ZXM=");

    private static final Logger log = LoggerFactory.getLogger(LocalKeys.class);

    private LocalKeys() {
    }

    /** As {@link #checked(String, String, IdentityMode)}, with the mode as {@code almanac.identity.mode} names it. */
    public static String checked(String variable, String key, String mode) {
        return checked(variable, key, IdentityMode.of(mode));
    }

    /**
     * {@code key}, the value {@code variable} set (or its local default), when {@code mode} allows it.
     *
     * @throws IllegalStateException in JWT mode, when {@code key} is blank or the public local default
     */
    public static String checked(String variable, String key, IdentityMode mode) {
        String localDefault = LOCAL_DEFAULTS.get(variable);
        if (localDefault == null) {
            throw new IllegalArgumentException(variable + " is not a key with a local default");
        }
        boolean unset = key.isBlank() || key.trim().equals(localDefault);
        if (!unset) {
            return key;
        }
        if (mode == IdentityMode.JWT) {
            throw new IllegalStateException(variable + " is " + (key.isBlank() ? "empty" : "the local stack's public default")
                    + ", which anyone can read in this repository: set it to a key of your own (openssl rand -base64 32) before "
                    + "running in identity mode jwt; only ALMANAC_IDENTITY_MODE=development keeps the default (ADR 0086).");
        }
        log.warn("{} is the local stack's public default key: fine in identity mode development, never anywhere else (ADR 0086).",
                variable);
        return key.isBlank() ? localDefault : key;
    }
}
