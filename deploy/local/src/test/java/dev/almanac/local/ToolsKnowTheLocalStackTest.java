package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.almanac.benchmarks.load.LocalStackDefaults;

/**
 * bench-load knows the local stack only by the addresses and names in LocalStackDefaults: they must be the launcher's,
 * or its defaults would drive nothing and its CPU figures would count the wrong processes.
 */
class ToolsKnowTheLocalStackTest {

    @Test
    void benchLoadsDefaultsAreTheLaunchersPortsAndNames() {
        assertThat(LocalStackDefaults.GATEWAY).isEqualTo("http://" + LocalStack.Options.LOOPBACK + ":" + AlmanacLocal.GATEWAY_PORT);
        assertThat(LocalStackDefaults.KAFKA).isEqualTo(LocalStack.Options.LOOPBACK + ":" + AlmanacLocal.INFRASTRUCTURE_PORTS.kafka());
        assertThat(LocalStackDefaults.POSTGRES_PORT).isEqualTo(AlmanacLocal.INFRASTRUCTURE_PORTS.postgres());
        assertThat(LocalStackDefaults.LAUNCHER_JAR)
                .isEqualTo(Path.of(DeploymentFiles.ofThisCheckout().executableJar("deploy/local")).getFileName().toString());
        assertThat(LocalStackDefaults.READ_MODEL_STORE_MAIN).isEqualTo(ReadModelStore.class.getName());
    }

    @Test
    void theReadModelStoresCommandNamesItsMain() {
        assertThat(String.join(" ", ReadModelStore.mainOfThisJar(ReadModelStore.class, "--port", "1")))
                .contains(LocalStackDefaults.READ_MODEL_STORE_MAIN).endsWith(" --port 1");
    }
}
