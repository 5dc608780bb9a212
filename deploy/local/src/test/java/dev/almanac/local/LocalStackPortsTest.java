package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;

/**
 * A stack whose port is taken (by an earlier stack's service left running, say) stops before it starts anything: no
 * broker, database or service half-started, and no readiness check answered by the process that holds the port.
 */
class LocalStackPortsTest {

    @Test
    void aTakenServicePortStopsTheStartBeforeAnythingStarts(@TempDir Path home) throws Exception {
        try (ServerSocket earlierService = new ServerSocket(0)) {
            int taken = earlierService.getLocalPort();
            List<ProcessHandle> before = ProcessHandle.current().descendants().toList();

            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(Checkout.root(), home, true,
                    EmbeddedInfrastructure.Ports.anyFree(), 0, Map.of(Service.COMMAND_SERVICE, taken),
                    List.of("-Xmx64m"), LocalStack.Options.LOOPBACK)))
                    .isInstanceOf(FreePorts.PortTakenException.class)
                    .hasMessageStartingWith("port " + taken + " is taken");

            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isSubsetOf(before);
            try (var written = Files.list(home)) {
                assertThat(written).as("nothing written to the stack's home but its lock").containsExactly(home.resolve(HomeLock.FILE));
            }
        }
    }

    @Test
    void aTakenGatewayPortStopsTheStartToo(@TempDir Path home) throws Exception {
        try (ServerSocket earlierGateway = new ServerSocket(0)) {
            int taken = earlierGateway.getLocalPort();

            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(Checkout.root(), home, false,
                    EmbeddedInfrastructure.Ports.anyFree(), taken, Map.of(), List.of("-Xmx64m"), LocalStack.Options.LOOPBACK)))
                    .isInstanceOf(FreePorts.PortTakenException.class)
                    .hasMessageStartingWith("port " + taken + " is taken");
        }
    }
}
