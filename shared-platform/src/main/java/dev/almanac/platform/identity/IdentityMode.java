package dev.almanac.platform.identity;

import java.util.Locale;

/** How a service learns who is acting (ADR 0027). */
public enum IdentityMode {
    /** A JWT bearer token on every API request; its subject is the actor. The default. */
    JWT,
    /**
     * For the local stack and the tests only: the actor is the {@code X-Almanac-User} header, or the
     * configured development identity. Anyone who can reach the service can claim any identity.
     */
    DEVELOPMENT;

    /**
     * The mode {@code almanac.identity.mode} names, in any case, for a bean that reads the property itself rather than
     * {@link IdentityProperties}; blank is the default, JWT.
     */
    public static IdentityMode of(String name) {
        return name.isBlank() ? JWT : valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
