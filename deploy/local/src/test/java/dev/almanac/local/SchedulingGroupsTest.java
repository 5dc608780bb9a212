package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each child JVM in a session of its own, when asked, with the pid the launcher stops it by. */
class SchedulingGroupsTest {

    @Test
    void modeDefaultsToPerProcessAndRefusesAnythingElseByName() {
        assertThat(SchedulingGroups.mode(null, 0)).isEqualTo(SchedulingGroups.Mode.PER_PROCESS);
        assertThat(SchedulingGroups.mode(" ", 0)).isEqualTo(SchedulingGroups.Mode.PER_PROCESS);
        assertThat(SchedulingGroups.mode("shared", 0)).isEqualTo(SchedulingGroups.Mode.SHARED);
        assertThat(SchedulingGroups.mode(" per-process ", 0)).isEqualTo(SchedulingGroups.Mode.PER_PROCESS);
        for (String bad : List.of("own", "PER-PROCESS", "1")) {
            assertThatThrownBy(() -> SchedulingGroups.mode(bad, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ALMANAC_SCHEDULING_GROUPS must be shared or per-process, got '" + bad + "'");
        }
    }

    @Test
    void theReadSideFirstKeepsTheSharedSessionItWasMeasuredInUnlessPerProcessIsAskedFor() {
        assertThat(SchedulingGroups.mode(null, 5)).isEqualTo(SchedulingGroups.Mode.SHARED);
        assertThat(SchedulingGroups.mode("per-process", 5)).isEqualTo(SchedulingGroups.Mode.PER_PROCESS);
    }

    @Test
    void setsidIsTakenFromThePathOnlyWhereItIsAnExecutableFile(@TempDir Path directory) throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        Path notExecutable = Files.createDirectory(directory.resolve("plain"));
        Files.writeString(notExecutable.resolve("setsid"), "#!/bin/sh\n");
        Path tools = Files.createDirectory(directory.resolve("tools"));
        Path setsid = Files.writeString(tools.resolve("setsid"), "#!/bin/sh\nexec \"$@\"\n");
        assumeTrue(setsid.toFile().setExecutable(true), "this file system marks files executable");
        assumeTrue(!notExecutable.resolve("setsid").toFile().canExecute(), "this file system tells executables apart");
        String path = String.join(File.pathSeparator, empty.toString(), notExecutable.toString(), tools.toString());

        assertThat(SchedulingGroups.launchPrefix(SchedulingGroups.Mode.PER_PROCESS, path)).containsExactly(setsid.toString());
        assertThat(SchedulingGroups.launchPrefix(SchedulingGroups.Mode.SHARED, path)).isEmpty();
        assertThat(SchedulingGroups.launchPrefix(SchedulingGroups.Mode.PER_PROCESS, empty.toString())).isEmpty();
        assertThat(SchedulingGroups.launchPrefix(SchedulingGroups.Mode.PER_PROCESS, null)).isEmpty();
        assertThat(SchedulingGroups.describe(SchedulingGroups.Mode.PER_PROCESS, List.of(), true))
                .contains("no setsid on the PATH");
        // What the stack keeps and its banner describes: the mode asked for, and the prefix it came to.
        assertThat(SchedulingGroups.Launch.of(SchedulingGroups.Mode.PER_PROCESS, path).prefix()).containsExactly(setsid.toString());
        assertThat(SchedulingGroups.Launch.of(SchedulingGroups.Mode.PER_PROCESS, empty.toString()).describe(true))
                .contains("no setsid on the PATH");
        assertThat(SchedulingGroups.Launch.of(SchedulingGroups.Mode.SHARED, path).describe(true))
                .startsWith("the stack's JVMs in the launcher's session");
    }

    @Test
    void aChildStartedPerProcessLeadsASessionOfItsOwnUnderThePidItWasStartedWith() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "sessions are read from /proc, on Linux");
        List<String> prefix = SchedulingGroups.launchPrefix(SchedulingGroups.Mode.PER_PROCESS, System.getenv("PATH"));
        assumeTrue(!prefix.isEmpty(), "setsid is on the PATH");
        long ownSession = session(ProcessHandle.current().pid());

        Process apart = sleeper(prefix);
        Process together = sleeper(SchedulingGroups.launchPrefix(SchedulingGroups.Mode.SHARED, System.getenv("PATH")));
        try {
            // setsid runs sleep in its own place: until it has, the process is still setsid, in this session.
            await().atMost(Duration.ofSeconds(10)).until(() -> command(apart.pid()).equals("sleep"));
            assertThat(session(apart.pid())).isEqualTo(apart.pid()).isNotEqualTo(ownSession);
            assertThat(session(together.pid())).isEqualTo(ownSession);
        } finally {
            apart.destroy();
            together.destroy();
        }
        // Stopped by the pid it was started with: the process the launcher holds is the one that runs.
        assertThat(apart.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(together.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Process sleeper(List<String> prefix) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sleep", "60"));
        return new ProcessBuilder(command).start();
    }

    /** The fields of /proc/<pid>/stat after the command's name, which may hold spaces, in parentheses. */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static long session(long pid) throws IOException {
        return Long.parseLong(statFields(pid)[3]);
    }

    private static String command(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }
}
