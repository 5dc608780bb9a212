package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aGivenPortIsKept() {
        try (FreePorts free = new FreePorts()) {
            assertThat(free.orFree(5433)).isEqualTo(5433);
        }
    }

    @Test
    void theServersPortsKeepTheGivenOnesAndGetDistinctFreeOnesForTheRest() {
        EmbeddedInfrastructure.Ports ports;
        int alsoFound;
        try (FreePorts free = new FreePorts()) {
            ports = new EmbeddedInfrastructure.Ports(0, 0, 5433, 0).resolvedBy(free);
            alsoFound = free.orFree(0);
        }
        assertThat(ports.postgres()).isEqualTo(5433);
        assertThat(Set.of(ports.kafka(), ports.kafkaController(), ports.mongo(), alsoFound)).hasSize(4).doesNotContain(0, 5433);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
