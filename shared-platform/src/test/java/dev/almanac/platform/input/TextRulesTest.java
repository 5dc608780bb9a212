package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void acceptsAnyWellFormedTextWithoutControlCharacters() {
        assertThat(TextRules.problem("Grand Ballroom — 🗓 日本語 tab\there\r\n")).isEmpty();
        assertThat(TextRules.problem("")).isEmpty();
    }

    @Test
    void refusesNulControlCharactersLoneSurrogatesAndNoncharacters() {
        assertThat(TextRules.problem("a\u0000b")).contains("contains NUL at position 1");
        assertThat(TextRules.problem("x\u001b[31m")).contains("contains the control character U+001B at position 1");
        assertThat(TextRules.problem("\u0085")).contains("contains the control character U+0085 at position 0");
        assertThat(TextRules.problem("a\ud800")).contains("contains an unpaired surrogate at position 1");
        assertThat(TextRules.problem("\udc00a")).contains("contains an unpaired surrogate at position 0");
        assertThat(TextRules.problem("\uffff")).contains("contains the noncharacter U+FFFF at position 0");
    }
}
