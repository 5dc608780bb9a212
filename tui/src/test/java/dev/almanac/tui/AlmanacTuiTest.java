package dev.almanac.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.almanac.tui.app.Options;
import dev.almanac.tui.view.Mode;

class AlmanacTuiTest {

    @Test
    void startsAgainstTheLocalStackInColourByDefault() {
        Options options = AlmanacTui.parse(new String[0], null, null, null);
        assertThat(options.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(options.plain()).isFalse();
        assertThat(options.view()).isEqualTo(Mode.MONTH);
        assertThat(options.identity().headers()).isEmpty();
    }

    @Test
    void takesABaseUrlATokenAndTheViewsStart() {
        Options options = AlmanacTui.parse(new String[] {"--base-url", "https://almanac.example.com", "--token=abc", "--zone",
                "Asia/Kathmandu", "--view", "week", "--calendar", "ops"}, null, null, null);
        assertThat(options.baseUrl()).isEqualTo(URI.create("https://almanac.example.com"));
        assertThat(options.identity().headers()).containsEntry("Authorization", "Bearer abc");
        assertThat(options.zone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(options.view()).isEqualTo(Mode.WEEK);
        assertThat(options.calendar()).isEqualTo("ops");
    }

    @Test
    void developmentModeActsAsTheUserNamed() {
        Options options = AlmanacTui.parse(new String[] {"--user", "alice", "--roles", "admin"}, null, null, null);
        assertThat(options.identity().headers()).containsEntry("X-Almanac-User", "alice").containsEntry("X-Almanac-Roles", "admin");
    }

    @Test
    void noColorOrPlainAsksForThePlainList() {
        assertThat(AlmanacTui.parse(new String[0], null, null, "1").plain()).isTrue();
        assertThat(AlmanacTui.parse(new String[0], null, null, "").plain()).isFalse();
        assertThat(AlmanacTui.parse(new String[] {"--plain"}, null, null, null).plain()).isTrue();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> AlmanacTui.parse(new String[] {"--zone", "Mars/Olympus"}, null, null, null))
                .hasMessageContaining("no IANA time zone");
        assertThatThrownBy(() -> AlmanacTui.parse(new String[] {"--colour"}, null, null, null)).hasMessageContaining("unknown option");
    }
}
