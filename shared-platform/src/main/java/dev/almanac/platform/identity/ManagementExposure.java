package dev.almanac.platform.identity;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * In JWT mode, health shows its components (which stores and consumers a service has, and how they are) only to a caller
 * whose token carries the admin role; anyone else, a probe included, gets the status alone (ADR 0091). Development mode
 * keeps showing them to everyone, as the local stack and its tests read them. Runs after the application's own
 * configuration is loaded, so that a mode set there counts.
 */
public class ManagementExposure implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "almanacManagementExposure";
    static final String SHOW_COMPONENTS = "management.endpoint.health.show-components";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.resolvePlaceholders("${almanac.identity.mode:jwt}").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("jwt")) {
            return;
        }
        // JwtCallers grants ROLE_ADMIN; the actuator adds the ROLE_ prefix to the role named here.
        MapPropertySource source = new MapPropertySource(SOURCE, Map.of(SHOW_COMPONENTS, "when-authorized",
                "management.endpoint.health.roles", "ADMIN"));
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
