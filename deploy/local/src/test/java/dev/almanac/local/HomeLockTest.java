package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.PostgresServer;

/** One stack to a home, and a second start on it touches nothing of the first, its PostgreSQL above all. */
class HomeLockTest {

    @Test
    void aHomeIsHeldUntilReleasedOrItsHolderDiesHoweverItDies(@TempDir Path home) throws Exception {
        Process holder = liveStack(home, false);
        try {
            assertThatThrownBy(() -> HomeLock.acquire(home))
                    .isInstanceOf(HomeLock.InUseException.class)
                    .hasMessage("another Almanac (pid " + holder.pid() + ") is running on " + home
                            + "; stop it first, or give this one another home (ALMANAC_HOME)");
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        try (HomeLock mine = HomeLock.acquire(home)) {
            assertThat(Files.readString(home.resolve(HomeLock.FILE))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> HomeLock.acquire(home)).as("a second stack in this JVM").isInstanceOf(HomeLock.InUseException.class);
        }
        HomeLock.acquire(home).close();
    }

    /** Only a PostgreSQL whose stack is gone is stopped: a second start on a live stack's home leaves its server alone. */
    @Test
    void aSecondStartOnALiveStacksHomeLeavesItsPostgresqlRunning(@TempDir Path home) throws Exception {
        Process live = liveStack(home, true);
        ProcessHandle postgres = null;
        try {
            postgres = ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(home.resolve("postgres").resolve("postmaster.pid")).get(0).trim())).orElseThrow();

            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options(Checkout.root(), home, true,
                    EmbeddedInfrastructure.Ports.anyFree(), 0, Map.of(), List.of("-Xmx64m"), LocalStack.Options.LOOPBACK)))
                    .isInstanceOf(HomeLock.InUseException.class);

            assertThat(postgres.isAlive()).isTrue();
        } finally {
            live.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            PostgresServer.stopLeftOver(home.resolve("postgres"), Duration.ofSeconds(60));
        }
        assertThat(postgres.isAlive()).isFalse();
    }

    /** A stand-in for a running stack's launcher, holding the home (and with {@code postgres}, a server on it), until killed. */
    private static Process liveStack(Path home, boolean postgres) throws Exception {
        Process process = TestJvms.start(LiveStack.class, home.toString(), Boolean.toString(postgres));
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(output.lines().filter(line -> line.equals("holding")).findFirst()).isPresent();
        return process;
    }

    static final class LiveStack {
        /** Held as a launcher's stack holds it: a lock no longer referenced is closed when collected, and let go. */
        static HomeLock held;

        public static void main(String[] args) throws Exception {
            Path home = Path.of(args[0]);
            held = HomeLock.acquire(home);
            if (Boolean.parseBoolean(args[1])) {
                PostgresServer.start(home.resolve("postgres"), FreePorts.any(), false);
            }
            System.out.println("holding");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
