package dev.almanac.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the local stack's child JVMs (the services, the read models' MongoDB) share: how they start and stop. */
final class ChildJvms {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ChildJvms() {
    }

    /** The java of the JVM running the launcher, so every child runs on the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The start of a child JVM's command, to add its options and arguments to. */
    static List<String> javaCommand() {
        return new ArrayList<>(List.of(javaExecutable()));
    }

    /**
     * As {@link #javaCommand()}, run by {@code nice} at this niceness (1 to 19) where the system has it, so that the child
     * takes the CPU only when nothing of normal priority wants it; {@code nice} runs java in its own place, so the child's
     * process is java's. 0, or a system without {@code nice}, gives the plain command.
     */
    static List<String> javaCommand(int niceness) {
        Path nice = Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (niceness <= 0 || nice == null) {
            return javaCommand();
        }
        return new ArrayList<>(List.of(nice.toString(), "-n", Integer.toString(Math.min(niceness, 19)), javaExecutable()));
    }

    /** Asks the process to stop (SIGTERM, so it shuts down cleanly), and kills it if it takes longer than {@code grace}. */
    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
