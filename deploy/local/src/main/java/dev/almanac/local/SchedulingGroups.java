package dev.almanac.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Whether each child JVM of the local stack (the services, the read models' MongoDB) starts in a session of its own.
 * On Linux with {@code sched_autogroup} on, as Debian's and Ubuntu's kernels ship it, the scheduler shares the CPU first between
 * sessions and only then between the threads of a session. A stack whose JVMs share the launcher's session shares one
 * session's share: a collector's single thread, with its JVM stopped, queues behind every busy thread of the other
 * JVMs. Each PostgreSQL connection, which its server starts in a session of its own, does not. A session per JVM
 * shares the CPU between processes, as a container per service does in a cluster (ADR 0046).
 */
final class SchedulingGroups {

    static final String VARIABLE = "ALMANAC_SCHEDULING_GROUPS";
    private static final Path AUTOGROUP_SWITCH = Path.of("/proc/sys/kernel/sched_autogroup_enabled");

    enum Mode {
        /** Every child in the launcher's session: the threads of every JVM of the stack are scheduled as one group. */
        SHARED("shared"),
        /** Each child in a session of its own, started through {@code setsid}. */
        PER_PROCESS("per-process");

        private final String value;

        Mode(String value) {
            this.value = value;
        }
    }

    /** How a stack's child JVMs start: the mode asked for, and the command prefix it came to on this machine. */
    record Launch(Mode mode, List<String> prefix) {

        static Launch of(Mode mode, @Nullable String path) {
            return new Launch(mode, launchPrefix(mode, path));
        }

        /** The launcher banner's words for how the stack's processes share the CPU. */
        String describe(boolean autogroups) {
            return SchedulingGroups.describe(mode, prefix, autogroups);
        }
    }

    /**
     * A session per JVM, as a container per service in a cluster: measured on a saturated machine, it kept the read side
     * current where a shared session let it fall minutes behind, and commands waited longer (ADR 0046).
     */
    static final Mode DEFAULT = Mode.PER_PROCESS;

    private SchedulingGroups() {
    }

    /**
     * The mode {@code value} of {@link #VARIABLE} asks for. Unset, {@link #DEFAULT}; but {@link Mode#SHARED} where the read
     * side is given precedence ({@code readSidePrecedence} nice levels, ADR 0044): a niceness weighs a thread only against
     * the threads of its own group, so that option works as measured only with every JVM in one.
     */
    static Mode mode(@Nullable String value, int readSidePrecedence) {
        if (value == null || value.isBlank()) {
            return readSidePrecedence > 0 ? Mode.SHARED : DEFAULT;
        }
        for (Mode mode : Mode.values()) {
            if (mode.value.equals(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(VARIABLE + " must be " + Mode.SHARED.value + " or " + Mode.PER_PROCESS.value
                + ", got '" + value + "'");
    }

    /**
     * What goes before a child's command: {@code setsid}, which makes the new process a session's leader and then runs
     * the command in its place (the child keeps its pid, so stopping it still reaches the JVM); nothing where the mode
     * is shared or no {@code setsid} is on {@code path} (macOS).
     */
    static List<String> launchPrefix(Mode mode, @Nullable String path) {
        if (mode == Mode.SHARED) {
            return List.of();
        }
        return setsid(path).map(found -> List.of(found.toString())).orElse(List.of());
    }

    static Optional<Path> setsid(@Nullable String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, "setsid");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the kernel schedules sessions as groups: the switch reads 1; false where there is none. */
    static boolean autogroupsOn() {
        try {
            return Files.isReadable(AUTOGROUP_SWITCH) && Files.readString(AUTOGROUP_SWITCH).trim().equals("1");
        } catch (IOException unreadable) {
            return false;
        }
    }

    static String describe(Mode mode, List<String> prefix, boolean autogroups) {
        String groups = autogroups ? "the kernel groups threads by session" : "the kernel does not group threads by session";
        if (mode == Mode.SHARED) {
            return "the stack's JVMs in the launcher's session; " + groups;
        }
        if (prefix.isEmpty()) {
            return "the stack's JVMs in one session: no setsid on the PATH for " + VARIABLE + "=" + Mode.PER_PROCESS.value;
        }
        return "each JVM of the stack in a session of its own; " + groups + " (" + VARIABLE + "=" + Mode.SHARED.value
                + " puts them in the launcher's)";
    }
}
