package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCompilersTest {

    @Test
    void onlyTheCompilerThreadsTimeOnACpuIsCounted(@TempDir Path tasks) throws IOException {
        thread(tasks, "101", "C2 CompilerThre", "4225893010 18502851594 3183");
        thread(tasks, "102", "C1 CompilerThre", "1336050729 6749018056 4831");
        thread(tasks, "103", "reactor-http-ep", "9000000000 100 7");
        thread(tasks, "104", "VM Thread", "500000000 100 7");

        assertThat(StackCompilers.of(tasks)).isEqualTo(Duration.ofNanos(4_225_893_010L + 1_336_050_729L));
    }

    @Test
    void aThreadThatEndedWhileReadIsLeftOutAndAMissingProcessCountsNothing(@TempDir Path tasks) throws IOException {
        thread(tasks, "101", "C2 CompilerThre", "2000000000 0 1");
        Files.createDirectories(tasks.resolve("102"));
        Files.writeString(tasks.resolve("102").resolve("comm"), "C1 CompilerThre\n");

        assertThat(StackCompilers.of(tasks)).isEqualTo(Duration.ofSeconds(2));
        assertThat(StackCompilers.of(tasks.resolve("gone"))).isZero();
    }

    @Test
    void theRealProcessHasCompilerThreadsAtWork() {
        Path self = Path.of("/proc/self/task");
        Assumptions.assumeTrue(Files.isDirectory(self), "Linux only");

        assertThat(StackCompilers.read(Map.of(StackCpu.LOAD_GENERATOR, List.of(ProcessHandle.current()))))
                .as("this JVM has compiled something by now").containsKey(StackCpu.LOAD_GENERATOR);
    }

    @Test
    void theLineGivesTheCoresInAllAndPerRoleTheBusiestFirst() {
        Map<String, Duration> spent = new LinkedHashMap<>();
        spent.put("query-service", Duration.ofSeconds(3));
        spent.put("command-service", Duration.ofSeconds(6));

        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(StackCompilers.cores(spent, Duration.ofSeconds(60))).isEqualTo(0.15);
        assertThat(StackCompilers.describe(spent, Duration.ofSeconds(60)))
                .isEqualTo("0.15 cores of " + cores + " (command-service 0.10, query-service 0.05)");
        assertThat(StackCompilers.describe(Map.of(), Duration.ofSeconds(60))).startsWith("n/a");
    }

    @Test
    void hotSpotsCompilerThreadsAreRecognisedByTheirCutNames() {
        assertThat(StackCompilers.isCompiler("C2 CompilerThre")).isTrue();
        assertThat(StackCompilers.isCompiler("C1 CompilerThre")).isTrue();
        assertThat(StackCompilers.isCompiler("GC Thread#0")).isFalse();
        assertThat(StackCompilers.isCompiler("CompilerThread")).isFalse();
    }

    private static void thread(Path tasks, String id, String name, String schedstat) throws IOException {
        Path thread = Files.createDirectories(tasks.resolve(id));
        Files.writeString(thread.resolve("comm"), name + "\n");
        Files.writeString(thread.resolve("schedstat"), schedstat + "\n");
    }
}
