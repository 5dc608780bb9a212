package dev.almanac.platform.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import dev.almanac.platform.http.MatrixParametersRefused;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.platform.problem.ProblemTypes;

/**
 * Every service's security chain (ADR 0027). In JWT mode, the default, every {@code /api/**}
 * request needs a valid bearer token and anything else (health, metrics, OpenAPI documents) is
 * open; in development mode every request is let through as the identity its headers name. Either
 * way each request's {@link Caller} is on the exchange before a handler runs, and refusals are
 * problem documents.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityAutoConfiguration.class);

    /** The calendar feeds that a secret token in the path authorises, not a bearer token (ADR 0082). */
    private static final String ACTUATOR = "/actuator/**";
    public static final String TOKEN_FEEDS = "/api/v1/feeds/**";
    /** What the cluster's probes ask without a token: health's status and its liveness and readiness groups, and info. */
    static final String[] PROBED = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info"};

    /**
     * No firewall of Spring Security's: its strict one answers an encoded slash or percent, a
     * semicolon or a control character with a bare 400, where Almanac's own input rules (the
     * gateway's and the services' {@code RequestSyntax}, the id patterns) answer the same requests
     * with a problem document naming the rule (ADR 0012).
     */
    @Bean
    ServerWebExchangeFirewall almanacInputRulesInsteadOfTheFirewall() {
        return ServerWebExchangeFirewall.INSECURE_NOOP;
    }

    /**
     * No observations of Spring Security's. It would wrap its filter chain, every filter in it and every
     * authorization in an observation of its own, which {@code management.observations.enable.spring.security=false}
     * only makes no-ops once they are built: 4–5 % of query-service's CPU on a kept window ({@code git show
     * 2da738d:docs/benchmarks.md}, "Read your writes in a filter, Spring Security without observations…"). Requests
     * stay observed as {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings almanacSecurityUnobserved() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain almanacSecurity(ServerHttpSecurity http, IdentityProperties properties,
                                           ObjectProvider<ReactiveJwtDecoder> decoders, ResourceLoader resources,
                                           @Value("${server.address:}") String serverAddress,
                                           @Value("${management.server.port:-1}") int managementPort,
                                           @Value("${server.port:8080}") int serverPort) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Reads set their own caching (ETags); Spring's no-store would defeat them.
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                // First of all, so that a matrix parameter is refused alike with or without a token (ADR 0086).
                .addFilterAt(new MatrixParametersRefused(), SecurityWebFiltersOrder.FIRST);
        if (properties.mode() == IdentityMode.DEVELOPMENT) {
            requireLoopbackFor(properties, serverAddress);
            log.warn("Identity mode is development: calendars without grants are OPEN, every user their scheduler, where JWT mode "
                    + "shows a calendar only to its owner, its grantees and the admins (ADR 0086).");
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .addFilterAt(new DevelopmentIdentityFilter(properties), SecurityWebFiltersOrder.AUTHENTICATION)
                    .build();
        }
        ReactiveJwtDecoder decoder = decoders.getIfAvailable(() -> decoder(properties.jwt(), resources));
        JwtCallers callers = new JwtCallers(properties);
        if (properties.tenancy() == TenancyMode.MULTI) {
            log.info("Tenancy is multi: every caller acts in the tenant of the token's {} claim and knows only ids beginning with it "
                    + "(ADR 0102).", properties.jwt().tenantClaim());
        }
        ServerAuthenticationEntryPoint unauthenticated = new UnauthenticatedAnswers();
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> ProblemResponses.write(exchange,
                ProblemException.forbidden("Authorization", "role", "admin", "this request needs a role the token does not carry"));
        // A calendar feed's secret token is its credential: calendar clients send no Authorization header (ADR 0082).
        return http.authorizeExchange(exchanges -> exchanges.pathMatchers(HttpMethod.GET, TOKEN_FEEDS).permitAll()
                        .pathMatchers(HttpMethod.HEAD, TOKEN_FEEDS).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        // Actuator operations that change things (republish, rebuild, reconcile, ADR 0087) are for admins.
                        .pathMatchers(HttpMethod.POST, ACTUATOR).hasAuthority(JwtCallers.ADMIN.getAuthority())
                        .pathMatchers(HttpMethod.PUT, ACTUATOR).hasAuthority(JwtCallers.ADMIN.getAuthority())
                        .pathMatchers(HttpMethod.DELETE, ACTUATOR).hasAuthority(JwtCallers.ADMIN.getAuthority())
                        // Probes get health's status (its components only with an admin's token, ManagementExposure); the
                        // management port, where one is set, serves its reads to the cluster's scrapers; elsewhere metrics,
                        // a component's health and the other reads are for admins (ADR 0091).
                        .pathMatchers(HttpMethod.GET, PROBED).permitAll()
                        .matchers(onPort(managementPort == serverPort ? -1 : managementPort)).permitAll()
                        .pathMatchers(ACTUATOR).hasAuthority(JwtCallers.ADMIN.getAuthority())
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(callers))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .addFilterAt(callers.callerOnTheExchange(), SecurityWebFiltersOrder.LAST)
                .build();
    }

    /** Requests that arrived on {@code port}; none when it is not set ({@code -1}), as on a service whose actuator shares its port. */
    static ServerWebExchangeMatcher onPort(int port) {
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            return port > 0 && local != null && local.getPort() == port ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * Development mode trusts a header, so anyone who reaches the service can act as anyone: it
     * refuses to start on an address other than loopback unless told otherwise.
     */
    static void requireLoopbackFor(IdentityProperties properties, @Nullable String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            log.warn("Identity mode is development: the X-Almanac-User header names the actor, unverified, and this service "
                    + "listens on every interface (server.address is not set). Never run it so where others can reach it (ADR 0027).");
            return;
        }
        if (isLoopback(serverAddress) || properties.allowRemoteDevelopment()) {
            log.warn("Identity mode is development: the X-Almanac-User header names the actor, unverified (ADR 0027). Listening on {}.",
                    serverAddress);
            return;
        }
        throw new IllegalStateException("Identity mode development trusts the X-Almanac-User header, so it must not listen on "
                + serverAddress + ", which is not a loopback address. Use ALMANAC_IDENTITY_MODE=jwt, bind to 127.0.0.1, or, on a "
                + "trusted network only, set almanac.identity.allow-remote-development=true (ADR 0027).");
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A decoder from {@code almanac.identity.jwt.*}, when no {@link ReactiveJwtDecoder} bean is given. */
    static ReactiveJwtDecoder decoder(IdentityProperties.Jwt jwt, ResourceLoader resources) {
        NimbusReactiveJwtDecoder decoder;
        if (present(jwt.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else if (present(jwt.publicKeyLocation())) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(jwt.publicKeyLocation(), resources)).build();
        } else if (present(jwt.issuerUri())) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        } else {
            throw new IllegalStateException("Identity mode jwt needs to know where the token signing keys are: set "
                    + "ALMANAC_IDENTITY_JWT_ISSUER_URI, ALMANAC_IDENTITY_JWT_JWK_SET_URI or ALMANAC_IDENTITY_JWT_PUBLIC_KEY_LOCATION; "
                    + "for the local stack and tests only, ALMANAC_IDENTITY_MODE=development (ADR 0027).");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(present(jwt.issuerUri()) ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri()) : JwtValidators.createDefault());
        if (!jwt.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audiences -> audiences != null && !Collections.disjoint(audiences, jwt.audiences())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey publicKey(String location, ResourceLoader resources) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("almanac.identity.jwt.public-key-location " + location
                    + " does not hold an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)", e);
        }
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
