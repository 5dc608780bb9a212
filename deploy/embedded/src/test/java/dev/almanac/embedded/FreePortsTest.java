package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void theFreePortsOfOneInstanceAreDistinctAndHeldUntilClosed() throws IOException {
        Set<Integer> ports = new HashSet<>();
        try (FreePorts free = new FreePorts()) {
            for (int i = 0; i < 200; i++) {
                ports.add(free.orFree(0));
            }
            assertThat(bindable(ports.iterator().next())).as("held while the instance is open").isFalse();
        }
        assertThat(ports).hasSize(200);
        assertThat(bindable(ports.iterator().next())).as("let go once closed").isTrue();
    }

    @Test
    void aGivenPortIsKeptAndHeldUntilClosed() {
        int given = FreePorts.any();
        try (FreePorts free = new FreePorts()) {
            assertThat(free.orFree(given)).isEqualTo(given);
            assertThat(bindable(given)).as("held while the instance is open").isFalse();
        }
        assertThat(bindable(given)).as("let go once closed").isTrue();
    }

    /** A server left running from an earlier start is found before anything starts, and named by its port. */
    @Test
    void aGivenPortAnotherProcessListensOnIsRefused() throws IOException {
        try (ServerSocket earlier = new ServerSocket(0); FreePorts free = new FreePorts()) {
            int taken = earlier.getLocalPort();
            assertThatThrownBy(() -> free.orFree(taken))
                    .isInstanceOf(FreePorts.PortTakenException.class)
                    .hasMessageStartingWith("port " + taken + " is taken: another process listens on it")
                    .hasMessageContaining("ss -ltnp 'sport = :" + taken + "'");
        }
    }

    @Test
    void theServersPortsKeepTheGivenOnesAndGetDistinctFreeOnesForTheRest() {
        int given = FreePorts.any();
        EmbeddedInfrastructure.Ports ports;
        int alsoFound;
        try (FreePorts free = new FreePorts()) {
            ports = new EmbeddedInfrastructure.Ports(0, 0, given, 0).resolvedBy(free);
            alsoFound = free.orFree(0);
        }
        assertThat(ports.postgres()).isEqualTo(given);
        assertThat(Set.of(ports.kafka(), ports.kafkaController(), ports.mongo(), alsoFound)).hasSize(4).doesNotContain(0, given);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
