package dev.almanac.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher restarts a service process that ends on its own, with a backoff, and never one it stopped. */
class ServiceRestartsTest {

    @TempDir
    Path directory;

    @Test
    void aProcessThatEndsOnItsOwnIsStartedAgainAndOneStoppedIsNot() throws IOException {
        // A "jar" that is no jar: java exits at once with an error, as a crashing service would.
        Path jar = Files.writeString(directory.resolve("crashing.jar"), "not a jar");
        ServiceProcess crashing = ServiceProcess.start(Service.EXECUTOR, jar, 1, Map.of(), List.of(), 0, directory.resolve("logs"));
        crashing.supervise();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> crashing.restarts() >= 2);
            assertThat(Files.readString(directory.resolve("logs").resolve("executor.log"))).contains("restarted by the launcher (restart 1)");
        } finally {
            crashing.close();
        }
        int afterClose = crashing.restarts();
        // Longer than the backoff it had reached: a restart scheduled before the close would have come.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> crashing.restarts() == afterClose);
    }

    @Test
    void theBackoffStartsAgainOnceAProcessRanTenMinutes() {
        assertThat(ServiceProcess.delayBeforeRestart(Duration.ofSeconds(3), Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(8));
        assertThat(ServiceProcess.delayBeforeRestart(Duration.ofMinutes(10), Duration.ofMinutes(5))).isEqualTo(ServiceProcess.FIRST_BACKOFF);
    }
}
