package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs on this test's class path, standing in for the processes of a stack; and one that has already ended. */
final class TestJvms {

    private TestJvms() {
    }

    /** Runs {@code main} with {@code args} in a JVM of its own; its errors go to the test's, its output is the caller's to read. */
    static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildJvms.javaExecutable(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** A JVM that ran and ended: its handle names a process that is gone. */
    static Process ended() throws IOException, InterruptedException {
        Process ended = new ProcessBuilder(ChildJvms.javaExecutable(), "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return ended;
    }
}
