package dev.almanac.platform.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void readsBackWhatItWrote() {
        for (ConsistencyToken token : new ConsistencyToken[] {ConsistencyToken.item("item-review", 0),
                ConsistencyToken.calendar("cal-ballroom", 7), ConsistencyToken.rule("rule-nightly", 999_999_999_999_999_999L),
                ConsistencyToken.run("run-1", 2), ConsistencyToken.changeRequest("chg-weekly-move", 1),
                ConsistencyToken.resource("res-projector", 3)}) {
            assertThat(ConsistencyToken.decode(token.encode())).contains(token);
            assertThat(token.encode()).matches("[A-Za-z0-9_-]+");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%%%", "not base64!", "MXxpfGl0ZW18LTE", "\u0000"})
    void refusesWhatItDidNotWrite(String token) {
        assertThat(ConsistencyToken.decode(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2|i|item-a|1", "1|x|item-a|1", "1|i|item a|1", "1|i||1", "1|i|item-a|-1", "1|i|item-a|1234567890123456789",
            "1|i|item-a|1|2", "1|i|item-a|", "1|i|item-a|１"})
    void refusesTokensThatAreWellEncodedButWrong(String plain) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        assertThat(ConsistencyToken.decode(encoded)).isEmpty();
    }
}
