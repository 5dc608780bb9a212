package dev.almanac.platform.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code almanac.identity.*}: how requests are authenticated (ADR 0027). Environment variables bind
 * as usual: {@code ALMANAC_IDENTITY_MODE}, {@code ALMANAC_IDENTITY_JWT_ISSUER_URI}, and so on.
 *
 * @param mode                    {@code jwt} (default) or {@code development}
 * @param developmentActor        the actor of a development request without {@code X-Almanac-User}
 * @param developmentAdmin        whether that actor is an admin (default true: the local stack's one user may do everything)
 * @param allowRemoteDevelopment  lets development mode start on an address other than loopback; never in production
 * @param jwt                     where tokens come from, and which claim makes an admin
 * @param tenancy                 {@code single} (default) or {@code multi}: every id scoped by the caller's tenant (ADR 0102)
 * @param developmentTenant       in development and multi-tenant mode, the tenant of a request without {@code X-Almanac-Tenant}
 */
@ConfigurationProperties("almanac.identity")
public record IdentityProperties(
        @DefaultValue("jwt") IdentityMode mode,
        @DefaultValue("developer") String developmentActor,
        @DefaultValue("true") boolean developmentAdmin,
        @DefaultValue("false") boolean allowRemoteDevelopment,
        @DefaultValue Jwt jwt,
        @DefaultValue("single") TenancyMode tenancy,
        @DefaultValue("local") String developmentTenant) {

    /**
     * One of {@code jwkSetUri}, {@code publicKeyLocation} or {@code issuerUri} says where the signing
     * keys are; with an issuer, tokens must name it in {@code iss}.
     *
     * @param issuerUri         the issuer; without a JWK set URI its keys are discovered from its metadata
     * @param jwkSetUri         the issuer's JWK set
     * @param publicKeyLocation an RSA public key in PEM ({@code file:…} or {@code classpath:…}), for a fixed key
     * @param audiences         when given, a token's {@code aud} must name one of them
     * @param rolesClaim        the claim listing the user's roles: a JSON array, or names separated by spaces or commas
     * @param adminRole         the role in that claim that makes an admin
     * @param tenantClaim       in multi-tenant mode, the claim naming the caller's tenant; a token without it is refused
     * @param platformAdminRole the role that lets support act in the tenant {@code X-Almanac-Tenant} names, as its admin, audited
     */
    public record Jwt(
            @Nullable String issuerUri,
            @Nullable String jwkSetUri,
            @Nullable String publicKeyLocation,
            @DefaultValue List<String> audiences,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("admin") String adminRole,
            @DefaultValue("tenant") String tenantClaim,
            @DefaultValue("platform-admin") String platformAdminRole) {
    }
}
