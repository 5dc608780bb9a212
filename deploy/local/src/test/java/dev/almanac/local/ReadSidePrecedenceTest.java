package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The rest of the local stack yields the CPU to the read side: every thread, and those started later. */
class ReadSidePrecedenceTest {

    @Test
    void levelsDefaultToNoneAndRefuseAnythingButZeroToNineteen() {
        assertThat(ReadSidePrecedence.levels(null)).isZero();
        assertThat(ReadSidePrecedence.levels(" ")).isZero();
        assertThat(ReadSidePrecedence.levels("5")).isEqualTo(5);
        assertThat(ReadSidePrecedence.levels(" 19 ")).isEqualTo(19);
        for (String bad : List.of("-1", "20", "high", "5.5")) {
            assertThatThrownBy(() -> ReadSidePrecedence.levels(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ALMANAC_READ_SIDE_PRECEDENCE must be a number of nice levels from 0 (none) to 19, got '" + bad + "'");
        }
    }

    @Test
    void lowersEveryThreadOfTheGivenProcessesAndTheThreadsTheyStartLater() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads have a niceness of their own on Linux only");
        int own = ReadSidePrecedence.niceness(ProcessHandle.current().pid());
        assumeTrue(own <= 14, "this JVM already runs at niceness " + own);
        Process yielding = busyChild();
        Process readSide = busyChild();
        try {
            BufferedReader yieldingOutput = output(yielding);
            BufferedReader readSideOutput = output(readSide);
            assertThat(yieldingOutput.readLine()).isEqualTo("ready");
            assertThat(readSideOutput.readLine()).isEqualTo("ready");

            int lowered = ReadSidePrecedence.lower(List.of(yielding.toHandle()), 5);

            List<Long> threads = ReadSidePrecedence.threads(yielding.pid());
            assertThat(threads).hasSizeGreaterThan(5);
            assertThat(lowered).isGreaterThan(5);
            assertThat(threads).allSatisfy(thread -> assertThat(ReadSidePrecedence.niceness(thread)).as("thread %d", thread)
                    .isEqualTo(own + 5));
            assertThat(ReadSidePrecedence.threads(readSide.pid()))
                    .allSatisfy(thread -> assertThat(ReadSidePrecedence.niceness(thread)).isEqualTo(own));

            PrintStream input = new PrintStream(yielding.getOutputStream(), true, StandardCharsets.UTF_8);
            input.println("start a thread");
            long later = Long.parseLong(yieldingOutput.readLine().trim());
            assertThat(ReadSidePrecedence.niceness(later)).as("a thread started after").isEqualTo(own + 5);
        } finally {
            yielding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            readSide.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A thread or process may end between being listed and being set; the others are still set, and it is no refusal. */
    @Test
    void aProcessThatEndedMeanwhileIsNoRefusal() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads have a niceness of their own on Linux only");
        int own = ReadSidePrecedence.niceness(ProcessHandle.current().pid());
        assumeTrue(own <= 14, "this JVM already runs at niceness " + own);
        Process ended = TestJvms.ended();
        Process yielding = busyChild();
        try {
            assertThat(output(yielding).readLine()).isEqualTo("ready");

            ReadSidePrecedence.lower(List.of(yielding.toHandle(), ended.toHandle()), 5);

            assertThat(ReadSidePrecedence.threads(yielding.pid()))
                    .allSatisfy(thread -> assertThat(ReadSidePrecedence.niceness(thread)).isEqualTo(own + 5));
        } finally {
            yielding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void noLevelsLeaveEverythingAlone() {
        int before = ReadSidePrecedence.niceness(ProcessHandle.current().pid());
        assertThat(ReadSidePrecedence.lower(List.of(ProcessHandle.current()), 0)).isZero();
        assertThat(ReadSidePrecedence.niceness(ProcessHandle.current().pid())).isEqualTo(before);
    }

    private static Process busyChild() throws Exception {
        return TestJvms.start(ThreadedChild.class);
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * A stand-in for a service: a JVM with threads of its own, which prints "ready", then starts a thread for each line
     * it reads and prints that thread's Linux id.
     */
    static final class ThreadedChild {
        public static void main(String[] args) throws Exception {
            for (int i = 0; i < 4; i++) {
                Thread waiting = new Thread(() -> awaitForever(), "waiting-" + i);
                waiting.setDaemon(true);
                waiting.start();
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (input.readLine() != null) {
                Thread started = new Thread(() -> {
                    System.out.println(linuxThreadId());
                    System.out.flush();
                    awaitForever();
                });
                started.setDaemon(true);
                started.start();
            }
        }

        /** /proc/thread-self links to /proc/{pid}/task/{tid}. */
        private static String linuxThreadId() {
            try {
                return Path.of("/proc/thread-self").toRealPath().getFileName().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void awaitForever() {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
