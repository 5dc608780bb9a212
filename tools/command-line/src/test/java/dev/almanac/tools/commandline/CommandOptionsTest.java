package dev.almanac.tools.commandline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A program reads only the options it declares, and a typo stops it with a message that names the option. */
class CommandOptionsTest {

    private static CommandOptions parse(String... args) {
        return CommandOptions.parse("tool", List.of(args), Set.of("port", "rates", "offset"), Set.of("dry-run"));
    }

    @Test
    void readsValuesFlagsAndNumbersAndFallsBackWhereAnOptionIsNotGiven() {
        CommandOptions options = parse("--port", "8080", "--dry-run", "--rates", "100, 250");

        assertThat(options.value("port")).contains("8080");
        assertThat(options.value("offset")).isEmpty();
        assertThat(options.value("offset", "none")).isEqualTo("none");
        assertThat(options.flag("dry-run")).isTrue();
        assertThat(parse().flag("dry-run")).isFalse();
        assertThat(options.number("port", 1, 0)).isEqualTo(8080);
        assertThat(options.number("offset", 0, 7)).isEqualTo(7);
        assertThat(options.numbers("rates", 1, "500")).containsExactly(100, 250);
        assertThat(parse().numbers("rates", 1, "500")).containsExactly(500);
        assertThat(parse("--offset", "9000000000").number("offset", 0)).isEqualTo(Optional.of(9_000_000_000L));
    }

    @Test
    void refusesWhatItWasNotToldAboutAMissingValueAndNumbersOutOfRange() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOf(IllegalArgumentException.class).hasMessage("tool does not know --help");
        assertThatThrownBy(() -> parse("8080")).isInstanceOf(IllegalArgumentException.class).hasMessage("tool does not know 8080");
        assertThatThrownBy(() -> parse("--port")).isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a value");
        assertThatThrownBy(() -> parse("--port", "--dry-run")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> parse("--port", "eighty").number("port", 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port takes whole numbers, not eighty");
        assertThatThrownBy(() -> parse("--port", "0").number("port", 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be between 1 and 2147483647, not 0");
        assertThatThrownBy(() -> parse("--rates", "100,-1").numbers("rates", 1, "500")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--rates must be between 1 and");
    }

    @Test
    void readOrExitAnswersWhatTheReaderMadeOfTheArguments() {
        CommandOptions options = CommandOptions.readOrExit(new String[] {"--port", "8080"},
                args -> CommandOptions.parse("tool", args, Set.of("port"), Set.of()), "usage: tool [--port N]");

        assertThat(options.number("port", 1, 0)).isEqualTo(8080);
    }

    @Test
    void readOrExitEndsTheProgramWithTheRefusalAndTheUsageOnStandardErrorAndExitCodeTwo() throws IOException, InterruptedException {
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadOrExitProgram.class.getName(), "--help").start();

        assertThat(program.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(program.exitValue()).isEqualTo(2);
        assertThat(new String(program.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("tool does not know --help\n\n" + ReadOrExitProgram.USAGE + System.lineSeparator());
        assertThat(program.getInputStream().readAllBytes()).isEmpty();
    }

    /** A program that reads its one option with {@link CommandOptions#readOrExit} and prints it. */
    static final class ReadOrExitProgram {

        static final String USAGE = "usage: tool [--port N]";

        public static void main(String[] args) {
            CommandOptions options = CommandOptions.readOrExit(args,
                    given -> CommandOptions.parse("tool", given, Set.of("port"), Set.of()), USAGE);
            System.out.println(options.value("port", "none"));
        }
    }
}
