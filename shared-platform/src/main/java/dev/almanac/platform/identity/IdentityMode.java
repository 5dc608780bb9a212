package dev.almanac.platform.identity;

/** How a service learns who is acting (ADR 0027). */
public enum IdentityMode {
    /** A JWT bearer token on every API request; its subject is the actor. The default. */
    JWT,
    /**
     * For the local stack and the tests only: the actor is the {@code X-Almanac-User} header, or the
     * configured development identity. Anyone who can reach the service can claim any identity.
     */
    DEVELOPMENT
}
