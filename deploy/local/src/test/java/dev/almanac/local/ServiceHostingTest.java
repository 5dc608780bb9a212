package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ALMANAC_SERVICE_JVMS: every service in one JVM unless asked for a JVM each (ADR 0099). */
class ServiceHostingTest {

    @Test
    void oneJvmUnlessEachIsAskedFor() {
        assertThat(ServiceHosting.of(null)).isEqualTo(ServiceHosting.ONE_JVM);
        assertThat(ServiceHosting.of(" ")).isEqualTo(ServiceHosting.ONE_JVM);
        assertThat(ServiceHosting.of("one")).isEqualTo(ServiceHosting.ONE_JVM);
        assertThat(ServiceHosting.of(" Each ")).isEqualTo(ServiceHosting.JVM_PER_SERVICE);
    }

    @Test
    void aMisspeltSettingStopsTheStartNamingTheChoices() {
        assertThatThrownBy(() -> ServiceHosting.of("single")).hasMessageContaining(ServiceHosting.VARIABLE)
                .hasMessageContaining("'single'").hasMessageContaining("one").hasMessageContaining("each");
    }
}
