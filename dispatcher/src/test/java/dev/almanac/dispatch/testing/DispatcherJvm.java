package dev.almanac.dispatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.dispatch.DispatcherApplication;
import dev.almanac.platform.testing.ServiceJvm;

/**
 * The dispatcher as a process of its own ({@link ServiceJvm}), on a broker and state directory, so that a test can kill
 * it, stop it cleanly, and start it again on the same state directory.
 */
public final class DispatcherJvm implements AutoCloseable {

    /** A system property of the test JVM: the dispatcher's JVM options, in place of the tests' defaults. */
    public static final String JVM_OPTIONS = "almanac.test.dispatcher-jvm-options";

    private final ServiceJvm jvm;

    private DispatcherJvm(ServiceJvm jvm) {
        this.jvm = jvm;
    }

    public static DispatcherJvm start(String bootstrapServers, Path stateDirectory, int port, Path log, String... properties)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--almanac.identity.mode=development"));
        arguments.addAll(List.of(properties));
        // A benchmark may ask for the options the dispatcher is served with.
        return new DispatcherJvm(ServiceJvm.start(DispatcherApplication.class, System.getProperty(JVM_OPTIONS, ServiceJvm.TEST_OPTIONS),
                port, log, arguments));
    }

    /** Waits until its readiness says Kafka Streams runs: it has its partitions and has restored their state. */
    public DispatcherJvm awaitReady(Duration patience) {
        jvm.awaitReady(patience);
        return this;
    }

    /** As {@code kill -9}: the process ends at once, mid-transaction if it was in one. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    /** SIGTERM: the service stops cleanly, leaving its group. */
    public void stop() throws InterruptedException {
        jvm.stop();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
