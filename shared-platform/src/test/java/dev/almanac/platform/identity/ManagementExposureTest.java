package dev.almanac.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Health's components only for admins in JWT mode (ADR 0091); development mode shows them, as the local stack reads them. */
class ManagementExposureTest {

    @Test
    void jwtModeShowsHealthsComponentsOnlyToAdmins() {
        MockEnvironment environment = new MockEnvironment().withProperty(ManagementExposure.SHOW_COMPONENTS, "always");
        new ManagementExposure().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources().get(ManagementExposure.SOURCE).getProperty(ManagementExposure.SHOW_COMPONENTS))
                .isEqualTo("when-authorized");
        assertThat(environment.getPropertySources().get(ManagementExposure.SOURCE).getProperty("management.endpoint.health.roles"))
                .isEqualTo("ADMIN");
    }

    @Test
    void developmentModeLeavesThemShown() {
        MockEnvironment environment = new MockEnvironment().withProperty("almanac.identity.mode", "development");
        new ManagementExposure().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources().contains(ManagementExposure.SOURCE)).isFalse();
    }
}
