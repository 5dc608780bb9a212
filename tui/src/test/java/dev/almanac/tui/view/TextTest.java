package dev.almanac.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void fitCountsWideCharactersAsTwoColumns() {
        assertThat(Text.fit("会議", 6)).isEqualTo("会議  ");
        assertThat(Text.fit("会議室の予約", 7)).isEqualTo("会議室…");
        assertThat(Text.width(Text.fit("会議室の予約", 6))).isEqualTo(6);
    }

    @Test
    void cleanTakesOutControlsAndBidiOverrides() {
        assertThat(Text.clean("a\u202Eb\u2066c\u0007d")).isEqualTo("abc d");
    }

    @Test
    void sliceReplacesAWideCharacterCutByAnEdgeWithSpaces() {
        AttributedString line = new AttributedString("ab会cd");
        assertThat(Text.slice(line, 0, 3).toString()).isEqualTo("ab ");
        assertThat(Text.slice(line, 3, 6).toString()).isEqualTo(" cd");
        assertThat(Text.slice(line, 0, 8).toString()).isEqualTo("ab会cd  ");
    }
}
