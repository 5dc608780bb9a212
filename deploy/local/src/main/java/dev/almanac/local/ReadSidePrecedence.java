package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Lowers the CPU priority of processes by a number of nice levels, every thread of each on Linux. The local stack uses
 * it, when asked, to give query-service and the read models' MongoDB the CPU first (ADR 0044): on two busy cores,
 * scheduled as equals of every other thread, the projection's batches wait at each round trip, grow, and show a write
 * in the views seconds after its command. Lowering the others is what any user may do; raising a priority needs
 * privileges.
 *
 * <p>A thread takes its niceness from the thread that starts it, and a process from the one that forks it, so
 * the threads and PostgreSQL connections started later keep the lower priority.
 */
final class ReadSidePrecedence {

    /** How many nice levels every other process of the local stack yields to the read side; 0, the default, for none. */
    static final String VARIABLE = "ALMANAC_READ_SIDE_PRECEDENCE";
    /**
     * None: measured, it made the views and token reads fresher on most stretches of the machine but not on all, and
     * the commands and conflicts waited longer for it (ADR 0044).
     */
    static final int DEFAULT_LEVELS = 0;
    /** The lowest priority Linux and the BSDs schedule. */
    static final int MAX_NICENESS = 19;
    private static final long RENICE_TIMEOUT_SECONDS = 10;

    private ReadSidePrecedence() {
    }

    /** The levels {@code value} of {@link #VARIABLE} asks for: {@link #DEFAULT_LEVELS} when unset. */
    static int levels(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LEVELS;
        }
        try {
            int levels = Integer.parseInt(value.trim());
            if (levels >= 0 && levels <= MAX_NICENESS) {
                return levels;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below, with the range.
        }
        throw new IllegalArgumentException(VARIABLE + " must be a number of nice levels from 0 (none) to " + MAX_NICENESS
                + ", got '" + value + "'");
    }

    /**
     * Sets every thread of {@code processes} to this process's niceness plus {@code levels}, at most
     * {@link #MAX_NICENESS}.
     *
     * @return how many threads (processes where the system lists no threads) were set
     * @throws IllegalStateException when {@code renice} is missing or refuses
     */
    static int lower(List<ProcessHandle> processes, int levels) {
        if (levels == 0 || processes.isEmpty()) {
            return 0;
        }
        int niceness = Math.min(MAX_NICENESS, niceness(ProcessHandle.current().pid()) + levels);
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness), "-p"));
        processes.forEach(process -> threads(process.pid()).forEach(thread -> command.add(Long.toString(thread))));
        int threads = command.size() - 4;
        Path errors = null;
        try {
            // Only its errors are read, after it ends: it reports each thread set on standard output, and a pipe left
            // unread could fill and stall it.
            errors = Files.createTempFile("almanac-renice-", ".txt");
            Process renice = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
            if (!renice.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                throw new IllegalStateException("renice did not end within " + RENICE_TIMEOUT_SECONDS + " s");
            }
            // A thread that ended meanwhile is not found; every other refusal counts.
            List<String> refusals = Files.readAllLines(errors).stream().filter(line -> !line.contains("No such process")).toList();
            if (renice.exitValue() != 0 && !refusals.isEmpty()) {
                throw new IllegalStateException("renice refused: " + String.join("; ", refusals));
            }
            return threads;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run renice: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running renice", e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // A temporary file of a few lines; the system's cleaning takes it.
                }
            }
        }
    }

    /** The niceness of a process (of its main thread on Linux); 0 where the system does not say. */
    static int niceness(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isReadable(stat)) {
            return 0;
        }
        try {
            String text = Files.readString(stat);
            // The command name, in parentheses, may hold spaces: the fields are counted after its closing one.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Linux sets a niceness per thread: every thread the process has; elsewhere the process itself. */
    static List<Long> threads(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return List.of(pid);
        }
        try (Stream<Path> listed = Files.list(tasks)) {
            return listed.map(task -> Long.parseLong(task.getFileName().toString())).toList();
        } catch (IOException ended) {
            return List.of();
        }
    }
}
