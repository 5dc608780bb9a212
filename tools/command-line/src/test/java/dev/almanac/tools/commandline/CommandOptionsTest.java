package dev.almanac.tools.commandline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
}
