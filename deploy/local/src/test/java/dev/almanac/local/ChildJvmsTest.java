package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChildJvmsTest {

    @Test
    void aBackgroundChildIsStartedByNiceAtItsNiceness() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice")), "this system has no nice");

        List<String> command = ChildJvms.javaCommand(10);

        assertThat(command).hasSize(4);
        assertThat(Path.of(command.get(0)).getFileName()).hasToString("nice");
        assertThat(command.subList(1, 4)).containsExactly("-n", "10", ChildJvms.javaExecutable());
        // And nice runs the command in its own place, 10 above this JVM's niceness: the child's own view of it.
        int ours = Integer.parseInt(output(command.get(0)));
        assertThat(Integer.parseInt(output(command.get(0), "-n", "10", command.get(0)))).isEqualTo(Math.min(ours + 10, 19));
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor()).isZero();
        return output;
    }

    @Test
    void aChildAtNicenessZeroIsJavaAlone() {
        assertThat(ChildJvms.javaCommand(0)).containsExactly(ChildJvms.javaExecutable());
        assertThat(Service.RULE_EXPANDER.background()).isTrue();
        assertThat(Service.QUERY_SERVICE.background()).isFalse();
    }
}
