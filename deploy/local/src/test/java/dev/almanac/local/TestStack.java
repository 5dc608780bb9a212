package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.ScratchDirectories;

/**
 * One local stack for every integration test of this module, started on first use and stopped
 * when the test JVM ends: starting it takes half a minute, so the test classes share it.
 */
public final class TestStack {

    /** Every service's listeners give a killed process's partitions to its restart after 10 s (the platform's session timeout). */
    private static final List<String> JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack shared() {
        if (stack == null) {
            Path repository = Checkout.root();
            Path home;
            try {
                home = Files.createTempDirectory("almanac-it-");
                stack = LocalStack.start(new LocalStack.Options(repository, home, false,
                        EmbeddedInfrastructure.Ports.anyFree(), 0, Map.of(), JAVA_OPTIONS, LocalStack.Options.LOOPBACK));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                ScratchDirectories.delete(home);
            }, "test-stack-stop"));
        }
        return stack;
    }
}
